//! Format 2's filters in the walk (`docs/scenario-format.md` F9-F12): a network interface's
//! security groups (stateful) and a subnet's network ACL (stateless), each one hop.
//!
//! Every check here is a no-op in a format 1 document, which models no filtering. A check
//! that lets the packet through adds a `filter` hop; a denial adds a `drop` hop with
//! `SECURITY_GROUP_DENY` or `NACL_DENY` and ends the walk (the caller returns the `Step`).
//! The hop's `rules` list what was evaluated, each marked `matched`; its note names the
//! deciding rule. On the reply, a network interface whose groups allowed the request lets
//! the reply through by connection tracking (F9.3); ACLs are evaluated again (F10.3).

use super::walk::{hop, HopExt, Outcome, Packet, Step, Walk};
use super::Source;
use crate::addr::Ip;
use crate::docs;
use crate::index::{Direction, Eni, Peer};
use crate::kind::Kind;
use crate::model::{AclAction, Instance, Subnet, VpcEndpoint};
use crate::verdict::{Action, FilterRule, FilterSite, Location, Reason};
use std::net::Ipv4Addr;

/// Ends the walk with a filter's denial `$reason`: a drop hop at `$at` with the rules
/// evaluated (`$rules`, built only when the walk records hops, as [`push_hop!`] says).
macro_rules! deny_hop {
    ($w:expr, $at:expr, $site:expr, $pkt:expr, $reason:expr, $note:expr, $doc:expr, $rules:expr $(,)?) => {{
        let reason: Reason = $reason;
        let pkt: Packet = $pkt;
        push_hop!(
            $w,
            hop($at, Action::Drop, Some(pkt.src), Some(pkt.dst), $note, $doc)
                .with_reason(reason)
                .with_rules($rules)
                .with_site($site)
        );
        Step::Done(Outcome::Dropped(reason))
    }};
}

/// A network interface whose groups allowed the request, and the group that allowed it
/// there: the reply passes it by connection tracking, `at` that group (F9.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tracked {
    pub eni: Eni,
    pub group: crate::index::Sg,
}

/// `inbound` / `outbound`, and the word before the peer: `from` / `to`.
fn word(d: Direction) -> (&'static str, &'static str) {
    match d {
        Direction::Ingress => ("inbound", "from"),
        Direction::Egress => ("outbound", "to"),
    }
}

/// `tcp 443`, or `all traffic`.
fn traffic_text(t: crate::packet::Traffic) -> String {
    match t {
        crate::packet::Traffic::All => "all traffic".to_string(),
        t => t.to_string(),
    }
}

impl<'a> Walk<'a> {
    /// F11: the security groups (egress) of an instance that sends a packet.
    pub(crate) fn source_filters(&mut self, source: &Source, pkt: Packet) -> Option<Step> {
        let Source::Instance { id, .. } = source else {
            return None;
        };
        let at = self.ix.l.index().at::<Instance>(id)?;
        self.security_groups(Eni::Instance(at), Direction::Egress, pkt)
    }

    /// F11: the packet moves from subnet `from` (`None`: it comes from outside the VPC's
    /// subnets) to the network interface `eni` in subnet `to`: the ACLs of both subnets
    /// when they differ, then the interface's security groups (ingress).
    pub(crate) fn enter(
        &mut self,
        from: Option<&str>,
        to: &str,
        eni: Option<Eni>,
        pkt: Packet,
    ) -> Option<Step> {
        if let Some(stop) = self.cross(from, Some(to), pkt) {
            return Some(stop);
        }
        eni.and_then(|e| self.security_groups(e, Direction::Ingress, pkt))
    }

