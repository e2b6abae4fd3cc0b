//! The VPC peering lifecycle as pure operations: request, accept, reject, delete, expire.
//!
//! Each operation takes a scenario (and, for request and expiry, the [`RequestLog`] of when
//! requests were made) and returns a new one, or a [`PeeringError`] saying in a learner's
//! words why AWS would refuse it. Nothing is changed on error. There is no clock: the caller
//! passes `now`.
//!
//! The rules, from the AWS lifecycle
//! (<https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle>,
//! [`crate::docs::PEERING_LIFECYCLE`]):
//! `initiating-request -> pending-acceptance | failed`; `pending-acceptance -> active |
//! rejected | expired | deleted`; `active -> deleted`. The requester VPC's account requests;
//! a request between VPCs with overlapping CIDR blocks is created `failed` at once (the call
//! succeeds so the learner sees it); the accepter's account accepts or rejects; the requester
//! may delete a pending request, either owner an active peering; a pending request expires
//! after 7 days. At most 25 outstanding requests per VPC, 125 active peerings per VPC.
//!
//! Choices made here: a pending request missing from the log (loaded from a file) never
//! expires, since nobody knows when it was made; `accept` refuses (rather than fails) a
//! request whose VPCs came to overlap while it was pending; entries of requests that are no
//! longer pending stay in the log and are ignored.

use crate::addr::Cidr;
use crate::load::Loaded;
use crate::model::{PeeringConnection, PeeringStatus, Scenario, Vpc};
use crate::validate::MAX_ACTIVE_PEERINGS;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Simulated time, in seconds. The engine has no clock: the caller passes `now`.
pub type Seconds = u64;

/// A pending request expires after 7 days (168 h, not adjustable).
pub const EXPIRY: Seconds = 7 * 24 * 3600;

/// Most outstanding (pending-acceptance) requests one VPC may have made.
/// <https://docs.aws.amazon.com/general/latest/gr/vpc-service.html> ([`crate::docs::VPC_QUOTAS`])
pub const MAX_OUTSTANDING_REQUESTS: usize = 25;

/// When each pending request was made (the scenario format has no timestamps, so the app
/// keeps this beside the scenario).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RequestLog {
    pub requested_at: BTreeMap<String, Seconds>,
}

/// What a learner tried to do with a peering, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Accept,
    Reject,
    Delete,
}

impl Operation {
    fn verb(self) -> &'static str {
        match self {
            Operation::Accept => "accept",
            Operation::Reject => "reject",
            Operation::Delete => "delete",
        }
    }
    fn past(self) -> &'static str {
        match self {
            Operation::Accept => "accepted",
            Operation::Reject => "rejected",
            Operation::Delete => "deleted",
        }
    }
}

/// Why a lifecycle operation was refused, in words a learner reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeeringError {
    /// The new peering's id is empty.
    EmptyId,
    /// The new peering's id already names something in the scenario.
    IdInUse { id: String },
    /// No VPC has this id.
    NoSuchVpc { id: String },
    /// No peering connection has this id.
    NoSuchPeering { id: String },
    /// Requester and accepter are the same VPC.
    SelfPeering { vpc: String },
    /// Only the requester VPC's owner can request.
    NotRequesterAccount {
        vpc: String,
        owner: String,
        acting: String,
    },
    /// A live (initiating, pending or active) peering already joins the two VPCs.
    Duplicate {
        existing: String,
        a: String,
        b: String,
    },
    /// The requester VPC already has 25 pending requests.
    TooManyOutstanding { vpc: String },
    /// Accepting would give a VPC more than 125 active peerings.
    TooManyActive { vpc: String },
    /// Only the accepter VPC's owner can accept or reject.
    NotAccepterAccount {
        id: String,
        op: Operation,
        owner: String,
        acting: String,
    },
    /// The peering is not in a state this operation applies to.
    WrongState {
        id: String,
        op: Operation,
        status: PeeringStatus,
    },
    /// The VPCs' blocks overlap now (a block was added while the request was pending).
    CidrsOverlap { id: String },
    /// Deleting needs one of the two owners' accounts.
    NotAnOwner {
        id: String,
        requester_owner: String,
        accepter_owner: String,
        acting: String,
    },
    /// The accepter rejects a pending request; only the requester deletes it.
    AccepterDeletesPending { id: String },
    /// A pending request is deleted by the requester's account only.
    NotRequesterDeletesPending {
        id: String,
        owner: String,
        acting: String,
    },
}

