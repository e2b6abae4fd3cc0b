//! Findings about format 2's transit gateways (`docs/scenario-format.md` N12): attachments
//! (two subnets in one zone, a subnet of another VPC, a VPC attached twice, another Region,
//! a VPN that is not the attachment's, a peering with itself), route tables (an attachment
//! associated twice or of another transit gateway, a peering propagating, a VPC left out
//! for an overlapping CIDR, two static routes for one prefix) and the VPC route tables and
//! VPN connections that use them. Each names the JSON path of the value to change;
//! `validate` puts them in document order.
//! AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html>,
//! <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html>,
//! <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html>.

use crate::finding::{Finding, FindingCode as Code};
use crate::index::{At, Attached, Target};
use crate::load::Loaded;
use crate::model::{
    AttachmentType, RouteTable, Subnet, TgwAttachment, TgwRouteTable, TransitGateway, Vpc,
    VpnConnection,
};
use crate::tgw_routing::{self, LeftOut};
use std::collections::{HashMap, HashSet};

/// Every transit gateway finding of a format 2 scenario (none for format 1, which has no
/// transit gateway).
pub(super) fn findings(l: &Loaded, out: &mut Vec<Finding>) {
    vpc_routes(l, out);
    vpn_connections(l, out);
    attachments(l, out);
    for (i, _) in l.transit_gateway_route_tables.iter().enumerate() {
        route_table(l, At::new(i), out);
    }
}

fn id<T: crate::index::Listed>(l: &Loaded, at: At<T>) -> &str {
    l.get(at).map(|x| x.id()).unwrap_or("")
}

/// TGW_ROUTE_TARGET: a VPC route to a transit gateway its VPC has no attachment of (the
/// trace drops there: T5).
fn vpc_routes(l: &Loaded, out: &mut Vec<Finding>) {
    let ix = l.index();
    for (i, t) in l.route_tables.iter().enumerate() {
        let table = At::<RouteTable>::new(i);
        let Some(vpc) = ix.at::<Vpc>(&t.vpc) else {
            continue;
        };
        for (j, r) in t.routes.iter().enumerate() {
            let Some(Target::TransitGateway(tgw)) = ix.target(table, j) else {
                continue;
            };
            let attached = ix
                .vpc_tgw_attachments(vpc)
                .iter()
                .any(|a| ix.tgw_attachment(*a).is_some_and(|a| a.tgw == tgw));
            if !attached {
                out.push(Finding::new(
                    Code::TgwRouteTarget,
                    &t.id,
                    format!("route_tables[{i}].routes[{j}].target"),
                    format!(
                        "Route table {} sends {} to transit gateway {}, but {} has no VPC attachment of it: the route is a blackhole until the VPC is attached.",
                        t.id, r.destination, r.target, t.vpc
                    ),
                ));
            }
        }
    }
}

/// TGW_VPN_ATTACHMENT on a VPN connection that ends on a transit gateway with no `vpn`
/// attachment of that transit gateway naming it (N11.1): it carries nothing.
fn vpn_connections(l: &Loaded, out: &mut Vec<Finding>) {
    let ix = l.index();
    for (i, v) in l.vpn_connections.iter().enumerate() {
        let vpn = At::<VpnConnection>::new(i);
        let Some(tgw) = ix.vpn_tgw(vpn) else { continue };
        if ix.vpn_tgw_attachment(vpn).is_none() {
            out.push(Finding::new(
                Code::TgwVpnAttachment,
                &v.id,
                format!("vpn_connections[{i}].transit_gateway"),
                format!(
                    "VPN connection {} ends on transit gateway {}, which has no vpn attachment naming it: the VPN carries nothing until one is added.",
                    v.id,
                    id(l, tgw)
                ),
            ));
        }
    }
}

