//! The wildfire hazard in the engine: wraps [`crate::fire`] as a domain.
//!
//! At build it maps each land class to its fuel model (the scenario's
//! `fuel_models`), derives slope and upslope direction from the elevation
//! grid, and sets the timed ignitions; an inject firing `Ignite(place)`
//! adds one at that minute, which is how another hazard's condition starts a
//! fire (Natech). Each tick of the Hazard phase it makes the
//! fuel beds for the current moisture (`WeatherNow::fuel_moisture_pct` as
//! the dead 1-h moisture; 10-h and 100-h one and two points wetter, the
//! steps of Scott & Burgan's 2005 dead-moisture scenarios D1–D4; live herb
//! 60 % and woody 90 %, their L2 scenario), turns the 10-m wind into the
//! midflame wind of each fuel (÷1.15 to 20 ft, then the unsheltered wind
//! adjustment factor of Albini & Baughman 1979), and advances the
//! minimum-travel-time front to the end of the tick. Cells that ignite in
//! the tick carry their Rothermel flame length in the layer
//! `fire_flame_length_m`; a cell's flaming front lasts its residence time,
//! under a minute for every standard model, so the layer shows the front
//! of this tick only.
//!
//! Effects, read by people, traffic and logistics through the layer: roads
//! close to every vehicle under flame; depots and shelters in the flames
//! are lost; households at home when the front reaches them leave at once
//! and are counted injured — a planning rule, because no published
//! fire-fatality function goes with the surface model, so the fire kills no
//! one in the engine (said, not hidden: `lethality` is zero).
//!
//! Suppression ([`suppression`]): `AttackFire` sends crews that build line
//! along the fire's edge at the published production rates, where the
//! flames allow; lined cells no longer burn.
//!
//! Spotting ([`spots`]), when the scenario asks for it: firebrands from the
//! cells lit each tick land Albini's distance downwind and light fuel with
//! Schroeder's probability. Mop-up ([`mopup`]) follows containment.
//!
//! Smoke, when the scenario gives `smoke` ([`smoke`]): the front's smoke
//! rides the wind as buoyant Gaussian puffs and closes the roads where one
//! cannot see far enough.
//!
//! Buildings, when the scenario gives `structures`: the built-up classes
//! burn from building to building at Hamada's rates ([`crate::fire::hamada`])
//! in the wind of the moment, and are reached from burning vegetation (a
//! crossing is half at each cell's rate) or by embers. A burning building
//! has no Rothermel flame: it is shown on its own layer,
//! `fire_buildings_burning` (1 in the tick it catches), which the fire's
//! effects read beside the flame; crews build no line through buildings,
//! and a burning building casts no firebrands (Albini's distance needs a
//! flame length).

mod effects;
mod mopup;
mod perimeter;
mod slope;
mod smoke;
mod spots;
mod suppression;

use crate::engine::rng::uniform01;
use crate::engine::{Clock, EventLog, Phase, Recorder, RunResults, SimBuilder, Streams};
use crate::fire::fuels::{self, FuelModel};
use crate::fire::hamada::Blocks;
use crate::fire::rothermel::{FT_MIN_PER_MPH, Fuelbed, Moisture, Spread};
use crate::fire::smoke::FrontYield;
use crate::fire::spread::{Front, Rates};
use crate::fire::wind;
use crate::scenario::model::{Event, Hazard, LandClass};
use crate::world::hazard::{self, Hazards, LayerId, LayerSpec};
use crate::world::plan::InjectFired;
use crate::world::weather::WeatherNow;
use bevy_ecs::prelude::*;
use effects::FireEffects;
use serde_json::json;
use std::collections::BTreeMap;