impl fmt::Display for PeeringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PeeringError::*;
        match self {
            EmptyId => f.write_str("a peering connection needs an id"),
            IdInUse { id } => write!(f, "the id {id} is already used in this scenario; pick another"),
            NoSuchVpc { id } => write!(f, "there is no VPC {id} in this scenario"),
            NoSuchPeering { id } => write!(f, "there is no peering connection {id} in this scenario"),
            SelfPeering { vpc } => write!(f, "{vpc} cannot peer with itself: a peering connection joins two different VPCs"),
            NotRequesterAccount { vpc, owner, acting } => write!(
                f,
                "only account {owner} (the owner of {vpc}) can request a peering from {vpc}; you are acting as {acting}"
            ),
            Duplicate { existing, a, b } => write!(
                f,
                "{a} and {b} already have peering connection {existing}: two VPCs can have only one"
            ),
            TooManyOutstanding { vpc } => write!(
                f,
                "{vpc} already has {MAX_OUTSTANDING_REQUESTS} outstanding peering requests, the most AWS allows: wait for answers or delete some"
            ),
            TooManyActive { vpc } => write!(
                f,
                "{vpc} already has {MAX_ACTIVE_PEERINGS} active peering connections, the most AWS allows"
            ),
            NotAccepterAccount { id, op, owner, acting } => write!(
                f,
                "only account {owner} (the accepter's) can {} {id}; you are acting as {acting}",
                op.verb()
            ),
            WrongState { id, op, status } => {
                let why = match status {
                    PeeringStatus::InitiatingRequest => "it is still being requested".to_string(),
                    PeeringStatus::PendingAcceptance => "it is still pending acceptance".to_string(),
                    PeeringStatus::Active => "it is already active".to_string(),
                    PeeringStatus::Rejected => "the accepter rejected it; request a new peering".to_string(),
                    PeeringStatus::Expired => format!(
                        "it expired after {} days without an answer; request a new peering",
                        EXPIRY / 86_400
                    ),
                    PeeringStatus::Failed => "it failed (its VPCs' CIDR blocks overlap) and a failed request can never be used; request a new peering between VPCs that do not overlap".to_string(),
                    PeeringStatus::Deleted => "it was deleted; request a new peering".to_string(),
                };
                write!(f, "{id} cannot be {}: {why}", op.past())
            }
            CidrsOverlap { id } => write!(
                f,
                "{id} cannot be accepted: its VPCs now have overlapping CIDR blocks, and AWS does not peer VPCs that overlap"
            ),
            NotAnOwner { id, requester_owner, accepter_owner, acting } if requester_owner == accepter_owner => write!(
                f,
                "only account {requester_owner} (the owner of its VPCs) can delete {id}; you are acting as {acting}"
            ),
            NotAnOwner { id, requester_owner, accepter_owner, acting } => write!(
                f,
                "only account {requester_owner} or {accepter_owner} (the owners of its VPCs) can delete {id}; you are acting as {acting}"
            ),
            NotRequesterDeletesPending { id, owner, acting } => write!(
                f,
                "only account {owner} (the requester's) can delete pending request {id}; you are acting as {acting}"
            ),
            AccepterDeletesPending { id } => write!(
                f,
                "{id} is pending acceptance: the accepter rejects a request rather than deleting it; only the requester can delete it"
            ),
        }
    }
}

impl std::error::Error for PeeringError {}

fn vpc<'a>(s: &'a Scenario, id: &str) -> Result<&'a Vpc, PeeringError> {
    s.vpc(id)
        .ok_or_else(|| PeeringError::NoSuchVpc { id: id.to_string() })
}

fn index_of(s: &Scenario, id: &str) -> Result<usize, PeeringError> {
    s.peering_connections
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| PeeringError::NoSuchPeering { id: id.to_string() })
}

/// The first pair of blocks (secondary ones included) by which two VPCs overlap.
pub fn overlap(a: &Vpc, b: &Vpc) -> Option<(Cidr, Cidr)> {
    a.cidrs
        .iter()
        .find_map(|x| b.cidrs.iter().find(|y| x.overlaps(y)).map(|y| (*x, *y)))
}

