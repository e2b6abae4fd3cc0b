//! Scenario format 2's transit gateways as plain data, key for key as
//! `docs/scenario-format.md` N9 writes them: transit gateways, their attachments (VPC, VPN,
//! peering) and their route tables with associations, propagations and static routes.
//! Like the rest of the model they hold data only: `load/tgw.rs` checks and resolves their
//! references into the index (`index/tgw.rs`), `tgw_routing.rs` computes each route table's
//! effective routes (T6), `validate/tgw.rs` reports the findings.
//!
//! AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html>.

use crate::addr::Cidr;
use serde::{Deserialize, Serialize};

/// The ASN a transit gateway has when the document names none (AWS's default, 64512).
pub const DEFAULT_TGW_ASN: u32 = 64512;

fn default_asn() -> u32 {
    DEFAULT_TGW_ASN
}
fn is_default_asn(a: &u32) -> bool {
    *a == DEFAULT_TGW_ASN
}

/// A transit gateway: a regional router that VPCs, VPNs and other transit gateways attach to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitGateway {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub region: String,
    #[serde(
        default = "super::default_account",
        skip_serializing_if = "super::is_default_account"
    )]
    pub account: String,
    #[serde(default = "default_asn", skip_serializing_if = "is_default_asn")]
    pub asn: u32,
}

/// What an attachment joins to its transit gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentType {
    Vpc,
    Vpn,
    Peering,
}

impl AttachmentType {
    pub const ALL: [AttachmentType; 3] = [
        AttachmentType::Vpc,
        AttachmentType::Vpn,
        AttachmentType::Peering,
    ];
    /// The JSON spelling (`vpc`).
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentType::Vpc => "vpc",
            AttachmentType::Vpn => "vpn",
            AttachmentType::Peering => "peering",
        }
    }
    /// The keys only an attachment of this type has (a key of another type is a load
    /// error, N9.1).
    pub fn own_keys(self) -> &'static [&'static str] {
        match self {
            AttachmentType::Vpc => &["vpc", "subnets"],
            AttachmentType::Vpn => &["vpn_connection"],
            AttachmentType::Peering => &["peer_transit_gateway", "status"],
        }
    }
}

/// A transit gateway peering attachment's state, as AWS names them; only `available`
/// forwards (T7).
/// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachmentStatus {
    InitiatingRequest,
    PendingAcceptance,
    Available,
    Rejected,
    Deleted,
    Failed,
}

impl AttachmentStatus {
    pub const ALL: [AttachmentStatus; 6] = [
        AttachmentStatus::InitiatingRequest,
        AttachmentStatus::PendingAcceptance,
        AttachmentStatus::Available,
        AttachmentStatus::Rejected,
        AttachmentStatus::Deleted,
        AttachmentStatus::Failed,
    ];
    /// The JSON spelling (`pending-acceptance`).
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentStatus::InitiatingRequest => "initiating-request",
            AttachmentStatus::PendingAcceptance => "pending-acceptance",
            AttachmentStatus::Available => "available",
            AttachmentStatus::Rejected => "rejected",
            AttachmentStatus::Deleted => "deleted",
            AttachmentStatus::Failed => "failed",
        }
    }
}

/// A transit gateway attachment. One flat struct, as AWS's own attachment list is, so the
/// editor can switch the type without losing fields; load refuses a key of another type
/// (N9.1) and resolves what it joins into the index (`index::Attached`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwAttachment {
    pub id: String,
    pub transit_gateway: String,
    #[serde(rename = "type")]
    pub kind: AttachmentType,
    /// `vpc`: the VPC attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// `vpc`: its subnets, at most one per Availability Zone (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// `vpn`: the VPN connection attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_connection: Option<String>,
    /// `peering`: the other transit gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_transit_gateway: Option<String>,
    /// `peering`: its state; `None` means `available`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AttachmentStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl TgwAttachment {
    /// A peering attachment's state (`available` when the document names none); the
    /// other types are always available.
    pub fn status(&self) -> AttachmentStatus {
        self.status.unwrap_or(AttachmentStatus::Available)
    }
}

/// A transit gateway route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwRouteTable {
    pub id: String,
    pub transit_gateway: String,
    /// Attachments whose packets this table routes (an attachment has at most one table
    /// per transit gateway; a peering attachment one on each side).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<String>,
    /// Attachments whose routes propagate into this table (T6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagations: Vec<String>,
    /// Static routes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TgwRoute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The word a transit gateway route names instead of an attachment to drop what matches.
pub const BLACKHOLE: &str = "blackhole";

/// A static route of a transit gateway route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwRoute {
    pub destination: Cidr,
    /// An attachment of the table's transit gateway, or `"blackhole"`.
    pub target: String,
}