/// The fire's layer: flame length of the cells the front reaches this tick, m.
pub const FLAME_LENGTH: &str = "fire_flame_length_m";
/// With `structures`: 1 on built-up cells whose buildings catch this tick.
pub const BUILDINGS_BURNING: &str = "fire_buildings_burning";
/// `Fire::fuel` of a built-up cell that burns at Hamada's rates.
const STRUCTURE: u8 = u8::MAX;
/// Dead 1-h moisture when the weather gives none: 6 %, Scott & Burgan's D2.
pub const DEFAULT_DEAD_1H_PCT: f64 = 6.0;
pub(crate) const M_PER_FT: f64 = 0.3048;
const MPH_PER_MS: f64 = 2.236_936;

#[derive(Resource)]
pub struct Fire {
    front: Front,
    /// Fuel model of each cell, an index into `models` ([`STRUCTURE`]:
    /// buildings, at `blocks`' rates); `None` does not burn.
    fuel: Vec<Option<u8>>,
    blocks: Option<Blocks>,
    models: Vec<&'static FuelModel>,
    /// Slope (rise/run) and upslope azimuth (degrees from north) per cell.
    slope: Vec<(f64, f64)>,
    /// Each ignition not yet lit: its cells, minute, and whether one of
    /// them is drawn at random (then only burnable cells are listed, unless
    /// the place has none).
    pending: Vec<Pending>,
    /// Injects that fire `Ignite(place)`: (inject index, the place's cells).
    ignite_injects: Vec<(usize, Vec<usize>)>,
    cell_km2: f64,
    cell_m: f64,
    burnt_cells: usize,
    perimeter: perimeter::Perimeter,
    spotter: Option<spots::Spotter>,
    spot_fires: usize,
    max_flame_m: f64,
    layer: LayerId,
    buildings_layer: Option<LayerId>,
    /// Cells whose buildings the buildings layer shows now (caught last tick).
    catching: Vec<usize>,
    /// Built-up cells (their buildings are lost when they burn).
    built: Vec<bool>,
    built_lost: usize,
    first_ignition_min: Option<f64>,
    line: suppression::Line,
    mop_up: mopup::MopUp,
    /// Minute the fire was declared out: burnt out with no line, or
    /// contained and mopped up.
    out_min: Option<f64>,
    /// Cells whose flames the layer shows now (lit last tick).
    flaming: Vec<usize>,
    smoke: Option<smoke::Smoke>,
    /// The weather the front's rates were asked in last (moisture, wind
    /// speed and direction, as bits).
    conditions: Option<[u64; 3]>,
}

struct FireRates<'a> {
    fuel: &'a [Option<u8>],
    /// Buildings' ellipse in this wind: head rate (ft/min), eccentricity.
    urban: Option<(f64, f64)>,
    lined: &'a [bool],
    slope: &'a [(f64, f64)],
    beds: Vec<Option<Fuelbed>>,
    /// Midflame wind per fuel model, ft/min, and the azimuth it blows toward.
    midflame: Vec<f64>,
    wind_to: f64,
}

impl FireRates<'_> {
    /// Buildings burn here (no flame, no line, no firebrands).
    fn structure(&self, cell: usize) -> bool {
        self.fuel[cell] == Some(STRUCTURE)
    }
}

impl Rates for FireRates<'_> {
    fn head(&self, cell: usize) -> Option<(Spread, f64)> {
        if self.lined.get(cell).copied().unwrap_or(false) {
            return None;
        }
        let k = self.fuel[cell]?;
        if k == STRUCTURE {
            let (ros, e) = self.urban?;
            let s = Spread {
                ros,
                direction_deg: 0.0,
                effective_wind: 0.0,
                length_to_width: 1.0 / (1.0 - e * e).sqrt(),
                eccentricity: e,
                backing: ros * (1.0 - e) / (1.0 + e),
                flanking: ros * (1.0 - e),
                fireline_intensity: 0.0,
                flame_length: 0.0,
            };
            return (ros > 0.0).then_some((s, self.wind_to));
        }
        let k = k as usize;
        let bed = self.beds[k].as_ref()?;
        let (tan, up) = self.slope[cell];
        // On flat ground "upslope" is taken as the wind's direction.
        let up = if tan < 1e-6 { self.wind_to } else { up };
        let s = bed.spread(self.midflame[k], self.wind_to - up, tan);
        (s.ros > 0.0).then_some((s, up + s.direction_deg))
    }
}

