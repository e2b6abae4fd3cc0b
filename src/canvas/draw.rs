//! The static layer: region bands, the internet cloud, VPC and subnet boxes, gateways, dots,
//! lines and labels, drawn from a [`Layout`] and a [`View`]. Redrawn only when the topology,
//! the view or the canvas size changes; the animation layer is painted over a copy of it.

use super::geom::{Point, Rect, View};
use super::layout::labels::{LINE_PITCH, PILL_H, SWATCH};
use super::layout::{Layout, Link, LinkKind, Node, NodeKind, DOT_R, FONT};
use super::palette as pal;
use vpc_engine::kind::Kind;
use vpc_engine::model::AttachmentStatus;
use web_sys::CanvasRenderingContext2d as Ctx;

pub fn font(ctx: &Ctx, px: f64, bold: bool) {
    ctx.set_font(&format!(
        "{}{px}px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        if bold { "600 " } else { "" }
    ));
}

pub fn dash(ctx: &Ctx, pattern: &[f64]) {
    let arr = js_sys::Array::new();
    for p in pattern {
        arr.push(&wasm_bindgen::JsValue::from_f64(*p));
    }
    let _ = ctx.set_line_dash(&arr);
}

pub fn round_rect(ctx: &Ctx, r: Rect, radius: f64) {
    let rad = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    ctx.begin_path();
    ctx.move_to(r.x + rad, r.y);
    let _ = ctx.arc_to(r.right(), r.y, r.right(), r.bottom(), rad);
    let _ = ctx.arc_to(r.right(), r.bottom(), r.x, r.bottom(), rad);
    let _ = ctx.arc_to(r.x, r.bottom(), r.x, r.y, rad);
    let _ = ctx.arc_to(r.x, r.y, r.right(), r.y, rad);
    ctx.close_path();
}

/// A 1-px-aligned rectangle: half-pixel offsets keep thin strokes crisp at zoom 1.
fn crisp(r: Rect) -> Rect {
    Rect::new(
        r.x.round() + 0.5,
        r.y.round() + 0.5,
        r.w.round(),
        r.h.round(),
    )
}

pub fn polyline(ctx: &Ctx, pts: &[Point]) {
    ctx.begin_path();
    for (i, p) in pts.iter().enumerate() {
        if i == 0 {
            ctx.move_to(p.x, p.y);
        } else {
            ctx.line_to(p.x, p.y);
        }
    }
}

/// Text centred on the pill `r` (as the layout placed it), one line per `\n`.
pub fn pill_in(ctx: &Ctx, text: &str, r: Rect, fg: &str, bg: &str, border: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    let pitch = (FONT * LINE_PITCH).round();
    let px = ((r.h - (lines.len() as f64 - 1.0) * pitch) / PILL_H).round();
    font(ctx, px, true);
    round_rect(ctx, r, 5.0);
    ctx.set_fill_style_str(bg);
    ctx.fill();
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(border);
    ctx.stroke();
    ctx.set_fill_style_str(fg);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    let first = r.center().y - (lines.len() as f64 - 1.0) * pitch / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let _ = ctx.fill_text(line, r.center().x, first + i as f64 * pitch + 0.5);
    }
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
}

/// A cross: two strokes through `c`.
pub fn cross(ctx: &Ctx, c: Point, size: f64, colour: &str, width: f64) {
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(width);
    dash(ctx, &[]);
    ctx.begin_path();
    ctx.move_to(c.x - size, c.y - size);
    ctx.line_to(c.x + size, c.y + size);
    ctx.move_to(c.x + size, c.y - size);
    ctx.line_to(c.x - size, c.y + size);
    ctx.stroke();
}

