//! Region bands and the VPCs in them. Each VPC's box is sized from its own content (its
//! subnets with their instances and interface endpoints, the gateways on its edges), then
//! placed left to right in its Region's band, wrapping onto a new row when the row would pass
//! the width the layout was asked to keep to (a phone). Gateways sit where traffic leaves:
//! internet and NAT gateways on the top edge, VPN gateways on the bottom edge, gateway
//! endpoints inside the right side (toward the services box).

use super::text::{cidr_list, label_of, service_word, short_id, text_w};
use super::{
    Node, NodeKind, Plan, BAND_GAP, BAND_LABEL_H, DOT_R, FONT, GW_H, GW_PORT, ITEM_H, MARGIN,
    ROW_GAP, SUBNET_HEADER_H, TITLE_FONT, VPC_HEADER_H, VPC_PAD,
};
use crate::canvas::geom::{Point, Rect};

/// Room left above or below a row of VPCs that has no gateways on that edge.
const EDGE_MIN: f64 = 6.0;
use std::collections::{BTreeMap, HashMap};
use vpc_engine::kind::Kind;
use vpc_engine::model::{EndpointType, Instance, Subnet, Vpc};
use vpc_engine::Scenario;

/// A dot or square inside a subnet or an on-prem network, before it has a position.
pub(super) struct Item {
    pub id: String,
    pub kind: Kind,
    pub lines: Vec<String>,
    pub details: Vec<String>,
}

impl Item {
    pub fn width(&self) -> f64 {
        let t = self
            .lines
            .iter()
            .map(|l| text_w(l, FONT))
            .fold(0.0, f64::max);
        (t + 2.0 * DOT_R + 12.0).max(72.0).ceil()
    }
    /// The node of this item with its top-left corner at (`x`, `y`), `w` wide.
    pub fn node(self, x: f64, y: f64, w: f64) -> Node {
        Node {
            id: self.id,
            kind: NodeKind::Resource(self.kind),
            rect: Rect::new(x, y, w, ITEM_H - 2.0),
            anchor: Point::new(x + DOT_R + 1.0, y + 10.0),
            lines: self.lines,
            details: self.details,
            tint: None,
            selectable: true,
            labels: Vec::new(),
        }
    }
}

/// A gateway box on an edge, before it has a position: id, kind, its one line, details.
pub(super) type EdgeBox = (String, Kind, String, Vec<String>);

/// The width of a gateway box for its label: the port where the packet stops, then the
/// label (so the packet never sits on the words).
pub(super) fn edge_w(label: &str) -> f64 {
    (GW_PORT + text_w(label, FONT) + 10.0).ceil()
}

/// Where lines and the packet meet a gateway box: its port, left of the label.
pub fn port_x(r: &Rect) -> f64 {
    (r.x + GW_PORT / 2.0 + 1.0).round()
}

/// A gateway (or any one-line box) on an edge.
pub(super) fn edge_node(e: EdgeBox, rect: Rect) -> Node {
    Node {
        anchor: Point::new(port_x(&rect), rect.center().y.round()),
        id: e.0,
        kind: NodeKind::Resource(e.1),
        rect,
        lines: vec![e.2],
        details: e.3,
        tint: None,
        selectable: true,
        labels: Vec::new(),
    }
}

/// Everything of one subnet before it has a position.
struct SubnetPlan {
    id: String,
    lines: Vec<String>,
    details: Vec<String>,
    items: Vec<Item>,
    width: f64,
}

/// What each VPC and subnet holds, found in one pass over the lists: looking it up for each
/// VPC and each subnet in turn made a large topology's layout quadratic (100 VPCs of 5
/// instances: 50,000 comparisons of ids).
struct Members<'a> {
    /// Each VPC's subnets, in document order.
    subnets: HashMap<&'a str, Vec<&'a Subnet>>,
    /// Each subnet's instances, in document order.
    instances: HashMap<&'a str, Vec<&'a Instance>>,
}

