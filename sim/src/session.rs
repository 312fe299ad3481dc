//! Tabletop sessions: a drill played live. A facilitator steps the clock,
//! fires injects by hand and players give orders between ticks; the
//! session keeps those moves and their times, and replays them exactly.
//!
//! A session is a pure function of (scenario, seed, replication, moves): an
//! order given live goes through the command domain exactly as a scripted
//! `plan.orders` entry at the same tick, and an inject fired by hand through
//! the MSEL domain as if its own trigger had come. So [`Table::replay`] of a
//! saved [`Session`] writes the same bytes as the session did, and a replay
//! stopped early (`until`) is a branch point the players can take another
//! way.
//!
//! The session file is RON in the scenario language's own types (an order's
//! `do:` is a plan action as a rule would write it) and goes through the
//! same located checks: a wrong id in a session file is an error at its
//! line and column, never skipped. It names the scenario's SHA-256; a replay
//! on another version of the scenario is refused, since it would not
//! reproduce what the players saw.

use crate::engine::{EventRecord, PreparedRun, RunOutcome};
use crate::said;
use crate::scenario::model::Action;
use crate::scenario::tree::Path;
use crate::scenario::units::Duration;
use crate::scenario::{Diagnostics, Problem, Said, diagnostics};
use crate::{CompiledScenario, Engine, RunSpec};
use serde::Deserialize;
use std::fmt;

/// Largest session file read (bytes): a day of moves at one a second fits.
pub const MAX_SESSION_BYTES: usize = 4 << 20;
/// Longest order typed at a prompt (bytes).
pub const MAX_ORDER_BYTES: usize = 4096;
/// Longest order id (characters).
pub const MAX_ID_CHARS: usize = 64;

/// A session file as written: see the module docs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionFile {
    scenario_sha256: String,
    seed: u64,
    replication: u64,
    moves: Vec<MoveFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
enum MoveFile {
    Order {
        at: Duration,
        id: String,
        #[serde(rename = "do")]
        action: Action,
    },
    Inject {
        at: Duration,
        id: String,
    },
    End {
        at: Duration,
    },
}

/// One move of a session, at the clock time it was made (seconds since the
/// start of the drill): it takes effect in the tick that starts then.
#[derive(Clone, Debug, PartialEq)]
pub enum Move {
    /// A plan action given as order `id`; `text` is the action as written.
    Order { at_s: f64, id: String, action_text: String },
    /// An inject fired by hand.
    Inject { at_s: f64, id: String },
    /// Where the session stopped.
    End { at_s: f64 },
}

impl Move {
    pub fn at_s(&self) -> f64 {
        match self {
            Move::Order { at_s, .. } | Move::Inject { at_s, .. } | Move::End { at_s } => *at_s,
        }
    }
}

/// A checked session: the run it belongs to and its moves in time order.
#[derive(Clone, Debug)]
pub struct Session {
    pub seed: u64,
    pub replication: u64,
    pub moves: Vec<Move>,
    /// Where each move is written in the file: 1-based line and column.
    pub positions: Vec<(usize, usize)>,
    /// Each order's action, parsed (parallel to the `Order`s of `moves`).
    actions: Vec<Action>,
}

