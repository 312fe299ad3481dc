//! Semantic checks: everything a well-formed scenario can still get wrong.
//!
//! Checks collect [`Problem`]s (a path into the file, a code, a message and a
//! hint) and never stop at the first one, so a trainer sees every mistake at
//! once. Checks that need the built map or road graph live with those
//! (`map::terrain`, `roads`, `compile`), and report the same way.
//!
//! - [`numbers`]: the clock, ranges, shares, series, distributions;
//! - [`world`]: places, roads, hazards;
//! - [`people`]: population, facilities, teams, depots, convoys;
//! - [`refs`]: injects, the plan, objectives and outputs, which refer to all of the above;
//! - [`actions`]: what a plan rule or an order does.

mod actions;
mod numbers;
mod people;
mod refs;
mod world;

pub use numbers::{LANGUAGES, valid_start};
pub use refs::unknown_layers;

use super::diagnostics::suggest;
use super::model::Scenario;
use super::tree::Path;
use super::{Problem, Said};
use crate::map::Dims;
use crate::said;
use std::cell::Cell;
use std::collections::BTreeMap;

// Documented limits (scenarios/README.md, "Limits"). Each bounds memory or
// work before anything proportional to it is allocated or run.

/// Residents in one zone, and in all zones together (people are simulated as households).
pub const MAX_RESIDENTS: f64 = 5_000_000.0;
/// Teams in the scenario (each is an entity in every run).
pub const MAX_TEAMS: usize = 10_000;
/// Crew of one team.
pub const MAX_CREW: u32 = 1_000;
/// Vehicles in one convoy (each is an entity in every run).
pub const MAX_CONVOY_VEHICLES: u32 = 10_000;
/// Vehicles in all convoys together.
pub const MAX_TOTAL_VEHICLES: u64 = 100_000;
/// Road nodes, declared or derived from `Road` cells.
pub const MAX_ROAD_NODES: usize = 200_000;
/// Declared road links.
pub const MAX_ROAD_LINKS: usize = 400_000;
/// Cells crossed by all declared links together, each direction counted
/// (every direction of a link keeps its list of cells).
pub const MAX_ROAD_CELLS: u64 = 2 * crate::map::MAX_CELLS;
/// Lanes of one road link.
pub const MAX_LANES: u32 = 16;
/// Points of one `Polygon` or `Line` place.
pub const MAX_SHAPE_POINTS: usize = 10_000;
/// Shortest tick (seconds).
pub const MIN_TICK_S: f64 = 1.0;
/// Ticks in one run (`duration / tick`).
pub const MAX_TICKS: f64 = 200_000.0;
/// Largest stock, supply, cargo or agreement quantity of one item.
pub const MAX_QUANTITY: f64 = 1e12;
/// Beds of one hospital.
pub const MAX_BEDS: f64 = 1e6;

/// Did-you-mean searches per kind of name: each compares the unknown name
/// with every declared one, so a file full of unknown names stays linear.
const SUGGESTIONS: u32 = 20;

/// Known names of one kind, with where each was declared.
pub(crate) struct Ids<'a> {
    /// What the ids name, in English and in Chinese.
    what: Noun,
    ids: BTreeMap<&'a str, Path>,
    suggestions_left: Cell<u32>,
    /// Ids whose own declaration is already an error (a zone naming an
    /// unknown place): a use spelling the name the declaration meant is not
    /// blamed again with a did-you-mean pointing at the typo.
    suspect: Vec<&'a str>,
}

/// The closest known name, while the budget of searches lasts.
fn suggest_within<'a>(budget: &Cell<u32>, wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let left = budget.get();
    if left == 0 {
        return None;
    }
    budget.set(left - 1);
    suggest(wrong, known)
}

impl<'a> Ids<'a> {
    fn new(what: Noun) -> Self {
        Ids {
            what,
            ids: BTreeMap::new(),
            suggestions_left: Cell::new(SUGGESTIONS),
            suspect: Vec::new(),
        }
    }

