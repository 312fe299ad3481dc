//! A scenario checked and compiled into what every run shares.
//!
//! [`CompiledScenario`] owns the parsed model (with its distributions still
//! unresolved), the terrain and the road network behind `Arc`s, built once per
//! batch. [`CompiledScenario::instantiate`] resolves every distribution for one
//! replication.

use crate::map::{Terrain, build_terrain, shape_cells};
use crate::roads::{RoadNetwork, build_network, reaches};
use crate::said;
use crate::scenario::model::{Hazard, Scenario, VehicleClass};
use crate::scenario::params::for_each_param;
use crate::scenario::tree::Path;
use crate::scenario::{self, Diagnostics, Problem, ReadError, validate};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

/// Built once, shared by every replication.
#[derive(Clone, Debug)]
pub struct CompiledScenario {
    pub scenario: Arc<Scenario>,
    pub terrain: Arc<Terrain>,
    pub roads: Arc<RoadNetwork>,
    /// Cells of every named place.
    pub places: Arc<BTreeMap<String, Vec<usize>>>,
    /// The scenario text as loaded, and its SHA-256.
    pub source: Arc<str>,
    pub hash: String,
    pub file: PathBuf,
    /// Paths of the uncertain parameters, in sampling order.
    pub uncertain: Vec<String>,
    /// Constructs the language accepts but the engine does not simulate yet
    /// (a fire, a chemical release), located: `validate` shows them as
    /// warnings, and [`Self::runnable`] refuses to run the scenario with them.
    pub not_simulated: Diagnostics,
}

impl CompiledScenario {
    /// Read, parse, validate and compile a scenario file.
    pub fn load(path: &FsPath) -> Result<Self, Diagnostics> {
        let limit = scenario::MAX_SCENARIO_BYTES as u64;
        let bytes = scenario::read_limited(path, limit).map_err(|e| {
            let (code, message, hint) = match e {
                ReadError::TooLarge(n) => (
                    "too-large",
                    said!(
                        "the file is {n} bytes; the limit is {limit} bytes (16 MiB)",
                        "文件有 {n} 字节，上限是 {limit} 字节（16 MiB）"
                    ),
                    said!("move large grids into an `.asc` data file", "把大的网格移到 `.asc` 数据文件中"),
                ),
                ReadError::Missing => (
                    "io",
                    said!("{} does not exist", "{} 不存在", path.display()),
                    said!("check the path", "检查路径"),
                ),
                ReadError::NotAFile => (
                    "io",
                    said!("{} is not a regular file", "{} 不是普通文件", path.display()),
                    said!("give the path of a .ron file", "给出一个 .ron 文件的路径"),
                ),
                ReadError::Io(e) => (
                    "io",
                    said!("cannot read {}: {e}", "无法读取 {}：{e}", path.display()),
                    said!("check the path and its permissions", "检查路径和访问权限"),
                ),
            };
            let mut d = Diagnostics::new(path, "");
            d.push(code, Default::default(), message, Some(hint));
            d
        })?;
        let text = decode(path, bytes)?;
        let base = path.parent().unwrap_or(FsPath::new("."));
        Self::from_source(&text, path, base)
    }

