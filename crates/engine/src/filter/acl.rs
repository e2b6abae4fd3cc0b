//! Network ACL evaluation (N3.3): the rules of one direction in ascending number, the
//! first whose protocol, destination port and CIDR match the packet decides; none matches:
//! deny (the rule AWS shows as `*`). The CIDR is tested against the destination address
//! for egress and the source address for ingress; the caller passes that address.
//! <https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html>
//!
//! [`first_match`] is the readable scan; [`first_match_naive`] the reference a property
//! test holds it to (`tests/filter_prop.rs`).

use crate::addr::Ip;
use crate::index::AclEntry;
use crate::model::AclAction;
use crate::packet::Packet;

/// One rule as the evaluation saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AclRuleEval {
    pub entry: AclEntry,
    pub matched: bool,
}

/// The rules looked at, in ascending number up to the deciding one, and what decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclDecision {
    /// Every rule up to and including the deciding one (all of them when none matched).
    pub rules: Vec<AclRuleEval>,
    /// The deciding rule (the last of `rules`); `None`: none matched, so the implicit
    /// `*` rule denied.
    pub decided_by: Option<AclEntry>,
}

impl AclDecision {
    pub fn allowed(&self) -> bool {
        self.decided_by
            .is_some_and(|r| r.action == AclAction::Allow)
    }
    /// Whether the implicit `*` rule decided (no rule matched).
    pub fn implicit_deny(&self) -> bool {
        self.decided_by.is_none()
    }
}

/// Whether one rule matches the packet, `addr` being the address its CIDR is tested on.
pub fn matches(entry: &AclEntry, packet: Packet, addr: Ip) -> bool {
    entry.traffic.matches(packet) && entry.cidr.contains(addr.addr())
}

/// The position of the first rule in `rules` (already in ascending number, as the index
/// holds them) that matches.
pub fn first_match(rules: &[AclEntry], packet: Packet, addr: Ip) -> Option<usize> {
    rules.iter().position(|r| matches(r, packet, addr))
}

/// The reference: of every matching rule, the one with the lowest number (the earliest
/// written of equal numbers), whatever order `rules` is in.
pub fn first_match_naive(rules: &[AclEntry], packet: Packet, addr: Ip) -> Option<AclEntry> {
    let mut best: Option<AclEntry> = None;
    for r in rules.iter().filter(|r| matches(r, packet, addr)) {
        let earlier = |b: &AclEntry| (r.number, written(r)) < (b.number, written(b));
        if best.as_ref().is_none_or(earlier) {
            best = Some(*r);
        }
    }
    best
}

fn written(r: &AclEntry) -> usize {
    match r.source {
        crate::index::RuleSource::Written(j) => j,
        crate::index::RuleSource::Aws => 0,
    }
}

