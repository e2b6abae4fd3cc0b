//! The boxes outside the VPCs: on-premises networks along the bottom (customer gateways and
//! Direct Connect connections on their top edge), the AWS services box (right of the bands,
//! or beside the internet cloud when the width is short), and the internet cloud on top with
//! its hosts and any detached gateways.

use super::text::{cidr_list, label_of, service_word, short_id, short_service, text_w};
use super::vpcs::{edge_node, edge_w, EdgeBox, Item};
use super::{Node, NodeKind, FONT, GW_H, ITEM_H, MARGIN, ONPREM_HEADER_H, SERVICE_ROW_H};
use crate::canvas::geom::{Point, Rect};
use vpc_engine::kind::Kind;
use vpc_engine::model::VifType;
use vpc_engine::Scenario;

/// Places the on-prem networks in a row from `x0` whose gateways' top is at `top`; returns
/// the nodes and the right edge.
pub(super) fn place_onprem(s: &Scenario, x0: f64, top: f64) -> (Vec<Node>, f64) {
    let y = top + GW_H;
    let mut out = Vec::new();
    let mut x = x0;
    let mut right = x;
    for n in &s.onprem_networks {
        let title = label_of(&n.id, &n.name);
        let cidrs = cidr_list(&n.cidrs);
        let hosts: Vec<Item> = n
            .hosts
            .iter()
            .map(|h| Item {
                id: h.id.clone(),
                kind: Kind::OnpremHost,
                lines: vec![label_of(&h.id, &h.name), h.ip.to_string()],
                details: vec![],
            })
            .collect();
        let tops: Vec<EdgeBox> = s
            .customer_gateways
            .iter()
            .filter(|c| c.network == n.id)
            .map(|c| {
                (
                    c.id.clone(),
                    Kind::CustomerGateway,
                    format!("CGW {}", short_id(&c.id)),
                    std::iter::once(format!("public {}", c.ip))
                        .chain(c.asn.map(|a| format!("ASN {a}")))
                        .collect(),
                )
            })
            .chain(
                s.dx_connections
                    .iter()
                    .filter(|d| d.network == n.id)
                    .map(|d| {
                        (
                            d.id.clone(),
                            Kind::DxConnection,
                            format!("DX {}", short_id(&d.id)),
                            d.location.iter().map(|l| format!("location {l}")).collect(),
                        )
                    }),
            )
            .collect();
        let hosts_w: f64 = hosts.iter().map(Item::width).sum();
        let tops_w: f64 = tops.iter().map(|t| edge_w(&t.2) + 8.0).sum();
        let w = (hosts_w + 12.0)
            .max(tops_w + 12.0)
            .max(text_w(&title, super::TITLE_FONT) + 20.0)
            .max(text_w(&cidrs, FONT) + 20.0)
            .max(140.0)
            .ceil();
        let h = ONPREM_HEADER_H + if hosts.is_empty() { 0.0 } else { ITEM_H } + 4.0;
        out.push(Node {
            id: n.id.clone(),
            kind: NodeKind::Resource(Kind::OnpremNetwork),
            rect: Rect::new(x, y, w, h),
            // On its top edge, right of its gateways: not on its words.
            anchor: Point::new((x + w - 16.0).round(), y),
            lines: vec![title, cidrs],
            details: vec!["on-premises network".into()],
            tint: None,
            selectable: true,
            labels: Vec::new(),
        });
        let mut hx = x + 6.0;
        for it in hosts {
            let hw = it.width();
            out.push(it.node(hx, y + ONPREM_HEADER_H, hw));
            hx += hw;
        }
        let mut gx = x + 8.0;
        for t in tops {
            let gw = edge_w(&t.2);
            out.push(edge_node(t, Rect::new(gx, top, gw, GW_H)));
            gx += gw + 8.0;
        }
        right = x + w;
        x += w + 32.0;
    }
    (out, right)
}

