//! The deterministic engine: one bevy_ecs `World` per run, one `Schedule` on
//! the single-threaded executor, phases chained in a fixed order.
//!
//! Each domain module exposes `build(&mut SimBuilder)` that inserts its
//! resources, registers its messages and adds its systems to a [`Phase`].
//! Ambiguity detection is an error, so two systems that touch the same data
//! must be ordered explicitly. Parallelism is across runs, never inside one.

pub mod clock;
pub mod log;
pub mod rng;

use crate::CompiledScenario;
use crate::scenario::Scenario;
use bevy_ecs::message::{Message, MessageRegistry};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
pub use clock::Clock;
pub use log::{EventLog, EventRecord, Recorder};
pub use rng::{RunSeed, Streams};
use serde::Serialize;
use std::collections::BTreeMap;

/// The phases of one tick, in order (DESIGN.md §2).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Inject,
    Weather,
    Hazard,
    Cascade,
    Detect,
    Command,
    Move,
    Act,
    Harm,
    Record,
}

#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tick;

/// Recorder systems run one after another inside [`Phase::Record`] (they all
/// write the [`Recorder`]); slot `n` runs after slot `n - 1`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct RecordSlot(u16);

/// Closing the time-series row happens after every recorder.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct EndOfTick;

/// Which replication of which seed a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RunSpec {
    pub seed: u64,
    pub replication: u64,
}

/// Immutable per-run context every system may read.
#[derive(Resource)]
pub struct Ctx {
    pub compiled: CompiledScenario,
    /// The scenario with this run's sampled values.
    pub scenario: Scenario,
}

/// Assembles the world and schedule; domains add themselves through it.
pub struct SimBuilder {
    pub world: World,
    pub schedule: Schedule,
    record_slots: u16,
}

impl SimBuilder {
    pub fn add_message<M: Message>(&mut self) {
        MessageRegistry::register_message::<M>(&mut self.world);
    }
    pub fn ctx(&self) -> &Ctx {
        self.world.resource::<Ctx>()
    }
    /// Add a system that writes this tick's values to the [`Recorder`].
    pub fn add_recorder<M>(&mut self, system: impl IntoScheduleConfigs<bevy_ecs::system::ScheduleSystem, M>) {
        let slot = RecordSlot(self.record_slots);
        self.schedule.configure_sets(slot.in_set(Phase::Record).before(EndOfTick));
        if self.record_slots > 0 {
            self.schedule.configure_sets(slot.after(RecordSlot(self.record_slots - 1)));
        }
        self.schedule.add_systems(system.in_set(slot));
        self.record_slots += 1;
    }
}

/// Everything one run produces, in memory.
#[derive(Clone, Debug, Serialize)]
pub struct RunOutcome {
    pub spec: RunSpec,
    pub scenario_name: String,
    pub scenario_hash: String,
    /// Uncertain parameters and the values this run sampled.
    pub sampled: Vec<(String, f64)>,
    pub events: Vec<EventRecord>,
    pub timeseries: log::TimeSeries,
    /// Scalar results of the run (end-of-run metrics).
    pub metrics: BTreeMap<String, f64>,
    /// Per-cell end-of-run rasters (e.g. `max_depth_m`), row-major over the map.
    #[serde(skip)]
    pub rasters: BTreeMap<String, Vec<f32>>,
    /// Objective ratings and the drill score, when the scenario has objectives.
    pub scorecard: Option<crate::scoring::Scorecard>,
    pub ticks: u64,
}

/// Runs replications of a compiled scenario.
pub struct Engine;

impl Engine {
    /// Run one replication. A pure function of its inputs.
    pub fn run(compiled: &CompiledScenario, spec: RunSpec) -> RunOutcome {
        Self::run_with_draws(compiled, spec, None)
    }

    /// Run one replication with the uniform draws for the uncertain parameters
    /// given (Latin hypercube); `None` draws them from the run's `parameters` stream.
    pub fn run_with_draws(compiled: &CompiledScenario, spec: RunSpec, draws: Option<&[f64]>) -> RunOutcome {
        Self::prepare(compiled, spec, draws).run()
    }

