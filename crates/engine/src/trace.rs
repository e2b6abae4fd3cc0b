//! Packet traces: STUB (owner: helper "trace").
use crate::model::Scenario;
use crate::verdict::Trace;
use std::fmt;

/// A trace that cannot be computed at all (as opposed to a dropped packet, which is a verdict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceError {
    /// `from` names no instance, on-prem host or internet host.
    UnknownSource(String),
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceError::UnknownSource(id) => write!(
                f,
                "{id:?} is not an instance, on-premises host or internet host of this scenario"
            ),
        }
    }
}

/// Traces a packet from `from` (instance, on-prem host or internet host id) to `to`
/// (IPv4 address, instance/host id, interface endpoint id or DNS name), with the reply.
pub fn trace(_s: &Scenario, from: &str, _to: &str) -> Result<Trace, TraceError> {
    Err(TraceError::UnknownSource(from.to_string()))
}
