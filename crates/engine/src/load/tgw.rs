//! Stage 4 of loading for format 2's transit gateways (`docs/scenario-format.md` N8-N11):
//! each transit gateway's account, each attachment's keys for its type and what it joins,
//! each route table's transit gateway, associations, propagations and static route
//! targets, and the end of each VPN connection (a VPN gateway or a transit gateway).
//! Everything resolved goes into the index's [`Tgws`].
//!
//! A format 1 document may hold none of it (N1.2): a scenario built in code is refused
//! here, a document already by `format2.rs`. What is readable but wrong (a subnet of
//! another VPC, an attachment of another transit gateway, two subnets in one zone) loads
//! and is a finding (`validate/tgw.rs`).

use super::format2::{attachment_key_message, format1_message};
use super::refs::expect_one;
use super::LoadError;
use crate::index::{At, Attached, AttachmentIx, Index, TgwTarget, Tgws};
use crate::model::{
    AttachmentType, CustomerGateway, OnpremNetwork, Scenario, Subnet, TgwAttachment, TgwRouteTable,
    TransitGateway, Vpc, VpnConnection, BLACKHOLE,
};

/// Checks and resolves the transit gateways into `ix`; in format 1, refuses any of them.
pub(super) fn check(s: &Scenario, ix: &mut Index) -> Result<(), LoadError> {
    if !s.format.filters() {
        return match format2_content(s) {
            Some((path, key)) => Err(LoadError::at(path, format1_message(key))),
            None => Ok(()),
        };
    }
    let mut t = Tgws {
        tgw_attachments: vec![Vec::new(); s.transit_gateways.len()],
        tgw_tables: vec![Vec::new(); s.transit_gateways.len()],
        vpc_attachments: vec![Vec::new(); s.vpcs.len()],
        ..Tgws::default()
    };
    transit_gateways(s)?;
    vpn_ends(s, ix, &mut t)?;
    attachments(s, ix, &mut t)?;
    route_tables(s, ix, &mut t)?;
    vpn_attachments(s, &mut t);
    ix.tgw = t;
    Ok(())
}

/// The first transit gateway value of a scenario built in code (its path and key).
fn format2_content(s: &Scenario) -> Option<(String, &'static str)> {
    let vpn = s
        .vpn_connections
        .iter()
        .position(|v| v.transit_gateway.is_some());
    if let Some(i) = vpn {
        Some((
            format!("vpn_connections[{i}].transit_gateway"),
            "transit_gateway",
        ))
    } else if !s.transit_gateways.is_empty() {
        Some(("transit_gateways".into(), "transit_gateways"))
    } else if !s.transit_gateway_attachments.is_empty() {
        let key = "transit_gateway_attachments";
        Some((key.into(), key))
    } else if !s.transit_gateway_route_tables.is_empty() {
        let key = "transit_gateway_route_tables";
        Some((key.into(), key))
    } else {
        None
    }
}

/// Transit gateways: a Region and a 12-digit account (N8).
fn transit_gateways(s: &Scenario) -> Result<(), LoadError> {
    for (i, g) in s.transit_gateways.iter().enumerate() {
        if g.region.trim().is_empty() {
            return Err(LoadError::at(
                format!("transit_gateways[{i}].region"),
                format!(
                    "{} needs a Region: a transit gateway is a regional router",
                    g.id
                ),
            ));
        }
        if g.account.len() != 12 || !g.account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LoadError::at(
                format!("transit_gateways[{i}].account"),
                format!(
                    "{:?} is not an AWS account id: expected 12 digits",
                    g.account
                ),
            ));
        }
    }
    Ok(())
}

/// Each VPN connection ends on exactly one of a VPN gateway and a transit gateway (N11.1);
/// the VPN gateway end is resolved by `refs.rs`, the transit gateway end here.
fn vpn_ends(s: &Scenario, ix: &Index, t: &mut Tgws) -> Result<(), LoadError> {
    for (i, v) in s.vpn_connections.iter().enumerate() {
        let here = format!("vpn_connections[{i}]");
        let tgw = match &v.transit_gateway {
            Some(g) => Some(expect_one::<TransitGateway>(
                ix,
                &format!("{here}.transit_gateway"),
                g,
            )?),
            None => None,
        };
        t.vpn_tgw.push(tgw);
    }
    Ok(())
}