/// The findings about each attachment, in document order.
fn attachments(l: &Loaded, out: &mut Vec<Finding>) {
    let ix = l.index();
    // (VPC, transit gateway) -> the first VPC attachment joining them.
    let mut joined: HashMap<(At<Vpc>, At<TransitGateway>), &str> = HashMap::new();
    for (i, a) in l.transit_gateway_attachments.iter().enumerate() {
        let here = format!("transit_gateway_attachments[{i}]");
        let Some(x) = ix.tgw_attachment(At::new(i)) else {
            continue;
        };
        match x.attached {
            Attached::Vpc(vpc) => {
                attachment_subnets(l, a, &here, vpc, out);
                if let Some(first) = joined.get(&(vpc, x.tgw)) {
                    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
                    out.push(Finding::new(
                        Code::TgwDuplicateAttachment,
                        &a.id,
                        format!("{here}.vpc"),
                        format!(
                            "{} attaches {} to {} a second time ({first} already does): a VPC has one attachment per transit gateway, and the trace uses the first.",
                            a.id, id(l, vpc), a.transit_gateway
                        ),
                    ));
                } else {
                    joined.insert((vpc, x.tgw), &a.id);
                }
                let (vr, tr) = (l.get(vpc).map(|v| &v.region), l.get(x.tgw).map(|t| &t.region));
                if let (Some(vr), Some(tr)) = (vr, tr) {
                    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
                    if vr != tr {
                        out.push(Finding::new(
                            Code::TgwOtherRegion,
                            &a.id,
                            format!("{here}.vpc"),
                            format!(
                                "{} attaches {} ({vr}) to {} ({tr}): a transit gateway attaches VPCs of its own Region only; join Regions with a peering attachment.",
                                a.id, id(l, vpc), a.transit_gateway
                            ),
                        ));
                    }
                }
            }
            Attached::Vpn { vpn, .. } if !x.carries => {
                let ends = match (ix.vpn_tgw(vpn), l.get(vpn)) {
                    (Some(t), _) if t != x.tgw => format!("ends on transit gateway {}", id(l, t)),
                    (Some(_), _) => format!(
                        "is carried by {}, listed first",
                        ix.vpn_tgw_attachment(vpn).map(|a| id(l, a)).unwrap_or("")
                    ),
                    (None, Some(v)) => format!(
                        "ends on VPN gateway {}",
                        v.vpn_gateway.as_deref().unwrap_or("")
                    ),
                    (None, None) => String::new(),
                };
                out.push(Finding::new(
                    Code::TgwVpnAttachment,
                    &a.id,
                    format!("{here}.vpn_connection"),
                    format!(
                        "{} attaches VPN connection {} to {}, but the VPN {ends}: this attachment carries nothing.",
                        a.id, id(l, vpn), a.transit_gateway
                    ),
                ));
            }
            Attached::Peering(peer) if peer == x.tgw => out.push(Finding::new(
                Code::TgwPeeringSelf,
                &a.id,
                format!("{here}.peer_transit_gateway"),
                format!(
                    "{} peers transit gateway {} with itself: a peering attachment joins two transit gateways, so it carries nothing.",
                    a.id, a.transit_gateway
                ),
            )),
            _ => {}
        }
    }
}

/// SUBNET_OTHER_VPC and TGW_ATTACHMENT_AZ on a VPC attachment's subnets.
fn attachment_subnets(
    l: &Loaded,
    a: &TgwAttachment,
    here: &str,
    vpc: At<Vpc>,
    out: &mut Vec<Finding>,
) {
    let ix = l.index();
    let mut zones: HashMap<String, &str> = HashMap::new();
    for (j, sid) in a.subnets.iter().enumerate() {
        let Some(subnet) = ix.at::<Subnet>(sid) else {
            continue;
        };
        let path = format!("{here}.subnets[{j}]");
        let its = ix.subnet_vpc(subnet);
        if its != Some(vpc) {
            out.push(Finding::new(
                Code::SubnetOtherVpc,
                &a.id,
                path,
                format!(
                    "{} attaches {} and {sid} is a subnet of {}: an attachment's subnets are in its own VPC, so this entry is ignored.",
                    a.id,
                    id(l, vpc),
                    its.map(|v| id(l, v)).unwrap_or("")
                ),
            ));
            continue;
        }
        let az = l.get(subnet).map(|x| l.subnet_az(x)).unwrap_or_default();
        if let Some(first) = zones.get(&az) {
            out.push(Finding::new(
                Code::TgwAttachmentAz,
                &a.id,
                path,
                format!(
                    "{} has two subnets in {az}, {first} and {sid}: an attachment has one subnet per Availability Zone, and the trace uses the first.",
                    a.id
                ),
            ));
        } else {
            zones.insert(az, sid);
        }
    }
}

