//! Format 2's filters on the canvas, drawn where they act (`docs/scenario-format.md` F11): a
//! network ACL as a short bar on its subnet's edge where the packet crosses it, an
//! interface's security groups as a ring around the instance or interface endpoint.
//!
//! [`place`] moves each filter hop's stop from where the packet was to that bar or ring, so
//! a packet denied there visibly stops at it (not at the instance behind it); [`marks`]
//! says what to draw at each stop, and [`draw`] paints the marks the packet has reached: a
//! filter it passed thin and quiet, the one that denied it bold, under the drop's cross.
//! Where a filter acts comes from the hop's typed [`FilterSite`], never from its note.

use super::geom::{Point, Rect};
use super::layout::{Layout, NodeKind};
use vpc_engine::kind::Kind;
use vpc_engine::verdict::FilterSite;
use vpc_engine::{Action, Hop, Trace};

/// The ring's radius around an instance's dot (radius 6) or an endpoint's 10 px square:
/// clear of the dot and inside the gap before its words.
pub const RING_R: f64 = 9.0;
/// A bar's length along the subnet's edge, and how far a crossing keeps from a corner.
const BAR_LEN: f64 = 22.0;
const CORNER: f64 = 14.0;

/// What a filter looks like on the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A network ACL on a subnet's edge; `along_x`: the edge is the top or bottom one.
    Bar { along_x: bool },
    /// Security groups around the interface drawn at `centre`.
    Ring { centre: Point },
}

/// One filter the packet meets, at its hop's stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The hop's position in the trace (forward hops, then return hops), 0-based.
    pub hop: usize,
    pub at: Point,
    pub shape: Shape,
    /// The filter denied the packet here (its trace ends at this mark).
    pub denied: bool,
    /// On the reply's way back.
    pub back: bool,
}

/// Where a site is on the picture: its subnet's box, or the centre of its interface.
enum Place {
    Edge(Rect),
    Ring(Point),
}

fn subnet_rect(l: &Layout, id: &str) -> Option<Rect> {
    l.nodes
        .iter()
        .find(|n| n.id == id && n.kind == NodeKind::Resource(Kind::Subnet))
        .map(|n| n.rect)
}