    fn declare(&mut self, id: &'a str, path: Path, out: &mut Vec<Problem>) {
        let (what, what_zh) = self.what;
        if id.trim().is_empty() {
            out.push(Problem::new(
                path,
                "empty-id",
                said!("{what} id is empty", "{what_zh}的 id 是空的"),
                Some(said!(
                    "give it a short name such as \"north_school\"",
                    "给它起一个简短的名称，如 \"north_school\""
                )),
            ));
        } else if let Some(first) = self.ids.get(id) {
            out.push(
                Problem::new(
                    path,
                    "duplicate-id",
                    said!("{what} `{id}` is declared twice", "{what_zh} `{id}` 声明了两次"),
                    Some(said!("ids must be unique: rename one of them", "id 必须唯一：给其中一个改名")),
                )
                .related(first.clone()),
            );
        } else {
            self.ids.insert(id, path);
        }
    }

    /// Mark `id` as declared with an error of its own.
    fn suspect(&mut self, id: &'a str) {
        self.suspect.push(id);
    }

    fn check(&self, id: &str, path: Path, out: &mut Vec<Problem>) {
        if !self.has(id) && suggest(id, self.suspect.iter().copied()).is_some() {
            // The declaration is the mistake; its own error says so.
            return;
        }
        if !self.has(id) {
            let (what, what_zh) = self.what;
            out.push(Problem::new(
                path,
                "unknown-id",
                said!("unknown {what} `{id}`", "未知的{what_zh} `{id}`"),
                Some(self.hint(id)),
            ));
        }
    }

    /// Did-you-mean, or what is declared, for an unknown `id`.
    fn hint(&self, id: &str) -> Said {
        let (what, what_zh) = self.what;
        match suggest_within(&self.suggestions_left, id, self.ids.keys().copied()) {
            Some(s) => did_you_mean(s),
            None if self.ids.is_empty() => said!("no {what} is declared", "没有声明任何{what_zh}"),
            None => {
                let declared = list_near(&self.suggestions_left, id, self.ids.keys().copied());
                said!("declared: {declared}", "已声明：{declared}")
            }
        }
    }

    fn has(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.ids.keys().copied()
    }
}

/// Where a place name or road node is asked for.
pub(crate) const PLACE: Noun = ("place", "地点");

/// A thing named in a message, in English and in Chinese ("shelter", "避难所").
pub(crate) type Noun = (&'static str, &'static str);

/// The hint for a near miss.
pub fn did_you_mean(name: &str) -> Said {
    said!("did you mean `{name}`?", "是不是想写 `{name}`？")
}

/// Up to eight names as "`a`, `b`, ...", the closest to `wrong` first, so a
/// long list is never cut before the name that was meant.
/// Ranking spends one search of the kind's budget; past it, the first names.
fn list_near<'a>(budget: &Cell<u32>, wrong: &str, names: impl Iterator<Item = &'a str>) -> String {
    let left = budget.get();
    if left == 0 {
        let mut v: Vec<String> = names.take(9).map(|k| format!("`{k}`")).collect();
        if v.len() == 9 {
            v[8] = "...".into();
        }
        return v.join(", ");
    }
    budget.set(left - 1);
    let lower = wrong.to_lowercase();
    // Shared letter pairs (Sørensen–Dice) find "water_rescue" for
    // "rescue_water_boat", where an edit distance ranks by length.
    let mut all: Vec<(f64, &str)> = names
        .take(10_000)
        .map(|k| (strsim::sorensen_dice(&lower, &k.to_lowercase()), k))
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut v: Vec<String> = all.iter().take(9).map(|(_, k)| format!("`{k}`")).collect();
    if v.len() == 9 {
        v[8] = "...".into();
    }
    v.join(", ")
}

/// Every name declared in the scenario, by kind.
pub(crate) struct Known<'a> {
    places: Ids<'a>,
    nodes: Ids<'a>,
    links: Ids<'a>,
    levees: Ids<'a>,
    pumps: Ids<'a>,
    releases: Ids<'a>,
    zones: Ids<'a>,
    shelters: Ids<'a>,
    hospitals: Ids<'a>,
    stations: Ids<'a>,
    /// Bundled and scenario team kinds.
    kinds: Ids<'a>,
    teams: Ids<'a>,
    depots: Ids<'a>,
    convoys: Ids<'a>,
    injects: Ids<'a>,
    /// Plan rules and orders (what an inject `expects`).
    actions: Ids<'a>,
    /// The scenario has a `Fire` hazard.
    fire: bool,
    /// Some team is of a kind that builds fireline.
    line_builders: bool,
    /// Some team is of a kind that seals leaks.
    leak_sealers: bool,
    decontaminators: bool,
    /// Some team is of a kind that measures gas.
    gas_monitors: bool,
}

