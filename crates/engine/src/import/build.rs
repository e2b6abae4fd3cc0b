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
//! Propagated routes (`Origin: EnableVgwRoutePropagation`) and gateway endpoint routes
//! (`DestinationPrefixListId`) are not copied: the engine derives them from the VPN, Direct
//! Connect and endpoint resources, as AWS does
//! (<https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html>).

use super::records::{Dest, Notes, Records, RouteRec, Target};
use crate::addr::{Cidr, Ip};
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::Ipv4Addr;

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
fn service_parts(name: &str) -> Option<(&str, &str)> {
    match name.split('.').collect::<Vec<_>>()[..] {
        ["com", "amazonaws", region, service] if !region.is_empty() && !service.is_empty() => {
            Some((region, service))
        }
        _ => None,
    }
}

/// Ids in use: every record's, plus those the importer makes up, which must not collide.
struct Ids(HashSet<String>);

impl Ids {
    /// Reserves `id` for a made-up resource; false when something already has it.
    fn claim(&mut self, id: &str) -> bool {
        self.0.insert(id.to_string())
    }
    /// `base`, or `base-2`, `base-3`, … whichever is free, reserved.
    fn fresh(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 1;
        while !self.claim(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

fn blackhole_note(route: &RouteRec) -> String {
    format!(
        "{} is a blackhole in AWS (its target is deleted, detached or not active). The playground shows a blackhole only as a route to a detached gateway or an inactive peering, so this route is left out: traffic that used it finds no route here, where AWS drops it as a blackhole",
        route.label()
    )
}

pub fn scenario(r: Records, notes: &mut Notes) -> Scenario {
    let mut s = Scenario::empty();
    s.name = Some("Imported AWS network".into());
    s.description = Some("Imported from the output of aws ec2 describe-* commands.".into());

    let mut ids = Ids(r.ids());
    let regions = regions(&r);
    vpcs(&r, &regions, &mut ids, notes, &mut s);
    let vpc_ids: HashSet<String> = s.vpcs.iter().map(|v| v.id.clone()).collect();

    // Subnets need their VPC.
    for sub in &r.subnets {
        if !vpc_ids.contains(&sub.vpc) {
            notes.leave_out(
                &sub.id,
                format!(
                    "its VPC {} is not in the import: add the output of aws ec2 describe-vpcs",
                    sub.vpc
                ),
            );
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

    gateways(&r, &vpc_ids, notes, &mut s);

    for n in &r.nats {
        if s.subnet(&n.subnet).is_none() {
            notes.leave_out(&n.id, format!("its subnet {} is not in the import: add the output of aws ec2 describe-subnets", n.subnet));
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
        let missing = [&p.requester.vpc, &p.accepter.vpc]
            .into_iter()
            .find(|v| !vpc_ids.contains(*v));
        if let Some(v) = missing {
            notes.leave_out(&p.id, format!("its VPC {v} is not in the import and the peering does not give its CIDR: add the output of aws ec2 describe-vpcs"));
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
    endpoints(&r, &derived.endpoint_tables, notes, &mut s);

    for i in &r.instances {
        if s.subnet(&i.subnet).is_none() {
            notes.leave_out(&i.id, format!("its subnet {} is not in the import: add the output of aws ec2 describe-subnets", i.subnet));
            continue;
        }
        s.instances.push(Instance {
            security_groups: Vec::new(),
            id: i.id.clone(),
            name: i.name.clone(),
            subnet: i.subnet.clone(),
            private_ip: i.private_ip,
            public_ip: i.public_ip,
        });
    }

    onprem(&r, derived.learned, &mut ids, notes, &mut s);
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
fn gateways(r: &Records, vpc_ids: &HashSet<String>, notes: &mut Notes, s: &mut Scenario) {
    for g in &r.igws {
        let attached: Vec<(&str, &Option<String>)> = s
            .internet_gateways
            .iter()
            .map(|o| (o.id.as_str(), &o.vpc))
            .collect();
        if attachable(g, &attached, "internet gateway", vpc_ids, notes) {
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
        if attachable(g, &attached, "VPN gateway", vpc_ids, notes) {
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
/// gateway of its kind yet (`attached`: (id, VPC) of those already kept). Says why not.
fn attachable(
    g: &super::records::GatewayRec,
    attached: &[(&str, &Option<String>)],
    kind: &str,
    vpc_ids: &HashSet<String>,
    notes: &mut Notes,
) -> bool {
    let Some(v) = &g.vpc else { return true };
    if !vpc_ids.contains(v) {
        notes.leave_out(
            &g.id,
            format!("it is attached to {v}, which is not in the import"),
        );
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

/// Gateway endpoints that will be kept: their VPC is here and their service has one.
fn gateway_endpoints_kept(r: &Records, vpc_ids: &HashSet<String>) -> HashSet<String> {
    r.endpoints
        .iter()
        .filter(|e| e.gateway && vpc_ids.contains(&e.vpc))
        .filter(|e| matches!(service_parts(&e.service), Some((_, "s3" | "dynamodb"))))
        .map(|e| e.id.clone())
        .collect()
}

/// What the route tables tell beyond their own routes.
struct Derived {
    /// Destinations of propagated routes per VPN gateway: what AWS learned from the
    /// customer's side.
    learned: BTreeMap<String, Vec<Cidr>>,
    /// (gateway endpoint, route table) for each prefix-list route naming the endpoint.
    endpoint_tables: Vec<(String, String)>,
}

/// Route tables with their associations and written routes.
fn route_tables(
    r: &Records,
    gateway_endpoints: &HashSet<String>,
    ids: &mut Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) -> Derived {
    let mut learned: BTreeMap<String, Vec<Cidr>> = BTreeMap::new();
    let mut associated: HashSet<String> = HashSet::new();
    let mut has_main: HashSet<String> = HashSet::new();
    let mut endpoint_tables: Vec<(String, String)> = Vec::new();
    for t in &r.route_tables {
        if s.vpc(&t.vpc).is_none() {
            notes.leave_out(
                &t.id,
                format!(
                    "its VPC {} is not in the import: add the output of aws ec2 describe-vpcs",
                    t.vpc
                ),
            );
            continue;
        }
        let mut subnets = Vec::new();
        for sub in &t.subnets {
            match s.subnet(sub) {
                Some(x) if x.vpc == t.vpc && associated.insert(sub.clone()) => subnets.push(sub.clone()),
                Some(_) => {}
                None => notes.leave_out(&t.id, format!("its association with subnet {sub} is left out: the subnet is not in the import")),
            }
        }
        let main = t.main && has_main.insert(t.vpc.clone());
        let propagating = t
            .propagating
            .iter()
            .filter(|g| s.vpn_gateway(g).is_some())
            .cloned()
            .collect();
        let mut routes: Vec<Route> = Vec::new();
        for route in &t.routes {
            let here = (t.vpc.as_str(), t.id.as_str());
            let found = Found {
                gateway_endpoints,
                learned: &mut learned,
                endpoint_tables: &mut endpoint_tables,
            };
            if let Some(keep) = route_for(s, here, route, found, ids, notes) {
                if !routes.iter().any(|x| x.destination == keep.destination) {
                    routes.push(keep);
                }
            }
        }
        s.route_tables.push(RouteTable {
            id: t.id.clone(),
            vpc: t.vpc.clone(),
            main,
            subnets,
            propagating_gateways: propagating,
            routes,
            name: t.name.clone(),
        });
    }
    // A VPC whose tables are here but not its main one: a local-only main table stands in.
    let vpcs_with_tables: Vec<String> = s
        .route_tables
        .iter()
        .map(|t| t.vpc.clone())
        .filter(|v| !has_main.contains(v))
        .collect();
    for vpc in vpcs_with_tables {
        if !has_main.insert(vpc.clone()) {
            continue;
        }
        let id = ids.fresh(&format!("{vpc}-main"));
        notes.assume(&id, format!("the main route table of {vpc} is not in the import: a main table with only the local routes stands in for it"));
        s.route_tables.push(RouteTable {
            id,
            vpc,
            main: true,
            subnets: Vec::new(),
            propagating_gateways: Vec::new(),
            routes: Vec::new(),
            name: Some("main (not imported)".into()),
        });
    }
    Derived {
        learned,
        endpoint_tables,
    }
}

/// What routes that are not copied tell the rest of the build.
struct Found<'a> {
    gateway_endpoints: &'a HashSet<String>,
    learned: &'a mut BTreeMap<String, Vec<Cidr>>,
    endpoint_tables: &'a mut Vec<(String, String)>,
}

/// The route to write for one AWS route, or none (left out, or derived by the engine).
fn route_for(
    s: &mut Scenario,
    (vpc, table): (&str, &str),
    route: &RouteRec,
    found: Found<'_>,
    ids: &mut Ids,
    notes: &mut Notes,
) -> Option<Route> {
    let label = route.label();
    let destination = match (&route.dest, &route.target) {
        (Dest::PrefixList(_), Target::Vpce(e)) => {
            if found.gateway_endpoints.contains(e) {
                found.endpoint_tables.push((e.clone(), table.to_string()));
            } else {
                notes.leave_out(table, format!("{label} is left out: gateway endpoint {e} is not in the import (add the output of aws ec2 describe-vpc-endpoints)"));
            }
            return None;
        }
        (Dest::PrefixList(p), _) => {
            notes.leave_out(table, format!("{label} is left out: routes to a customer-managed prefix list ({p}) are not in the playground"));
            return None;
        }
        (Dest::Cidr(c), _) => *c,
    };
    let target = match &route.target {
        Target::Other(kind, _) => {
            notes.leave_out(
                table,
                format!("{label} is left out: routes to {kind} are not in the playground"),
            );
            return None;
        }
        Target::Vpce(_) => {
            notes.leave_out(table, format!("{label} is left out: routes to a Gateway Load Balancer endpoint are not in the playground"));
            return None;
        }
        Target::Vgw(g) if route.propagated => {
            // Propagated: the engine derives it from the VPN and DX links; what it says
            // about the customer's ranges feeds the on-prem network.
            found
                .learned
                .entry(g.clone())
                .or_default()
                .push(destination);
            return None;
        }
        Target::Igw(g) | Target::Vgw(g) | Target::Nat(g) | Target::Pcx(g) => g.clone(),
    };
    let exists = match &route.target {
        Target::Igw(_) => s.internet_gateway(&target).map(|g| g.vpc.is_some()),
        Target::Vgw(_) => s.vpn_gateway(&target).map(|g| g.vpc.is_some()),
        Target::Nat(_) => s.nat_gateway(&target).map(|_| true),
        _ => s
            .peering(&target)
            .map(|p| p.status == PeeringStatus::Active),
    };
    match exists {
        // A blackhole to a detached gateway or inactive peering is what the playground shows.
        Some(working) if !route.blackhole || !working || matches!(route.target, Target::Pcx(_)) => {
        }
        Some(_) => {
            notes.leave_out(table, blackhole_note(route));
            return None;
        }
        None if route.blackhole => {
            notes.leave_out(table, blackhole_note(route));
            return None;
        }
        None => {
            if !infer_gateway(s, (vpc, table), route, &target, ids, notes) {
                let command = match route.target {
                    Target::Nat(_) => "describe-nat-gateways",
                    Target::Pcx(_) => "describe-vpc-peering-connections",
                    Target::Igw(_) => "describe-internet-gateways",
                    _ => "describe-vpn-gateways",
                };
                notes.leave_out(table, format!("{label} is left out: {target} is not in the import (add the output of aws ec2 {command})"));
                return None;
            }
        }
    }
    Some(Route {
        destination,
        target,
    })
}

/// An active route to an internet or VPN gateway that was not pasted: AWS accepts such a
/// route only when the gateway is attached to the table's VPC, so it is made, attached there.
fn infer_gateway(
    s: &mut Scenario,
    (vpc, table): (&str, &str),
    route: &RouteRec,
    id: &str,
    ids: &mut Ids,
    notes: &mut Notes,
) -> bool {
    let attached = Some(vpc.to_string());
    let free = !ids.0.contains(id);
    match route.target {
        Target::Igw(_) if free && !s.internet_gateways.iter().any(|g| g.vpc == attached) => {
            s.internet_gateways.push(InternetGateway {
                id: id.to_string(),
                vpc: attached,
                name: None,
            });
        }
        Target::Vgw(_) if free && !s.vpn_gateways.iter().any(|g| g.vpc == attached) => {
            s.vpn_gateways.push(VpnGateway {
                id: id.to_string(),
                vpc: attached,
                asn: None,
                name: None,
            });
        }
        _ => return false,
    }
    ids.claim(id);
    notes.assume(id, format!("not in the import, but {table} routes to it, which AWS allows only when it is attached to {vpc}: it was added, attached there"));
    true
}

/// Gateway and interface endpoints whose VPC, route tables and subnets are here.
fn endpoints(
    r: &Records,
    endpoint_tables: &[(String, String)],
    notes: &mut Notes,
    s: &mut Scenario,
) {
    for e in &r.endpoints {
        if s.vpc(&e.vpc).is_none() {
            notes.leave_out(
                &e.id,
                format!(
                    "its VPC {} is not in the import: add the output of aws ec2 describe-vpcs",
                    e.vpc
                ),
            );
            continue;
        }
        let Some((_, service)) = service_parts(&e.service) else {
            notes.leave_out(&e.id, format!("{} is a PrivateLink service of another account: the playground knows AWS services only (com.amazonaws.REGION.SERVICE)", e.service));
            continue;
        };
        let in_vpc_table = |t: &String| s.route_table(t).is_some_and(|x| x.vpc == e.vpc);
        if e.gateway {
            if !matches!(service, "s3" | "dynamodb") {
                notes.leave_out(&e.id, format!("{} has no gateway endpoint: gateway endpoints exist only for s3 and dynamodb", e.service));
                continue;
            }
            let mut tables: Vec<String> = Vec::new();
            let named = e.route_tables.iter().chain(
                endpoint_tables
                    .iter()
                    .filter(|(id, _)| *id == e.id)
                    .map(|(_, t)| t),
            );
            for t in named {
                if in_vpc_table(t) && !tables.contains(t) {
                    tables.push(t.clone());
                }
            }
            s.vpc_endpoints.push(VpcEndpoint {
                security_groups: Vec::new(),
                id: e.id.clone(),
                vpc: e.vpc.clone(),
                kind: EndpointType::Gateway,
                service: e.service.clone(),
                route_tables: tables,
                subnets: Vec::new(),
                private_ips: Vec::new(),
                private_dns: true,
                policy: e.policy.clone(),
                name: e.name.clone(),
            });
        } else {
            let mut subnets: Vec<String> = Vec::new();
            for sub in &e.subnets {
                if s.subnet(sub).is_some_and(|x| x.vpc == e.vpc) && !subnets.contains(sub) {
                    subnets.push(sub.clone());
                }
            }
            if subnets.is_empty() {
                notes.leave_out(&e.id, "none of its subnets is in the import: add the output of aws ec2 describe-subnets");
                continue;
            }
            let mut ips = Vec::new();
            for sub in &subnets {
                match free_address(s, sub, &ips) {
                    Some(ip) => ips.push(ip),
                    None => {
                        notes.leave_out(&e.id, format!("subnet {sub} has no free address for it"));
                        break;
                    }
                }
            }
            if ips.len() != subnets.len() {
                continue;
            }
            let chosen: Vec<String> = ips.iter().map(ToString::to_string).collect();
            notes.assume(&e.id, format!("describe-vpc-endpoints does not print an interface endpoint's addresses (describe-network-interfaces does): the importer chose {}", chosen.join(", ")));
            s.vpc_endpoints.push(VpcEndpoint {
                security_groups: Vec::new(),
                id: e.id.clone(),
                vpc: e.vpc.clone(),
                kind: EndpointType::Interface,
                service: e.service.clone(),
                route_tables: Vec::new(),
                subnets,
                private_ips: ips,
                private_dns: e.private_dns,
                policy: e.policy.clone(),
                name: e.name.clone(),
            });
        }
    }
}

/// The highest usable address of `subnet` that nothing else holds (AWS reserves the first
/// four and the last: <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html>).
fn free_address(s: &Scenario, subnet: &str, also_taken: &[Ip]) -> Option<Ip> {
    let cidr = s.subnet(subnet)?.cidr;
    let taken: HashSet<Ipv4Addr> = s
        .instances
        .iter()
        .map(|i| i.private_ip.addr())
        .chain(s.nat_gateways.iter().map(|n| n.private_ip.addr()))
        .chain(
            s.vpc_endpoints
                .iter()
                .flat_map(|e| e.private_ips.iter().map(|i| i.addr())),
        )
        .chain(also_taken.iter().map(|i| i.addr()))
        .collect();
    let first = u32::from(cidr.network()).checked_add(4)?;
    let last = u32::from(cidr.broadcast()).checked_sub(1)?;
    (first..=last)
        .rev()
        .map(Ipv4Addr::from)
        .find(|a| !taken.contains(a))
        .map(Ip::from)
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
        if s.vpn_gateway(&v.vgw).is_none() {
            notes.leave_out(&v.id, format!("its VPN gateway {} is not in the import: add the output of aws ec2 describe-vpn-gateways", v.vgw));
            continue;
        }
        if !s.customer_gateways.iter().any(|g| g.id == v.cgw) {
            notes.leave_out(&v.id, format!("its customer gateway {} is not in the import: add the output of aws ec2 describe-customer-gateways", v.cgw));
            continue;
        }
        for c in &v.routes {
            add(*c, &mut ranges);
        }
        s.vpn_connections.push(VpnConnection {
            id: v.id.clone(),
            vpn_gateway: v.vgw.clone(),
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
            notes.leave_out(&v.id, format!("its VPN gateway {g} is not in the import: add the output of aws ec2 describe-vpn-gateways"));
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
        .map(|v| v.vpn_gateway.as_str())
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