/// Evaluates `packet` against one direction's rules (ascending), `addr` being the
/// destination address for egress, the source address for ingress.
pub fn evaluate(rules: &[AclEntry], packet: Packet, addr: Ip) -> AclDecision {
    let decided = first_match(rules, packet, addr);
    let upto = decided.map_or(rules.len(), |i| i + 1);
    let evals = rules
        .iter()
        .take(upto)
        .map(|r| AclRuleEval {
            entry: *r,
            matched: matches(r, packet, addr),
        })
        .collect();
    AclDecision {
        rules: evals,
        decided_by: decided.and_then(|i| rules.get(i).copied()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Direction;
    use crate::load::load;
    use crate::packet::Protocol;

    const DOC: &str = r#"{
      "format": "vpc-playground/2",
      "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
      "subnets": [
        {"id": "subnet-web", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
        {"id": "subnet-empty", "vpc": "vpc-a", "cidr": "10.0.2.0/24"},
        {"id": "subnet-default", "vpc": "vpc-a", "cidr": "10.0.3.0/24"}
      ],
      "network_acls": [
        {"id": "acl-web", "vpc": "vpc-a", "subnets": ["subnet-web"],
         "ingress": [{"rule": 120, "protocol": "tcp", "ports": "1024-65535", "cidr": "0.0.0.0/0", "action": "allow"},
                     {"rule": 100, "protocol": "tcp", "ports": "443", "cidr": "0.0.0.0/0", "action": "allow"},
                     {"rule": 90, "protocol": "tcp", "ports": "443", "cidr": "198.51.100.0/24", "action": "deny"},
                     {"rule": 110, "protocol": "icmp", "cidr": "10.0.0.0/16", "action": "allow"}],
         "egress": [{"rule": 100, "protocol": "all", "cidr": "10.0.0.0/16", "action": "allow"},
                    {"rule": 200, "protocol": "udp", "ports": "53", "cidr": "0.0.0.0/0", "action": "allow"}]},
        {"id": "acl-empty", "vpc": "vpc-a", "subnets": ["subnet-empty"]}
      ]
    }"#;

    #[test]
    fn the_first_rule_by_number_decides_and_none_denies() {
        let l = load(DOC).unwrap();
        let f = l.index().filters().unwrap();
        let tcp = |p, s| Packet::new(Protocol::Tcp, Some(p), Some(s)).unwrap();
        let udp = |p| Packet::new(Protocol::Udp, Some(p), None).unwrap();
        use Direction::*;
        // (subnet, direction, packet, address, rule numbers listed, decided: Some(number) or `*`, allowed).
        type Case = (
            &'static str,
            Direction,
            Packet,
            &'static str,
            &'static [u16],
            Option<u16>,
            bool,
        );
        let cases: &[Case] = &[
            (
                "subnet-web",
                Ingress,
                tcp(443, 50000),
                "203.0.113.5",
                &[90, 100],
                Some(100),
                true,
            ),
            (
                "subnet-web",
                Ingress,
                tcp(443, 50000),
                "198.51.100.7",
                &[90],
                Some(90),
                false,
            ),
            (
                "subnet-web",
                Ingress,
                tcp(22, 50000),
                "203.0.113.5",
                &[90, 100, 110, 120],
                None,
                false,
            ),
            // A reply to port 50000 meets the ephemeral rule.
            (
                "subnet-web",
                Ingress,
                tcp(50000, 443),
                "203.0.113.5",
                &[90, 100, 110, 120],
                Some(120),
                true,
            ),
            (
                "subnet-web",
                Ingress,
                tcp(1023, 443),
                "203.0.113.5",
                &[90, 100, 110, 120],
                None,
                false,
            ),
            (
                "subnet-web",
                Ingress,
                Packet::Icmp,
                "10.0.9.9",
                &[90, 100, 110],
                Some(110),
                true,
            ),
            (
                "subnet-web",
                Ingress,
                Packet::Icmp,
                "8.8.8.8",
                &[90, 100, 110, 120],
                None,
                false,
            ),
            (
                "subnet-web",
                Egress,
                udp(53),
                "8.8.8.8",
                &[100, 200],
                Some(200),
                true,
            ),
            (
                "subnet-web",
                Egress,
                udp(53),
                "10.0.0.2",
                &[100],
                Some(100),
                true,
            ),
            (
                "subnet-web",
                Egress,
                tcp(443, 1),
                "8.8.8.8",
                &[100, 200],
                None,
                false,
            ),
            // A written ACL with no rules denies everything.
            (
                "subnet-empty",
                Ingress,
                tcp(443, 1),
                "10.0.1.1",
                &[],
                None,
                false,
            ),
            // The implicit default ACL allows all at rule 100.
            (
                "subnet-default",
                Egress,
                Packet::Icmp,
                "8.8.8.8",
                &[100],
                Some(100),
                true,
            ),
        ];
        for (subnet, d, packet, addr, listed, decided, allowed) in cases {
            let acl = f.acl_of(l.index().at(subnet).unwrap()).unwrap();
            let rules = f.acl(acl).unwrap().rules(*d);
            let got = evaluate(rules, *packet, addr.parse().unwrap());
            let numbers: Vec<u16> = got.rules.iter().map(|r| r.entry.number.get()).collect();
            let why = format!("{subnet} {d:?} {packet} {addr}");
            assert_eq!(numbers, *listed, "{why}");
            assert_eq!(got.decided_by.map(|r| r.number.get()), *decided, "{why}");
            assert_eq!(got.allowed(), *allowed, "{why}");
            // Only the deciding rule (the last listed) matched.
            let matched: Vec<bool> = got.rules.iter().map(|r| r.matched).collect();
            let mut want = vec![false; listed.len()];
            if decided.is_some() {
                *want.last_mut().unwrap() = true;
            }
            assert_eq!(matched, want, "{why}");
        }
    }
}