    /// F10.3, F11: the packet leaves subnet `from` for subnet `to` (`None` on either side:
    /// outside the VPC's subnets): `from`'s egress ACL, then `to`'s ingress ACL; nothing
    /// within one subnet.
    pub(crate) fn cross(
        &mut self,
        from: Option<&str>,
        to: Option<&str>,
        pkt: Packet,
    ) -> Option<Step> {
        if from.is_some() && from == to {
            return None;
        }
        if let Some(f) = from {
            if let Some(stop) = self.acl(f, Direction::Egress, pkt) {
                return Some(stop);
            }
        }
        to.and_then(|t| self.acl(t, Direction::Ingress, pkt))
    }

    /// F10: the network ACL of `subnet` on a packet leaving (egress) or entering (ingress)
    /// it: rules in ascending number, the first that matches decides, none: deny (`*`).
    pub(crate) fn acl(&mut self, subnet: &str, dir: Direction, pkt: Packet) -> Option<Step> {
        let f = self.ix.filters()?;
        let acl = f.acl_of(self.ix.l.index().at::<Subnet>(subnet)?)?;
        let rules = f.acl(acl)?;
        let peer = match dir {
            Direction::Egress => pkt.dst,
            Direction::Ingress => pkt.src,
        };
        let listed = rules.rules(dir);
        // The first rule that matches decides; every rule evaluated is for the hop.
        let decided = crate::filter::acl::first_match(listed, self.flow, Ip(peer))
            .and_then(|i| listed.get(i))
            .map(|r| (r.number.get(), r.action));
        // Everything below but the outcome only describes: built when the walk records hops.
        let shown = || {
            let decision = crate::filter::acl::evaluate(listed, self.flow, Ip(peer));
            let mut shown: Vec<FilterRule> = decision
                .rules
                .iter()
                .map(|r| FilterRule::Acl {
                    number: Some(r.entry.number.get()),
                    traffic: Some(r.entry.traffic),
                    cidr: Some(r.entry.cidr),
                    allow: r.entry.action == AclAction::Allow,
                    matched: r.matched,
                })
                .collect();
            if decision.implicit_deny() {
                shown.push(FilterRule::Acl {
                    number: None,
                    traffic: None,
                    cidr: None,
                    allow: false,
                    matched: true,
                });
            }
            shown
        };
        let s = self.s;
        let id = || acl.id(s).into_owned();
        let (way, to) = word(dir);
        let what = || format!("{} {to} {peer}", self.flow);
        let leaving = || match dir {
            Direction::Egress => format!("leaving {subnet}"),
            Direction::Ingress => format!("entering {subnet}"),
        };
        let at = || Location::resource(Kind::NetworkAcl, id());
        let site = || {
            Some(FilterSite::SubnetEdge {
                subnet: subnet.to_string(),
                inbound: dir == Direction::Ingress,
            })
        };
        let doc = docs::NETWORK_ACLS;
        // A denied reply: the page on ephemeral ports says why replies need their own rule.
        let deny_doc = if self.reverse {
            docs::NACL_EPHEMERAL_PORTS
        } else {
            doc
        };
        match decided {
            Some((n, AclAction::Allow)) => {
                push_hop!(self,
                    hop(at(), Action::Filter, Some(pkt.src), Some(pkt.dst),
                        format!("Network ACL {} checks the packet {} ({}) against its {way} rules in order: rule {n} allows it.", id(), leaving(), what()),
                        doc)
                    .with_rules(shown())
                    .with_site(site()),
                );
                None
            }
            Some((n, AclAction::Deny)) => Some(deny_hop!(self, at(), site(), pkt, Reason::NaclDeny,
                format!("Network ACL {} checks the packet {} ({}) against its {way} rules in order: rule {n} denies it.{}", id(), leaving(), what(), self.ephemeral_hint()),
                deny_doc, shown())),
            None => Some(deny_hop!(self, at(), site(), pkt, Reason::NaclDeny,
                format!("Network ACL {} checks the packet {} ({}) against its {way} rules: none matches, so the final rule * denies it.{}", id(), leaving(), what(), self.ephemeral_hint()),
                deny_doc, shown())),
        }
    }