/// The first key of `a` that is set and belongs to another type, in the struct's key order.
fn foreign_keys(a: &TgwAttachment) -> Option<&'static str> {
    let set = [
        ("vpc", a.vpc.is_some()),
        ("subnets", !a.subnets.is_empty()),
        ("vpn_connection", a.vpn_connection.is_some()),
        ("peer_transit_gateway", a.peer_transit_gateway.is_some()),
        ("status", a.status.is_some()),
    ];
    set.into_iter()
        .find(|(k, on)| *on && !a.kind.own_keys().contains(k))
        .map(|(k, _)| k)
}

/// A key an attachment of its type requires, missing.
fn missing(here: &str, key: &str, a: &TgwAttachment, what: &str) -> LoadError {
    LoadError::at(
        here,
        format!(
            "missing field `{key}`: {} is a {} attachment, which names {what}",
            a.id,
            a.kind.as_str()
        ),
    )
}

/// Attachments: their transit gateway, the keys of their type and what they join (N9).
fn attachments(s: &Scenario, ix: &Index, t: &mut Tgws) -> Result<(), LoadError> {
    for (i, a) in s.transit_gateway_attachments.iter().enumerate() {
        let here = format!("transit_gateway_attachments[{i}]");
        let at = At::<TgwAttachment>::new(i);
        let tgw = expect_one::<TransitGateway>(
            ix,
            &format!("{here}.transit_gateway"),
            &a.transit_gateway,
        )?;
        if let Some(key) = foreign_keys(a) {
            let owner = AttachmentType::ALL
                .into_iter()
                .find(|k| k.own_keys().contains(&key))
                .unwrap_or(a.kind);
            return Err(LoadError::at(
                format!("{here}.{key}"),
                attachment_key_message(a.kind, owner, key),
            ));
        }
        let mut subnets = Vec::new();
        let mut carries = true;
        let attached = match a.kind {
            AttachmentType::Vpc => {
                let Some(v) = &a.vpc else {
                    return Err(missing(&here, "vpc", a, "the VPC it attaches"));
                };
                let vpc = expect_one::<Vpc>(ix, &format!("{here}.vpc"), v)?;
                if a.subnets.is_empty() {
                    return Err(LoadError::at(
                        format!("{here}.subnets"),
                        format!(
                            "{} needs at least one subnet: a VPC attachment places a network interface in one subnet per Availability Zone",
                            a.id
                        ),
                    ));
                }
                for (j, sub) in a.subnets.iter().enumerate() {
                    let subnet = expect_one::<Subnet>(ix, &format!("{here}.subnets[{j}]"), sub)?;
                    // A subnet of another VPC is the finding SUBNET_OTHER_VPC; it is ignored.
                    if ix.subnet_vpc(subnet) == Some(vpc) {
                        let az = s
                            .subnets
                            .get(subnet.pos())
                            .map(|x| s.subnet_az(x))
                            .unwrap_or_default();
                        subnets.push((subnet, az.into_boxed_str()));
                    }
                }
                if let Some(list) = t.vpc_attachments.get_mut(vpc.pos()) {
                    list.push(at);
                }
                Attached::Vpc(vpc)
            }
            AttachmentType::Vpn => {
                let Some(v) = &a.vpn_connection else {
                    return Err(missing(
                        &here,
                        "vpn_connection",
                        a,
                        "the VPN connection it attaches",
                    ));
                };
                let vpn = expect_one::<VpnConnection>(ix, &format!("{here}.vpn_connection"), v)?;
                // `refs.rs` resolved every customer gateway's network before this stage.
                let Some(network) = network_of(s, ix, vpn) else {
                    return Err(LoadError::at(
                        format!("{here}.vpn_connection"),
                        "the VPN connection's customer gateway names no on-premises network",
                    ));
                };
                carries = t.vpn_tgw.get(vpn.pos()).copied().flatten() == Some(tgw);
                Attached::Vpn { vpn, network }
            }
            AttachmentType::Peering => {
                let Some(p) = &a.peer_transit_gateway else {
                    return Err(missing(
                        &here,
                        "peer_transit_gateway",
                        a,
                        "the transit gateway it peers with",
                    ));
                };
                let peer =
                    expect_one::<TransitGateway>(ix, &format!("{here}.peer_transit_gateway"), p)?;
                carries = peer != tgw;
                if let Some(list) = t
                    .tgw_attachments
                    .get_mut(peer.pos())
                    .filter(|_| peer != tgw)
                {
                    list.push(at);
                }
                Attached::Peering(peer)
            }
        };
        if let Some(list) = t.tgw_attachments.get_mut(tgw.pos()) {
            list.push(at);
        }
        t.attachments.push(AttachmentIx {
            tgw,
            attached,
            subnets,
            carries,
        });
    }
    // Peering attachments joined their peer's list after its own attachments listed
    // before them: keep each list in document order.
    for list in &mut t.tgw_attachments {
        crate::stable_sort::sort_by_key(list, |a| a.pos());
    }
    t.association = vec![[None, None]; s.transit_gateway_attachments.len()];
    Ok(())
}