/// Statuses in which a peering occupies its pair of VPCs (a second one is a duplicate).
pub fn is_live(status: PeeringStatus) -> bool {
    matches!(
        status,
        PeeringStatus::InitiatingRequest | PeeringStatus::PendingAcceptance | PeeringStatus::Active
    )
}

/// The unordered pair of VPCs a peering joins, as a key: two live peerings with one key
/// are duplicates.
pub fn pair(p: &PeeringConnection) -> (&str, &str) {
    if p.requester <= p.accepter {
        (p.requester.as_str(), p.accepter.as_str())
    } else {
        (p.accepter.as_str(), p.requester.as_str())
    }
}

/// Why a peering connection carries no traffic, whatever the routes say.
/// <https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html>
/// ([`crate::docs::PEERING_INVALID`])
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// Requester and accepter are the same VPC: AWS never creates it.
    SelfPeering,
    /// The VPCs' blocks overlap (the requester's block, the accepter's): AWS moves such a
    /// request straight to `failed`, whatever the document says.
    Overlap(Cidr, Cidr),
    /// Its status is not `active`.
    Status(PeeringStatus),
}

impl Blocked {
    /// The status the engine acts on.
    pub fn status(self) -> PeeringStatus {
        match self {
            Blocked::SelfPeering | Blocked::Overlap(..) => PeeringStatus::Failed,
            Blocked::Status(s) => s,
        }
    }
}

/// The one rule for whether a peering carries traffic: `None` when it does, else why not.
/// Validation, the trace, the editor and the canvas all ask this. `requester` and
/// `accepter` are the peering's VPCs.
pub fn blocked(p: &PeeringConnection, requester: &Vpc, accepter: &Vpc) -> Option<Blocked> {
    if p.requester == p.accepter {
        return Some(Blocked::SelfPeering);
    }
    if let Some((x, y)) = overlap(requester, accepter) {
        return Some(Blocked::Overlap(x, y));
    }
    (p.status != PeeringStatus::Active).then_some(Blocked::Status(p.status))
}

/// The status the engine acts on: `failed` for a self-peering and for VPCs whose blocks
/// overlap, whatever the stated status; otherwise the stated one.
pub fn effective_status(l: &Loaded, p: &PeeringConnection) -> PeeringStatus {
    match (l.lookup::<Vpc>(&p.requester), l.lookup::<Vpc>(&p.accepter)) {
        (Some(a), Some(b)) => blocked(p, a, b).map_or(PeeringStatus::Active, Blocked::status),
        _ => p.status,
    }
}

/// Requests a peering `id` from VPC `requester` to VPC `accepter`, acting as `account`.
pub fn request(
    s: &Scenario,
    log: &RequestLog,
    id: &str,
    requester: &str,
    accepter: &str,
    account: &str,
    now: Seconds,
) -> Result<(Scenario, RequestLog), PeeringError> {
    if id.trim().is_empty() {
        return Err(PeeringError::EmptyId);
    }
    if s.all_ids().contains(&id) {
        return Err(PeeringError::IdInUse { id: id.to_string() });
    }
    let a = vpc(s, requester)?;
    let b = vpc(s, accepter)?;
    if a.id == b.id {
        return Err(PeeringError::SelfPeering { vpc: a.id.clone() });
    }
    if a.account != account {
        return Err(PeeringError::NotRequesterAccount {
            vpc: a.id.clone(),
            owner: a.account.clone(),
            acting: account.to_string(),
        });
    }
    let new = PeeringConnection {
        id: id.to_string(),
        requester: a.id.clone(),
        accepter: b.id.clone(),
        status: PeeringStatus::PendingAcceptance,
        name: None,
    };
    if let Some(p) = s
        .peering_connections
        .iter()
        .find(|p| is_live(p.status) && pair(p) == pair(&new))
    {
        return Err(PeeringError::Duplicate {
            existing: p.id.clone(),
            a: a.id.clone(),
            b: b.id.clone(),
        });
    }
    let outstanding = s
        .peering_connections
        .iter()
        .filter(|p| p.requester == a.id && p.status == PeeringStatus::PendingAcceptance)
        .count();
    if outstanding >= MAX_OUTSTANDING_REQUESTS {
        return Err(PeeringError::TooManyOutstanding { vpc: a.id.clone() });
    }
    // Overlapping blocks: the request is made but goes straight to `failed`.
    // https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html
    let status = match blocked(&new, a, b) {
        Some(Blocked::Overlap(..)) => PeeringStatus::Failed,
        _ => PeeringStatus::PendingAcceptance,
    };
    let mut s2 = s.clone();
    s2.peering_connections
        .push(PeeringConnection { status, ..new });
    let mut log2 = log.clone();
    if status == PeeringStatus::PendingAcceptance {
        log2.requested_at.insert(id.to_string(), now);
    }
    Ok((s2, log2))
}

