//! Route tables: their associations, propagations and written routes. A table is kept when
//! its VPC is; what it then loses (a subnet not imported, a route whose target is missing) is
//! named in one note per table, and a table left out names every reference that did not
//! resolve. Propagated routes (`Origin: EnableVgwRoutePropagation`) and gateway endpoint
//! routes (`DestinationPrefixListId`) are not copied: the engine derives them from the VPN,
//! Direct Connect and endpoint resources, as AWS does
//! (<https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html>).

use super::build::{associate_subnets, Ids};
use super::note::{Ref, Via};
use super::records::{Dest, Notes, Records, RouteRec, RouteTableRec, Target};
use crate::addr::Cidr;
use crate::kind::Kind;
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};

fn blackhole_note(route: &RouteRec) -> String {
    format!(
        "{} is a blackhole in AWS (its target is deleted, detached or not active). The playground shows a blackhole only as a route to a detached gateway or an inactive peering, so this route is left out: traffic that used it finds no route here, where AWS drops it as a blackhole",
        route.label()
    )
}

/// What the route tables tell beyond their own routes.
pub(super) struct Derived {
    /// Destinations of propagated routes per VPN gateway: what AWS learned from the
    /// customer's side.
    pub learned: BTreeMap<String, Vec<Cidr>>,
    /// (gateway endpoint, route table) for each prefix-list route naming the endpoint.
    pub endpoint_tables: Vec<(String, String)>,
}

