//! Transit gateways, their attachments and route tables from their records
//! (`docs/scenario-format.md` N8-N11). They are format 2's: a format 1 import (no security
//! group and network ACL outputs) leaves them out and says why.
//!
//! Inferred, each with a note in `assumed`:
//! - a transit gateway's Region, from its ARN, else from a VPC it attaches;
//! - the route table of a per-table output (`get-transit-gateway-route-table-associations`,
//!   `…-propagations`, `search-transit-gateway-routes`), which does not print it: the table
//!   its attachments are associated with (associations), else the only route table of their
//!   transit gateway; with several candidates the output is left out.
//!
//! Propagated routes are not copied: the engine propagates (T6).

use super::build::{Ids, DEFAULT_REGION};
use super::note::{Ref, Via, Why};
use super::records::{Notes, Records};
use super::tgw_records::{Resource, TableGroup, TgwAttRec};
use crate::kind::Kind;
use crate::model::*;
use std::collections::HashMap;

/// Why a format 1 import leaves a transit gateway resource out.
const FORMAT_1: &str = "transit gateways are in format 2 only, which the import writes when the output of aws ec2 describe-security-groups and aws ec2 describe-network-acls is given";

/// The transit gateways (before the VPN connections and VPC routes that name them).
pub(super) fn transit_gateways(r: &Records, notes: &mut Notes, s: &mut Scenario) {
    let t = &r.tgw;
    if !s.format.filters() {
        let ids = t.tgws.iter().map(|x| &x.id);
        let ids = ids.chain(t.attachments.iter().map(|x| &x.id));
        let ids = ids.chain(t.vpc_attachments.iter().map(|x| &x.id));
        for id in ids.chain(t.tables.iter().map(|x| &x.id)) {
            notes.leave_out(id, FORMAT_1);
        }
        return;
    }
    for g in &t.tgws {
        let region = g.region.clone().or_else(|| attached_region(r, s, &g.id));
        let region = match region {
            Some(r) => r,
            None => {
                notes.assume(&g.id, format!("its Region is not in the import (no ARN, no attached VPC): taken as {DEFAULT_REGION}"));
                DEFAULT_REGION.to_string()
            }
        };
        s.transit_gateways.push(TransitGateway {
            id: g.id.clone(),
            name: g.name.clone(),
            region,
            account: g
                .owner
                .clone()
                .unwrap_or_else(|| DEFAULT_ACCOUNT.to_string()),
            asn: g.asn.unwrap_or(DEFAULT_TGW_ASN),
        });
    }
}

/// The Region of a VPC of the scenario that an attachment joins to `tgw`.
fn attached_region(r: &Records, s: &Scenario, tgw: &str) -> Option<String> {
    let t = &r.tgw;
    let vpcs = t
        .vpc_attachments
        .iter()
        .filter(|a| a.tgw == tgw)
        .map(|a| a.vpc.as_str());
    let more = t
        .attachments
        .iter()
        .filter(|a| a.tgw == tgw)
        .filter_map(|a| match &a.resource {
            Resource::Vpc(v) => Some(v.as_str()),
            _ => None,
        });
    vpcs.chain(more)
        .find_map(|v| s.vpc(v).map(|v| v.region.clone()))
}

fn has_tgw(s: &Scenario, id: &str) -> bool {
    s.transit_gateways.iter().any(|g| g.id == id)
}

/// The attachments: those of `describe-transit-gateway-attachments`, then the VPC
/// attachments only `describe-transit-gateway-vpc-attachments` listed. A VPC attachment
/// takes its subnets from the latter. Returns each kept attachment's associated table.
pub(super) fn attachments(
    r: &Records,
    ids: &Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) -> HashMap<String, String> {
    let mut associated = HashMap::new();
    if !s.format.filters() {
        return associated;
    }
    let t = &r.tgw;
    let listed = t.attachments.iter().cloned();
    let only_vpc = t
        .vpc_attachments
        .iter()
        .filter(|v| !t.attachments.iter().any(|a| a.id == v.id))
        .map(|v| TgwAttRec {
            id: v.id.clone(),
            name: v.name.clone(),
            tgw: v.tgw.clone(),
            resource: Resource::Vpc(v.vpc.clone()),
            status: AttachmentStatus::Available,
            table: None,
        });
    for a in listed.chain(only_vpc) {
        let Some(att) = attachment(r, &a, ids, notes, s) else {
            continue;
        };
        if let Some(table) = &a.table {
            associated.insert(a.id.clone(), table.clone());
        }
        s.transit_gateway_attachments.push(att);
    }
    associated
}

