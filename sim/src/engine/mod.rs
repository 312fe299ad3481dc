//! The deterministic engine: one bevy_ecs `World` per run, one `Schedule` on
//! the single-threaded executor, phases chained in a fixed order.
//!
//! Each domain module exposes `build(&mut SimBuilder)` that inserts its
//! resources, registers its messages and adds its systems to a [`Phase`].
//! Ambiguity detection is an error, so two systems that touch the same data
//! must be ordered explicitly. Systems run one after another; inside a run
//! only the flood solver splits its own grid over threads (`--threads`),
//! with the same bits; batches run replications in parallel.

pub mod clock;
pub mod log;
pub mod rng;

use crate::CompiledScenario;
use crate::scenario::Scenario;
use crate::scenario::model::Action;
use bevy_ecs::message::{Message, MessageRegistry};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
pub use clock::Clock;
pub use log::{EventLog, EventRecord, Recorder};
pub use rng::{RunSeed, Streams};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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

/// Systems added with [`SimBuilder::add_in_build_order`] run one after
/// another inside their phase, in the order the domains were built.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct OrderedSlot(Phase, u16);

/// Systems added with [`SimBuilder::add_in_step_order`] run one after
/// another inside their step, in the order the domains were built.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
struct StepSlot(bevy_ecs::schedule::InternedSystemSet, u16);

/// Closing the time-series row happens after every recorder.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct EndOfTick;

/// Which replication of which seed a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RunSpec {
    pub seed: u64,
    pub replication: u64,
}

/// Threads a domain may use inside one run (default 1). Results must not
/// depend on it: a domain that splits its work does so deterministically
/// (the flood solver computes every row the same way in any band).
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parallelism {
    pub threads: usize,
}

/// Immutable per-run context every system may read.
#[derive(Resource)]
pub struct Ctx {
    pub compiled: CompiledScenario,
    /// The scenario with this run's sampled values.
    pub scenario: Scenario,
    /// The scenario's team kinds, then the bundled kinds it did not redefine
    /// ([`crate::response_defaults::merged_kinds`]); `Team::kind` indexes it.
    /// Merged once per run: systems read it every tick.
    pub team_kinds: Vec<crate::scenario::model::TeamKind>,
}

/// One domain of the simulation, as the caller hands it to the engine
/// (Bevy's plugin style): `build` registers the domain's resources, messages,
/// systems, declared outputs and end-of-run finisher. The engine core knows no
/// domain by name; the standard list is `drillsim::domains::STANDARD`.
#[derive(Clone, Copy)]
pub struct Domain {
    pub name: &'static str,
    pub build: fn(&mut SimBuilder),
}

/// A batch probability raster a domain declares: the share of replications
/// in which a cell of run raster `source` exceeds `above`.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct ProbabilityRaster {
    /// File stem in the batch's `rasters/` (e.g. `p_flooded`).
    pub name: String,
    /// The end-of-run raster it reads (e.g. `max_depth_m`).
    pub source: String,
    pub above: f64,
    pub description: String,
}

impl ProbabilityRaster {
    pub fn new(name: &str, source: &str, above: f64, description: &str) -> Self {
        ProbabilityRaster {
            name: name.into(),
            source: source.into(),
            above,
            description: description.into(),
        }
    }
    pub fn hit(&self, v: f32) -> bool {
        v.is_finite() && v as f64 > self.above
    }
}

/// A per-cell layer a hazard domain publishes, as the run's outputs describe
/// it to readers such as the report (`rasters/layers.json`).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct LayerInfo {
    pub name: String,
    pub hazard: String,
    pub title: String,
    pub unit: String,
    /// Display class edges, ascending; below the first the hazard is absent.
    pub classes: Vec<f64>,
    /// End-of-run raster of each cell's largest value, if kept.
    pub peak_raster: Option<String>,
    /// Stem of the snapshot rasters (`<stem>_t<min>min`), if kept.
    pub snapshot_stem: Option<String>,
}