    /// Compile scenario text; `file` names it in messages, data paths are relative to `base_dir`.
    pub fn from_source(text: &str, file: &FsPath, base_dir: &FsPath) -> Result<Self, Diagnostics> {
        let parsed = scenario::parse(text, file)?;
        let s = parsed.scenario;
        let mut diags = Diagnostics::new(file, text);
        let terrain = build_terrain(&s.map, base_dir);
        let dims = terrain.as_ref().ok().map(|t| t.dims);
        let mut problems = validate::validate(&s, dims);
        let terrain = match terrain {
            Ok(t) => Some(t),
            Err(p) => {
                problems.extend(p);
                None
            }
        };
        // The road graph and reachability need a scenario free of other problems.
        let clean = problems.is_empty();
        let pending = unsupported(&s);
        if clean && let Some(t) = terrain {
            match build_network(&s.roads, &t) {
                Ok(net) => {
                    let places = place_cells(&s, &t);
                    problems.extend(reachability(&s, &t, &net, &places));
                    if problems.is_empty() {
                        let mut hasher = Sha256::new();
                        hasher.update(text.as_bytes());
                        let hash = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
                        let uncertain = scenario::params::uncertain_paths(&s);
                        let mut not_simulated = Diagnostics::new(file, text);
                        scenario::locate(&mut not_simulated, &parsed.tree, pending);
                        return Ok(CompiledScenario {
                            not_simulated,
                            scenario: Arc::new(s),
                            terrain: Arc::new(t),
                            roads: Arc::new(net),
                            places: Arc::new(places),
                            source: text.into(),
                            hash,
                            file: file.to_path_buf(),
                            uncertain,
                        });
                    }
                }
                Err(p) => problems.extend(p),
            }
        }
        // With other mistakes, what is not simulated yet is listed among them.
        problems.extend(pending);
        scenario::locate(&mut diags, &parsed.tree, problems);
        diags.sort();
        Err(diags)
    }

    /// Whether the engine can run this scenario: an error for each construct
    /// it does not simulate yet, so nothing runs with a hazard silently missing.
    pub fn runnable(&self) -> Result<(), Diagnostics> {
        if self.not_simulated.errors.is_empty() {
            Ok(())
        } else {
            Err(self.not_simulated.clone())
        }
    }

    /// Check that every layer the conditions name is one of `published`, the
    /// layers a run publishes (known once its hazard domains are built, which
    /// is why this is not part of [`Self::from_source`]).
    pub fn check_layers(&self, published: &[&str]) -> Result<(), Diagnostics> {
        let problems = validate::unknown_layers(&self.scenario, published);
        if problems.is_empty() {
            return Ok(());
        }
        let mut diags = Diagnostics::new(&self.file, &self.source);
        let parsed = scenario::parse(&self.source, &self.file)?;
        scenario::locate(&mut diags, &parsed.tree, problems);
        diags.sort();
        Err(diags)
    }

    /// The scenario with every distribution resolved from `draws` (one uniform
    /// per uncertain parameter, in [`Self::uncertain`] order). Returns the
    /// resolved scenario and the sampled values by path.
    pub fn instantiate(&self, draws: &[f64]) -> (Scenario, Vec<(String, f64)>) {
        let mut s = (*self.scenario).clone();
        let mut sampled = Vec::new();
        let mut k = 0;
        for_each_param(&mut s, &mut |path, mut p| {
            if p.is_uncertain() {
                let u = draws.get(k).copied().unwrap_or(0.5);
                k += 1;
                let v = p.fix(u);
                sampled.push((path.to_string(), v));
            }
        });
        (s, sampled)
    }

    /// Cells of a place name or a road node id.
    pub fn cells_of(&self, name: &str) -> Vec<usize> {
        if let Some(c) = self.places.get(name) {
            return c.clone();
        }
        self.roads
            .node_index(name)
            .map(|n| vec![self.roads.nodes[n].cell])
            .unwrap_or_default()
    }

    /// Where work at a place happens and where an agent based there stands:
    /// the middle of its cells in cell order (0 for a place with no cells,
    /// which validation rules out).
    pub fn centre_cell(&self, name: &str) -> usize {
        middle_cell(&self.cells_of(name))
    }

    /// The road node serving a place or node id.
    pub fn node_of(&self, name: &str) -> Option<usize> {
        node_for(name, &self.roads, &self.places, &self.terrain)
    }
}

/// The file's text: UTF-8 with an optional byte-order mark, or an error at
/// the first byte that is not UTF-8.
fn decode(path: &FsPath, bytes: Vec<u8>) -> Result<String, Diagnostics> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bad = e.as_bytes().get(at).copied().unwrap_or(0);
        // Show the text with the bad bytes replaced, so the position reads as in an editor.
        let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let mut d = Diagnostics::new(path, &shown);
        d.push(
            "encoding",
            crate::scenario::tree::Span::new(at, at + '\u{FFFD}'.len_utf8()),
            said!(
                "the file is not UTF-8: byte 0x{bad:02X} cannot be decoded",
                "文件不是 UTF-8 编码：字节 0x{bad:02X} 无法解码"
            ),
            Some(said!(
                "save the scenario as UTF-8 (files saved as GBK/GB 2312 or Latin-1 must be converted)",
                "把情景文件另存为 UTF-8（GBK/GB 2312 或 Latin-1 编码的文件须先转换）"
            )),
        );
        d
    })
}