/// Route tables with their associations and written routes. A table is kept when its VPC
/// is; every association, propagation and route it then loses is named in one note.
pub(super) fn route_tables(
    r: &Records,
    gateway_endpoints: &HashSet<String>,
    ids: &mut Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) -> Derived {
    let mut learned: BTreeMap<String, Vec<Cidr>> = BTreeMap::new();
    // Each associated subnet and its table: a subnet has one.
    let mut associated: HashMap<String, String> = HashMap::new();
    let mut has_main: HashSet<String> = HashSet::new();
    let mut endpoint_tables: Vec<(String, String)> = Vec::new();
    for t in &r.route_tables {
        if s.vpc(&t.vpc).is_none() {
            let refs = unresolved_table(s, t, gateway_endpoints, ids, notes);
            notes.unresolved(&t.id, refs);
            continue;
        }
        let (subnets, mut dropped) =
            associate_subnets(s, &t.id, &t.vpc, &t.subnets, &mut associated, ids, notes);
        let main = t.main && has_main.insert(t.vpc.clone());
        let mut propagating: Vec<String> = Vec::new();
        for g in &t.propagating {
            if s.vpn_gateway(g).is_none() {
                dropped.push(ids.missing(notes, Via::Propagation, g, Kind::VpnGateway));
            } else if !propagating.contains(g) {
                propagating.push(g.clone());
            }
        }
        let mut routes: Vec<Route> = Vec::new();
        for route in &t.routes {
            let here = (t.vpc.as_str(), t.id.as_str());
            let found = Found {
                gateway_endpoints,
                learned: &mut learned,
                endpoint_tables: &mut endpoint_tables,
                dropped: &mut dropped,
            };
            if let Some(keep) = route_for(s, here, route, found, ids, notes) {
                if !routes.iter().any(|x| x.destination == keep.destination) {
                    routes.push(keep);
                }
            }
        }
        notes.dropped(&t.id, dropped);
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
    main_stand_ins(&has_main, ids, notes, s);
    Derived {
        learned,
        endpoint_tables,
    }
}

/// A VPC whose tables are here but not its main one: a local-only main table stands in.
fn main_stand_ins(has_main: &HashSet<String>, ids: &mut Ids, notes: &mut Notes, s: &mut Scenario) {
    let mut done = has_main.clone();
    let vpcs_with_tables: Vec<String> = s
        .route_tables
        .iter()
        .map(|t| t.vpc.clone())
        .filter(|v| !done.contains(v))
        .collect();
    for vpc in vpcs_with_tables {
        if !done.insert(vpc.clone()) {
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
}

/// Whether the scenario holds `id` as a resource of `kind`.
fn holds(s: &Scenario, kind: Kind, id: &str) -> bool {
    match kind {
        Kind::InternetGateway => s.internet_gateway(id).is_some(),
        Kind::VpnGateway => s.vpn_gateway(id).is_some(),
        Kind::NatGateway => s.nat_gateway(id).is_some(),
        Kind::Peering => s.peering(id).is_some(),
        Kind::GatewayEndpoint | Kind::InterfaceEndpoint => s.endpoint(id).is_some(),
        Kind::Subnet => s.subnet(id).is_some(),
        Kind::Vpc => s.vpc(id).is_some(),
        // In format 1 a route to a transit gateway is left out with its own note (route_for),
        // not a reference that did not resolve.
        Kind::TransitGateway => {
            !s.format.filters() || s.transit_gateways.iter().any(|g| g.id == id)
        }
        _ => false,
    }
}

/// Every reference of a table whose VPC is not in the import that would not resolve either:
/// its VPC, subnets, propagating gateways and the targets of the routes it would keep.
fn unresolved_table(
    s: &Scenario,
    t: &RouteTableRec,
    gateway_endpoints: &HashSet<String>,
    ids: &Ids,
    notes: &Notes,
) -> Vec<Ref> {
    let mut refs = vec![ids.missing(notes, Via::Vpc, &t.vpc, Kind::Vpc)];
    for sub in t.subnets.iter().filter(|x| s.subnet(x).is_none()) {
        refs.push(ids.missing(notes, Via::Association, sub, Kind::Subnet));
    }
    for g in t.propagating.iter().filter(|g| s.vpn_gateway(g).is_none()) {
        refs.push(ids.missing(notes, Via::Propagation, g, Kind::VpnGateway));
    }
    for route in t.routes.iter().filter(|r| !r.propagated && !r.blackhole) {
        let Target::Modeled(kind, id) = &route.target else {
            continue;
        };
        // Only the routes a table keeps: a gateway endpoint's prefix list, a CIDR to the rest.
        let kept = matches!(
            (&route.dest, kind),
            (Dest::PrefixList(_), Kind::GatewayEndpoint)
        ) || matches!(route.dest, Dest::Cidr(_)) && *kind != Kind::GatewayEndpoint;
        if kept && !holds(s, *kind, id) && !gateway_endpoints.contains(id) {
            let via = Via::Route(route.dest.to_string());
            refs.push(ids.missing(notes, via, id, *kind));
        }
    }
    refs
}

/// What routes that are not copied tell the rest of the build.
struct Found<'a> {
    gateway_endpoints: &'a HashSet<String>,
    learned: &'a mut BTreeMap<String, Vec<Cidr>>,
    endpoint_tables: &'a mut Vec<(String, String)>,
    /// The table's references that do not resolve.
    dropped: &'a mut Vec<Ref>,
}

/// The route to write for one AWS route, or none (left out, or derived by the engine). The
/// target's kind is the one AWS's field gave ([`Target::Modeled`]), never read again from
/// its id.
fn route_for(
    s: &mut Scenario,
    (vpc, table): (&str, &str),
    route: &RouteRec,
    found: Found<'_>,
    ids: &mut Ids,
    notes: &mut Notes,
) -> Option<Route> {
    let label = route.label();
    let via = || Via::Route(route.dest.to_string());
    let (destination, kind, target) = match (&route.dest, &route.target) {
        (Dest::PrefixList(_), Target::Modeled(Kind::GatewayEndpoint, e)) => {
            if found.gateway_endpoints.contains(e) {
                found.endpoint_tables.push((e.clone(), table.to_string()));
            } else {
                found
                    .dropped
                    .push(ids.missing(notes, via(), e, Kind::GatewayEndpoint));
            }
            return None;
        }
        (Dest::PrefixList(p), _) => {
            notes.leave_out(table, format!("{label} is left out: routes to a customer-managed prefix list ({p}) are not in the playground"));
            return None;
        }
        (Dest::Cidr(_), Target::Other(what, _)) => {
            notes.leave_out(
                table,
                format!("{label} is left out: routes to {what} are not in the playground"),
            );
            return None;
        }
        (Dest::Cidr(_), Target::Modeled(Kind::GatewayEndpoint, _)) => {
            notes.leave_out(table, format!("{label} is left out: routes to a Gateway Load Balancer endpoint are not in the playground"));
            return None;
        }
        // Transit gateways are format 2's (N8): a format 1 import has no place for them.
        (Dest::Cidr(_), Target::Modeled(Kind::TransitGateway, _)) if !s.format.filters() => {
            notes.leave_out(
                table,
                format!("{label} is left out: routes to a transit gateway are in format 2 only, which the import writes when security groups and network ACLs are given"),
            );
            return None;
        }
        (Dest::Cidr(c), Target::Modeled(kind, id)) => (*c, *kind, id),
    };
    if kind == Kind::VpnGateway && route.propagated {
        // Propagated: the engine derives it from the VPN and DX links; what it says about
        // the customer's ranges feeds the on-prem network.
        found
            .learned
            .entry(target.clone())
            .or_default()
            .push(destination);
        return None;
    }
    // Whether the target is here, and whether it forwards (attached, active).
    let exists = match kind {
        Kind::InternetGateway => s.internet_gateway(target).map(|g| g.vpc.is_some()),
        Kind::VpnGateway => s.vpn_gateway(target).map(|g| g.vpc.is_some()),
        Kind::NatGateway => s.nat_gateway(target).map(|_| true),
        Kind::Peering => s.peering(target).map(|p| p.status == PeeringStatus::Active),
        Kind::TransitGateway => s
            .transit_gateways
            .iter()
            .find(|g| g.id == *target)
            .map(|_| true),
        _ => None,
    };
    match exists {
        // A blackhole to a detached gateway or inactive peering is what the playground shows.
        Some(working) if !route.blackhole || !working || kind == Kind::Peering => {}
        Some(_) => {
            notes.leave_out(table, blackhole_note(route));
            return None;
        }
        None if route.blackhole => {
            notes.leave_out(table, blackhole_note(route));
            return None;
        }
        None => {
            if !infer_gateway(s, (vpc, table), kind, target, ids, notes) {
                found.dropped.push(ids.missing(notes, via(), target, kind));
                return None;
            }
        }
    }
    Some(Route {
        destination,
        target: target.clone(),
    })
}

/// An active route to an internet or VPN gateway that was not pasted: AWS accepts such a
/// route only when the gateway is attached to the table's VPC, so it is made, attached there.
fn infer_gateway(
    s: &mut Scenario,
    (vpc, table): (&str, &str),
    kind: Kind,
    id: &str,
    ids: &mut Ids,
    notes: &mut Notes,
) -> bool {
    let attached = Some(vpc.to_string());
    let free = !ids.used.contains(id);
    match kind {
        Kind::InternetGateway if free && !s.internet_gateways.iter().any(|g| g.vpc == attached) => {
            s.internet_gateways.push(InternetGateway {
                id: id.to_string(),
                vpc: attached,
                name: None,
            });
        }
        Kind::VpnGateway if free && !s.vpn_gateways.iter().any(|g| g.vpc == attached) => {
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
