//! What the import tells the user, as data: each [`Note`] names the resource it concerns and
//! says [`What`] about it. A reference that could not be resolved is a typed [`Ref`] (what
//! refers, to which id of which [`Kind`], and why it is not kept), so a user fixing a partial
//! paste is told every missing piece at once, and the app can list the commands to add
//! ([`Note::commands`]) without reading a sentence. `Display` gives the sentence a user reads.

use crate::kind::Kind;
use std::fmt;

/// Something the user should know about the import: the resource it concerns (an AWS id, or
/// a section such as `VpnConnections`) and what about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub resource: String,
    pub what: What,
}

/// What a note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// The resource is left out: these are every one of its references that did not resolve.
    Unresolved(Vec<Ref>),
    /// The resource is imported, without these references.
    Dropped(Vec<Ref>),
    /// Any other reason or assumption, as a sentence.
    Said(String),
}

/// One reference of a resource to another that the import could not keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// How the resource refers to it.
    pub via: Via,
    /// The id referred to, and what kind of resource it is.
    pub id: String,
    pub kind: Kind,
    /// Why it is not kept.
    pub why: Why,
}

/// The field a reference comes from, as AWS prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A subnet's, route table's or endpoint's `VpcId`.
    Vpc,
    /// A gateway's attachment (`Attachments`, `VpcAttachments`).
    Attachment,
    /// An instance's or NAT gateway's `SubnetId`.
    Subnet,
    /// One of an interface endpoint's `SubnetIds`.
    EndpointSubnet,
    /// A route table's association with a subnet.
    Association,
    /// A route table's `PropagatingVgws`.
    Propagation,
    /// A route (its destination, a CIDR or a prefix list id) to this target.
    Route(String),
    /// One of a gateway endpoint's `RouteTableIds`.
    RouteTable,
    /// A peering's `RequesterVpcInfo` or `AccepterVpcInfo` without CIDR blocks.
    Requester,
    Accepter,
    /// A VPN connection's or private virtual interface's VPN gateway.
    VpnGateway,
    /// A VPN connection's customer gateway.
    CustomerGateway,
    /// A security group rule's `UserIdGroupPairs` group (the rule is left out).
    RuleGroup,
    /// One of an instance's or interface endpoint's security groups.
    SecurityGroup,
    /// The `TransitGatewayId` of an attachment, a route table or a VPN connection.
    TransitGateway,
    /// A VPN attachment's VPN connection (`ResourceId`).
    VpnConnection,
    /// A peering attachment's peer transit gateway (`ResourceId`).
    PeerTransitGateway,
    /// An attachment a transit gateway route table associates, propagates or routes to.
    TgwAttachment,
}

/// Why a reference is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// No output of the import has it.
    NotImported,
    /// An output has it, but it was left out itself (its own note says why).
    LeftOut,
    /// It belongs to another VPC than the resource's own.
    OtherVpc(String),
    /// The subnet is already associated with this other route table of the import (a subnet
    /// has one).
    AssociatedWith(String),
    /// The attachment is in this state (`attaching`, `detaching`): taken as detached.
    State(String),
    /// It belongs to this other account, whose resources this account's outputs do not list.
    OtherAccount(String),
}

/// The command whose output lists resources of `kind`, when the importer reads one (each
/// is one of [`super::COMMANDS`]; the tests hold them to it).
pub fn command(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Vpc => "aws ec2 describe-vpcs",
        Kind::Subnet => "aws ec2 describe-subnets",
        Kind::RouteTable => "aws ec2 describe-route-tables",
        Kind::Instance => "aws ec2 describe-instances",
        Kind::InternetGateway => "aws ec2 describe-internet-gateways",
        Kind::NatGateway => "aws ec2 describe-nat-gateways",
        Kind::Peering => "aws ec2 describe-vpc-peering-connections",
        Kind::GatewayEndpoint | Kind::InterfaceEndpoint => "aws ec2 describe-vpc-endpoints",
        Kind::VpnGateway => "aws ec2 describe-vpn-gateways",
        Kind::CustomerGateway => "aws ec2 describe-customer-gateways",
        Kind::VpnConnection => "aws ec2 describe-vpn-connections",
        Kind::DxVif => "aws directconnect describe-virtual-interfaces",
        Kind::SecurityGroup => "aws ec2 describe-security-groups",
        Kind::NetworkAcl => "aws ec2 describe-network-acls",
        Kind::TransitGateway => "aws ec2 describe-transit-gateways",
        Kind::TgwAttachment => "aws ec2 describe-transit-gateway-attachments",
        Kind::TgwRouteTable => "aws ec2 describe-transit-gateway-route-tables",
        Kind::DxConnection | Kind::OnpremNetwork | Kind::OnpremHost | Kind::InternetHost => {
            return None
        }
    })
}

impl Note {
    pub(crate) fn said(resource: impl Into<String>, message: impl Into<String>) -> Note {
        Note {
            resource: resource.into(),
            what: What::Said(message.into()),
        }
    }

    /// The references the note names (none for a sentence).
    pub fn refs(&self) -> &[Ref] {
        match &self.what {
            What::Unresolved(r) | What::Dropped(r) => r,
            What::Said(_) => &[],
        }
    }