/// Read and check a session file for `compiled`: every problem at once, each
/// at its line and column.
pub fn load(path: &std::path::Path, compiled: &CompiledScenario) -> Result<Session, Diagnostics> {
    use crate::scenario::ReadError;
    let failed = |message: Said, hint: Said| {
        let mut d = Diagnostics::new(path, "");
        d.push("io", Default::default(), message, Some(hint));
        d
    };
    let shown = path.display();
    let give_session = || {
        said!(
            "give the session file `drillsim play` wrote",
            "给出 `drillsim play` 写下的演练记录文件"
        )
    };
    let bytes = crate::scenario::read_limited(path, MAX_SESSION_BYTES as u64).map_err(|e| match e {
        ReadError::Missing => failed(
            said!("{shown} does not exist", "{shown} 不存在"),
            said!("check the path", "检查路径"),
        ),
        ReadError::NotAFile => failed(said!("{shown} is not a regular file", "{shown} 不是普通文件"), give_session()),
        ReadError::TooLarge(n) => failed(
            said!(
                "the file is {n} bytes; a session file has at most {MAX_SESSION_BYTES}",
                "文件有 {n} 字节，演练记录文件最多 {MAX_SESSION_BYTES} 字节"
            ),
            give_session(),
        ),
        ReadError::Io(e) => failed(
            said!("cannot read {shown}: {e}", "无法读取 {shown}：{e}"),
            said!("check the path and its permissions", "检查路径和访问权限"),
        ),
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| failed(said!("{shown} is not UTF-8 text", "{shown} 不是 UTF-8 文本"), give_session()))?;
    from_source(text.strip_prefix('\u{feff}').unwrap_or(&text), path, compiled)
}

/// [`load`] from text already read.
pub fn from_source(text: &str, path: &std::path::Path, compiled: &CompiledScenario) -> Result<Session, Diagnostics> {
    let (file, tree) = crate::scenario::parse_value::<SessionFile>(text, path, MAX_SESSION_BYTES)?;
    let problems = check(&file, compiled);
    if !problems.is_empty() {
        let mut d = Diagnostics::new(path, text);
        crate::scenario::locate(&mut d, &tree, problems);
        d.sort();
        return Err(d);
    }
    let mut moves = Vec::with_capacity(file.moves.len());
    let mut actions = Vec::new();
    let positions = (0..file.moves.len())
        .map(|i| diagnostics::line_col(text, tree.locate(&move_path(i)).span.start))
        .collect();
    for (i, m) in file.moves.into_iter().enumerate() {
        moves.push(match m {
            MoveFile::Order { at, id, action } => {
                let span = tree.locate(&move_path(i).field("do")).span;
                actions.push(action);
                Move::Order {
                    at_s: at.secs(),
                    id,
                    action_text: text[span.start..span.end].to_string(),
                }
            }
            MoveFile::Inject { at, id } => Move::Inject { at_s: at.secs(), id },
            MoveFile::End { at } => Move::End { at_s: at.secs() },
        });
    }
    Ok(Session {
        seed: file.seed,
        replication: file.replication,
        moves,
        positions,
        actions,
    })
}

fn move_path(i: usize) -> Path {
    Path::root().field("moves").index(i)
}

/// Why an id cannot name an order, if it cannot.
pub fn bad_order_id(id: &str) -> Option<Said> {
    if id.is_empty() {
        Some(said!("an order needs an id", "指令需要一个 id"))
    } else if id.chars().count() > MAX_ID_CHARS {
        Some(said!(
            "an order id has at most {MAX_ID_CHARS} characters",
            "指令 id 最多 {MAX_ID_CHARS} 个字符"
        ))
    } else if id.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\\') {
        Some(said!(
            "`{id}` is not an id: no spaces, quotes or backslashes",
            "`{id}` 不能作 id：不能有空格、引号或反斜杠"
        ))
    } else {
        None
    }
}