impl<'a> Known<'a> {
    fn new() -> Self {
        Known {
            places: Ids::new(("place", "地点")),
            nodes: Ids::new(("road node", "道路节点")),
            links: Ids::new(("road link", "路段")),
            levees: Ids::new(("levee", "堤防")),
            pumps: Ids::new(("pump", "泵站")),
            releases: Ids::new(("release", "泄漏源")),
            zones: Ids::new(("population zone", "人口分区")),
            shelters: Ids::new(("shelter", "避难所")),
            hospitals: Ids::new(("hospital", "医院")),
            stations: Ids::new(("station", "驻地")),
            kinds: Ids::new(("team kind", "队伍类型")),
            teams: Ids::new(("team", "队伍")),
            depots: Ids::new(("depot", "物资仓库")),
            convoys: Ids::new(("convoy", "车队")),
            injects: Ids::new(("inject", "情景注入")),
            actions: Ids::new(("plan rule or order", "预案规则或指令")),
            fire: false,
            line_builders: false,
            leak_sealers: false,
            decontaminators: false,
            gas_monitors: false,
        }
    }

    /// The scenario has a `Release` hazard (declared before anything refers to one).
    fn has_release(&self) -> bool {
        !self.releases.ids.is_empty()
    }

    /// A place name or a road node id may stand wherever a location is asked
    /// for; `also` adds more kinds (stations for a team base).
    fn location(&self, id: &str, path: Path, what: Noun, also: Option<&Ids<'a>>, out: &mut Vec<Problem>) {
        if self.places.has(id) || self.nodes.has(id) || also.is_some_and(|a| a.has(id)) {
            return;
        }
        let known = || {
            self.places
                .names()
                .chain(self.nodes.names())
                .chain(also.into_iter().flat_map(|a| a.names()))
        };
        let hint = match suggest_within(&self.places.suggestions_left, id, known()) {
            Some(k) => did_you_mean(k),
            None if known().next().is_none() => {
                said!(
                    "declare it under `places` or `roads.nodes`",
                    "在 `places` 或 `roads.nodes` 中声明它"
                )
            }
            None => {
                let declared = list_near(&self.places.suggestions_left, id, known());
                said!(
                    "declare it under `places` or `roads.nodes` (declared: {declared})",
                    "在 `places` 或 `roads.nodes` 中声明它（已声明：{declared}）"
                )
            }
        };
        let (what, what_zh) = what;
        out.push(Problem::new(
            path,
            "unknown-id",
            said!("unknown {what} `{id}`", "未知的{what_zh} `{id}`"),
            Some(hint),
        ));
    }
}

/// Run every check that needs only the parsed scenario and the map size
/// (`None` when the map itself could not be built).
pub fn validate(s: &Scenario, dims: Option<Dims>) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut known = Known::new();
    numbers::check_clock(s, &mut out);
    numbers::check_language(s, &mut out);
    world::weather(s, &mut out);
    declarations(s, dims, &mut known, &mut out);
    refs::injects(s, &known, &mut out);
    refs::plan(s, &known, &mut out);
    refs::objectives(s, &known, &mut out);
    refs::outputs(s, &mut out);
    numbers::distributions(s, &mut out);
    out
}

/// Every section that declares names, checked, its names added to `known`.
fn declarations<'a>(s: &'a Scenario, dims: Option<Dims>, known: &mut Known<'a>, out: &mut Vec<Problem>) {
    world::places(s, dims, known, out);
    world::roads(s, dims, known, out);
    world::hazards(s, known, out);
    people::population(s, known, out);
    people::facilities(s, known, out);
    people::resources(s, known, out);
    refs::declare(s, known, out);
}

/// Check a plan action given outside the file (an order in a tabletop
/// session) against the names a valid scenario `s` declares, exactly as a
/// rule's action is checked; problems are placed at `path`.
pub fn action_against(s: &Scenario, action: &crate::scenario::model::Action, path: Path) -> Vec<Problem> {
    let mut known = Known::new();
    // `s` compiled clean: its own problems were reported then.
    declarations(s, None, &mut known, &mut Vec::new());
    let mut out = Vec::new();
    actions::action(&known, action, path, &mut out);
    out
}
