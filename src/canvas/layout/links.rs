//! The lines between boxes, routed as right-angled paths between the boxes already placed:
//! peerings (straight across the gap between neighbours, down between rows, or along a lane
//! below the row or in the gap above a band), VPN and Direct Connect lines from the VPN
//! gateway down to the on-prem row, public VIFs to the services box, and the dotted
//! attachments (internet gateways up to the cloud, gateway endpoints to their service).

use super::detour::{self, Obstacle};
use super::labels::pill_size;
use super::text::{pill_id, short_id};
use super::vpcs::{port_x, Spot};
use super::{Layout, Link, LinkKind, NodeKind, Plan, BAND_GAP, FONT, VPC_GAP, VPC_HEADER_H};
use crate::canvas::geom::{Point, Rect};
use std::collections::BTreeMap;
use vpc_engine::kind::Kind;
use vpc_engine::model::{
    EndpointType, PeeringConnection, PeeringStatus, TunnelState, VifType, VpnConnection,
};
use vpc_engine::Scenario;

/// A peering's pill on the canvas: its short id (broken after a hyphen when long, see
/// [`pill_id`]), and under it its status unless it is active.
/// `broken`: the pill sits in the gap between two neighbours, where its width counts.
pub(super) fn peering_label(p: &PeeringConnection, overlap: bool, broken: bool) -> String {
    let id = short_id(&p.id);
    let state = if overlap {
        Some("failed: overlapping CIDRs")
    } else if p.status == PeeringStatus::Active {
        None
    } else {
        Some(p.status.as_str())
    };
    match state {
        None if !broken => id,
        Some(st) if !broken => format!("{id}\n{st}"),
        None => pill_id(&id),
        // Breaking the id narrows the pill only when the id is its widest line.
        Some(st) if st.chars().count() < id.chars().count() => format!("{}\n{st}", pill_id(&id)),
        Some(st) => format!("{id}\n{st}"),
    }
}

/// The space to leave after each VPC: [`VPC_GAP`], or more where the pill of a peering to
/// the next VPC in its Region is wider, so the pill does not cover either box.
pub(super) fn gaps_after<'a>(
    s: &'a Scenario,
    regions: &[String],
    overlapping: &[String],
) -> BTreeMap<&'a str, f64> {
    let mut gaps = BTreeMap::new();
    for region in regions {
        let row: Vec<&str> = s
            .vpcs
            .iter()
            .filter(|v| v.region == *region)
            .map(|v| v.id.as_str())
            .collect();
        for p in &s.peering_connections {
            let (Some(a), Some(b)) = (
                row.iter().position(|v| *v == p.requester),
                row.iter().position(|v| *v == p.accepter),
            ) else {
                continue;
            };
            if a.abs_diff(b) == 1 {
                let w =
                    pill_size(&peering_label(p, overlapping.contains(&p.id), true), FONT).0 + 12.0;
                let gap = gaps.entry(row[a.min(b)]).or_insert(VPC_GAP);
                *gap = f64::max(*gap, w.ceil());
            }
        }
    }
    gaps
}

/// Side by side, the gap after each Region's band: [`BAND_GAP`], or wider where a peering
/// joins the band's last VPC to the next band's first, so its pill sits in the gap.
pub(super) fn band_gaps(s: &Scenario, regions: &[String], overlapping: &[String]) -> Vec<f64> {
    let ends: Vec<(Option<&str>, Option<&str>)> = regions
        .iter()
        .map(|r| {
            let mut ids = s
                .vpcs
                .iter()
                .filter(|v| v.region == *r)
                .map(|v| v.id.as_str());
            let first = ids.next();
            (first, ids.next_back().or(first))
        })
        .collect();
    (0..regions.len())
        .map(|i| {
            let (Some(last), Some(next)) = (ends[i].1, ends.get(i + 1).and_then(|e| e.0)) else {
                return BAND_GAP;
            };
            s.peering_connections
                .iter()
                .filter(|p| {
                    (p.requester == last && p.accepter == next)
                        || (p.requester == next && p.accepter == last)
                })
                .map(|p| {
                    pill_size(&peering_label(p, overlapping.contains(&p.id), true), FONT).0 + 12.0
                })
                .fold(BAND_GAP, f64::max)
                .ceil()
        })
        .collect()
}