/// The findings about one transit gateway route table: its associations, propagations and
/// static routes.
fn route_table(l: &Loaded, table: At<TgwRouteTable>, out: &mut Vec<Finding>) {
    let ix = l.index();
    let (Some(t), Some(tgw)) = (l.get(table), ix.tgw_table_tgw(table)) else {
        return;
    };
    let here = format!("transit_gateway_route_tables[{}]", table.pos());
    let other = |a: At<TgwAttachment>| !ix.tgw_attachment(a).is_some_and(|x| x.touches(tgw));
    let other_tgw = |path: String, a: At<TgwAttachment>, what: &str| {
        let of = ix.tgw_attachment(a).map(|x| id(l, x.tgw)).unwrap_or("");
        Finding::new(
            Code::TgwAttachmentOtherTgw,
            &t.id,
            path,
            format!(
                "{} (of {}) {what} {}, an attachment of transit gateway {of}: a route table only uses its own transit gateway's attachments{}.",
                t.id,
                t.transit_gateway,
                id(l, a),
                if what == "routes to" { ", so this route is a blackhole" } else { ", so this entry is ignored" }
            ),
        )
    };
    for (j, &a) in ix.tgw_associations(table).iter().enumerate() {
        let path = format!("{here}.associations[{j}]");
        if other(a) {
            out.push(other_tgw(path, a, "associates"));
            continue;
        }
        let first = ix.tgw_association(a, tgw).filter(|f| *f != table);
        if let Some(first) = first {
            out.push(Finding::new(
                Code::TgwDuplicateAssociation,
                &t.id,
                path,
                format!(
                    "{} is already associated with {} on {}: an attachment is associated with one route table per transit gateway, and the trace uses the first.",
                    id(l, a),
                    id(l, first),
                    t.transit_gateway
                ),
            ));
        }
    }
    let computed = tgw_routing::table(l, table);
    for (j, &a) in ix.tgw_propagations(table).iter().enumerate() {
        let path = format!("{here}.propagations[{j}]");
        if other(a) {
            out.push(other_tgw(path, a, "propagates"));
            continue;
        }
        let kind = l.get(a).map(|x| x.kind);
        if kind == Some(AttachmentType::Peering) {
            out.push(Finding::new(
                Code::TgwPeeringPropagation,
                &t.id,
                path,
                format!(
                    "{} lists peering attachment {} in its propagations: a peering attachment propagates nothing, so reach the peer's networks with static routes.",
                    t.id,
                    id(l, a)
                ),
            ));
            continue;
        }
        let overlap = computed.left_out.iter().find_map(|x| match *x {
            LeftOut::Overlapping {
                attachment,
                cidr,
                with,
                existing,
            } if attachment == a => Some((cidr, with, existing)),
            _ => None,
        });
        if let Some((cidr, with, existing)) = overlap {
            out.push(Finding::new(
                Code::TgwOverlappingPropagation,
                id(l, a),
                path,
                format!(
                    "{} is not propagated into {}: its {cidr} overlaps {existing}, propagated there by {} first, and a VPC with an overlapping CIDR is not propagated at all.",
                    id(l, a),
                    t.id,
                    id(l, with)
                ),
            ));
        }
    }
    let mut prefixes = HashSet::new();
    for (j, r) in t.routes.iter().enumerate() {
        if let Some(crate::index::TgwTarget::Attachment(a)) = ix.tgw_target(table, j) {
            if other(a) {
                out.push(other_tgw(
                    format!("{here}.routes[{j}].target"),
                    a,
                    "routes to",
                ));
            }
        }
        if !prefixes.insert(r.destination) {
            out.push(Finding::new(
                Code::DuplicateRoute,
                &t.id,
                format!("{here}.routes[{j}].destination"),
                format!(
                    "{} has two static routes for {}: the first listed is used.",
                    t.id, r.destination
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::fixtures::{apply_to, Op, HUB, TGW};
    use crate::load::load;
    use crate::validate::validate;
    use Op::*;

    fn findings(ops: &[Op]) -> Vec<(String, String, String, String)> {
        let doc = apply_to(TGW, ops);
        let l = load(&doc).unwrap_or_else(|e| panic!("loads: {e}"));
        let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
        validate(&l)
            .into_iter()
            .map(|f| {
                // The path names a value of the document the learner can go and change.
                let pointer: String = f
                    .path
                    .split(['.', '['])
                    .map(|p| format!("/{}", p.trim_end_matches(']')))
                    .collect();
                assert!(
                    v.pointer(&pointer).is_some(),
                    "{} at {}",
                    f.code.as_str(),
                    f.path
                );
                (f.code.as_str().to_string(), f.resource, f.path, f.message)
            })
            .collect()
    }

    #[test]
    fn the_transit_gateway_examples_have_no_findings() {
        assert_eq!(findings(&[]), vec![]);
        assert_eq!(validate(&load(HUB).unwrap()), vec![]);
    }

    #[test]
    fn each_transit_gateway_code_is_found_with_its_message() {
        type Row<'a> = (&'a str, &'a str, &'a str, &'a str);
        let cases: &[(&[Op], &[Row])] = &[
            (
                &[Push("/transit_gateway_attachments/0/subnets", r#""subnet-a1""#), Push("/transit_gateway_attachments/0/subnets", r#""subnet-a2""#)],
                &[
                    ("TGW_ATTACHMENT_AZ", "tgw-attach-a", "transit_gateway_attachments[0].subnets[1]", "tgw-attach-a has two subnets in us-east-1a, subnet-a-tgw and subnet-a1: an attachment has one subnet per Availability Zone, and the trace uses the first."),
                ],
            ),
            (
                &[Push("/transit_gateway_attachments/0/subnets", r#""subnet-b1""#)],
                &[
                    ("SUBNET_OTHER_VPC", "tgw-attach-a", "transit_gateway_attachments[0].subnets[1]", "tgw-attach-a attaches vpc-a and subnet-b1 is a subnet of vpc-b: an attachment's subnets are in its own VPC, so this entry is ignored."),
                ],
            ),
            (
                &[Push("/transit_gateway_attachments", r#"{"id": "tgw-attach-a2", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-a", "subnets": ["subnet-a2"]}"#)],
                &[
                    ("TGW_DUPLICATE_ATTACHMENT", "tgw-attach-a2", "transit_gateway_attachments[6].vpc", "tgw-attach-a2 attaches vpc-a to tgw-1 a second time (tgw-attach-a already does): a VPC has one attachment per transit gateway, and the trace uses the first."),
                ],
            ),
            (
                &[Push("/transit_gateway_route_tables", r#"{"id": "tgw-rtb-3", "transit_gateway": "tgw-1", "associations": ["tgw-attach-b"]}"#)],
                &[
                    ("TGW_DUPLICATE_ASSOCIATION", "tgw-rtb-3", "transit_gateway_route_tables[2].associations[0]", "tgw-attach-b is already associated with tgw-rtb-1 on tgw-1: an attachment is associated with one route table per transit gateway, and the trace uses the first."),
                ],
            ),
            (
                &[Set("/route_tables/0/routes/0/target", r#""tgw-2""#)],
                &[
                    ("TGW_ROUTE_TARGET", "rtb-a", "route_tables[0].routes[0].target", "Route table rtb-a sends 0.0.0.0/0 to transit gateway tgw-2, but vpc-a has no VPC attachment of it: the route is a blackhole until the VPC is attached."),
                ],
            ),
            (
                &[Push("/transit_gateway_route_tables/0/associations", r#""tgw-attach-w""#), Push("/transit_gateway_route_tables/0/propagations", r#""tgw-attach-w""#), Push("/transit_gateway_route_tables/0/routes", r#"{"destination": "10.99.0.0/16", "target": "tgw-attach-w"}"#)],
                &[
                    ("TGW_ATTACHMENT_OTHER_TGW", "tgw-rtb-1", "transit_gateway_route_tables[0].associations[5]", "tgw-rtb-1 (of tgw-1) associates tgw-attach-w, an attachment of transit gateway tgw-2: a route table only uses its own transit gateway's attachments, so this entry is ignored."),
                    ("TGW_ATTACHMENT_OTHER_TGW", "tgw-rtb-1", "transit_gateway_route_tables[0].propagations[4]", "tgw-rtb-1 (of tgw-1) propagates tgw-attach-w, an attachment of transit gateway tgw-2: a route table only uses its own transit gateway's attachments, so this entry is ignored."),
                    ("TGW_ATTACHMENT_OTHER_TGW", "tgw-rtb-1", "transit_gateway_route_tables[0].routes[2].target", "tgw-rtb-1 (of tgw-1) routes to tgw-attach-w, an attachment of transit gateway tgw-2: a route table only uses its own transit gateway's attachments, so this route is a blackhole."),
                ],
            ),
            (
                &[Set("/transit_gateway_attachments/5/transit_gateway", r#""tgw-1""#), Set("/transit_gateway_route_tables/1/associations", r#"["tgw-attach-peer"]"#), Set("/transit_gateway_route_tables/1/propagations", "[]"), Set("/route_tables/3/routes/0/target", r#""tgw-1""#)],
                &[
                    ("TGW_OTHER_REGION", "tgw-attach-w", "transit_gateway_attachments[5].vpc", "tgw-attach-w attaches vpc-w (us-west-2) to tgw-1 (us-east-1): a transit gateway attaches VPCs of its own Region only; join Regions with a peering attachment."),
                ],
            ),
            (
                &[Set("/vpn_connections/0/transit_gateway", r#""tgw-2""#)],
                &[
                    ("TGW_VPN_ATTACHMENT", "vpn-1", "vpn_connections[0].transit_gateway", "VPN connection vpn-1 ends on transit gateway tgw-2, which has no vpn attachment naming it: the VPN carries nothing until one is added."),
                    ("TGW_VPN_ATTACHMENT", "tgw-attach-vpn", "transit_gateway_attachments[3].vpn_connection", "tgw-attach-vpn attaches VPN connection vpn-1 to tgw-1, but the VPN ends on transit gateway tgw-2: this attachment carries nothing."),
                ],
            ),
            (
                &[Set("/vpn_gateways", r#"[{"id": "vgw-a", "vpc": "vpc-a"}]"#), Remove("/vpn_connections/0/transit_gateway"), Set("/vpn_connections/0/vpn_gateway", r#""vgw-a""#)],
                &[
                    ("TGW_VPN_ATTACHMENT", "tgw-attach-vpn", "transit_gateway_attachments[3].vpn_connection", "tgw-attach-vpn attaches VPN connection vpn-1 to tgw-1, but the VPN ends on VPN gateway vgw-a: this attachment carries nothing."),
                ],
            ),
            (
                &[Push("/transit_gateway_attachments", r#"{"id": "tgw-attach-vpn2", "transit_gateway": "tgw-1", "type": "vpn", "vpn_connection": "vpn-1"}"#)],
                &[
                    ("TGW_VPN_ATTACHMENT", "tgw-attach-vpn2", "transit_gateway_attachments[6].vpn_connection", "tgw-attach-vpn2 attaches VPN connection vpn-1 to tgw-1, but the VPN is carried by tgw-attach-vpn, listed first: this attachment carries nothing."),
                ],
            ),
            (
                &[Set("/transit_gateway_attachments/4/peer_transit_gateway", r#""tgw-1""#), Set("/transit_gateway_route_tables/1/associations", r#"["tgw-attach-w"]"#), Set("/transit_gateway_route_tables/1/routes", "[]")],
                &[
                    ("TGW_PEERING_SELF", "tgw-attach-peer", "transit_gateway_attachments[4].peer_transit_gateway", "tgw-attach-peer peers transit gateway tgw-1 with itself: a peering attachment joins two transit gateways, so it carries nothing."),
                ],
            ),
            (
                &[Push("/transit_gateway_route_tables/0/propagations", r#""tgw-attach-peer""#)],
                &[
                    ("TGW_PEERING_PROPAGATION", "tgw-rtb-1", "transit_gateway_route_tables[0].propagations[4]", "tgw-rtb-1 lists peering attachment tgw-attach-peer in its propagations: a peering attachment propagates nothing, so reach the peer's networks with static routes."),
                ],
            ),
            (
                &[Push("/vpcs", r#"{"id": "vpc-d", "region": "us-east-1", "cidrs": ["10.5.0.0/16", "10.1.128.0/17"]}"#), Push("/subnets", r#"{"id": "subnet-d1", "vpc": "vpc-d", "az": "us-east-1a", "cidr": "10.5.1.0/24"}"#), Push("/transit_gateway_attachments", r#"{"id": "tgw-attach-d", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-d", "subnets": ["subnet-d1"]}"#), Push("/transit_gateway_route_tables/0/propagations", r#""tgw-attach-d""#)],
                &[
                    ("TGW_OVERLAPPING_PROPAGATION", "tgw-attach-d", "transit_gateway_route_tables[0].propagations[4]", "tgw-attach-d is not propagated into tgw-rtb-1: its 10.1.128.0/17 overlaps 10.1.0.0/16, propagated there by tgw-attach-b first, and a VPC with an overlapping CIDR is not propagated at all."),
                ],
            ),
            (
                &[Push("/transit_gateway_route_tables/0/routes", r#"{"destination": "10.66.0.0/16", "target": "tgw-attach-a"}"#)],
                &[
                    ("DUPLICATE_ROUTE", "tgw-rtb-1", "transit_gateway_route_tables[0].routes[2].destination", "tgw-rtb-1 has two static routes for 10.66.0.0/16: the first listed is used."),
                ],
            ),
        ];
        for (ops, want) in cases {
            let want: Vec<(String, String, String, String)> = want
                .iter()
                .map(|(c, r, p, m)| (c.to_string(), r.to_string(), p.to_string(), m.to_string()))
                .collect();
            assert_eq!(findings(ops), want);
        }
    }
}
