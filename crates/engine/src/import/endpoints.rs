//! VPC endpoints: a gateway endpoint with the route tables of its VPC that are here, an
//! interface endpoint in the subnets of its VPC that are here, at addresses the importer
//! chooses (`describe-vpc-endpoints` prints none). What an endpoint names and loses is said.

use super::build::{service_parts, Ids};
use super::note::{Ref, Via, Why};
use super::records::{EndpointRec, Notes, Records};
use crate::addr::Ip;
use crate::kind::Kind;
use crate::model::*;
use std::collections::HashSet;
use std::net::Ipv4Addr;

/// Gateway endpoints that will be kept: their VPC is here and their service has one.
pub(super) fn gateway_endpoints_kept(r: &Records, vpc_ids: &HashSet<String>) -> HashSet<String> {
    r.endpoints
        .iter()
        .filter(|e| e.gateway && vpc_ids.contains(&e.vpc))
        .filter(|e| matches!(service_parts(&e.service), Some((_, "s3" | "dynamodb"))))
        .map(|e| e.id.clone())
        .collect()
}

/// Gateway and interface endpoints whose VPC, route tables and subnets are here.
pub(super) fn endpoints(
    r: &Records,
    endpoint_tables: &[(String, String)],
    ids: &Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) {
    for e in &r.endpoints {
        // The tables and subnets it names that are not kept, each with why.
        let mut dropped: Vec<Ref> = Vec::new();
        let named = [
            (Via::RouteTable, &e.route_tables, Kind::RouteTable),
            (Via::EndpointSubnet, &e.subnets, Kind::Subnet),
        ];
        for (via, list, kind) in named {
            for id in list.iter() {
                let vpc = match kind {
                    Kind::RouteTable => s.route_table(id).map(|t| &t.vpc),
                    _ => s.subnet(id).map(|x| &x.vpc),
                };
                match vpc {
                    None => dropped.push(ids.missing(notes, via.clone(), id, kind)),
                    Some(v) if *v != e.vpc => dropped.push(Ref {
                        via: via.clone(),
                        id: id.clone(),
                        kind,
                        why: Why::OtherVpc(v.clone()),
                    }),
                    Some(_) => {}
                }
            }
        }
        if s.vpc(&e.vpc).is_none() {
            let mut refs = vec![ids.missing(notes, Via::Vpc, &e.vpc, Kind::Vpc)];
            refs.append(&mut dropped);
            notes.unresolved(&e.id, refs);
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
            notes.dropped(&e.id, dropped);
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
            interface_endpoint(r, e, dropped, notes, s);
        }
    }
}

/// An interface endpoint in the subnets of its VPC that are here (`dropped`: those that are
/// not), at addresses the importer chooses; left out when none of its subnets is here.
fn interface_endpoint(
    r: &Records,
    e: &EndpointRec,
    dropped: Vec<Ref>,
    notes: &mut Notes,
    s: &mut Scenario,
) {
    let mut subnets: Vec<String> = Vec::new();
    for sub in &e.subnets {
        if s.subnet(sub).is_some_and(|x| x.vpc == e.vpc) && !subnets.contains(sub) {
            subnets.push(sub.clone());
        }
    }
    if subnets.is_empty() {
        // Its route tables do not matter to an interface endpoint: only its subnets.
        let refs: Vec<Ref> = dropped
            .into_iter()
            .filter(|r| r.via == Via::EndpointSubnet)
            .collect();
        if refs.is_empty() {
            notes.leave_out(&e.id, "it names no subnet");
        } else {
            notes.unresolved(&e.id, refs);
        }
        return;
    }
    // Its real addresses, where describe-network-interfaces printed its interface in that
    // subnet; else the importer chooses one.
    let instance_ips: Vec<Ip> = r.instances.iter().map(|i| i.private_ip).collect();
    let mut ips: Vec<Ip> = Vec::new();
    let mut chosen: Vec<String> = Vec::new();
    for sub in &subnets {
        let cidr = s.subnet(sub).map(|x| x.cidr);
        let real = r
            .enis
            .iter()
            .filter(|n| e.enis.contains(&n.id) && n.subnet == *sub)
            .map(|n| n.private_ip)
            .find(|ip| cidr.is_some_and(|c| c.contains(ip.addr())) && !ips.contains(ip));
        let taken: Vec<Ip> = ips.iter().chain(&instance_ips).copied().collect();
        match real.or_else(|| free_address(s, sub, &taken)) {
            Some(ip) => {
                if real.is_none() {
                    chosen.push(ip.to_string());
                }
                ips.push(ip);
            }
            None => {
                notes.leave_out(&e.id, format!("subnet {sub} has no free address for it"));
                return;
            }
        }
    }
    notes.dropped(&e.id, dropped);
    if !chosen.is_empty() {
        notes.assume(&e.id, format!("describe-vpc-endpoints does not print an interface endpoint's addresses (describe-network-interfaces does, and it was not given for this one): the importer chose {}", chosen.join(", ")));
    }
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
