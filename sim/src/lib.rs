//! # drillsim
//!
//! The simulation library behind the `drillsim` command: the scenario
//! language and its validator ([`scenario`]), the map and road network built
//! once per scenario ([`map`], [`roads`], [`CompiledScenario`]), and the
//! deterministic bevy_ecs engine that runs one replication ([`engine`]).
//!
//! Design rules, stated once:
//! - this crate never prints and never exits: it returns values and typed errors;
//! - a run is a pure function of (compiled scenario, seed, replication index);
//! - grids are dense resources, agents are entities; parallelism is across runs.

pub mod batch;
pub mod chem;
pub mod compile;
pub mod domains;
pub mod engine;
pub mod fire;
pub mod flood;
pub mod map;
pub mod output;
pub mod response_defaults;
pub mod roads;
pub mod scenario;
pub mod scoring;
pub mod session;
pub mod world;

pub use compile::CompiledScenario;
pub use engine::{Engine, RunOutcome, RunSpec};
pub use scenario::{Diagnostic, Diagnostics, Scenario};
