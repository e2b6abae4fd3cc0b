//! Security group evaluation (N2.3, N5.1): the packet leaving an interface must match an
//! egress rule of one of its groups, arriving, an ingress rule. A rule matches when the
//! protocol is equal or `all`, the destination port is in its range, and the peer address
//! (the destination for egress, the source for ingress) is in its CIDR, in its prefix
//! list's ranges, or is the private IP of an interface in the referenced group, provided
//! the reference reaches that group (same VPC, or an active same-Region peering).
//! <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html>
//! <https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html>

use super::Direction;
use crate::addr::Ip;
use crate::index::{Filters, Peer, Sg, SgRule};
use crate::packet::Packet;

/// One rule as the evaluation saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SgRuleEval {
    /// The group the rule belongs to.
    pub group: Sg,
    /// Its position among the group's rules of that direction.
    pub index: usize,
    pub rule: SgRule,
    pub matched: bool,
}

/// Every rule of every group of an interface, in group then rule order, and the one that
/// allowed the packet (the first that matched), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SgDecision {
    pub rules: Vec<SgRuleEval>,
    /// The position in `rules` of the deciding rule; `None`: no rule matched (denied).
    pub allowed_by: Option<usize>,
}

impl SgDecision {
    pub fn allowed(&self) -> bool {
        self.allowed_by.is_some()
    }
    /// The rule that allowed the packet.
    pub fn deciding(&self) -> Option<&SgRuleEval> {
        self.allowed_by.and_then(|i| self.rules.get(i))
    }
    /// The group a hop names: the one that allowed the packet, else the interface's first.
    pub fn at(&self, groups: &[Sg]) -> Option<Sg> {
        self.deciding()
            .map(|r| r.group)
            .or_else(|| groups.first().copied())
    }
}

/// The group whose rule allows `packet` ([`evaluate`]'s deciding rule's group: the first
/// rule that matches, in group then rule order), without listing every rule; `None`:
/// denied.
pub fn allowing(f: &Filters, groups: &[Sg], d: Direction, packet: Packet, peer: Ip) -> Option<Sg> {
    groups.iter().copied().find(|&group| {
        f.group(group).is_some_and(|g| {
            g.rules(d)
                .iter()
                .any(|rule| rule_matches(f, g.vpc, rule, packet, peer))
        })
    })
}

/// Evaluates `packet` crossing an interface in `groups` in direction `d`; `peer` is the
/// address on the far side (the destination for egress, the source for ingress).
pub fn evaluate(f: &Filters, groups: &[Sg], d: Direction, packet: Packet, peer: Ip) -> SgDecision {
    let mut rules = Vec::new();
    let mut allowed_by = None;
    for &group in groups {
        let Some(g) = f.group(group) else { continue };
        for (index, rule) in g.rules(d).iter().enumerate() {
            let matched = rule_matches(f, g.vpc, rule, packet, peer);
            if matched && allowed_by.is_none() {
                allowed_by = Some(rules.len());
            }
            rules.push(SgRuleEval {
                group,
                index,
                rule: *rule,
                matched,
            });
        }
    }
    SgDecision { rules, allowed_by }
}

/// Whether one rule of a group in `vpc` matches the packet with `peer` on the far side.
pub fn rule_matches(
    f: &Filters,
    vpc: crate::index::At<crate::model::Vpc>,
    rule: &SgRule,
    packet: Packet,
    peer: Ip,
) -> bool {
    rule.traffic.matches(packet) && peer_matches(f, vpc, rule.peer, peer)
}