fn place_cells(s: &Scenario, t: &Terrain) -> BTreeMap<String, Vec<usize>> {
    s.places.iter().map(|p| (p.name.clone(), shape_cells(&p.at, t.dims))).collect()
}

fn node_for(name: &str, net: &RoadNetwork, places: &BTreeMap<String, Vec<usize>>, t: &Terrain) -> Option<usize> {
    if let Some(n) = net.node_index(name) {
        return Some(n);
    }
    let cells = places.get(name)?;
    let centre = *cells.get(cells.len() / 2)?;
    net.nearest_node(centre, t.dims.cols)
}

/// Road nodes serving names, looked up once each: ids through a map, places
/// through the nearest-node search.
struct NodeLookup<'n> {
    net: &'n RoadNetwork,
    places: &'n BTreeMap<String, Vec<usize>>,
    terrain: &'n Terrain,
    ids: HashMap<&'n str, usize>,
    cache: RefCell<HashMap<String, Option<usize>>>,
}

impl<'n> NodeLookup<'n> {
    fn new(net: &'n RoadNetwork, places: &'n BTreeMap<String, Vec<usize>>, terrain: &'n Terrain) -> Self {
        let ids = net.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        NodeLookup {
            net,
            places,
            terrain,
            ids,
            cache: RefCell::default(),
        }
    }

    fn get(&self, name: &str) -> Option<usize> {
        if let Some(n) = self.ids.get(name) {
            return Some(*n);
        }
        if let Some(n) = self.cache.borrow().get(name) {
            return *n;
        }
        let n = node_for(name, self.net, self.places, self.terrain);
        self.cache.borrow_mut().insert(name.to_string(), n);
        n
    }
}