fn place_of(l: &Layout, site: &FilterSite) -> Option<Place> {
    match site {
        FilterSite::SubnetEdge { subnet, .. } => subnet_rect(l, subnet).map(Place::Edge),
        FilterSite::Interface { of, subnet, .. } => {
            // An interface endpoint is drawn once per subnet: the one in this subnet.
            let inside = subnet_rect(l, subnet);
            l.nodes
                .iter()
                .filter(|n| n.id == of.as_str())
                .find(|n| inside.is_none_or(|r| r.contains(n.anchor)))
                .map(|n| Place::Ring(n.anchor))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

impl Side {
    const ALL: [Side; 4] = [Side::Top, Side::Bottom, Side::Left, Side::Right];
    fn along_x(self) -> bool {
        matches!(self, Side::Top | Side::Bottom)
    }
}

/// The ends of the part of `side` a mark may sit on (kept off the corners).
fn span(r: Rect, side: Side) -> (Point, Point) {
    let ix = CORNER.min(r.w / 2.0);
    let iy = CORNER.min(r.h / 2.0);
    match side {
        Side::Top => (Point::new(r.x + ix, r.y), Point::new(r.right() - ix, r.y)),
        Side::Bottom => (
            Point::new(r.x + ix, r.bottom()),
            Point::new(r.right() - ix, r.bottom()),
        ),
        Side::Left => (Point::new(r.x, r.y + iy), Point::new(r.x, r.bottom() - iy)),
        Side::Right => (
            Point::new(r.right(), r.y + iy),
            Point::new(r.right(), r.bottom() - iy),
        ),
    }
}

/// Where on `r`'s edge a packet to or from `o` crosses it: the side `o` lies beyond (the
/// nearest side when it is inside), at `o`'s height or across from it, off the corners.
fn ideal(r: Rect, o: Point) -> (Side, Point) {
    let beyond_x = (r.x - o.x).max(o.x - r.right()).max(0.0);
    let beyond_y = (r.y - o.y).max(o.y - r.bottom()).max(0.0);
    let top_or_bottom = if beyond_x == 0.0 && beyond_y == 0.0 {
        let to_y = (o.y - r.y).min(r.bottom() - o.y);
        let to_x = (o.x - r.x).min(r.right() - o.x);
        to_y <= to_x
    } else {
        beyond_y >= beyond_x
    };
    let side = match (top_or_bottom, o.y < r.center().y, o.x < r.center().x) {
        (true, true, _) => Side::Top,
        (true, false, _) => Side::Bottom,
        (false, _, true) => Side::Left,
        (false, _, false) => Side::Right,
    };
    let (a, b) = span(r, side);
    let p = Point::new(o.x.clamp(a.x, b.x).round(), o.y.clamp(a.y, b.y).round());
    (side, p)
}

/// The box a bar and the drop's cross on it take at `p` on `side`.
fn bar_box(p: Point, side: Side) -> Rect {
    let (hw, hh) = if side.along_x() {
        (BAR_LEN / 2.0 + 3.0, 6.0)
    } else {
        (6.0, BAR_LEN / 2.0 + 3.0)
    };
    Rect::new(p.x - hw, p.y - hh, 2.0 * hw, 2.0 * hh)
}

/// What a mark must not cover: every word of the picture and every dot or endpoint square
/// with the ring a group would draw around it.
fn obstacles(l: &Layout) -> Vec<Rect> {
    let words = l.words();
    let dots = l
        .nodes
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                NodeKind::Resource(Kind::Instance | Kind::InterfaceEndpoint)
            )
        })
        .map(|n| {
            let d = RING_R + 2.0;
            Rect::new(n.anchor.x - d, n.anchor.y - d, 2.0 * d, 2.0 * d)
        });
    words.chain(dots).collect()
}

