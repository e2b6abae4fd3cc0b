//! Peering lifecycle: STUB (owner: helper "load").
use crate::model::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Simulated time, in seconds. The engine has no clock: the caller passes `now`.
pub type Seconds = u64;

/// A pending request expires after 7 days (168 h, not adjustable).
pub const EXPIRY: Seconds = 7 * 24 * 3600;

/// When each pending request was made (the scenario format has no timestamps, so the app
/// keeps this beside the scenario).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RequestLog {
    pub requested_at: BTreeMap<String, Seconds>,
}

/// Why a lifecycle operation was refused, in words a learner reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeeringError {
    NotImplemented,
}

impl fmt::Display for PeeringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not implemented")
    }
}

/// Requests a peering `id` from VPC `requester` to VPC `accepter`, acting as `account`.
pub fn request(
    _s: &Scenario,
    _log: &RequestLog,
    _id: &str,
    _requester: &str,
    _accepter: &str,
    _account: &str,
    _now: Seconds,
) -> Result<(Scenario, RequestLog), PeeringError> {
    Err(PeeringError::NotImplemented)
}

/// Accepts pending request `id`, acting as `account` (only the accepter's account may).
pub fn accept(_s: &Scenario, _id: &str, _account: &str) -> Result<Scenario, PeeringError> {
    Err(PeeringError::NotImplemented)
}

/// Rejects pending request `id`, acting as `account` (only the accepter's account may).
pub fn reject(_s: &Scenario, _id: &str, _account: &str) -> Result<Scenario, PeeringError> {
    Err(PeeringError::NotImplemented)
}

/// Deletes peering `id` (either side's account; a pending request by its requester).
pub fn delete(_s: &Scenario, _id: &str, _account: &str) -> Result<Scenario, PeeringError> {
    Err(PeeringError::NotImplemented)
}

/// Marks every `pending-acceptance` request older than [`EXPIRY`] at `now` as `expired`;
/// returns the new scenario and the ids that expired.
pub fn expire(s: &Scenario, _log: &RequestLog, _now: Seconds) -> (Scenario, Vec<String>) {
    (s.clone(), Vec::new())
}