/// The AWS services a picture needs a box for: named by endpoints, then by the trace.
pub(super) fn services(s: &Scenario, extra: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in s
        .vpc_endpoints
        .iter()
        .map(|e| &e.service)
        .chain(extra.iter())
    {
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    let public_vif = s
        .dx_virtual_interfaces
        .iter()
        .any(|v| v.kind == VifType::Public);
    if out.is_empty() && !public_vif {
        return Vec::new();
    }
    out
}

/// The one Region every service is in, if they share one: the box's title says it once.
fn one_region(names: &[String]) -> Option<&str> {
    let mut regions = names.iter().map(|n| n.split('.').nth(2));
    let first = regions.next()??;
    regions.all(|r| r == Some(first)).then_some(first)
}

/// A service's row text: without the Region when the title says it.
fn row_text(name: &str, names: &[String]) -> String {
    if one_region(names).is_some() {
        service_word(name).to_string()
    } else {
        short_service(name)
    }
}

/// The box's title: "AWS services", with their Region when the picture has more than one
/// (in a picture of one Region its band names it, and the shorter title keeps the box, and
/// so the picture, narrow enough to read in a docs column).
fn services_title(names: &[String], regions: usize) -> String {
    match one_region(names) {
        Some(r) if regions > 1 => format!("AWS services · {r}"),
        _ => "AWS services".to_string(),
    }
}

/// Size of the services box for these services (whether it is drawn at all: see
/// [`services`] and public VIFs) in a picture of `regions` Regions.
pub(super) fn services_size(names: &[String], regions: usize) -> (f64, f64) {
    let w = names
        .iter()
        .map(|n| text_w(&row_text(n, names), FONT) + 44.0)
        .fold(
            text_w(&services_title(names, regions), super::TITLE_FONT) + 20.0,
            f64::max,
        )
        .ceil();
    let h = 26.0 + names.len().max(1) as f64 * SERVICE_ROW_H + 4.0;
    (w, h)
}

/// The services box at (`x`, `y`) with one row per service.
pub(super) fn place_services(names: &[String], regions: usize, x: f64, y: f64) -> Vec<Node> {
    let (w, h) = services_size(names, regions);
    let mut out = vec![Node {
        id: "aws-services".into(),
        kind: NodeKind::Services,
        rect: Rect::new(x, y, w, h),
        anchor: Point::new((x + w / 2.0).round(), y + h),
        lines: vec![services_title(names, regions)],
        details: vec![],
        tint: None,
        selectable: false,
        labels: Vec::new(),
    }];
    for (k, name) in names.iter().enumerate() {
        let r = Rect::new(
            x + 6.0,
            y + 26.0 + k as f64 * SERVICE_ROW_H,
            w - 12.0,
            SERVICE_ROW_H - 4.0,
        );
        out.push(Node {
            id: name.clone(),
            kind: NodeKind::Service,
            rect: r,
            anchor: Point::new(r.x + 9.0, r.y + r.h / 2.0),
            lines: vec![row_text(name, names)],
            details: vec![],
            tint: None,
            selectable: false,
            labels: Vec::new(),
        });
    }
    out
}

/// Whether the picture has anything on the internet side (else no cloud is drawn).
pub(super) fn needs_cloud(s: &Scenario) -> bool {
    !s.internet_gateways.is_empty() || !s.internet_hosts.is_empty() || !s.nat_gateways.is_empty()
}

/// The internet cloud from `x` to `right` at the top, with its hosts and detached gateways
/// (it grows to hold them). Returns the nodes, the cloud first.
pub(super) fn place_cloud(s: &Scenario, right: f64, h: f64) -> Vec<Node> {
    let cloud = Rect::new(MARGIN, MARGIN, (right - MARGIN).max(120.0), h);
    let mut out = vec![Node {
        id: "internet".into(),
        kind: NodeKind::Internet,
        rect: cloud,
        anchor: Point::new(MARGIN + 40.0, MARGIN + h),
        lines: vec!["Internet".into()],
        details: vec![],
        tint: None,
        selectable: false,
        labels: Vec::new(),
    }];
    let mut hx = MARGIN + 90.0;
    let hy = MARGIN + (h - ITEM_H) / 2.0 + 1.0;
    for host in &s.internet_hosts {
        let it = Item {
            id: host.id.clone(),
            kind: Kind::InternetHost,
            lines: vec![label_of(&host.id, &host.name), host.ip.to_string()],
            details: vec![],
        };
        let hw = it.width();
        out.push(it.node(hx, hy, hw));
        hx += hw + 8.0;
    }
    let detached = s
        .internet_gateways
        .iter()
        .filter(|g| g.vpc.is_none())
        .map(|g| (g.id.clone(), Kind::InternetGateway))
        .chain(
            s.vpn_gateways
                .iter()
                .filter(|g| g.vpc.is_none())
                .map(|g| (g.id.clone(), Kind::VpnGateway)),
        );
    for (id, kind) in detached {
        let word = if kind == Kind::InternetGateway {
            "IGW"
        } else {
            "VGW"
        };
        let label = format!("{word} {}", short_id(&id));
        let gw = edge_w(&label);
        let gy = MARGIN + (h - GW_H) / 2.0;
        out.push(edge_node(
            (id, kind, label, vec!["detached".into()]),
            Rect::new(hx, gy, gw, GW_H),
        ));
        hx += gw + 8.0;
    }
    if hx > out[0].rect.right() {
        out[0].rect.w = hx - MARGIN;
    }
    out
}