/// Clears the canvas and draws the static layer: what the screen shows of it. `w`, `h`:
/// canvas size in CSS px. A large topology is mostly off screen (500 hosts in a row of 100
/// VPCs, a real account), and its boxes and words there are left out: drawing every one of
/// them (thousands of `fillText`) held the page for tens of milliseconds at each pan.
pub fn draw_static(ctx: &Ctx, l: &Layout, view: View, w: f64, h: f64, dpr: f64) {
    let pc = pal::get();
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str(pc.bg.as_str());
    ctx.fill_rect(0.0, 0.0, w, h);
    let s = view.scale * dpr;
    let _ = ctx.set_transform(s, 0.0, 0.0, s, view.ox * dpr, view.oy * dpr);
    let (nodes, links) = on_screen(l, view, w, h);
    for n in nodes.iter().filter(|n| n.kind.is_container()) {
        draw_container(ctx, n, l);
    }
    for k in &links {
        draw_link(ctx, k);
    }
    for n in nodes.iter().filter(|n| !n.kind.is_container()) {
        draw_item(ctx, n);
    }
    for k in &links {
        draw_link_label(ctx, k);
    }
    draw_legend(ctx, l);
}

/// The boxes, dots and lines of `l` that a `w`x`h` screen showing `view` shows some of, in
/// drawing order. The margin (16 screen px) covers strokes and the error of the layout's
/// estimate of a word's width.
fn on_screen(l: &Layout, view: View, w: f64, h: f64) -> (Vec<&Node>, Vec<&Link>) {
    let margin = 16.0 / view.scale;
    let screen = view.visible(w, h);
    let nodes = l
        .nodes
        .iter()
        .filter(|n| n.extent(margin).overlaps(&screen));
    let links = l
        .links
        .iter()
        .filter(|k| k.extent(margin).overlaps(&screen));
    (nodes.collect(), links.collect())
}

/// A node's text lines where the layout put them: the title in `title`, details muted.
fn draw_labels(ctx: &Ctx, n: &Node, title: &str) {
    let pc = pal::get();
    for l in &n.labels {
        font(ctx, l.px, l.bold);
        ctx.set_fill_style_str(if l.title { title } else { pc.muted.as_str() });
        let _ = ctx.fill_text(&l.text, l.x, l.y);
    }
}

fn draw_container(ctx: &Ctx, n: &Node, l: &Layout) {
    let pc = pal::get();
    dash(ctx, &[]);
    ctx.set_line_width(1.0);
    match n.kind {
        NodeKind::Region => {
            round_rect(ctx, crisp(n.rect), 10.0);
            ctx.set_fill_style_str(pc.band.as_str());
            ctx.fill();
            draw_labels(ctx, n, pc.muted.as_str());
        }
        NodeKind::Internet => {
            round_rect(ctx, crisp(n.rect), 30.0);
            ctx.set_fill_style_str(pc.cloud.as_str());
            ctx.fill();
            ctx.set_stroke_style_str(pc.cloud_edge.as_str());
            dash(ctx, &[4.0, 3.0]);
            ctx.stroke();
            dash(ctx, &[]);
            draw_labels(ctx, n, pc.ink.as_str());
        }
        NodeKind::Services => {
            round_rect(ctx, crisp(n.rect), 12.0);
            ctx.set_fill_style_str(pc.services.as_str());
            ctx.fill();
            ctx.set_stroke_style_str(pc.forward.as_str());
            ctx.stroke();
            draw_labels(ctx, n, pc.ink.as_str());
        }
        NodeKind::Resource(Kind::Vpc) => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 10.0);
            ctx.set_fill_style_str(pc.card.as_str());
            ctx.fill();
            // Header tinted by account, clipped to the rounded box.
            ctx.save();
            round_rect(ctx, r, 10.0);
            ctx.clip();
            let (tint, strong) = pc.tint(n.tint.unwrap_or(0));
            ctx.set_fill_style_str(tint);
            ctx.fill_rect(r.x, r.y, r.w, 38.0);
            ctx.set_fill_style_str(strong);
            ctx.fill_rect(r.x, r.y, 6.0, 38.0);
            ctx.restore();
            round_rect(ctx, r, 10.0);
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(pc.line.as_str());
            ctx.stroke();
            draw_labels(ctx, n, pc.ink.as_str());
        }
        NodeKind::Resource(Kind::Subnet) => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 6.0);
            ctx.set_fill_style_str(pc.subnet.as_str());
            ctx.fill();
            ctx.set_stroke_style_str(pc.faint.as_str());
            ctx.stroke();
            draw_labels(ctx, n, pc.ink.as_str());
        }
        NodeKind::Resource(Kind::OnpremNetwork) => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 10.0);
            ctx.set_fill_style_str(pc.onprem.as_str());
            ctx.fill();
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(pc.line.as_str());
            dash(ctx, &[8.0, 4.0]);
            ctx.stroke();
            dash(ctx, &[]);
            draw_labels(ctx, n, pc.ink.as_str());
        }
        _ => {}
    }
    let _ = l;
}

