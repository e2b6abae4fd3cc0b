//! Reading the transit gateway outputs into small records, leniently (a malformed resource
//! is left out with its reason): `describe-transit-gateways`,
//! `describe-transit-gateway-attachments`, `describe-transit-gateway-vpc-attachments`,
//! `describe-transit-gateway-route-tables`, and the three per-table outputs
//! (`get-transit-gateway-route-table-associations`, `…-propagations`,
//! `search-transit-gateway-routes`), which do not print the table they were asked about:
//! each is kept as one group, and `transit.rs` works out its table from the attachments it
//! names. Fields as the EC2 API reference prints them
//! (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGateway.html>,
//! `API_TransitGatewayAttachment.html`, `API_TransitGatewayVpcAttachment.html`,
//! `API_TransitGatewayRouteTable.html`, `API_TransitGatewayRoute.html`).

use super::records::{list, name, need, text};
use crate::addr::Cidr;
use crate::model::AttachmentStatus;
use serde_json::Value;

/// The id field of each kind of transit gateway resource (per-table entries name their
/// attachment).
pub fn id_field(key: &str) -> Option<&'static str> {
    Some(match key {
        "TransitGateways" => "TransitGatewayId",
        "TransitGatewayRouteTables" => "TransitGatewayRouteTableId",
        "TransitGatewayAttachments"
        | "TransitGatewayVpcAttachments"
        | "Associations"
        | "TransitGatewayRouteTablePropagations" => "TransitGatewayAttachmentId",
        _ => return None,
    })
}

#[derive(Debug, Clone)]
pub struct TgwRec {
    pub id: String,
    pub name: Option<String>,
    /// From its ARN (`arn:aws:ec2:REGION:ACCOUNT:transit-gateway/…`).
    pub region: Option<String>,
    pub owner: Option<String>,
    pub asn: Option<u32>,
}

/// What an attachment joins, as `ResourceType` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    Vpc(String),
    /// The VPN connection's id.
    Vpn(String),
    /// The peer transit gateway's id (`ResourceId` of a `peering` attachment).
    Peering(String),
}