/// Routes every line of the scenario between the boxes in `out`.
/// Each line takes the first of its candidate routes that passes through no word, dot or
/// gateway box ([`detour`]).
pub(super) fn route(s: &Scenario, out: &mut Layout, spots: &BTreeMap<String, Spot>, plan: &Plan) {
    let obs = detour::obstacles(out);
    // The dotted attachments first: a peering going down between rows keeps room for its
    // pill clear of them.
    attachments(s, out, &obs);
    peerings(s, out, spots, plan, &obs);
    hybrid(s, out, &obs);
}

fn peerings(
    s: &Scenario,
    out: &mut Layout,
    spots: &BTreeMap<String, Spot>,
    plan: &Plan,
    obs: &[Obstacle],
) {
    let mut pair_count: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut lane = 0usize;
    for p in &s.peering_connections {
        let (Some(a), Some(b)) = (spots.get(&p.requester), spots.get(&p.accepter)) else {
            continue;
        };
        // `a` comes first in reading order (band, row, left to right).
        let (a, b) = if (a.region, a.row, a.order) <= (b.region, b.row, b.order) {
            (a, b)
        } else {
            (b, a)
        };
        let key = (
            p.requester.clone().min(p.accepter.clone()),
            p.requester.clone().max(p.accepter.clone()),
        );
        let k = *pair_count.entry(key).and_modify(|c| *c += 1).or_insert(0) as f64;
        let (ra, rb) = (a.rect, b.rect);
        let same_row = a.region == b.region && a.row == b.row;
        let overlap_x = ra.right().min(rb.right()) - ra.x.max(rb.x);
        let last_of_band = |x: &Spot| {
            !spots
                .values()
                .any(|o| o.region == x.region && o.row == x.row && o.order > x.order)
        };
        let band_neighbours = plan.regions_across
            && b.region == a.region + 1
            && a.row == 0
            && b.row == 0
            && b.order == 0
            && last_of_band(a);
        let beside = band_neighbours || (same_row && b.order == a.order + 1);
        let points = if band_neighbours {
            // Side by side across a band gap: straight over, under the headers.
            let y = (ra.y.max(rb.y) + VPC_HEADER_H + 22.0 + k * 16.0).round();
            vec![Point::new(ra.right(), y), Point::new(rb.x, y)]
        } else if same_row && b.order == a.order + 1 {
            // Neighbours: straight across the gap, under the VPC headers.
            let y = (ra.y + VPC_HEADER_H + 22.0 + k * 16.0).round();
            vec![Point::new(ra.right(), y), Point::new(rb.x, y)]
        } else if same_row || (plan.regions_across && a.row == 0 && b.row == 0) {
            // Farther along the row: down to a lane under the row's bottom gateways.
            let off = (lane % 3) as f64 * 4.0;
            lane += 1;
            let y = (a.lane_below.max(b.lane_below) + off).round();
            let ax = (ra.right() - 20.0 - off).round();
            let bx = (rb.x + 20.0 + off).round();
            vec![
                Point::new(ax, ra.bottom()),
                Point::new(ax, y),
                Point::new(bx, y),
                Point::new(bx, rb.bottom()),
            ]
        } else if a.region == b.region && b.row == a.row + 1 && overlap_x >= 40.0 {
            // The next row, one above the other: straight down between them, clear of the
            // gateways on the edges it leaves and enters.
            let x0 = (ra.right().min(rb.right()) - 16.0 - k * 14.0).round();
            let left = ra.x.max(rb.x) + 16.0;
            let label = peering_label(p, plan.overlapping.contains(&p.id), false);
            let room = |x: f64| detour::pill_room(out, obs, &label, x, (ra.bottom(), rb.y));
            let mut cands = (0..)
                .map(|i| x0 - 14.0 * i as f64)
                .take_while(|x| *x >= left)
                .collect::<Vec<_>>();
            // Where the pill has room beside the line first, keeping the order otherwise.
            vpc_engine::stable_sort::sort_by_key(&mut cands, |x| !room(*x));
            let cands = cands
                .into_iter()
                .map(|x| vec![Point::new(x, ra.bottom()), Point::new(x, rb.y)])
                .collect::<Vec<_>>();
            if cands.is_empty() {
                vec![Point::new(x0, ra.bottom()), Point::new(x0, rb.y)]
            } else {
                detour::pick(cands, obs, &[&p.requester, &p.accepter])
            }
        } else if a.region == b.region && b.row >= a.row + 2 {
            // Rows apart in one band: out of the right sides, down a trunk right of the rows
            // between, so the line passes no VPC.
            let off = (lane % 3) as f64 * 6.0;
            lane += 1;
            let right = spots
                .values()
                .filter(|s| s.region == a.region && s.row >= a.row && s.row <= b.row)
                .map(|s| s.rect.right())
                .fold(0.0, f64::max);
            let x = (right + 6.0 + off).round();
            let (ya, yb) = ((ra.y + 12.0).round(), (rb.y + 12.0).round());
            vec![
                Point::new(ra.right(), ya),
                Point::new(x, ya),
                Point::new(x, yb),
                Point::new(rb.right(), yb),
            ]
        } else {
            // Anywhere else: down from `a`, along the gap above `b`'s row, down into `b`.
            let off = (lane % 3) as f64 * 8.0;
            lane += 1;
            let y = (b.lane_above - off).round();
            let ax = (ra.right() - 20.0 - off).round();
            let bx = (rb.right() - 20.0 - off).round();
            vec![
                Point::new(ax, ra.bottom()),
                Point::new(ax, y),
                Point::new(bx, y),
                Point::new(bx, rb.y),
            ]
        };
        let overlap = plan.overlapping.contains(&p.id);
        out.links.push(Link {
            id: p.id.clone(),
            kind: LinkKind::Peering {
                status: p.status,
                overlap,
            },
            points,
            label: peering_label(p, overlap, beside),
            selectable: true,
            pill: None,
        });
    }
}

