//! The standard list of domains, and the engine's entry points that use it.
//!
//! The engine core ([`crate::engine`]) knows no domain: it builds whatever
//! list it is handed, in order. This module is the one place that names them
//! all. A test or a tool can hand [`Engine::prepare_with`] a subset or an
//! extra domain of its own.

pub mod command;
pub mod fire;
pub mod flood;
pub mod logistics;
pub mod msel;
pub mod people;
pub mod release;
pub mod teams;
pub mod traffic;
pub mod weather;

use crate::CompiledScenario;
use crate::engine::{Declarations, Domain, Engine, PreparedRun, RunOutcome, RunSpec};
use crate::scenario::Diagnostics;
use std::path::Path;

/// Every domain of a standard run, in build order.
pub const STANDARD: &[Domain] = &[
    Domain {
        name: "commons",
        build: crate::world::build,
    },
    Domain {
        name: "msel",
        build: msel::build,
    },
    Domain {
        name: "weather",
        build: weather::build,
    },
    Domain {
        name: "flood",
        build: flood::build,
    },
    Domain {
        name: "fire",
        build: fire::build,
    },
    Domain {
        name: "release",
        build: release::build,
    },
    Domain {
        name: "command",
        build: command::build,
    },
    Domain {
        name: "traffic",
        build: traffic::build,
    },
    Domain {
        name: "people",
        build: people::build,
    },
    Domain {
        name: "teams",
        build: teams::build,
    },
    Domain {
        name: "logistics",
        build: logistics::build,
    },
];

/// Read, parse, validate and compile a scenario file for a run with
/// `domains`, including the checks that need the built domains (the hazard
/// layers conditions name).
pub fn load_for(domains: &[Domain], path: &Path) -> Result<CompiledScenario, Diagnostics> {
    let compiled = CompiledScenario::load(path)?;
    check_for(domains, &compiled)?;
    compiled.runnable()?;
    Ok(compiled)
}

/// [`load_for`] the standard domains: what every command that runs uses.
pub fn load(path: &Path) -> Result<CompiledScenario, Diagnostics> {
    load_for(STANDARD, path)
}

/// What `validate` uses: every check of [`load`], but a construct that is
/// valid and not simulated yet stays in [`CompiledScenario::not_simulated`]
/// as a warning instead of failing the file.
pub fn load_to_validate(path: &Path) -> Result<CompiledScenario, Diagnostics> {
    let compiled = CompiledScenario::load(path)?;
    check_for(STANDARD, &compiled)?;
    Ok(compiled)
}

/// The checks of a compiled scenario that need the built domains.
pub fn check_for(domains: &[Domain], compiled: &CompiledScenario) -> Result<(), Diagnostics> {
    let declared = Engine::declarations_with(domains, compiled);
    let names: Vec<&str> = declared.layers.iter().map(|l| l.name.as_str()).collect();
    compiled.check_layers(&names)
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
        Self::declarations_with(STANDARD, compiled)
    }

    /// [`Engine::declarations`] for a run with `domains`.
    pub fn declarations_with(domains: &[Domain], compiled: &CompiledScenario) -> Declarations {
        Self::prepare_with(domains, compiled, RunSpec { seed: 0, replication: 0 }, None)
            .declarations()
            .clone()
    }
}