fn peer_matches(f: &Filters, vpc: crate::index::At<crate::model::Vpc>, p: Peer, ip: Ip) -> bool {
    match p {
        Peer::Cidr(c) => c.contains(ip.addr()),
        Peer::PrefixList(e) => e.holds(ip.addr()),
        Peer::Group(h) => {
            f.vpc_of_group(h)
                .is_some_and(|to| f.reference_reaches(vpc, to))
                && f.has_member(h, ip)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Loaded};
    use crate::packet::{Packet, Protocol};

    /// vpc-a and vpc-b peered (active, same Region), vpc-c peered with vpc-a across
    /// Regions, vpc-d peered with vpc-a but `pending-acceptance`.
    const DOC: &str = r#"{
      "format": "vpc-playground/2",
      "vpcs": [
        {"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]},
        {"id": "vpc-b", "region": "us-east-1", "cidrs": ["10.1.0.0/16"]},
        {"id": "vpc-c", "region": "eu-west-1", "cidrs": ["10.2.0.0/16"]},
        {"id": "vpc-d", "region": "us-east-1", "cidrs": ["10.3.0.0/16"]}
      ],
      "subnets": [
        {"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
        {"id": "subnet-b", "vpc": "vpc-b", "cidr": "10.1.1.0/24"},
        {"id": "subnet-c", "vpc": "vpc-c", "cidr": "10.2.1.0/24"},
        {"id": "subnet-d", "vpc": "vpc-d", "cidr": "10.3.1.0/24"}
      ],
      "instances": [
        {"id": "i-web", "subnet": "subnet-a", "private_ip": "10.0.1.10", "security_groups": ["sg-web", "sg-ssh"]},
        {"id": "i-a2", "subnet": "subnet-a", "private_ip": "10.0.1.11"},
        {"id": "i-b", "subnet": "subnet-b", "private_ip": "10.1.1.10", "security_groups": ["sg-b"]},
        {"id": "i-c", "subnet": "subnet-c", "private_ip": "10.2.1.10", "security_groups": ["sg-c"]},
        {"id": "i-d", "subnet": "subnet-d", "private_ip": "10.3.1.10", "security_groups": ["sg-d"]}
      ],
      "peering_connections": [
        {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b", "status": "active"},
        {"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c", "status": "active"},
        {"id": "pcx-ad", "requester": "vpc-a", "accepter": "vpc-d", "status": "pending-acceptance"}
      ],
      "security_groups": [
        {"id": "sg-web", "vpc": "vpc-a",
         "ingress": [{"protocol": "tcp", "ports": "443", "source": "0.0.0.0/0"},
                     {"protocol": "tcp", "ports": "8000-8999", "source": "sg-b"},
                     {"protocol": "udp", "ports": "53", "source": "sg-c"},
                     {"protocol": "udp", "ports": "54", "source": "sg-d"},
                     {"protocol": "icmp", "source": "vpc-a:default-sg"}],
         "egress": [{"protocol": "tcp", "ports": "443", "destination": "pl-63a5400a"}]},
        {"id": "sg-ssh", "vpc": "vpc-a", "ingress": [{"protocol": "tcp", "ports": "22", "source": "10.0.0.0/16"}], "egress": []},
        {"id": "sg-b", "vpc": "vpc-b"},
        {"id": "sg-c", "vpc": "vpc-c"},
        {"id": "sg-d", "vpc": "vpc-d"}
      ]
    }"#;

    fn groups(l: &Loaded, eni: &str) -> Vec<Sg> {
        let f = l.index().filters().unwrap();
        f.groups_of(crate::index::Eni::Instance(l.index().at(eni).unwrap()))
            .to_vec()
    }

    #[test]
    fn security_group_rules_decide_by_protocol_port_and_peer() {
        let l = load(DOC).unwrap();
        let f = l.index().filters().unwrap();
        let tcp = |p| Packet::new(Protocol::Tcp, Some(p), None).unwrap();
        let udp = |p| Packet::new(Protocol::Udp, Some(p), None).unwrap();
        use Direction::*;
        // (interface, direction, packet, far address, deciding group and rule or None).
        type Case = (
            &'static str,
            Direction,
            Packet,
            &'static str,
            Option<(&'static str, usize)>,
        );
        let cases: &[Case] = &[
            (
                "i-web",
                Ingress,
                tcp(443),
                "203.0.113.9",
                Some(("sg-web", 0)),
            ),
            ("i-web", Ingress, udp(443), "203.0.113.9", None),
            ("i-web", Ingress, tcp(22), "10.0.1.11", Some(("sg-ssh", 0))),
            ("i-web", Ingress, tcp(22), "10.1.1.10", None),
            // A group of a VPC peered in the same Region: its member's address matches.
            (
                "i-web",
                Ingress,
                tcp(8080),
                "10.1.1.10",
                Some(("sg-web", 1)),
            ),
            // Not a member's address (another address in that VPC).
            ("i-web", Ingress, tcp(8080), "10.1.1.99", None),
            // Across Regions and over a pending peering: the reference matches nothing.
            ("i-web", Ingress, udp(53), "10.2.1.10", None),
            ("i-web", Ingress, udp(54), "10.3.1.10", None),
            // The implicit default group has i-a2 as a member, not i-b.
            (
                "i-web",
                Ingress,
                Packet::Icmp,
                "10.0.1.11",
                Some(("sg-web", 4)),
            ),
            ("i-web", Ingress, Packet::Icmp, "10.1.1.10", None),
            // Egress: the prefix list's ranges (S3 us-east-1), only sg-web's rule.
            (
                "i-web",
                Egress,
                tcp(443),
                "52.216.100.21",
                Some(("sg-web", 0)),
            ),
            ("i-web", Egress, tcp(443), "8.8.8.8", None),
            // The implicit default group: in from its own members, out to anywhere.
            (
                "i-a2",
                Ingress,
                tcp(5432),
                "10.0.1.11",
                Some(("vpc-a:default-sg", 0)),
            ),
            ("i-a2", Ingress, tcp(5432), "10.0.1.10", None),
            (
                "i-a2",
                Egress,
                udp(9),
                "1.1.1.1",
                Some(("vpc-a:default-sg", 0)),
            ),
            // A written group without an egress key: AWS's allow-all.
            ("i-b", Egress, Packet::Icmp, "1.1.1.1", Some(("sg-b", 0))),
            ("i-b", Ingress, Packet::Icmp, "10.1.1.10", None),
        ];
        for (eni, d, packet, far, want) in cases {
            let gs = groups(&l, eni);
            let got = evaluate(f, &gs, *d, *packet, far.parse().unwrap());
            let decided = got
                .deciding()
                .map(|r| (r.group.id(&l).into_owned(), r.index));
            let want = want.map(|(g, i)| (g.to_string(), i));
            assert_eq!(decided, want, "{eni} {d:?} {packet} {far}");
            // Without the list (a verdict-only trace): the same group decides.
            let group = allowing(f, &gs, *d, *packet, far.parse().unwrap());
            assert_eq!(
                group,
                got.deciding().map(|r| r.group),
                "{eni} {d:?} {packet} {far}"
            );
            // Every rule of every group is listed, each matched flag true to the rule.
            let total: usize = gs
                .iter()
                .map(|g| f.group(*g).unwrap().rules(*d).len())
                .sum();
            assert_eq!(got.rules.len(), total);
            let first = got.rules.iter().position(|r| r.matched);
            assert_eq!(first, got.allowed_by);
            let at = got.at(&gs).map(|g| g.id(&l).into_owned());
            assert_eq!(at, Some(want.map_or(gs[0].id(&l).into_owned(), |(g, _)| g)));
        }
    }
}