fn rect_of(out: &Layout, id: &str) -> Option<Rect> {
    out.node(id).map(|n| n.rect)
}

/// VPN and Direct Connect: from a VPN gateway's bottom down a lane above the on-prem row;
/// public VIFs from the DX connection up to the services box.
fn hybrid(s: &Scenario, out: &mut Layout, obs: &[Obstacle]) {
    let onprem_top = out
        .nodes
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                NodeKind::Resource(Kind::CustomerGateway | Kind::DxConnection)
            )
        })
        .map(|n| n.rect.y)
        .fold(f64::INFINITY, f64::min);
    let mut lane = 0usize;
    let mut links = Vec::new();
    for v in &s.vpn_connections {
        // A VPN on a transit gateway is drawn with the transit gateway (`tgw.rs`).
        let Some(vgw) = v.vpn_gateway.as_deref() else {
            continue;
        };
        let (Some(g), Some(c)) = (rect_of(out, vgw), rect_of(out, &v.customer_gateway)) else {
            continue;
        };
        links.push(vpn_link(v, &mut lane, (g, vgw), c, onprem_top, obs));
    }
    for vif in &s.dx_virtual_interfaces {
        let Some(dx) = rect_of(out, &vif.connection) else {
            continue;
        };
        let public = vif.kind == VifType::Public;
        let points = if public {
            let Some(svc) = rect_of(out, "aws-services") else {
                continue;
            };
            let off = (lane % 3) as f64 * 8.0;
            lane += 1;
            let x = port_x(&dx) + off;
            let y = (onprem_top - 14.0 - off).round();
            // Out of the connection's right side along its row first (the space above it
            // stays for the private interfaces' pills), else up from its port to a lane.
            let cy = dx.center().y.round();
            let ends = [vif.connection.as_str(), "aws-services"];
            if svc.bottom() < dx.y && svc.x > dx.right() {
                // The services box to the right of the bands: over, then up into it.
                let sx = (svc.x + 24.0 + off).round();
                detour::pick(
                    vec![
                        vec![
                            Point::new(dx.right(), cy),
                            Point::new(sx, cy),
                            Point::new(sx, svc.bottom()),
                        ],
                        vec![
                            Point::new(x, dx.y),
                            Point::new(x, y),
                            Point::new(sx, y),
                            Point::new(sx, svc.bottom()),
                        ],
                    ],
                    obs,
                    &ends,
                )
            } else {
                // Beside the cloud on top: up the right edge of everything.
                let tx = (out.nodes.iter().map(|n| n.rect.right()).fold(0.0, f64::max) + 8.0 + off)
                    .round();
                let sy = (svc.center().y).round();
                detour::pick(
                    vec![
                        vec![
                            Point::new(dx.right(), cy),
                            Point::new(tx, cy),
                            Point::new(tx, sy),
                            Point::new(svc.right(), sy),
                        ],
                        vec![
                            Point::new(x, dx.y),
                            Point::new(x, y),
                            Point::new(tx, y),
                            Point::new(tx, sy),
                            Point::new(svc.right(), sy),
                        ],
                    ],
                    obs,
                    &ends,
                )
            }
        } else {
            let Some(g) = vif.vpn_gateway.as_deref().and_then(|g| rect_of(out, g)) else {
                continue;
            };
            let gw = vif.vpn_gateway.as_deref().unwrap_or_default();
            down_link(&mut lane, (g, dx), onprem_top, obs, [gw, &vif.connection])
        };
        links.push(Link {
            id: vif.id.clone(),
            kind: LinkKind::Dx { public },
            points,
            label: format!(
                "{}\n{}VLAN {}",
                short_id(&vif.id),
                if public { "public · " } else { "" },
                vif.vlan,
            ),
            selectable: true,
            pill: None,
        });
    }
    out.links.extend(links);
}

