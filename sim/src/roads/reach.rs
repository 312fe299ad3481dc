//! Connectivity on the dry, open network, for validation.

use super::RoadNetwork;
use crate::scenario::model::VehicleClass;

/// `out[n]` is true when some node of `targets` can be reached from node `n`
/// by `class` with every link open, as before any hazard or closure. One
/// reverse breadth-first search: O(nodes + arcs), whatever the number of
/// origins asking.
pub fn reaches(net: &RoadNetwork, targets: &[usize], class: VehicleClass) -> Vec<bool> {
    let n = net.nodes.len();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    for a in net.arcs.iter().filter(|a| a.allows(class)) {
        into[a.to].push(a.from);
    }
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = targets.iter().copied().filter(|t| *t < n).collect();
    for &t in &stack {
        seen[t] = true;
    }
    while let Some(x) = stack.pop() {
        for &from in &into[x] {
            if !seen[from] {
                seen[from] = true;
                stack.push(from);
            }
        }
    }
    seen
}
