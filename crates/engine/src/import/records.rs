//! The resources of `describe-*` outputs as small typed records, read leniently from JSON.
//!
//! Only the fields the scenario needs are read; every other field is ignored, as the issue
//! asks. A resource whose needed fields are missing or malformed (AWS's own documentation has
//! `"PrivateIpAddress": "10-0-0-157"`) is left out with its reason and the rest carry on.
//! Field names and meanings follow the EC2 API reference:
//! <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html> (routes: `Origin`,
//! `State`, the target fields), `API_VpcPeeringConnectionStateReason` (status codes),
//! `API_VgwTelemetry` (tunnel status), and Direct Connect's `API_VirtualInterface`.

use super::filters::{self, AclRec, EniRec, SgRec};
use super::note::{Note, Ref, What};
use super::read::Section;
use super::tgw_records::{self, TableGroup, TgwRecords};
use crate::addr::{Cidr, Ip};
use crate::kind::Kind;
use crate::model::TunnelState;
use serde_json::Value;

/// What the reading and building stages tell the user.
#[derive(Debug, Default)]
pub struct Notes {
    pub left_out: Vec<Note>,
    pub assumed: Vec<Note>,
}

impl Notes {
    pub fn leave_out(&mut self, resource: impl Into<String>, message: impl Into<String>) {
        self.left_out.push(Note::said(resource, message));
    }
    pub fn assume(&mut self, resource: impl Into<String>, message: impl Into<String>) {
        self.assumed.push(Note::said(resource, message));
    }
    /// `resource` is left out: these are all of its references that did not resolve.
    pub fn unresolved(&mut self, resource: impl Into<String>, refs: Vec<Ref>) {
        self.left_out.push(Note {
            resource: resource.into(),
            what: What::Unresolved(refs),
        });
    }
    /// `resource` is imported without these references (nothing when there are none).
    pub fn dropped(&mut self, resource: impl Into<String>, refs: Vec<Ref>) {
        if !refs.is_empty() {
            self.left_out.push(Note {
                resource: resource.into(),
                what: What::Dropped(refs),
            });
        }
    }
}

#[derive(Debug, Clone)]
pub struct VpcRec {
    pub id: String,
    pub name: Option<String>,
    pub owner: Option<String>,
    pub cidrs: Vec<Cidr>,
}

#[derive(Debug, Clone)]
pub struct SubnetRec {
    pub id: String,
    pub name: Option<String>,
    pub vpc: String,
    pub cidr: Cidr,
    pub az: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Cidr(Cidr),
    PrefixList(String),
}

impl std::fmt::Display for Dest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Dest::Cidr(c) => write!(f, "{c}"),
            Dest::PrefixList(p) => f.write_str(p),
        }
    }
}

/// A route's target as AWS printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A kind of resource the playground models, known from the field AWS printed the id in
    /// (`NatGatewayId`, `VpcPeeringConnectionId`) or, for `GatewayId`, which holds several,
    /// from the id's prefix. A `vpce-` gateway is a gateway endpoint for a prefix-list
    /// destination and a Gateway Load Balancer endpoint for a CIDR.
    Modeled(Kind, String),
    /// A target the playground has no place for: what it is ("an egress-only internet
    /// gateway (IPv6)") and its id.
    Other(&'static str, String),
}

