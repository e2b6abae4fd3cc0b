//! Canvas layout: a pure function from a scenario to boxes, dots and lines in world
//! coordinates (CSS pixels at zoom 1), plus an anchor point per resource id for the packet.
//!
//! Shape of the picture: the internet cloud on top, region bands below it (regions in order of
//! first appearance), VPCs left to right by their index within their region, on-prem networks
//! at the bottom and the AWS services box on the right. Every box has a fixed height and a
//! width that depends only on its own content, so appending a VPC never moves another VPC.
//! Gateways sit where traffic leaves: internet and NAT gateways on a VPC's top edge, VPN
//! gateways on its bottom edge, gateway endpoints on its right side (toward the services).

use super::geom::{dist_to_polyline, label_point, Point, Rect};
use std::collections::BTreeMap;
use vpc_engine::model::{EndpointType, PeeringConnection, PeeringStatus, TunnelState, VifType};
use vpc_engine::peering::{self, Blocked};
use vpc_engine::Scenario;

/// Font sizes at zoom 1 (CSS px); layout estimates text widths from them.
pub const FONT: f64 = 12.0;
pub const TITLE_FONT: f64 = 13.0;

const MARGIN: f64 = 20.0;
const CLOUD_H: f64 = 64.0;
const CLOUD_GAP: f64 = 44.0;
const BAND_LABEL_H: f64 = 22.0;
/// Height of gateway boxes on VPC and on-prem edges.
pub const GW_H: f64 = 24.0;
const VPC_HEADER_H: f64 = 42.0;
const SUBNET_HEADER_H: f64 = 50.0;
const ITEM_H: f64 = 32.0;
const ROWS: usize = 2;
const SUBNET_H: f64 = SUBNET_HEADER_H + ROWS as f64 * ITEM_H + 4.0;
const VPC_PAD: f64 = 12.0;
const VPC_H: f64 = VPC_HEADER_H + SUBNET_H + 14.0;
const VPC_GAP: f64 = 84.0;
const BAND_H: f64 = BAND_LABEL_H + GW_H + 6.0 + VPC_H + GW_H + 22.0;
const BAND_GAP: f64 = 40.0;
const ONPREM_GAP: f64 = 70.0;
const ONPREM_H: f64 = 44.0 + ITEM_H + 10.0;
const SERVICE_ROW_H: f64 = 26.0;
/// Radius of instance and host dots.
pub const DOT_R: f64 = 6.0;

/// What a box or dot stands for; decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Region,
    Internet,
    InternetHost,
    Services,
    Service,
    Vpc,
    Subnet,
    Instance,
    InterfaceEndpoint,
    GatewayEndpoint,
    InternetGateway,
    NatGateway,
    VpnGateway,
    Onprem,
    OnpremHost,
    CustomerGateway,
    DxConnection,
}