/// What every replication of a compiled scenario reports, fixed when the run
/// is prepared (the metric registry): every metric key, and every probability
/// raster a batch keeps. A batch's columns come from here, never from what
/// happened to occur in one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Declarations {
    pub metrics: BTreeSet<String>,
    pub probability_rasters: Vec<ProbabilityRaster>,
    /// Per-cell layers the hazards publish, in publication order.
    pub layers: Vec<LayerInfo>,
}

/// End-of-run results the domains' finishers fill in.
#[derive(Default)]
pub struct RunResults {
    pub metrics: BTreeMap<String, f64>,
    pub rasters: BTreeMap<String, Vec<f32>>,
    pub tables: BTreeMap<String, Table>,
}

/// One row per agent a domain leaves for analysts and the report (e.g.
/// `exposure`: every household's toxic load), written as
/// `tables/<name>.csv`. Rows are in the domain's id order, so the file is as
/// deterministic as the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<TableCell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableCell {
    Text(String),
    Num(f64),
}

/// Reads a domain's end-of-run metrics and rasters out of the finished world.
pub type Finisher = fn(&mut World, &mut RunResults);

/// Assembles the world and schedule; domains add themselves through it.
pub struct SimBuilder {
    pub world: World,
    pub schedule: Schedule,
    record_slots: u16,
    declarations: Declarations,
    finishers: Vec<Finisher>,
    /// Phase of each system added with [`SimBuilder::add_in_build_order`].
    ordered_slots: Vec<Phase>,
    /// Step of each system added with [`SimBuilder::add_in_step_order`].
    step_slots: Vec<bevy_ecs::schedule::InternedSystemSet>,
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
    /// Add a system to `phase` that runs after every system added this way
    /// to that phase before it: for domains that all write one shared
    /// resource (the hazard layers), in an order that cannot vary.
    pub fn add_in_build_order<M>(&mut self, phase: Phase, system: impl IntoScheduleConfigs<bevy_ecs::system::ScheduleSystem, M>) {
        let n = self.ordered_slots.iter().filter(|p| **p == phase).count() as u16;
        let slot = OrderedSlot(phase, n);
        self.schedule.configure_sets(slot.in_set(phase));
        if n > 0 {
            self.schedule.configure_sets(slot.after(OrderedSlot(phase, n - 1)));
        }
        self.schedule.add_systems(system.in_set(slot));
        self.ordered_slots.push(phase);
    }
    /// Add a system to a step of a phase (`ActStep::SiteWork`, …) that runs
    /// after every system added this way to that step before it: for domains
    /// that each act in the same step on shared resources (the event log).
    pub fn add_in_step_order<M>(&mut self, step: impl SystemSet, system: impl IntoScheduleConfigs<bevy_ecs::system::ScheduleSystem, M>) {
        let step = step.intern();
        let n = self.step_slots.iter().filter(|s| **s == step).count() as u16;
        let slot = StepSlot(step, n);
        self.schedule.configure_sets(slot.clone().in_set(step));
        if n > 0 {
            self.schedule.configure_sets(slot.clone().after(StepSlot(step, n - 1)));
        }
        self.schedule.add_systems(system.in_set(slot));
        self.step_slots.push(step);
    }
    /// Promise that every run reports these metric keys (NaN when a run has no value).
    pub fn declare_metrics<S: Into<String>>(&mut self, keys: impl IntoIterator<Item = S>) {
        self.declarations.metrics.extend(keys.into_iter().map(Into::into));
    }
    /// Declare a probability raster a batch keeps for this scenario.
    pub fn declare_probability_raster(&mut self, raster: ProbabilityRaster) {
        self.declarations.probability_rasters.push(raster);
    }
    /// Describe a per-cell layer this run publishes.
    pub fn declare_layer(&mut self, layer: LayerInfo) {
        self.declarations.layers.push(layer);
    }
    /// Run `f` at the end of the run to report the domain's metrics and rasters.
    pub fn add_finisher(&mut self, f: Finisher) {
        self.finishers.push(f);
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
    /// Scalar results of the run (end-of-run metrics): exactly the declared keys.
    pub metrics: BTreeMap<String, f64>,
    /// Per-cell end-of-run rasters (e.g. `max_depth_m`), row-major over the map.
    #[serde(skip)]
    pub rasters: BTreeMap<String, Vec<f32>>,
    /// Per-agent tables (`tables/<name>.csv`).
    #[serde(skip)]
    pub tables: BTreeMap<String, Table>,
    /// What the hazard layers behind the rasters are (titles, units, classes).
    #[serde(skip)]
    pub layers: Vec<LayerInfo>,
    /// Objective ratings and the drill score, when the scenario has objectives.
    pub scorecard: Option<crate::scoring::Scorecard>,
    pub ticks: u64,
}

/// Runs replications of a compiled scenario with a given list of domains.
pub struct Engine;

impl Engine {
    /// Everything of a replication before its first tick: sample the
    /// parameters, build the `World` and the schedule from `domains`, in
    /// order. Split from [`PreparedRun::run`] so benchmarks can tell setup
    /// from simulation, and so a run can be stepped.
    pub fn prepare_with(domains: &[Domain], compiled: &CompiledScenario, spec: RunSpec, draws: Option<&[f64]>) -> PreparedRun {
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
        for d in domains {
            (d.build)(&mut b);
        }
        let SimBuilder {
            world,
            mut schedule,
            declarations,
            finishers,
            ..
        } = b;
        let mut world = world;
        // Build the schedule's graph now (ambiguity check included), not inside the first tick.
        schedule
            .initialize(&mut world)
            .unwrap_or_else(|e| panic!("{}", e.to_string(schedule.graph(), &world)));
        PreparedRun {
            spec,
            hash: compiled.hash.clone(),
            sampled,
            world,
            schedule,
            declarations,
            finishers,
        }
    }
}

/// A replication ready to tick: see [`Engine::prepare_with`]. Run it to the
/// end with [`PreparedRun::run`], or step it with [`PreparedRun::step`] and
/// hand it orders between ticks ([`PreparedRun::order`]), then
/// [`PreparedRun::finish`].
pub struct PreparedRun {
    spec: RunSpec,
    hash: String,
    sampled: Vec<(String, f64)>,
    world: World,
    schedule: Schedule,
    declarations: Declarations,
    finishers: Vec<Finisher>,
}

impl PreparedRun {
    /// What this run will report (the metric registry).
    pub fn declarations(&self) -> &Declarations {
        &self.declarations
    }