/// An ignition not yet lit.
struct Pending {
    cells: Vec<usize>,
    at_min: f64,
    random_cell: bool,
    /// The scenario's first ignition: where crews anchor.
    first: bool,
}

pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let Some(spec) = ctx
        .scenario
        .hazards
        .iter()
        .find_map(|h| if let Hazard::Fire(f) = h { Some(f.clone()) } else { None })
    else {
        return;
    };
    let c = &ctx.compiled;
    let t = &c.terrain;
    let (cols, rows) = (t.dims.cols, t.dims.rows);
    let mut models: Vec<&'static FuelModel> = Vec::new();
    let mut by_class = BTreeMap::new();
    for (class, number) in &spec.fuel_models {
        if let Some(m) = fuels::find(&number.to_string()) {
            let k = models.iter().position(|x| x.number == m.number).unwrap_or_else(|| {
                models.push(m);
                models.len() - 1
            });
            by_class.insert(*class, k as u8);
        }
    }
    let blocks = spec.structures.as_ref().map(|st| Blocks {
        side_m: st.side_m.value().max(1.0),
        separation_m: st.separation_m.value().max(0.0),
        fire_resistant: st.fire_resistant_share.value().clamp(0.0, 1.0),
    });
    let fuel: Vec<Option<u8>> = t
        .land
        .iter()
        .map(|class| {
            if blocks.is_some() && class.built_up() {
                Some(STRUCTURE)
            } else {
                by_class.get(class).copied()
            }
        })
        .collect();
    let pending = spec
        .ignitions
        .iter()
        .enumerate()
        .map(|(k, ig)| {
            let mut cells = c.cells_of(&ig.place);
            if ig.random_cell && cells.iter().any(|&cell| fuel[cell].is_some()) {
                cells.retain(|&cell| fuel[cell].is_some());
            }
            Pending {
                cells,
                at_min: ig.at.secs() / 60.0,
                random_cell: ig.random_cell,
                first: k == 0,
            }
        })
        .collect();
    let ignite_injects = ctx
        .scenario
        .injects
        .iter()
        .enumerate()
        .filter_map(|(i, inj)| match &inj.event {
            Event::Ignite(place) => Some((i, c.cells_of(place))),
            _ => None,
        })
        .collect();
    let slope = slope::slopes(&t.elevation, cols, rows, t.cell_m);
    let (cell_ft, cell_km2, cell_m) = (t.cell_m / M_PER_FT, t.cell_m * t.cell_m / 1e6, t.cell_m);
    let built = t
        .land
        .iter()
        .map(|c| matches!(c, LandClass::Residential | LandClass::Commercial | LandClass::Industrial))
        .collect();
    let origin = spec.ignitions.first().map(|ig| crate::compile::middle_cell(&c.cells_of(&ig.place)));
    let line = suppression::Line::new(cols, rows, t.cell_m, origin, suppression::builders(ctx));
    let mop_up = mopup::MopUp::new(mopup::crews_able(ctx));
    let layer = hazard::publish(
        b,
        LayerSpec {
            name: FLAME_LENGTH,
            hazard: "fire",
            title: "Flame length",
            unit: "m",
            classes: vec![0.01, 1.2, 2.4, 3.4],
            peak_raster: Some("max_flame_length_m"),
            snapshot_stem: Some("flame"),
            thresholds: vec![("p_burnt", 0.01, "probability that the cell burns")],
        },
    );
    let buildings_layer = blocks.is_some().then(|| {
        hazard::publish(
            b,
            LayerSpec {
                name: BUILDINGS_BURNING,
                hazard: "fire",
                title: "Buildings burnt",
                unit: "",
                classes: vec![0.5],
                peak_raster: Some("buildings_burnt"),
                snapshot_stem: None,
                thresholds: vec![("p_buildings_burnt", 0.5, "probability that the cell's buildings burn")],
            },
        )
    });
    hazard::register_effects(
        b,
        FireEffects {
            flame: layer,
            buildings: buildings_layer,
        },
    );
    let smoke = (spec.smoke.as_ref()).map(|sm| smoke::build(b, sm, crate::chem::cloud::Grid { cols, rows, cell_m }));
    b.world.insert_resource(Fire {
        built,
        built_lost: 0,
        first_ignition_min: None,
        line,
        mop_up,
        out_min: None,
        flaming: Vec::new(),
        smoke,
        conditions: None,
        front: Front::new(cols, rows, cell_ft),
        fuel,
        blocks,
        models,
        slope,
        pending,
        ignite_injects,
        cell_km2,
        cell_m,
        burnt_cells: 0,
        perimeter: perimeter::Perimeter::new(cols, rows),
        spotter: spec.spotting.as_ref().map(|sp| spots::Spotter::new(sp, cols, rows, cell_m)),
        spot_fires: 0,
        max_flame_m: 0.0,
        layer,
        buildings_layer,
        catching: Vec::new(),
    });
    b.add_in_build_order(Phase::Hazard, step_fire);
    b.add_recorder(record_fire);
    b.declare_metrics([
        "fire.area_burnt_km2",
        "fire.max_flame_length_m",
        "fire.built_cells_lost",
        "fire.initial_attack_min",
        "fire.line_built_km",
        "fire.containment",
        "fire.perimeter_km",
        "fire.spot_fires",
        "fire.time_to_out_min",
        "fire.mopped_up_km2",
    ]);
    suppression::build(b);
    mopup::build(b);
    b.add_finisher(finish);
}