fn check(file: &SessionFile, compiled: &CompiledScenario) -> Vec<Problem> {
    let s = &compiled.scenario;
    let mut out = Vec::new();
    if file.scenario_sha256 != compiled.hash {
        out.push(Problem::new(
            Path::root().field("scenario_sha256"),
            "other-scenario",
            said!(
                "this session was played on another version of the scenario",
                "这份演练记录是在另一个版本的情景上推演的"
            ),
            Some(said!(
                "a replay reproduces a session only on the scenario it was played on; this one's SHA-256 is {}",
                "重放只能在推演时所用的情景上复现；当前情景的 SHA-256 是 {}",
                compiled.hash
            )),
        ));
    }
    let tick = s.tick.secs();
    let mut last = 0.0f64;
    let mut by_hand: Vec<&str> = Vec::new();
    for (i, m) in file.moves.iter().enumerate() {
        let p = move_path(i);
        let at = match m {
            MoveFile::Order { at, .. } | MoveFile::Inject { at, .. } | MoveFile::End { at } => at.secs(),
        };
        let on_clock = ((at / tick).round() * tick - at).abs() <= 1e-9 * at.max(1.0);
        if at > s.duration.secs() {
            out.push(Problem::new(
                p.field("at"),
                "out-of-range",
                said!(
                    "{} is after the drill's end ({})",
                    "{} 晚于演练结束（{}）",
                    Duration(at),
                    s.duration
                ),
                None,
            ));
        } else if !on_clock {
            out.push(Problem::new(
                p.field("at"),
                "off-tick",
                said!(
                    "{} is not on the drill's clock (a tick is {})",
                    "{} 不在演练时钟的步点上（一个 tick 是 {}）",
                    Duration(at),
                    s.tick
                ),
                Some(said!("moves take effect at the start of a tick", "每步操作在一个 tick 开始时生效")),
            ));
        } else if at < last {
            out.push(Problem::new(
                p.field("at"),
                "out-of-order",
                said!(
                    "{} comes before the move above it ({})",
                    "{} 早于上面那一步操作（{}）",
                    Duration(at),
                    Duration(last)
                ),
                Some(said!("list the moves in the order they were made", "按操作的先后顺序列出")),
            ));
        }
        last = last.max(at);
        match m {
            MoveFile::Order { id, action, .. } => {
                if let Some(why) = bad_order_id(id) {
                    out.push(Problem::new(p.field("id"), "bad-id", why, None));
                }
                out.extend(crate::scenario::validate::action_against(s, action, p.field("do")));
            }
            MoveFile::Inject { id, .. } => {
                if !s.injects.iter().any(|j| &j.id == id) {
                    let hint = diagnostics::suggest(id, s.injects.iter().map(|j| j.id.as_str()))
                        .map(crate::scenario::validate::did_you_mean)
                        .or_else(|| {
                            s.injects
                                .is_empty()
                                .then(|| said!("the scenario has no injects", "本情景没有情景注入"))
                        });
                    out.push(Problem::new(
                        p.field("id"),
                        "unknown-id",
                        said!("unknown inject `{id}`", "未知的情景注入 `{id}`"),
                        hint,
                    ));
                } else if by_hand.contains(&id.as_str()) {
                    out.push(Problem::new(
                        p.field("id"),
                        "duplicate",
                        said!("inject `{id}` is fired by hand twice", "情景注入 `{id}` 被手动触发了两次"),
                        Some(said!("an inject fires once", "一个情景注入只触发一次")),
                    ));
                }
                by_hand.push(id);
            }
            MoveFile::End { .. } => {
                if i + 1 != file.moves.len() {
                    out.push(Problem::new(
                        p,
                        "end-not-last",
                        said!("`End` is not the last move", "`End` 不是最后一步操作"),
                        Some(said!("moves after the end would never be made", "结束之后的操作永远不会执行")),
                    ));
                }
            }
        }
    }
    out
}

/// Parse and check a plan action typed at a prompt (`text`, one action in
/// the scenario language); problems are located in `text` itself, under the
/// name `label`. Returns the action and its exact text (without comments or
/// surrounding blanks), as a session file records it.
pub fn parse_action(text: &str, label: &str, compiled: &CompiledScenario) -> Result<(Action, String), Diagnostics> {
    let label = std::path::Path::new(label);
    let (action, tree) = crate::scenario::parse_value::<Action>(text, label, MAX_ORDER_BYTES)?;
    let problems = crate::scenario::validate::action_against(&compiled.scenario, &action, Path::root());
    if problems.is_empty() {
        return Ok((action, text[tree.span.start..tree.span.end].to_string()));
    }
    let mut d = Diagnostics::new(label, text);
    crate::scenario::locate(&mut d, &tree, problems);
    d.sort();
    Err(d)
}

