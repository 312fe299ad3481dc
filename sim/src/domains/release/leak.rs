//! One source of the drill's substance and the cloud it feeds.
//!
//! A drill may have several releases of one substance — two stores hit by
//! the same flood, a tank farm the fire reaches after the flood has opened
//! a warehouse. Each is a [`Leak`]: it starts on its own (`at`, or an
//! inject's `StartRelease(id)`), has its own source, its own sealing job and
//! its own train of puffs. The Gaussian model is linear in the mass, so the
//! air everyone breathes is the sum of the clouds, drawn onto one grid
//! (`ReleaseState` in the parent module).

use super::seal::Seal;
use crate::chem::cloud::{Air, Cloud, Grid};
use crate::chem::sigma::{Curves, Surface};
use crate::chem::source::Tank;
use crate::compile::{CompiledScenario, middle_cell};
use crate::engine::EventLog;
use crate::scenario::model::Release;
use serde_json::json;

/// What feeds the cloud.
#[derive(Clone, Debug)]
pub(super) enum Source {
    /// kg/s until the end time (s), if any.
    Rate {
        kg_s: f64,
        until: Option<f64>,
    },
    /// One puff, not yet released.
    Mass {
        kg: f64,
    },
    Tank(Tank),
    Spent,
}

/// One release: its source, its sealing job and its cloud.
pub(super) struct Leak {
    pub id: String,
    spec: Release,
    /// Source position, m east of the west edge and south of the north edge.
    xy: (f64, f64),
    /// The source's cell, where crews seal the leak.
    pub cell: usize,
    pub seal: Seal,
    pub source: Source,
    pub started_s: Option<f64>,
    pub cloud: Cloud,
    pub released_kg: f64,
}

impl Leak {
    pub fn new(spec: Release, grid: Grid, compiled: &CompiledScenario) -> Leak {
        let cell = middle_cell(&compiled.cells_of(&spec.place));
        let xy = (
            ((cell % grid.cols) as f64 + 0.5) * grid.cell_m,
            ((cell / grid.cols) as f64 + 0.5) * grid.cell_m,
        );
        let source = if let Some(q) = &spec.rate_kg_s {
            Source::Rate {
                kg_s: q.value().max(0.0),
                until: None,
            }
        } else if let Some(m) = &spec.mass_kg {
            Source::Mass { kg: m.value().max(0.0) }
        } else if let Some(tk) = &spec.tank {
            let d = tk.hole_diameter_mm.value().max(0.0) / 1000.0;
            Source::Tank(Tank {
                liquid_kg: tk.liquid_kg.value().max(0.0),
                density_kg_m3: tk.density_kg_m3.value().max(1.0),
                section_m2: tk.section_m2.value().max(0.01),
                gauge_pa: tk.gauge_kpa.as_ref().map_or(0.0, |g| g.value().max(0.0) * 1000.0),
                hole_m2: std::f64::consts::PI * d * d / 4.0,
                hole_height_m: tk.hole_height_m,
            })
        } else {
            Source::Spent
        };
        let surface = if spec.urban { Surface::Urban } else { Surface::Rural };
        let curves = if matches!(source, Source::Mass { .. }) {
            Curves::Puff
        } else {
            Curves::Plume(surface)
        };
        Leak {
            id: spec.id.clone(),
            cloud: Cloud::new(curves, spec.height_m),
            spec,
            xy,
            cell,
            seal: Seal::default(),
            source,
            started_s: None,
            released_kg: 0.0,
        }
    }

    /// Whether crews still have a leak to seal.
    pub fn leaking(&self) -> bool {
        self.started_s.is_some() && !matches!(self.source, Source::Spent) && self.seal.sealed_at.is_none()
    }

    /// Starts the release if its time falls in this tick `[now, next)` or
    /// an inject (`by_inject`, its id) fired `StartRelease` for it.
    pub fn start_if_due(&mut self, now: f64, next: f64, by_inject: Option<String>, log: &mut EventLog) {
        if self.started_s.is_some() {
            return;
        }
        let start = match (self.spec.at, by_inject) {
            (Some(at), _) if at.secs() < next => Some((at.secs().max(now), "scheduled".to_string())),
            (_, Some(inj)) => Some((now, inj)),
            _ => None,
        };
        let Some((t, by)) = start else { return };
        self.started_s = Some(t);
        if let Source::Rate { until, .. } = &mut self.source {
            *until = self.spec.duration.map(|d| t + d.secs());
        }
        log.push(
            t,
            "release_started",
            &self.id,
            &[("by", json!(by)), ("substance", json!(format!("{:?}", self.spec.substance)))],
        );
    }

    /// Moves the cloud over the tick `[now, next)` and adds the source's
    /// share of it; ends the source when it is sealed, runs dry or its
    /// duration is over.
    pub fn step(&mut self, air: Air, now: f64, next: f64, grid: Grid, log: &mut EventLog) {
        let Some(start) = self.started_s else { return };
        self.cloud.advance(air, next - now);
        if let Some(at) = self.seal.sealed_at.filter(|_| !matches!(self.source, Source::Spent)) {
            let mut data = vec![("released_kg", json!(self.released_kg)), ("by", json!("sealed"))];
            if let Source::Tank(t) = &self.source {
                data.push(("left_in_tank_kg", json!(t.liquid_kg)));
            }
            self.source = Source::Spent;
            log.push(at, "release_ended", &self.id, &data);
        }
        // This tick's share of the source, over the part of the tick it ran.
        let from = start.max(now);
        let (mass, over) = match &mut self.source {
            Source::Rate { kg_s, until } => {
                let to = until.map_or(next, |u| u.min(next));
                let run = (to - from).max(0.0);
                let m = *kg_s * run;
                if let Some(end) = until.filter(|u| *u <= next) {
                    self.source = Source::Spent;
                    log.push(end, "release_ended", &self.id, &[("released_kg", json!(self.released_kg + m))]);
                }
                (m, run)
            }
            Source::Mass { kg } => {
                let m = *kg;
                self.source = Source::Spent;
                (m, 0.0)
            }
            Source::Tank(tank) => {
                let m = tank.drain(next - from);
                if tank.rate_kg_s() <= 0.0 {
                    let left = tank.liquid_kg;
                    self.source = Source::Spent;
                    log.push(
                        next,
                        "release_ended",
                        &self.id,
                        &[("released_kg", json!(self.released_kg + m)), ("left_in_tank_kg", json!(left))],
                    );
                }
                (m, next - from)
            }
            Source::Spent => (0.0, 0.0),
        };
        self.released_kg += mass;
        self.cloud.emit(self.xy.0, self.xy.1, mass, air, over, grid.cell_m);
    }
}