    /// On a reply, why an ACL deny matters: network ACLs are stateless.
    fn ephemeral_hint(&self) -> String {
        match self.flow.port() {
            Some(p) if self.reverse => format!(" Network ACLs are stateless: the reply needs its own rule for its destination port {p}, an ephemeral port of the sender (a NAT gateway uses 1024-65535)."),
            _ => String::new(),
        }
    }

    /// F9: the security groups of `eni` on a packet leaving it (egress) or arriving at it
    /// (ingress). The packet passes when a rule of any of its groups allows it.
    pub(crate) fn security_groups(
        &mut self,
        eni: Eni,
        dir: Direction,
        pkt: Packet,
    ) -> Option<Step> {
        let f = self.ix.filters()?;
        let groups = f.groups_of(eni);
        let first = groups.first().copied()?;
        let s = self.s;
        let site = || self.interface_site(eni, dir);
        if self.reverse {
            if let Some(t) = self.tracked.iter().find(|t| t.eni == eni).cloned() {
                push_hop!(self, {
                    let group = t.group.id(s);
                    hop(
                        Location::resource(Kind::SecurityGroup, group.as_ref()),
                        Action::Filter,
                        Some(pkt.src),
                        Some(pkt.dst),
                        format!("Security group {group} allowed the request here, and security groups are stateful: connection tracking lets the reply through whatever the rules say."),
                        docs::SECURITY_GROUPS,
                    )
                    .with_site(site())
                });
                return None;
            }
        }
        let peer = match dir {
            Direction::Egress => pkt.dst,
            Direction::Ingress => pkt.src,
        };
        let way = word(dir).0;
        // The group that allows the packet decides; every rule evaluated is for the hop.
        let decision = self
            .record
            .then(|| crate::filter::sg::evaluate(f, groups, dir, self.flow, Ip(peer)));
        let allowed = match &decision {
            Some(d) => d.deciding().map(|r| r.group),
            None => crate::filter::sg::allowing(f, groups, dir, self.flow, Ip(peer)),
        };
        // Everything below but the outcome only describes: built when the walk records hops.
        let shown = |d: &crate::filter::sg::SgDecision| -> Vec<FilterRule> {
            d.rules
                .iter()
                .map(|r| {
                    let text = peer_text(self, r.rule.peer);
                    FilterRule::Sg {
                        group: r.group.id(s).into_owned(),
                        traffic: r.rule.traffic,
                        source: (dir == Direction::Ingress).then(|| text.clone()),
                        destination: (dir == Direction::Egress).then_some(text),
                        matched: r.matched,
                    }
                })
                .collect()
        };
        let names = || {
            let names: Vec<String> = groups.iter().map(|g| g.id(s).into_owned()).collect();
            names.join(", ")
        };
        let what = || format!("{} {} {peer}", self.flow, word(dir).1);
        match allowed {
            Some(group) => {
                if let Some((d, r)) = decision.as_ref().and_then(|d| Some((d, d.deciding()?))) {
                    push_hop!(self, {
                        let gid = r.group.id(s);
                        let rule_text = format!(
                            "{} {} {}",
                            traffic_text(r.rule.traffic),
                            word(dir).1,
                            peer_text(self, r.rule.peer)
                        );
                        hop(Location::resource(Kind::SecurityGroup, gid.as_ref()), Action::Filter, Some(pkt.src), Some(pkt.dst),
                            format!("The {way} rules of {} are checked for the packet ({}): {gid}'s rule {rule_text} allows it.", names(), what()),
                            docs::SECURITY_GROUPS)
                        .with_rules(shown(d))
                        .with_site(site())
                    });
                }
                self.tracked.push(Tracked { eni, group });
                None
            }
            None => {
                if let Some(d) = &decision {
                    push_hop!(self, {
                        let gid = d.at(groups).unwrap_or(first).id(s);
                        let (hint, doc) = self.deny_hint(groups, dir, peer);
                        hop(Location::resource(Kind::SecurityGroup, gid.as_ref()), Action::Drop, Some(pkt.src), Some(pkt.dst),
                            format!("No {way} rule of {} allows the packet ({}): security groups only allow, so it is dropped.{hint}", names(), what()),
                            doc)
                        .with_reason(Reason::SecurityGroupDeny)
                        .with_rules(shown(d))
                        .with_site(site())
                    });
                }
                Some(Step::Done(Outcome::Dropped(Reason::SecurityGroupDeny)))
            }
        }
    }

