//! The static layer: region bands, the internet cloud, VPC and subnet boxes, gateways, dots,
//! lines and labels, drawn from a [`Layout`] and a [`View`]. Redrawn only when the topology,
//! the view or the canvas size changes; the animation layer is painted over a copy of it.

use super::geom::{label_point_at, Point, Rect, View};
use super::layout::{Layout, Link, LinkKind, Node, NodeKind, DOT_R, FONT, TITLE_FONT};
use super::palette as pal;
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

/// Text on a white pill so it stays readable over lines. `at` is the pill's centre.
pub fn pill(ctx: &Ctx, text: &str, at: Point, fg: &str, bg: &str, border: &str) {
    font(ctx, FONT, true);
    let w = ctx.measure_text(text).map(|m| m.width()).unwrap_or(60.0) + 10.0;
    let r = Rect::new(
        (at.x - w / 2.0).round(),
        (at.y - 9.0).round(),
        w.round(),
        18.0,
    );
    round_rect(ctx, r, 5.0);
    ctx.set_fill_style_str(bg);
    ctx.fill();
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(border);
    ctx.stroke();
    ctx.set_fill_style_str(fg);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    let _ = ctx.fill_text(text, r.center().x, r.center().y + 0.5);
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

/// Clears the canvas and draws the whole static layer. `w`, `h`: canvas size in CSS px.
pub fn draw_static(ctx: &Ctx, l: &Layout, view: View, w: f64, h: f64, dpr: f64) {
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str("#f7f9fc");
    ctx.fill_rect(0.0, 0.0, w, h);
    let s = view.scale * dpr;
    let _ = ctx.set_transform(s, 0.0, 0.0, s, view.ox * dpr, view.oy * dpr);
    for n in l.nodes.iter().filter(|n| n.kind.is_container()) {
        draw_container(ctx, n, l);
    }
    for k in &l.links {
        draw_link(ctx, k);
    }
    for n in l.nodes.iter().filter(|n| !n.kind.is_container()) {
        draw_item(ctx, n);
    }
    for k in &l.links {
        draw_link_label(ctx, k);
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    draw_legend(ctx, l, h);
}

fn text_lines(ctx: &Ctx, lines: &[String], x: f64, y: f64, title_px: f64) {
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            font(ctx, title_px, true);
            ctx.set_fill_style_str(pal::INK);
        } else {
            font(ctx, FONT, false);
            ctx.set_fill_style_str(pal::MUTED);
        }
        let _ = ctx.fill_text(line, x, y + i as f64 * 14.0);
    }
}

fn draw_container(ctx: &Ctx, n: &Node, l: &Layout) {
    dash(ctx, &[]);
    ctx.set_line_width(1.0);
    match n.kind {
        NodeKind::Region => {
            round_rect(ctx, crisp(n.rect), 10.0);
            ctx.set_fill_style_str(pal::BAND);
            ctx.fill();
            font(ctx, FONT, true);
            ctx.set_fill_style_str(pal::MUTED);
            let _ = ctx.fill_text(&n.lines[0], n.rect.x + 12.0, n.rect.y + 16.0);
        }
        NodeKind::Internet => {
            round_rect(ctx, crisp(n.rect), 30.0);
            ctx.set_fill_style_str(pal::CLOUD);
            ctx.fill();
            ctx.set_stroke_style_str("#56b4e9");
            dash(ctx, &[4.0, 3.0]);
            ctx.stroke();
            dash(ctx, &[]);
            font(ctx, TITLE_FONT + 1.0, true);
            ctx.set_fill_style_str(pal::INK);
            let _ = ctx.fill_text("Internet", n.rect.x + 22.0, n.rect.y + 37.0);
        }
        NodeKind::Services => {
            round_rect(ctx, crisp(n.rect), 12.0);
            ctx.set_fill_style_str("#fff8e8");
            ctx.fill();
            ctx.set_stroke_style_str(pal::FORWARD);
            ctx.stroke();
            text_lines(ctx, &n.lines, n.rect.x + 10.0, n.rect.y + 19.0, TITLE_FONT);
        }
        NodeKind::Vpc => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 10.0);
            ctx.set_fill_style_str(pal::WHITE);
            ctx.fill();
            // Header tinted by account, clipped to the rounded box.
            ctx.save();
            round_rect(ctx, r, 10.0);
            ctx.clip();
            let (tint, strong) = pal::account_tint(n.tint.unwrap_or(0));
            ctx.set_fill_style_str(tint);
            ctx.fill_rect(r.x, r.y, r.w, 38.0);
            ctx.set_fill_style_str(strong);
            ctx.fill_rect(r.x, r.y, 6.0, 38.0);
            ctx.restore();
            round_rect(ctx, r, 10.0);
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(pal::LINE);
            ctx.stroke();
            text_lines(
                ctx,
                &n.lines[..2.min(n.lines.len())],
                r.x + 14.0,
                r.y + 16.0,
                TITLE_FONT,
            );
        }
        NodeKind::Subnet => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 6.0);
            ctx.set_fill_style_str(pal::SUBNET);
            ctx.fill();
            ctx.set_stroke_style_str(pal::FAINT);
            ctx.stroke();
            text_lines(ctx, &n.lines, r.x + 8.0, r.y + 15.0, FONT);
        }
        NodeKind::Onprem => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 10.0);
            ctx.set_fill_style_str("#f1f0ea");
            ctx.fill();
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(pal::LINE);
            dash(ctx, &[8.0, 4.0]);
            ctx.stroke();
            dash(ctx, &[]);
            text_lines(ctx, &n.lines, r.x + 12.0, r.y + 18.0, TITLE_FONT);
        }
        _ => {}
    }
    let _ = l;
}

