//! What changed between two traces: STUB (owner: helper "trace").
use crate::verdict::Trace;
use serde::Serialize;

/// The differences a learner should see between two runs of the same trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct TraceDiff {
    /// One sentence per difference (path, verdict, source address at the destination).
    pub changes: Vec<String>,
}

impl TraceDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

pub fn diff(_before: &Trace, _after: &Trace) -> TraceDiff {
    TraceDiff::default()
}
