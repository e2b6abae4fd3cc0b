//! The reachability matrix (`vpcctl reach`): for every ordered pair of different nodes
//! (instances first, then on-prem hosts, in document order), the verdict and reason of a full
//! trace from one to the other, reply included. Every pair is traced: the verdicts are exactly
//! what `trace` says, with no shortcut that could disagree with it. The trace is verdict-only
//! ([`crate::trace::Tracer::verdict_packet`]): the same walk, which skips building the hops'
//! sentences and route lists that the matrix would throw away.
use crate::load::Loaded;
use crate::packet::Packet;
use crate::verdict::{Reason, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachCell {
    pub verdict: Verdict,
    pub reason: Reason,
}

/// `vpcctl reach` output: nodes (instances first, then on-prem hosts, in document order) and
/// the verdict for every ordered pair of different nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Reach {
    pub nodes: Vec<String>,
    pub matrix: BTreeMap<String, BTreeMap<String, ReachCell>>,
}

/// The matrix for the default packet (`tcp` to port 443).
pub fn reach(s: &Loaded) -> Reach {
    reach_packet(s, Packet::default())
}

/// The matrix with one packet for every pair (`vpcctl reach --proto --port`).
pub fn reach_packet(s: &Loaded, packet: Packet) -> Reach {
    let mut nodes: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
    for n in &s.onprem_networks {
        nodes.extend(n.hosts.iter().map(|h| h.id.clone()));
    }
    // One index for all pairs: `Tracer::trace` is exactly `trace`, minus the repeated set-up.
    let tracer = crate::trace::Tracer::new(s);
    // Each row's cells are made in id order (one sort of the node ids for all rows), which
    // a BTreeMap takes in one pass instead of a search per insert. A stable sort keeps
    // document order among equal ids, so the last of them wins, as inserting in order did.
    let mut order: Vec<&String> = nodes.iter().collect();
    crate::stable_sort::sort(&mut order);
    let mut matrix = BTreeMap::new();
    for from in &nodes {
        let row: BTreeMap<String, ReachCell> = order
            .iter()
            .filter(|t| **t != from)
            .filter_map(|to| {
                let reason = tracer.verdict_packet(from, to, packet).ok()?;
                Some((
                    (*to).clone(),
                    ReachCell {
                        verdict: reason.verdict(),
                        reason,
                    },
                ))
            })
            .collect();
        matrix.insert(from.clone(), row);
    }
    Reach { nodes, matrix }
}