/// A move the table refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// The drill has run to its end.
    Over,
    UnknownInject(String),
    /// The inject fired already, at this time (seconds).
    AlreadyFired(String, f64),
    /// The inject is already set to fire by hand in the next tick.
    AlreadyQueued(String),
    BadId(Said),
}

impl Refused {
    /// Why, in both languages.
    pub fn said(&self) -> Said {
        match self {
            Refused::Over => said!("the drill has run to its end", "演练已到结束时间"),
            Refused::UnknownInject(id) => said!("unknown inject `{id}`", "未知的情景注入 `{id}`"),
            Refused::AlreadyFired(id, t) => {
                let t = Duration(*t);
                said!("inject `{id}` fired already, at {t}", "情景注入 `{id}` 已在 {t} 触发过")
            }
            Refused::AlreadyQueued(id) => said!(
                "inject `{id}` is already set to fire in the next tick",
                "情景注入 `{id}` 已定在下一步触发"
            ),
            Refused::BadId(why) => why.clone(),
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said().en)
    }
}

impl std::error::Error for Refused {}

/// A drill being played: a stepped run and the moves made in it.
pub struct Table {
    run: PreparedRun,
    sha256: String,
    spec: RunSpec,
    moves: Vec<Move>,
}

impl Table {
    pub fn new(compiled: &CompiledScenario, spec: RunSpec) -> Table {
        Table {
            run: Engine::prepare(compiled, spec, None),
            sha256: compiled.hash.clone(),
            spec,
            moves: Vec::new(),
        }
    }

    /// Let the flood solver use `threads` threads; results do not change.
    pub fn set_threads(&mut self, threads: usize) {
        self.run.set_threads(threads);
    }

    /// The clock: seconds since the start of the drill.
    pub fn now_s(&self) -> f64 {
        self.run.now_s()
    }

    /// Seconds in one tick.
    pub fn tick_s(&self) -> f64 {
        self.run.tick_s()
    }

    pub fn is_over(&self) -> bool {
        self.run.is_done()
    }

    /// Step until the clock shows `t_s` or later, or the drill ends.
    pub fn advance_to(&mut self, t_s: f64) {
        while !self.run.is_done() && self.run.now_s() < t_s - 1e-9 {
            self.run.step();
        }
    }

    /// Give `action` as order `id` now; it takes effect in the next tick.
    /// `action_text` is what the session file records.
    pub fn order(&mut self, id: &str, action: Action, action_text: &str) -> Result<(), Refused> {
        if self.run.is_done() {
            return Err(Refused::Over);
        }
        if let Some(why) = bad_order_id(id) {
            return Err(Refused::BadId(why));
        }
        self.run.order(id, action);
        self.moves.push(Move::Order {
            at_s: self.now_s(),
            id: id.to_string(),
            action_text: action_text.to_string(),
        });
        Ok(())
    }

    /// Fire inject `id` by hand now: it takes effect in the next tick.
    pub fn inject(&mut self, compiled: &CompiledScenario, id: &str) -> Result<(), Refused> {
        if self.run.is_done() {
            return Err(Refused::Over);
        }
        let Some(k) = compiled.scenario.injects.iter().position(|j| j.id == id) else {
            return Err(Refused::UnknownInject(id.to_string()));
        };
        if let Some(t) = self.inject_fired_at()[k] {
            return Err(Refused::AlreadyFired(id.to_string(), t));
        }
        if self.queued(id) {
            return Err(Refused::AlreadyQueued(id.to_string()));
        }
        self.run.fire_inject(id);
        self.moves.push(Move::Inject {
            at_s: self.now_s(),
            id: id.to_string(),
        });
        Ok(())
    }

    /// Whether inject `id` is set to fire by hand in the next tick.
    pub fn queued(&self, id: &str) -> bool {
        let now = self.now_s();
        self.moves
            .iter()
            .any(|m| matches!(m, Move::Inject { id: j, at_s } if j == id && *at_s == now))
    }