    /// Why a group denied, when a common cause applies: the VPC's default group admits
    /// only its members; a group named by reference holds the peer but sits in a VPC the
    /// reference cannot reach (F9.2).
    fn deny_hint(
        &self,
        groups: &[crate::index::Sg],
        dir: Direction,
        peer: Ipv4Addr,
    ) -> (String, &'static str) {
        let none = (String::new(), docs::SECURITY_GROUPS);
        let Some(f) = self.ix.filters() else {
            return none;
        };
        for g in groups {
            let Some(rules) = f.group(*g) else { continue };
            for r in rules.rules(dir) {
                let Peer::Group(h) = r.peer else { continue };
                let unreachable = f
                    .vpc_of_group(h)
                    .is_some_and(|y| !f.reference_reaches(rules.vpc, y));
                if unreachable && f.has_member(h, Ip(peer)) {
                    let why = format!(" {} names group {}, which {peer} is in, but a group of another VPC can be referenced only across an active peering within one Region; otherwise name its CIDR instead.", g.id(self.s), h.id(self.s));
                    return (why, docs::PEERING_SECURITY_GROUPS);
                }
            }
        }
        let default = groups.iter().any(|g| {
            f.group(*g)
                .is_some_and(|r| f.default_group(r.vpc) == Some(*g))
        });
        if dir == Direction::Ingress && default {
            (" A VPC's default group admits, unless its rules were changed, only traffic from its own members.".to_string(), docs::DEFAULT_SECURITY_GROUP)
        } else {
            none
        }
    }

    /// Where an interface's groups act: the instance or the endpoint, in its subnet.
    fn interface_site(&self, eni: Eni, dir: Direction) -> Option<FilterSite> {
        let inbound = dir == Direction::Ingress;
        let (of, subnet) = match eni {
            Eni::Instance(at) => {
                let i = self.s.instances.get(at.pos())?;
                (Location::resource(Kind::Instance, &i.id), i.subnet.clone())
            }
            Eni::InterfaceEndpoint { endpoint, address } => {
                let e = self.s.vpc_endpoints.get(endpoint.pos())?;
                let subnet = e.subnets.get(address)?.clone();
                (Location::resource(Kind::InterfaceEndpoint, &e.id), subnet)
            }
        };
        Some(FilterSite::Interface {
            of,
            subnet,
            inbound,
        })
    }

    /// The network interface of an interface endpoint's address `ip`, with its subnet.
    pub(crate) fn endpoint_eni(&self, e: &VpcEndpoint, ip: Ipv4Addr) -> Option<(Eni, String)> {
        let address = e.private_ips.iter().position(|x| x.0 == ip)?;
        let subnet = e.subnets.get(address)?.clone();
        let endpoint = self.ix.l.index().at::<VpcEndpoint>(&e.id)?;
        Some((Eni::InterfaceEndpoint { endpoint, address }, subnet))
    }

    /// The network interface of an instance.
    pub(crate) fn instance_eni(&self, id: &str) -> Option<Eni> {
        self.ix.l.index().at::<Instance>(id).map(Eni::Instance)
    }
}

fn peer_text(w: &Walk, peer: Peer) -> String {
    match peer {
        Peer::Cidr(c) => c.to_string(),
        Peer::PrefixList(e) => e.prefix_list.map(str::to_string).unwrap_or_default(),
        Peer::Group(g) => g.id(w.s).into_owned(),
    }
}