/// How fast each cell burns in this weather: the fuel beds for the current
/// moisture and each model's midflame wind.
fn rates<'a>(
    fuel: &'a [Option<u8>],
    blocks: Option<&Blocks>,
    lined: &'a [bool],
    slope: &'a [(f64, f64)],
    models: &[&FuelModel],
    weather: &WeatherNow,
) -> FireRates<'a> {
    let moisture = Moisture::from_dead_1h(weather.fuel_moisture_pct.unwrap_or(DEFAULT_DEAD_1H_PCT) / 100.0);
    let wind20_mph = wind::twenty_ft_from_ten_m(weather.wind_speed_ms * MPH_PER_MS);
    FireRates {
        fuel,
        // Hamada's wind is the surface wind the weather gives (10 m).
        urban: blocks.map(|b| {
            let (head_m_min, e) = b.rates(weather.wind_speed_ms).ellipse();
            (head_m_min / M_PER_FT, e)
        }),
        lined,
        slope,
        beds: models.iter().map(|m| Fuelbed::new(m, &moisture)).collect(),
        midflame: models
            .iter()
            .map(|m| wind20_mph * wind::adjustment_factor(0.0, 0.0, m.depth_ft) * FT_MIN_PER_MPH)
            .collect(),
        wind_to: (weather.wind_from_deg + 180.0).rem_euclid(360.0),
    }
}