    /// Ticks done so far.
    pub fn ticks_done(&self) -> u64 {
        self.world.resource::<Clock>().tick
    }

    /// Ticks in the whole run.
    pub fn total_ticks(&self) -> u64 {
        self.world.resource::<Clock>().total_ticks
    }

    /// Drill time at the start of the next tick (s).
    pub fn now_s(&self) -> f64 {
        self.world.resource::<Clock>().now_s()
    }

    /// Seconds in one tick.
    pub fn tick_s(&self) -> f64 {
        self.world.resource::<Clock>().dt_s
    }

    /// Is every tick done?
    pub fn is_done(&self) -> bool {
        self.ticks_done() >= self.total_ticks()
    }

    /// Give a plan action for the next tick, as if the plan had a scheduled
    /// order `id` at this time: the command domain carries it out exactly as
    /// it would a scripted one. Ignored once the run is done.
    pub fn order(&mut self, id: &str, action: Action) {
        self.world.resource_mut::<LiveOrders>().0.push((id.to_string(), action));
    }

    /// Fire inject `id` by hand at the start of the next tick, whatever its
    /// own time or condition says (the facilitator's call in a tabletop
    /// session). An inject that has already fired does not fire again; check
    /// [`PreparedRun::inject_fired_at`] first. Ignored once the run is done.
    pub fn fire_inject(&mut self, id: &str) {
        self.world.resource_mut::<LiveInjects>().0.push(id.to_string());
    }

    /// Read a resource of the run between ticks (what a front end shows:
    /// which injects fired, say). Panics if the domains did not insert it.
    pub fn resource<R: Resource>(&self) -> &R {
        self.world.resource::<R>()
    }