#[derive(Debug, Clone)]
pub struct TgwAttRec {
    pub id: String,
    pub name: Option<String>,
    pub tgw: String,
    pub resource: Resource,
    pub status: AttachmentStatus,
    /// The route table it is associated with (`Association`, state `associated`).
    pub table: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TgwVpcAttRec {
    pub id: String,
    pub name: Option<String>,
    pub tgw: String,
    pub vpc: String,
    pub subnets: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TgwRtbRec {
    pub id: String,
    pub name: Option<String>,
    pub tgw: String,
}

/// A static route (`search-transit-gateway-routes`); propagated ones are the engine's to
/// compute, and are not kept.
#[derive(Debug, Clone)]
pub struct TgwRouteRec {
    pub destination: Cidr,
    /// `None`: a blackhole.
    pub attachment: Option<String>,
}

/// The output of one per-table command: the attachments it names, or the static routes.
#[derive(Debug, Clone)]
pub enum TableGroup {
    Associations(Vec<String>),
    Propagations(Vec<String>),
    Routes(Vec<TgwRouteRec>),
}

impl TableGroup {
    /// The command that printed it.
    pub fn command(&self) -> &'static str {
        match self {
            TableGroup::Associations(_) => "get-transit-gateway-route-table-associations",
            TableGroup::Propagations(_) => "get-transit-gateway-route-table-propagations",
            TableGroup::Routes(_) => "search-transit-gateway-routes",
        }
    }
    /// The attachments it names.
    pub fn attachments(&self) -> Vec<&str> {
        match self {
            TableGroup::Associations(a) | TableGroup::Propagations(a) => {
                a.iter().map(String::as_str).collect()
            }
            TableGroup::Routes(r) => r.iter().filter_map(|r| r.attachment.as_deref()).collect(),
        }
    }
}

/// Every transit gateway record of an import.
#[derive(Debug, Clone, Default)]
pub struct TgwRecords {
    pub tgws: Vec<TgwRec>,
    pub attachments: Vec<TgwAttRec>,
    pub vpc_attachments: Vec<TgwVpcAttRec>,
    pub tables: Vec<TgwRtbRec>,
    pub groups: Vec<TableGroup>,
}

/// A state that means the resource is gone or not usable.
fn gone(state: Option<&str>) -> bool {
    matches!(
        state,
        Some("deleted" | "deleting" | "failed" | "failing" | "rejected" | "rejecting")
    )
}

pub fn transit_gateway(v: &Value) -> Result<TgwRec, String> {
    let id = need(v, "TransitGatewayId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    let arn: Vec<&str> = text(v, "TransitGatewayArn")
        .unwrap_or("")
        .split(':')
        .collect();
    let region = arn.get(3).filter(|r| !r.is_empty()).map(|r| r.to_string());
    let owner = text(v, "OwnerId")
        .filter(|o| o.len() == 12 && o.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string);
    let asn = v
        .get("Options")
        .and_then(|o| o.get("AmazonSideAsn"))
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok());
    Ok(TgwRec {
        name: name(v).or_else(|| text(v, "Description").map(str::to_string)),
        id,
        region,
        owner,
        asn,
    })
}

/// An attachment's state as a peering attachment's status (`pendingAcceptance` and
/// `pending-acceptance` alike); `None` for a state that carries nothing.
fn status(state: Option<&str>) -> Option<AttachmentStatus> {
    let s = state
        .unwrap_or("available")
        .to_ascii_lowercase()
        .replace('-', "");
    Some(match s.as_str() {
        "available" | "modifying" => AttachmentStatus::Available,
        "initiating" | "initiatingrequest" | "pending" => AttachmentStatus::InitiatingRequest,
        "pendingacceptance" => AttachmentStatus::PendingAcceptance,
        "rejected" | "rejecting" => AttachmentStatus::Rejected,
        "failed" | "failing" => AttachmentStatus::Failed,
        "deleted" | "deleting" => AttachmentStatus::Deleted,
        _ => return None,
    })
}

pub fn attachment(v: &Value) -> Result<TgwAttRec, String> {
    let id = need(v, "TransitGatewayAttachmentId")?.to_string();
    let resource_id = need(v, "ResourceId")?.to_string();
    let resource = match need(v, "ResourceType")? {
        "vpc" => Resource::Vpc(resource_id),
        "vpn" => Resource::Vpn(resource_id),
        "peering" => Resource::Peering(resource_id),
        other => {
            return Err(format!(
                "a {other} attachment is left out: the playground models vpc, vpn and peering attachments"
            ))
        }
    };
    let state = text(v, "State");
    let Some(status) = status(state) else {
        return Err(format!("its state is {}", state.unwrap_or("unknown")));
    };
    let peering = matches!(resource, Resource::Peering(_));
    if !peering && status != AttachmentStatus::Available {
        return Err(format!(
            "its state is {}: only an available attachment carries traffic",
            state.unwrap_or("unknown")
        ));
    }
    let association = v.get("Association");
    let table = association
        .filter(|a| text(a, "State") == Some("associated"))
        .and_then(|a| text(a, "TransitGatewayRouteTableId"))
        .map(str::to_string);
    Ok(TgwAttRec {
        name: name(v),
        tgw: need(v, "TransitGatewayId")?.to_string(),
        id,
        resource,
        status,
        table,
    })
}

pub fn vpc_attachment(v: &Value) -> Result<TgwVpcAttRec, String> {
    let id = need(v, "TransitGatewayAttachmentId")?.to_string();
    let state = text(v, "State");
    if state.is_some_and(|s| s != "available" && s != "modifying") {
        return Err(format!(
            "its state is {}: only an available attachment carries traffic",
            state.unwrap_or("unknown")
        ));
    }
    Ok(TgwVpcAttRec {
        name: name(v),
        tgw: need(v, "TransitGatewayId")?.to_string(),
        vpc: need(v, "VpcId")?.to_string(),
        subnets: list(v, "SubnetIds")
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        id,
    })
}

pub fn route_table(v: &Value) -> Result<TgwRtbRec, String> {
    let id = need(v, "TransitGatewayRouteTableId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    Ok(TgwRtbRec {
        name: name(v),
        tgw: need(v, "TransitGatewayId")?.to_string(),
        id,
    })
}

/// An association or propagation entry: its attachment, when it is in force.
pub fn table_entry(v: &Value, in_force: &str) -> Result<String, String> {
    let id = need(v, "TransitGatewayAttachmentId")?.to_string();
    match text(v, "State") {
        Some(s) if s != in_force => Err(format!("its state is {s}, not {in_force}")),
        _ => Ok(id),
    }
}

/// A route of `search-transit-gateway-routes`: `None` for a propagated one (the engine
/// propagates itself) or one on its way out.
pub fn route(v: &Value) -> Result<Option<TgwRouteRec>, String> {
    if text(v, "Type") == Some("propagated") {
        return Ok(None);
    }
    let Some(d) = text(v, "DestinationCidrBlock") else {
        return Err(match text(v, "PrefixListId") {
            Some(p) => format!("a route to prefix list {p} is left out: transit gateway routes are to CIDR blocks here"),
            None => "has no DestinationCidrBlock".into(),
        });
    };
    let destination = d
        .parse::<Cidr>()
        .map_err(|e| format!("DestinationCidrBlock: {e}"))?;
    let attachment = match text(v, "State") {
        Some("blackhole") => None,
        Some("active") | None => {
            let first = list(v, "TransitGatewayAttachments")
                .iter()
                .find_map(|a| text(a, "TransitGatewayAttachmentId"));
            match first {
                Some(a) => Some(a.to_string()),
                None => return Err(format!("the route to {destination} names no attachment")),
            }
        }
        Some(_) => return Ok(None),
    };
    Ok(Some(TgwRouteRec {
        destination,
        attachment,
    }))
}