    /// Make the moves of `session` up to (not including) `until_s`, stepping
    /// the clock between them; an `End` move stops there. Returns whether
    /// the replay met the session's end (the clock shows where it stopped). A move
    /// the run refuses (an inject its own trigger fired before the hand
    /// did) is returned with its index.
    pub fn replay(&mut self, compiled: &CompiledScenario, session: &Session, until_s: Option<f64>) -> Result<bool, (usize, Refused)> {
        let mut actions = session.actions.iter();
        for (i, m) in session.moves.iter().enumerate() {
            if let Some(u) = until_s
                && m.at_s() >= u
            {
                self.advance_to(u);
                return Ok(false);
            }
            self.advance_to(m.at_s());
            match m {
                Move::Order { id, action_text, .. } => {
                    let action = actions.next().expect("one action per order").clone();
                    self.order(id, action, action_text).map_err(|e| (i, e))?;
                }
                Move::Inject { id, .. } => self.inject(compiled, id).map_err(|e| (i, e))?,
                Move::End { .. } => return Ok(true),
            }
        }
        if let Some(u) = until_s {
            self.advance_to(u);
        }
        Ok(false)
    }

    /// The moves made so far.
    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// The events logged so far.
    pub fn events(&self) -> &[EventRecord] {
        self.run.events()
    }

    /// The latest value of a time-series column, if recorded.
    pub fn latest(&self, column: &str) -> Option<f64> {
        let s = self.run.series();
        let i = s.columns.iter().position(|c| c == column)?;
        s.rows.last().map(|r| r[i]).filter(|v| v.is_finite())
    }

    /// The response level now (`None` before it is first raised).
    pub fn response_level(&self) -> Option<crate::scenario::model::Level> {
        self.run.resource::<crate::world::plan::ResponseLevel>().0
    }

    /// The hazards' published layers now (and their peaks so far).
    pub fn hazards(&self) -> &crate::world::hazard::Hazards {
        self.run.resource::<crate::world::hazard::Hazards>()
    }

    /// When each inject fired (seconds), in scenario order.
    pub fn inject_fired_at(&self) -> &[Option<f64>] {
        &self.run.resource::<crate::world::plan::MselState>().inject_fired_at
    }

    /// The session so far as a RON file, ending with an `End` at the clock
    /// time now when `ended`; `scenario_label` goes in its header comment.
    pub fn to_ron(&self, scenario_label: &str, ended: bool) -> String {
        let mut moves = self.moves.clone();
        if ended {
            moves.push(Move::End { at_s: self.now_s() });
        }
        write_session(scenario_label, &self.sha256, self.spec, &moves)
    }

    /// Stop here and collect the outcome of the ticks done.
    pub fn finish(self) -> RunOutcome {
        self.run.finish()
    }
}

fn at_text(t: f64) -> String {
    if t.fract() == 0.0 {
        Duration(t).to_string()
    } else {
        format!("{t}s")
    }
}

/// `text` as a RON string, escaped by `ron` itself.
fn quoted(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

fn write_session(scenario_label: &str, sha256: &str, spec: RunSpec, moves: &[Move]) -> String {
    let label: String = scenario_label.chars().filter(|c| !c.is_control()).collect();
    let mut out = format!(
        "// A drillsim tabletop session on {label}.\n// Replay it with: drillsim play {label} --replay <this file>\nSession(\n    scenario_sha256: \"{sha256}\",\n    seed: {},\n    replication: {},\n    moves: [\n",
        spec.seed, spec.replication
    );
    for m in moves {
        let line = match m {
            Move::Order { at_s, id, action_text } => format!("Order(at: \"{}\", id: {}, do: {action_text})", at_text(*at_s), quoted(id)),
            Move::Inject { at_s, id } => format!("Inject(at: \"{}\", id: {})", at_text(*at_s), quoted(id)),
            Move::End { at_s } => format!("End(at: \"{}\")", at_text(*at_s)),
        };
        out.push_str(&format!("        {line},\n"));
    }
    out.push_str("    ],\n)\n");
    out
}