/// The point on `r`'s edge where a packet to or from `other` crosses it: the [`ideal`] one,
/// or the nearest to it along the same side whose mark covers no word or dot, else the
/// nearest free one of the other sides. With no `other` (a packet denied on its way out
/// with no stop after), toward the top edge above `was`, where the gateways are.
fn edge_point(l: &Layout, r: Rect, other: Option<Point>, was: Point) -> Point {
    let o = other.unwrap_or(Point::new(was.x, r.y - 1.0));
    let (side, p) = ideal(r, o);
    let taken = obstacles(l);
    let free = |q: Point, s: Side| !taken.iter().any(|t| t.overlaps(&bar_box(q, s)));
    let along = |s: Side, from: Point| -> Vec<Point> {
        let (a, b) = span(r, s);
        let len = a.dist(b);
        let mut out = vec![from];
        let mut k = 4.0;
        while k <= len {
            for d in [k, -k] {
                let q = if s.along_x() {
                    Point::new(from.x + d, from.y)
                } else {
                    Point::new(from.x, from.y + d)
                };
                if q.x >= a.x - 0.5 && q.x <= b.x + 0.5 && q.y >= a.y - 0.5 && q.y <= b.y + 0.5 {
                    out.push(q);
                }
            }
            k += 4.0;
        }
        out
    };
    if let Some(q) = along(side, p).into_iter().find(|q| free(*q, side)) {
        return q;
    }
    let mut rest: Vec<Point> = Side::ALL
        .into_iter()
        .filter(|s| *s != side)
        .flat_map(|s| {
            let (a, b) = span(r, s);
            let start = Point::new(o.x.clamp(a.x, b.x).round(), o.y.clamp(a.y, b.y).round());
            along(s, start).into_iter().filter(move |q| free(*q, s))
        })
        .collect();
    vpc_engine::stable_sort::sort_by(&mut rest, |x, y| {
        x.dist(o)
            .partial_cmp(&y.dist(o))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    rest.first().copied().unwrap_or(p)
}

/// The point of the ring around `c` facing `other`: above, below or left (the right is
/// where the interface's words are), above with no `other`.
fn ring_point(c: Point, other: Option<Point>) -> Point {
    let Some(o) = other else {
        return Point::new(c.x, c.y - RING_R);
    };
    let (dx, dy) = (o.x - c.x, o.y - c.y);
    if dx < 0.0 && dx.abs() > dy.abs() {
        Point::new(c.x - RING_R, c.y)
    } else if dy > 0.0 {
        Point::new(c.x, c.y + RING_R)
    } else {
        Point::new(c.x, c.y - RING_R)
    }
}

fn all_hops(t: &Trace) -> Vec<&Hop> {
    t.hops.iter().chain(t.return_hops.iter()).collect()
}

/// Moves each filter hop's stop in `pts` (one per hop, as `path::hop_points` placed them:
/// where the packet was) to where its filter acts: on the way in, the side facing the stop
/// before; on the way out, the side facing the next stop that is not a filter's (for a
/// reply denied there, the requester).
pub fn place(l: &Layout, t: &Trace, pts: &mut [Point]) {
    let hops = all_hops(t);
    for i in 0..hops.len().min(pts.len()) {
        let Some(site) = &hops[i].site else { continue };
        let Some(p) = place_of(l, site) else { continue };
        let other = if site.inbound() {
            i.checked_sub(1).map(|j| pts[j])
        } else {
            // A reply denied on its way out heads for the requester, the first stop.
            (i + 1..pts.len())
                .find(|&j| hops.get(j).is_some_and(|h| h.site.is_none()))
                .map(|j| pts[j])
                .or_else(|| (i >= t.hops.len()).then(|| pts[0]))
        };
        pts[i] = match p {
            Place::Edge(r) => edge_point(l, r, other, pts[i]),
            Place::Ring(c) => ring_point(c, other),
        };
    }
}

/// The filters of a trace as drawn at its `stops` (from `path::route`).
pub fn marks(l: &Layout, t: &Trace, stops: &[Point]) -> Vec<Mark> {
    let fwd = t.hops.len();
    all_hops(t)
        .into_iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let at = *stops.get(i)?;
            let shape = match place_of(l, h.site.as_ref()?)? {
                Place::Edge(r) => Shape::Bar {
                    along_x: (at.y - r.y).abs() < 0.5 || (at.y - r.bottom()).abs() < 0.5,
                },
                Place::Ring(centre) => Shape::Ring { centre },
            };
            Some(Mark {
                hop: i,
                at,
                shape,
                denied: h.action == Action::Drop,
                back: i >= fwd,
            })
        })
        .collect()
}

