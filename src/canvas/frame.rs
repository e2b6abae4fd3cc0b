//! The animation layer: one frame is the cached static layer, then the selection, the
//! current hop, the path travelled so far, the filters met on it (`filters`), the packet
//! with its `src → dst` tag, and the verdict mark (tick at the destination, cross and
//! reason code at the drop).
//! [`draw_frame`] draws one whole frame from plain inputs, so it can be timed on its own.

use super::draw::{cross, dash, draw_link_label, font, pill_in, polyline, round_rect};
use super::geom::{Point, Rect, View};
use super::layout::labels::LINE_PITCH;
use super::layout::{Layout, Node, FONT};
use super::palette as pal;
use super::path::{hop_at, packet_position, pills_under, tag_rect, travelled, Route};
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
    /// The packet's stops and the legs between them (see `path::route`).
    pub route: &'a Route,
    /// The resource the pointer is over, whose details show (else the selection's).
    pub hovered: Option<&'a str>,
    /// The resource the keyboard focus is on (arrow keys on the canvas): ringed, and its
    /// details show before the hovered or selected one's.
    pub focused: Option<&'a str>,
    /// Size of the packet and its tag relative to normal (projector mode enlarges them).
    pub packet_scale: f64,
    /// 1-based hop shown (0: not started).
    pub step: usize,
    /// 0..1 of the way to the next hop while playing.
    pub progress: f64,
    /// The canvas size in CSS px (tags stay on screen).
    pub screen: (f64, f64),
    /// The screen corner the canvas's zoom buttons cover (tags stay out from under them).
    pub controls: Rect,
}

impl Frame<'_> {
    /// The part of the world on screen.
    fn visible(&self) -> Option<Rect> {
        let (w, h) = self.screen;
        if w <= 0.0 || h <= 0.0 {
            return None;
        }
        let a = self.view.to_world(Point::new(4.0, 4.0));
        let b = self.view.to_world(Point::new(w - 4.0, h - 4.0));
        Some(Rect::new(a.x, a.y, b.x - a.x, b.y - a.y))
    }

    /// Where a tag may go: on screen, and not under the zoom buttons (world coordinates).
    fn room(&self) -> (Option<Rect>, Option<Rect>) {
        let c = self.controls;
        let hidden = (c.w > 0.0 && c.h > 0.0).then(|| {
            let a = self.view.to_world(Point::new(c.x, c.y));
            let b = self.view.to_world(Point::new(c.right(), c.bottom()));
            Rect::new(a.x, a.y, b.x - a.x, b.y - a.y)
        });
        (self.visible(), hidden)
    }
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
    if let Some(id) = f.focused {
        draw_focus(ctx, f.layout, id);
    }
    if let Some(n) = f
        .focused
        .or(f.hovered)
        .or(f.selected)
        .and_then(|id| f.layout.node(id))
    {
        draw_details(ctx, n, f.packet_scale.max(0.5));
    }
}

/// The keyboard focus ring: a solid ink ring on a halo of the card colour, so it shows on
/// any fill and apart from the selection (accent) and the current hop (dashed).
fn draw_focus(ctx: &Ctx, l: &Layout, id: &str) {
    let pc = pal::get();
    dash(ctx, &[]);
    let ring = |width: f64, colour: &str| {
        ctx.set_line_width(width);
        ctx.set_stroke_style_str(colour);
        if let Some(n) = l.node(id) {
            round_rect(ctx, n.rect.inflate(7.0), 9.0);
            ctx.stroke();
        } else if let Some(r) = l.link(id).and_then(|k| k.pill) {
            round_rect(ctx, r.inflate(4.0), 8.0);
            ctx.stroke();
        }
    };
    ring(6.0, &pc.card);
    ring(2.5, &pc.ink);
}

/// The details a box leaves out (route table, AZ, public address...), on a card under it,
/// its text `scale` times the diagram's (projector mode enlarges it).
fn draw_details(ctx: &Ctx, n: &Node, scale: f64) {
    let pc = pal::get();
    if n.details.is_empty() {
        return;
    }
    let px = FONT * scale;
    font(ctx, px, false);
    let w = n
        .details
        .iter()
        .map(|d| ctx.measure_text(d).map(|m| m.width()).unwrap_or(100.0))
        .fold(0.0, f64::max)
        + 16.0;
    let pitch = (px * LINE_PITCH).round();
    let r = Rect::new(
        n.rect.x.round() + 0.5,
        (n.rect.bottom() + 6.0).round() + 0.5,
        w.round(),
        (n.details.len() as f64 * pitch + 8.0).round(),
    );
    round_rect(ctx, r, 5.0);
    ctx.set_fill_style_str(&pc.card);
    ctx.fill();
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(&pc.accent);
    ctx.stroke();
    ctx.set_fill_style_str(&pc.ink);
    for (i, d) in n.details.iter().enumerate() {
        let _ = ctx.fill_text(d, r.x + 8.0, r.y + 4.0 + px + i as f64 * pitch - 1.0);
    }
}

