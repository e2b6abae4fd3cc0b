//! Keeping lines off the words: what a line must not pass through (every box's text, every
//! dot and gateway box but the ones it joins), and the choice among a line's candidate routes
//! of the first that passes through none of it, with the x positions a detour can take.

use super::labels::{node_labels, pill_around, BESIDE};
use super::{Layout, NodeKind};
use crate::canvas::geom::{segment_crosses, Point, Rect};
use vpc_engine::kind::Kind;

/// One thing a line must not cross: whose it is, where, and whether it is a word (a line may
/// start or end on a box it joins, never on its words).
pub(super) struct Obstacle {
    id: String,
    rect: Rect,
    word: bool,
}

impl Obstacle {
    /// A line already drawn (a segment from `a` to `b`), so the next keeps off it: a box 3 px
    /// either side of it that is no one's end.
    pub(super) fn line(a: Point, b: Point) -> Option<Obstacle> {
        Rect::around(&[a, b]).map(|r| Obstacle {
            id: String::new(),
            rect: r.inflate(3.0),
            word: false,
        })
    }
}

/// Every word of every box, every dot and gateway box, and every VPC and on-prem box in `out`. A Region's
/// name is not in the way: it moves aside for the lines ([`super::labels::fit`]).
pub(super) fn obstacles(out: &Layout) -> Vec<Obstacle> {
    let mut v = Vec::new();
    for n in &out.nodes {
        let words = if n.kind == NodeKind::Region {
            Vec::new()
        } else {
            node_labels(n)
        };
        for l in words {
            v.push(Obstacle {
                id: n.id.clone(),
                rect: l.rect(),
                word: true,
            });
        }
        // Dots, gateways and the boxes a line has no business inside (VPCs and on-prem
        // networks; a line may run inside a Region's band or the services box).
        let solid = !n.kind.is_container()
            || matches!(n.kind, NodeKind::Resource(Kind::Vpc | Kind::OnpremNetwork));
        if solid && n.kind != NodeKind::Service {
            v.push(Obstacle {
                id: n.id.clone(),
                rect: n.rect,
                word: false,
            });
        }
    }
    v
}

/// How many obstacles the polyline passes through; the boxes (not the words) of `ends`, the
/// ids it joins, do not count.
pub(super) fn crossings(pts: &[Point], obs: &[Obstacle], ends: &[&str]) -> usize {
    obs.iter()
        .filter(|o| o.word || !ends.contains(&o.id.as_str()))
        .filter(|o| pts.windows(2).any(|w| segment_crosses(w[0], w[1], &o.rect)))
        .count()
}

/// The first candidate route that crosses nothing, else the one crossing least (the first of
/// those). `cands` must not be empty; the first is the plain route.
pub(super) fn pick(cands: Vec<Vec<Point>>, obs: &[Obstacle], ends: &[&str]) -> Vec<Point> {
    let mut best: Option<(usize, Vec<Point>)> = None;
    for c in cands {
        let n = crossings(&c, obs, ends);
        if n == 0 {
            return c;
        }
        if best.as_ref().is_none_or(|(b, _)| n < *b) {
            best = Some((n, c));
        }
    }
    best.map(|b| b.1).unwrap_or_default()
}

/// Where a vertical detour near `x` may run: `x`, then just left and right of every
/// obstacle, nearest first.
pub(super) fn xs_near(x: f64, obs: &[Obstacle]) -> Vec<f64> {
    let mut xs: Vec<f64> = std::iter::once(x)
        .chain(
            obs.iter()
                .flat_map(|o| [(o.rect.x - 8.0).round(), (o.rect.right() + 8.0).round()]),
        )
        .collect();
    vpc_engine::stable_sort::sort_by(&mut xs, |a, b| (a - x).abs().total_cmp(&(b - x).abs()));
    xs.dedup();
    xs.truncate(40);
    xs
}

/// Whether a pill of `text` fits beside a vertical line at `x` running from `y0` down to
/// `y1`, right or left of it: over no obstacle, no line already drawn and no box border.
pub(super) fn pill_room(
    out: &Layout,
    obs: &[Obstacle],
    text: &str,
    x: f64,
    (y0, y1): (f64, f64),
) -> bool {
    let (w, _) = super::labels::pill_size(text, super::FONT);
    let mid = (y0 + y1) / 2.0;
    [x + BESIDE + w / 2.0, x - BESIDE - w / 2.0]
        .into_iter()
        .any(|cx| {
            let r = pill_around(text, Point::new(cx, mid), super::FONT);
            !obs.iter().any(|o| o.rect.overlaps(&r))
                && !out
                    .links
                    .iter()
                    .any(|k| k.points.windows(2).any(|w| segment_crosses(w[0], w[1], &r)))
                && !out
                    .nodes
                    .iter()
                    .filter(|n| n.kind.is_container())
                    .any(|n| n.rect.overlaps(&r) && !n.rect.contains_rect(&r))
        })
}
