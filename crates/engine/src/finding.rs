//! Validation findings: what `validate` reports about a loaded scenario.
//!
//! A finding is data (severity, code, resource id, the JSON path of the value it is about,
//! message); the codes are the public contract of the scenario format ("Validation
//! findings") and keep their meaning. A finding reads to a learner as one line, its
//! [`Display`](std::fmt::Display): `CODE: message`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingCode {
    OverlappingCidr,
    DuplicatePeering,
    SelfPeering,
    CidrSize,
    SubnetOutsideVpc,
    SubnetOverlap,
    IpOutsideSubnet,
    IpReserved,
    DuplicateIp,
    RouteTargetOtherVpc,
    GatewayEndpointOtherRegion,
    PeeringLimit,
    DuplicateVlan,
    VlanRange,
    InterRegionPeering,
    // Format 2's filters (N6).
    SecurityGroupOtherVpc,
    SecurityGroupReference,
    SecurityGroupDefault,
    SecurityGroupLimit,
    NaclDuplicateRule,
    NaclDuplicateSubnet,
    NaclDefault,
    SubnetOtherVpc,
    // Format 2's transit gateways (N12).
    TgwAttachmentAz,
    TgwDuplicateAttachment,
    TgwDuplicateAssociation,
    TgwRouteTarget,
    TgwAttachmentOtherTgw,
    TgwOtherRegion,
    TgwVpnAttachment,
    TgwPeeringSelf,
    TgwPeeringPropagation,
    TgwOverlappingPropagation,
    DuplicateRoute,
}

impl FindingCode {
    /// The severity `docs/scenario-format.md` V3 (and N6) gives each code: all errors but
    /// `INTER_REGION_PEERING` (info) and `SECURITY_GROUP_REFERENCE` (warning).
    pub fn severity(&self) -> Severity {
        match self {
            FindingCode::InterRegionPeering => Severity::Info,
            FindingCode::SecurityGroupReference => Severity::Warning,
            _ => Severity::Error,
        }
    }
    /// The code as written in JSON (`OVERLAPPING_CIDR`).
    pub fn as_str(&self) -> &'static str {
        match self {
            FindingCode::OverlappingCidr => "OVERLAPPING_CIDR",
            FindingCode::DuplicatePeering => "DUPLICATE_PEERING",
            FindingCode::SelfPeering => "SELF_PEERING",
            FindingCode::CidrSize => "CIDR_SIZE",
            FindingCode::SubnetOutsideVpc => "SUBNET_OUTSIDE_VPC",
            FindingCode::SubnetOverlap => "SUBNET_OVERLAP",
            FindingCode::IpOutsideSubnet => "IP_OUTSIDE_SUBNET",
            FindingCode::IpReserved => "IP_RESERVED",
            FindingCode::DuplicateIp => "DUPLICATE_IP",
            FindingCode::RouteTargetOtherVpc => "ROUTE_TARGET_OTHER_VPC",
            FindingCode::GatewayEndpointOtherRegion => "GATEWAY_ENDPOINT_OTHER_REGION",
            FindingCode::PeeringLimit => "PEERING_LIMIT",
            FindingCode::DuplicateVlan => "DUPLICATE_VLAN",
            FindingCode::VlanRange => "VLAN_RANGE",
            FindingCode::InterRegionPeering => "INTER_REGION_PEERING",
            FindingCode::SecurityGroupOtherVpc => "SECURITY_GROUP_OTHER_VPC",
            FindingCode::SecurityGroupReference => "SECURITY_GROUP_REFERENCE",
            FindingCode::SecurityGroupDefault => "SECURITY_GROUP_DEFAULT",
            FindingCode::SecurityGroupLimit => "SECURITY_GROUP_LIMIT",
            FindingCode::NaclDuplicateRule => "NACL_DUPLICATE_RULE",
            FindingCode::NaclDuplicateSubnet => "NACL_DUPLICATE_SUBNET",
            FindingCode::NaclDefault => "NACL_DEFAULT",
            FindingCode::SubnetOtherVpc => "SUBNET_OTHER_VPC",
            FindingCode::TgwAttachmentAz => "TGW_ATTACHMENT_AZ",
            FindingCode::TgwDuplicateAttachment => "TGW_DUPLICATE_ATTACHMENT",
            FindingCode::TgwDuplicateAssociation => "TGW_DUPLICATE_ASSOCIATION",
            FindingCode::TgwRouteTarget => "TGW_ROUTE_TARGET",
            FindingCode::TgwAttachmentOtherTgw => "TGW_ATTACHMENT_OTHER_TGW",
            FindingCode::TgwOtherRegion => "TGW_OTHER_REGION",
            FindingCode::TgwVpnAttachment => "TGW_VPN_ATTACHMENT",
            FindingCode::TgwPeeringSelf => "TGW_PEERING_SELF",
            FindingCode::TgwPeeringPropagation => "TGW_PEERING_PROPAGATION",
            FindingCode::TgwOverlappingPropagation => "TGW_OVERLAPPING_PROPAGATION",
            FindingCode::DuplicateRoute => "DUPLICATE_ROUTE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    /// The id of the resource the finding is about (for a pair: the later one in document order).
    pub resource: String,
    /// The JSON path of the value the finding is about, in the form load errors use
    /// (`route_tables[1].routes[0].target`, `subnets[2].cidr`): the value a learner would
    /// change. A finding with no one value to blame names the object to remove: the peering
    /// for an overlap between peered VPCs, a self-peering or an inter-Region peering, the
    /// later one of two duplicate peerings, the first one over a VPC's peering limit
    /// (`peering_connections[3]`).
    pub path: String,
    /// One sentence a learner can read.
    pub message: String,
}

impl Finding {
    pub fn new(
        code: FindingCode,
        resource: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            severity: code.severity(),
            code,
            resource: resource.into(),
            path: path.into(),
            message: message.into(),
        }
    }
}

/// The line a learner reads: `CIDR_SIZE: vpc-a's 10.0.0.0/8 is a /8: …`. The findings list,
/// the editor's fields and any text output show a finding through this, so they agree.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}