impl<'a> Members<'a> {
    fn of(s: &'a Scenario) -> Members<'a> {
        let mut subnets: HashMap<&str, Vec<&Subnet>> = HashMap::new();
        for sb in &s.subnets {
            subnets.entry(sb.vpc.as_str()).or_default().push(sb);
        }
        let mut instances: HashMap<&str, Vec<&Instance>> = HashMap::new();
        for i in &s.instances {
            instances.entry(i.subnet.as_str()).or_default().push(i);
        }
        Members { subnets, instances }
    }
}

fn plan_subnet(s: &Scenario, m: &Members, sub: &Subnet, rows: usize) -> SubnetPlan {
    let mut items: Vec<Item> = m
        .instances
        .get(sub.id.as_str())
        .into_iter()
        .flatten()
        .map(|i| Item {
            id: i.id.clone(),
            kind: Kind::Instance,
            lines: vec![label_of(&i.id, &i.name), i.private_ip.to_string()],
            details: i
                .public_ip
                .map(|p| vec![format!("public {p}")])
                .unwrap_or_default(),
        })
        .collect();
    for e in &s.vpc_endpoints {
        if e.kind != EndpointType::Interface {
            continue;
        }
        if let Some(pos) = e.subnets.iter().position(|x| *x == sub.id) {
            let ip = e
                .private_ips
                .get(pos)
                .map(|ip| ip.to_string())
                .unwrap_or_default();
            items.push(Item {
                id: e.id.clone(),
                kind: Kind::InterfaceEndpoint,
                lines: vec![short_id(&e.id), ip],
                details: vec![format!("interface endpoint: {}", service_word(&e.service))],
            });
        }
    }
    let table = s
        .table_for_subnet(&sub.id)
        .map(|t| format!("route table {}", short_id(&t.id)))
        .unwrap_or_else(|| "no route table".to_string());
    let lines = vec![label_of(&sub.id, &sub.name), sub.cidr.to_string()];
    let cols_w: f64 = items
        .chunks(rows)
        .map(|c| c.iter().map(Item::width).fold(0.0, f64::max))
        .sum();
    let head_w = text_w(&lines[0], FONT).max(text_w(&lines[1], FONT));
    let width = (cols_w + 10.0).max(head_w + 12.0).max(88.0).ceil();
    SubnetPlan {
        id: sub.id.clone(),
        lines,
        details: vec![format!("AZ {}", s.subnet_az(sub)), table],
        items,
        width,
    }
}

/// Height of a subnet holding its own items in columns of `rows`.
fn subnet_h(p: &SubnetPlan, rows: usize) -> f64 {
    SUBNET_HEADER_H + p.items.len().min(rows) as f64 * ITEM_H + 4.0
}

/// Everything of one VPC before it has a position.
pub(super) struct VpcPlan {
    id: String,
    region: String,
    lines: Vec<String>,
    account: String,
    subnets: Vec<SubnetPlan>,
    geps: Vec<EdgeBox>,
    gep_w: f64,
    tops: Vec<EdgeBox>,
    bottoms: Vec<EdgeBox>,
    pub width: f64,
    /// Height of its box: the header, one row of subnets and their items.
    pub height: f64,
}

fn plan_vpc(s: &Scenario, m: &Members, v: &Vpc, rows: usize, down: bool) -> VpcPlan {
    let title = label_of(&v.id, &v.name);
    let cidrs = cidr_list(&v.cidrs);
    let subnets: Vec<SubnetPlan> = m
        .subnets
        .get(v.id.as_str())
        .into_iter()
        .flatten()
        .map(|sub| plan_subnet(s, m, sub, rows))
        .collect();
    let geps: Vec<EdgeBox> = s
        .vpc_endpoints
        .iter()
        .filter(|e| e.vpc == v.id && e.kind == EndpointType::Gateway)
        .map(|e| {
            (
                e.id.clone(),
                Kind::GatewayEndpoint,
                format!("{} ({})", short_id(&e.id), service_word(&e.service)),
                vec![format!("endpoint to {}", e.service)],
            )
        })
        .collect();
    let gep_w = geps.iter().map(|g| edge_w(&g.2)).fold(0.0, f64::max);
    let tops: Vec<EdgeBox> = s
        .internet_gateways
        .iter()
        .filter(|g| g.vpc.as_deref() == Some(v.id.as_str()))
        .map(|g| {
            (
                g.id.clone(),
                Kind::InternetGateway,
                format!("IGW {}", short_id(&g.id)),
                vec![],
            )
        })
        .chain(
            s.nat_gateways
                .iter()
                .filter(|n| s.subnet(&n.subnet).is_some_and(|sb| sb.vpc == v.id))
                .map(|n| {
                    (
                        n.id.clone(),
                        Kind::NatGateway,
                        format!("NAT {}", short_id(&n.id)),
                        vec![
                            format!("public {}", n.public_ip),
                            format!("in {}", n.subnet),
                        ],
                    )
                }),
        )
        .collect();
    let bottoms: Vec<EdgeBox> = s
        .vpn_gateways
        .iter()
        .filter(|g| g.vpc.as_deref() == Some(v.id.as_str()))
        .map(|g| {
            (
                g.id.clone(),
                Kind::VpnGateway,
                format!("VGW {}", short_id(&g.id)),
                g.asn.map(|a| format!("ASN {a}")).into_iter().collect(),
            )
        })
        .collect();
    // Side by side, or (`down`, a tall narrow canvas) one under the other, all as wide.
    let subnets_w: f64 = if down {
        subnets.iter().map(|p| p.width).fold(0.0, f64::max)
    } else {
        subnets.iter().map(|p| p.width + 6.0).sum::<f64>() - 6.0
    };
    let edges_w = |e: &[EdgeBox]| e.iter().map(|g| edge_w(&g.2) + 8.0).sum::<f64>();
    let width =
        (2.0 * VPC_PAD + subnets_w.max(0.0) + if geps.is_empty() { 0.0 } else { gep_w + 8.0 })
            .max(text_w(&title, TITLE_FONT) + 2.0 * VPC_PAD + 4.0)
            .max(text_w(&cidrs, FONT) + 2.0 * VPC_PAD + 4.0)
            .max(edges_w(&tops) + 2.0 * VPC_PAD)
            .max(edges_w(&bottoms) + 2.0 * VPC_PAD)
            .max(140.0)
            .ceil();
    let rows = subnets
        .iter()
        .map(|p| p.items.len().min(rows))
        .max()
        .unwrap_or(0);
    let inner_h = if subnets.is_empty() {
        0.0
    } else if down {
        subnets.iter().map(|p| subnet_h(p, rows) + 6.0).sum::<f64>() - 6.0
    } else {
        SUBNET_HEADER_H + rows as f64 * ITEM_H + 4.0
    };
    let height = VPC_HEADER_H + inner_h.max(geps.len() as f64 * (GW_H + 6.0)) + 8.0;
    VpcPlan {
        id: v.id.clone(),
        region: v.region.clone(),
        lines: vec![title, cidrs],
        account: v.account.clone(),
        subnets,
        geps,
        gep_w,
        tops,
        bottoms,
        width,
        height: height.max(VPC_HEADER_H + 14.0),
    }
}

/// Space between a row of VPCs and the transit gateway hubs under it (and, between two
/// rows, from the hubs to the next row's top gateways).
const HUB_ABOVE: f64 = 8.0;
/// Space under the hubs under a band's last row, to the band's bottom.
const HUB_BELOW_LAST: f64 = 4.0;

/// Where a VPC ended up: its Region (index), row within the band, order within the Region.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spot {
    pub region: usize,
    pub row: usize,
    pub order: usize,
    pub rect: Rect,
    /// The middle of the free gap above its row (between bands for the first row).
    pub lane_above: f64,
    /// A lane under its row, below any bottom gateways.
    pub lane_below: f64,
}

