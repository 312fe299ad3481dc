//! Every uncertain number in a scenario, in document order.
//!
//! [`for_each_param`] walks the scenario's parameters with their paths. It is
//! the single list both validation (impossible distributions) and sampling
//! (one uniform draw per parameter, see [`crate::sampling`]) rely on, so a new
//! parameter field must be added here once.

use super::model::*;
use super::tree::Path;
use super::units::{Duration, Param};

pub enum ParamMut<'a> {
    Num(&'a mut Param<f64>),
    Dur(&'a mut Param<Duration>),
}

impl ParamMut<'_> {
    pub fn problem(&self) -> Option<super::Said> {
        match self {
            ParamMut::Num(p) => p.problem(),
            ParamMut::Dur(p) => p.problem(),
        }
    }
    pub fn is_uncertain(&self) -> bool {
        match self {
            ParamMut::Num(p) => p.is_uncertain(),
            ParamMut::Dur(p) => p.is_uncertain(),
        }
    }
    /// Replace the distribution with its value at uniform draw `u`; returns the value
    /// (seconds for durations).
    pub fn fix(&mut self, u: f64) -> f64 {
        match self {
            ParamMut::Num(p) => {
                let v = p.resolve(u);
                **p = Param::Fixed(v);
                v
            }
            ParamMut::Dur(p) => {
                let v = p.resolve(u);
                **p = Param::Fixed(v);
                v.0
            }
        }
    }
}

fn num<'a>(f: &mut dyn FnMut(Path, ParamMut<'a>), p: Path, v: &'a mut Param<f64>) {
    f(p, ParamMut::Num(v));
}
fn dur<'a>(f: &mut dyn FnMut(Path, ParamMut<'a>), p: Path, v: &'a mut Param<Duration>) {
    f(p, ParamMut::Dur(v));
}
fn opt<'a>(f: &mut dyn FnMut(Path, ParamMut<'a>), p: Path, v: &'a mut Option<Param<f64>>) {
    if let Some(v) = v {
        num(f, p, v);
    }
}
fn map<'a>(f: &mut dyn FnMut(Path, ParamMut<'a>), p: Path, m: &'a mut std::collections::BTreeMap<String, Param<f64>>) {
    for (k, v) in m.iter_mut() {
        num(f, p.key(k), v);
    }
}
fn series<'a>(f: &mut dyn FnMut(Path, ParamMut<'a>), p: Path, s: &'a mut [(Duration, Param<f64>)]) {
    for (i, (_, v)) in s.iter_mut().enumerate() {
        num(f, p.index(i).index(1), v);
    }
}