/// The pending peering at `i`, checked for the accepter's account.
fn answerable<'a>(
    s: &'a Scenario,
    id: &str,
    account: &str,
    op: Operation,
) -> Result<(usize, &'a PeeringConnection), PeeringError> {
    let i = index_of(s, id)?;
    let p = &s.peering_connections[i];
    if p.status != PeeringStatus::PendingAcceptance {
        return Err(PeeringError::WrongState {
            id: p.id.clone(),
            op,
            status: p.status,
        });
    }
    let owner = &vpc(s, &p.accepter)?.account;
    if owner != account {
        return Err(PeeringError::NotAccepterAccount {
            id: p.id.clone(),
            op,
            owner: owner.clone(),
            acting: account.to_string(),
        });
    }
    Ok((i, p))
}

fn with_status(s: &Scenario, i: usize, status: PeeringStatus) -> Scenario {
    let mut s2 = s.clone();
    if let Some(p) = s2.peering_connections.get_mut(i) {
        p.status = status;
    }
    s2
}

/// Accepts pending request `id`, acting as `account` (only the accepter's account may).
pub fn accept(s: &Scenario, id: &str, account: &str) -> Result<Scenario, PeeringError> {
    let (i, p) = answerable(s, id, account, Operation::Accept)?;
    let a = vpc(s, &p.requester)?;
    let b = vpc(s, &p.accepter)?;
    match blocked(p, a, b) {
        Some(Blocked::Overlap(..)) => return Err(PeeringError::CidrsOverlap { id: p.id.clone() }),
        Some(Blocked::SelfPeering) => return Err(PeeringError::SelfPeering { vpc: a.id.clone() }),
        _ => {}
    }
    // Active peerings per VPC: 50 by default, up to 125 (crate::docs::VPC_QUOTAS).
    for v in [a, b] {
        let active = s
            .peering_connections
            .iter()
            .filter(|q| q.status == PeeringStatus::Active)
            .filter(|q| q.requester == v.id || q.accepter == v.id)
            .count();
        if active >= MAX_ACTIVE_PEERINGS {
            return Err(PeeringError::TooManyActive { vpc: v.id.clone() });
        }
    }
    Ok(with_status(s, i, PeeringStatus::Active))
}

/// Rejects pending request `id`, acting as `account` (only the accepter's account may).
pub fn reject(s: &Scenario, id: &str, account: &str) -> Result<Scenario, PeeringError> {
    let (i, _) = answerable(s, id, account, Operation::Reject)?;
    Ok(with_status(s, i, PeeringStatus::Rejected))
}

/// Deletes peering `id` (either side's account; a pending request by its requester).
pub fn delete(s: &Scenario, id: &str, account: &str) -> Result<Scenario, PeeringError> {
    let i = index_of(s, id)?;
    let p = &s.peering_connections[i];
    if !matches!(
        p.status,
        PeeringStatus::Active | PeeringStatus::PendingAcceptance
    ) {
        return Err(PeeringError::WrongState {
            id: p.id.clone(),
            op: Operation::Delete,
            status: p.status,
        });
    }
    let requester_owner = &vpc(s, &p.requester)?.account;
    let accepter_owner = &vpc(s, &p.accepter)?.account;
    let allowed = match p.status {
        PeeringStatus::Active => account == requester_owner || account == accepter_owner,
        _ => account == requester_owner,
    };
    if !allowed {
        if p.status == PeeringStatus::PendingAcceptance {
            if account == accepter_owner {
                return Err(PeeringError::AccepterDeletesPending { id: p.id.clone() });
            }
            return Err(PeeringError::NotRequesterDeletesPending {
                id: p.id.clone(),
                owner: requester_owner.clone(),
                acting: account.to_string(),
            });
        }
        return Err(PeeringError::NotAnOwner {
            id: p.id.clone(),
            requester_owner: requester_owner.clone(),
            accepter_owner: accepter_owner.clone(),
            acting: account.to_string(),
        });
    }
    Ok(with_status(s, i, PeeringStatus::Deleted))
}