fn draw_item(ctx: &Ctx, n: &Node) {
    dash(ctx, &[]);
    ctx.set_line_width(1.0);
    let label_x = n.rect.x + 2.0 * DOT_R + 6.0;
    match n.kind {
        NodeKind::Instance | NodeKind::OnpremHost | NodeKind::InternetHost => {
            ctx.begin_path();
            let _ = ctx.arc(n.anchor.x, n.anchor.y, DOT_R, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(if n.kind == NodeKind::Instance {
                pal::ACCENT
            } else {
                pal::LINE
            });
            ctx.fill();
            ctx.set_stroke_style_str(pal::WHITE);
            ctx.set_line_width(1.5);
            ctx.stroke();
            text_lines(ctx, &n.lines, label_x, n.rect.y + 14.0, FONT);
        }
        NodeKind::InterfaceEndpoint => {
            let s = Rect::new(
                (n.anchor.x - 5.0).round(),
                (n.anchor.y - 5.0).round(),
                10.0,
                10.0,
            );
            ctx.set_fill_style_str(pal::ENDPOINT);
            ctx.fill_rect(s.x, s.y, s.w, s.h);
            text_lines(ctx, &n.lines, label_x, n.rect.y + 14.0, FONT);
        }
        NodeKind::Service => {
            round_rect(ctx, crisp(n.rect), 4.0);
            ctx.set_fill_style_str(pal::WHITE);
            ctx.fill();
            ctx.set_stroke_style_str(pal::FAINT);
            ctx.stroke();
            font(ctx, FONT, false);
            ctx.set_fill_style_str(pal::INK);
            let _ = ctx.fill_text(
                &n.lines[0],
                n.rect.x + 20.0,
                n.rect.y + n.rect.h / 2.0 + 4.0,
            );
            ctx.begin_path();
            let _ = ctx.arc(n.anchor.x, n.anchor.y, 4.0, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(pal::FORWARD);
            ctx.fill();
        }
        NodeKind::InternetGateway
        | NodeKind::NatGateway
        | NodeKind::VpnGateway
        | NodeKind::GatewayEndpoint
        | NodeKind::CustomerGateway
        | NodeKind::DxConnection => {
            let r = crisp(n.rect);
            round_rect(ctx, r, 4.0);
            ctx.set_fill_style_str(match n.kind {
                NodeKind::GatewayEndpoint => "#e3f4ee",
                NodeKind::NatGateway => "#fff3d6",
                _ => pal::WHITE,
            });
            ctx.fill();
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(if n.kind == NodeKind::GatewayEndpoint {
                pal::ENDPOINT
            } else {
                pal::LINE
            });
            ctx.stroke();
            font(ctx, FONT, true);
            ctx.set_fill_style_str(pal::INK);
            let _ = ctx.fill_text(&n.lines[0], r.x + 8.0, r.y + 16.0);
        }
        _ => {}
    }
}

fn draw_link(ctx: &Ctx, k: &Link) {
    ctx.set_line_cap("butt");
    match k.kind {
        LinkKind::Peering { .. } => {
            let (colour, pattern): (&str, &[f64]) = if k.kind.is_broken_peering() {
                (pal::BAD, &[3.0, 3.0])
            } else if k.kind.is_pending_peering() {
                (pal::PENDING, &[8.0, 5.0])
            } else {
                (pal::LINE, &[])
            };
            dash(ctx, pattern);
            ctx.set_line_width(2.5);
            ctx.set_stroke_style_str(colour);
            polyline(ctx, &k.points);
            ctx.stroke();
            dash(ctx, &[]);
        }
        LinkKind::Vpn { tunnels } => {
            for (i, up) in tunnels.iter().enumerate() {
                let off = if i == 0 { -3.0 } else { 3.0 };
                let pts = offset_polyline(&k.points, off);
                dash(ctx, if *up { &[] } else { &[5.0, 4.0] });
                ctx.set_line_width(1.5);
                ctx.set_stroke_style_str(if *up { pal::ACCENT } else { pal::FAINT });
                polyline(ctx, &pts);
                ctx.stroke();
                if !*up {
                    // Strike the down tunnel through, on its first long segment.
                    if let (Some(a), Some(b)) = (pts.first(), pts.get(1)) {
                        let c = a.lerp(*b, 0.5);
                        cross(ctx, Point::new(c.x, c.y), 5.0, pal::BAD, 2.0);
                    }
                }
            }
            dash(ctx, &[]);
        }
        LinkKind::Dx { public } => {
            ctx.set_line_width(5.0);
            ctx.set_stroke_style_str(if public { "#56b4e9" } else { "#5b3a8c" });
            polyline(ctx, &k.points);
            ctx.stroke();
        }
        LinkKind::Attach => {
            dash(ctx, &[2.0, 3.0]);
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str(pal::FAINT);
            polyline(ctx, &k.points);
            ctx.stroke();
            dash(ctx, &[]);
        }
    }
}

fn draw_link_label(ctx: &Ctx, k: &Link) {
    if k.label.is_empty() {
        return;
    }
    // VPN and DX lines often run side by side: stagger their labels along the line.
    let t = match k.kind {
        LinkKind::Vpn { .. } => 0.3,
        LinkKind::Dx { .. } => 0.7,
        _ => 0.5,
    };
    let at = label_point_at(&k.points, t);
    if k.kind.is_broken_peering() {
        cross(ctx, at, 7.0, pal::BAD, 3.0);
        pill(
            ctx,
            &k.label,
            Point::new(at.x, at.y + 18.0),
            pal::BAD,
            pal::WHITE,
            pal::BAD,
        );
    } else {
        let (fg, border) = if k.kind.is_pending_peering() {
            (pal::PENDING, pal::PENDING)
        } else {
            (pal::INK, pal::FAINT)
        };
        pill(
            ctx,
            &k.label,
            Point::new(at.x, at.y - 12.0),
            fg,
            pal::WHITE,
            border,
        );
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

/// Accounts and line styles, bottom-left in screen space.
fn draw_legend(ctx: &Ctx, l: &Layout, h: f64) {
    if l.accounts.is_empty() {
        return;
    }
    font(ctx, FONT, false);
    let mut items: Vec<(String, &str)> = l
        .accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("account {a}"), pal::account_tint(i).1))
        .collect();
    items.truncate(4);
    let widths: Vec<f64> = items
        .iter()
        .map(|(t, _)| ctx.measure_text(t).map(|m| m.width()).unwrap_or(100.0) + 26.0)
        .collect();
    let total: f64 = widths.iter().sum::<f64>() + 8.0;
    let y = (h - 30.0).round();
    round_rect(ctx, Rect::new(8.5, y + 0.5, total.round(), 22.0), 6.0);
    ctx.set_fill_style_str("rgba(255,255,255,0.92)");
    ctx.fill();
    ctx.set_stroke_style_str(pal::FAINT);
    ctx.set_line_width(1.0);
    ctx.stroke();
    let mut x = 16.0;
    for ((t, c), w) in items.iter().zip(widths) {
        ctx.set_fill_style_str(c);
        ctx.fill_rect(x, y + 6.0, 12.0, 12.0);
        ctx.set_fill_style_str(pal::INK);
        let _ = ctx.fill_text(t, x + 17.0, y + 16.0);
        x += w;
    }
}
