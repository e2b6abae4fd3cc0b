//! Security groups, network ACLs and the groups of instances and interface endpoints: the
//! format 2 half of the import (`docs/scenario-format.md` N1-N5). Format 2 is written only
//! when both `describe-security-groups` and `describe-network-acls` were given: format 2's
//! implicit defaults would otherwise invent filters the account may not have (a VPC's
//! default group admits only its members, so an instance whose groups were not pasted would
//! look blocked). Else the import stays format 1 and says that filtering is not modeled.
//!
//! Each rule keeps AWS's meaning: a security group rule per CIDR, group and prefix list of a
//! permission (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html>);
//! an ACL's closing `*` rule (32767) stays implicit, as format 2's implicit deny
//! (<https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html>).

use super::build::{associate_subnets, Ids};
use super::filters::{AclRuleRec, EniRec, Peer, Proto, SgRuleRec};
use super::note::{Ref, Via, Why};
use super::records::{InstanceRec, Notes, Records};
use crate::kind::Kind;
use crate::model::*;
use crate::packet::{Port, PortRange, RuleProtocol};
use std::collections::{HashMap, HashSet};

/// Whether the import writes format 2: both filter outputs were given.
pub(super) fn format_of(r: &Records, notes: &mut Notes) -> Format {
    if r.saw_security_groups && r.saw_network_acls {
        return Format::V2;
    }
    let missing: Vec<&str> = [
        (!r.saw_security_groups).then_some("aws ec2 describe-security-groups"),
        (!r.saw_network_acls).then_some("aws ec2 describe-network-acls"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let read = if r.saw_security_groups || r.saw_network_acls || !r.enis.is_empty() {
        "the security groups, network ACLs and network interfaces given are not imported; "
    } else {
        ""
    };
    notes.assume(
        Format::V1.as_str(),
        format!(
            "filtering is not modeled: {read}the scenario is format 1 (routes only), where every packet a route carries is allowed. Add the output of {} to import security groups and network ACLs (format 2)",
            missing.join(" and ")
        ),
    );
    Format::V1
}

fn rule_protocol(p: Proto) -> RuleProtocol {
    match p {
        Proto::Tcp => RuleProtocol::Tcp,
        Proto::Udp => RuleProtocol::Udp,
        Proto::Icmp => RuleProtocol::Icmp,
        Proto::All => RuleProtocol::All,
    }
}

/// A rule's ports as format 2 writes them (TCP and UDP only; records hold 1-65535).
fn port_range(ports: Option<(u16, u16)>) -> Option<PortRange> {
    let (from, to) = ports?;
    let from = Port::new("from", i64::from(from)).ok()?;
    let to = Port::new("to", i64::from(to)).ok()?;
    PortRange::new(from, to)
}

/// Security groups whose VPC is here, with the rules whose peers resolve; the rules of a
/// group whose referenced group or prefix list cannot be held are named.
pub(super) fn security_groups(r: &Records, ids: &Ids, notes: &mut Notes, s: &mut Scenario) {
    let kept: HashSet<&str> = r
        .sgs
        .iter()
        .filter(|g| s.vpc(&g.vpc).is_some())
        .map(|g| g.id.as_str())
        .collect();
    let mut has_default: HashSet<String> = HashSet::new();
    for g in &r.sgs {
        let Some(vpc) = s.vpc(&g.vpc) else {
            let vpc = ids.missing(notes, Via::Vpc, &g.vpc, Kind::Vpc);
            notes.unresolved(&g.id, vec![vpc]);
            continue;
        };
        let region = vpc.region.clone();
        let mut dropped: Vec<Ref> = Vec::new();
        let mut unknown_lists: Vec<String> = Vec::new();
        let mut peer_of = |rule: &SgRuleRec, dropped: &mut Vec<Ref>| match &rule.peer {
            Peer::Cidr(c) => Some(SgPeer::Cidr(*c)),
            Peer::Group(id, _) if kept.contains(id.as_str()) => Some(SgPeer::Group(id.clone())),
            // A group of another account (a peer VPC's): this account's output cannot list it.
            Peer::Group(id, Some(account)) if g.owner.as_ref().is_some_and(|o| o != account) => {
                dropped.push(Ref {
                    via: Via::RuleGroup,
                    id: id.clone(),
                    kind: Kind::SecurityGroup,
                    why: Why::OtherAccount(account.clone()),
                });
                None
            }
            Peer::Group(id, _) => {
                dropped.push(ids.missing(notes, Via::RuleGroup, id, Kind::SecurityGroup));
                None
            }
            Peer::PrefixList(p) if crate::catalog::by_prefix_list(&region, p).is_some() => {
                Some(SgPeer::PrefixList(p.clone()))
            }
            Peer::PrefixList(p) => {
                unknown_lists.push(p.clone());
                None
            }
        };
        let mut ingress = Vec::new();
        for rule in &g.ingress {
            if let Some(source) = peer_of(rule, &mut dropped) {
                ingress.push(SgIngressRule {
                    protocol: rule_protocol(rule.proto),
                    ports: port_range(rule.ports),
                    source,
                    description: rule.description.clone(),
                });
            }
        }
        let mut egress = Vec::new();
        for rule in &g.egress {
            if let Some(destination) = peer_of(rule, &mut dropped) {
                egress.push(SgEgressRule {
                    protocol: rule_protocol(rule.proto),
                    ports: port_range(rule.ports),
                    destination,
                    description: rule.description.clone(),
                });
            }
        }
        dropped.dedup();
        notes.dropped(&g.id, dropped);
        unknown_lists.dedup();
        if !unknown_lists.is_empty() {
            notes.leave_out(&g.id, format!("its rules for prefix list {} are left out: the playground knows the AWS service prefix lists of {region} only (a customer-managed list is not in its catalog)", unknown_lists.join(", ")));
        }
        let default =
            g.group_name.as_deref() == Some("default") && has_default.insert(g.vpc.clone());
        s.security_groups.push(SecurityGroup {
            id: g.id.clone(),
            vpc: g.vpc.clone(),
            name: g.name.clone().or_else(|| g.group_name.clone()),
            default,
            ingress,
            egress: Some(egress),
        });
    }
}

fn acl_rules(rules: &[AclRuleRec]) -> Vec<AclRule> {
    let mut seen = HashSet::new();
    rules
        .iter()
        .filter(|r| seen.insert(r.number))
        .filter_map(|r| {
            Some(AclRule {
                rule: RuleNumber::new(i64::from(r.number))?,
                protocol: rule_protocol(r.proto),
                ports: port_range(r.ports),
                cidr: r.cidr,
                action: if r.allow {
                    AclAction::Allow
                } else {
                    AclAction::Deny
                },
            })
        })
        .collect()
}

/// Network ACLs whose VPC is here, with the subnets of that VPC that are here.
pub(super) fn network_acls(r: &Records, ids: &Ids, notes: &mut Notes, s: &mut Scenario) {
    let mut acl_of: HashMap<String, String> = HashMap::new();
    let mut has_default: HashSet<String> = HashSet::new();
    for a in &r.acls {
        if s.vpc(&a.vpc).is_none() {
            let mut refs = vec![ids.missing(notes, Via::Vpc, &a.vpc, Kind::Vpc)];
            for sub in a.subnets.iter().filter(|x| s.subnet(x).is_none()) {
                refs.push(ids.missing(notes, Via::Association, sub, Kind::Subnet));
            }
            notes.unresolved(&a.id, refs);
            continue;
        }
        let (subnets, dropped) =
            associate_subnets(s, &a.id, &a.vpc, &a.subnets, &mut acl_of, ids, notes);
        notes.dropped(&a.id, dropped);
        s.network_acls.push(NetworkAcl {
            id: a.id.clone(),
            vpc: a.vpc.clone(),
            name: a.name.clone(),
            default: a.default && has_default.insert(a.vpc.clone()),
            subnets,
            ingress: acl_rules(&a.ingress),
            egress: acl_rules(&a.egress),
        });
    }
}

/// The groups of `owner` (an instance or interface endpoint) that are here; those that are
/// not are named. None at all means its VPC's default group (N4.1), which would invent a
/// filter: said too.
pub(super) fn groups_of(
    owner: &str,
    named: &[String],
    ids: &Ids,
    notes: &mut Notes,
    s: &Scenario,
) -> Vec<String> {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for g in named {
        if s.security_groups.iter().any(|x| x.id == *g) {
            if !kept.contains(g) {
                kept.push(g.clone());
            }
        } else {
            dropped.push(ids.missing(notes, Via::SecurityGroup, g, Kind::SecurityGroup));
        }
    }
    notes.dropped(owner, dropped);
    kept
}

/// The groups of the network interfaces that `of` picks, in order, once each.
pub(super) fn eni_groups(r: &Records, of: impl Fn(&EniRec) -> bool) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for g in r.enis.iter().filter(|n| of(n)).flat_map(|n| &n.groups) {
        if !groups.contains(g) {
            groups.push(g.clone());
        }
    }
    groups
}

/// Each interface endpoint's groups: `describe-vpc-endpoints`' `Groups`, else those of its
/// network interfaces.
pub(super) fn endpoint_groups(r: &Records, ids: &Ids, notes: &mut Notes, s: &mut Scenario) {
    for e in &r.endpoints {
        let here = s
            .endpoint(&e.id)
            .is_some_and(|x| x.kind == EndpointType::Interface);
        if !here {
            continue;
        }
        let named = if e.groups.is_empty() {
            eni_groups(r, |n| e.enis.contains(&n.id))
        } else {
            e.groups.clone()
        };
        let kept = groups_of(&e.id, &named, ids, notes, s);
        if let Some(x) = s.vpc_endpoints.iter_mut().find(|x| x.id == e.id) {
            x.security_groups = kept;
        }
    }
}

/// An instance's groups: `describe-instances`' `SecurityGroups`, else those of the network
/// interfaces attached to it.
pub(super) fn instance_groups(
    r: &Records,
    i: &InstanceRec,
    ids: &Ids,
    notes: &mut Notes,
    s: &Scenario,
) -> Vec<String> {
    let named = if i.groups.is_empty() {
        eni_groups(r, |n| n.instance.as_ref() == Some(&i.id))
    } else {
        i.groups.clone()
    };
    groups_of(&i.id, &named, ids, notes, s)
}
