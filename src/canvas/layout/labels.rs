//! Where every word on the diagram goes: one [`Label`] per text line of a box and one pill per
//! link, in world coordinates, so drawing and the geometry test read the same places.

use super::text::text_w;
use super::{Layout, Node, NodeKind, DOT_R, FONT, GW_PORT, TITLE_FONT};
use crate::canvas::geom::{segment_crosses, Point, Rect};
use vpc_engine::kind::Kind;

/// Line pitch of the text lines in a box, in multiples of the font size.
pub const LINE_PITCH: f64 = 1.25;
/// Space between a line and a pill beside it: the packet's radius and a little.
pub const BESIDE: f64 = 11.0;
/// Height of a link's pill around its text, in multiples of the font size.
pub const PILL_H: f64 = 1.5;

/// One line of text: drawn left-aligned from `x` on the baseline `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Font size at zoom 1 (CSS px).
    pub px: f64,
    pub bold: bool,
    /// The box's title (ink) rather than a detail (muted).
    pub title: bool,
}

impl Label {
    /// The box the text covers (estimated width, ascender to descender).
    pub fn rect(&self) -> Rect {
        Rect::new(
            self.x,
            self.y - 0.85 * self.px,
            text_w(&self.text, self.px),
            1.08 * self.px,
        )
    }
}

/// Where a node's text lines go, first line the title: (x offset, first baseline, title
/// size, title bold, how many lines) by kind.
pub fn node_labels(n: &Node) -> Vec<Label> {
    let r = n.rect;
    let (dx, dy, title_px, max) = match n.kind {
        NodeKind::Region => (10.0, 14.0, FONT, 1),
        NodeKind::Internet => (14.0, r.h / 2.0 + 5.0, TITLE_FONT, 1),
        NodeKind::Services => (10.0, 17.0, TITLE_FONT, 1),
        // Right of the stop (and of the tick a delivery draws there).
        NodeKind::Service => (22.0, r.h / 2.0 + 4.0, FONT, 1),
        NodeKind::Resource(Kind::Vpc | Kind::OnpremNetwork) => (14.0, 17.0, TITLE_FONT, 2),
        NodeKind::Resource(Kind::Subnet) => (8.0, 15.0, FONT, 2),
        NodeKind::Resource(
            Kind::Instance | Kind::OnpremHost | Kind::InternetHost | Kind::InterfaceEndpoint,
        ) => (2.0 * DOT_R + 6.0, 12.0, FONT, 2),
        NodeKind::Resource(_) => (GW_PORT + 4.0, 15.0, FONT, 1),
    };
    let one_line_bold = !matches!(n.kind, NodeKind::Service);
    n.lines
        .iter()
        .take(max)
        .enumerate()
        .map(|(i, t)| Label {
            text: t.clone(),
            x: (r.x + dx).round(),
            y: (r.y + dy).round() + i as f64 * (FONT * LINE_PITCH).round(),
            px: if i == 0 { title_px } else { FONT },
            bold: i == 0 && one_line_bold,
            title: i == 0,
        })
        .collect()
}

/// Places every node's labels, then each line's pill where it covers no other word and
/// crosses no box border (trying points along the line, longest segment first).
pub fn fit(l: &mut Layout) {
    let segs: Vec<(usize, Point, Point)> = l
        .links
        .iter()
        .enumerate()
        .flat_map(|(i, k)| k.points.windows(2).map(move |w| (i, w[0], w[1])))
        .collect();
    for n in &mut l.nodes {
        n.labels = node_labels(n);
        if n.kind == NodeKind::Region {
            // A Region's name moves right past the lines going up through its label row.
            for lb in &mut n.labels {
                lb.x = clear_x(lb, segs.iter().map(|s| (s.1, s.2)));
            }
        }
    }
    let mut taken: Vec<Rect> = l
        .nodes
        .iter()
        .flat_map(|n| n.labels.iter().map(Label::rect))
        .collect();
    // Dots and gateway boxes are not to be covered either.
    taken.extend(
        l.nodes
            .iter()
            .filter(|n| !n.kind.is_container() && n.kind != NodeKind::Service)
            .map(|n| n.rect),
    );
    let boxes: Vec<Rect> = l
        .nodes
        .iter()
        .filter(|n| n.kind.is_container())
        .map(|n| n.rect)
        .collect();
    for (i, k) in l.links.iter_mut().enumerate() {
        if k.label.is_empty() {
            continue;
        }
        // Only what lies near the line can meet a place for its pill: each place is within
        // a pill's size (and the gap beside the line) of it. Checking the others too made
        // a large topology's layout quadratic (100 peered VPCs: 99 pills, each checked
        // against some 2,000 words and lines).
        let (w, h) = pill_size(&k.label, FONT);
        let near = Rect::around(&k.points)
            .unwrap_or_default()
            .inflate(w + h + BESIDE + 1.0);
        let close = |r: &Rect| r.overlaps(&near);
        // Other lines are not to pass through the pill either.
        let others = segs
            .iter()
            .filter(|s| s.0 != i)
            .filter_map(|s| Rect::around(&[s.1, s.2]));
        let avoid: Vec<Rect> = taken.iter().copied().chain(others).filter(close).collect();
        let near_boxes: Vec<Rect> = boxes.iter().copied().filter(close).collect();
        let r = best_pill(&k.label, &k.points, &avoid, &near_boxes);
        taken.push(r);
        k.pill = Some(r);
    }
}

