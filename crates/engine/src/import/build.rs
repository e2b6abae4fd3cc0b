//! Building the scenario from the records: every reference must resolve inside the import,
//! and what AWS's outputs imply but do not print is inferred and said.
//!
//! Inferred, each with a note in `assumed`:
//! - a VPC's Region, from its subnets' or instances' Availability Zones, its endpoints'
//!   service names or a peering's `Region` (`describe-vpcs` prints none); else `us-east-1`;
//! - a peer VPC of another account or Region, from the peering's `…VpcInfo` (its blocks,
//!   owner and Region), since `describe-vpcs` lists only your own;
//! - an internet or VPN gateway named by an active route but not pasted: AWS only accepts
//!   such a route when the gateway is attached to the table's VPC;
//! - one on-premises network behind every customer gateway and Direct Connect connection,
//!   holding the ranges AWS learned or was given for it (VPN static routes, propagated
//!   routes), since no `describe-*` output describes the customer's side;
//! - interface endpoint addresses, which `describe-vpc-endpoints` does not print.
//!
//! Route tables are built by [`super::tables`], endpoints by [`super::endpoints`]. A resource
//! left out for its references names every one that did not resolve; a resource kept without
//! some names those ([`super::note`]).

use super::endpoints::{endpoints, gateway_endpoints_kept};
use super::filtering;
use super::note::{Ref, Via, Why};
use super::records::{Notes, Records};
use super::tables::route_tables;
use super::transit;
use crate::addr::Cidr;
use crate::kind::Kind;
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The subnet associations of a route table or network ACL (`owner`, in `vpc`), as AWS allows
/// them: a subnet of the owner's own VPC, associated with one such owner at most (`taken`:
/// each subnet and its owner so far, in import order). Returns the subnets kept, and a `Ref`
/// for each one dropped with why.
pub(super) fn associate_subnets(
    s: &Scenario,
    owner: &str,
    vpc: &str,
    wanted: &[String],
    taken: &mut HashMap<String, String>,
    ids: &Ids,
    notes: &Notes,
) -> (Vec<String>, Vec<Ref>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for sub in wanted {
        let why = match (s.subnet(sub), taken.get(sub)) {
            (None, _) => {
                dropped.push(ids.missing(notes, Via::Association, sub, Kind::Subnet));
                continue;
            }
            (Some(x), _) if x.vpc != vpc => Why::OtherVpc(x.vpc.clone()),
            (Some(_), Some(other)) if other == owner => continue,
            (Some(_), Some(other)) => Why::AssociatedWith(other.clone()),
            (Some(_), None) => {
                taken.insert(sub.clone(), owner.to_string());
                kept.push(sub.clone());
                continue;
            }
        };
        dropped.push(Ref {
            via: Via::Association,
            id: sub.clone(),
            kind: Kind::Subnet,
            why,
        });
    }
    (kept, dropped)
}

/// The Region assumed when nothing in the import names one.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The id of the on-premises network that stands for the customer's side.
pub const ONPREM_ID: &str = "onprem";

/// `us-east-1c` -> `us-east-1`; `us-gov-west-1a` -> `us-gov-west-1`; a Local Zone
/// `us-west-2-lax-1a` -> `us-west-2`.
pub fn region_of_az(az: &str) -> Option<String> {
    let parts: Vec<&str> = az.split('-').collect();
    let i = parts
        .iter()
        .position(|p| p.starts_with(|c: char| c.is_ascii_digit()))?;
    let digits: String = parts[i].chars().take_while(char::is_ascii_digit).collect();
    (i >= 2).then(|| format!("{}-{digits}", parts[..i].join("-")))
}

/// `com.amazonaws.REGION.SERVICE` -> (REGION, SERVICE); other names (PrivateLink services of
/// other accounts, `com.amazonaws.vpce.…`) -> none.
pub(super) fn service_parts(name: &str) -> Option<(&str, &str)> {
    match name.split('.').collect::<Vec<_>>()[..] {
        ["com", "amazonaws", region, service] if !region.is_empty() && !service.is_empty() => {
            Some((region, service))
        }
        _ => None,
    }
}

/// Ids in use: every record's, plus those the importer makes up, which must not collide.
pub(super) struct Ids {
    pub(super) used: HashSet<String>,
    /// The ids of the resources read (before any was left out for its references).
    read: HashSet<String>,
}