/// A VPN connection's customer gateway resolved already (`refs.rs`): its network.
fn network_of(s: &Scenario, ix: &Index, vpn: At<VpnConnection>) -> Option<At<OnpremNetwork>> {
    let v = s.vpn_connections.get(vpn.pos())?;
    let cgw = ix.at::<CustomerGateway>(&v.customer_gateway)?;
    ix.at::<OnpremNetwork>(&s.customer_gateways.get(cgw.pos())?.network)
}

/// Route tables: their transit gateway, associations, propagations and static routes
/// (N10); each attachment's association on each side is the first table of that side's
/// transit gateway listing it (T5).
fn route_tables(s: &Scenario, ix: &Index, t: &mut Tgws) -> Result<(), LoadError> {
    for (i, r) in s.transit_gateway_route_tables.iter().enumerate() {
        let here = format!("transit_gateway_route_tables[{i}]");
        let table = At::<TgwRouteTable>::new(i);
        let tgw = expect_one::<TransitGateway>(
            ix,
            &format!("{here}.transit_gateway"),
            &r.transit_gateway,
        )?;
        if let Some(list) = t.tgw_tables.get_mut(tgw.pos()) {
            list.push(table);
        }
        t.table_tgw.push(tgw);
        let mut associations = Vec::with_capacity(r.associations.len());
        for (j, a) in r.associations.iter().enumerate() {
            let at = expect_one::<TgwAttachment>(ix, &format!("{here}.associations[{j}]"), a)?;
            associations.push(at);
            let sides = t.attachments.get(at.pos()).map(|x| x.sides());
            let slot = t.association.get_mut(at.pos());
            if let (Some(sides), Some(slot)) = (sides, slot) {
                for (side, owner) in sides.into_iter().enumerate() {
                    if owner == Some(tgw) && slot[side].is_none() {
                        slot[side] = Some(table);
                    }
                }
            }
        }
        t.associations.push(associations);
        let mut propagations = Vec::with_capacity(r.propagations.len());
        for (j, a) in r.propagations.iter().enumerate() {
            propagations.push(expect_one::<TgwAttachment>(
                ix,
                &format!("{here}.propagations[{j}]"),
                a,
            )?);
        }
        t.propagations.push(propagations);
        let mut targets = Vec::with_capacity(r.routes.len());
        for (j, route) in r.routes.iter().enumerate() {
            targets.push(tgw_target(
                ix,
                &format!("{here}.routes[{j}].target"),
                &route.target,
            )?);
        }
        t.targets.push(targets);
    }
    Ok(())
}

