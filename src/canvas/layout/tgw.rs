//! Transit gateways on the canvas: each one a hub, a long box across its Region's band
//! under the first half of its rows of VPCs (under the only row, between two rows), and its
//! attachments as spokes: a VPC attachment straight from its VPC into the hub (down from a
//! row above, up from a row below), or, from a row further off, a step aside under (over)
//! the VPC and along a gap between the VPCs; a VPN attachment as the VPN connection's line
//! from the hub down to the customer gateway; a peering attachment as a line between the
//! two hubs (across the Region boundary when they are in two Regions). The band keeps room
//! for its hubs ([`super::Plan::hub_room`]); the packet stops on an attachment's spoke and
//! at the hub for the transit gateway route table ([`anchors`]).
//!
//! AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html>.

use super::detour::{self, Obstacle};
use super::text::{label_of, pill_id, short_id, text_w};
use super::vpcs::{self, port_x, Bands, Spot};
use super::{Layout, Link, LinkKind, Node, NodeKind, Plan, FONT, GW_PORT};
use crate::canvas::geom::{Point, Rect};
use std::collections::BTreeMap;
use vpc_engine::kind::Kind;
use vpc_engine::model::{AttachmentStatus, AttachmentType};
use vpc_engine::Scenario;

/// Height of a hub.
const HUB_H: f64 = 18.0;
/// Space between two hubs of one band, one under the other.
const HUB_GAP: f64 = 8.0;

/// The transit gateways drawn in each Region band (`regions` in band order); one outside
/// every band's Region goes into the last band.
fn hubs_by_band<'a>(s: &'a Scenario, regions: &[String]) -> Vec<Vec<&'a str>> {
    let mut out = vec![Vec::new(); regions.len()];
    for t in &s.transit_gateways {
        let i = regions
            .iter()
            .position(|r| *r == t.region)
            .unwrap_or(regions.len().saturating_sub(1));
        if let Some(v) = out.get_mut(i) {
            v.push(t.id.as_str());
        }
    }
    out
}

/// The hub's one line: "TGW" and its name and short id.
fn hub_label(s: &Scenario, id: &str) -> String {
    let name = s
        .transit_gateways
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.name.clone());
    format!("TGW {}", label_of(id, &name))
}

/// A hub's narrowest: its words, and room right of them for the route table's stop.
fn min_w(label: &str) -> f64 {
    (GW_PORT + 4.0 + text_w(label, FONT) + 30.0).ceil()
}

/// Places the Region bands and their hubs: each band with hubs keeps room for them after
/// the middle one of its rows of VPCs (rounded up: after the first of two, the second of
/// three or four), so the rows above and below it reach the hub straight; a hub is as wide
/// as the VPCs attached to it.
pub(super) fn place(s: &Scenario, plan: &mut Plan, top: f64) -> (Bands, Vec<Node>) {
    if s.transit_gateways.is_empty() {
        return (vpcs::place_bands(s, plan, top), Vec::new());
    }
    // Rows do not depend on the hubs' room (only on widths): a first pass counts them.
    let first = vpcs::place_bands(s, plan, top);
    let by_band = hubs_by_band(s, &plan.regions);
    plan.hub_room = by_band
        .iter()
        .enumerate()
        .map(|(bi, hubs)| {
            if hubs.is_empty() {
                return None;
            }
            let rows = first
                .spots
                .values()
                .filter(|sp| sp.region == bi)
                .map(|sp| sp.row + 1)
                .max()
                .unwrap_or(1);
            let n = hubs.len() as f64;
            Some(((rows - 1) / 2, n * HUB_H + (n - 1.0) * HUB_GAP))
        })
        .collect();
    let bands = vpcs::place_bands(s, plan, top);
    let mut out = Vec::new();
    for (bi, hubs) in by_band.iter().enumerate() {
        let (Some(band), Some(Some(hub_top))) = (bands.bands.get(bi), bands.hub_tops.get(bi))
        else {
            continue;
        };
        for (k, id) in hubs.iter().enumerate() {
            let spans: Vec<Rect> = s
                .transit_gateway_attachments
                .iter()
                .filter(|a| a.transit_gateway == *id && a.kind == AttachmentType::Vpc)
                .filter_map(|a| a.vpc.as_deref())
                .filter_map(|v| bands.spots.get(v))
                .filter(|sp| sp.region == bi)
                .map(|sp| sp.rect)
                .collect();
            let min_w = min_w(&hub_label(s, id));
            let (x, w) = match spans.iter().copied().reduce(|a, b| a.union(&b)) {
                Some(r) => (r.x, r.w.max(min_w)),
                None => (band.rect.x + 2.0 * super::VPC_PAD, min_w),
            };
            // Within the band where it can be (side by side, the next band starts there).
            let x = x.min(bands.right - w).max(band.rect.x + super::VPC_PAD);
            let rect = Rect::new(
                x.round(),
                (hub_top + k as f64 * (HUB_H + HUB_GAP)).round(),
                w.ceil(),
                HUB_H,
            );
            out.push(hub_node(s, id, rect));
        }
    }
    (bands, out)
}