impl Ids {
    fn new(read: HashSet<String>) -> Ids {
        Ids {
            used: read.clone(),
            read,
        }
    }
    /// A reference (`via`) to `id`, a `kind` the scenario does not hold: left out itself when
    /// an output had it (read, or refused with a note of its own), else not in the import.
    pub(super) fn missing(&self, notes: &Notes, via: Via, id: &str, kind: Kind) -> Ref {
        let seen = self.read.contains(id) || notes.left_out.iter().any(|n| n.resource == id);
        Ref {
            via,
            id: id.to_string(),
            kind,
            why: if seen { Why::LeftOut } else { Why::NotImported },
        }
    }
    /// Reserves `id` for a made-up resource; false when something already has it.
    pub(super) fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }
    /// `base`, or `base-2`, `base-3`, … whichever is free, reserved.
    pub(super) fn fresh(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 1;
        while !self.claim(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

pub fn scenario(r: Records, notes: &mut Notes) -> Scenario {
    let mut s = Scenario::empty();
    s.name = Some("Imported AWS network".into());
    s.description = Some("Imported from the output of aws ec2 describe-* commands.".into());

    let mut ids = Ids::new(r.ids());
    let regions = regions(&r);
    vpcs(&r, &regions, &mut ids, notes, &mut s);
    let vpc_ids: HashSet<String> = s.vpcs.iter().map(|v| v.id.clone()).collect();

    // Subnets need their VPC.
    for sub in &r.subnets {
        if !vpc_ids.contains(&sub.vpc) {
            let vpc = ids.missing(notes, Via::Vpc, &sub.vpc, Kind::Vpc);
            notes.unresolved(&sub.id, vec![vpc]);
            continue;
        }
        s.subnets.push(Subnet {
            id: sub.id.clone(),
            vpc: sub.vpc.clone(),
            az: sub.az.clone(),
            cidr: sub.cidr,
            name: sub.name.clone(),
        });
    }

    gateways(&r, &vpc_ids, &ids, notes, &mut s);
    // Format 2 only with both filter outputs (N1): its defaults would otherwise invent filters.
    s.format = filtering::format_of(&r, notes);
    let filters = s.format.filters();
    if filters {
        filtering::security_groups(&r, &ids, notes, &mut s);
        filtering::network_acls(&r, &ids, notes, &mut s);
    }
    transit::transit_gateways(&r, notes, &mut s);

    for n in &r.nats {
        if s.subnet(&n.subnet).is_none() {
            let subnet = ids.missing(notes, Via::Subnet, &n.subnet, Kind::Subnet);
            notes.unresolved(&n.id, vec![subnet]);
            continue;
        }
        s.nat_gateways.push(NatGateway {
            id: n.id.clone(),
            subnet: n.subnet.clone(),
            private_ip: n.private_ip,
            public_ip: n.public_ip,
            name: n.name.clone(),
        });
    }

    for p in &r.peerings {
        let missing: Vec<Ref> = [
            (Via::Requester, &p.requester.vpc),
            (Via::Accepter, &p.accepter.vpc),
        ]
        .into_iter()
        .filter(|(_, v)| !vpc_ids.contains(*v))
        .map(|(via, v)| ids.missing(notes, via, v, Kind::Vpc))
        .collect();
        if !missing.is_empty() {
            notes.unresolved(&p.id, missing);
            continue;
        }
        s.peering_connections.push(PeeringConnection {
            id: p.id.clone(),
            requester: p.requester.vpc.clone(),
            accepter: p.accepter.vpc.clone(),
            status: p.status,
            name: p.name.clone(),
        });
    }

    let gateway_endpoints = gateway_endpoints_kept(&r, &vpc_ids);
    let derived = route_tables(&r, &gateway_endpoints, &mut ids, notes, &mut s);
    endpoints(&r, &derived.endpoint_tables, &ids, notes, &mut s);
    if filters {
        filtering::endpoint_groups(&r, &ids, notes, &mut s);
    }

    for i in &r.instances {
        if s.subnet(&i.subnet).is_none() {
            let subnet = ids.missing(notes, Via::Subnet, &i.subnet, Kind::Subnet);
            notes.unresolved(&i.id, vec![subnet]);
            continue;
        }
        let security_groups = if filters {
            filtering::instance_groups(&r, i, &ids, notes, &s)
        } else {
            Vec::new()
        };
        s.instances.push(Instance {
            security_groups,
            id: i.id.clone(),
            name: i.name.clone(),
            subnet: i.subnet.clone(),
            private_ip: i.private_ip,
            public_ip: i.public_ip,
        });
    }

    onprem(&r, derived.learned, &mut ids, notes, &mut s);
    let associated = transit::attachments(&r, &ids, notes, &mut s);
    transit::route_tables(&r, &associated, &ids, notes, &mut s);
    s
}

/// Each VPC's Region, from whatever in the import names one.
fn regions(r: &Records) -> HashMap<String, String> {
    let mut region = HashMap::new();
    let subnet_vpc: HashMap<&str, &str> = r
        .subnets
        .iter()
        .map(|s| (s.id.as_str(), s.vpc.as_str()))
        .collect();
    for s in &r.subnets {
        if let Some(reg) = s.az.as_deref().and_then(region_of_az) {
            region.entry(s.vpc.clone()).or_insert(reg);
        }
    }
    for i in &r.instances {
        if let (Some(vpc), Some(reg)) = (
            subnet_vpc.get(i.subnet.as_str()),
            i.az.as_deref().and_then(region_of_az),
        ) {
            region.entry(vpc.to_string()).or_insert(reg);
        }
    }
    for e in &r.endpoints {
        if let Some((reg, _)) = service_parts(&e.service) {
            region.entry(e.vpc.clone()).or_insert(reg.to_string());
        }
    }
    for p in &r.peerings {
        for side in [&p.requester, &p.accepter] {
            if let Some(reg) = &side.region {
                region.entry(side.vpc.clone()).or_insert(reg.clone());
            }
        }
    }
    region
}

/// Described VPCs, then peer VPCs known only from a peering's info.
fn vpcs(
    r: &Records,
    regions: &HashMap<String, String>,
    ids: &mut Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) {
    // A route table's OwnerId is the VPC's owner, when describe-vpcs did not say.
    let owner_of: HashMap<&str, &str> = r
        .route_tables
        .iter()
        .filter_map(|t| t.owner.as_deref().map(|o| (t.vpc.as_str(), o)))
        .collect();
    let mut guessed = Vec::new();
    let region_of = |id: &str, guessed: &mut Vec<String>| match regions.get(id) {
        Some(reg) => reg.clone(),
        None => {
            guessed.push(id.to_string());
            DEFAULT_REGION.to_string()
        }
    };
    for v in &r.vpcs {
        let account = v
            .owner
            .clone()
            .or_else(|| owner_of.get(v.id.as_str()).map(|o| o.to_string()))
            .unwrap_or_else(|| DEFAULT_ACCOUNT.to_string());
        s.vpcs.push(Vpc {
            id: v.id.clone(),
            name: v.name.clone(),
            account,
            region: region_of(&v.id, &mut guessed),
            cidrs: v.cidrs.clone(),
        });
    }
    for p in &r.peerings {
        for side in [&p.requester, &p.accepter] {
            if s.vpc(&side.vpc).is_some() || side.cidrs.is_empty() || !ids.claim(&side.vpc) {
                continue;
            }
            let region = region_of(&side.vpc, &mut guessed);
            s.vpcs.push(Vpc {
                id: side.vpc.clone(),
                name: None,
                account: side
                    .owner
                    .clone()
                    .unwrap_or_else(|| DEFAULT_ACCOUNT.to_string()),
                region,
                cidrs: side.cidrs.clone(),
            });
            notes.assume(
                &side.vpc,
                format!(
                    "made from peering {}'s information (its CIDR blocks, owner and Region): describe-vpcs did not list it, so its subnets and route tables are unknown",
                    p.id
                ),
            );
        }
    }
    if !guessed.is_empty() {
        notes.assume(
            guessed.join(", "),
            format!("nothing in the import names the Region (no subnet Availability Zone, endpoint service or peering Region): {DEFAULT_REGION} was assumed"),
        );
    }
}

/// Internet and VPN gateways: attached to a VPC of the import, or detached.
fn gateways(
    r: &Records,
    vpc_ids: &HashSet<String>,
    ids: &Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) {
    for g in &r.igws {
        let attached: Vec<(&str, &Option<String>)> = s
            .internet_gateways
            .iter()
            .map(|o| (o.id.as_str(), &o.vpc))
            .collect();
        if attachable(g, &attached, "internet gateway", (vpc_ids, ids), notes) {
            s.internet_gateways.push(InternetGateway {
                id: g.id.clone(),
                vpc: g.vpc.clone(),
                name: g.name.clone(),
            });
        }
    }
    for g in &r.vgws {
        let attached: Vec<(&str, &Option<String>)> = s
            .vpn_gateways
            .iter()
            .map(|o| (o.id.as_str(), &o.vpc))
            .collect();
        if attachable(g, &attached, "VPN gateway", (vpc_ids, ids), notes) {
            s.vpn_gateways.push(VpnGateway {
                id: g.id.clone(),
                vpc: g.vpc.clone(),
                asn: g.asn,
                name: g.name.clone(),
            });
        }
    }
}

/// Whether gateway `g` can be kept: detached, or attached to a VPC of the import that has no
/// gateway of its kind yet (`attached`: (id, VPC) of those already kept). Says why not, and
/// says when an attachment on its way in or out is taken as detached.
fn attachable(
    g: &super::records::GatewayRec,
    attached: &[(&str, &Option<String>)],
    kind: &str,
    (vpc_ids, ids): (&HashSet<String>, &Ids),
    notes: &mut Notes,
) -> bool {
    let Some(v) = &g.vpc else {
        if let Some((vpc, state)) = &g.moving {
            let moving = Ref {
                via: Via::Attachment,
                id: vpc.clone(),
                kind: Kind::Vpc,
                why: Why::State(state.clone()),
            };
            notes.dropped(&g.id, vec![moving]);
        }
        return true;
    };
    if !vpc_ids.contains(v) {
        let vpc = ids.missing(notes, Via::Attachment, v, Kind::Vpc);
        notes.unresolved(&g.id, vec![vpc]);
        return false;
    }
    if let Some((other, _)) = attached.iter().find(|(_, o)| o.as_ref() == Some(v)) {
        notes.leave_out(
            &g.id,
            format!("{v} already has {kind} {other} attached: a VPC has at most one"),
        );
        return false;
    }
    true
}

/// Customer gateways, VPN connections, Direct Connect, and the one on-premises network
/// behind them all.
fn onprem(
    r: &Records,
    learned: BTreeMap<String, Vec<Cidr>>,
    ids: &mut Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) {
    let network = ids.fresh(ONPREM_ID);
    let mut ranges: Vec<Cidr> = Vec::new();
    let add = |c: Cidr, ranges: &mut Vec<Cidr>| {
        if !ranges.contains(&c) {
            ranges.push(c);
        }
    };
    for c in &r.cgws {
        s.customer_gateways.push(CustomerGateway {
            id: c.id.clone(),
            ip: c.ip,
            asn: c.asn,
            network: network.clone(),
            name: c.name.clone(),
        });
    }
    for v in &r.vpns {
        let mut missing = Vec::new();
        match (&v.vgw, &v.tgw) {
            (Some(g), _) if s.vpn_gateway(g).is_none() => {
                missing.push(ids.missing(notes, Via::VpnGateway, g, Kind::VpnGateway));
            }
            (None, Some(t)) if !s.transit_gateways.iter().any(|x| x.id == *t) => {
                missing.push(ids.missing(notes, Via::TransitGateway, t, Kind::TransitGateway));
            }
            _ => {}
        }
        if !s.customer_gateways.iter().any(|g| g.id == v.cgw) {
            let cgw = ids.missing(notes, Via::CustomerGateway, &v.cgw, Kind::CustomerGateway);
            missing.push(cgw);
        }
        if !missing.is_empty() {
            notes.unresolved(&v.id, missing);
            continue;
        }
        for c in &v.routes {
            add(*c, &mut ranges);
        }
        s.vpn_connections.push(VpnConnection {
            id: v.id.clone(),
            vpn_gateway: v.vgw.clone(),
            transit_gateway: v.tgw.clone(),
            customer_gateway: v.cgw.clone(),
            routing: if v.static_only {
                VpnRouting::Static
            } else {
                VpnRouting::Bgp
            },
            static_routes: v.routes.clone(),
            tunnels: v.tunnels,
            name: v.name.clone(),
        });
    }
    for v in &r.vifs {
        if let Some(g) = v.vgw.as_ref().filter(|g| s.vpn_gateway(g).is_none()) {
            let vgw = ids.missing(notes, Via::VpnGateway, g, Kind::VpnGateway);
            notes.unresolved(&v.id, vec![vgw]);
            continue;
        }
        if !s.dx_connections.iter().any(|c| c.id == v.connection) {
            if !ids.claim(&v.connection) {
                notes.leave_out(
                    &v.id,
                    format!(
                        "its connection id {} is already used by another resource in the import",
                        v.connection
                    ),
                );
                continue;
            }
            s.dx_connections.push(DxConnection {
                id: v.connection.clone(),
                location: v.location.clone(),
                bandwidth: None,
                network: network.clone(),
                name: None,
            });
            // https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeConnections.html
            notes.assume(&v.connection, format!("made from virtual interface {}'s connectionId and location: the importer does not read aws directconnect describe-connections, so its bandwidth and name are unknown", v.id));
        }
        s.dx_virtual_interfaces.push(DxVirtualInterface {
            id: v.id.clone(),
            connection: v.connection.clone(),
            kind: if v.private {
                VifType::Private
            } else {
                VifType::Public
            },
            vlan: v.vlan,
            vpn_gateway: v.vgw.clone(),
            name: v.name.clone(),
        });
    }
    if s.customer_gateways.is_empty() && s.dx_connections.is_empty() {
        return;
    }
    // Ranges AWS learned over BGP from the customer (propagated routes), for gateways that
    // have a link here.
    let linked: HashSet<&str> = s
        .vpn_connections
        .iter()
        .filter_map(|v| v.vpn_gateway.as_deref())
        .chain(
            s.dx_virtual_interfaces
                .iter()
                .filter_map(|v| v.vpn_gateway.as_deref()),
        )
        .collect();
    for (g, cidrs) in &learned {
        if linked.contains(g.as_str()) {
            cidrs.iter().for_each(|c| add(*c, &mut ranges));
        }
    }
    // A range covering a VPC's block would make the VPC look local to on-prem.
    let (overlapping, ranges): (Vec<Cidr>, Vec<Cidr>) = ranges
        .into_iter()
        .partition(|c| s.vpcs.iter().flat_map(|v| &v.cidrs).any(|b| b.overlaps(c)));
    if !overlapping.is_empty() {
        let list: Vec<String> = overlapping.iter().map(ToString::to_string).collect();
        notes.leave_out(&network, format!("the routed ranges {} overlap a VPC's block and are left out of the on-premises network's ranges", list.join(", ")));
    }
    let said = if ranges.is_empty() {
        "no ranges are known: add your on-premises CIDRs in the editor".to_string()
    } else {
        let list: Vec<String> = ranges.iter().map(ToString::to_string).collect();
        format!("its ranges are those AWS routes to it: {}", list.join(", "))
    };
    notes.assume(&network, format!("no describe-* output describes your own side: one on-premises network stands behind every customer gateway and Direct Connect connection; {said}"));
    s.onprem_networks.push(OnpremNetwork {
        id: network,
        name: Some("On-premises (imported)".into()),
        cidrs: ranges,
        hosts: Vec::new(),
        routes: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_come_from_availability_zones_and_service_names() {
        let zones = [
            ("us-east-1c", Some("us-east-1")),
            ("eu-central-1b", Some("eu-central-1")),
            ("us-gov-west-1a", Some("us-gov-west-1")),
            ("us-west-2-lax-1a", Some("us-west-2")),
            ("ap-southeast-1a", Some("ap-southeast-1")),
            ("use1-az2", None),
            ("", None),
        ];
        for (az, want) in zones {
            assert_eq!(region_of_az(az).as_deref(), want, "{az}");
        }
        let services = [
            ("com.amazonaws.us-east-1.s3", Some(("us-east-1", "s3"))),
            ("com.amazonaws.vpce.us-east-1.vpce-svc-123", None),
            ("com.amazonaws..s3", None),
        ];
        for (name, want) in services {
            assert_eq!(service_parts(name), want, "{name}");
        }
    }
}