    /// The commands whose output would resolve the references this note names, in the
    /// order of [`super::COMMANDS`].
    pub fn commands(&self) -> Vec<&'static str> {
        commands(self.refs())
    }

    /// The sentence about the resource (without its id).
    pub fn message(&self) -> String {
        match &self.what {
            What::Said(s) => s.clone(),
            What::Unresolved(refs) => refs_text(refs),
            What::Dropped(refs) => {
                format!("imported without these references: {}", refs_text(refs))
            }
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.resource, self.message())
    }
}

/// The distinct commands that list the not-imported targets of `refs`, in [`super::COMMANDS`] order.
pub(crate) fn commands(refs: &[Ref]) -> Vec<&'static str> {
    let mut cmds: Vec<&'static str> = refs
        .iter()
        .filter(|r| r.why == Why::NotImported)
        .filter_map(|r| command(r.kind))
        .collect();
    let order = |c: &&str| super::COMMANDS.iter().position(|x| x == c);
    crate::stable_sort::sort_by_key(&mut cmds, order);
    cmds.dedup();
    cmds
}

impl fmt::Display for Ref {
    /// The resource referred to, as the referring one sees it: "its associated subnet
    /// subnet-1", "the target nat-1 of route 0.0.0.0/0".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = &self.id;
        match &self.via {
            Via::Vpc => write!(f, "its VPC {id}"),
            Via::Attachment => write!(f, "its attached VPC {id}"),
            Via::Subnet | Via::EndpointSubnet => write!(f, "its subnet {id}"),
            Via::Association => write!(f, "its associated subnet {id}"),
            Via::Propagation => write!(f, "its propagating VPN gateway {id}"),
            Via::Route(dest) => write!(f, "the target {id} of route {dest}"),
            Via::RouteTable => write!(f, "its route table {id}"),
            Via::Requester => write!(f, "its requester VPC {id}"),
            Via::Accepter => write!(f, "its accepter VPC {id}"),
            Via::VpnGateway => write!(f, "its VPN gateway {id}"),
            Via::CustomerGateway => write!(f, "its customer gateway {id}"),
            Via::RuleGroup => write!(f, "the rules naming group {id}"),
            Via::SecurityGroup => write!(f, "its security group {id}"),
            Via::TransitGateway => write!(f, "its transit gateway {id}"),
            Via::VpnConnection => write!(f, "its VPN connection {id}"),
            Via::PeerTransitGateway => write!(f, "its peer transit gateway {id}"),
            Via::TgwAttachment => write!(f, "its attachment {id}"),
        }
    }
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The references grouped by why: those not in the import first, with the commands to add.
fn refs_text(refs: &[Ref]) -> String {
    let mut parts = Vec::new();
    let absent: Vec<String> = refs
        .iter()
        .filter(|r| r.why == Why::NotImported)
        .map(ToString::to_string)
        .collect();
    if !absent.is_empty() {
        let verb = if absent.len() == 1 { "is" } else { "are" };
        let mut part = format!("{} {verb} not in the import", and_list(&absent));
        let cmds: Vec<String> = commands(refs).iter().map(|c| c.to_string()).collect();
        if !cmds.is_empty() {
            part.push_str(&format!(": add the output of {}", and_list(&cmds)));
        }
        let peer = |r: &Ref| matches!(r.via, Via::Requester | Via::Accepter);
        if refs.iter().any(|r| peer(r) && r.why == Why::NotImported) {
            part.push_str(" (the peering does not give its CIDR blocks)");
        }
        parts.push(part);
    }
    parts.extend(refs.iter().filter_map(|r| match &r.why {
        Why::NotImported => None,
        Why::LeftOut => Some(format!("{r}: it is left out itself (see its note)")),
        Why::OtherVpc(v) => Some(format!("{r}: it is in {v}, another VPC")),
        Why::AssociatedWith(t) => Some(format!(
            "{r}: the subnet is already associated with {t} (a subnet has one route table)"
        )),
        Why::OtherAccount(a) => Some(format!(
            "{r}: it belongs to account {a}, whose groups this account's outputs do not list"
        )),
        Why::State(s) => Some(format!(
            "{r}: the attachment is {s}, so the gateway is taken as detached"
        )),
    }));
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_a_note_names_is_one_the_importer_reads() {
        let named: Vec<&str> = Kind::ALL.iter().filter_map(|k| command(*k)).collect();
        for c in &named {
            assert!(super::super::COMMANDS.contains(c), "{c}");
        }
        // These list no kind of their own: describe-network-interfaces places endpoints, the
        // VPC attachments give attachments their subnets, the per-table outputs fill tables.
        let own = |c: &&&str| {
            ![
                "aws ec2 describe-network-interfaces",
                "aws ec2 describe-transit-gateway-vpc-attachments",
                "aws ec2 get-transit-gateway-route-table-associations",
                "aws ec2 get-transit-gateway-route-table-propagations",
                "aws ec2 search-transit-gateway-routes",
            ]
            .contains(*c)
        };
        for c in super::super::COMMANDS.iter().filter(own) {
            assert!(named.contains(c), "no kind is listed by {c}");
        }
    }
}