/// One attachment, or `None` (left out, with a note naming every reference that did not
/// resolve).
fn attachment(
    r: &Records,
    a: &TgwAttRec,
    ids: &Ids,
    notes: &mut Notes,
    s: &Scenario,
) -> Option<TgwAttachment> {
    let mut missing = Vec::new();
    if !has_tgw(s, &a.tgw) {
        missing.push(ids.missing(notes, Via::TransitGateway, &a.tgw, Kind::TransitGateway));
    }
    let mut out = TgwAttachment {
        id: a.id.clone(),
        transit_gateway: a.tgw.clone(),
        kind: AttachmentType::Vpc,
        vpc: None,
        subnets: Vec::new(),
        vpn_connection: None,
        peer_transit_gateway: None,
        status: None,
        name: a.name.clone(),
    };
    match &a.resource {
        Resource::Vpc(vpc) => {
            if s.vpc(vpc).is_none() {
                missing.push(ids.missing(notes, Via::Attachment, vpc, Kind::Vpc));
            }
            let Some(v) = r.tgw.vpc_attachments.iter().find(|v| v.id == a.id) else {
                if missing.is_empty() {
                    notes.leave_out(&a.id, "its subnets are listed by aws ec2 describe-transit-gateway-vpc-attachments, which the import lacks");
                } else {
                    notes.unresolved(&a.id, missing);
                }
                return None;
            };
            let mut dropped = Vec::new();
            for sub in &v.subnets {
                match s.subnet(sub) {
                    Some(x) if x.vpc == *vpc => out.subnets.push(sub.clone()),
                    Some(x) => dropped.push(Ref {
                        via: Via::Subnet,
                        id: sub.clone(),
                        kind: Kind::Subnet,
                        why: Why::OtherVpc(x.vpc.clone()),
                    }),
                    None => dropped.push(ids.missing(notes, Via::Subnet, sub, Kind::Subnet)),
                }
            }
            if out.subnets.is_empty() {
                missing.extend(dropped);
            } else if !dropped.is_empty() && missing.is_empty() {
                notes.dropped(&a.id, dropped);
            }
            out.vpc = Some(vpc.clone());
        }
        Resource::Vpn(vpn) => {
            if !s.vpn_connections.iter().any(|v| v.id == *vpn) {
                missing.push(ids.missing(notes, Via::VpnConnection, vpn, Kind::VpnConnection));
            }
            out.kind = AttachmentType::Vpn;
            out.vpn_connection = Some(vpn.clone());
        }
        Resource::Peering(peer) => {
            if !has_tgw(s, peer) {
                let p = ids.missing(notes, Via::PeerTransitGateway, peer, Kind::TransitGateway);
                missing.push(p);
            }
            out.kind = AttachmentType::Peering;
            out.peer_transit_gateway = Some(peer.clone());
            out.status = (a.status != AttachmentStatus::Available).then_some(a.status);
        }
    }
    if !missing.is_empty() {
        notes.unresolved(&a.id, missing);
        return None;
    }
    Some(out)
}

/// The route tables, with the associations `describe-transit-gateway-attachments` printed,
/// then what each per-table output adds to the table it is about.
pub(super) fn route_tables(
    r: &Records,
    associated: &HashMap<String, String>,
    ids: &Ids,
    notes: &mut Notes,
    s: &mut Scenario,
) {
    if !s.format.filters() {
        return;
    }
    for t in &r.tgw.tables {
        if !has_tgw(s, &t.tgw) {
            let tgw = ids.missing(notes, Via::TransitGateway, &t.tgw, Kind::TransitGateway);
            notes.unresolved(&t.id, vec![tgw]);
            continue;
        }
        let associations = s
            .transit_gateway_attachments
            .iter()
            .filter(|a| associated.get(&a.id) == Some(&t.id))
            .map(|a| a.id.clone())
            .collect();
        s.transit_gateway_route_tables.push(TgwRouteTable {
            id: t.id.clone(),
            transit_gateway: t.tgw.clone(),
            associations,
            propagations: Vec::new(),
            routes: Vec::new(),
            name: t.name.clone(),
        });
    }
    for group in &r.tgw.groups {
        let Some(at) = table_of(group, associated, notes, s) else {
            continue;
        };
        add_group(group, at, ids, notes, s);
    }
}