    /// The events logged so far, in order.
    pub fn events(&self) -> &[EventRecord] {
        &self.world.resource::<EventLog>().records
    }

    /// The time series recorded so far (one row per tick done).
    pub fn series(&self) -> &log::TimeSeries {
        &self.world.resource::<Recorder>().series
    }

    /// Let the domains use `threads` threads inside this run (1 = none).
    /// Does not change the results.
    pub fn set_threads(&mut self, threads: usize) {
        self.world.resource_mut::<Parallelism>().threads = threads.max(1);
    }

    /// Advance one tick. Returns false (and does nothing) once the run is done.
    pub fn step(&mut self) -> bool {
        if self.is_done() {
            return false;
        }
        self.schedule.run(&mut self.world);
        self.world.clear_trackers();
        self.world.resource_mut::<Clock>().advance();
        true
    }

    /// Tick to the end and collect the outcome.
    pub fn run(mut self) -> RunOutcome {
        while self.step() {}
        self.finish()
    }

    /// Collect the outcome of the ticks done so far (all of them after [`PreparedRun::run`]).
    pub fn finish(self) -> RunOutcome {
        let PreparedRun {
            spec,
            hash,
            sampled,
            mut world,
            declarations,
            finishers,
            ..
        } = self;
        let mut results = RunResults::default();
        for f in &finishers {
            f(&mut world, &mut results);
        }
        debug_assert!(
            results.metrics.keys().all(|k| declarations.metrics.contains(k)),
            "metrics reported without being declared: {:?}",
            results
                .metrics
                .keys()
                .filter(|k| !declarations.metrics.contains(*k))
                .collect::<Vec<_>>()
        );
        // Exactly the declared keys, whatever happened in this run.
        let metrics: BTreeMap<String, f64> = declarations
            .metrics
            .iter()
            .map(|k| (k.clone(), results.metrics.get(k).copied().unwrap_or(f64::NAN)))
            .collect();
        let scorecard = crate::scoring::score(&world.resource::<Ctx>().scenario, &metrics, &world.resource::<EventLog>().records);
        let scenario_name = world.resource::<Ctx>().scenario.name.clone();
        let events = std::mem::take(&mut world.resource_mut::<EventLog>().records);
        let timeseries = std::mem::take(&mut world.resource_mut::<Recorder>().series);
        let ticks = world.resource::<Clock>().tick;
        RunOutcome {
            spec,
            scenario_name,
            scenario_hash: hash,
            sampled,
            events,
            timeseries,
            metrics,
            rasters: results.rasters,
            tables: results.tables,
            layers: declarations.layers.clone(),
            scorecard,
            ticks,
        }
    }
}

/// Plan actions handed to a stepped run between ticks ([`PreparedRun::order`]):
/// (order id, action), drained by the command domain in the next tick.
#[derive(Resource, Default, Clone, Debug)]
pub struct LiveOrders(pub Vec<(String, Action)>);

/// Inject ids fired by hand in a stepped run ([`PreparedRun::fire_inject`]),
/// drained by the MSEL domain in the next tick.
#[derive(Resource, Default, Clone, Debug)]
pub struct LiveInjects(pub Vec<String>);

fn new_builder(compiled: &CompiledScenario, scenario: Scenario, seed: RunSeed) -> SimBuilder {
    let mut world = World::new();
    let clock = Clock::new(scenario.tick.secs(), scenario.duration.secs());
    world.insert_resource(clock);
    world.insert_resource(Streams::new(seed));
    world.insert_resource(EventLog::default());
    world.insert_resource(Recorder::default());
    world.insert_resource(LiveOrders::default());
    world.insert_resource(LiveInjects::default());
    world.insert_resource(Parallelism { threads: 1 });
    world.insert_resource(Ctx {
        compiled: compiled.clone(),
        team_kinds: crate::response_defaults::merged_kinds(&scenario.team_kinds),
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
        ordered_slots: Vec::new(),
        step_slots: Vec::new(),
        declarations: Declarations::default(),
        finishers: Vec::new(),
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