fn step_fire(
    clock: Res<Clock>,
    weather: Res<WeatherNow>,
    mut fired: MessageReader<InjectFired>,
    mut fire: ResMut<Fire>,
    mut hazards: ResMut<Hazards>,
    mut streams: ResMut<Streams>,
    mut log: ResMut<EventLog>,
) {
    let (now_min, end_min) = (clock.now_s() / 60.0, clock.next_s() / 60.0);
    // Split the borrow: the front advances while the rates read the grids.
    let fire = &mut *fire;
    for f in fired.read() {
        if let Some((_, cells)) = fire.ignite_injects.iter().find(|(i, _)| *i == f.index) {
            // Crews anchor at the first place set alight.
            if fire.first_ignition_min.is_none() {
                fire.line.set_origin(crate::compile::middle_cell(cells));
            }
            fire.pending.push(Pending {
                cells: cells.clone(),
                at_min: now_min,
                random_cell: false,
                first: false,
            });
        }
    }
    for ig in fire.pending.extract_if(.., |ig| ig.at_min < end_min) {
        let at = ig.at_min.max(now_min);
        fire.first_ignition_min.get_or_insert(at);
        if ig.random_cell {
            let k = (uniform01(streams.get("fire.ignition")) * ig.cells.len() as f64) as usize;
            let cell = ig.cells[k.min(ig.cells.len() - 1)];
            if ig.first {
                fire.line.set_origin(cell);
            }
            log.push(
                clock.now_s(),
                "random_ignition",
                "fire",
                &[("cell", json!(cell)), ("at_min", json!(at))],
            );
            fire.front.ignite(cell, at);
        } else {
            for cell in ig.cells {
                fire.front.ignite(cell, at);
            }
        }
    }
    let rates = rates(
        &fire.fuel,
        fire.blocks.as_ref(),
        &fire.line.lined,
        &fire.slope,
        &fire.models,
        &weather,
    );
    // The rates are a pure function of the weather's moisture and wind and
    // of the line: while those stand, the front keeps the rates it has.
    let conditions = [
        weather.fuel_moisture_pct.unwrap_or(DEFAULT_DEAD_1H_PCT).to_bits(),
        weather.wind_speed_ms.to_bits(),
        weather.wind_from_deg.to_bits(),
    ];
    let lit = if fire.conditions == Some(conditions) {
        fire.front.advance_in_same_conditions(end_min, &rates, &fire.line.newly_lined)
    } else {
        fire.front.advance(end_min, &rates)
    };
    fire.conditions = Some(conditions);
    fire.line.newly_lined.clear();
    let mut values = Vec::with_capacity(lit.len());
    let mut caught = Vec::new();
    let mut lit_flame_ft = Vec::with_capacity(if fire.spotter.is_some() { lit.len() } else { 0 });
    let yields: Vec<Option<FrontYield>> = match fire.smoke {
        Some(_) => fire
            .models
            .iter()
            .zip(&rates.beds)
            .map(|(m, bed)| bed.as_ref().map(|bed| FrontYield::of(m, bed)))
            .collect(),
        None => Vec::new(),
    };
    let mut smoking = Vec::with_capacity(if fire.smoke.is_some() { lit.len() } else { 0 });
    let cell_m2 = fire.cell_m * fire.cell_m;
    for &cell in &lit {
        if rates.structure(cell) {
            caught.push(cell);
            continue;
        }
        let flame_ft = rates.head(cell).map_or(0.0, |(s, _)| s.flame_length);
        if fire.spotter.is_some() {
            lit_flame_ft.push((cell, flame_ft));
        }
        let flame = flame_ft * M_PER_FT;
        values.push((cell, flame as f32));
        if let Some(y) = fire.fuel[cell].and_then(|k| yields.get(k as usize).copied().flatten()) {
            smoking.push(smoke::Lit {
                cell,
                heat_j: y.heat_j_m2 * cell_m2,
                extinction_m2: y.extinction * cell_m2,
            });
        }
        fire.max_flame_m = fire.max_flame_m.max(flame);
    }
    fire.burnt_cells += lit.len();
    for &cell in &lit {
        fire.perimeter.add(cell);
    }
    fire.built_lost += lit.iter().filter(|c| fire.built[**c]).count();
    fire.line.burnt(&lit, &fire.front, &fire.fuel);
    if let (Some(spotter), Some(temp_c)) = (&fire.spotter, weather.temperature_c) {
        let air = spots::EmberWeather {
            wind20_mph: wind::twenty_ft_from_ten_m(weather.wind_speed_ms * MPH_PER_MS),
            wind_to_deg: (weather.wind_from_deg + 180.0).rem_euclid(360.0),
            dead_1h: weather.fuel_moisture_pct.unwrap_or(DEFAULT_DEAD_1H_PCT) / 100.0,
            air_f: temp_c * 9.0 / 5.0 + 32.0,
        };
        let (front, fuel, lined, pending) = (&fire.front, &fire.fuel, &fire.line.lined, &fire.pending);
        let receptive = |c: usize| fuel[c].is_some() && !front.burnt(c) && !lined[c] && !pending.iter().any(|ig| ig.cells.contains(&c));
        let spots = spotter.cast(&lit_flame_ft, &air, receptive, streams.get("hazard"));
        for s in spots {
            log.push(
                clock.next_s(),
                "spot_fire",
                "fire",
                &[
                    ("cell", json!(s.cell)),
                    ("from", json!(s.from)),
                    ("distance_m", json!(s.distance_m)),
                ],
            );
            fire.pending.push(Pending {
                cells: vec![s.cell],
                at_min: end_min,
                random_cell: false,
                first: false,
            });
            fire.spot_fires += 1;
        }
    }
    if let Some(sm) = &mut fire.smoke {
        let air = crate::chem::cloud::Air {
            speed_ms: weather.wind_speed_ms,
            from_deg: weather.wind_from_deg,
            class: weather.stability,
            air_k: weather.temperature_c.unwrap_or(20.0) + 273.15,
        };
        sm.step(&smoking, air, clock.next_s() - clock.now_s(), &mut hazards);
    }
    // The layer holds the flames of this tick's newly burning cells only.
    hazards.write_cells(fire.layer, &fire.flaming, values.iter().copied());
    fire.flaming.clear();
    fire.flaming.extend(values.iter().map(|(cell, _)| *cell));
    if let Some(id) = fire.buildings_layer {
        hazards.write_cells(id, &fire.catching, caught.iter().map(|c| (*c, 1.0f32)));
        fire.catching = caught;
    }
}