    /// Everything of a replication before its first tick: sample the
    /// parameters, build the `World` and the schedule. Split from
    /// [`PreparedRun::run`] so benchmarks can tell setup from simulation.
    pub fn prepare(compiled: &CompiledScenario, spec: RunSpec, draws: Option<&[f64]>) -> PreparedRun {
        let seed = RunSeed::new(spec.seed, spec.replication);
        let draws: Vec<f64> = match draws {
            Some(d) => d.to_vec(),
            None => {
                let mut rng = seed.stream("parameters");
                (0..compiled.uncertain.len()).map(|_| rng::uniform01(&mut rng)).collect()
            }
        };
        let (scenario, sampled) = compiled.instantiate(&draws);
        let mut b = new_builder(compiled, scenario, seed);
        crate::domains::build_all(&mut b);
        let SimBuilder { world, mut schedule, .. } = b;
        let mut world = world;
        // Build the schedule's graph now (ambiguity check included), not inside the first tick.
        schedule
            .initialize(&mut world)
            .expect("the engine's schedule is valid: ambiguity checked by tests");
        PreparedRun {
            spec,
            hash: compiled.hash.clone(),
            sampled,
            world,
            schedule,
        }
    }
}

/// A replication ready to tick: see [`Engine::prepare`].
pub struct PreparedRun {
    spec: RunSpec,
    hash: String,
    sampled: Vec<(String, f64)>,
    world: World,
    schedule: Schedule,
}

impl PreparedRun {
    /// Tick to the end and collect the outcome.
    pub fn run(self) -> RunOutcome {
        let PreparedRun {
            spec,
            hash,
            sampled,
            mut world,
            mut schedule,
        } = self;
        let total = world.resource::<Clock>().total_ticks;
        // Tick 0 records the initial state before anything moves.
        for _ in 0..total {
            schedule.run(&mut world);
            world.clear_trackers();
            world.resource_mut::<Clock>().advance();
        }
        let metrics = crate::domains::final_metrics(&mut world);
        let rasters = crate::domains::final_rasters(&mut world);
        let scorecard = crate::scoring::score(&world.resource::<Ctx>().scenario, &metrics, &world.resource::<EventLog>().records);
        let scenario_name = world.resource::<Ctx>().scenario.name.clone();
        let events = std::mem::take(&mut world.resource_mut::<EventLog>().records);
        let timeseries = std::mem::take(&mut world.resource_mut::<Recorder>().series);
        RunOutcome {
            spec,
            scenario_name,
            scenario_hash: hash,
            sampled,
            events,
            timeseries,
            metrics,
            rasters,
            scorecard,
            ticks: total,
        }
    }
}

fn new_builder(compiled: &CompiledScenario, scenario: Scenario, seed: RunSeed) -> SimBuilder {
    let mut world = World::new();
    let clock = Clock::new(scenario.tick.secs(), scenario.duration.secs());
    world.insert_resource(clock);
    world.insert_resource(Streams::new(seed));
    world.insert_resource(EventLog::default());
    world.insert_resource(Recorder::default());
    world.insert_resource(Ctx {
        compiled: compiled.clone(),
        scenario,
    });
    let mut schedule = Schedule::new(Tick);
    schedule.set_executor(SingleThreadedExecutor::new());
    schedule.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..Default::default()
    });
    schedule.configure_sets(
        (
            Phase::Inject,
            Phase::Weather,
            Phase::Hazard,
            Phase::Cascade,
            Phase::Detect,
            Phase::Command,
            Phase::Move,
            Phase::Act,
            Phase::Harm,
            Phase::Record,
        )
            .chain(),
    );
    schedule.configure_sets(EndOfTick.after(Phase::Record));
    schedule.add_systems(bevy_ecs::message::message_update_system.before(Phase::Inject));
    schedule.add_systems(commit_row.in_set(EndOfTick));
    SimBuilder {
        world,
        schedule,
        record_slots: 0,
    }
}

/// Closes the time-series row at the end of every tick.
/// Closes the time-series row every `outputs.timeseries_every` (default every
/// tick) and at the last tick; in between, the row being built is dropped.
fn commit_row(clock: Res<Clock>, ctx: Res<Ctx>, mut rec: ResMut<Recorder>) {
    let every = ctx
        .scenario
        .outputs
        .timeseries_every
        .map(|d| (d.secs() / clock.dt_s).round().max(1.0) as u64)
        .unwrap_or(1);
    let done = clock.tick + 1;
    if done.is_multiple_of(every) || done == clock.total_ticks {
        rec.commit(clock.next_s());
    } else {
        rec.discard();
    }
}