/// VPN connection `v`'s line, labelled with its tunnels' state, from its gateway's box (a
/// VPN gateway's, or the part of a transit gateway hub it leaves from), whose id is
/// `gateway`, down to its customer gateway's box `to` ([`down_link`]).
pub(super) fn vpn_link(
    v: &VpnConnection,
    lane: &mut usize,
    (from, gateway): (Rect, &str),
    to: Rect,
    onprem_top: f64,
    obs: &[Obstacle],
) -> Link {
    let tunnels = [
        v.tunnels[0] == TunnelState::Up,
        v.tunnels[1] == TunnelState::Up,
    ];
    let state = match tunnels {
        [true, true] => "",
        [false, false] => "\nboth tunnels down",
        _ => "\none tunnel down",
    };
    Link {
        id: v.id.clone(),
        kind: LinkKind::Vpn { tunnels },
        points: down_link(
            lane,
            (from, to),
            onprem_top,
            obs,
            [gateway, &v.customer_gateway],
        ),
        label: format!("VPN {}{state}", short_id(&v.id)),
        selectable: true,
        pill: None,
    }
}

/// A line from a VPN gateway's bottom down a lane above the on-prem row to `to`'s top.
/// When boxes lie between (a wrapped row on a phone), the line steps aside just under the
/// gateway and goes down beside them.
pub(super) fn down_link(
    lane: &mut usize,
    (from, to): (Rect, Rect),
    onprem_top: f64,
    obs: &[Obstacle],
    ends: [&str; 2],
) -> Vec<Point> {
    let off = (*lane % 3) as f64 * 10.0;
    *lane += 1;
    let fx = port_x(&from) + off;
    let tx = port_x(&to) + off;
    let y = (onprem_top - 14.0 - off).round();
    let plain = if (fx - tx).abs() < 1.0 {
        vec![Point::new(fx, from.bottom()), Point::new(tx, to.y)]
    } else {
        vec![
            Point::new(fx, from.bottom()),
            Point::new(fx, y),
            Point::new(tx, y),
            Point::new(tx, to.y),
        ]
    };
    let step = from.bottom() + 8.0;
    let mut cands = vec![plain];
    cands.extend(detour::xs_near(fx, obs).into_iter().skip(1).map(|x| {
        vec![
            Point::new(fx, from.bottom()),
            Point::new(fx, step),
            Point::new(x, step),
            Point::new(x, y),
            Point::new(tx, y),
            Point::new(tx, to.y),
        ]
    }));
    detour::pick(cands, obs, &ends)
}