fn draw_selection(ctx: &Ctx, l: &Layout, id: &str) {
    let pc = pal::get();
    ctx.set_stroke_style_str(pc.accent.as_str());
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
    let pc = pal::get();
    let fwd = t.hops.len();
    let total = f.route.stops.len();
    if f.step == 0 || total == 0 {
        return;
    }
    let cur = f.step.min(total);
    // The path so far: forward solid, return dashed in the second colour.
    let seen_fwd = cur.min(fwd);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    let mut run: Vec<Point> = Vec::new();
    if seen_fwd >= 1 {
        let pts = if cur <= fwd {
            travelled(f.route, 0, cur, f.progress)
        } else {
            travelled(f.route, 0, fwd, 0.0)
        };
        trail(ctx, &pts, &pc.forward, &[]);
        run = pts;
    }
    if cur > fwd {
        let pts = travelled(f.route, fwd, cur, f.progress);
        trail(ctx, &pts, &pc.reply, &[9.0, 6.0]);
        // Apart from the forward run: no jump from its end to the reply's start.
        for k in pills_under(f.layout, &pts) {
            draw_link_label(ctx, k);
        }
    }
    ctx.set_line_cap("butt");
    // The names of the lines the trail runs along stay readable on top of it.
    for k in pills_under(f.layout, &run) {
        draw_link_label(ctx, k);
    }

    // Format 2's filters the packet has met, where they act.
    let marks = super::filters::marks(f.layout, t, &f.route.stops);
    super::filters::draw(ctx, &marks, cur, f.packet_scale);

    // Ring around where the current hop is.
    if let Some((hop, _)) = hop_at(t, cur) {
        if let Some(n) = f.layout.node(hop.at.as_str()) {
            ctx.set_stroke_style_str(pc.forward.as_str());
            ctx.set_line_width(2.0);
            dash(ctx, &[4.0, 3.0]);
            round_rect(ctx, n.rect.inflate(5.0), 8.0);
            ctx.stroke();
            dash(ctx, &[]);
        }
    }

    // The verdict mark once the animation reaches it.
    let ps = f.packet_scale.max(0.5);
    let drop = drop_hop(t);
    let finished = cur >= total;
    let mut marked = false;
    if let Some((i, _)) = drop {
        if cur > i {
            if let Some(p) = f.route.stops.get(i) {
                // On a filter's bar or ring, smaller: the mark under it shows what stopped it.
                let size = if marks.iter().any(|m| m.hop == i) {
                    5.0
                } else {
                    10.0
                };
                // (A drop in a box: the route put this stop where the cross covers no word.)
                let p = *p;
                cross(ctx, p, size + 1.0, pc.card.as_str(), 8.0);
                cross(ctx, p, size, pc.bad.as_str(), 4.5);
                // Beside the cross where it covers no word of the picture.
                let text = format!("✗ {}", t.reason.as_str());
                let r = tag_rect(f.layout, p, &text, FONT * ps, f.room());
                pill_in(ctx, &text, r, &pc.card, &pc.bad, &pc.bad);
                marked = true;
            }
        }
    } else if finished && t.verdict() == Verdict::Delivered {
        if let Some(p) = fwd.checked_sub(1).and_then(|i| f.route.stops.get(i)) {
            tick(ctx, *p);
            let r = tag_rect(f.layout, *p, "✓ DELIVERED", FONT * ps, f.room());
            pill_in(ctx, "✓ DELIVERED", r, &pc.card, &pc.ok, &pc.ok);
            marked = true;
        }
    }

    // The packet itself with its addresses, unless it ended on a mark.
    if marked && finished {
        return;
    }
    let Some(pos) = packet_position(f.route, cur, f.progress) else {
        return;
    };
    let back = cur > fwd;
    ctx.begin_path();
    let _ = ctx.arc(pos.x, pos.y, 8.0 * ps, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(if back {
        pc.reply.as_str()
    } else {
        pc.forward.as_str()
    });
    ctx.fill();
    ctx.set_line_width(2.0);
    ctx.set_stroke_style_str(pc.ink.as_str());
    ctx.stroke();
    if let Some((hop, _)) = hop_at(t, cur) {
        let tag = if back {
            format!("reply {}", packet_tag(hop))
        } else {
            packet_tag(hop)
        };
        // Beside the packet where it covers no word of the picture.
        let r = tag_rect(f.layout, pos, &tag, FONT * ps, f.room());
        pill_in(ctx, &tag, r, &pc.on_ink, &pc.ink, &pc.ink);
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
    let pc = pal::get();
    ctx.begin_path();
    let _ = ctx.arc(c.x, c.y, 12.0, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(pc.ok.as_str());
    ctx.fill();
    ctx.set_stroke_style_str(pc.card.as_str());
    ctx.set_line_width(3.0);
    ctx.begin_path();
    ctx.move_to(c.x - 6.0, c.y);
    ctx.line_to(c.x - 1.5, c.y + 5.0);
    ctx.line_to(c.x + 6.5, c.y - 5.0);
    ctx.stroke();
}
