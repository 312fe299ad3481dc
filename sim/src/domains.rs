//! The list of domain plugins, in the order they register.
//!
//! Adding a domain means writing its module with `build(&mut SimBuilder)`
//! (and optionally `metrics(&mut World, &mut BTreeMap)`) and listing it here.

use crate::engine::SimBuilder;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

pub fn build_all(b: &mut SimBuilder) {
    let cells = b.ctx().compiled.terrain.dims.len();
    b.world.insert_resource(crate::hazard::HazardField::new(cells));
    crate::msel::build(b);
    crate::inundation::build(b);
    crate::command::build(b);
    crate::traffic::build(b);
    crate::people::build(b);
    crate::teams::build(b);
    crate::logistics::build(b);
}

/// End-of-run scalar metrics from every domain.
pub fn final_metrics(world: &mut World) -> BTreeMap<String, f64> {
    let mut m = BTreeMap::new();
    crate::msel::metrics(world, &mut m);
    crate::traffic::metrics(world, &mut m);
    crate::people::metrics(world, &mut m);
    crate::inundation::metrics(world, &mut m);
    crate::teams::metrics(world, &mut m);
    crate::logistics::metrics(world, &mut m);
    m
}

/// End-of-run per-cell rasters from every domain.
pub fn final_rasters(world: &mut World) -> BTreeMap<String, Vec<f32>> {
    let mut r = BTreeMap::new();
    crate::inundation::rasters(world, &mut r);
    crate::people::rasters(world, &mut r);
    r
}