/// The x from which `lb` crosses none of the segments: its own, or just right of the
/// rightmost segment through it (each move checked again).
pub fn clear_x(lb: &Label, segs: impl Iterator<Item = (Point, Point)> + Clone) -> f64 {
    let mut lb = lb.clone();
    for _ in 0..8 {
        let r = lb.rect();
        let hit = segs
            .clone()
            .filter(|(a, b)| segment_crosses(*a, *b, &r))
            .map(|(a, b)| a.x.max(b.x))
            .fold(f64::NEG_INFINITY, f64::max);
        if hit == f64::NEG_INFINITY {
            break;
        }
        lb.x = (hit + 8.0).round();
    }
    lb.x
}

/// How many words, dots and box borders the pill `r` would cover.
fn conflicts(r: &Rect, taken: &[Rect], boxes: &[Rect]) -> usize {
    taken.iter().filter(|t| t.overlaps(r)).count()
        + boxes
            .iter()
            .filter(|b| b.overlaps(r) && !b.contains_rect(r))
            .count()
}

fn best_pill(text: &str, pts: &[Point], taken: &[Rect], boxes: &[Rect]) -> Rect {
    let mut segs: Vec<(Point, Point)> = pts.windows(2).map(|w| (w[0], w[1])).collect();
    vpc_engine::stable_sort::sort_by(&mut segs, |a, b| {
        b.0.dist(b.1)
            .partial_cmp(&a.0.dist(a.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut best: Option<(usize, Rect)> = None;
    let (w, h) = pill_size(text, FONT);
    for (a, b) in segs {
        // Centred on the line, or beside it (a pill to the left or right of a line going
        // down, above or below one going across), at points along the segment.
        let across = (a.y - b.y).abs() < 0.5;
        // Beside the line first, far enough that the packet on the line does not cover it.
        let off = h / 2.0 + BESIDE;
        let sides: [(f64, f64); 3] = if across {
            [(0.0, -off), (0.0, off), (0.0, 0.0)]
        } else {
            [
                (w / 2.0 + BESIDE, 0.0),
                (-w / 2.0 - BESIDE, 0.0),
                (0.0, 0.0),
            ]
        };
        for (t, (dx, dy)) in [0.5, 0.35, 0.65, 0.2, 0.8]
            .into_iter()
            .flat_map(|t| sides.into_iter().map(move |s| (t, s)))
        {
            let c = a.lerp(b, t);
            let r = pill_around(text, Point::new(c.x + dx, c.y + dy), FONT);
            let c = conflicts(&r, taken, boxes);
            if best.is_none_or(|(bc, _)| c < bc) {
                best = Some((c, r));
            }
            if c == 0 {
                return r;
            }
        }
    }
    best.map(|b| b.1)
        .unwrap_or_else(|| pill_around(text, pts.first().copied().unwrap_or_default(), FONT))
}

/// The pill a text of `px` centred on `c` is drawn in (one line per `\n`).
pub fn pill_around(text: &str, c: Point, px: f64) -> Rect {
    let (w, h) = pill_size(text, px);
    Rect::new((c.x - w / 2.0).round(), (c.y - h / 2.0).round(), w, h)
}

/// Width and height of the pill around a text of `px` (one line per `\n`).
pub fn pill_size(text: &str, px: f64) -> (f64, f64) {
    let lines = text.split('\n').count().max(1) as f64;
    let w = text.split('\n').map(|l| text_w(l, px)).fold(0.0, f64::max) + 10.0;
    let h = (PILL_H * px).round() + (lines - 1.0) * (px * LINE_PITCH).round();
    (w.round(), h)
}

/// Width of an account swatch and the space after it, left of its legend label.
pub const SWATCH: f64 = 18.0;

/// The account key from (`x`, `y`) (top left): nothing for a single account, whose VPCs
/// need no telling apart (their details name the account).
pub fn legend(accounts: &[String], x: f64, y: f64) -> Vec<(Label, usize)> {
    if accounts.len() < 2 {
        return Vec::new();
    }
    let mut x = x;
    accounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let text = format!("account {a}");
            let l = Label {
                x: x + SWATCH,
                y: (y + FONT).round(),
                px: FONT,
                bold: false,
                title: false,
                text,
            };
            x += SWATCH + text_w(&l.text, FONT) + 16.0;
            (l, i)
        })
        .collect()
}

/// The account key as a column from (`x`, `y`) (top left), one account a line: right of a
/// picture that is short of height rather than width.
pub fn legend_column(accounts: &[String], x: f64, y: f64) -> Vec<(Label, usize)> {
    let mut key = Vec::new();
    for (i, a) in accounts.iter().enumerate() {
        let line = legend(
            &[a.clone(), String::new()],
            x,
            y + i as f64 * (FONT * 1.6).round(),
        );
        key.extend(line.into_iter().take(1).map(|(l, _)| (l, i)));
    }
    key
}