/// Marks every `pending-acceptance` request older than [`EXPIRY`] at `now` as `expired`;
/// returns the new scenario and the ids that expired.
pub fn expire(s: &Scenario, log: &RequestLog, now: Seconds) -> (Scenario, Vec<String>) {
    let mut s2 = s.clone();
    let mut expired = Vec::new();
    for p in s2.peering_connections.iter_mut() {
        if p.status != PeeringStatus::PendingAcceptance {
            continue;
        }
        let Some(at) = log.requested_at.get(&p.id) else {
            continue;
        };
        if now.saturating_sub(*at) >= EXPIRY {
            p.status = PeeringStatus::Expired;
            expired.push(p.id.clone());
        }
    }
    (s2, expired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;
    use crate::validate::validate;

    const A: &str = "111111111111"; // owns vpc-a and vpc-b
    const C: &str = "222222222222"; // owns vpc-c
    const X: &str = "999999999999"; // owns nothing

    /// vpc-a, vpc-b (account A), vpc-c (account C), vpc-d overlapping vpc-a (account C),
    /// and peering pcx-ab (active) and pcx-bc (pending).
    fn scenario() -> Scenario {
        load(
            r#"{"format": "vpc-playground/1",
            "vpcs": [
              {"id": "vpc-a", "account": "111111111111", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]},
              {"id": "vpc-b", "account": "111111111111", "region": "us-east-1", "cidrs": ["10.1.0.0/16"]},
              {"id": "vpc-c", "account": "222222222222", "region": "us-west-2", "cidrs": ["10.2.0.0/16"]},
              {"id": "vpc-d", "account": "222222222222", "region": "us-east-1", "cidrs": ["10.3.0.0/16", "10.0.128.0/17"]}
            ],
            "peering_connections": [
              {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b", "status": "active"},
              {"id": "pcx-bc", "requester": "vpc-b", "accepter": "vpc-c", "status": "pending-acceptance"},
              {"id": "pcx-old", "requester": "vpc-a", "accepter": "vpc-c", "status": "rejected"}
            ]}"#,
        )
        .unwrap()
        .into_scenario()
    }

    fn status(s: &Scenario, id: &str) -> Option<&'static str> {
        s.peering(id).map(|p| p.status.as_str())
    }

    /// One lifecycle step on the fixture.
    enum Step {
        Request(&'static str, &'static str, &'static str, &'static str),
        Accept(&'static str, &'static str),
        Reject(&'static str, &'static str),
        Delete(&'static str, &'static str),
    }

    fn run(s: &Scenario, step: &Step) -> Result<(Scenario, &'static str), PeeringError> {
        let log = RequestLog::default();
        match step {
            Step::Request(id, from, to, acct) => {
                request(s, &log, id, from, to, acct, 0).map(|(s, _)| (s, *id))
            }
            Step::Accept(id, acct) => accept(s, id, acct).map(|s| (s, *id)),
            Step::Reject(id, acct) => reject(s, id, acct).map(|s| (s, *id)),
            Step::Delete(id, acct) => delete(s, id, acct).map(|s| (s, *id)),
        }
    }

    #[test]
    fn operations_give_these_statuses_or_errors() {
        use Step::*;
        let cases: &[(Step, Result<&str, &str>)] = &[
            (Request("pcx-ac", "vpc-a", "vpc-c", A), Ok("pending-acceptance")),
            (Request("pcx-ad", "vpc-a", "vpc-d", A), Ok("failed")),
            (Request("pcx-ac", "vpc-a", "vpc-c", C), Err("only account 111111111111 (the owner of vpc-a) can request a peering from vpc-a; you are acting as 222222222222")),
            (Request("pcx-ba", "vpc-b", "vpc-a", A), Err("vpc-b and vpc-a already have peering connection pcx-ab: two VPCs can have only one")),
            (Request("pcx-cb", "vpc-c", "vpc-b", C), Err("vpc-c and vpc-b already have peering connection pcx-bc: two VPCs can have only one")),
            (Request("pcx-aa", "vpc-a", "vpc-a", A), Err("vpc-a cannot peer with itself: a peering connection joins two different VPCs")),
            (Request("pcx-az", "vpc-a", "vpc-z", A), Err("there is no VPC vpc-z in this scenario")),
            (Request("vpc-b", "vpc-a", "vpc-c", A), Err("the id vpc-b is already used in this scenario; pick another")),
            (Request(" ", "vpc-a", "vpc-c", A), Err("a peering connection needs an id")),
            (Accept("pcx-bc", C), Ok("active")),
            (Accept("pcx-bc", A), Err("only account 222222222222 (the accepter's) can accept pcx-bc; you are acting as 111111111111")),
            (Accept("pcx-ab", A), Err("pcx-ab cannot be accepted: it is already active")),
            (Accept("pcx-old", C), Err("pcx-old cannot be accepted: the accepter rejected it; request a new peering")),
            (Accept("pcx-zz", C), Err("there is no peering connection pcx-zz in this scenario")),
            (Reject("pcx-bc", C), Ok("rejected")),
            (Reject("pcx-bc", X), Err("only account 222222222222 (the accepter's) can reject pcx-bc; you are acting as 999999999999")),
            (Reject("pcx-ab", A), Err("pcx-ab cannot be rejected: it is already active")),
            (Delete("pcx-ab", A), Ok("deleted")),
            (Delete("pcx-bc", A), Ok("deleted")),
            (Delete("pcx-bc", C), Err("pcx-bc is pending acceptance: the accepter rejects a request rather than deleting it; only the requester can delete it")),
            (Delete("pcx-ab", X), Err("only account 111111111111 (the owner of its VPCs) can delete pcx-ab; you are acting as 999999999999")),
            (Delete("pcx-bc", X), Err("only account 111111111111 (the requester's) can delete pending request pcx-bc; you are acting as 999999999999")),
            (Delete("pcx-old", A), Err("pcx-old cannot be deleted: the accepter rejected it; request a new peering")),
        ];
        let s = scenario();
        for (step, want) in cases {
            let got = run(&s, step)
                .map(|(s2, id)| status(&s2, id).unwrap_or("missing"))
                .map_err(|e| e.to_string());
            assert_eq!(got.as_deref().map_err(String::as_str), *want);
        }
    }

    #[test]
    fn request_after_deletion_or_rejection_is_allowed_and_active_peering_deleted_by_the_accepter() {
        let s = scenario();
        // pcx-old was rejected: the pair a-c is free again.
        let (s, log) = request(
            &s,
            &RequestLog::default(),
            "pcx-ac",
            "vpc-a",
            "vpc-c",
            A,
            100,
        )
        .unwrap();
        assert_eq!(log.requested_at.get("pcx-ac"), Some(&100));
        let s = accept(&s, "pcx-ac", C).unwrap();
        assert_eq!(
            delete(&s, "pcx-ac", X).unwrap_err().to_string(),
            "only account 111111111111 or 222222222222 (the owners of its VPCs) can delete pcx-ac; you are acting as 999999999999"
        );
        let s = delete(&s, "pcx-ac", C).unwrap();
        assert_eq!(status(&s, "pcx-ac"), Some("deleted"));
        assert!(request(&s, &log, "pcx-ac2", "vpc-c", "vpc-a", C, 200).is_ok());
    }

    #[test]
    fn failed_request_is_kept_with_no_log_entry_and_cannot_be_accepted() {
        let s = scenario();
        let (s, log) =
            request(&s, &RequestLog::default(), "pcx-ad", "vpc-a", "vpc-d", A, 0).unwrap();
        assert_eq!(status(&s, "pcx-ad"), Some("failed"));
        assert!(log.requested_at.is_empty());
        assert!(validate(&Loaded::new(s.clone()).unwrap())
            .iter()
            .any(|f| f.resource == "pcx-ad" && f.code.as_str() == "OVERLAPPING_CIDR"));
        assert_eq!(
            accept(&s, "pcx-ad", C).unwrap_err().to_string(),
            "pcx-ad cannot be accepted: it failed (its VPCs' CIDR blocks overlap) and a failed request can never be used; request a new peering between VPCs that do not overlap"
        );
    }

    #[test]
    fn accept_refuses_when_a_block_overlapping_the_peer_was_added_meanwhile() {
        let mut s = scenario();
        s.vpcs[2].cidrs.push("10.1.128.0/17".parse().unwrap());
        assert_eq!(
            accept(&s, "pcx-bc", C),
            Err(PeeringError::CidrsOverlap {
                id: "pcx-bc".into()
            })
        );
    }

    #[test]
    fn pending_requests_expire_after_exactly_seven_days() {
        let s = scenario();
        let (s, log) = request(
            &s,
            &RequestLog::default(),
            "pcx-ac",
            "vpc-a",
            "vpc-c",
            A,
            1_000,
        )
        .unwrap();
        let cases: &[(Seconds, &[&str], &str)] = &[
            (1_000, &[], "pending-acceptance"),
            (1_000 + EXPIRY - 1, &[], "pending-acceptance"),
            (1_000 + EXPIRY, &["pcx-ac"], "expired"),
            (1_000 + 10 * EXPIRY, &["pcx-ac"], "expired"),
            (0, &[], "pending-acceptance"), // a clock before the request: nothing expires
        ];
        for (now, ids, want) in cases {
            let (s2, expired) = expire(&s, &log, *now);
            assert_eq!(expired, ids.to_vec(), "at {now}");
            assert_eq!(status(&s2, "pcx-ac"), Some(*want), "at {now}");
            // pcx-bc is pending but not in the log: nobody knows its age, it stays.
            assert_eq!(status(&s2, "pcx-bc"), Some("pending-acceptance"));
        }
        let (s2, _) = expire(&s, &log, 1_000 + EXPIRY);
        assert_eq!(
            accept(&s2, "pcx-ac", C).unwrap_err().to_string(),
            "pcx-ac cannot be accepted: it expired after 7 days without an answer; request a new peering"
        );
        // An accepted request never expires.
        let s3 = accept(&s, "pcx-ac", C).unwrap();
        assert_eq!(expire(&s3, &log, 1_000 + EXPIRY).1, Vec::<String>::new());
    }

    #[test]
    fn at_most_25_outstanding_requests_per_vpc() {
        let mut s = Scenario::empty();
        let mut log = RequestLog::default();
        let hub: Vpc = scenario().vpcs[0].clone();
        s.vpcs.push(hub);
        for i in 0..=MAX_OUTSTANDING_REQUESTS {
            s.vpcs.push(Vpc {
                id: format!("vpc-{i}"),
                name: None,
                account: C.into(),
                region: "us-east-1".into(),
                cidrs: vec![format!("172.16.{i}.0/24").parse().unwrap()],
            });
        }
        for i in 0..MAX_OUTSTANDING_REQUESTS {
            let (s2, l2) = request(
                &s,
                &log,
                &format!("pcx-{i}"),
                "vpc-a",
                &format!("vpc-{i}"),
                A,
                0,
            )
            .unwrap();
            s = s2;
            log = l2;
        }
        let last = format!("vpc-{MAX_OUTSTANDING_REQUESTS}");
        assert_eq!(
            request(&s, &log, "pcx-last", "vpc-a", &last, A, 0).unwrap_err().to_string(),
            "vpc-a already has 25 outstanding peering requests, the most AWS allows: wait for answers or delete some"
        );
        // Once one is answered, there is room again; the other side may still request.
        let s = reject(&s, "pcx-0", C).unwrap();
        assert!(request(&s, &log, "pcx-last", "vpc-a", &last, A, 0).is_ok());
    }

    #[test]
    fn accept_refuses_past_125_active_peerings() {
        let mut s = Scenario::empty();
        s.vpcs.push(scenario().vpcs[0].clone());
        for i in 0..=MAX_ACTIVE_PEERINGS {
            s.vpcs.push(Vpc {
                id: format!("vpc-{i}"),
                name: None,
                account: C.into(),
                region: "us-east-1".into(),
                cidrs: vec![format!("172.16.{i}.0/24").parse().unwrap()],
            });
            s.peering_connections.push(PeeringConnection {
                id: format!("pcx-{i}"),
                requester: "vpc-a".into(),
                accepter: format!("vpc-{i}"),
                status: if i < MAX_ACTIVE_PEERINGS {
                    PeeringStatus::Active
                } else {
                    PeeringStatus::PendingAcceptance
                },
                name: None,
            });
        }
        let last = format!("pcx-{MAX_ACTIVE_PEERINGS}");
        assert_eq!(
            accept(&s, &last, C).unwrap_err().to_string(),
            "vpc-a already has 125 active peering connections, the most AWS allows"
        );
        let s = delete(&s, "pcx-0", A).unwrap();
        assert_eq!(
            status(&accept(&s, &last, C).unwrap(), &last),
            Some("active")
        );
    }
}