/// The marks as test builds expose them on the canvas (`data-filters`), one a word:
/// `HOP:acl|sg:in|out:pass|deny:X,Y`, the hop 1-based as the step, at its point on screen
/// (CSS px from the canvas's corner).
pub fn hook_text(l: &Layout, t: &Trace, stops: &[Point], view: super::geom::View) -> String {
    let hops = all_hops(t);
    marks(l, t, stops)
        .iter()
        .map(|m| {
            let p = view.to_screen(m.at);
            let kind = match m.shape {
                Shape::Bar { .. } => "acl",
                Shape::Ring { .. } => "sg",
            };
            let inbound = hops[m.hop].site.as_ref().is_some_and(|s| s.inbound());
            format!(
                "{}:{kind}:{}:{}:{:.0},{:.0}",
                m.hop + 1,
                if inbound { "in" } else { "out" },
                if m.denied { "deny" } else { "pass" },
                p.x,
                p.y
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Paints the marks the packet has reached by `step` (1-based: hop `step - 1` is the
/// current one), `scale` times their normal weight (projector mode).
pub fn draw(ctx: &web_sys::CanvasRenderingContext2d, marks: &[Mark], step: usize, scale: f64) {
    use super::draw::{dash, round_rect};
    use super::palette as pal;
    let pc = pal::get();
    let w = scale.max(1.0);
    dash(ctx, &[]);
    for m in marks.iter().filter(|m| m.hop < step) {
        // A passed filter: thin, in the delivered colour; the denying one: thick, in the
        // drop's colour on a halo of the card colour (the drop's cross goes on top).
        let (colour, width) = if m.denied {
            (pc.bad.as_str(), 3.5 * w)
        } else {
            (pc.ok.as_str(), 1.75 * w)
        };
        match m.shape {
            Shape::Ring { centre } => {
                let ring = |width: f64, colour: &str| {
                    ctx.begin_path();
                    let _ = ctx.arc(centre.x, centre.y, RING_R, 0.0, std::f64::consts::TAU);
                    ctx.set_line_width(width);
                    ctx.set_stroke_style_str(colour);
                    ctx.stroke();
                };
                ring(width + 2.5, &pc.card);
                ring(width, colour);
            }
            Shape::Bar { along_x } => {
                let (long, thick) = if m.denied {
                    (BAR_LEN + 4.0, 10.0)
                } else {
                    (BAR_LEN, 7.0)
                };
                let (bw, bh) = if along_x {
                    (long, thick)
                } else {
                    (thick, long)
                };
                let r = Rect::new(m.at.x - bw / 2.0, m.at.y - bh / 2.0, bw, bh);
                round_rect(ctx, r, 3.0);
                ctx.set_fill_style_str(&pc.card);
                ctx.fill();
                ctx.set_line_width(width.min(3.0 * w));
                ctx.set_stroke_style_str(colour);
                ctx.stroke();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::layout::layout;
    use crate::canvas::path::{route, services_in};

    /// The lesson whose slug starts with `slug`, and its trace.
    fn lesson(slug: &str) -> Option<(vpc_engine::Scenario, Trace)> {
        let e = vpc_engine::library::LIBRARY
            .iter()
            .find(|e| e.slug.starts_with(slug))?;
        let s = vpc_engine::load(e.json()).ok()?;
        let spec = s.lesson.as_ref()?.trace.clone()?;
        let t = vpc_engine::trace(&s, &spec.from, &spec.to).ok()?;
        Some((s.into_scenario(), t))
    }

    fn on_edge(p: Point, r: Rect) -> bool {
        let x_in = p.x >= r.x - 0.5 && p.x <= r.right() + 0.5;
        let y_in = p.y >= r.y - 0.5 && p.y <= r.bottom() + 0.5;
        (x_in && ((p.y - r.y).abs() < 0.5 || (p.y - r.bottom()).abs() < 0.5))
            || (y_in && ((p.x - r.x).abs() < 0.5 || (p.x - r.right()).abs() < 0.5))
    }

    /// Every filter of every format 2 lesson is drawn where it acts: an ACL on its subnet's
    /// edge, a group on the ring around its interface; the stop is the mark's point.
    #[test]
    fn every_lesson_draws_its_filters_where_they_act() {
        let mut seen = (0, 0);
        for e in vpc_engine::library::LIBRARY {
            let Some((s, t)) = lesson(e.slug) else {
                continue;
            };
            let l = layout(&s, &services_in(&t));
            let r = route(&l, &t);
            let hops = all_hops(&t);
            let ms = marks(&l, &t, &r.stops);
            let with_site = hops.iter().filter(|h| h.site.is_some()).count();
            assert_eq!(ms.len(), with_site, "{}: every filter hop is drawn", e.slug);
            for m in &ms {
                assert_eq!(m.at, r.stops[m.hop], "{}", e.slug);
                match (hops[m.hop].site.as_deref().unwrap(), m.shape) {
                    (FilterSite::SubnetEdge { subnet, .. }, Shape::Bar { .. }) => {
                        let box_ = subnet_rect(&l, subnet).unwrap();
                        assert!(on_edge(m.at, box_), "{}: {:?} off {box_:?}", e.slug, m.at);
                        seen.0 += 1;
                    }
                    (FilterSite::Interface { of, .. }, Shape::Ring { centre }) => {
                        assert!((m.at.dist(centre) - RING_R).abs() < 0.01, "{}", e.slug);
                        assert!(l
                            .nodes
                            .iter()
                            .any(|n| n.id == of.as_str() && n.anchor == centre));
                        seen.1 += 1;
                    }
                    (site, shape) => panic!("{}: {site:?} drawn as {shape:?}", e.slug),
                }
            }
        }
        assert!(
            seen.0 >= 10 && seen.1 >= 10,
            "the lessons have filters: {seen:?}"
        );
    }

    /// A denied packet stops at the filter: the last stop is the deny mark, on the ring
    /// before the instance (lesson 22) or on the subnet's edge (23, the reply; 24).
    #[test]
    fn a_denied_packet_stops_at_its_filter() {
        for (slug, ring, back) in [
            ("default-security-group", true, false),
            ("nacl-ephemeral-ports", false, true),
            ("nacl-rule-order", false, false),
        ] {
            let (s, t) = lesson(slug).expect("lesson");
            let l = layout(&s, &services_in(&t));
            let r = route(&l, &t);
            let ms = marks(&l, &t, &r.stops);
            let last = ms.last().expect("a mark");
            assert!(last.denied, "{slug}");
            assert_eq!(last.back, back, "{slug}");
            assert_eq!(
                last.hop + 1,
                r.stops.len(),
                "{slug}: the trace ends at the mark"
            );
            assert_eq!(matches!(last.shape, Shape::Ring { .. }), ring, "{slug}");
            assert_eq!(ms.iter().filter(|m| m.denied).count(), 1, "{slug}");
        }
        // 22: stopped on the ring, short of i-api's dot.
        let (s, t) = lesson("default-security-group").expect("lesson 22");
        let l = layout(&s, &services_in(&t));
        let stops = route(&l, &t).stops;
        let dot = l.anchor("i-api").unwrap();
        assert!((stops.last().unwrap().dist(dot) - RING_R).abs() < 0.01);
    }

    #[test]
    fn crossings_face_the_other_end() {
        let r = Rect::new(100.0, 100.0, 200.0, 80.0);
        let was = Point::new(150.0, 140.0);
        let none = Layout::default();
        // Above: the top edge, under it.
        let at = |o: Option<Point>| edge_point(&none, r, o, was);
        assert_eq!(at(Some(Point::new(180.0, 20.0))), Point::new(180.0, 100.0));
        // Far right and a little below: the right edge.
        assert_eq!(at(Some(Point::new(600.0, 200.0))), Point::new(300.0, 166.0));
        // Nothing after: the top edge above where it was.
        assert_eq!(at(None), Point::new(150.0, 100.0));
        // Kept off the corner.
        assert_eq!(at(Some(Point::new(0.0, 0.0))).x, 114.0);
        let c = Point::new(50.0, 50.0);
        assert_eq!(
            ring_point(c, Some(Point::new(0.0, 52.0))),
            Point::new(41.0, 50.0)
        );
        assert_eq!(
            ring_point(c, Some(Point::new(200.0, 60.0))),
            Point::new(50.0, 59.0)
        );
        assert_eq!(ring_point(c, None), Point::new(50.0, 41.0));
    }

    /// A bar moves along its edge off the words and dots it would cover.
    #[test]
    fn a_bar_keeps_off_the_words() {
        for e in vpc_engine::library::LIBRARY {
            let Some((s, t)) = lesson(e.slug) else {
                continue;
            };
            let l = layout(&s, &services_in(&t));
            let r = route(&l, &t);
            let taken = obstacles(&l);
            for m in marks(&l, &t, &r.stops) {
                let Shape::Bar { along_x } = m.shape else {
                    continue;
                };
                let side = if along_x { Side::Top } else { Side::Left };
                let hit: Vec<&Rect> = taken
                    .iter()
                    .filter(|w| w.overlaps(&bar_box(m.at, side)))
                    .collect();
                assert!(
                    hit.is_empty(),
                    "{}: the bar at {:?} covers {hit:?}",
                    e.slug,
                    m.at
                );
            }
        }
    }
}