/// One hub's box: its words, and its ASN, account and route tables for the hover.
fn hub_node(s: &Scenario, id: &str, rect: Rect) -> Node {
    let tables: Vec<&str> = s
        .transit_gateway_route_tables
        .iter()
        .filter(|r| r.transit_gateway == id)
        .map(|r| r.id.as_str())
        .collect();
    let mut details = Vec::new();
    if let Some(t) = s.transit_gateways.iter().find(|t| t.id == id) {
        details.push(format!("ASN {} · account {}", t.asn, t.account));
    }
    if !tables.is_empty() {
        details.push(format!("route tables {}", tables.join(", ")));
    }
    Node {
        id: id.to_string(),
        kind: NodeKind::Resource(Kind::TransitGateway),
        anchor: Point::new(port_x(&rect), rect.center().y.round()),
        rect,
        lines: vec![hub_label(s, id)],
        details,
        tint: None,
        selectable: true,
        labels: Vec::new(),
    }
}

/// The spokes: VPC attachments down into their hub, VPN connections on a transit gateway
/// down from the hub to their customer gateway, peering attachments between hubs.
pub(super) fn spokes(s: &Scenario, out: &mut Layout, spots: &BTreeMap<String, Spot>) {
    let mut obs = detour::obstacles(out);
    let rect = |out: &Layout, id: &str| out.node(id).map(|n| n.rect);
    let mut links = Vec::new();
    for a in &s.transit_gateway_attachments {
        let Some(hub) = rect(out, &a.transit_gateway) else {
            continue;
        };
        let status = a.status();
        let points = match a.kind {
            AttachmentType::Vpc => {
                let Some(vpc) = a.vpc.as_deref() else {
                    continue;
                };
                let (Some(v), Some(sp)) = (rect(out, vpc), spots.get(vpc)) else {
                    continue;
                };
                let pts = spoke(v, sp, hub, &obs, &[vpc, &a.transit_gateway]);
                // The next spoke keeps off this one.
                obs.extend(pts.windows(2).filter_map(|w| Obstacle::line(w[0], w[1])));
                pts
            }
            AttachmentType::Peering => {
                let peer = a.peer_transit_gateway.as_deref().unwrap_or_default();
                let Some(p) = rect(out, peer) else { continue };
                if peer == a.transit_gateway {
                    continue;
                }
                let ends = &[a.transit_gateway.as_str(), peer];
                let right = out.nodes.iter().map(|n| n.rect.right()).fold(0.0, f64::max);
                // Under the bands the hubs sit in, where the pill crosses no border.
                let under = out
                    .nodes
                    .iter()
                    .filter(|n| n.kind == NodeKind::Region)
                    .filter(|n| n.rect.contains_rect(&hub) || n.rect.contains_rect(&p))
                    .map(|n| n.rect.bottom())
                    .fold(hub.bottom().max(p.bottom()), f64::max);
                let pts = between_hubs(hub, p, right, under + 16.0, &obs, ends);
                obs.extend(pts.windows(2).filter_map(|w| Obstacle::line(w[0], w[1])));
                pts
            }
            AttachmentType::Vpn => continue,
        };
        let state = match status {
            AttachmentStatus::Available => String::new(),
            st => format!("\n{}", st.as_str()),
        };
        // A VPC attachment's spoke has no pill: the hover, the inspector and the panels name
        // it, and a pill per spoke would crowd a hub of many VPCs (and cost text size).
        let label = if a.kind == AttachmentType::Vpc {
            String::new()
        } else {
            format!("{}{state}", pill_id(&short_id(&a.id)))
        };
        links.push(Link {
            id: a.id.clone(),
            kind: LinkKind::Tgw { status },
            points,
            label,
            selectable: true,
            pill: None,
        });
    }
    let onprem_top = out
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Resource(Kind::CustomerGateway))
        .map(|n| n.rect.y)
        .fold(f64::INFINITY, f64::min);
    let mut lane = 0usize;
    for v in &s.vpn_connections {
        let Some(tgw) = v.transit_gateway.as_deref() else {
            continue;
        };
        let (Some(h), Some(c)) = (rect(out, tgw), rect(out, &v.customer_gateway)) else {
            continue;
        };
        // Out of the hub right of its words (where the route table's stop is), so the
        // packet between the two does not cross them.
        let words = (h.x + min_w(&hub_label(s, tgw)) - 30.0).min(h.right() - 2.0 * GW_PORT);
        let h = Rect::new(words.max(h.x), h.y, h.right() - words.max(h.x), h.h);
        links.push(super::links::vpn_link(
            v,
            &mut lane,
            (h, tgw),
            c,
            onprem_top,
            &obs,
        ));
    }
    out.links.extend(links);
}