/// Dotted attachments: internet gateways up to the cloud, gateway endpoints to their service.
fn attachments(s: &Scenario, out: &mut Layout, obs: &[Obstacle]) {
    let cloud_bottom = out.node("internet").map(|n| n.rect.bottom());
    let mut attach = Vec::new();
    for n in &out.nodes {
        let Some(cb) = cloud_bottom else { break };
        if n.kind == NodeKind::Resource(Kind::InternetGateway) && n.rect.y > cb {
            // Straight up, or (under a wrapped row) a step aside above the gateway and up
            // beside the boxes in the way.
            let (x, y) = (port_x(&n.rect), n.rect.y);
            let mut cands = vec![vec![Point::new(x, y), Point::new(x, cb)]];
            cands.extend(detour::xs_near(x, obs).into_iter().skip(1).map(|dx| {
                vec![
                    Point::new(x, y),
                    Point::new(x, y - 8.0),
                    Point::new(dx, y - 8.0),
                    Point::new(dx, cb),
                ]
            }));
            attach.push(Link {
                id: format!("attach:{}", n.id),
                kind: LinkKind::Attach,
                points: detour::pick(cands, obs, &[&n.id, "internet"]),
                label: String::new(),
                selectable: false,
                pill: None,
            });
        }
    }
    for (k, e) in s
        .vpc_endpoints
        .iter()
        .filter(|e| e.kind == EndpointType::Gateway)
        .enumerate()
    {
        let (Some(g), Some(svc)) = (rect_of(out, &e.id), rect_of(out, &e.service)) else {
            continue;
        };
        let y0 = g.center().y.round();
        let points = if svc.x > g.right() {
            let y1 = svc.center().y.round();
            let mid = (svc.x - 16.0 - (k % 3) as f64 * 8.0).round();
            vec![
                Point::new(g.right(), y0),
                Point::new(mid, y0),
                Point::new(mid, y1),
                Point::new(svc.x - 6.0, y1),
            ]
        } else {
            // The services box above (beside the cloud): over to its column, then up; or
            // straight up from the port when the column is behind the gateway's words.
            let x = (svc.center().x + (k % 3) as f64 * 8.0).round();
            let top = svc.bottom() + 6.0;
            let mut cands = vec![vec![
                Point::new(g.right(), y0),
                Point::new(x, y0),
                Point::new(x, top),
            ]];
            let within = |x: f64| x >= svc.x + 4.0 && x <= svc.right() - 4.0;
            for gx in detour::xs_near(x, obs).into_iter().filter(|x| within(*x)) {
                if gx >= g.right() + 4.0 {
                    cands.push(vec![
                        Point::new(g.right(), y0),
                        Point::new(gx, y0),
                        Point::new(gx, top),
                    ]);
                } else if gx > g.x + 2.0 && gx < g.right() - 2.0 {
                    cands.push(vec![Point::new(gx, g.y), Point::new(gx, top)]);
                }
            }
            for gx in [g.right() + 4.0, g.right() + 8.0]
                .into_iter()
                .filter(|x| within(*x))
            {
                cands.push(vec![
                    Point::new(g.right(), y0),
                    Point::new(gx, y0),
                    Point::new(gx, top),
                ]);
            }
            cands.retain(|c| c.last().is_some_and(|p| within(p.x)));
            if cands.is_empty() {
                vec![
                    Point::new(g.right(), y0),
                    Point::new(x, y0),
                    Point::new(x, top),
                ]
            } else {
                detour::pick(cands, obs, &[&e.id, &e.vpc, "aws-services", &e.service])
            }
        };
        attach.push(Link {
            id: format!("attach:{}", e.id),
            kind: LinkKind::Attach,
            points,
            label: String::new(),
            selectable: false,
            pill: None,
        });
    }
    out.links.extend(attach);
}
