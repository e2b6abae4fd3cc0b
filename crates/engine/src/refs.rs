//! Every reference between resources in scenario formats 1 and 2, in one visitor: which field of
//! which resource names another resource's id, at which JSON path, and how it ties the two.
//!
//! The editor's dependency check, delete and rename walk the document with [`visit_refs`],
//! so they cannot disagree about what counts as a reference; the loader's reference checks
//! (`load/refs.rs`) are held to the same list by a test that dangles each reference in turn
//! and expects the loader to refuse it at the path given here (`tests/refs.rs`).

use crate::model::{Scenario, SgPeer, BLACKHOLE, IMPLICIT_SG_SUFFIX};
use std::collections::HashSet;

/// How a reference ties its owner to the referenced resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// The reference gives the owner its place (a subnet's VPC): the owner cannot stay
    /// without it, so deleting the target needs the owner deleted too.
    Place,
    /// A list membership (a table's subnet associations, a route): it can simply be removed.
    Member,
}

/// Where a reference is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site<'a> {
    /// The resource holding the reference (`lesson` for the lesson's trace).
    pub owner: &'a str,
    /// What the reference is, for messages (`route target`, `subnet association`).
    pub field: &'static str,
    pub tie: Tie,
    /// Its JSON path in the document, as load errors give it (`route_tables[0].routes[1].target`).
    pub path: String,
}

