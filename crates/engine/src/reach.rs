//! Reachability matrix: STUB (owner: helper "trace").
use crate::model::Scenario;
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reach {
    pub nodes: Vec<String>,
    pub matrix: BTreeMap<String, BTreeMap<String, ReachCell>>,
}

pub fn reach(_s: &Scenario) -> Reach {
    Reach {
        nodes: Vec::new(),
        matrix: BTreeMap::new(),
    }
}