/// A VPC attachment's spoke from VPC `v` (at `sp`) to `hub`, the first of these that
/// passes through no word, box or spoke drawn before: straight into the hub (down from a
/// VPC above it, up from one below it), at a quarter of the VPC's width from either side or
/// at its middle; else a step out under (over) the VPC into its row's lane, along it to a
/// gap beside the boxes in the way, and along the gap to the hub (stepping along its top or
/// bottom to reach it when the gap is past its end).
fn spoke(v: Rect, sp: &Spot, hub: Rect, obs: &[Obstacle], ends: &[&str]) -> Vec<Point> {
    let above = v.bottom() <= hub.y;
    let (edge, end) = if above {
        (v.bottom(), hub.y)
    } else {
        (v.y, hub.bottom())
    };
    // Into the hub: a little inside its ends.
    let within = |x: f64| x >= hub.x + 6.0 && x <= hub.right() - 6.0;
    let xs: Vec<f64> = [
        v.x + v.w / 4.0,
        v.right() - v.w / 4.0,
        v.center().x,
        v.x + 14.0,
        v.right() - 14.0,
    ]
    .iter()
    .map(|x| x.round())
    .collect();
    let mut cands: Vec<Vec<Point>> = xs
        .iter()
        .filter(|x| within(**x))
        .map(|x| vec![Point::new(*x, edge), Point::new(*x, end)])
        .collect();
    let step = if above { sp.lane_below } else { sp.lane_above }.round();
    let (hx_lo, hx_hi) = (hub.x + 10.0, hub.right() - 10.0);
    // A step along the hub's top (bottom) when the gap is past its end.
    let near = if above { end - 6.0 } else { end + 6.0 };
    for fx in &xs[..2] {
        for x in detour::xs_near(*fx, obs).into_iter().skip(1) {
            let mut c = vec![
                Point::new(*fx, edge),
                Point::new(*fx, step),
                Point::new(x, step),
            ];
            if within(x) {
                c.push(Point::new(x, end));
            } else {
                let hx = x.clamp(hx_lo, hx_hi).round();
                c.extend([
                    Point::new(x, near),
                    Point::new(hx, near),
                    Point::new(hx, end),
                ]);
            }
            cands.push(c);
        }
    }
    if cands.is_empty() {
        let x = v.center().x.clamp(hx_lo, hx_hi).round();
        cands.push(vec![Point::new(x, edge), Point::new(x, end)]);
    }
    detour::pick(cands, obs, ends)
}

/// A peering attachment's line from hub `a` to hub `b`, the first of these that passes
/// through no word or box: side by side, down from each and along `under` (below their
/// bands, where the pill crosses no border), or out of the nearer ends and across at the
/// height of either, with a step in the gap between them; one above the other, out of their right
/// ends and along a trunk right of everything (`right`).
fn between_hubs(
    a: Rect,
    b: Rect,
    right: f64,
    under: f64,
    obs: &[Obstacle],
    ends: &[&str],
) -> Vec<Point> {
    let (ay, by) = (a.center().y.round(), b.center().y.round());
    let mut cands = Vec::new();
    if b.x > a.right() + 20.0 || a.x > b.right() + 20.0 {
        let (l, r, ly, ry) = if a.x < b.x {
            (a, b, ay, by)
        } else {
            (b, a, by, ay)
        };
        let (lx, rx) = ((l.right() - 24.0).round(), (r.x + 24.0).round());
        let y = under.round();
        cands.push(vec![
            Point::new(lx, l.bottom()),
            Point::new(lx, y),
            Point::new(rx, y),
            Point::new(rx, r.bottom()),
        ]);
        let mid = ((l.right() + r.x) / 2.0).round();
        cands.push(vec![
            Point::new(l.right(), ly),
            Point::new(mid, ly),
            Point::new(mid, ry),
            Point::new(r.x, ry),
        ]);
    }
    let x = (right + 12.0).round();
    cands.push(vec![
        Point::new(a.right(), ay),
        Point::new(x, ay),
        Point::new(x, by),
        Point::new(b.right(), by),
    ]);
    detour::pick(cands, obs, ends)
}

/// The packet's stops the layout cannot read off a box or line by id: a transit gateway
/// route table at its hub (right of the hub's words), a VPN attachment where its
/// connection's line leaves the hub.
pub(super) fn anchors(s: &Scenario, out: &Layout, anchors: &mut BTreeMap<String, Point>) {
    let stop = |tgw: &str| {
        out.node(tgw).map(|n| {
            let words = n.labels.first().map_or(n.rect.x, |l| l.rect().right());
            let x = (words + 24.0).min(n.rect.right() - 10.0);
            Point::new(x.round(), n.rect.center().y.round())
        })
    };
    for t in &s.transit_gateway_route_tables {
        if let Some(p) = stop(&t.transit_gateway) {
            anchors.insert(t.id.clone(), p);
        }
    }
    for a in &s.transit_gateway_attachments {
        if a.kind != AttachmentType::Vpn {
            continue;
        }
        let at = a
            .vpn_connection
            .as_deref()
            .and_then(|v| out.link(v))
            .and_then(|k| k.points.first().copied())
            .or_else(|| stop(&a.transit_gateway));
        if let Some(p) = at {
            anchors.insert(a.id.clone(), p);
        }
    }
}
