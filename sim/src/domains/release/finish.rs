//! What a release leaves for the after-action review: the metrics of the
//! cloud and of the people and crews it reached, and the tables behind the
//! report's dose distribution and crew findings.

use super::ReleaseState;
use crate::engine::{Ctx, RunResults, Table, TableCell};
use crate::world::crews::CrewAir;
use crate::world::people::Household;
use bevy_ecs::prelude::*;

pub(super) fn finish(world: &mut World, out: &mut RunResults) {
    let mut people = [0u64; 3];
    let mut max_load: f64 = 0.0;
    let mut q = world.query::<&Household>();
    let mut households: Vec<&Household> = q.iter(world).collect();
    households.sort_by_key(|h| h.order);
    for h in &households {
        for (k, p) in people.iter_mut().enumerate() {
            if h.breath.max_aegl as usize > k {
                *p += h.size as u64;
            }
        }
        max_load = max_load.max(h.breath.load);
    }
    let table = exposure_table(&world.resource::<Ctx>().scenario, &households);
    out.tables.insert("exposure".into(), table);
    let mut q = world.query::<&CrewAir>();
    let mut crews: Vec<&CrewAir> = q.iter(world).collect();
    crews.sort_by_key(|c| c.order);
    let overcome: Vec<&&CrewAir> = crews.iter().filter(|c| c.overcome_s.is_some()).collect();
    let m = &mut out.metrics;
    m.insert("release.crews_overcome".into(), overcome.len() as f64);
    m.insert(
        "release.responders_overcome".into(),
        overcome.iter().map(|c| c.crew + c.dead + c.hospitalised).sum::<u32>() as f64,
    );
    m.insert("release.responders_dead".into(), crews.iter().map(|c| c.dead).sum::<u32>() as f64);
    m.insert(
        "release.responders_hospitalised".into(),
        crews.iter().map(|c| c.hospitalised).sum::<u32>() as f64,
    );
    m.insert(
        "release.responders_max_ppm".into(),
        crews.iter().map(|c| c.breath.peak_ppm).fold(0.0, f64::max),
    );
    out.tables.insert("crew_exposure".into(), crew_table(&crews));
    let decon = world.resource::<crate::world::decon::DeconLines>();
    out.metrics.insert("release.decontaminated".into(), decon.washed as f64);
    out.metrics
        .insert("release.admitted_unwashed".into(), decon.admitted_unwashed as f64);
    let s = world.resource::<ReleaseState>();
    out.metrics.insert("release.released_kg".into(), s.released_kg());
    out.metrics.insert("release.max_ppm".into(), s.max_ppm);
    out.metrics.insert("release.max_aegl2_km2".into(), s.max_zone_km2[0]);
    out.metrics.insert("release.max_aegl3_km2".into(), s.max_zone_km2[1]);
    out.metrics.insert("release.max_toxic_load".into(), max_load);
    for (k, p) in people.iter().enumerate() {
        out.metrics.insert(format!("release.people_aegl{}", k + 1), *p as f64);
    }
}

/// Every household's exposure, in household order: the dose distribution
/// of the population behind the report's chart, and the analyst's list of
/// who breathed what.
fn exposure_table(scenario: &crate::scenario::Scenario, households: &[&Household]) -> Table {
    use TableCell::{Num, Text};
    let rows = households
        .iter()
        .map(|h| {
            let zone = scenario.population.get(h.zone as usize).map(|z| z.zone.clone()).unwrap_or_default();
            vec![
                Num(h.order as f64),
                Text(zone),
                Num(h.size as f64),
                Num(h.breath.peak_ppm),
                Num(h.breath.load),
                Num(h.breath.max_aegl as f64),
                Num(h.breath.lethality),
                Num(h.dead as f64),
                Num(h.injured as f64),
            ]
        })
        .collect();
    Table {
        columns: vec![
            "household",
            "zone",
            "residents",
            "peak_ppm",
            "toxic_load",
            "max_aegl",
            "lethality",
            "dead",
            "injured",
        ],
        rows,
    }
}

/// Every crew's exposure, in team order: what it breathed behind its
/// respirator, and whether and when it was overcome.
fn crew_table(crews: &[&CrewAir]) -> Table {
    use TableCell::{Num, Text};
    let rows = crews
        .iter()
        .map(|c| {
            vec![
                Text(c.team.clone()),
                Num(c.protection_factor),
                Num((c.crew + c.dead + c.hospitalised) as f64),
                Num(c.breath.peak_ppm),
                Num(c.breath.load),
                Num(c.breath.max_aegl as f64),
                Num(c.breath.lethality),
                Num(c.dead as f64),
                Num(c.hospitalised as f64),
                Num(c.overcome_s.map_or(f64::NAN, |t| t / 60.0)),
            ]
        })
        .collect();
    Table {
        columns: vec![
            "team",
            "protection_factor",
            "crew",
            "peak_inhaled_ppm",
            "toxic_load",
            "max_aegl",
            "lethality",
            "dead",
            "hospitalised",
            "overcome_min",
        ],
        rows,
    }
}
