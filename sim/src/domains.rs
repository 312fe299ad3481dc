//! The standard list of domains, and the engine's entry points that use it.
//!
//! The engine core ([`crate::engine`]) knows no domain: it builds whatever
//! list it is handed, in order. This module is the one place that names them
//! all. A test or a tool can hand [`Engine::prepare_with`] a subset or an
//! extra domain of its own.

use crate::CompiledScenario;
use crate::engine::{Declarations, Domain, Engine, PreparedRun, RunOutcome, RunSpec, SimBuilder};

/// Every domain of a standard run, in build order.
pub const STANDARD: &[Domain] = &[
    Domain {
        name: "hazard_layers",
        build: hazard_layers,
    },
    Domain {
        name: "msel",
        build: crate::msel::build,
    },
    Domain {
        name: "flood",
        build: crate::inundation::build,
    },
    Domain {
        name: "command",
        build: crate::command::build,
    },
    Domain {
        name: "traffic",
        build: crate::traffic::build,
    },
    Domain {
        name: "people",
        build: crate::people::build,
    },
    Domain {
        name: "teams",
        build: crate::teams::build,
    },
    Domain {
        name: "logistics",
        build: crate::logistics::build,
    },
];

fn hazard_layers(b: &mut SimBuilder) {
    let cells = b.ctx().compiled.terrain.dims.len();
    b.world.insert_resource(crate::hazard::HazardField::new(cells));
}

impl Engine {
    /// Run one replication with the standard domains. A pure function of its inputs.
    pub fn run(compiled: &CompiledScenario, spec: RunSpec) -> RunOutcome {
        Self::run_with_draws(compiled, spec, None)
    }

    /// Run one replication with the uniform draws for the uncertain parameters
    /// given (Latin hypercube); `None` draws them from the run's `parameters` stream.
    pub fn run_with_draws(compiled: &CompiledScenario, spec: RunSpec, draws: Option<&[f64]>) -> RunOutcome {
        Self::prepare(compiled, spec, draws).run()
    }

    /// [`Engine::prepare_with`] the standard domains.
    pub fn prepare(compiled: &CompiledScenario, spec: RunSpec, draws: Option<&[f64]>) -> PreparedRun {
        Self::prepare_with(STANDARD, compiled, spec, draws)
    }

    /// What every replication of `compiled` reports: metric keys and
    /// probability rasters. They depend on the scenario's structure only,
    /// never on sampled values, so replication 0 stands for all.
    pub fn declarations(compiled: &CompiledScenario) -> Declarations {
        Self::prepare(compiled, RunSpec { seed: 0, replication: 0 }, None)
            .declarations()
            .clone()
    }
}