impl NodeKind {
    /// Containers are hit last, so a click on a dot inside a box selects the dot.
    pub fn is_container(&self) -> bool {
        matches!(
            self,
            NodeKind::Region
                | NodeKind::Internet
                | NodeKind::Services
                | NodeKind::Vpc
                | NodeKind::Subnet
                | NodeKind::Onprem
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The resource id, or for the boxes that are not resources: `region:NAME`, `internet`,
    /// `aws-services`, or a service name (`com.amazonaws.us-east-1.s3`).
    pub id: String,
    pub kind: NodeKind,
    pub rect: Rect,
    /// Where the packet goes when it is here (a dot's centre, a box's header).
    pub anchor: Point,
    /// Text lines, the first one the title.
    pub lines: Vec<String>,
    /// VPCs: index into [`Layout::accounts`] for the header tint.
    pub tint: Option<usize>,
    /// Whether clicking it selects a scenario resource.
    pub selectable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `overlap`: the VPCs' blocks overlap (finding OVERLAPPING_CIDR): treated as failed.
    Peering {
        status: PeeringStatus,
        overlap: bool,
    },
    /// Each tunnel: true when up.
    Vpn {
        tunnels: [bool; 2],
    },
    Dx {
        public: bool,
    },
    /// A gateway or endpoint's attachment (IGW to internet, gateway endpoint to its service).
    Attach,
}

impl LinkKind {
    /// True for a peering that forwards nothing and should look broken (red, crossed).
    pub fn is_broken_peering(&self) -> bool {
        match self {
            LinkKind::Peering { status, overlap } => {
                *overlap
                    || matches!(
                        status,
                        PeeringStatus::Failed
                            | PeeringStatus::Rejected
                            | PeeringStatus::Expired
                            | PeeringStatus::Deleted
                    )
            }
            _ => false,
        }
    }
    pub fn is_pending_peering(&self) -> bool {
        matches!(
            self,
            LinkKind::Peering {
                status: PeeringStatus::InitiatingRequest | PeeringStatus::PendingAcceptance,
                overlap: false
            }
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The resource id (peering, VPN connection, DX virtual interface) or `attach:ID`.
    pub id: String,
    pub kind: LinkKind,
    pub points: Vec<Point>,
    pub label: String,
    pub selectable: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// In drawing order: containers before their contents.
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// Accounts in order of first appearance (header tint index).
    pub accounts: Vec<String>,
    /// Everything drawn, with a margin.
    pub bounds: Rect,
    anchors: BTreeMap<String, Point>,
}

impl Layout {
    /// Where the packet is drawn when a hop is `at` this id.
    pub fn anchor(&self, id: &str) -> Option<Point> {
        self.anchors.get(id).copied()
    }
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }
}

/// Rough width of a text at a font size: generous, so labels fit their boxes.
pub fn text_w(s: &str, px: f64) -> f64 {
    // An ellipsis (from a shortened id) is about as wide as a capital M.
    let ems: f64 = s.chars().map(|c| if c == '…' { 1.0 } else { 0.6 }).sum();
    (ems * px).ceil()
}

/// Ids longer than this are shortened on the canvas.
const SHORT_ID_MAX: usize = 14;

/// An id as the canvas shows it. AWS-style ids (`PREFIX-` then one long run of letters and
/// digits, e.g. `vpc-0a1b2c3d4e5f60001`) longer than 14 characters keep their prefix, the first
/// 4 and the last 5 characters of the run: `vpc-0a1b…60001`, so a real account's ids do not
/// stretch every box. Short ids and ids made of words (`subnet-app-private`) stay whole; the
/// panels always show ids whole.
pub fn short_id(id: &str) -> String {
    let Some((prefix, run)) = id.split_once('-') else {
        return id.to_string();
    };
    let chars: Vec<char> = run.chars().collect();
    let aws_like = !prefix.is_empty() && chars.iter().all(|c| c.is_ascii_alphanumeric());
    if !aws_like || id.chars().count() <= SHORT_ID_MAX || chars.len() <= 10 {
        return id.to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 5..].iter().collect();
    format!("{prefix}-{head}…{tail}")
}

/// A resource's canvas title: its Name tag and short id, or the short id alone.
fn label_of(id: &str, name: &Option<String>) -> String {
    let sid = short_id(id);
    match name {
        Some(n) if !n.is_empty() && n != id => format!("{n} · {sid}"),
        _ => sid,
    }
}

/// A laid-out item inside a subnet (instance dot or interface-endpoint square).
struct Item {
    id: String,
    kind: NodeKind,
    lines: Vec<String>,
}

impl Item {
    fn width(&self) -> f64 {
        let t = self
            .lines
            .iter()
            .map(|l| text_w(l, FONT))
            .fold(0.0, f64::max);
        (t + 2.0 * DOT_R + 14.0).max(96.0)
    }
}

/// Everything of one subnet before it has a position.
struct SubnetPlan {
    id: String,
    lines: Vec<String>,
    items: Vec<Item>,
    width: f64,
}

fn plan_subnet(s: &Scenario, idx: usize) -> Option<SubnetPlan> {
    let sub = s.subnets.get(idx)?;
    let mut items: Vec<Item> = s
        .instances
        .iter()
        .filter(|i| i.subnet == sub.id)
        .map(|i| Item {
            id: i.id.clone(),
            kind: NodeKind::Instance,
            lines: vec![
                label_of(&i.id, &i.name),
                match i.public_ip {
                    Some(p) => format!("{} · public {}", i.private_ip, p),
                    None => i.private_ip.to_string(),
                },
            ],
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
            let svc = e.service.rsplit('.').next().unwrap_or("").to_string();
            items.push(Item {
                id: e.id.clone(),
                kind: NodeKind::InterfaceEndpoint,
                lines: vec![format!("{} ({svc})", short_id(&e.id)), ip],
            });
        }
    }
    let az = s.subnet_az(sub);
    let table = s
        .table_for_subnet(&sub.id)
        .map(|t| format!("route table {}", short_id(&t.id)))
        .unwrap_or_else(|| "no route table".to_string());
    let lines = vec![
        label_of(&sub.id, &sub.name),
        format!("{} · {az}", sub.cidr),
        table,
    ];
    let cols_w: f64 = items
        .chunks(ROWS)
        .map(|c| c.iter().map(Item::width).fold(0.0, f64::max))
        .sum();
    let head_w = lines.iter().map(|l| text_w(l, FONT)).fold(0.0, f64::max);
    let width = (cols_w + 16.0).max(head_w + 16.0).max(120.0).ceil();
    Some(SubnetPlan {
        id: sub.id.clone(),
        lines,
        items,
        width,
    })
}

fn short_service(name: &str) -> String {
    // com.amazonaws.REGION.SERVICE -> "SERVICE · REGION"
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        ["com", "amazonaws", region, rest @ ..] if !rest.is_empty() => {
            format!("{} · {region}", rest.join("."))
        }
        _ => name.to_string(),
    }
}

/// Lays out the scenario. `extra_services`: AWS service names (`com.amazonaws.REGION.SVC`)
/// a trace visits that no endpoint names, so the packet has a box to go to.
pub fn layout(s: &Scenario, extra_services: &[String]) -> Layout {
    let mut out = Layout::default();
    // Peerings failed by overlapping blocks, by the engine's one peering rule.
    let overlapping: Vec<String> = s
        .peering_connections
        .iter()
        .filter(|p| match (s.vpc(&p.requester), s.vpc(&p.accepter)) {
            (Some(a), Some(b)) => matches!(peering::blocked(p, a, b), Some(Blocked::Overlap(..))),
            _ => false,
        })
        .map(|p| p.id.clone())
        .collect();

    for v in &s.vpcs {
        if !out.accounts.contains(&v.account) {
            out.accounts.push(v.account.clone());
        }
    }
    let mut regions: Vec<&str> = Vec::new();
    for v in &s.vpcs {
        if !regions.contains(&v.region.as_str()) {
            regions.push(&v.region);
        }
    }

    // Pass 1: VPC boxes and their contents, band by band.
    let band_top = MARGIN + CLOUD_H + CLOUD_GAP;
    let mut vpc_nodes: Vec<Node> = Vec::new();
    let mut inner: Vec<Node> = Vec::new();
    let mut content_right = MARGIN + 360.0;
    let mut vpc_rects: BTreeMap<String, (usize, usize, Rect)> = BTreeMap::new();
    let gaps = gaps_after(s, &regions, &overlapping);
    for (ri, region) in regions.iter().enumerate() {
        let by = band_top + ri as f64 * (BAND_H + BAND_GAP);
        let mut x = MARGIN + 14.0;
        for (vi, v) in s.vpcs.iter().filter(|v| v.region == *region).enumerate() {
            let vy = by + BAND_LABEL_H + GW_H + 6.0;
            let title = label_of(&v.id, &v.name);
            let cidrs = v
                .cidrs
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let subnets: Vec<SubnetPlan> = s
                .subnets
                .iter()
                .enumerate()
                .filter(|(_, sb)| sb.vpc == v.id)
                .filter_map(|(i, _)| plan_subnet(s, i))
                .collect();
            let geps: Vec<(String, String)> = s
                .vpc_endpoints
                .iter()
                .filter(|e| e.vpc == v.id && e.kind == EndpointType::Gateway)
                .map(|e| {
                    let svc = e.service.rsplit('.').next().unwrap_or("").to_string();
                    (e.id.clone(), format!("{} ({svc})", short_id(&e.id)))
                })
                .collect();
            let gep_w = geps
                .iter()
                .map(|(_, l)| text_w(l, FONT) + 16.0)
                .fold(0.0, f64::max);
            let tops: Vec<(String, NodeKind, String)> = s
                .internet_gateways
                .iter()
                .filter(|g| g.vpc.as_deref() == Some(v.id.as_str()))
                .map(|g| {
                    (
                        g.id.clone(),
                        NodeKind::InternetGateway,
                        format!("IGW {}", short_id(&g.id)),
                    )
                })
                .chain(
                    s.nat_gateways
                        .iter()
                        .filter(|n| s.subnet(&n.subnet).is_some_and(|sb| sb.vpc == v.id))
                        .map(|n| {
                            (
                                n.id.clone(),
                                NodeKind::NatGateway,
                                format!("NAT {} · {}", short_id(&n.id), n.public_ip),
                            )
                        }),
                )
                .collect();
            let bottoms: Vec<(String, String)> = s
                .vpn_gateways
                .iter()
                .filter(|g| g.vpc.as_deref() == Some(v.id.as_str()))
                .map(|g| (g.id.clone(), format!("VGW {}", short_id(&g.id))))
                .collect();
            let subnets_w: f64 = subnets.iter().map(|p| p.width + 10.0).sum::<f64>();
            let edge_w = |labels: Vec<&String>| -> f64 {
                labels
                    .iter()
                    .map(|l| text_w(l, FONT) + 16.0 + 8.0)
                    .sum::<f64>()
            };
            let w = (VPC_PAD + subnets_w + VPC_PAD - 10.0
                + if geps.is_empty() { 0.0 } else { gep_w + 10.0 })
            .max(text_w(&title, TITLE_FONT) + 2.0 * VPC_PAD)
            .max(text_w(&cidrs, FONT) + 2.0 * VPC_PAD)
            .max(edge_w(tops.iter().map(|t| &t.2).collect()) + 2.0 * VPC_PAD)
            .max(edge_w(bottoms.iter().map(|b| &b.1).collect()) + 2.0 * VPC_PAD)
            .max(180.0)
            .ceil();
            let rect = Rect::new(x, vy, w, VPC_H);
            vpc_rects.insert(v.id.clone(), (ri, vi, rect));
            let tint = out.accounts.iter().position(|a| *a == v.account);
            vpc_nodes.push(Node {
                id: v.id.clone(),
                kind: NodeKind::Vpc,
                rect,
                // On the top border: a drop "in the VPC" marks its edge, not its title.
                anchor: Point::new((x + w * 0.75).round(), vy),
                lines: vec![title, cidrs, format!("account {}", v.account)],
                tint,
                selectable: true,
            });
            // Subnets left to right, items in columns of ROWS.
            let mut sx = x + VPC_PAD;
            let sy = vy + VPC_HEADER_H;
            for p in subnets {
                let srect = Rect::new(sx, sy, p.width, SUBNET_H);
                inner.push(Node {
                    id: p.id.clone(),
                    kind: NodeKind::Subnet,
                    rect: srect,
                    anchor: Point::new((sx + p.width / 2.0).round(), sy + 10.0),
                    lines: p.lines,
                    tint: None,
                    selectable: true,
                });
                let mut cx = sx + 8.0;
                for col in p.items.chunks(ROWS) {
                    let cw = col.iter().map(Item::width).fold(0.0, f64::max);
                    for (row, it) in col.iter().enumerate() {
                        let iy = sy + SUBNET_HEADER_H + row as f64 * ITEM_H;
                        let r = Rect::new(cx, iy, cw, ITEM_H - 2.0);
                        inner.push(Node {
                            id: it.id.clone(),
                            kind: it.kind,
                            rect: r,
                            anchor: Point::new(cx + DOT_R + 1.0, iy + 10.0),
                            lines: it.lines.clone(),
                            tint: None,
                            selectable: true,
                        });
                    }
                    cx += cw;
                }
                sx += p.width + 10.0;
            }
            // Gateway endpoints on the right side, toward the services box.
            for (k, (id, label)) in geps.into_iter().enumerate() {
                let r = Rect::new(
                    x + w - gep_w - 2.0,
                    sy + k as f64 * (GW_H + 6.0),
                    gep_w,
                    GW_H,
                );
                inner.push(edge_node(id, NodeKind::GatewayEndpoint, r, label));
            }
            // Internet and NAT gateways sit on the top edge; VPN gateways on the bottom.
            let mut gx = x + VPC_PAD;
            for (id, kind, label) in tops {
                let gw = text_w(&label, FONT) + 16.0;
                let r = Rect::new(gx, vy - GW_H, gw, GW_H);
                inner.push(edge_node(id, kind, r, label));
                gx += gw + 8.0;
            }
            let total: f64 = bottoms.iter().map(|b| text_w(&b.1, FONT) + 24.0).sum();
            let mut bx = (x + (w - total) / 2.0).round();
            for (id, label) in bottoms {
                let gw = text_w(&label, FONT) + 16.0;
                let r = Rect::new(bx, vy + VPC_H, gw, GW_H);
                inner.push(edge_node(id, NodeKind::VpnGateway, r, label));
                bx += gw + 8.0;
            }
            content_right = content_right.max(x + w + 14.0);
            x += w + gaps.get(v.id.as_str()).copied().unwrap_or(VPC_GAP);
        }
    }
    let bands_bottom = if regions.is_empty() {
        band_top
    } else {
        band_top + regions.len() as f64 * (BAND_H + BAND_GAP) - BAND_GAP
    };

    // On-prem networks along the bottom.
    let op_y = bands_bottom + ONPREM_GAP + GW_H;
    let mut onprem: Vec<Node> = Vec::new();
    let mut ox = MARGIN + 14.0;
    for n in &s.onprem_networks {
        let title = label_of(&n.id, &n.name);
        let cidrs = n
            .cidrs
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let hosts: Vec<Item> = n
            .hosts
            .iter()
            .map(|h| Item {
                id: h.id.clone(),
                kind: NodeKind::OnpremHost,
                lines: vec![label_of(&h.id, &h.name), h.ip.to_string()],
            })
            .collect();
        let tops: Vec<(String, NodeKind, String)> = s
            .customer_gateways
            .iter()
            .filter(|c| c.network == n.id)
            .map(|c| {
                (
                    c.id.clone(),
                    NodeKind::CustomerGateway,
                    format!("CGW {} · {}", short_id(&c.id), c.ip),
                )
            })
            .chain(
                s.dx_connections
                    .iter()
                    .filter(|d| d.network == n.id)
                    .map(|d| {
                        let loc = d.location.clone().unwrap_or_default();
                        (
                            d.id.clone(),
                            NodeKind::DxConnection,
                            format!("DX {} {loc}", short_id(&d.id))
                                .trim_end()
                                .to_string(),
                        )
                    }),
            )
            .collect();
        let hosts_w: f64 = hosts.iter().map(Item::width).sum();
        let tops_w: f64 = tops.iter().map(|t| text_w(&t.2, FONT) + 24.0).sum();
        let w = (hosts_w + 16.0)
            .max(tops_w + 16.0)
            .max(text_w(&title, TITLE_FONT) + 24.0)
            .max(text_w(&cidrs, FONT) + 24.0)
            .max(180.0)
            .ceil();
        let rect = Rect::new(ox, op_y, w, ONPREM_H);
        onprem.push(Node {
            id: n.id.clone(),
            kind: NodeKind::Onprem,
            rect,
            anchor: Point::new((ox + w / 2.0).round(), op_y + 20.0),
            lines: vec![format!("On-premises: {title}"), cidrs],
            tint: None,
            selectable: true,
        });
        let mut hx = ox + 8.0;
        for h in hosts {
            let hw = h.width();
            let hy = op_y + 44.0;
            onprem.push(Node {
                id: h.id.clone(),
                kind: h.kind,
                rect: Rect::new(hx, hy, hw, ITEM_H - 2.0),
                anchor: Point::new(hx + DOT_R + 1.0, hy + 10.0),
                lines: h.lines,
                tint: None,
                selectable: true,
            });
            hx += hw;
        }
        let mut gx = ox + 8.0;
        for (id, kind, label) in tops {
            let gw = text_w(&label, FONT) + 16.0;
            onprem.push(edge_node(
                id,
                kind,
                Rect::new(gx, op_y - GW_H, gw, GW_H),
                label,
            ));
            gx += gw + 8.0;
        }
        ox += w + 40.0;
        content_right = content_right.max(ox - 40.0 + 14.0);
    }

    // The AWS services box on the right: services named by endpoints, then by the trace.
    let mut services: Vec<String> = Vec::new();
    for name in s
        .vpc_endpoints
        .iter()
        .map(|e| &e.service)
        .chain(extra_services.iter())
    {
        if !services.contains(name) {
            services.push(name.clone());
        }
    }
    let mut svc_nodes: Vec<Node> = Vec::new();
    let has_public_vif = s
        .dx_virtual_interfaces
        .iter()
        .any(|v| v.kind == VifType::Public);
    if !services.is_empty() || has_public_vif {
        let sw = services
            .iter()
            .map(|n| text_w(&short_service(n), FONT) + 28.0)
            .fold(170.0, f64::max)
            .ceil();
        let sx = content_right + 60.0;
        let sy = band_top + BAND_LABEL_H;
        let h = 30.0 + services.len().max(1) as f64 * SERVICE_ROW_H + 6.0;
        svc_nodes.push(Node {
            id: "aws-services".into(),
            kind: NodeKind::Services,
            rect: Rect::new(sx, sy, sw, h),
            anchor: Point::new((sx + sw / 2.0).round(), sy + 14.0),
            lines: vec!["AWS services".into()],
            tint: None,
            selectable: false,
        });
        for (k, name) in services.iter().enumerate() {
            let r = Rect::new(
                sx + 8.0,
                sy + 30.0 + k as f64 * SERVICE_ROW_H,
                sw - 16.0,
                SERVICE_ROW_H - 4.0,
            );
            svc_nodes.push(Node {
                id: name.clone(),
                kind: NodeKind::Service,
                rect: r,
                anchor: Point::new(r.x + 10.0, r.y + r.h / 2.0),
                lines: vec![short_service(name)],
                tint: None,
                selectable: false,
            });
        }
        content_right = sx + sw;
    }

    // The internet cloud across the top, with its hosts and any detached gateways.
    let cloud = Rect::new(MARGIN, MARGIN, content_right - MARGIN, CLOUD_H);
    let mut cloud_nodes: Vec<Node> = vec![Node {
        id: "internet".into(),
        kind: NodeKind::Internet,
        rect: cloud,
        anchor: Point::new(MARGIN + 60.0, MARGIN + 40.0),
        lines: vec!["Internet".into()],
        tint: None,
        selectable: false,
    }];
    let mut hx = MARGIN + 110.0;
    for h in &s.internet_hosts {
        let it = Item {
            id: h.id.clone(),
            kind: NodeKind::InternetHost,
            lines: vec![label_of(&h.id, &h.name), h.ip.to_string()],
        };
        let hw = it.width();
        let hy = MARGIN + 18.0;
        cloud_nodes.push(Node {
            id: it.id,
            kind: it.kind,
            rect: Rect::new(hx, hy, hw, ITEM_H - 2.0),
            anchor: Point::new(hx + DOT_R + 1.0, hy + 10.0),
            lines: it.lines,
            tint: None,
            selectable: true,
        });
        hx += hw + 8.0;
    }
    let detached = s
        .internet_gateways
        .iter()
        .filter(|g| g.vpc.is_none())
        .map(|g| {
            (
                g.id.clone(),
                NodeKind::InternetGateway,
                format!("IGW {} (detached)", short_id(&g.id)),
            )
        })
        .chain(s.vpn_gateways.iter().filter(|g| g.vpc.is_none()).map(|g| {
            (
                g.id.clone(),
                NodeKind::VpnGateway,
                format!("VGW {} (detached)", short_id(&g.id)),
            )
        }));
    for (id, kind, label) in detached {
        let gw = text_w(&label, FONT) + 16.0;
        cloud_nodes.push(edge_node(
            id,
            kind,
            Rect::new(hx, MARGIN + 20.0, gw, GW_H),
            label,
        ));
        hx += gw + 8.0;
    }
    if hx > cloud.right() {
        cloud_nodes[0].rect.w = hx - MARGIN + 8.0;
    }

    // Region bands span the width of everything.
    let band_w = content_right.max(cloud_nodes[0].rect.right()) - MARGIN;
    let region_nodes: Vec<Node> = regions
        .iter()
        .enumerate()
        .map(|(ri, r)| {
            let by = band_top + ri as f64 * (BAND_H + BAND_GAP);
            Node {
                id: format!("region:{r}"),
                kind: NodeKind::Region,
                rect: Rect::new(MARGIN, by, band_w, BAND_H),
                anchor: Point::new(MARGIN + 14.0, by + 14.0),
                lines: vec![format!("Region {r}")],
                tint: None,
                selectable: false,
            }
        })
        .collect();

    out.nodes.extend(region_nodes);
    out.nodes.extend(cloud_nodes);
    out.nodes.extend(svc_nodes);
    out.nodes.extend(vpc_nodes);
    out.nodes.extend(onprem);
    out.nodes.extend(inner);

    links(s, &mut out, &vpc_rects, &overlapping, op_y);

    // Anchors: every node, every link, and route tables at their first subnet's header.
    let mut anchors = BTreeMap::new();
    for n in &out.nodes {
        anchors.insert(n.id.clone(), n.anchor);
    }
    for l in &out.links {
        if l.selectable {
            anchors.insert(l.id.clone(), label_point(&l.points));
        }
    }
    // A route table sits just after the "route table …" line of the first subnet using it
    // (the subnet's third line), so the packet's path touches the words that name the table.
    let table_point = |subnet: &str| {
        out.nodes
            .iter()
            .find(|n| n.id == subnet && n.kind == NodeKind::Subnet)
            .map(|n| {
                let end = n.rect.x + 8.0 + n.lines.get(2).map_or(0.0, |l| text_w(l, FONT));
                Point::new(
                    (end + 4.0).min(n.rect.right() - 12.0).round(),
                    n.rect.y + 38.0,
                )
            })
    };
    for t in &s.route_tables {
        let at = t
            .subnets
            .iter()
            .find_map(|sb| table_point(sb))
            .or_else(|| {
                s.subnets
                    .iter()
                    .filter(|sb| sb.vpc == t.vpc && t.main)
                    .find(|sb| s.table_for_subnet(&sb.id).is_some_and(|x| x.id == t.id))
                    .and_then(|sb| table_point(&sb.id))
            })
            .or_else(|| anchors.get(&t.vpc).copied());
        if let Some(p) = at {
            anchors.insert(t.id.clone(), p);
        }
    }
    out.anchors = anchors;

    let mut b = Rect::new(0.0, 0.0, 0.0, 0.0);
    for n in &out.nodes {
        b = b.union(&n.rect);
    }
    for l in &out.links {
        for p in &l.points {
            b = b.union(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
    }
    out.bounds = Rect::new(0.0, 0.0, b.right() + MARGIN, b.bottom() + MARGIN);
    out
}

/// A line from a VPN gateway's bottom down a lane above the on-prem row to `to`'s top.
fn down_link(lane: &mut usize, from: Rect, to: Rect, onprem_y: f64) -> Vec<Point> {
    let off = (*lane % 5) as f64 * 8.0;
    *lane += 1;
    let fx = (from.center().x + off - 8.0).round();
    let tx = (to.center().x + off - 8.0).round();
    let y = (onprem_y - GW_H - 16.0 - off).round();
    vec![
        Point::new(fx, from.bottom()),
        Point::new(fx, y),
        Point::new(tx, y),
        Point::new(tx, to.y),
    ]
}

fn edge_node(id: String, kind: NodeKind, rect: Rect, label: String) -> Node {
    Node {
        anchor: rect.center(),
        id,
        kind,
        rect,
        lines: vec![label],
        tint: None,
        selectable: true,
    }
}

/// A peering's pill on the canvas: its short id, and its status unless it is active.
fn peering_label(p: &PeeringConnection, overlap: bool) -> String {
    if overlap {
        format!("{} (failed: overlapping CIDRs)", short_id(&p.id))
    } else if p.status == PeeringStatus::Active {
        short_id(&p.id)
    } else {
        format!("{} ({})", short_id(&p.id), p.status.as_str())
    }
}

/// The space to leave after each VPC: [`VPC_GAP`], or more where the pill of a peering to
/// the next VPC in its Region is wider, so the pill does not cover either box.
fn gaps_after<'a>(
    s: &'a Scenario,
    regions: &[&str],
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
                let w = text_w(&peering_label(p, overlapping.contains(&p.id)), FONT) + 10.0 + 20.0;
                let gap = gaps.entry(row[a.min(b)]).or_insert(VPC_GAP);
                *gap = f64::max(*gap, w.ceil());
            }
        }
    }
    gaps
}