/// Every population zone must reach at least one shelter (its assigned one,
/// if any) by road on foot or by car when the map is dry; every convoy its
/// destination as its vehicle class. Zones and convoys with the same
/// destination share one reverse search.
fn reachability(s: &Scenario, t: &Terrain, net: &RoadNetwork, places: &BTreeMap<String, Vec<usize>>) -> Vec<Problem> {
    let mut out = Vec::new();
    let root = Path::root();
    let nodes = NodeLookup::new(net, places, t);
    let shelter_node = |id: &str| s.shelters.iter().find(|x| x.id == id).and_then(|sh| nodes.get(&sh.place));
    // Destination (None: any shelter) → zones (index, road node) going there.
    let mut groups: BTreeMap<Option<&str>, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, z) in s.population.iter().enumerate() {
        if s.shelters.is_empty() {
            out.push(Problem::new(
                root.field("population").index(i),
                "no-shelter",
                said!(
                    "zone `{}` has residents but the scenario has no shelters",
                    "分区 `{}` 有居民，但情景中没有避难所",
                    z.zone
                ),
                Some(said!("add a `shelters` entry", "添加一项 `shelters`")),
            ));
            continue;
        }
        let Some(from) = nodes.get(&z.zone) else {
            out.push(Problem::new(
                root.field("population").index(i).field("zone"),
                "unreachable",
                said!("zone `{}` has no road node", "分区 `{}` 没有道路节点", z.zone),
                Some(said!("declare `roads` with at least one node", "声明 `roads`，至少含一个节点")),
            ));
            continue;
        };
        groups.entry(z.shelter.as_deref()).or_default().push((i, from));
    }
    for (target, zones) in groups {
        let targets: Vec<usize> = match target {
            Some(id) => shelter_node(id).into_iter().collect(),
            None => s.shelters.iter().filter_map(|x| nodes.get(&x.place)).collect(),
        };
        let foot = reaches(net, &targets, VehicleClass::Foot);
        let car = reaches(net, &targets, VehicleClass::Car);
        for (i, from) in zones {
            if foot[from] || car[from] {
                continue;
            }
            let z = &s.population[i];
            let (path, message) = match target {
                Some(id) => (
                    root.field("population").index(i).field("shelter"),
                    said!(
                        "shelter `{id}` cannot be reached by road from zone `{}`, on foot or by car",
                        "从分区 `{}` 沿道路步行或驾车都到不了避难所 `{id}`",
                        z.zone
                    ),
                ),
                None => (
                    root.field("population").index(i).field("zone"),
                    said!(
                        "no shelter can be reached by road from zone `{}`, on foot or by car",
                        "从分区 `{}` 沿道路步行或驾车都到不了任何避难所",
                        z.zone
                    ),
                ),
            };
            out.push(Problem::new(
                path,
                "unreachable",
                message,
                Some(said!(
                    "add road links joining the zone's nearest road node to a shelter's",
                    "添加路段，把该分区最近的道路节点和某个避难所的节点连起来"
                )),
            ));
        }
    }
    // Destination node and class → convoys (index, origin node).
    let mut convoys: BTreeMap<(usize, VehicleClass), Vec<(usize, usize)>> = BTreeMap::new();
    for (i, c) in s.convoys.iter().enumerate() {
        let (Some(a), Some(b)) = (nodes.get(&c.from), nodes.get(&c.to)) else {
            out.push(Problem::new(
                root.field("convoys").index(i),
                "unreachable",
                said!("convoy `{}` has no road node at one end", "车队 `{}` 的一端没有道路节点", c.id),
                Some(said!("declare `roads` with at least one node", "声明 `roads`，至少含一个节点")),
            ));
            continue;
        };
        convoys.entry((b, c.class)).or_default().push((i, a));
    }
    for ((to, class), list) in convoys {
        let ok = reaches(net, &[to], class);
        for (i, from) in list {
            if !ok[from] {
                let c = &s.convoys[i];
                out.push(Problem::new(
                    root.field("convoys").index(i).field("to"),
                    "unreachable",
                    {
                        let (id, to, from, class) = (&c.id, &c.to, &c.from, c.class);
                        said!(
                            "convoy `{id}` cannot reach `{to}` from `{from}` by road as a {class:?}",
                            "车队 `{id}`（{class:?}）无法沿道路从 `{from}` 到达 `{to}`"
                        )
                    },
                    Some(said!(
                        "check the links' `classes`, directions (`two_way`) and connections",
                        "检查路段的 `classes`、方向（`two_way`）和连通情况"
                    )),
                ));
            }
        }
    }
    out
}

/// Constructs the language accepts but the engine does not simulate yet say so
/// here, as errors, instead of being silently ignored.
fn unsupported(s: &Scenario) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, h) in s.hazards.iter().enumerate() {
        let at = Path::root().field("hazards").index(i);
        let (path, what, hint) = match h {
            Hazard::Flood(_) => continue,
            Hazard::Fire(_) => continue,
            Hazard::Release(r) => {
                let first = s.hazards[..i].iter().find_map(|h| match h {
                    Hazard::Release(f) => Some(f),
                    _ => None,
                });
                match first {
                    Some(f) if f.substance != r.substance => (
                        at.field("substance"),
                        said!(
                            "a release of a second substance ({:?} after {:?}) is validated but not simulated yet: \
                             one substance per drill",
                            "第二种物质的泄漏（{:?}，在 {:?} 之后）可以通过校验，但尚不能模拟：每次演练只能有一种物质",
                            r.substance,
                            f.substance
                        ),
                        said!(
                            "releases of one substance add up in the air; give every release `substance: {:?}`",
                            "同一种物质的多处泄漏在空气中叠加；请给每一处泄漏写 `substance: {:?}`",
                            f.substance
                        ),
                    ),
                    _ => continue,
                }
            }
        };
        out.push(Problem::new(path, "not-yet-simulated", what, Some(hint)));
    }
    out
}

/// The middle one of a list of cells (0 for none): the cell of a line's or
/// an area's centre in cell order.
pub fn middle_cell(cells: &[usize]) -> usize {
    cells.get(cells.len() / 2).copied().unwrap_or(0)
}