/// Visits each id of a list of references at `here[j]`, removing those `one` refuses.
fn member_list(
    one: &mut impl FnMut(&str, &'static str, Tie, String, &mut String) -> bool,
    owner: &str,
    field: &'static str,
    here: &str,
    list: &mut Vec<String>,
) {
    let mut j = 0..;
    list.retain_mut(|r| {
        let path = format!("{here}[{}]", j.next().unwrap_or(0));
        one(owner, field, Tie::Member, path, r)
    });
}

/// Visits a reference to a security group. An implicit default group's id
/// (`VPCID:default-sg`, `docs/scenario-format.md` N5.3) refers to its VPC: the VPC's id is
/// visited (so renaming or deleting the VPC follows it) and written back with the suffix.
fn group_ref(
    one: &mut impl FnMut(&str, &'static str, Tie, String, &mut String) -> bool,
    written: &HashSet<String>,
    (owner, field, path): (&str, &'static str, String),
    r: &mut String,
) -> bool {
    let vpc = r
        .strip_suffix(IMPLICIT_SG_SUFFIX)
        .filter(|_| !written.contains(r.as_str()));
    let Some(vpc) = vpc else {
        return one(owner, field, Tie::Member, path, r);
    };
    let mut vpc = vpc.to_string();
    let keep = one(
        owner,
        "VPC's default security group",
        Tie::Member,
        path,
        &mut vpc,
    );
    *r = format!("{vpc}{IMPLICIT_SG_SUFFIX}");
    keep
}

/// [`group_ref`] for each id of a list of group references at `here[j]`.
fn group_list(
    one: &mut impl FnMut(&str, &'static str, Tie, String, &mut String) -> bool,
    written: &HashSet<String>,
    owner: &str,
    here: &str,
    list: &mut Vec<String>,
) {
    let mut j = 0..;
    list.retain_mut(|r| {
        let path = format!("{here}[{}]", j.next().unwrap_or(0));
        group_ref(one, written, (owner, "security group", path), r)
    });
}

/// Calls `f(site, reference)` for every reference in the document, in document order,
/// mutably. Returning `false` from `f` asks for a `Member` reference to be removed from its
/// list (ignored for `Place` references). The lesson's trace destination is visited too,
/// although it may also be an address or a DNS name.
pub fn visit_refs(s: &mut Scenario, f: &mut dyn FnMut(&Site, &mut String) -> bool) {
    use Tie::*;
    let mut one = |owner: &str, field, tie, path: String, r: &mut String| {
        f(
            &Site {
                owner,
                field,
                tie,
                path,
            },
            r,
        )
    };
    let written: HashSet<String> = s.security_groups.iter().map(|g| g.id.clone()).collect();
    for (i, x) in s.subnets.iter_mut().enumerate() {
        one(&x.id, "VPC", Place, format!("subnets[{i}].vpc"), &mut x.vpc);
    }
    for (i, t) in s.route_tables.iter_mut().enumerate() {
        let here = format!("route_tables[{i}]");
        one(&t.id, "VPC", Place, format!("{here}.vpc"), &mut t.vpc);
        let id = t.id.clone();
        let mut j = 0..;
        t.subnets.retain_mut(|r| {
            let path = format!("{here}.subnets[{}]", j.next().unwrap_or(0));
            one(&id, "subnet association", Member, path, r)
        });
        let mut j = 0..;
        t.propagating_gateways.retain_mut(|r| {
            let path = format!("{here}.propagating_gateways[{}]", j.next().unwrap_or(0));
            one(&id, "route propagation", Member, path, r)
        });
        let mut j = 0..;
        t.routes.retain_mut(|r| {
            let path = format!("{here}.routes[{}].target", j.next().unwrap_or(0));
            one(&id, "route target", Member, path, &mut r.target)
        });
    }
    for (i, x) in s.instances.iter_mut().enumerate() {
        let path = format!("instances[{i}].subnet");
        one(&x.id, "subnet", Place, path, &mut x.subnet);
        let here = format!("instances[{i}].security_groups");
        group_list(&mut one, &written, &x.id, &here, &mut x.security_groups);
    }
    for (i, x) in s.internet_gateways.iter_mut().enumerate() {
        if let Some(v) = &mut x.vpc {
            one(
                &x.id,
                "attachment",
                Place,
                format!("internet_gateways[{i}].vpc"),
                v,
            );
        }
    }
    for (i, x) in s.nat_gateways.iter_mut().enumerate() {
        let path = format!("nat_gateways[{i}].subnet");
        one(&x.id, "subnet", Place, path, &mut x.subnet);
    }
    for (i, x) in s.peering_connections.iter_mut().enumerate() {
        let here = format!("peering_connections[{i}]");
        let path = format!("{here}.requester");
        one(&x.id, "requester VPC", Place, path, &mut x.requester);
        let path = format!("{here}.accepter");
        one(&x.id, "accepter VPC", Place, path, &mut x.accepter);
    }
    for (i, e) in s.vpc_endpoints.iter_mut().enumerate() {
        let here = format!("vpc_endpoints[{i}]");
        one(&e.id, "VPC", Place, format!("{here}.vpc"), &mut e.vpc);
        let id = e.id.clone();
        let mut j = 0..;
        e.route_tables.retain_mut(|r| {
            let path = format!("{here}.route_tables[{}]", j.next().unwrap_or(0));
            one(&id, "route table", Member, path, r)
        });
        // Subnets and private IPs are paired by position: drop both together.
        let keep: Vec<bool> = e
            .subnets
            .iter_mut()
            .enumerate()
            .map(|(j, r)| one(&id, "subnet", Member, format!("{here}.subnets[{j}]"), r))
            .collect();
        let mut k = keep.iter();
        e.subnets.retain(|_| k.next().copied().unwrap_or(true));
        let mut k = keep.iter();
        e.private_ips.retain(|_| k.next().copied().unwrap_or(true));
        let here = format!("{here}.security_groups");
        group_list(&mut one, &written, &id, &here, &mut e.security_groups);
    }
    for (i, x) in s.vpn_gateways.iter_mut().enumerate() {
        if let Some(v) = &mut x.vpc {
            one(
                &x.id,
                "attachment",
                Place,
                format!("vpn_gateways[{i}].vpc"),
                v,
            );
        }
    }
    for (i, x) in s.customer_gateways.iter_mut().enumerate() {
        let path = format!("customer_gateways[{i}].network");
        one(&x.id, "on-premises network", Place, path, &mut x.network);
    }
    for (i, x) in s.vpn_connections.iter_mut().enumerate() {
        let here = format!("vpn_connections[{i}]");
        if let Some(g) = &mut x.vpn_gateway {
            one(
                &x.id,
                "VPN gateway",
                Place,
                format!("{here}.vpn_gateway"),
                g,
            );
        }
        if let Some(g) = &mut x.transit_gateway {
            let path = format!("{here}.transit_gateway");
            one(&x.id, "transit gateway", Place, path, g);
        }
        let path = format!("{here}.customer_gateway");
        one(
            &x.id,
            "customer gateway",
            Place,
            path,
            &mut x.customer_gateway,
        );
    }
    for (i, x) in s.dx_connections.iter_mut().enumerate() {
        let path = format!("dx_connections[{i}].network");
        one(&x.id, "on-premises network", Place, path, &mut x.network);
    }
    for (i, x) in s.dx_virtual_interfaces.iter_mut().enumerate() {
        let here = format!("dx_virtual_interfaces[{i}]");
        let path = format!("{here}.connection");
        one(&x.id, "connection", Place, path, &mut x.connection);
        if let Some(v) = &mut x.vpn_gateway {
            one(
                &x.id,
                "VPN gateway",
                Place,
                format!("{here}.vpn_gateway"),
                v,
            );
        }
    }
    for (i, n) in s.onprem_networks.iter_mut().enumerate() {
        let id = n.id.clone();
        let mut j = 0..;
        n.routes.retain_mut(|r| {
            let path = format!("onprem_networks[{i}].routes[{}].via", j.next().unwrap_or(0));
            one(&id, "on-premises route", Member, path, &mut r.via)
        });
    }
    for (i, g) in s.security_groups.iter_mut().enumerate() {
        let here = format!("security_groups[{i}]");
        one(&g.id, "VPC", Place, format!("{here}.vpc"), &mut g.vpc);
        // A rule whose peer is a group is removed with the group (N2.3).
        let id = g.id.clone();
        let mut j = 0..;
        g.ingress.retain_mut(|r| {
            let path = format!("{here}.ingress[{}].source", j.next().unwrap_or(0));
            match &mut r.source {
                SgPeer::Group(peer) => {
                    group_ref(&mut one, &written, (&id, "rule source", path), peer)
                }
                _ => true,
            }
        });
        if let Some(egress) = &mut g.egress {
            let mut j = 0..;
            egress.retain_mut(|r| {
                let path = format!("{here}.egress[{}].destination", j.next().unwrap_or(0));
                match &mut r.destination {
                    SgPeer::Group(peer) => {
                        group_ref(&mut one, &written, (&id, "rule destination", path), peer)
                    }
                    _ => true,
                }
            });
        }
    }
    for (i, a) in s.network_acls.iter_mut().enumerate() {
        let here = format!("network_acls[{i}]");
        one(&a.id, "VPC", Place, format!("{here}.vpc"), &mut a.vpc);
        let here = format!("{here}.subnets");
        member_list(&mut one, &a.id, "subnet association", &here, &mut a.subnets);
    }
    transit_gateways(s, &mut one);
    if let Some(t) = s.lesson.as_mut().and_then(|l| l.trace.as_mut()) {
        let (from, to) = ("lesson.trace.from", "lesson.trace.to");
        one(
            "lesson",
            "lesson trace source",
            Place,
            from.into(),
            &mut t.from,
        );
        one(
            "lesson",
            "lesson trace destination",
            Place,
            to.into(),
            &mut t.to,
        );
    }
}

/// The references of format 2's transit gateway attachments and route tables (N9, N10);
/// a static route to `"blackhole"` names nothing.
fn transit_gateways(
    s: &mut Scenario,
    one: &mut impl FnMut(&str, &'static str, Tie, String, &mut String) -> bool,
) {
    use Tie::*;
    for (i, a) in s.transit_gateway_attachments.iter_mut().enumerate() {
        let here = format!("transit_gateway_attachments[{i}]");
        let path = format!("{here}.transit_gateway");
        one(
            &a.id,
            "transit gateway",
            Place,
            path,
            &mut a.transit_gateway,
        );
        if let Some(v) = &mut a.vpc {
            one(&a.id, "VPC", Place, format!("{here}.vpc"), v);
        }
        let sub = format!("{here}.subnets");
        member_list(one, &a.id, "subnet", &sub, &mut a.subnets);
        if let Some(v) = &mut a.vpn_connection {
            let path = format!("{here}.vpn_connection");
            one(&a.id, "VPN connection", Place, path, v);
        }
        if let Some(p) = &mut a.peer_transit_gateway {
            let path = format!("{here}.peer_transit_gateway");
            one(&a.id, "peer transit gateway", Place, path, p);
        }
    }
    for (i, t) in s.transit_gateway_route_tables.iter_mut().enumerate() {
        let here = format!("transit_gateway_route_tables[{i}]");
        let path = format!("{here}.transit_gateway");
        one(
            &t.id,
            "transit gateway",
            Place,
            path,
            &mut t.transit_gateway,
        );
        let list = format!("{here}.associations");
        member_list(one, &t.id, "association", &list, &mut t.associations);
        let list = format!("{here}.propagations");
        member_list(one, &t.id, "propagation", &list, &mut t.propagations);
        let id = t.id.clone();
        let mut j = 0..;
        t.routes.retain_mut(|r| {
            let path = format!("{here}.routes[{}].target", j.next().unwrap_or(0));
            r.target == BLACKHOLE || one(&id, "route target", Member, path, &mut r.target)
        });
    }
}