impl Target {
    pub fn id(&self) -> &str {
        match self {
            Target::Modeled(_, id) | Target::Other(_, id) => id,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RouteRec {
    pub dest: Dest,
    pub target: Target,
    pub propagated: bool,
    pub blackhole: bool,
}

impl RouteRec {
    /// "0.0.0.0/0 → nat-123" for notes.
    pub fn label(&self) -> String {
        format!("route {} → {}", self.dest, self.target.id())
    }
}

#[derive(Debug, Clone)]
pub struct RouteTableRec {
    pub id: String,
    pub name: Option<String>,
    pub vpc: String,
    pub owner: Option<String>,
    pub main: bool,
    pub subnets: Vec<String>,
    pub propagating: Vec<String>,
    pub routes: Vec<RouteRec>,
}

#[derive(Debug, Clone)]
pub struct InstanceRec {
    pub id: String,
    /// Its `SecurityGroups` (format 2).
    pub groups: Vec<String>,
    pub name: Option<String>,
    pub subnet: String,
    pub az: Option<String>,
    pub private_ip: Ip,
    pub public_ip: Option<Ip>,
}

#[derive(Debug, Clone)]
pub struct GatewayRec {
    pub id: String,
    pub name: Option<String>,
    /// The VPC it is attached to.
    pub vpc: Option<String>,
    /// An attachment on its way (`attaching`) or out (`detaching`): the VPC and the state.
    /// The gateway is taken as detached, and the build says so.
    pub moving: Option<(String, String)>,
    pub asn: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct NatRec {
    pub id: String,
    pub name: Option<String>,
    pub subnet: String,
    pub private_ip: Ip,
    pub public_ip: Ip,
}

#[derive(Debug, Clone)]
pub struct PeerSide {
    pub vpc: String,
    pub owner: Option<String>,
    pub region: Option<String>,
    pub cidrs: Vec<Cidr>,
}

#[derive(Debug, Clone)]
pub struct PeeringRec {
    pub id: String,
    pub name: Option<String>,
    pub status: crate::model::PeeringStatus,
    pub requester: PeerSide,
    pub accepter: PeerSide,
}

#[derive(Debug, Clone)]
pub struct EndpointRec {
    pub id: String,
    pub name: Option<String>,
    pub vpc: String,
    pub gateway: bool,
    pub service: String,
    pub route_tables: Vec<String>,
    pub subnets: Vec<String>,
    pub private_dns: bool,
    pub policy: crate::model::Policy,
    /// An interface endpoint's `NetworkInterfaceIds` and its `Groups` (format 2).
    pub enis: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct CgwRec {
    pub id: String,
    pub name: Option<String>,
    pub ip: Ip,
    pub asn: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct VpnRec {
    pub id: String,
    pub name: Option<String>,
    /// Exactly one of the VPN gateway and the transit gateway it ends on.
    pub vgw: Option<String>,
    pub tgw: Option<String>,
    pub cgw: String,
    pub static_only: bool,
    pub routes: Vec<Cidr>,
    pub tunnels: [TunnelState; 2],
}

#[derive(Debug, Clone)]
pub struct VifRec {
    pub id: String,
    pub name: Option<String>,
    pub connection: String,
    pub location: Option<String>,
    pub private: bool,
    pub vlan: i64,
    pub vgw: Option<String>,
}

/// Every resource read, per kind, in the order given.
#[derive(Debug, Default)]
pub struct Records {
    pub vpcs: Vec<VpcRec>,
    pub subnets: Vec<SubnetRec>,
    pub route_tables: Vec<RouteTableRec>,
    pub instances: Vec<InstanceRec>,
    pub igws: Vec<GatewayRec>,
    pub nats: Vec<NatRec>,
    pub peerings: Vec<PeeringRec>,
    pub endpoints: Vec<EndpointRec>,
    pub vgws: Vec<GatewayRec>,
    pub cgws: Vec<CgwRec>,
    pub vpns: Vec<VpnRec>,
    pub vifs: Vec<VifRec>,
    pub sgs: Vec<SgRec>,
    pub acls: Vec<AclRec>,
    pub enis: Vec<EniRec>,
    /// Whether `describe-security-groups` and `describe-network-acls` outputs were given
    /// (format 2 needs both, even if one lists nothing).
    pub saw_security_groups: bool,
    pub saw_network_acls: bool,
    /// Transit gateways, their attachments and route tables (format 2).
    pub tgw: TgwRecords,
}

impl Records {
    pub fn from_sections(sections: &[Section], notes: &mut Notes) -> Records {
        let mut r = Records::default();
        for section in sections {
            r.saw_security_groups |= section.key == "SecurityGroups";
            r.saw_network_acls |= section.key == "NetworkAcls";
            if let Some(group) = table_group(section, notes) {
                r.tgw.groups.push(group);
                continue;
            }
            for (i, item) in items(section, notes).into_iter().enumerate() {
                let label = format!("{}[{i}]", section.key);
                if let Err(why) = r.read(section.key, item, notes) {
                    let who = id_of(section.key, item).unwrap_or(label);
                    notes.leave_out(who, why);
                }
            }
        }
        r.dedupe(notes);
        r
    }

    /// Drops repeated resources (the same output pasted twice: the first is kept) and leaves
    /// out a resource whose id another kind of resource already has: ids are unique across a
    /// scenario.
    pub fn dedupe(&mut self, notes: &mut Notes) {
        let mut seen: std::collections::HashMap<String, &'static str> = Default::default();
        let mut keep = |id: &str, kind: &'static str, notes: &mut Notes| match seen.get(id) {
            None => {
                seen.insert(id.to_string(), kind);
                true
            }
            Some(k) if *k == kind => false,
            Some(k) => {
                notes.leave_out(id, format!("its id is already used by {k} in the import"));
                false
            }
        };
        self.vpcs.retain(|r| keep(&r.id, "a VPC", notes));
        self.subnets.retain(|r| keep(&r.id, "a subnet", notes));
        self.route_tables
            .retain(|r| keep(&r.id, "a route table", notes));
        self.instances.retain(|r| keep(&r.id, "an instance", notes));
        self.igws
            .retain(|r| keep(&r.id, "an internet gateway", notes));
        self.nats.retain(|r| keep(&r.id, "a NAT gateway", notes));
        self.peerings
            .retain(|r| keep(&r.id, "a peering connection", notes));
        self.endpoints
            .retain(|r| keep(&r.id, "a VPC endpoint", notes));
        self.vgws.retain(|r| keep(&r.id, "a VPN gateway", notes));
        self.cgws
            .retain(|r| keep(&r.id, "a customer gateway", notes));
        self.vpns.retain(|r| keep(&r.id, "a VPN connection", notes));
        self.vifs
            .retain(|r| keep(&r.id, "a virtual interface", notes));
        self.sgs.retain(|r| keep(&r.id, "a security group", notes));
        self.acls.retain(|r| keep(&r.id, "a network ACL", notes));
        self.enis
            .retain(|r| keep(&r.id, "a network interface", notes));
        let t = &mut self.tgw;
        t.tgws.retain(|r| keep(&r.id, "a transit gateway", notes));
        t.attachments
            .retain(|r| keep(&r.id, "a transit gateway attachment", notes));
        t.tables
            .retain(|r| keep(&r.id, "a transit gateway route table", notes));
        // The VPC attachments' ids are the attachments' own (two views of one resource).
        let mut vpc_seen = std::collections::HashSet::new();
        t.vpc_attachments.retain(|r| vpc_seen.insert(r.id.clone()));
    }

    /// Every resource id read.
    pub fn ids(&self) -> std::collections::HashSet<String> {
        let mut ids = std::collections::HashSet::new();
        ids.extend(self.vpcs.iter().map(|r| r.id.clone()));
        ids.extend(self.subnets.iter().map(|r| r.id.clone()));
        ids.extend(self.route_tables.iter().map(|r| r.id.clone()));
        ids.extend(self.instances.iter().map(|r| r.id.clone()));
        ids.extend(self.igws.iter().map(|r| r.id.clone()));
        ids.extend(self.nats.iter().map(|r| r.id.clone()));
        ids.extend(self.peerings.iter().map(|r| r.id.clone()));
        ids.extend(self.endpoints.iter().map(|r| r.id.clone()));
        ids.extend(self.vgws.iter().map(|r| r.id.clone()));
        ids.extend(self.cgws.iter().map(|r| r.id.clone()));
        ids.extend(self.vpns.iter().map(|r| r.id.clone()));
        ids.extend(self.vifs.iter().map(|r| r.id.clone()));
        ids.extend(self.sgs.iter().map(|r| r.id.clone()));
        ids.extend(self.acls.iter().map(|r| r.id.clone()));
        ids.extend(self.enis.iter().map(|r| r.id.clone()));
        let t = &self.tgw;
        ids.extend(t.tgws.iter().map(|r| r.id.clone()));
        ids.extend(t.attachments.iter().map(|r| r.id.clone()));
        ids.extend(t.vpc_attachments.iter().map(|r| r.id.clone()));
        ids.extend(t.tables.iter().map(|r| r.id.clone()));
        ids
    }

    /// Reads one resource into its list; `Err` says why it is left out.
    fn read(&mut self, key: &str, v: &Value, notes: &mut Notes) -> Result<(), String> {
        match key {
            "Vpcs" => self.vpcs.push(vpc(v, notes)?),
            "Subnets" => self.subnets.push(subnet(v)?),
            "RouteTables" => self.route_tables.push(route_table(v, notes)?),
            "Reservations" => {
                for inst in list(v, "Instances") {
                    match instance(inst, notes) {
                        Ok(Some(i)) => self.instances.push(i),
                        Ok(None) => {}
                        Err(why) => notes.leave_out(
                            id_of("Instances", inst).unwrap_or_else(|| "an instance".into()),
                            why,
                        ),
                    }
                }
            }
            "InternetGateways" => self.igws.push(igw(v)?),
            "NatGateways" => self.nats.push(nat(v)?),
            "VpcPeeringConnections" => self.peerings.push(peering(v)?),
            "VpcEndpoints" => self.endpoints.push(endpoint(v, notes)?),
            "VpnGateways" => self.vgws.push(vgw(v)?),
            "CustomerGateways" => self.cgws.push(cgw(v)?),
            "VpnConnections" => self.vpns.push(vpn(v, notes)?),
            "virtualInterfaces" => self.vifs.push(vif(v)?),
            "SecurityGroups" => self.sgs.push(filters::security_group(v, notes)?),
            "NetworkAcls" => self.acls.push(filters::network_acl(v, notes)?),
            "NetworkInterfaces" => self.enis.push(filters::network_interface(v)?),
            "TransitGateways" => self.tgw.tgws.push(tgw_records::transit_gateway(v)?),
            "TransitGatewayAttachments" => self.tgw.attachments.push(tgw_records::attachment(v)?),
            "TransitGatewayVpcAttachments" => self
                .tgw
                .vpc_attachments
                .push(tgw_records::vpc_attachment(v)?),
            "TransitGatewayRouteTables" => self.tgw.tables.push(tgw_records::route_table(v)?),
            _ => {}
        }
        Ok(())
    }
}

/// A per-table transit gateway output as one group (its entries in force; each other one
/// left out with why), or `None` for any other section.
fn table_group(section: &Section, notes: &mut Notes) -> Option<TableGroup> {
    let entries = |notes: &mut Notes, in_force: &str| -> Vec<String> {
        let mut out = Vec::new();
        for (i, item) in items(section, notes).into_iter().enumerate() {
            match tgw_records::table_entry(item, in_force) {
                Ok(a) => out.push(a),
                Err(why) => notes.leave_out(
                    id_of(section.key, item).unwrap_or(format!("{}[{i}]", section.key)),
                    why,
                ),
            }
        }
        out
    };
    Some(match section.key {
        "Associations" => TableGroup::Associations(entries(notes, "associated")),
        "TransitGatewayRouteTablePropagations" => {
            TableGroup::Propagations(entries(notes, "enabled"))
        }
        "Routes" => {
            let mut routes = Vec::new();
            for (i, item) in items(section, notes).into_iter().enumerate() {
                match tgw_records::route(item) {
                    Ok(Some(r)) => routes.push(r),
                    Ok(None) => {}
                    Err(why) => notes.leave_out(format!("Routes[{i}]"), why),
                }
            }
            TableGroup::Routes(routes)
        }
        _ => return None,
    })
}

/// The resources of a section: its array, or (as in one of AWS's own documentation
/// examples) a single object where a list belongs.
fn items<'a>(section: &'a Section, notes: &mut Notes) -> Vec<&'a Value> {
    match &section.value {
        Value::Array(a) => a.iter().collect(),
        v @ Value::Object(_) => {
            notes.assume(
                section.key,
                format!(
                    "{} holds one object instead of a list; it was read as a list of one",
                    section.key
                ),
            );
            vec![v]
        }
        Value::Null => Vec::new(),
        other => {
            notes.leave_out(
                section.key,
                format!("expected a list, found {}", kind_of(other)),
            );
            Vec::new()
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The id field of each kind of resource.
fn id_of(key: &str, v: &Value) -> Option<String> {
    let field = match key {
        "Vpcs" => "VpcId",
        "Subnets" => "SubnetId",
        "RouteTables" => "RouteTableId",
        "Instances" => "InstanceId",
        "InternetGateways" => "InternetGatewayId",
        "NatGateways" => "NatGatewayId",
        "VpcPeeringConnections" => "VpcPeeringConnectionId",
        "VpcEndpoints" => "VpcEndpointId",
        "VpnGateways" => "VpnGatewayId",
        "CustomerGateways" => "CustomerGatewayId",
        "VpnConnections" => "VpnConnectionId",
        "virtualInterfaces" => "virtualInterfaceId",
        "SecurityGroups" => "GroupId",
        "NetworkAcls" => "NetworkAclId",
        "NetworkInterfaces" => "NetworkInterfaceId",
        k => return tgw_records::id_field(k).and_then(|f| text(v, f).map(str::to_string)),
    };
    text(v, field).map(str::to_string)
}

/// A non-empty string field.
pub(super) fn text<'a>(v: &'a Value, field: &str) -> Option<&'a str> {
    v.get(field)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

pub(super) fn need<'a>(v: &'a Value, field: &str) -> Result<&'a str, String> {
    text(v, field).ok_or_else(|| format!("has no {field}"))
}

pub(super) fn list<'a>(v: &'a Value, field: &str) -> &'a [Value] {
    v.get(field)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn flag(v: &Value, field: &str) -> Option<bool> {
    v.get(field).and_then(Value::as_bool)
}

/// The `Name` tag, as the console shows it.
pub(super) fn name(v: &Value) -> Option<String> {
    list(v, "Tags")
        .iter()
        .find(|t| text(t, "Key") == Some("Name"))
        .and_then(|t| text(t, "Value"))
        .map(str::to_string)
}

/// A 12-digit account id, else none (the scenario's default account then applies).
fn owner(v: &Value, field: &str) -> Option<String> {
    text(v, field)
        .filter(|o| o.len() == 12 && o.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
}

fn cidr(field: &str, s: &str) -> Result<Cidr, String> {
    s.parse::<Cidr>().map_err(|e| format!("{field}: {e}"))
}

fn ip(field: &str, s: &str) -> Result<Ip, String> {
    s.parse::<Ip>().map_err(|e| format!("{field}: {e}"))
}

/// A BGP ASN printed as a number or, by `describe-customer-gateways`, as a string.
fn asn(v: &Value, field: &str) -> Option<u32> {
    match v.get(field)? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A lifecycle state that means the resource is gone or going.
fn gone(state: Option<&str>) -> bool {
    matches!(
        state,
        Some(
            "deleted"
                | "deleting"
                | "failed"
                | "rejected"
                | "expired"
                | "terminated"
                | "shutting-down"
        )
    )
}

fn vpc(v: &Value, notes: &mut Notes) -> Result<VpcRec, String> {
    let id = need(v, "VpcId")?.to_string();
    let mut cidrs = Vec::new();
    if let Some(primary) = text(v, "CidrBlock") {
        cidrs.push(cidr("CidrBlock", primary)?);
    }
    for a in list(v, "CidrBlockAssociationSet") {
        let state = a.get("CidrBlockState").and_then(|s| text(s, "State"));
        if !matches!(state, None | Some("associated" | "associating")) {
            continue;
        }
        if let Some(block) = text(a, "CidrBlock") {
            let c = cidr("CidrBlockAssociationSet.CidrBlock", block)?;
            if !cidrs.contains(&c) {
                cidrs.push(c);
            }
        }
    }
    if cidrs.is_empty() {
        return Err("has no IPv4 CIDR block".into());
    }
    let v6: Vec<&str> = list(v, "Ipv6CidrBlockAssociationSet")
        .iter()
        .filter_map(|a| text(a, "Ipv6CidrBlock"))
        .collect();
    if !v6.is_empty() {
        notes.leave_out(
            &id,
            format!(
                "IPv6 block {} left out: the playground models IPv4 only",
                v6.join(", ")
            ),
        );
    }
    Ok(VpcRec {
        name: name(v),
        owner: owner(v, "OwnerId"),
        id,
        cidrs,
    })
}

fn subnet(v: &Value) -> Result<SubnetRec, String> {
    let id = need(v, "SubnetId")?.to_string();
    let block = text(v, "CidrBlock")
        .ok_or("has no IPv4 CIDR block (an IPv6-only subnet): the playground models IPv4 only")?;
    Ok(SubnetRec {
        name: name(v),
        vpc: need(v, "VpcId")?.to_string(),
        cidr: cidr("CidrBlock", block)?,
        az: text(v, "AvailabilityZone").map(str::to_string),
        id,
    })
}

fn route_table(v: &Value, notes: &mut Notes) -> Result<RouteTableRec, String> {
    let id = need(v, "RouteTableId")?.to_string();
    let mut main = false;
    let mut subnets = Vec::new();
    for a in list(v, "Associations") {
        let state = a.get("AssociationState").and_then(|s| text(s, "State"));
        if matches!(state, Some("disassociated" | "disassociating" | "failed")) {
            continue;
        }
        if flag(a, "Main") == Some(true) {
            main = true;
        } else if let Some(s) = text(a, "SubnetId") {
            subnets.push(s.to_string());
        } else if let Some(g) = text(a, "GatewayId") {
            notes.leave_out(
                &id,
                format!("its association with gateway {g} (a gateway route table for ingress routing) is left out: the playground has no ingress routing"),
            );
        }
    }
    let propagating = list(v, "PropagatingVgws")
        .iter()
        .filter_map(|g| text(g, "GatewayId"))
        .map(str::to_string)
        .collect();
    let mut routes = Vec::new();
    for r in list(v, "Routes") {
        match route(r) {
            Ok(Some(route)) => routes.push(route),
            Ok(None) => {}
            Err(why) => notes.leave_out(&id, why),
        }
    }
    Ok(RouteTableRec {
        name: name(v),
        vpc: need(v, "VpcId")?.to_string(),
        owner: owner(v, "OwnerId"),
        id,
        main,
        subnets,
        propagating,
        routes,
    })
}

/// One route; `Ok(None)` for the `local` routes, which format 1 leaves implicit.
fn route(r: &Value) -> Result<Option<RouteRec>, String> {
    let dest = if let Some(d) = text(r, "DestinationCidrBlock") {
        Dest::Cidr(
            cidr("DestinationCidrBlock", d).map_err(|e| format!("a route is left out: {e}"))?,
        )
    } else if let Some(p) = text(r, "DestinationPrefixListId") {
        Dest::PrefixList(p.to_string())
    } else if let Some(d6) = text(r, "DestinationIpv6CidrBlock") {
        return Err(format!(
            "route {d6} left out: the playground models IPv4 only"
        ));
    } else {
        return Err("a route with no destination is left out".into());
    };
    let gateway = text(r, "GatewayId");
    let target = if gateway == Some("local") {
        return Ok(None);
    } else if let Some(g) = gateway {
        // `GatewayId` holds internet, VPN and endpoint gateways alike: the prefix tells them
        // apart (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html).
        let kinds = [
            Kind::InternetGateway,
            Kind::VpnGateway,
            Kind::GatewayEndpoint,
        ];
        match kinds.into_iter().find(|k| {
            g.strip_prefix(k.id_prefix())
                .is_some_and(|r| r.starts_with('-'))
        }) {
            Some(kind) => Target::Modeled(kind, g.into()),
            None => Target::Other(
                "a gateway of a kind the playground does not model",
                g.into(),
            ),
        }
    } else if let Some(n) = text(r, "NatGatewayId") {
        Target::Modeled(Kind::NatGateway, n.into())
    } else if let Some(p) = text(r, "VpcPeeringConnectionId") {
        Target::Modeled(Kind::Peering, p.into())
    } else if let Some(t) = text(r, "TransitGatewayId") {
        Target::Modeled(Kind::TransitGateway, t.into())
    } else if let Some(e) = text(r, "EgressOnlyInternetGatewayId") {
        Target::Other("an egress-only internet gateway (IPv6)", e.into())
    } else if let Some(i) = text(r, "InstanceId") {
        Target::Other("an instance (appliance routing)", i.into())
    } else if let Some(e) = text(r, "NetworkInterfaceId") {
        Target::Other("a network interface (appliance routing)", e.into())
    } else if let Some(c) = text(r, "CarrierGatewayId") {
        Target::Other("a carrier gateway (Wavelength)", c.into())
    } else if let Some(l) = text(r, "LocalGatewayId") {
        Target::Other("a local gateway (Outposts)", l.into())
    } else if let Some(c) = text(r, "CoreNetworkArn") {
        Target::Other("a Cloud WAN core network", c.into())
    } else {
        return Err("a route with no target is left out".into());
    };
    Ok(Some(RouteRec {
        dest,
        target,
        propagated: text(r, "Origin") == Some("EnableVgwRoutePropagation"),
        blackhole: text(r, "State") == Some("blackhole"),
    }))
}

/// An instance; `Ok(None)` for one that is terminated (AWS lists those for an hour).
fn instance(v: &Value, notes: &mut Notes) -> Result<Option<InstanceRec>, String> {
    let id = need(v, "InstanceId")?.to_string();
    let state = v.get("State").and_then(|s| text(s, "Name"));
    if gone(state) {
        notes.leave_out(&id, format!("its state is {}", state.unwrap_or("gone")));
        return Ok(None);
    }
    let subnet = text(v, "SubnetId").ok_or("has no subnet (not in a VPC)")?;
    let private_ip = ip("PrivateIpAddress", need(v, "PrivateIpAddress")?)?;
    let public_ip = text(v, "PublicIpAddress")
        .map(|p| ip("PublicIpAddress", p))
        .transpose()?;
    let enis = list(v, "NetworkInterfaces").len();
    if enis > 1 {
        notes.leave_out(
            &id,
            format!("{} of its {enis} network interfaces are left out: the playground gives an instance one address", enis - 1),
        );
    }
    Ok(Some(InstanceRec {
        groups: list(v, "SecurityGroups")
            .iter()
            .filter_map(|g| text(g, "GroupId"))
            .map(str::to_string)
            .collect(),
        name: name(v),
        subnet: subnet.to_string(),
        az: v
            .get("Placement")
            .and_then(|p| text(p, "AvailabilityZone"))
            .map(str::to_string),
        private_ip,
        public_ip,
        id,
    }))
}

/// The VPC of the first attachment in one of `states`, and else the VPC and state of one
/// attaching or detaching.
fn attached(v: &Value, field: &str, states: &[&str]) -> (Option<String>, Option<(String, String)>) {
    let all = list(v, field);
    let with_state = |wanted: &[&str]| {
        all.iter().find_map(|a| {
            let state = text(a, "State").filter(|s| wanted.contains(s))?;
            Some((text(a, "VpcId")?.to_string(), state.to_string()))
        })
    };
    match with_state(states) {
        Some((vpc, _)) => (Some(vpc), None),
        None => (None, with_state(&["attaching", "detaching"])),
    }
}

fn igw(v: &Value) -> Result<GatewayRec, String> {
    // `describe-internet-gateways` prints "available" for an attached gateway.
    let (vpc, moving) = attached(v, "Attachments", &["available", "attached"]);
    Ok(GatewayRec {
        id: need(v, "InternetGatewayId")?.to_string(),
        name: name(v),
        vpc,
        moving,
        asn: None,
    })
}

fn vgw(v: &Value) -> Result<GatewayRec, String> {
    let id = need(v, "VpnGatewayId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    let (vpc, moving) = attached(v, "VpcAttachments", &["attached"]);
    Ok(GatewayRec {
        name: name(v),
        vpc,
        moving,
        asn: asn(v, "AmazonSideAsn"),
        id,
    })
}

fn nat(v: &Value) -> Result<NatRec, String> {
    let id = need(v, "NatGatewayId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    if text(v, "ConnectivityType") == Some("private") {
        return Err("a private NAT gateway (no public IP) is left out: the playground models public NAT gateways".into());
    }
    let addrs = list(v, "NatGatewayAddresses");
    let primary = addrs
        .iter()
        .find(|a| flag(a, "IsPrimary") == Some(true))
        .or_else(|| addrs.first())
        .ok_or("has no address")?;
    Ok(NatRec {
        name: name(v),
        subnet: need(v, "SubnetId")?.to_string(),
        private_ip: ip("PrivateIp", need(primary, "PrivateIp")?)?,
        public_ip: ip("PublicIp", need(primary, "PublicIp")?)?,
        id,
    })
}

fn peer_side(v: &Value, field: &str) -> Result<PeerSide, String> {
    let info = v.get(field).ok_or_else(|| format!("has no {field}"))?;
    let mut cidrs = Vec::new();
    let blocks = text(info, "CidrBlock").into_iter().chain(
        list(info, "CidrBlockSet")
            .iter()
            .filter_map(|b| text(b, "CidrBlock")),
    );
    for b in blocks {
        let c = cidr(&format!("{field}.CidrBlock"), b)?;
        if !cidrs.contains(&c) {
            cidrs.push(c);
        }
    }
    Ok(PeerSide {
        vpc: need(info, "VpcId")
            .map_err(|e| format!("{field} {e}"))?
            .to_string(),
        owner: owner(info, "OwnerId"),
        region: text(info, "Region").map(str::to_string),
        cidrs,
    })
}

/// `Status.Code` as a scenario status. `provisioning` (accepted, being set up) does not
/// forward yet, so it reads as `pending-acceptance`; `deleting` as `deleted`.
fn peering_status(code: &str) -> Option<crate::model::PeeringStatus> {
    use crate::model::PeeringStatus as S;
    Some(match code {
        "initiating-request" => S::InitiatingRequest,
        "pending-acceptance" | "provisioning" => S::PendingAcceptance,
        "active" => S::Active,
        "rejected" => S::Rejected,
        "expired" => S::Expired,
        "failed" => S::Failed,
        "deleted" | "deleting" => S::Deleted,
        _ => return None,
    })
}

fn peering(v: &Value) -> Result<PeeringRec, String> {
    let id = need(v, "VpcPeeringConnectionId")?.to_string();
    let code = v
        .get("Status")
        .and_then(|s| text(s, "Code"))
        .ok_or("has no Status.Code")?;
    let status =
        peering_status(code).ok_or_else(|| format!("status {code:?} is not a peering status"))?;
    Ok(PeeringRec {
        name: name(v),
        status,
        requester: peer_side(v, "RequesterVpcInfo")?,
        accepter: peer_side(v, "AccepterVpcInfo")?,
        id,
    })
}

/// An endpoint policy as the playground models it: full access, or an allow-list of S3
/// ARNs. A policy with `Deny`, conditions or `Not…` elements is read as its allow-list,
/// with a note. <https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html>
fn policy(id: &str, doc: Option<&str>, notes: &mut Notes) -> crate::model::Policy {
    use crate::model::Policy;
    let Some(doc) = doc else { return Policy::Full };
    let Ok(doc) = serde_json::from_str::<Value>(doc) else {
        notes.assume(
            id,
            "its PolicyDocument is not valid JSON: it was read as full access",
        );
        return Policy::Full;
    };
    let statements: Vec<&Value> = match doc.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        _ => Vec::new(),
    };
    let mut arns = Vec::new();
    let mut unmodelled = false;
    for s in statements {
        if text(s, "Effect") != Some("Allow")
            || s.get("Condition").is_some()
            || s.get("NotResource").is_some()
            || s.get("NotAction").is_some()
        {
            unmodelled = true;
            continue;
        }
        let resources: Vec<&str> = match s.get("Resource") {
            Some(Value::String(r)) => vec![r.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if resources.contains(&"*") {
            if unmodelled {
                notes.assume(id, "its policy has Deny statements or conditions the playground does not model: only its Allow statements were read");
            }
            return Policy::Full;
        }
        arns.extend(resources.into_iter().map(str::to_string));
    }
    if unmodelled {
        notes.assume(id, "its policy has Deny statements or conditions the playground does not model: only its Allow statements were read");
    }
    Policy::Allow(arns)
}

fn endpoint(v: &Value, notes: &mut Notes) -> Result<EndpointRec, String> {
    let id = need(v, "VpcEndpointId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    let gateway = match text(v, "VpcEndpointType") {
        Some("Gateway") => true,
        Some("Interface") => false,
        Some(other) => {
            return Err(format!(
            "a {other} endpoint is left out: the playground models gateway and interface endpoints"
        ))
        }
        None => return Err("has no VpcEndpointType".into()),
    };
    let strings = |field: &str| -> Vec<String> {
        list(v, field)
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    Ok(EndpointRec {
        name: name(v),
        vpc: need(v, "VpcId")?.to_string(),
        gateway,
        service: need(v, "ServiceName")?.to_string(),
        route_tables: strings("RouteTableIds"),
        subnets: strings("SubnetIds"),
        private_dns: flag(v, "PrivateDnsEnabled").unwrap_or(!gateway),
        policy: policy(&id, text(v, "PolicyDocument"), notes),
        enis: strings("NetworkInterfaceIds"),
        groups: list(v, "Groups")
            .iter()
            .filter_map(|g| text(g, "GroupId"))
            .map(str::to_string)
            .collect(),
        id,
    })
}

fn cgw(v: &Value) -> Result<CgwRec, String> {
    let id = need(v, "CustomerGatewayId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    Ok(CgwRec {
        name: name(v),
        ip: ip("IpAddress", need(v, "IpAddress")?)?,
        asn: asn(v, "BgpAsn"),
        id,
    })
}

fn vpn(v: &Value, notes: &mut Notes) -> Result<VpnRec, String> {
    let id = need(v, "VpnConnectionId")?.to_string();
    let state = text(v, "State");
    if gone(state) {
        return Err(format!("its state is {}", state.unwrap_or("gone")));
    }
    let vgw = text(v, "VpnGatewayId").map(str::to_string);
    let tgw = text(v, "TransitGatewayId").map(str::to_string);
    if vgw.is_none() && tgw.is_none() {
        return Err("has no VpnGatewayId or TransitGatewayId".into());
    }
    let mut routes = Vec::new();
    for r in list(v, "Routes") {
        if gone(text(r, "State")) {
            continue;
        }
        if let Some(d) = text(r, "DestinationCidrBlock") {
            routes.push(cidr("Routes.DestinationCidrBlock", d)?);
        }
    }
    // Tunnel status from `VgwTelemetry`: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VgwTelemetry.html
    let telemetry = list(v, "VgwTelemetry");
    let tunnel = |i: usize| match telemetry.get(i).and_then(|t| text(t, "Status")) {
        Some(s) if s.eq_ignore_ascii_case("UP") => TunnelState::Up,
        Some(_) => TunnelState::Down,
        None => TunnelState::Up,
    };
    if telemetry.len() < 2 {
        notes.assume(
            &id,
            "no VgwTelemetry for both tunnels: a tunnel without status was taken as up",
        );
    }
    Ok(VpnRec {
        name: name(v),
        tgw: if vgw.is_some() { None } else { tgw },
        vgw,
        cgw: need(v, "CustomerGatewayId")?.to_string(),
        static_only: v
            .get("Options")
            .and_then(|o| flag(o, "StaticRoutesOnly"))
            .unwrap_or(false),
        routes,
        tunnels: [tunnel(0), tunnel(1)],
        id,
    })
}

fn vif(v: &Value) -> Result<VifRec, String> {
    let id = need(v, "virtualInterfaceId")?.to_string();
    let state = text(v, "virtualInterfaceState").unwrap_or("available");
    if state != "available" {
        return Err(format!(
            "its state is {state}: only an available virtual interface carries traffic"
        ));
    }
    let private = match text(v, "virtualInterfaceType") {
        Some("private") => true,
        Some("public") => false,
        Some(other) => {
            return Err(format!("a {other} virtual interface is left out: the playground models private and public ones"))
        }
        None => return Err("has no virtualInterfaceType".into()),
    };
    let vgw = text(v, "virtualGatewayId").map(str::to_string);
    if private && vgw.is_none() {
        return Err(match text(v, "directConnectGatewayId") {
            Some(g) => format!("a private virtual interface to Direct Connect gateway {g} is left out: the playground connects private VIFs to a VPN gateway directly"),
            None => "a private virtual interface with no virtualGatewayId is left out".into(),
        });
    }
    Ok(VifRec {
        name: text(v, "virtualInterfaceName").map(str::to_string),
        connection: need(v, "connectionId")?.to_string(),
        location: text(v, "location").map(str::to_string),
        vlan: v.get("vlan").and_then(Value::as_i64).ok_or("has no vlan")?,
        vgw: vgw.filter(|_| private),
        private,
        id,
    })
}