/// Peering, VPN, DX and attachment lines, routed between the boxes already placed.
fn links(
    s: &Scenario,
    out: &mut Layout,
    vpcs: &BTreeMap<String, (usize, usize, Rect)>,
    overlapping: &[String],
    onprem_y: f64,
) {
    let rect_of = |out: &Layout, id: &str| out.node(id).map(|n| n.rect);
    let mut pair_count: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut lane = 0usize;
    for p in &s.peering_connections {
        let (Some(a), Some(b)) = (vpcs.get(&p.requester), vpcs.get(&p.accepter)) else {
            continue;
        };
        let (a, b) = if (a.0, a.1) <= (b.0, b.1) {
            (a, b)
        } else {
            (b, a)
        };
        let key = (
            p.requester.clone().min(p.accepter.clone()),
            p.requester.clone().max(p.accepter.clone()),
        );
        let k = *pair_count
            .entry(key.clone())
            .and_modify(|c| *c += 1)
            .or_insert(0) as f64;
        let (ra, rb) = (a.2, b.2);
        let points = if a.0 == b.0 && b.1 == a.1 + 1 {
            let y = (ra.y + VPC_HEADER_H + 24.0 + k * 16.0).round();
            vec![Point::new(ra.right(), y), Point::new(rb.x, y)]
        } else if a.0 == b.0 {
            let off = (lane % 4) as f64 * 10.0;
            let y = (ra.bottom().max(rb.bottom()) + GW_H + 8.0 + off).round();
            let ax = (ra.right() - 24.0 - off).round();
            let bx = (rb.x + 24.0 + off).round();
            lane += 1;
            vec![
                Point::new(ax, ra.bottom()),
                Point::new(ax, y),
                Point::new(bx, y),
                Point::new(bx, rb.bottom()),
            ]
        } else {
            let off = (lane % 4) as f64 * 10.0;
            let y = (rb.y - GW_H - BAND_LABEL_H - 8.0 - off).round();
            let ax = (ra.right() - 24.0 - off).round();
            let bx = (rb.right() - 24.0 - off).round();
            lane += 1;
            vec![
                Point::new(ax, ra.bottom()),
                Point::new(ax, y),
                Point::new(bx, y),
                Point::new(bx, rb.y),
            ]
        };
        let overlap = overlapping.contains(&p.id);
        let label = peering_label(p, overlap);
        out.links.push(Link {
            id: p.id.clone(),
            kind: LinkKind::Peering {
                status: p.status,
                overlap,
            },
            points,
            label,
            selectable: true,
        });
    }

    // VPN and DX run from a VGW's bottom down to lanes above the on-prem row.
    let mut lane = 0usize;
    for v in &s.vpn_connections {
        let (Some(g), Some(c)) = (
            rect_of(out, &v.vpn_gateway),
            rect_of(out, &v.customer_gateway),
        ) else {
            continue;
        };
        let points = down_link(&mut lane, g, c, onprem_y);
        let tunnels = [
            v.tunnels[0] == TunnelState::Up,
            v.tunnels[1] == TunnelState::Up,
        ];
        let state = match tunnels {
            [true, true] => "",
            [false, false] => " (both tunnels down)",
            _ => " (one tunnel down)",
        };
        out.links.push(Link {
            id: v.id.clone(),
            kind: LinkKind::Vpn { tunnels },
            points,
            label: format!("VPN {}{state}", short_id(&v.id)),
            selectable: true,
        });
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
            let off = (lane % 5) as f64 * 8.0;
            lane += 1;
            let y = (onprem_y - GW_H - 16.0 - off).round();
            let x = (dx.center().x + 8.0).round();
            let sx = (svc.x + 30.0 + off).round();
            vec![
                Point::new(x, dx.y),
                Point::new(x, y),
                Point::new(sx, y),
                Point::new(sx, svc.bottom()),
            ]
        } else {
            let Some(g) = vif.vpn_gateway.as_deref().and_then(|g| rect_of(out, g)) else {
                continue;
            };
            down_link(&mut lane, g, dx, onprem_y)
        };
        out.links.push(Link {
            id: vif.id.clone(),
            kind: LinkKind::Dx { public },
            points,
            label: format!(
                "{} · VLAN {}{}",
                short_id(&vif.id),
                vif.vlan,
                if public { " (public)" } else { "" }
            ),
            selectable: true,
        });
    }

    // Attachments: IGWs up to the cloud, gateway endpoints across to their service.
    let cloud_bottom = out.node("internet").map(|n| n.rect.bottom()).unwrap_or(0.0);
    let mut attach = Vec::new();
    for n in &out.nodes {
        if n.kind == NodeKind::InternetGateway && n.rect.y > cloud_bottom {
            let x = n.rect.center().x.round();
            attach.push(Link {
                id: format!("attach:{}", n.id),
                kind: LinkKind::Attach,
                points: vec![Point::new(x, n.rect.y), Point::new(x, cloud_bottom)],
                label: String::new(),
                selectable: false,
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
        let y1 = svc.center().y.round();
        let mid = (svc.x - 20.0 - (k % 4) as f64 * 8.0).round();
        attach.push(Link {
            id: format!("attach:{}", e.id),
            kind: LinkKind::Attach,
            points: vec![
                Point::new(g.right(), y0),
                Point::new(mid, y0),
                Point::new(mid, y1),
                Point::new(svc.x - 8.0, y1),
            ],
            label: String::new(),
            selectable: false,
        });
    }
    out.links.extend(attach);
}

/// The resource id under a world point: dots and gateways first, then lines, then the
/// innermost box. Regions, the cloud and the services box select nothing.
pub fn hit_test(l: &Layout, p: Point) -> Option<String> {
    if let Some(n) = l
        .nodes
        .iter()
        .rev()
        .find(|n| n.selectable && !n.kind.is_container() && n.rect.contains(p))
    {
        return Some(n.id.clone());
    }
    if let Some(k) = l
        .links
        .iter()
        .filter(|k| k.selectable)
        .map(|k| (k, dist_to_polyline(p, &k.points)))
        .filter(|(_, d)| *d <= 6.0)
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
    {
        return Some(k.0.id.clone());
    }
    l.nodes
        .iter()
        .rev()
        .find(|n| n.selectable && n.rect.contains(p))
        .map(|n| n.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::model::Vpc;

    fn example() -> Scenario {
        serde_json::from_str(include_str!("../../tests/fixtures/full.json")).expect("fixture")
    }

    fn vpc_rects(l: &Layout) -> Vec<(String, Rect)> {
        l.nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Vpc)
            .map(|n| (n.id.clone(), n.rect))
            .collect()
    }

    #[test]
    fn long_aws_ids_are_shortened_on_the_canvas() {
        for (id, want) in [
            ("vpc-0a1b2c3d4e5f60001", "vpc-0a1b…60001"),
            ("subnet-0aa0000000000pub1", "subnet-0aa0…0pub1"),
            ("i-0c3d4e5f6a1b00dev", "i-0c3d…00dev"),
            ("igw-0123456789a", "igw-0123…6789a"),
            ("rtb-0123456789", "rtb-0123456789"),
            ("vpc-a", "vpc-a"),
            ("subnet-app-private-a", "subnet-app-private-a"),
            ("internet", "internet"),
            ("-0123456789abcdef0", "-0123456789abcdef0"),
            ("vpc-ééééééééééééé", "vpc-ééééééééééééé"),
        ] {
            assert_eq!(short_id(id), want, "{id}");
        }
    }

    #[test]
    fn canvas_titles_show_the_name_and_the_short_id() {
        let mut s = example();
        let long = "vpc-0a1b2c3d4e5f60001";
        for (name, want) in [
            (Some("prod"), "prod · vpc-0a1b…60001"),
            (None, "vpc-0a1b…60001"),
            (Some(""), "vpc-0a1b…60001"),
        ] {
            s.vpcs.retain(|v| v.id != long);
            s.vpcs.push(Vpc {
                id: long.into(),
                name: name.map(str::to_string),
                account: "333333333333".into(),
                region: "us-east-1".into(),
                cidrs: vec!["10.99.0.0/16".parse().expect("cidr")],
            });
            let l = layout(&s, &[]);
            let n = l.node(long).expect("long-id VPC laid out");
            assert_eq!(n.lines.first().map(String::as_str), Some(want));
        }
    }

    #[test]
    fn vpc_boxes_do_not_overlap() {
        let l = layout(&example(), &[]);
        let v = vpc_rects(&l);
        assert!(v.len() >= 3);
        for (i, (a, ra)) in v.iter().enumerate() {
            for (b, rb) in &v[i + 1..] {
                assert!(!ra.overlaps(rb), "{a} overlaps {b}");
            }
        }
    }

    #[test]
    fn subnets_and_their_contents_sit_inside_their_vpc() {
        let s = example();
        let l = layout(&s, &[]);
        for sb in &s.subnets {
            let sr = l.node(&sb.id).expect("subnet laid out").rect;
            let vr = l.node(&sb.vpc).expect("vpc laid out").rect;
            assert!(vr.contains_rect(&sr), "{} outside {}", sb.id, sb.vpc);
        }
        for i in &s.instances {
            let ir = l.node(&i.id).expect("instance laid out").rect;
            let sr = l.node(&i.subnet).expect("subnet").rect;
            assert!(sr.contains_rect(&ir), "{} outside {}", i.id, i.subnet);
        }
    }

    #[test]
    fn subnets_of_one_vpc_do_not_overlap() {
        let l = layout(&example(), &[]);
        let subs: Vec<&Node> = l
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Subnet)
            .collect();
        for (i, a) in subs.iter().enumerate() {
            for b in &subs[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn appending_a_vpc_moves_no_other_vpc() {
        let s = example();
        let before = vpc_rects(&layout(&s, &[]));
        for region in ["us-east-1", "eu-west-1", "ap-southeast-1"] {
            let mut t = s.clone();
            t.vpcs.push(Vpc {
                id: "vpc-new".into(),
                name: Some("a brand new VPC with a long name".into()),
                account: "333333333333".into(),
                region: region.into(),
                cidrs: vec!["10.99.0.0/16".parse().expect("cidr")],
            });
            let after = vpc_rects(&layout(&t, &[]));
            for (id, r) in &before {
                let now = after.iter().find(|(i, _)| i == id).map(|x| x.1);
                assert_eq!(now, Some(*r), "{id} moved when a VPC was added in {region}");
            }
            let new = after
                .iter()
                .find(|(i, _)| i == "vpc-new")
                .expect("new vpc")
                .1;
            for (id, r) in &before {
                assert!(!new.overlaps(r), "new VPC in {region} overlaps {id}");
            }
        }
    }

    #[test]
    fn gateways_sit_on_the_edges_they_lead_out_of() {
        let s = example();
        let l = layout(&s, &[]);
        let vpc = l.node("vpc-a").expect("vpc").rect;
        let igw = l.node("igw-a").expect("igw").rect;
        let vgw = l.node("vgw-a").expect("vgw").rect;
        let gep = l.node("vpce-s3").expect("gateway endpoint").rect;
        assert_eq!(igw.bottom(), vpc.y, "IGW on the top edge");
        assert_eq!(vgw.y, vpc.bottom(), "VGW on the bottom edge");
        assert!(
            vpc.contains_rect(&gep) && gep.right() > vpc.right() - 10.0,
            "endpoint on the right side"
        );
        let svc = l
            .node("com.amazonaws.us-east-1.s3")
            .expect("service box")
            .rect;
        assert!(svc.x > vpc.right(), "services to the right");
        let internet = l.node("internet").expect("cloud").rect;
        assert!(internet.bottom() < igw.y, "internet above");
        let onprem = l.node("onprem-hq").expect("on-prem").rect;
        assert!(onprem.y > vgw.bottom(), "on-prem below");
        let cgw = l.node("cgw-hq").expect("cgw").rect;
        assert_eq!(cgw.bottom(), onprem.y);
    }

    #[test]
    fn every_resource_that_a_hop_can_be_at_has_an_anchor() {
        let s = example();
        let l = layout(&s, &["com.amazonaws.us-east-1.dynamodb".to_string()]);
        let mut ids: Vec<&str> = s.all_ids();
        ids.extend([
            "internet",
            "com.amazonaws.us-east-1.s3",
            "com.amazonaws.us-east-1.dynamodb",
        ]);
        for id in ids {
            assert!(l.anchor(id).is_some(), "no anchor for {id}");
        }
    }

    #[test]
    fn hit_test_finds_the_innermost_thing() {
        let s = example();
        let l = layout(&s, &[]);
        let inst = l.node("i-a").expect("instance");
        assert_eq!(hit_test(&l, inst.anchor).as_deref(), Some("i-a"));
        let sub = l.node("subnet-a").expect("subnet");
        assert_eq!(
            hit_test(&l, Point::new(sub.rect.x + 4.0, sub.rect.y + 4.0)).as_deref(),
            Some("subnet-a")
        );
        let vpc = l.node("vpc-a").expect("vpc");
        assert_eq!(
            hit_test(&l, Point::new(vpc.rect.x + 4.0, vpc.rect.y + 4.0)).as_deref(),
            Some("vpc-a")
        );
        let pcx = l.link("pcx-ab").expect("peering line");
        assert_eq!(
            hit_test(&l, label_point(&pcx.points)).as_deref(),
            Some("pcx-ab")
        );
        assert_eq!(hit_test(&l, Point::new(-50.0, -50.0)), None);
        let region = l.node("region:us-east-1").expect("band");
        assert_eq!(
            hit_test(&l, Point::new(region.rect.x + 2.0, region.rect.y + 2.0)),
            None,
            "a band is not a resource"
        );
    }

    #[test]
    fn a_peering_pill_fits_between_the_vpcs_it_joins() {
        let mut s = example();
        let short = layout(&s, &[]);
        let gap =
            |l: &Layout| l.node("vpc-b").unwrap().rect.x - l.node("vpc-a").unwrap().rect.right();
        assert_eq!(
            gap(&short),
            VPC_GAP,
            "a short active id needs no more than the usual gap"
        );
        // An imported id and a pending status make a pill wider than the usual gap.
        s.peering_connections[0].id = "pcx-0a1b2c3d4e5f600ab".into();
        s.peering_connections[0].status = PeeringStatus::PendingAcceptance;
        let l = layout(&s, &[]);
        let pill = text_w(&l.link("pcx-0a1b2c3d4e5f600ab").unwrap().label, FONT) + 10.0;
        assert!(pill > VPC_GAP, "{pill}");
        assert!(
            gap(&l) >= pill + 16.0,
            "gap {} for a pill of {pill}",
            gap(&l)
        );
        // The VPC after it moves over by the same amount: its own gap is unchanged.
        let next_gap =
            |l: &Layout| l.node("vpc-c").unwrap().rect.x - l.node("vpc-b").unwrap().rect.right();
        assert_eq!(next_gap(&l), next_gap(&short));
    }

    #[test]
    fn peering_status_shapes() {
        let mut s = example();
        let l = layout(&s, &[]);
        assert!(!l.link("pcx-ab").expect("pcx").kind.is_broken_peering());
        for (st, broken, pending) in [
            (PeeringStatus::PendingAcceptance, false, true),
            (PeeringStatus::InitiatingRequest, false, true),
            (PeeringStatus::Rejected, true, false),
            (PeeringStatus::Expired, true, false),
            (PeeringStatus::Failed, true, false),
            (PeeringStatus::Deleted, true, false),
        ] {
            s.peering_connections[0].status = st;
            let l = layout(&s, &[]);
            let k = l.link(&s.peering_connections[0].id).expect("pcx");
            assert_eq!(k.kind.is_broken_peering(), broken, "{st:?}");
            assert_eq!(k.kind.is_pending_peering(), pending, "{st:?}");
            assert!(
                k.label.contains(st.as_str()),
                "label says {st:?}: {}",
                k.label
            );
        }
    }

    #[test]
    fn empty_scenario_lays_out() {
        let l = layout(&Scenario::empty(), &[]);
        assert!(l.bounds.w > 0.0 && l.bounds.h > 0.0);
        assert!(l.anchor("internet").is_some());
    }
}