/// Visit every parameter of the scenario in a fixed, documented order.
pub fn for_each_param<'a>(s: &'a mut Scenario, f: &mut dyn FnMut(Path, ParamMut<'a>)) {
    let root = Path::root();
    let w = root.field("weather");
    for (i, wind) in s.weather.wind.iter_mut().enumerate() {
        num(f, w.field("wind").index(i).field("speed_ms"), &mut wind.speed_ms);
        num(f, w.field("wind").index(i).field("from_deg"), &mut wind.from_deg);
    }
    series(f, w.field("rain_mm_h"), &mut s.weather.rain_mm_h);
    opt(f, w.field("temperature_c"), &mut s.weather.temperature_c);
    opt(f, w.field("fuel_moisture_pct"), &mut s.weather.fuel_moisture_pct);
    for (i, h) in s.hazards.iter_mut().enumerate() {
        let hp = root.field("hazards").index(i);
        match h {
            Hazard::Flood(fl) => {
                for (j, inflow) in fl.inflows.iter_mut().enumerate() {
                    series(f, hp.field("inflows").index(j).field("hydrograph"), &mut inflow.hydrograph);
                }
                for (j, b) in fl.initial_water.iter_mut().enumerate() {
                    num(f, hp.field("initial_water").index(j).field("level_m"), &mut b.level_m);
                }
                for (j, l) in fl.levees.iter_mut().enumerate() {
                    num(f, hp.field("levees").index(j).field("crest_m"), &mut l.crest_m);
                    opt(
                        f,
                        hp.field("levees").index(j).field("breach_when_overtopped_m"),
                        &mut l.breach_when_overtopped_m,
                    );
                }
                for (j, pm) in fl.pumps.iter_mut().enumerate() {
                    num(f, hp.field("pumps").index(j).field("rate_m3s"), &mut pm.rate_m3s);
                }
            }
            Hazard::Fire(fi) => {
                if let Some(sp) = &mut fi.spotting {
                    num(f, hp.field("spotting").field("firebrands_per_ha"), &mut sp.firebrands_per_ha);
                }
                if let Some(st) = &mut fi.structures {
                    let sp = hp.field("structures");
                    num(f, sp.field("side_m"), &mut st.side_m);
                    num(f, sp.field("separation_m"), &mut st.separation_m);
                    num(f, sp.field("fire_resistant_share"), &mut st.fire_resistant_share);
                }
                if let Some(sm) = &mut fi.smoke {
                    num(f, hp.field("smoke").field("close_roads_below_m"), &mut sm.close_roads_below_m);
                    num(f, hp.field("smoke").field("ground_share"), &mut sm.ground_share);
                }
            }
            Hazard::Release(r) => {
                opt(f, hp.field("rate_kg_s"), &mut r.rate_kg_s);
                opt(f, hp.field("mass_kg"), &mut r.mass_kg);
                opt(f, hp.field("indoor_ach"), &mut r.indoor_ach);
                opt(f, hp.field("sealed_ach"), &mut r.sealed_ach);
                if let Some(t) = &mut r.tank {
                    let tp = hp.field("tank");
                    num(f, tp.field("liquid_kg"), &mut t.liquid_kg);
                    num(f, tp.field("density_kg_m3"), &mut t.density_kg_m3);
                    num(f, tp.field("section_m2"), &mut t.section_m2);
                    opt(f, tp.field("gauge_kpa"), &mut t.gauge_kpa);
                    num(f, tp.field("hole_diameter_mm"), &mut t.hole_diameter_mm);
                }
            }
        }
    }
    for (i, z) in s.population.iter_mut().enumerate() {
        let p = root.field("population").index(i);
        num(f, p.field("residents"), &mut z.residents);
        num(f, p.field("household_size"), &mut z.household_size);
        num(f, p.field("cars_per_household"), &mut z.cars_per_household);
        num(f, p.field("vulnerable_share"), &mut z.vulnerable_share);
        num(f, p.field("compliance"), &mut z.compliance);
        dur(f, p.field("departure_delay_mean"), &mut z.departure_delay_mean);
    }
    for (i, c) in s.warning_channels.iter_mut().enumerate() {
        let p = root.field("warning_channels").index(i);
        num(f, p.field("reach"), &mut c.reach);
        dur(f, p.field("delay"), &mut c.delay);
    }
    for (i, sh) in s.shelters.iter_mut().enumerate() {
        let p = root.field("shelters").index(i);
        num(f, p.field("capacity"), &mut sh.capacity);
        map(f, p.field("supplies"), &mut sh.supplies);
    }
    for (i, h) in s.hospitals.iter_mut().enumerate() {
        num(f, root.field("hospitals").index(i).field("beds"), &mut h.beds);
    }
    for (i, k) in s.team_kinds.iter_mut().enumerate() {
        let p = root.field("team_kinds").index(i);
        num(f, p.field("speed_kmh"), &mut k.speed_kmh);
        opt(f, p.field("rescue_per_hour"), &mut k.rescue_per_hour);
        opt(f, p.field("pump_m3s"), &mut k.pump_m3s);
        opt(f, p.field("sandbag_m_per_hour"), &mut k.sandbag_m_per_hour);
        opt(f, p.field("mop_up_ha_per_hour"), &mut k.mop_up_ha_per_hour);
        opt(f, p.field("decon_people_per_hour"), &mut k.decon_people_per_hour);
        map(f, p.field("supplies_per_hour"), &mut k.supplies_per_hour);
        if let Some(crate::scenario::model::Fireline::WetLine { m_per_hour }) = &mut k.fireline {
            num(f, p.field("fireline").field("m_per_hour"), m_per_hour);
        }
        if let Some(m) = &mut k.mobilisation {
            dur(f, p.field("mobilisation"), m);
        }
    }
    for (i, t) in s.teams.iter_mut().enumerate() {
        if let Some(r) = &mut t.ready_after {
            dur(f, root.field("teams").index(i).field("ready_after"), r);
        }
    }
    for (i, d) in s.depots.iter_mut().enumerate() {
        let p = root.field("depots").index(i);
        map(f, p.field("stock"), &mut d.stock);
        for (j, a) in d.agreements.iter_mut().enumerate() {
            num(f, p.field("agreements").index(j).field("quantity"), &mut a.quantity);
            dur(f, p.field("agreements").index(j).field("lead_time"), &mut a.lead_time);
        }
    }
    for (i, c) in s.convoys.iter_mut().enumerate() {
        let p = root.field("convoys").index(i);
        dur(f, p.field("depart"), &mut c.depart);
        map(f, p.field("cargo"), &mut c.cargo);
    }
    dur(f, root.field("plan").field("report_delay"), &mut s.plan.report_delay);
    for (i, inj) in s.injects.iter_mut().enumerate() {
        let p = root.field("injects").index(i);
        if let Some(at) = &mut inj.at {
            dur(f, p.field("at"), at);
        }
        match &mut inj.event {
            Event::ExtraRain { mm_h, .. } => num(f, p.field("event").field("mm_h"), mm_h),
            Event::WindShift { speed_ms, from_deg } => {
                num(f, p.field("event").field("speed_ms"), speed_ms);
                num(f, p.field("event").field("from_deg"), from_deg);
            }
            _ => {}
        }
    }
    // Last, so that needs do not shift the draws of the parameters above.
    let c = root.field("consumption");
    map(f, c.field("per_person_per_day"), &mut s.consumption.per_person_per_day);
    map(f, c.field("per_person"), &mut s.consumption.per_person);
}

/// Paths of the parameters that are uncertain, in sampling order.
pub fn uncertain_paths(s: &Scenario) -> Vec<String> {
    let mut copy = s.clone();
    let mut out = Vec::new();
    for_each_param(&mut copy, &mut |p, v| {
        if v.is_uncertain() {
            out.push(p.to_string());
        }
    });
    out
}
