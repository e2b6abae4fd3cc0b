//! Format 2's filters, resolved by `load` (`docs/scenario-format.md` N2-N5): every group
//! and ACL as a typed handle (written, or a VPC's implicit default), every rule with its
//! typed traffic and peer, each network interface's groups, each subnet's ACL and each
//! group's members by private IP. The trace and `filter` ask these; nothing re-reads ids.
//!
//! A format 1 document has no `Filters` at all (`Index::filters` is `None`): it models no
//! filtering (N1.2).

use super::{At, Map};
use crate::addr::{Cidr, Ip};
use crate::catalog::ServiceEntry;
use crate::model::{
    implicit_acl_id, implicit_sg_id, AclAction, Instance, NetworkAcl, RuleNumber, Scenario,
    SecurityGroup, Vpc, VpcEndpoint,
};
use crate::packet::Traffic;
use std::borrow::Cow;

/// A security group: a written one, or the implicit default group of a VPC with no written
/// default (`VPCID:default-sg`, N5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sg {
    Written(At<SecurityGroup>),
    Implicit(At<Vpc>),
}

/// A network ACL: a written one, or the implicit default ACL of a VPC with no written
/// default (`VPCID:default-acl`, N5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Acl {
    Written(At<NetworkAcl>),
    Implicit(At<Vpc>),
}

/// A network interface security groups apply to (N4.1): an instance's, or one address of
/// an interface endpoint (its position in the endpoint's `subnets` and `private_ips`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Eni {
    Instance(At<Instance>),
    InterfaceEndpoint {
        endpoint: At<VpcEndpoint>,
        address: usize,
    },
}

/// A security group rule's peer, resolved (N2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Cidr(Cidr),
    /// A catalog prefix list of the group's Region.
    PrefixList(&'static ServiceEntry),
    Group(Sg),
}

/// Where a rule comes from: written at this position of its list, or AWS's own (the
/// implicit group's rules, a written group's allow-all outbound rule when it has no
/// `egress` key, the implicit ACL's rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleSource {
    Written(usize),
    Aws,
}

/// A security group rule, resolved: the traffic it allows and its peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SgRule {
    pub traffic: Traffic,
    pub peer: Peer,
    pub source: RuleSource,
}

/// A group's rules in effect, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRules {
    pub vpc: At<Vpc>,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// A network ACL rule (AWS: an entry), resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AclEntry {
    pub number: RuleNumber,
    pub traffic: Traffic,
    pub cidr: Cidr,
    pub action: AclAction,
    pub source: RuleSource,
}

/// An ACL's rules in effect, each direction in ascending rule number (equal numbers, a
/// `NACL_DUPLICATE_RULE` finding, keep document order).
#[derive(Debug, Clone, PartialEq)]
pub struct AclRules {
    pub vpc: At<Vpc>,
    pub ingress: Vec<AclEntry>,
    pub egress: Vec<AclEntry>,
}

/// Which way a packet crosses a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Ingress,
    Egress,
}

impl GroupRules {
    pub fn rules(&self, d: Direction) -> &[SgRule] {
        match d {
            Direction::Ingress => &self.ingress,
            Direction::Egress => &self.egress,
        }
    }
    /// The implicit default group of `vpc`: all in from itself, all out (N5.1).
    pub(crate) fn implicit(vpc: At<Vpc>) -> GroupRules {
        GroupRules {
            vpc,
            ingress: vec![SgRule {
                traffic: Traffic::All,
                peer: Peer::Group(Sg::Implicit(vpc)),
                source: RuleSource::Aws,
            }],
            egress: vec![SgRule {
                traffic: Traffic::All,
                peer: Peer::Cidr(Cidr::ANY),
                source: RuleSource::Aws,
            }],
        }
    }
}

impl AclRules {
    pub fn rules(&self, d: Direction) -> &[AclEntry] {
        match d {
            Direction::Ingress => &self.ingress,
            Direction::Egress => &self.egress,
        }
    }
    /// The implicit default ACL of `vpc`: rule 100 allows all in and all out (N5.2).
    pub(crate) fn implicit(vpc: At<Vpc>) -> AclRules {
        let allow_all = AclEntry {
            number: RuleNumber::DEFAULT_ACL,
            traffic: Traffic::All,
            cidr: Cidr::ANY,
            action: AclAction::Allow,
            source: RuleSource::Aws,
        };
        AclRules {
            vpc,
            ingress: vec![allow_all],
            egress: vec![allow_all],
        }
    }
}

