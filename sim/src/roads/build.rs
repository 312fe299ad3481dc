//! Building the road graph from declared nodes and links, or from road cells.

use super::{Arc, RoadNetwork, RoadNodeInfo, class_bit};
use crate::map::{Terrain, line_cells};
use crate::said;
use crate::scenario::Problem;
use crate::scenario::model::{LandClass, LinkKind, Roads, VehicleClass};
use crate::scenario::tree::Path;
use crate::scenario::validate::MAX_ROAD_NODES;
use petgraph::graph::DiGraph;
use std::collections::HashMap;

fn classes_mask(classes: &[VehicleClass]) -> u8 {
    classes.iter().fold(0, |m, c| m | class_bit(*c))
}

/// Build the network (after validation has checked ids).
pub fn build_network(spec: &Roads, terrain: &Terrain) -> Result<RoadNetwork, Vec<Problem>> {
    let dims = terrain.dims;
    let mut net = RoadNetwork::default();
    for n in &spec.nodes {
        net.nodes.push(RoadNodeInfo {
            id: n.id.clone(),
            cell: dims.index(n.at),
        });
    }
    let add = |net: &mut RoadNetwork,
               link: usize,
               from: usize,
               to: usize,
               length_m: f64,
               speed_kmh: f64,
               lanes: u32,
               cap: f64,
               classes: u8,
               kind: LinkKind| {
        let (a, b) = (dims.cell(net.nodes[from].cell), dims.cell(net.nodes[to].cell));
        let cells = line_cells(a, b)
            .into_iter()
            .filter(|c| dims.contains(*c))
            .map(|c| dims.index(c))
            .collect();
        net.arcs.push(Arc {
            link,
            from,
            to,
            length_m,
            free_speed_ms: speed_kmh / 3.6,
            capacity_pcu_h: cap * lanes as f64,
            classes,
            kind,
            cells,
        });
    };
    // Look ids up in a map: a linear search per link is quadratic in big networks.
    let index: HashMap<&str, usize> = spec.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    for l in &spec.links {
        let (Some(&from), Some(&to)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) else {
            continue;
        };
        let (a, b) = (dims.cell(net.nodes[from].cell), dims.cell(net.nodes[to].cell));
        let straight = (((a.0 - b.0) as f64).powi(2) + ((a.1 - b.1) as f64).powi(2)).sqrt() * terrain.cell_m;
        let length = l.length_m.unwrap_or(straight.max(terrain.cell_m * 0.5));
        let link = net.link_ids.len();
        net.link_ids.push(l.id.clone());
        let mask = classes_mask(&l.classes);
        add(
            &mut net,
            link,
            from,
            to,
            length,
            l.speed_kmh,
            l.lanes,
            l.capacity_pcu_h_lane,
            mask,
            l.kind,
        );
        if l.two_way {
            add(
                &mut net,
                link,
                to,
                from,
                length,
                l.speed_kmh,
                l.lanes,
                l.capacity_pcu_h_lane,
                mask,
                l.kind,
            );
        }
    }
    if let Some(d) = &spec.from_cells {
        // Count before allocating: one node per road cell.
        let count = terrain.land.iter().filter(|c| **c == LandClass::Road).count();
        if count + net.nodes.len() > MAX_ROAD_NODES {
            return Err(vec![Problem::new(
                Path::root().field("roads").field("from_cells"),
                "too-large",
                said!(
                    "the map has {count} `Road` cells; with {} declared nodes that is more than the limit of {MAX_ROAD_NODES} road nodes",
                    "地图有 {count} 个 `Road` 网格，加上声明的 {} 个节点，超过了 {MAX_ROAD_NODES} 个道路节点的上限",
                    net.nodes.len()
                ),
                Some(said!(
                    "declare the main roads as nodes and links instead",
                    "改为把主要道路声明为节点和路段"
                )),
            )]);
        }
        let road_cells: Vec<usize> = (0..dims.len()).filter(|i| terrain.land[*i] == LandClass::Road).collect();
        if road_cells.is_empty() {
            return Err(vec![Problem::new(
                Path::root().field("roads").field("from_cells"),
                "no-road-cells",
                said!(
                    "from_cells is set but the map has no `Road` cells",
                    "设置了 from_cells，但地图上没有 `Road` 网格"
                ),
                Some(said!("map a legend character to Road", "在图例中把一个字符对应到 Road")),
            )]);
        }
        let base = net.nodes.len();
        let mut node_of = std::collections::BTreeMap::new();
        for (k, cell) in road_cells.iter().enumerate() {
            let (c, r) = dims.cell(*cell);
            net.nodes.push(RoadNodeInfo {
                id: format!("r{c}_{r}"),
                cell: *cell,
            });
            node_of.insert(*cell, base + k);
        }
        let all = classes_mask(&[VehicleClass::Car, VehicleClass::Truck, VehicleClass::Bus, VehicleClass::Foot]);
        for cell in &road_cells {
            let (c, r) = dims.cell(*cell);
            for (dc, dr) in [(1, 0), (0, 1)] {
                let nb = (c + dc, r + dr);
                if !dims.contains(nb) {
                    continue;
                }
                if let Some(&to) = node_of.get(&dims.index(nb)) {
                    let from = node_of[cell];
                    let link = net.link_ids.len();
                    net.link_ids.push(format!("r{c}_{r}-{}_{}", nb.0, nb.1));
                    add(
                        &mut net,
                        link,
                        from,
                        to,
                        terrain.cell_m,
                        d.speed_kmh,
                        d.lanes,
                        d.capacity_pcu_h_lane,
                        all,
                        LinkKind::Road,
                    );
                    add(
                        &mut net,
                        link,
                        to,
                        from,
                        terrain.cell_m,
                        d.speed_kmh,
                        d.lanes,
                        d.capacity_pcu_h_lane,
                        all,
                        LinkKind::Road,
                    );
                }
            }
        }
    }
    let mut g = DiGraph::with_capacity(net.nodes.len(), net.arcs.len());
    for i in 0..net.nodes.len() {
        g.add_node(i);
    }
    for (i, a) in net.arcs.iter().enumerate() {
        g.add_edge(petgraph::graph::NodeIndex::new(a.from), petgraph::graph::NodeIndex::new(a.to), i);
    }
    net.graph = g;
    Ok(net)
}
