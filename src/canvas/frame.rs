//! The animation layer: one frame is the cached static layer, then the selection, the
//! current hop, the path travelled so far, the packet with its `src → dst` tag, and the
//! verdict mark (tick at the destination, cross and reason code at the drop).
//! [`draw_frame`] draws one whole frame from plain inputs, so it can be timed on its own.

use super::draw::{cross, dash, font, pill, polyline, round_rect};
use super::geom::{Point, View};
use super::layout::Layout;
use super::palette as pal;
use super::path::{hop_at, packet_position};
use crate::components::trace::trace_text::{drop_hop, packet_tag};
use vpc_engine::{Trace, Verdict};
use web_sys::{CanvasRenderingContext2d as Ctx, HtmlCanvasElement};

/// Everything one frame depends on.
pub struct Frame<'a> {
    pub layout: &'a Layout,
    pub view: View,
    pub dpr: f64,
    pub selected: Option<&'a str>,
    pub trace: Option<&'a Trace>,
    /// One point per hop, forward then return (see `path::hop_points`).
    pub points: &'a [crate::canvas::geom::Point],
    /// 1-based hop shown (0: not started).
    pub step: usize,
    /// 0..1 of the way to the next hop while playing.
    pub progress: f64,
}

/// Draws one frame: copies `static_layer` (same pixel size as the canvas) and paints over it.
pub fn draw_frame(ctx: &Ctx, static_layer: &HtmlCanvasElement, f: &Frame) {
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    let _ = ctx.draw_image_with_html_canvas_element(static_layer, 0.0, 0.0);
    let s = f.view.scale * f.dpr;
    let _ = ctx.set_transform(s, 0.0, 0.0, s, f.view.ox * f.dpr, f.view.oy * f.dpr);
    if let Some(id) = f.selected {
        draw_selection(ctx, f.layout, id);
    }
    if let Some(t) = f.trace {
        draw_packet(ctx, f, t);
    }
}

fn draw_selection(ctx: &Ctx, l: &Layout, id: &str) {
    ctx.set_stroke_style_str(pal::ACCENT);
    ctx.set_line_width(3.0);
    dash(ctx, &[]);
    if let Some(n) = l.node(id) {
        round_rect(ctx, n.rect.inflate(3.0), 8.0);
        ctx.stroke();
    } else if let Some(k) = l.link(id) {
        ctx.set_line_width(7.0);
        ctx.set_global_alpha(0.45);
        polyline(ctx, &k.points);
        ctx.stroke();
        ctx.set_global_alpha(1.0);
    }
}

fn draw_packet(ctx: &Ctx, f: &Frame, t: &Trace) {
    let fwd = t.hops.len();
    let total = f.points.len();
    if f.step == 0 || total == 0 {
        return;
    }
    let cur = f.step.min(total);
    // The path so far: forward solid, return dashed in the second colour.
    let seen_fwd = cur.min(fwd);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    if seen_fwd >= 1 {
        let mut pts: Vec<Point> = f.points[..seen_fwd].to_vec();
        if cur <= fwd {
            if let Some(p) = packet_position(f.points, cur, f.progress) {
                pts.push(p);
            }
        }
        trail(ctx, &pts, pal::FORWARD, &[]);
    }
    if cur > fwd {
        let mut pts: Vec<Point> = f.points[fwd..cur].to_vec();
        if let Some(p) = packet_position(f.points, cur, f.progress) {
            pts.push(p);
        }
        trail(ctx, &pts, pal::RETURN, &[9.0, 6.0]);
    }
    ctx.set_line_cap("butt");

    // Ring around where the current hop is.
    if let Some((hop, _)) = hop_at(t, cur) {
        if let Some(n) = f.layout.node(&hop.at) {
            ctx.set_stroke_style_str(pal::FORWARD);
            ctx.set_line_width(2.0);
            dash(ctx, &[4.0, 3.0]);
            round_rect(ctx, n.rect.inflate(5.0), 8.0);
            ctx.stroke();
            dash(ctx, &[]);
        }
    }

    // The verdict mark once the animation reaches it.
    let drop = drop_hop(t);
    let finished = cur >= total;
    let mut marked = false;
    if let Some((i, _)) = drop {
        if cur > i {
            if let Some(p) = f.points.get(i) {
                cross(ctx, *p, 11.0, pal::WHITE, 8.0);
                cross(ctx, *p, 10.0, pal::BAD, 4.5);
                pill(
                    ctx,
                    &format!("✗ {}", t.reason.as_str()),
                    Point::new(p.x, p.y - 24.0),
                    pal::WHITE,
                    pal::BAD,
                    pal::BAD,
                );
                marked = true;
            }
        }
    } else if finished && t.verdict == Verdict::Delivered {
        if let Some(p) = fwd.checked_sub(1).and_then(|i| f.points.get(i)) {
            tick(ctx, *p);
            pill(
                ctx,
                "✓ DELIVERED",
                Point::new(p.x, p.y + 28.0),
                pal::WHITE,
                "#00795a",
                "#00795a",
            );
            marked = true;
        }
    }

    // The packet itself with its addresses, unless it ended on a mark.
    if marked && finished {
        return;
    }
    let Some(pos) = packet_position(f.points, cur, f.progress) else {
        return;
    };
    let back = cur > fwd;
    ctx.begin_path();
    let _ = ctx.arc(pos.x, pos.y, 8.0, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(if back { pal::RETURN } else { pal::FORWARD });
    ctx.fill();
    ctx.set_line_width(2.0);
    ctx.set_stroke_style_str(pal::INK);
    ctx.stroke();
    if let Some((hop, _)) = hop_at(t, cur) {
        let tag = if back {
            format!("reply {}", packet_tag(hop))
        } else {
            packet_tag(hop)
        };
        font(ctx, 12.0, true);
        pill(
            ctx,
            &tag,
            Point::new(pos.x, pos.y - 20.0),
            pal::WHITE,
            pal::INK,
            pal::INK,
        );
    }
}

fn trail(ctx: &Ctx, pts: &[Point], colour: &str, pattern: &[f64]) {
    if pts.len() < 2 {
        return;
    }
    dash(ctx, pattern);
    ctx.set_global_alpha(0.85);
    ctx.set_line_width(4.0);
    ctx.set_stroke_style_str(colour);
    polyline(ctx, pts);
    ctx.stroke();
    ctx.set_global_alpha(1.0);
    dash(ctx, &[]);
}

fn tick(ctx: &Ctx, c: Point) {
    ctx.begin_path();
    let _ = ctx.arc(c.x, c.y, 12.0, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str("#00795a");
    ctx.fill();
    ctx.set_stroke_style_str(pal::WHITE);
    ctx.set_line_width(3.0);
    ctx.begin_path();
    ctx.move_to(c.x - 6.0, c.y);
    ctx.line_to(c.x - 1.5, c.y + 5.0);
    ctx.line_to(c.x + 6.5, c.y - 5.0);
    ctx.stroke();
}