/// The table a per-table output is about (module doc), with a note saying how it was
/// worked out; `None` (with a note) when it cannot be.
fn table_of(
    group: &TableGroup,
    associated: &HashMap<String, String>,
    notes: &mut Notes,
    s: &Scenario,
) -> Option<usize> {
    let cmd = group.command();
    let named = group.attachments();
    let position = |id: &str| {
        s.transit_gateway_route_tables
            .iter()
            .position(|t| t.id == id)
    };
    if let TableGroup::Associations(_) = group {
        let mut tables: Vec<&String> = named.iter().filter_map(|a| associated.get(*a)).collect();
        tables.dedup();
        if let ([one], Some(at)) = (tables.as_slice(), tables.first().and_then(|t| position(t))) {
            notes.assume(*one, format!("the output of {cmd} does not name its route table: it was read as {one}'s, the table describe-transit-gateway-attachments associates its attachments with"));
            return Some(at);
        }
    }
    let tgws: Vec<&str> = named
        .iter()
        .filter_map(|a| s.transit_gateway_attachments.iter().find(|x| x.id == *a))
        .map(|a| a.transit_gateway.as_str())
        .collect();
    let candidates: Vec<usize> = (0..s.transit_gateway_route_tables.len())
        .filter(|&i| {
            let t = &s.transit_gateway_route_tables[i];
            tgws.is_empty() || tgws.iter().all(|g| *g == t.transit_gateway)
        })
        .collect();
    match candidates.as_slice() {
        [one] => {
            let id = &s.transit_gateway_route_tables[*one].id;
            notes.assume(id, format!("the output of {cmd} does not name its route table: it was read as {id}'s, the only route table it can be about"));
            Some(*one)
        }
        [] => {
            notes.leave_out(cmd, "its output does not name the route table it is about, and the import holds no transit gateway route table it can be about: add the output of aws ec2 describe-transit-gateway-route-tables");
            None
        }
        many => {
            notes.leave_out(cmd, format!("its output does not name the route table it is about, and the import holds {} route tables it can be about: import it with the outputs of that table's transit gateway only", many.len()));
            None
        }
    }
}

/// Adds a per-table output to table `at`: attachments of the scenario only.
fn add_group(group: &TableGroup, at: usize, ids: &Ids, notes: &mut Notes, s: &mut Scenario) {
    let held: Vec<String> = s
        .transit_gateway_attachments
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let Some(t) = s.transit_gateway_route_tables.get_mut(at) else {
        return;
    };
    let mut dropped = Vec::new();
    let keep = |id: &str, via: Via, dropped: &mut Vec<Ref>| {
        let here = held.iter().any(|h| h == id);
        if !here {
            dropped.push(ids.missing(notes, via, id, Kind::TgwAttachment));
        }
        here
    };
    match group {
        TableGroup::Associations(list) | TableGroup::Propagations(list) => {
            let into = match group {
                TableGroup::Associations(_) => &mut t.associations,
                _ => &mut t.propagations,
            };
            for a in list {
                if keep(a, Via::TgwAttachment, &mut dropped) && !into.contains(a) {
                    into.push(a.clone());
                }
            }
        }
        TableGroup::Routes(routes) => {
            for route in routes {
                let target = match &route.attachment {
                    None => BLACKHOLE.to_string(),
                    Some(a) if keep(a, Via::Route(route.destination.to_string()), &mut dropped) => {
                        a.clone()
                    }
                    Some(_) => continue,
                };
                t.routes.push(TgwRoute {
                    destination: route.destination,
                    target,
                });
            }
        }
    }
    if !dropped.is_empty() {
        let id = t.id.clone();
        notes.dropped(id, dropped);
    }
}
