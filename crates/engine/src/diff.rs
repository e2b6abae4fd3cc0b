//! What changed between two traces of the same source and destination (before and after an
//! edit): the verdict and reason, the path, and the source address the destination sees.
//! The seed lesson: adding an S3 gateway endpoint moves S3 traffic from the NAT gateway's
//! public IP to the instance's private IP, which is why open connections break.
//! <https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html>

use crate::addr::Ip;
use crate::verdict::{Action, Hop, Reason, Trace, Verdict};
use serde::Serialize;

/// The differences a learner should see between two runs of the same trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct TraceDiff {
    /// One sentence per difference (path, verdict, source address at the destination).
    pub changes: Vec<String>,
    /// `(before, after)` when the verdict changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<(Verdict, Verdict)>,
    /// `(before, after)` when the reason changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<(Reason, Reason)>,
    /// Resources on the new path that were not on the old one, in path order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Resources on the old path that are no longer on it, in path order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// `(before, after)` source address at the last hop, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_seen: Option<(Option<Ip>, Option<Ip>)>,
}

impl TraceDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Delivered => "delivered",
        Verdict::Dropped => "dropped",
    }
}

/// The source address where the packet ends (the destination or the dropping resource).
fn seen_source(t: &Trace) -> Option<(Option<Ip>, &Hop)> {
    t.hops.last().map(|h| (h.src, h))
}

fn show(ip: Option<Ip>) -> String {
    ip.map(|i| i.to_string())
        .unwrap_or_else(|| "no address".to_string())
}

/// `a → b → c`, a resource named once when consecutive hops are at it (resolve, then send).
fn arrows(path: &[&str]) -> String {
    let mut p: Vec<&str> = path.to_vec();
    p.dedup();
    p.join(" → ")
}

pub fn diff(before: &Trace, after: &Trace) -> TraceDiff {
    let mut d = TraceDiff::default();
    if before.verdict() != after.verdict() || before.reason != after.reason {
        if before.verdict() != after.verdict() {
            d.verdict = Some((before.verdict(), after.verdict()));
        }
        if before.reason != after.reason {
            d.reason = Some((before.reason, after.reason));
        }
        d.changes.push(format!(
            "The verdict changes from {} ({}) to {} ({}).",
            verdict_word(before.verdict()),
            before.reason.as_str(),
            verdict_word(after.verdict()),
            after.reason.as_str()
        ));
    }
    let (bp, ap) = (before.path(), after.path());
    if bp != ap {
        d.added = ap
            .iter()
            .filter(|x| !bp.contains(x))
            .map(|x| x.to_string())
            .collect();
        d.removed = bp
            .iter()
            .filter(|x| !ap.contains(x))
            .map(|x| x.to_string())
            .collect();
        d.added.dedup();
        d.removed.dedup();
        let mut s = format!("The path changes from {} to {}", arrows(&bp), arrows(&ap));
        if !d.added.is_empty() {
            s.push_str(&format!("; now through {}", d.added.join(", ")));
        }
        if !d.removed.is_empty() {
            s.push_str(&format!("; no longer through {}", d.removed.join(", ")));
        }
        s.push('.');
        d.changes.push(s);
    }
    if let (Some((bs, bh)), Some((as_, ah))) = (seen_source(before), seen_source(after)) {
        let both_arrive = bh.action == Action::Deliver && ah.action == Action::Deliver;
        if bs != as_ && both_arrive && bh.at == ah.at {
            d.source_seen = Some((bs, as_));
            d.changes.push(format!(
                "{} now sees the request coming from {} instead of {}: connections opened over the old path break, and policies or allow-lists that name the old address no longer match.",
                ah.at,
                show(as_),
                show(bs)
            ));
        } else if bs != as_ && both_arrive {
            d.source_seen = Some((bs, as_));
            d.changes.push(format!(
                "The packet now arrives at {} from {} (before: at {} from {}).",
                ah.at,
                show(as_),
                bh.at,
                show(bs)
            ));
        }
    }
    let (br, ar) = (before.return_path(), after.return_path());
    if br != ar {
        let word = |p: &[&str]| {
            if p.is_empty() {
                "none".to_string()
            } else {
                p.join(" → ")
            }
        };
        d.changes.push(format!(
            "The reply's path changes from {} to {}.",
            word(&br),
            word(&ar)
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Location;

    fn hop(at: impl Into<Location>, action: Action, src: &str) -> Hop {
        Hop {
            at: at.into(),
            action,
            src: src.parse().ok(),
            dst: "52.216.1.1".parse().ok(),
            note: "n".into(),
            routes: vec![],
            doc: None,
            reason: None,
            packet: None,
            rules: vec![],
            site: None,
            tgw: None,
        }
    }

    #[test]
    fn verdict_path_and_source_changes_are_named() {
        use crate::kind::Kind;
        let i_a = (Kind::Instance, "i-a");
        let rtb = (Kind::RouteTable, "rtb");
        let before = Trace {
            reason: Reason::NoRoute,
            packet: Default::default(),
            hops: vec![
                hop(i_a, Action::Forward, "10.0.1.10"),
                hop(rtb, Action::Drop, "10.0.1.10"),
            ],
            return_hops: vec![],
        };
        let s3 = Location::Service("com.amazonaws.us-east-1.s3".into());
        let after = Trace {
            reason: Reason::Delivered,
            packet: Default::default(),
            hops: vec![
                hop(i_a, Action::Forward, "10.0.1.10"),
                hop(rtb, Action::Route, "10.0.1.10"),
                hop(
                    (Kind::GatewayEndpoint, "vpce"),
                    Action::Forward,
                    "10.0.1.10",
                ),
                hop(s3, Action::Deliver, "10.0.1.10"),
            ],
            return_hops: vec![],
        };
        let d = diff(&before, &after);
        assert_eq!(d.verdict, Some((Verdict::Dropped, Verdict::Delivered)));
        assert_eq!(d.added, vec!["vpce", "com.amazonaws.us-east-1.s3"]);
        assert!(d.removed.is_empty());
        assert_eq!(d.changes.len(), 2, "{:?}", d.changes);
        assert!(diff(&after, &after).is_empty());
    }
}