/// Format 2's filters of a loaded scenario (see the module comment).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    /// Per written group: its rules.
    pub(crate) groups: Vec<GroupRules>,
    /// Per VPC: its implicit default group's rules (used while it has no written default).
    pub(crate) implicit_groups: Vec<GroupRules>,
    /// Per VPC: its default group (the first written `default: true`, else implicit).
    pub(crate) default_sg: Vec<Sg>,
    /// Per written ACL: its rules.
    pub(crate) acls: Vec<AclRules>,
    pub(crate) implicit_acls: Vec<AclRules>,
    /// Per VPC: its default ACL.
    pub(crate) default_acl: Vec<Acl>,
    /// Per instance and per endpoint: the groups of its network interface(s), never empty
    /// for an instance or interface endpoint (the VPC's default group), empty for a gateway
    /// endpoint.
    pub(crate) instance_groups: Vec<Vec<Sg>>,
    pub(crate) endpoint_groups: Vec<Vec<Sg>>,
    /// Per subnet: its ACL.
    pub(crate) subnet_acl: Vec<Acl>,
    /// Per group: the network interfaces in it, with their private IPs, in document order.
    pub(crate) members: Map<Sg, Vec<(Ip, Eni)>>,
    /// Pairs of distinct VPCs (both orders) joined by an active peering in one Region:
    /// a group rule of one may reference a group of the other (N2.3).
    pub(crate) referable: Map<(At<Vpc>, At<Vpc>), ()>,
}

impl Filters {
    /// The rules of a group.
    pub fn group(&self, sg: Sg) -> Option<&GroupRules> {
        match sg {
            Sg::Written(g) => self.groups.get(g.pos()),
            Sg::Implicit(v) => self.implicit_groups.get(v.pos()),
        }
    }
    /// The rules of an ACL.
    pub fn acl(&self, acl: Acl) -> Option<&AclRules> {
        match acl {
            Acl::Written(a) => self.acls.get(a.pos()),
            Acl::Implicit(v) => self.implicit_acls.get(v.pos()),
        }
    }
    /// The VPC's default group (N5.1).
    pub fn default_group(&self, vpc: At<Vpc>) -> Option<Sg> {
        self.default_sg.get(vpc.pos()).copied()
    }
    /// The VPC's default ACL (N5.2).
    pub fn default_acl(&self, vpc: At<Vpc>) -> Option<Acl> {
        self.default_acl.get(vpc.pos()).copied()
    }
    /// The groups of a network interface, in its `security_groups` order (its VPC's default
    /// group when none is written).
    pub fn groups_of(&self, eni: Eni) -> &[Sg] {
        let list = match eni {
            Eni::Instance(i) => self.instance_groups.get(i.pos()),
            Eni::InterfaceEndpoint { endpoint, .. } => self.endpoint_groups.get(endpoint.pos()),
        };
        list.map(Vec::as_slice).unwrap_or_default()
    }
    /// The ACL of a subnet: the written ACL that lists it, else its VPC's default (N5.2).
    pub fn acl_of(&self, subnet: At<crate::model::Subnet>) -> Option<Acl> {
        self.subnet_acl.get(subnet.pos()).copied()
    }
    /// The network interfaces in a group, with their private IPs.
    pub fn members(&self, sg: Sg) -> &[(Ip, Eni)] {
        self.members.get(&sg).map(Vec::as_slice).unwrap_or_default()
    }
    /// Whether a network interface in `sg` has the private IP `ip` (N2.3).
    pub fn has_member(&self, sg: Sg, ip: Ip) -> bool {
        self.members(sg).iter().any(|(x, _)| *x == ip)
    }
    /// Whether a rule of a group in VPC `from` can reference a group in VPC `to`: the
    /// same VPC, or VPCs joined by an active peering in the same Region (N2.3).
    /// <https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html>
    pub fn reference_reaches(&self, from: At<Vpc>, to: At<Vpc>) -> bool {
        from == to || self.referable.contains_key(&(from, to))
    }
    /// The VPC a group belongs to.
    pub fn vpc_of_group(&self, sg: Sg) -> Option<At<Vpc>> {
        self.group(sg).map(|g| g.vpc)
    }
}

impl Sg {
    /// The id a hop or a message names the group by (`sg-web`, `vpc-a:default-sg`).
    pub fn id(self, s: &Scenario) -> Cow<'_, str> {
        match self {
            Sg::Written(g) => Cow::Borrowed(s.security_groups.get(g.pos()).map_or("", |g| &g.id)),
            Sg::Implicit(v) => {
                Cow::Owned(implicit_sg_id(s.vpcs.get(v.pos()).map_or("", |v| &v.id)))
            }
        }
    }
}

impl Acl {
    /// The id a hop or a message names the ACL by (`acl-web`, `vpc-a:default-acl`).
    pub fn id(self, s: &Scenario) -> Cow<'_, str> {
        match self {
            Acl::Written(a) => Cow::Borrowed(s.network_acls.get(a.pos()).map_or("", |a| &a.id)),
            Acl::Implicit(v) => {
                Cow::Owned(implicit_acl_id(s.vpcs.get(v.pos()).map_or("", |v| &v.id)))
            }
        }
    }
}

impl Eni {
    /// The private IP of the interface.
    pub fn private_ip(self, s: &Scenario) -> Option<Ip> {
        match self {
            Eni::Instance(i) => s.instances.get(i.pos()).map(|i| i.private_ip),
            Eni::InterfaceEndpoint { endpoint, address } => s
                .vpc_endpoints
                .get(endpoint.pos())
                .and_then(|e| e.private_ips.get(address).copied()),
        }
    }
}