/// The placed bands: VPC boxes, their contents, where each VPC is, and each band's rect.
pub(super) struct Bands {
    pub vpcs: Vec<Node>,
    pub inner: Vec<Node>,
    pub spots: BTreeMap<String, Spot>,
    pub bands: Vec<Node>,
    /// Right edge of the rightmost VPC (band padding not included).
    pub right: f64,
    pub bottom: f64,
    /// Per band, the top of the room kept for its transit gateway hubs
    /// ([`Plan::hub_room`]), if any.
    pub hub_tops: Vec<Option<f64>>,
}

/// Places every Region band from `top` down, VPCs in each band left to right.
pub(super) fn place_bands(s: &Scenario, plan: &Plan, top: f64) -> Bands {
    let mut out = Bands {
        vpcs: Vec::new(),
        inner: Vec::new(),
        spots: BTreeMap::new(),
        bands: Vec::new(),
        right: MARGIN + 300.0,
        bottom: top,
        hub_tops: Vec::new(),
    };
    let mut bx = MARGIN;
    let mut by = top;
    let members = Members::of(s);
    for (ri, region) in plan.regions.iter().enumerate() {
        let x0 = bx + VPC_PAD;
        let mut band_right = x0 + 200.0;
        let plans: Vec<VpcPlan> = s
            .vpcs
            .iter()
            .filter(|v| v.region == *region)
            .map(|v| plan_vpc(s, &members, v, plan.item_rows, plan.subnets_down))
            .collect();
        // Rows: a VPC that would pass the width starts a new row (never alone on its row).
        let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
        let mut x = x0;
        for (i, p) in plans.iter().enumerate() {
            let row = rows.last_mut().expect("one row");
            if !row.is_empty() && plan.max_right.is_some_and(|r| x + p.width > r - VPC_PAD) {
                rows.push(Vec::new());
                x = x0;
            }
            rows.last_mut().expect("one row").push((i, x));
            let gap = plan
                .gaps
                .get(p.id.as_str())
                .copied()
                .unwrap_or(plan.vpc_gap);
            x += p.width + gap;
        }
        // Each row leaves room for gateways above and below only where it has some.
        let reserve = |row: &Vec<(usize, f64)>, top: bool| {
            let any = row.iter().any(|(i, _)| {
                let p = &plans[*i];
                if top {
                    !p.tops.is_empty()
                } else {
                    !p.bottoms.is_empty()
                }
            });
            if any {
                GW_H
            } else {
                EDGE_MIN
            }
        };
        let mut ry = by + BAND_LABEL_H + reserve(&rows[0], true);
        // (top, height, lane in the gap above, lane under the row)
        let mut row_ys: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut gap_above = by - plan.band_gap / 2.0;
        // The hubs' room after one row (the last row when there are fewer rows).
        let hub = plan
            .hub_room
            .get(ri)
            .copied()
            .flatten()
            .map(|(after, h)| (after.min(rows.len() - 1), h));
        let mut hub_top = None;
        for (r, row) in rows.iter().enumerate() {
            let h = row
                .iter()
                .map(|(i, _)| plans[*i].height)
                .fold(VPC_HEADER_H + 14.0, f64::max);
            let below = ry + h + reserve(row, false);
            row_ys.push((ry, h, gap_above, below + 6.0));
            // Close under the row, and under the last row with little of the band's
            // padding under the hub: every pixel of height costs text size at Fit.
            let (room, lane) = match hub {
                Some((after, h)) if after == r => {
                    let last = r + 1 == rows.len();
                    hub_top = Some(below + HUB_ABOVE);
                    let room = if last {
                        h + HUB_ABOVE + HUB_BELOW_LAST - plan.band_pad
                    } else {
                        h + 2.0 * HUB_ABOVE - ROW_GAP
                    };
                    (room, below + HUB_ABOVE + h + HUB_ABOVE / 2.0)
                }
                _ => (0.0, below + ROW_GAP / 2.0),
            };
            gap_above = lane;
            if let Some(next) = rows.get(r + 1) {
                ry = below + room + ROW_GAP + reserve(next, true);
            } else {
                ry = below + room;
            }
        }
        out.hub_tops.push(hub_top);
        let band_bottom = ry + plan.band_pad;
        let mut plans: Vec<Option<VpcPlan>> = plans.into_iter().map(Some).collect();
        for (r, row) in rows.iter().enumerate() {
            for (i, x) in row {
                let Some(p) = plans[*i].take() else { continue };
                let (y, h, lane_above, lane_below) = row_ys[r];
                let rect = Rect::new(*x, y, p.width, h);
                out.right = out.right.max(rect.right());
                band_right = band_right.max(rect.right());
                out.spots.insert(
                    p.id.clone(),
                    Spot {
                        region: ri,
                        row: r,
                        order: *i,
                        rect,
                        lane_above,
                        lane_below,
                    },
                );
                place_vpc(p, rect, plan, &mut out);
            }
        }
        out.bands.push(Node {
            id: format!("region:{region}"),
            kind: NodeKind::Region,
            // Stacked bands are widened to the whole picture later; side by side, each
            // band is as wide as its VPCs.
            rect: Rect::new(bx, by, band_right + VPC_PAD - bx, band_bottom - by),
            anchor: Point::new(bx + 14.0, by + 12.0),
            lines: vec![format!("Region {region}")],
            details: vec![],
            tint: None,
            selectable: false,
            labels: Vec::new(),
        });
        out.bottom = out.bottom.max(band_bottom);
        if plan.regions_across {
            bx = band_right + VPC_PAD + plan.band_gaps.get(ri).copied().unwrap_or(BAND_GAP);
        } else {
            by = band_bottom + plan.band_gap;
        }
    }
    out
}