fn record_fire(fire: Res<Fire>, mut rec: ResMut<Recorder>) {
    rec.set("fire_area_km2", fire.burnt_cells as f64 * fire.cell_km2);
    rec.set("fire_line_km", fire.line.built_m / 1000.0);
    rec.set("fire_perimeter_km", fire.perimeter.km(fire.cell_m));
    if let Some(sm) = &fire.smoke {
        rec.set("fire_smoke_closed_km2", sm.closed_km2);
    }
}

fn finish(world: &mut World, out: &mut RunResults) {
    let fire = world.resource::<Fire>();
    out.metrics
        .insert("fire.area_burnt_km2".into(), fire.burnt_cells as f64 * fire.cell_km2);
    out.metrics.insert("fire.max_flame_length_m".into(), fire.max_flame_m);
    out.metrics.insert("fire.built_cells_lost".into(), fire.built_lost as f64);
    let attack = match (fire.first_ignition_min, fire.line.first_line_min) {
        (Some(lit), Some(line)) => (line - lit).max(0.0),
        _ => f64::NAN,
    };
    out.metrics.insert("fire.initial_attack_min".into(), attack);
    out.metrics.insert("fire.line_built_km".into(), fire.line.built_m / 1000.0);
    out.metrics.insert("fire.containment".into(), fire.line.containment(&fire.front));
    out.metrics.insert("fire.perimeter_km".into(), fire.perimeter.km(fire.cell_m));
    out.metrics.insert("fire.spot_fires".into(), fire.spot_fires as f64);
    let to_out = match (fire.first_ignition_min, fire.out_min) {
        (Some(lit), Some(out)) => (out - lit).max(0.0),
        _ => f64::NAN,
    };
    out.metrics.insert("fire.time_to_out_min".into(), to_out);
    out.metrics.insert("fire.mopped_up_km2".into(), fire.mop_up.done_ha / 100.0);
    if let Some(sm) = &fire.smoke {
        out.metrics.insert("fire.smoke_closed_km2_max".into(), sm.max_closed_km2);
    }
    out.rasters.insert("fire_line".into(), fire.line.raster());
    let arrival: Vec<f32> = fire
        .front
        .arrival_min
        .iter()
        .enumerate()
        .map(|(i, t)| if fire.front.burnt(i) { *t as f32 } else { f32::NAN })
        .collect();
    out.rasters.insert("fire_arrival_min".into(), arrival);
}