fn draw_item(ctx: &Ctx, n: &Node) {
    let pc = pal::get();
    dash(ctx, &[]);
    ctx.set_line_width(1.0);
    match n.kind {
        NodeKind::Resource(Kind::Instance)
        | NodeKind::Resource(Kind::OnpremHost)
        | NodeKind::Resource(Kind::InternetHost) => {
            ctx.begin_path();
            let _ = ctx.arc(n.anchor.x, n.anchor.y, DOT_R, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(if n.kind == NodeKind::Resource(Kind::Instance) {
                pc.accent.as_str()
            } else {
                pc.line.as_str()
            });
            ctx.fill();
            ctx.set_stroke_style_str(pc.card.as_str());
            ctx.set_line_width(1.5);
            ctx.stroke();
            draw_labels(ctx, n, pc.ink.as_str());
        }
        NodeKind::Resource(Kind::InterfaceEndpoint) => {
            let s = Rect::new(
                (n.anchor.x - 5.0).round(),
                (n.anchor.y - 5.0).round(),
                10.0,
                10.0,
            );
            ctx.set_fill_style_str(pc.endpoint.as_str());
            ctx.fill_rect(s.x, s.y, s.w, s.h);
            draw_labels(ctx, n, pc.ink.as_str());
        }
        NodeKind::Service => {
            round_rect(ctx, crisp(n.rect), 4.0);
            ctx.set_fill_style_str(pc.card.as_str());
            ctx.fill();
            ctx.set_stroke_style_str(pc.faint.as_str());
            ctx.stroke();
            draw_labels(ctx, n, pc.ink.as_str());
            ctx.begin_path();
            let _ = ctx.arc(n.anchor.x, n.anchor.y, 4.0, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(pc.forward.as_str());
            ctx.fill();
        }
        NodeKind::Resource(Kind::InternetGateway)
        | NodeKind::Resource(Kind::NatGateway)
        | NodeKind::Resource(Kind::VpnGateway)
        | NodeKind::Resource(Kind::GatewayEndpoint)
        | NodeKind::Resource(Kind::CustomerGateway)
        | NodeKind::Resource(Kind::DxConnection)
        | NodeKind::Resource(Kind::TransitGateway) => {
            let r = crisp(n.rect);
            let hub = n.kind == NodeKind::Resource(Kind::TransitGateway);
            round_rect(ctx, r, if hub { 13.0 } else { 4.0 });
            ctx.set_fill_style_str(match n.kind {
                NodeKind::Resource(Kind::GatewayEndpoint) => pc.endpoint_bg.as_str(),
                NodeKind::Resource(Kind::NatGateway) => pc.nat.as_str(),
                _ => pc.card.as_str(),
            });
            ctx.fill();
            // A hub's border as heavy as its spokes.
            ctx.set_line_width(if hub { 2.5 } else { 1.5 });
            ctx.set_stroke_style_str(if n.kind == NodeKind::Resource(Kind::GatewayEndpoint) {
                pc.endpoint.as_str()
            } else {
                pc.line.as_str()
            });
            ctx.stroke();
            // The port, where lines and the packet meet the gateway.
            ctx.begin_path();
            let _ = ctx.arc(n.anchor.x, n.anchor.y, 3.0, 0.0, std::f64::consts::TAU);
            ctx.set_line_width(1.5);
            ctx.stroke();
            draw_labels(ctx, n, pc.ink.as_str());
        }
        _ => {}
    }
}

/// A peering's or a transit gateway attachment's line: its status's colour and dash pattern
/// (solid, dashed while pending, dotted when it failed).
fn status_line(ctx: &Ctx, points: &[Point], colour: &str, pattern: &[f64]) {
    dash(ctx, pattern);
    ctx.set_line_width(2.5);
    ctx.set_stroke_style_str(colour);
    polyline(ctx, points);
    ctx.stroke();
    dash(ctx, &[]);
}

fn draw_link(ctx: &Ctx, k: &Link) {
    let pc = pal::get();
    ctx.set_line_cap("butt");
    match k.kind {
        LinkKind::Peering { .. } => {
            let (colour, pattern): (&str, &[f64]) = if k.kind.is_broken_peering() {
                (pc.bad.as_str(), &[3.0, 3.0])
            } else if k.kind.is_pending_peering() {
                (pc.pending.as_str(), &[8.0, 5.0])
            } else {
                (pc.line.as_str(), &[])
            };
            status_line(ctx, &k.points, colour, pattern);
        }
        LinkKind::Vpn { tunnels } => {
            for (i, up) in tunnels.iter().enumerate() {
                let off = if i == 0 { -3.0 } else { 3.0 };
                let pts = offset_polyline(&k.points, off);
                dash(ctx, if *up { &[] } else { &[5.0, 4.0] });
                ctx.set_line_width(1.5);
                ctx.set_stroke_style_str(if *up {
                    pc.accent.as_str()
                } else {
                    pc.faint.as_str()
                });
                polyline(ctx, &pts);
                ctx.stroke();
                if !*up {
                    // Strike the down tunnel through, on its first long segment.
                    if let (Some(a), Some(b)) = (pts.first(), pts.get(1)) {
                        let c = a.lerp(*b, 0.5);
                        cross(ctx, Point::new(c.x, c.y), 5.0, pc.bad.as_str(), 2.0);
                    }
                }
            }
            dash(ctx, &[]);
        }
        LinkKind::Dx { public } => {
            ctx.set_line_width(5.0);
            ctx.set_stroke_style_str(if public {
                pc.dx_public.as_str()
            } else {
                pc.dx_private.as_str()
            });
            polyline(ctx, &k.points);
            ctx.stroke();
        }
        LinkKind::Tgw { status } => {
            // Solid while available, dashed while pending, red and dotted when it failed.
            let (colour, pattern): (&str, &[f64]) = match status {
                AttachmentStatus::Available => (pc.line.as_str(), &[]),
                AttachmentStatus::InitiatingRequest | AttachmentStatus::PendingAcceptance => {
                    (pc.pending.as_str(), &[8.0, 5.0])
                }
                _ => (pc.bad.as_str(), &[3.0, 3.0]),
            };
            status_line(ctx, &k.points, colour, pattern);
        }
        LinkKind::Attach => {
            dash(ctx, &[2.0, 3.0]);
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(pc.faint.as_str());
            polyline(ctx, &k.points);
            ctx.stroke();
            dash(ctx, &[]);
        }
    }
}

/// A line's pill (the frame draws it again over the packet's trail).
pub fn draw_link_label(ctx: &Ctx, k: &Link) {
    let pc = pal::get();
    let Some(r) = k.pill else { return };
    if k.kind.is_broken_peering() {
        // The cross sits on the line just before the pill.
        cross(
            ctx,
            Point::new(r.x - 9.0, r.center().y),
            6.0,
            pc.bad.as_str(),
            3.0,
        );
        pill_in(
            ctx,
            &k.label,
            r,
            pc.bad.as_str(),
            pc.card.as_str(),
            pc.bad.as_str(),
        );
    } else {
        let (fg, border) = if k.kind.is_pending_peering() {
            (pc.pending.as_str(), pc.pending.as_str())
        } else {
            (pc.ink.as_str(), pc.faint.as_str())
        };
        pill_in(ctx, &k.label, r, fg, pc.card.as_str(), border);
    }
}

/// The polyline shifted sideways by `d` (per segment; good enough for right angles).
fn offset_polyline(pts: &[Point], d: f64) -> Vec<Point> {
    let mut out = Vec::with_capacity(pts.len());
    for (i, p) in pts.iter().enumerate() {
        let (a, b) = match (pts.get(i.wrapping_sub(1)), pts.get(i + 1)) {
            (_, Some(n)) => (*p, *n),
            (Some(prev), None) => (*prev, *p),
            _ => (*p, *p),
        };
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        out.push(Point::new(p.x - dy / len * d, p.y + dx / len * d));
    }
    out
}

/// The account key the layout placed under the picture: a swatch and the account.
fn draw_legend(ctx: &Ctx, l: &Layout) {
    let pc = pal::get();
    for (label, i) in &l.legend {
        ctx.set_fill_style_str(pc.tint(*i).1);
        ctx.fill_rect(label.x - SWATCH, label.y - 10.0, 12.0, 12.0);
        font(ctx, label.px, label.bold);
        ctx.set_fill_style_str(pc.ink.as_str());
        let _ = ctx.fill_text(&label.text, label.x, label.y);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::layout::{layout, Label};

    /// For three screens (zoomed in on the top-left corner, a small window on the middle,
    /// Fit): every box, dot or line with some of itself or its words on the screen is drawn,
    /// nothing more than the margin away from it is, and Fit draws everything.
    #[test]
    fn the_static_layer_draws_what_the_screen_shows() {
        let s = serde_json::from_str(include_str!("../../tests/fixtures/full.json")).unwrap();
        let l = layout(&s, &[]);
        let (w, h) = (300.0, 200.0);
        let mid = l.bounds.center();
        let views = [
            (
                View {
                    scale: 2.0,
                    ox: 0.0,
                    oy: 0.0,
                },
                (w, h),
                false,
            ),
            (
                View {
                    scale: 1.0,
                    ox: w / 2.0 - mid.x,
                    oy: h / 2.0 - mid.y,
                },
                (w, h),
                false,
            ),
            (
                View::fit(l.bounds, None, 1280.0, 900.0),
                (1280.0, 900.0),
                true,
            ),
        ];
        for (view, (w, h), whole) in views {
            let screen = view.visible(w, h);
            let far = |r: Rect| !r.inflate(17.0 / view.scale).overlaps(&screen);
            let (nodes, links) = on_screen(&l, view, w, h);
            for n in &l.nodes {
                let drawn = nodes.iter().any(|d| std::ptr::eq(*d, n));
                let parts = std::iter::once(n.rect).chain(n.labels.iter().map(Label::rect));
                let whole_extent = n.extent(0.0);
                if parts.clone().any(|r| r.overlaps(&screen)) {
                    assert!(drawn, "{} is on screen at {view:?} but not drawn", n.id);
                }
                if far(whole_extent) {
                    assert!(!drawn, "{} is off screen at {view:?} but drawn", n.id);
                }
            }
            for k in &l.links {
                let drawn = links.iter().any(|d| std::ptr::eq(*d, k));
                let segs = k.points.windows(2).filter_map(Rect::around);
                if segs.chain(k.pill).any(|r| r.inflate(1.0).overlaps(&screen)) {
                    assert!(drawn, "{} is on screen at {view:?} but not drawn", k.id);
                }
                if far(k.extent(0.0)) {
                    assert!(!drawn, "{} is off screen at {view:?} but drawn", k.id);
                }
            }
            let all = nodes.len() == l.nodes.len() && links.len() == l.links.len();
            assert_eq!(all, whole, "everything drawn at {view:?}: {all}");
        }
    }
}