/// Where on a VPC's top border the packet stops: three quarters along, or right of the
/// gateways on that edge when they reach there (they start at the left, see [`place_vpc`]).
fn top_anchor_x(p: &VpcPlan, x: f64, w: f64) -> f64 {
    let at = x + w * 0.75;
    let gw_end = x + VPC_PAD + p.tops.iter().map(|g| edge_w(&g.2) + 8.0).sum::<f64>();
    let clear = if p.tops.is_empty() || gw_end + 12.0 < at {
        at
    } else {
        (gw_end + 14.0).min(x + w - 10.0)
    };
    clear.round()
}

/// A VPC's box, its subnets with their items, and the gateways on its edges.
fn place_vpc(p: VpcPlan, rect: Rect, plan: &Plan, out: &mut Bands) {
    let Rect { x, y: vy, w, h } = rect;
    out.vpcs.push(Node {
        id: p.id.clone(),
        kind: NodeKind::Resource(Kind::Vpc),
        rect,
        // On the top border: a drop "in the VPC" marks its edge, not its title, nor the
        // gateways on that edge.
        anchor: Point::new(top_anchor_x(&p, x, w), vy),
        lines: p.lines,
        details: vec![
            format!("account {}", p.account),
            format!("Region {}", p.region),
        ],
        tint: plan.accounts.iter().position(|a| *a == p.account),
        selectable: true,
        labels: Vec::new(),
    });
    // Subnets left to right, items in columns of `plan.item_rows`.
    // Stacked (`plan.subnets_down`), each is as wide as the widest and as tall as its items,
    // the last reaching the VPC's bottom.
    let mut sx = x + VPC_PAD;
    let mut sy = vy + VPC_HEADER_H;
    let full_h = (h - VPC_HEADER_H - 8.0).max(SUBNET_HEADER_H);
    let widest = p.subnets.iter().map(|sp| sp.width).fold(0.0, f64::max);
    let count = p.subnets.len();
    for (k, mut sp) in p.subnets.into_iter().enumerate() {
        let sub_h = if !plan.subnets_down {
            full_h
        } else if k + 1 == count {
            vy + h - 8.0 - sy
        } else {
            subnet_h(&sp, plan.item_rows)
        };
        if plan.subnets_down {
            sp.width = widest;
        }
        let srect = Rect::new(sx, sy, sp.width, sub_h);
        out.inner.push(Node {
            id: sp.id.clone(),
            kind: NodeKind::Resource(Kind::Subnet),
            rect: srect,
            // On its top edge, above its words.
            anchor: Point::new((sx + sp.width / 2.0).round(), sy),
            lines: sp.lines,
            details: sp.details,
            tint: None,
            selectable: true,
            labels: Vec::new(),
        });
        let mut cx = sx + 5.0;
        let mut items = sp.items.into_iter().peekable();
        while items.peek().is_some() {
            let col: Vec<Item> = items.by_ref().take(plan.item_rows).collect();
            let cw = col.iter().map(Item::width).fold(0.0, f64::max);
            for (row, it) in col.into_iter().enumerate() {
                let iy = sy + SUBNET_HEADER_H + row as f64 * ITEM_H;
                out.inner.push(it.node(cx, iy, cw));
            }
            cx += cw;
        }
        if plan.subnets_down {
            sy += sub_h + 6.0;
        } else {
            sx += sp.width + 6.0;
        }
    }
    // Gateway endpoints on the right side, toward the services box.
    for (k, g) in p.geps.into_iter().enumerate() {
        let r = Rect::new(
            x + w - p.gep_w - 4.0,
            sy + k as f64 * (GW_H + 6.0),
            p.gep_w,
            GW_H,
        );
        out.inner.push(edge_node(g, r));
    }
    // Internet and NAT gateways sit on the top edge; VPN gateways on the bottom.
    let mut gx = x + VPC_PAD;
    for g in p.tops {
        let gw = edge_w(&g.2);
        out.inner
            .push(edge_node(g, Rect::new(gx, vy - GW_H, gw, GW_H)));
        gx += gw + 8.0;
    }
    let total: f64 = p.bottoms.iter().map(|b| edge_w(&b.2) + 8.0).sum::<f64>() - 8.0;
    let mut bx = (x + (w - total) / 2.0).round();
    for g in p.bottoms {
        let gw = edge_w(&g.2);
        out.inner
            .push(edge_node(g, Rect::new(bx, vy + h, gw, GW_H)));
        bx += gw + 8.0;
    }
}
