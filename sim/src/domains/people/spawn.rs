//! Placing households from the population zones.

use crate::engine::rng::uniform01;
use crate::engine::{Ctx, SimBuilder, Streams};
use crate::scenario::model::LandClass;
use crate::world::people::{Household, HouseholdState, PeopleTally, ShelterState, Shelters};

/// Households per zone: `round(residents / household_size)`, sizes spread so
/// they add up to the residents exactly; each household lives on a random
/// residential cell of its zone (any cell of the zone if none is residential).
pub fn spawn(b: &mut SimBuilder) {
    let ctx = b.world.resource::<Ctx>();
    let compiled = ctx.compiled.clone();
    let zones = ctx.scenario.population.clone();
    let shelters: Vec<ShelterState> = ctx
        .scenario
        .shelters
        .iter()
        .map(|s| {
            let cell = compiled.centre_cell(&s.place);
            ShelterState {
                id: s.id.clone(),
                node: compiled.node_of(&s.place),
                cell,
                capacity: s.capacity.value().max(0.0).round() as u32,
                occupancy: 0,
                usable: true,
                max_occupancy: 0,
            }
        })
        .collect();
    let assigned: Vec<Option<usize>> = zones
        .iter()
        .map(|z| z.shelter.as_ref().and_then(|id| shelters.iter().position(|s| &s.id == id)))
        .collect();
    let mut households = Vec::new();
    let mut order = 0u32;
    {
        let mut streams = b.world.resource_mut::<Streams>();
        let rng = streams.get("population");
        for (zi, z) in zones.iter().enumerate() {
            let residents = z.residents.value().max(0.0).round() as u64;
            let size = z.household_size.value().max(1.0);
            let n = ((residents as f64 / size).round() as u64).clamp(u64::from(residents > 0), residents.max(1));
            if residents == 0 {
                continue;
            }
            let zone_cells = compiled.cells_of(&z.zone);
            let homes: Vec<usize> = {
                let res: Vec<usize> = zone_cells
                    .iter()
                    .copied()
                    .filter(|c| compiled.terrain.land[*c] == LandClass::Residential)
                    .collect();
                if res.is_empty() { zone_cells.clone() } else { res }
            };
            if homes.is_empty() {
                continue;
            }
            let (base, extra) = (residents / n, residents % n);
            let cars_per = z.cars_per_household.value().max(0.0);
            let vulnerable_share = z.vulnerable_share.value().clamp(0.0, 1.0);
            for k in 0..n {
                let members = (base + u64::from(k < extra)) as u32;
                let cell = homes[((uniform01(rng) * homes.len() as f64) as usize).min(homes.len() - 1)];
                // Whole cars plus one more with the fractional share as probability.
                let cars = cars_per.floor() as u32 + u32::from(uniform01(rng) < cars_per.fract());
                let vulnerable = uniform01(rng) < vulnerable_share;
                households.push(Household {
                    order,
                    zone: zi as u16,
                    home_cell: cell,
                    cell,
                    size: members,
                    cars,
                    vulnerable,
                    state: HouseholdState::AtHome,
                    healthy: members,
                    injured: 0,
                    hospitalised: 0,
                    dead: 0,
                    heard_at: None,
                    depart_at: None,
                    complied: None,
                    shelter: None,
                    assigned: assigned[zi],
                    worst_lethality: Vec::new(),
                    exposed: false,
                    rescued: false,
                    ever_trapped: false,
                    breath: Default::default(),
                });
                order += 1;
            }
        }
    }
    let tally = PeopleTally::new(zones.len());
    b.world.spawn_batch(households);
    b.world.insert_resource(Shelters(shelters));
    b.world.insert_resource(tally);
}

/// Rayleigh-distributed departure delay with mean `mean_s`:
/// `s = μ·sqrt(2/π)`, `t = sqrt(−2 s² ln(1 − U))` (TUNAMI-EVAC `Rayleigh.nls`,
/// reference/hazard-models.md §6).
pub fn rayleigh_delay(mean_s: f64, u: f64) -> f64 {
    let s = mean_s * (2.0 / std::f64::consts::PI).sqrt();
    (-2.0 * s * s * (1.0 - u).ln()).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rayleigh_has_the_requested_mean_and_cdf() {
        let mean = 1800.0;
        let n = 200_000;
        let mut sum = 0.0;
        let mut below = 0;
        let s = mean * (2.0 / std::f64::consts::PI).sqrt();
        for i in 0..n {
            let u = (i as f64 + 0.5) / n as f64;
            let t = rayleigh_delay(mean, u);
            sum += t;
            if t <= s {
                below += 1;
            }
        }
        assert!((sum / n as f64 - mean).abs() / mean < 1e-3);
        // F(s) = 1 − e^{−1/2} ≈ 0.3935.
        assert!((below as f64 / n as f64 - 0.3935).abs() < 1e-3);
    }
}
