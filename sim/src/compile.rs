//! A scenario checked and compiled into what every run shares.
//!
//! [`CompiledScenario`] owns the parsed model (with its distributions still
//! unresolved), the terrain and the road network behind `Arc`s, built once per
//! batch. [`CompiledScenario::instantiate`] resolves every distribution for one
//! replication.

use crate::map::{Terrain, build_terrain, shape_cells};
use crate::roads::{RoadNetwork, RoadState, build_network};
use crate::scenario::model::{Hazard, Scenario, VehicleClass};
use crate::scenario::params::for_each_param;
use crate::scenario::tree::Path;
use crate::scenario::{self, Diagnostics, Problem, validate};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
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
}

impl CompiledScenario {
    /// Read, parse, validate and compile a scenario file.
    pub fn load(path: &FsPath) -> Result<Self, Diagnostics> {
        let text = match std::fs::metadata(path) {
            Ok(m) if m.len() as usize > scenario::MAX_SCENARIO_BYTES => {
                let mut d = Diagnostics::new(path, "");
                d.push(
                    "too-large",
                    Default::default(),
                    format!("the file is {} bytes; the limit is {}", m.len(), scenario::MAX_SCENARIO_BYTES),
                    None,
                );
                return Err(d);
            }
            _ => std::fs::read(path).map_err(|e| {
                let mut d = Diagnostics::new(path, "");
                d.push(
                    "io",
                    Default::default(),
                    format!("cannot read {}: {e}", path.display()),
                    Some("check the path".into()),
                );
                d
            })?,
        };
        let text = String::from_utf8(text).map_err(|e| {
            let mut d = Diagnostics::new(path, "");
            d.push(
                "encoding",
                Default::default(),
                format!("the file is not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                Some("save the scenario as UTF-8".into()),
            );
            d
        })?;
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
        if problems.is_empty()
            && let Some(t) = &terrain
        {
            match build_network(&s.roads, t) {
                Ok(net) => {
                    let places = place_cells(&s, t);
                    problems.extend(reachability(&s, t, &net, &places));
                    problems.extend(unsupported(&s));
                    if problems.is_empty() {
                        let mut hasher = Sha256::new();
                        hasher.update(text.as_bytes());
                        let hash = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
                        let uncertain = scenario::params::uncertain_paths(&s);
                        return Ok(CompiledScenario {
                            scenario: Arc::new(s),
                            terrain: Arc::new(t.clone()),
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

    /// The road node serving a place or node id.
    pub fn node_of(&self, name: &str) -> Option<usize> {
        node_for(name, &self.roads, &self.places, &self.terrain)
    }
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

/// Every population zone must reach at least one shelter by road (on foot or by car)
/// when the map is dry; every convoy its destination.
fn reachability(s: &Scenario, t: &Terrain, net: &RoadNetwork, places: &BTreeMap<String, Vec<usize>>) -> Vec<Problem> {
    let mut out = Vec::new();
    let state = RoadState::new(net);
    let root = Path::root();
    for (i, z) in s.population.iter().enumerate() {
        if s.shelters.is_empty() {
            out.push(Problem::new(
                root.field("population").index(i),
                "no-shelter",
                format!("zone `{}` has residents but the scenario has no shelters", z.zone),
                Some("add a `shelters` entry".into()),
            ));
            continue;
        }
        let Some(from) = node_for(&z.zone, net, places, t) else {
            out.push(Problem::new(
                root.field("population").index(i).field("zone"),
                "unreachable",
                format!("zone `{}` has no road node", z.zone),
                Some("declare roads".into()),
            ));
            continue;
        };
        let targets: Vec<&str> = match &z.shelter {
            Some(sh) => vec![sh.as_str()],
            None => s.shelters.iter().map(|x| x.id.as_str()).collect(),
        };
        let ok = targets.iter().any(|sid| {
            let Some(sh) = s.shelters.iter().find(|x| x.id == *sid) else {
                return true;
            };
            node_for(&sh.place, net, places, t).is_some_and(|to| {
                state.route(net, from, to, VehicleClass::Foot).is_some() || state.route(net, from, to, VehicleClass::Car).is_some()
            })
        });
        if !ok {
            let path = if z.shelter.is_some() {
                root.field("population").index(i).field("shelter")
            } else {
                root.field("population").index(i).field("zone")
            };
            out.push(Problem::new(
                path,
                "unreachable",
                format!("no shelter can be reached by road from zone `{}`", z.zone),
                Some("add a road link between the zone and a shelter".into()),
            ));
        }
    }
    for (i, c) in s.convoys.iter().enumerate() {
        let (Some(a), Some(b)) = (node_for(&c.from, net, places, t), node_for(&c.to, net, places, t)) else {
            out.push(Problem::new(
                root.field("convoys").index(i),
                "unreachable",
                format!("convoy `{}` has no road node at one end", c.id),
                None,
            ));
            continue;
        };
        if state.route(net, a, b, c.class).is_none() {
            out.push(Problem::new(
                root.field("convoys").index(i).field("to"),
                "unreachable",
                format!(
                    "convoy `{}` cannot reach `{}` from `{}` by road as a {:?}",
                    c.id, c.to, c.from, c.class
                ),
                Some("check the links' `classes` and connections".into()),
            ));
        }
    }
    out
}

/// Constructs the language accepts but the engine does not simulate yet say so
/// here, as errors, instead of being silently ignored.
fn unsupported(s: &Scenario) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, h) in s.hazards.iter().enumerate() {
        let what = match h {
            Hazard::Flood(_) => continue,
            Hazard::Fire(_) => "fire spread",
            Hazard::Release(_) => "chemical releases",
        };
        out.push(Problem::new(
            Path::root().field("hazards").index(i),
            "not-yet-simulated",
            format!("{what} is part of the language but not simulated in this version"),
            Some("remove this hazard to run the drill; validation of it still works".into()),
        ));
    }
    out
}