/// A static route's target: `"blackhole"` or an attachment.
fn tgw_target(ix: &Index, path: &str, target: &str) -> Result<TgwTarget, LoadError> {
    if target == BLACKHOLE {
        return Ok(TgwTarget::Blackhole);
    }
    match ix.entry(target) {
        Some(e) if e.kind == crate::kind::Kind::TgwAttachment => {
            Ok(TgwTarget::Attachment(At::new(e.pos())))
        }
        found => Err(LoadError::at(
            path,
            format!(
                "{target:?} {}; expected the id of a transit gateway attachment or \"blackhole\"",
                match found {
                    Some(e) => format!("is {}", e.kind.article_name()),
                    None => "names nothing in this scenario".to_string(),
                }
            ),
        )),
    }
}

/// Each VPN connection on a transit gateway: the first `vpn` attachment of that transit
/// gateway naming it carries it (N11.1); a later one carries nothing.
fn vpn_attachments(s: &Scenario, t: &mut Tgws) {
    t.vpn_attachment = vec![None; s.vpn_connections.len()];
    for (i, a) in t.attachments.iter_mut().enumerate() {
        let Attached::Vpn { vpn, .. } = a.attached else {
            continue;
        };
        let Some(slot) = t.vpn_attachment.get_mut(vpn.pos()) else {
            continue;
        };
        if a.carries && slot.is_none() {
            *slot = Some(At::new(i));
        } else {
            a.carries = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::index::{At, Attached, TgwEntry, TgwTarget};
    use crate::load::fixtures::{apply_to, Op, HUB, TGW};
    use crate::load::{load, Loaded};
    use crate::model::{Subnet, TgwAttachment, TgwRouteTable, TransitGateway, Vpc, VpnConnection};

    fn with(ops: &[Op]) -> Result<Loaded, String> {
        load(&apply_to(TGW, ops)).map_err(|e| e.to_string())
    }

    #[test]
    fn the_examples_load_and_round_trip() {
        for doc in [HUB, TGW] {
            let s = load(doc).unwrap();
            let again = load(&serde_json::to_string(&s).unwrap()).unwrap();
            assert_eq!(again, s);
        }
        let s = load(TGW).unwrap();
        let g = s.lookup::<TransitGateway>("tgw-2").unwrap();
        assert_eq!((g.account.as_str(), g.asn), ("000000000000", 64513));
        let p = s.lookup::<TgwAttachment>("tgw-attach-peer").unwrap();
        assert_eq!(p.status(), crate::model::AttachmentStatus::Available);
    }

    #[test]
    fn load_resolves_attachments_tables_and_vpns() {
        let s = load(TGW).unwrap();
        let ix = s.index();
        let at = |id: &str| ix.at::<TgwAttachment>(id).unwrap();
        let tgw = |id: &str| ix.at::<TransitGateway>(id).unwrap();
        let table = |id: &str| ix.at::<TgwRouteTable>(id).unwrap();
        let vpc = |id: &str| ix.at::<Vpc>(id).unwrap();
        let subnet = |id: &str| ix.at::<Subnet>(id).unwrap();
        let vpn = ix.at::<VpnConnection>("vpn-1").unwrap();

        let a = ix.tgw_attachment(at("tgw-attach-a")).unwrap();
        assert_eq!(a.attached, Attached::Vpc(vpc("vpc-a")));
        assert_eq!(a.subnet_in("us-east-1a"), Some(subnet("subnet-a-tgw")));
        assert_eq!(a.subnet_in("us-east-1b"), None);
        assert!(a.carries);
        // T5: the sending subnet's zone picks the attachment's subnet.
        assert_eq!(
            ix.tgw_entry(vpc("vpc-a"), tgw("tgw-1"), "us-east-1a"),
            TgwEntry::Via {
                attachment: at("tgw-attach-a"),
                subnet: subnet("subnet-a-tgw")
            }
        );
        assert_eq!(
            ix.tgw_entry(vpc("vpc-a"), tgw("tgw-1"), "us-east-1b"),
            TgwEntry::NoSubnetInAz(at("tgw-attach-a"))
        );
        assert_eq!(
            ix.tgw_entry(vpc("vpc-a"), tgw("tgw-2"), "us-east-1a"),
            TgwEntry::NotAttached
        );
        // T7: out of the transit gateway into the zone it entered, else the first subnet.
        assert_eq!(
            ix.tgw_exit_subnet(at("tgw-attach-a"), Some("us-east-1b")),
            Some(subnet("subnet-a-tgw"))
        );
        // A peering attachment has a table on each side.
        let peer = at("tgw-attach-peer");
        assert_eq!(
            ix.tgw_association(peer, tgw("tgw-1")),
            Some(table("tgw-rtb-1"))
        );
        assert_eq!(
            ix.tgw_association(peer, tgw("tgw-2")),
            Some(table("tgw-rtb-2"))
        );
        assert_eq!(ix.tgw_association(at("tgw-attach-a"), tgw("tgw-2")), None);
        assert_eq!(ix.tgw_attachments(tgw("tgw-2")), [peer, at("tgw-attach-w")]);
        assert_eq!(ix.tgw_tables(tgw("tgw-1")), [table("tgw-rtb-1")]);
        assert_eq!(
            ix.tgw_target(table("tgw-rtb-1"), 0),
            Some(TgwTarget::Attachment(peer))
        );
        assert_eq!(
            ix.tgw_target(table("tgw-rtb-1"), 1),
            Some(TgwTarget::Blackhole)
        );
        // The VPN ends on tgw-1 and its attachment carries it.
        assert_eq!(ix.vpn_tgw(vpn), Some(tgw("tgw-1")));
        assert_eq!(ix.vpn_tgw_attachment(vpn), Some(at("tgw-attach-vpn")));
        assert!(matches!(
            ix.tgw_attachment(at("tgw-attach-vpn")).unwrap().attached,
            Attached::Vpn { .. }
        ));
        assert_eq!(ix.vpc_tgw_attachments(vpc("vpc-w")), [at("tgw-attach-w")]);
    }

    #[test]
    fn attachments_that_carry_nothing() {
        // A second attachment of the same VPN, a VPN attachment on another transit gateway,
        // a peering with itself.
        let s = with(&[
            Op::Push(
                "/transit_gateway_attachments",
                r#"{"id": "tgw-attach-vpn2", "transit_gateway": "tgw-1", "type": "vpn", "vpn_connection": "vpn-1"}"#,
            ),
            Op::Push(
                "/transit_gateway_attachments",
                r#"{"id": "tgw-attach-vpn3", "transit_gateway": "tgw-2", "type": "vpn", "vpn_connection": "vpn-1"}"#,
            ),
            Op::Push(
                "/transit_gateway_attachments",
                r#"{"id": "tgw-attach-self", "transit_gateway": "tgw-2", "type": "peering", "peer_transit_gateway": "tgw-2"}"#,
            ),
        ])
        .unwrap();
        let ix = s.index();
        let carries = |id: &str| {
            ix.tgw_attachment(ix.at::<TgwAttachment>(id).unwrap())
                .unwrap()
                .carries
        };
        assert!(carries("tgw-attach-vpn"));
        assert!(!carries("tgw-attach-vpn2"));
        assert!(!carries("tgw-attach-vpn3"));
        assert!(!carries("tgw-attach-self"));
    }

    #[test]
    fn edits_of_a_transit_gateway_document_give_these_errors() {
        use Op::*;
        let cases: &[(&[Op], &str)] = &[
            (&[Set("/transit_gateways/0/account", r#""12""#)], r#"transit_gateways[0].account: "12" is not an AWS account id: expected 12 digits"#),
            (&[Remove("/transit_gateways/0/region")], "transit_gateways[0]: missing field `region`"),
            (&[Set("/transit_gateways/0/region", r#""""#)], "transit_gateways[0].region: tgw-1 needs a Region: a transit gateway is a regional router"),
            (&[Set("/transit_gateways/0/asn", "-1")], "transit_gateways[0].asn: invalid value: integer `-1`, expected u32"),
            (&[Set("/transit_gateway_attachments/0/transit_gateway", r#""vpc-a""#)], r#"transit_gateway_attachments[0].transit_gateway: "vpc-a" is a VPC; expected the id of a transit gateway"#),
            (&[Set("/transit_gateway_attachments/0/type", r#""vpc-peering""#)], "transit_gateway_attachments[0].type: unknown variant `vpc-peering`, expected one of `vpc`, `vpn`, `peering`"),
            (&[Set("/transit_gateway_attachments/0/vpn_connection", r#""vpn-1""#)], "transit_gateway_attachments[0].vpn_connection: unknown field `vpn_connection` on a vpc attachment: it belongs to a vpn attachment"),
            (&[Set("/transit_gateway_attachments/3/subnets", "[]")], "transit_gateway_attachments[3].subnets: unknown field `subnets` on a vpn attachment: it belongs to a vpc attachment"),
            (&[Set("/transit_gateway_attachments/0/status", r#""available""#)], "transit_gateway_attachments[0].status: unknown field `status` on a vpc attachment: it belongs to a peering attachment"),
            (&[Set("/transit_gateway_attachments/4/vpc", r#""vpc-a""#)], "transit_gateway_attachments[4].vpc: unknown field `vpc` on a peering attachment: it belongs to a vpc attachment"),
            (&[Remove("/transit_gateway_attachments/0/vpc")], "transit_gateway_attachments[0]: missing field `vpc`: tgw-attach-a is a vpc attachment, which names the VPC it attaches"),
            (&[Set("/transit_gateway_attachments/0/subnets", "[]")], "transit_gateway_attachments[0].subnets: tgw-attach-a needs at least one subnet: a VPC attachment places a network interface in one subnet per Availability Zone"),
            (&[Remove("/transit_gateway_attachments/0/subnets")], "transit_gateway_attachments[0].subnets: tgw-attach-a needs at least one subnet: a VPC attachment places a network interface in one subnet per Availability Zone"),
            (&[Set("/transit_gateway_attachments/0/subnets/0", r#""subnet-zz""#)], r#"transit_gateway_attachments[0].subnets[0]: "subnet-zz" names nothing in this scenario; expected the id of a subnet"#),
            // A subnet of another VPC loads: the finding SUBNET_OTHER_VPC.
            (&[Set("/transit_gateway_attachments/0/subnets/0", r#""subnet-b1""#)], ""),
            (&[Remove("/transit_gateway_attachments/3/vpn_connection")], "transit_gateway_attachments[3]: missing field `vpn_connection`: tgw-attach-vpn is a vpn attachment, which names the VPN connection it attaches"),
            (&[Set("/transit_gateway_attachments/3/vpn_connection", r#""cgw-hq""#)], r#"transit_gateway_attachments[3].vpn_connection: "cgw-hq" is a customer gateway; expected the id of a VPN connection"#),
            (&[Remove("/transit_gateway_attachments/4/peer_transit_gateway")], "transit_gateway_attachments[4]: missing field `peer_transit_gateway`: tgw-attach-peer is a peering attachment, which names the transit gateway it peers with"),
            (&[Set("/transit_gateway_attachments/4/status", r#""active""#)], "transit_gateway_attachments[4].status: unknown variant `active`, expected one of `initiating-request`, `pending-acceptance`, `available`, `rejected`, `deleted`, `failed`"),
            (&[Set("/transit_gateway_route_tables/0/transit_gateway", r#""tgw-x""#)], r#"transit_gateway_route_tables[0].transit_gateway: "tgw-x" names nothing in this scenario; expected the id of a transit gateway"#),
            (&[Set("/transit_gateway_route_tables/0/associations/1", r#""vpc-b""#)], r#"transit_gateway_route_tables[0].associations[1]: "vpc-b" is a VPC; expected the id of a transit gateway attachment"#),
            (&[Set("/transit_gateway_route_tables/0/propagations/0", r#""tgw-1""#)], r#"transit_gateway_route_tables[0].propagations[0]: "tgw-1" is a transit gateway; expected the id of a transit gateway attachment"#),
            (&[Set("/transit_gateway_route_tables/0/routes/0/target", r#""tgw-2""#)], r#"transit_gateway_route_tables[0].routes[0].target: "tgw-2" is a transit gateway; expected the id of a transit gateway attachment or "blackhole""#),
            (&[Set("/transit_gateway_route_tables/0/routes/0/target", r#""local""#)], r#"transit_gateway_route_tables[0].routes[0].target: "local" names nothing in this scenario; expected the id of a transit gateway attachment or "blackhole""#),
            (&[Set("/transit_gateway_route_tables/0/routes/0/destination", r#""10.9.0.1/16""#)], r#"transit_gateway_route_tables[0].routes[0].destination: "10.9.0.1/16" has host bits set: a CIDR names a network, did you mean "10.9.0.0/16"?"#),
            // An attachment of another transit gateway loads: TGW_ATTACHMENT_OTHER_TGW.
            (&[Set("/transit_gateway_route_tables/1/routes/0/target", r#""tgw-attach-a""#)], ""),
            (&[Set("/vpn_connections/0/vpn_gateway", r#""vgw-x""#)], "vpn_connections[0].transit_gateway: vpn-1 names both a VPN gateway and a transit gateway: a VPN connection ends on exactly one of them"),
            (&[Remove("/vpn_connections/0/transit_gateway")], "vpn_connections[0]: missing field `vpn_gateway` or `transit_gateway`: the gateway the VPN connection ends on"),
            (&[Set("/vpn_connections/0/transit_gateway", r#""vpc-a""#)], r#"vpn_connections[0].transit_gateway: "vpc-a" is a VPC; expected the id of a transit gateway"#),
            (&[Set("/route_tables/0/routes/0/target", r#""tgw-attach-a""#)], r#"route_tables[0].routes[0].target: "tgw-attach-a" is a transit gateway attachment; expected the id of an internet gateway, NAT gateway, peering connection, VPN gateway, gateway endpoint or transit gateway"#),
            (&[Set("/transit_gateways/1/id", r#""tgw-1""#)], r#"transit_gateways[1].id: "tgw-1" is already used by transit_gateways[0]"#),
        ];
        for (ops, want) in cases {
            let got = with(ops).map(|_| String::new()).unwrap_or_else(|e| e);
            assert_eq!(got, *want);
        }
    }

    #[test]
    fn a_format_1_scenario_built_in_code_has_no_transit_gateway() {
        let mut s = load(TGW).unwrap().into_scenario();
        s.format = crate::model::Format::V1;
        s.security_groups.clear();
        s.network_acls.clear();
        s.lesson = None;
        let e = Loaded::new(s.clone()).unwrap_err();
        assert_eq!(e.path, "vpn_connections[0].transit_gateway");
        s.vpn_connections.clear();
        s.customer_gateways.clear();
        let e = Loaded::new(s).unwrap_err();
        assert_eq!(e.path, "transit_gateways");
        assert!(e.message.contains("is new in vpc-playground/2"), "{e}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// A damaged transit gateway document never panics: what loads validates, computes
        /// every transit gateway route table, looks addresses up in them and survives a
        /// write/read round trip.
        #[test]
        fn never_panics_on_a_mutated_transit_gateway_document(
            edits in proptest::collection::vec((0usize..20_000, proptest::char::any(), proptest::bool::ANY), 1..4)
        ) {
            let doc = crate::load::tests::mutated(TGW, edits);
            if let Ok(s) = load(&doc) {
                let _ = crate::validate::validate(&s);
                for i in 0..s.transit_gateway_route_tables.len() {
                    let at = At::<TgwRouteTable>::new(i);
                    let t = crate::tgw_routing::table(&s, at);
                    for ip in ["10.0.1.10", "10.9.1.10", "192.168.1.10"] {
                        let dst = ip.parse().unwrap();
                        let l = crate::tgw_routing::lookup(&t.routes, dst);
                        let _ = l.explain(&s, &t.routes);
                        let _ = crate::tgw_routing::missing(&s, at, &t, dst);
                    }
                }
                let again = load(&serde_json::to_string(&s).unwrap());
                proptest::prop_assert_eq!(again, Ok(s));
            }
        }
    }
}
