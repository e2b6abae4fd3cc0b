//! The packet's path on the canvas: one point per hop (forward hops, then return hops), and
//! where the packet is drawn at an animation position. Pure geometry over a [`Layout`].

use super::geom::{dist_to_segment, segment_crosses, Point, Rect};
use super::layout::labels::pill_around;
use super::layout::{Layout, Link};
use vpc_engine::{Hop, Location, Trace};

/// Where the packet is when a hop is `at` this location. Locations with no box of their own
/// go to the internet cloud or, for an AWS service, the services box; anything else stays
/// where the packet was.
pub fn hop_point(l: &Layout, at: &Location, prev: Option<Point>) -> Point {
    if let Some(p) = l.anchor(at.as_str()) {
        return p;
    }
    if at.is_service() {
        if let Some(p) = l.anchor("aws-services") {
            return p;
        }
    }
    prev.or_else(|| l.anchor("internet")).unwrap_or_default()
}

/// AWS service names (`com.amazonaws.*`) a trace visits, so the layout can give them a box.
pub fn services_in(t: &Trace) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in t.hops.iter().chain(t.return_hops.iter()) {
        if let Location::Service(name) = &h.at {
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    out
}

/// The packet's way through the picture: one stop per hop (forward hops then return hops),
/// and between each stop and the next the points it passes on the way, so it travels along
/// the lines it takes rather than across the boxes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    pub stops: Vec<Point>,
    /// `legs[i]` runs from `stops[i]` to `stops[i + 1]`, both ends included.
    pub legs: Vec<Vec<Point>>,
}

/// One point per hop: forward hops then return hops; a filter's where it acts (see
/// [`super::filters::place`]).
pub fn hop_points(l: &Layout, t: &Trace) -> Vec<Point> {
    let mut pts: Vec<Point> = Vec::with_capacity(t.hops.len() + t.return_hops.len());
    for h in t.hops.iter().chain(t.return_hops.iter()) {
        let prev = pts.last().copied();
        pts.push(hop_point(l, &h.at, prev));
    }
    super::filters::place(l, t, &mut pts);
    pts
}

/// Where each hop of a trace is, out and back, in order.
fn hop_ids(t: &Trace) -> Vec<&str> {
    t.hops
        .iter()
        .chain(t.return_hops.iter())
        .map(|h| h.at.as_str())
        .collect()
}

/// The packet's route for a trace: its stops, and legs that follow the lines it crosses.
pub fn route(l: &Layout, t: &Trace) -> Route {
    let mut stops = hop_points(l, t);
    let ids = hop_ids(t);
    // A drop in a box stops where its cross covers no word (see [`mark_spot`]), and the
    // trail goes there.
    if let Some((i, _)) = crate::components::trace::trace_text::drop_hop(t) {
        // A VPC or subnet, or what sits on a box's edge without a box of its own (a route
        // table); not a line, a gateway or an instance, which the cross marks itself.
        // A filter's drop is marked on its bar or ring instead (see `filters`).
        let filter = t
            .hops
            .iter()
            .chain(&t.return_hops)
            .nth(i)
            .is_some_and(|h| h.site.is_some());
        let in_box = !filter
            && ids.get(i).is_some_and(|id| {
                l.link(id).is_none() && l.node(id).is_none_or(|n| n.kind.is_container())
            });
        if let Some(p) = stops.get_mut(i).filter(|_| in_box) {
            *p = mark_spot(l, *p, DROP_REACH);
        }
    }
    let words = words(l);
    let legs = stops
        .windows(2)
        .zip(ids.windows(2))
        .map(|(p, id)| leg(l, &words, p[0], p[1], id[0], id[1]))
        .collect();
    Route { stops, legs }
}

/// The way from `a` (hop `ia`) to `b` (hop `ib`): onto a line at its nearer end and along it
/// to where the hop sits on it, off a line along it to its end nearer the next stop, and
/// between boxes right-angled steps that cross as few words as they can (see [`connect`]).
fn leg(l: &Layout, words: &[Rect], a: Point, b: Point, ia: &str, ib: &str) -> Vec<Point> {
    let line = |id: &str| l.link(id).filter(|k| k.points.len() >= 2);
    let mut out = vec![a];
    match (line(ia), line(ib)) {
        (None, Some(k)) => {
            let (mut along, _) = along_to(&k.points, first_end_toward(l, &k.points, a), b);
            out.append(&mut along);
        }
        (Some(k), None) => {
            let (mut along, _) = along_to(&k.points, first_end_toward(l, &k.points, b), a);
            along.reverse();
            out.append(&mut along);
        }
        _ => {}
    }
    out.push(b);
    out.dedup();
    let mut path: Vec<Point> = vec![a];
    for w in out.windows(2) {
        path.extend(connect(l, words, w[0], w[1]));
    }
    path.dedup();
    path
}

/// Every word of the picture: the boxes' text lines and the lines' pills.
fn words(l: &Layout) -> Vec<Rect> {
    l.words().collect()
}

/// How many words a path crosses.
fn crossings(pts: &[Point], words: &[Rect]) -> usize {
    pts.windows(2)
        .map(|w| {
            // The trail is 4 px wide: a word closer than that is crossed.
            let seg = Rect::around(w).map(|r| r.inflate(3.0));
            words
                .iter()
                .filter(|r| seg.is_some_and(|s| s.overlaps(r)))
                .count()
        })
        .sum()
}

fn length(pts: &[Point]) -> f64 {
    pts.windows(2).map(|w| w[0].dist(w[1])).sum()
}

/// A right-angled way from `p` to `q` (without `p`): straight when they line up, else the
/// corner first down or first across, or along an inside edge of the box either end is in
/// (a subnet's left side, say), whichever crosses the fewest words, then the shortest.
fn connect(l: &Layout, words: &[Rect], p: Point, q: Point) -> Vec<Point> {
    if (p.x - q.x).abs() <= 0.5 || (p.y - q.y).abs() <= 0.5 {
        return vec![q];
    }
    let mut ways: Vec<Vec<Point>> = vec![
        vec![p, Point::new(p.x, q.y), q],
        vec![p, Point::new(q.x, p.y), q],
    ];
    for at in [p, q] {
        let Some(c) = l
            .nodes
            .iter()
            .filter(|n| n.kind.is_container() && n.rect.inflate(0.5).contains(at))
            .min_by(|x, y| {
                (x.rect.w * x.rect.h)
                    .partial_cmp(&(y.rect.w * y.rect.h))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
        else {
            continue;
        };
        let r = c.rect;
        for x in [r.x + 3.0, r.right() - 3.0] {
            ways.push(vec![p, Point::new(x, p.y), Point::new(x, q.y), q]);
        }
        for y in [r.y + 3.0, r.bottom() - 3.0] {
            ways.push(vec![p, Point::new(p.x, y), Point::new(q.x, y), q]);
        }
    }
    let best = ways
        .into_iter()
        .map(|w| (crossings(&w, words), length(&w), w))
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
        })
        .map(|x| x.2)
        .unwrap_or_else(|| vec![p, q]);
    best.into_iter().skip(1).collect()
}

/// Whether a line's first end (rather than its last) is the one toward `p`: the end at the
/// box `p` is in (the smallest box holding `p` that holds one end but not the other: a
/// peering leaves toward the VPC the packet goes to, though the other VPC's end may lie
/// nearer as the crow flies), else the nearer end.
fn first_end_toward(l: &Layout, pts: &[Point], p: Point) -> bool {
    let (first, last) = (pts[0], pts[pts.len() - 1]);
    let mut holding: Vec<Rect> = l
        .nodes
        .iter()
        .filter(|n| n.kind.is_container() && n.rect.contains(p))
        .map(|n| n.rect.inflate(1.0))
        .collect();
    vpc_engine::stable_sort::sort_by(&mut holding, |x, y| (x.w * x.h).total_cmp(&(y.w * y.h)));
    holding
        .iter()
        .map(|r| (r.contains(first), r.contains(last)))
        .find(|(f, l)| f != l)
        .map_or(first.dist(p) <= last.dist(p), |(f, _)| f)
}

/// The part of a polyline from its first end (`from_first`) or its last up to the point
/// nearest `at` (which is included): the way onto the line and along it.
fn along_to(pts: &[Point], from_first: bool, at: Point) -> (Vec<Point>, usize) {
    let seg = pts
        .windows(2)
        .enumerate()
        .map(|(i, w)| (i, dist_to_segment(at, w[0], w[1])))
        .min_by(|x, y| x.1.partial_cmp(&y.1).unwrap_or(std::cmp::Ordering::Equal))
        .map_or(0, |x| x.0);
    if from_first {
        (pts[..=seg].to_vec(), seg)
    } else {
        let mut v: Vec<Point> = pts[seg + 1..].to_vec();
        v.reverse();
        (v, seg)
    }
}

/// The point a fraction `t` of the way along a polyline.
fn point_along(pts: &[Point], t: f64) -> Option<Point> {
    let first = *pts.first()?;
    let total = length(pts);
    if total <= 0.0 {
        return Some(first);
    }
    let mut left = total * t.clamp(0.0, 1.0);
    for w in pts.windows(2) {
        let d = w[0].dist(w[1]);
        if left <= d && d > 0.0 {
            return Some(w[0].lerp(w[1], left / d));
        }
        left -= d;
    }
    pts.last().copied()
}

/// How far a drop's cross reaches from its centre, its stroke counted (10 px arms).
pub const DROP_REACH: f64 = 13.0;

/// Where a drop's cross (reaching `reach` px each way from its centre) is drawn for a drop at
/// the stop `p`: there when it covers no word (a label, a line's pill, the account key);
/// else the nearest point clear of every word along the border of the box `p` is on, the
/// same border first (a VPC's stop is on its top border, where its title and the account
/// key may be), then the opposite one, then its sides; else `p`.
pub fn mark_spot(l: &Layout, p: Point, reach: f64) -> Point {
    let words = l.words_and_key();
    let clear = |c: Point| {
        let r = Rect::new(c.x - reach, c.y - reach, 2.0 * reach, 2.0 * reach);
        !words.iter().any(|w| w.overlaps(&r))
    };
    if clear(p) {
        return p;
    }
    let on = |y: f64| (p.y - y).abs() < 1.0;
    let Some(b) = l
        .nodes
        .iter()
        .filter(|n| n.kind.is_container())
        .map(|n| n.rect)
        .filter(|b| p.x >= b.x && p.x <= b.right() && (on(b.y) || on(b.bottom())))
        .min_by(|x, y| (x.w * x.h).total_cmp(&(y.w * y.h)))
    else {
        return p;
    };
    let edges = if on(b.y) {
        [b.y, b.bottom()]
    } else {
        [b.bottom(), b.y]
    };
    let steps = ((b.w - 2.0 * (reach + 2.0)) / 4.0).floor().max(0.0) as usize;
    let mut xs: Vec<f64> = (0..=steps)
        .map(|i| b.x + reach + 2.0 + 4.0 * i as f64)
        .collect();
    vpc_engine::stable_sort::sort_by(&mut xs, |a, c| (a - p.x).abs().total_cmp(&(c - p.x).abs()));
    let along = edges
        .into_iter()
        .find_map(|y| xs.iter().map(|x| Point::new(*x, y)).find(|c| clear(*c)));
    // Then down its sides, nearest the stop's end first.
    let steps = ((b.h - 2.0 * (reach + 2.0)) / 4.0).floor().max(0.0) as usize;
    let mut ys: Vec<f64> = (0..=steps)
        .map(|i| b.y + reach + 2.0 + 4.0 * i as f64)
        .collect();
    vpc_engine::stable_sort::sort_by(&mut ys, |a, c| (a - p.y).abs().total_cmp(&(c - p.y).abs()));
    let mut sides = [b.x, b.right()];
    if (p.x - b.right()).abs() < (p.x - b.x).abs() {
        sides.reverse();
    }
    along
        .or_else(|| {
            sides
                .into_iter()
                .find_map(|x| ys.iter().map(|y| Point::new(x, *y)).find(|c| clear(*c)))
        })
        .unwrap_or(p)
}

/// The lines whose pill the packet's trail `pts` runs over (its 4 px width and a little
/// counted), so the frame draws those pills again on top and their names stay readable.
pub fn pills_under<'a>(l: &'a Layout, pts: &[Point]) -> Vec<&'a Link> {
    l.links
        .iter()
        .filter(|k| {
            k.pill.is_some_and(|r| {
                let r = r.inflate(3.0);
                pts.windows(2).any(|w| segment_crosses(w[0], w[1], &r))
            })
        })
        .collect()
}

/// The path the packet has travelled from stop `from` (0-based) to stop `step` (1-based)
/// and a fraction `progress` of the next leg.
pub fn travelled(r: &Route, from: usize, step: usize, progress: f64) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    let Some(last) = step.checked_sub(1) else {
        return out;
    };
    for i in from..last {
        if let Some(leg) = r.legs.get(i) {
            out.extend(leg.iter().copied());
        }
    }
    if out.is_empty() {
        out.extend(r.stops.get(from).copied());
    }
    if progress > 0.0 {
        if let Some(leg) = r.legs.get(last) {
            let t = progress.clamp(0.0, 1.0);
            let total = length(leg);
            let mut left = total * t;
            out.push(leg[0]);
            for w in leg.windows(2) {
                let d = w[0].dist(w[1]);
                if left <= d {
                    if d > 0.0 {
                        out.push(w[0].lerp(w[1], left / d));
                    }
                    break;
                }
                out.push(w[1]);
                left -= d;
            }
        }
    }
    out.dedup();
    out
}

/// The hop at animation step `step` (1-based: step 1 is the first forward hop), with
/// whether it belongs to the return path.
pub fn hop_at(t: &Trace, step: usize) -> Option<(&Hop, bool)> {
    let i = step.checked_sub(1)?;
    match t.hops.get(i) {
        Some(h) => Some((h, false)),
        None => t.return_hops.get(i - t.hops.len()).map(|h| (h, true)),
    }
}

/// Where the packet is drawn: at hop `step` (1-based), moving a fraction `progress` of the
/// way along the leg toward the next hop. `None` before the first step.
pub fn packet_position(r: &Route, step: usize, progress: f64) -> Option<Point> {
    let i = step.checked_sub(1)?;
    let here = *r.stops.get(i)?;
    match r.legs.get(i) {
        Some(leg) if progress > 0.0 => point_along(leg, progress),
        _ => Some(here),
    }
}

/// Where the packet's tag (`text` at `px`) goes near the packet at `pos`: the first place
/// around it that covers no label of the picture (above, below, right, left, then farther
/// out); the least covered one if every place covers some.
/// `visible`: the part of the world on screen, when known; places off it, or under `hidden`
/// (the canvas's zoom buttons, in world coordinates), count as covering.
pub fn tag_rect(
    l: &Layout,
    pos: Point,
    text: &str,
    px: f64,
    (visible, hidden): (Option<Rect>, Option<Rect>),
) -> Rect {
    let taken = l.words_and_key();
    let probe = pill_around(text, Point::default(), px);
    let (w, h) = (probe.w, probe.h);
    let mut best: Option<(usize, Rect)> = None;
    for far in [1.0, 2.0, 3.0, 4.5] {
        let dy = 14.0 + h / 2.0 + (far - 1.0) * h;
        let dx = 16.0 + w / 2.0 + (far - 1.0) * 12.0;
        for c in [
            Point::new(pos.x, pos.y - dy),
            Point::new(pos.x, pos.y + dy),
            Point::new(pos.x + dx, pos.y),
            Point::new(pos.x - dx, pos.y),
            Point::new(pos.x + dx, pos.y - dy),
            Point::new(pos.x - dx, pos.y - dy),
            Point::new(pos.x + dx, pos.y + dy),
            Point::new(pos.x - dx, pos.y + dy),
        ] {
            let r = pill_around(text, c, px);
            let off_screen = visible.is_some_and(|v| !v.contains_rect(&r))
                || hidden.is_some_and(|h| h.overlaps(&r));
            let n = taken.iter().filter(|t| t.overlaps(&r)).count() + 100 * usize::from(off_screen);
            if n == 0 {
                return r;
            }
            if best.is_none_or(|(b, _)| n < b) {
                best = Some((n, r));
            }
        }
    }
    best.map_or(probe, |b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::layout::layout;
    use vpc_engine::{Action, Kind, Reason};

    fn hop(at: Location) -> Hop {
        Hop {
            at,
            action: Action::Forward,
            src: None,
            dst: None,
            note: String::new(),
            routes: vec![],
            doc: None,
            reason: None,
            packet: None,
            rules: vec![],
            site: None,
            tgw: None,
        }
    }

    fn scenario() -> vpc_engine::Scenario {
        serde_json::from_str(include_str!("../../tests/fixtures/full.json")).expect("fixture")
    }

    #[test]
    fn hops_without_a_box_anchor_to_the_cloud_or_the_services() {
        let s = scenario();
        let res = Location::resource;
        let t = Trace {
            reason: Reason::Delivered,
            packet: Default::default(),
            hops: vec![
                hop(res(Kind::Instance, "i-a")),
                hop(res(Kind::RouteTable, "rtb-a")),
                hop(res(Kind::InternetGateway, "igw-a")),
                hop(Location::Internet),
            ],
            return_hops: vec![
                hop(Location::Service("com.amazonaws.us-east-1.dynamodb".into())),
                hop(Location::Unknown("mystery".into())),
            ],
        };
        let l = layout(&s, &services_in(&t));
        let pts = route(&l, &t).stops;
        assert_eq!(pts.len(), 6);
        assert_eq!(Some(pts[0]), l.anchor("i-a"));
        assert_eq!(Some(pts[3]), l.anchor("internet"));
        assert_eq!(Some(pts[4]), l.anchor("com.amazonaws.us-east-1.dynamodb"));
        assert_eq!(pts[5], pts[4], "an unknown id stays where the packet was");
        let bare = layout(&s, &[]);
        assert_eq!(
            hop_point(
                &bare,
                &Location::Service("com.amazonaws.eu-west-1.sqs".into()),
                None
            ),
            bare.anchor("aws-services")
                .expect("services box (the fixture has endpoints)")
        );
    }

    #[test]
    fn steps_map_to_forward_then_return_hops() {
        let res = |id: &str| hop(Location::resource(Kind::Instance, id));
        let t = Trace {
            reason: Reason::Delivered,
            packet: Default::default(),
            hops: vec![res("a"), res("b")],
            return_hops: vec![res("c")],
        };
        assert!(hop_at(&t, 0).is_none());
        assert_eq!(
            hop_at(&t, 1).map(|(h, r)| (h.at.as_str(), r)),
            Some(("a", false))
        );
        assert_eq!(
            hop_at(&t, 3).map(|(h, r)| (h.at.as_str(), r)),
            Some(("c", true))
        );
        assert!(hop_at(&t, 4).is_none());
    }

    #[test]
    fn packet_moves_between_hops_along_the_leg() {
        let r = Route {
            stops: vec![Point::new(0.0, 0.0), Point::new(10.0, 10.0)],
            legs: vec![vec![
                Point::new(0.0, 0.0),
                Point::new(0.0, 10.0),
                Point::new(10.0, 10.0),
            ]],
        };
        assert_eq!(packet_position(&r, 0, 0.0), None);
        assert_eq!(packet_position(&r, 1, 0.0), Some(Point::new(0.0, 0.0)));
        assert_eq!(packet_position(&r, 1, 0.25), Some(Point::new(0.0, 5.0)));
        assert_eq!(packet_position(&r, 1, 0.75), Some(Point::new(5.0, 10.0)));
        assert_eq!(packet_position(&r, 2, 0.5), Some(Point::new(10.0, 10.0)));
        assert_eq!(packet_position(&r, 3, 0.0), None);
        assert_eq!(
            travelled(&r, 0, 1, 0.75),
            vec![
                Point::new(0.0, 0.0),
                Point::new(0.0, 10.0),
                Point::new(5.0, 10.0)
            ]
        );
    }

    fn lessons() -> Vec<(&'static str, vpc_engine::Scenario, Trace)> {
        vpc_engine::library::LIBRARY
            .iter()
            .filter_map(|e| {
                let s = vpc_engine::load(e.json()).ok()?;
                let spec = s.lesson.as_ref()?.trace.clone()?;
                let t = vpc_engine::trace(&s, &spec.from, &spec.to).ok()?;
                Some((e.slug, s.into_scenario(), t))
            })
            .collect()
    }

    #[test]
    fn the_packet_moves_along_right_angled_legs_and_on_the_lines_it_takes() {
        let all = lessons();
        assert!(all.len() >= 20, "the library's lessons have traces");
        for (slug, s, t) in all {
            let l = layout(&s, &services_in(&t));
            let r = route(&l, &t);
            assert_eq!(r.legs.len() + 1, r.stops.len(), "{slug}");
            for (i, leg) in r.legs.iter().enumerate() {
                for w in leg.windows(2) {
                    assert!(
                        (w[0].x - w[1].x).abs() <= 0.5 || (w[0].y - w[1].y).abs() <= 0.5,
                        "{slug}: leg {i} goes diagonally from {:?} to {:?}",
                        w[0],
                        w[1]
                    );
                }
            }
            // Where a hop is a line (peering, VPN, VIF), the leg into it runs along it.
            let ids = hop_ids(&t);
            for (i, id) in ids.iter().enumerate().skip(1) {
                let Some(k) = l.link(id) else { continue };
                let leg = &r.legs[i - 1];
                let on_line = leg
                    .iter()
                    .filter(|p| crate::canvas::geom::dist_to_polyline(**p, &k.points) < 1.0)
                    .count();
                assert!(
                    on_line >= 2,
                    "{slug}: the leg into {id} does not follow it: {leg:?}"
                );
            }
        }
    }

    /// Lesson 20 laid out kept to a phone's width, its lesson trace and the packet's route.
    fn lesson_20_on_a_phone() -> (Layout, Trace, Route) {
        let (_, s, t) = lessons()
            .into_iter()
            .find(|x| x.0 == "static-beats-propagated")
            .expect("lesson 20");
        let opts = crate::canvas::layout::Opts {
            max_width: Some(330.0),
            ..Default::default()
        };
        let l = crate::canvas::layout::layout_with(&s, &services_in(&t), &opts);
        let r = route(&l, &t);
        (l, t, r)
    }

    #[test]
    fn off_a_line_the_packet_leaves_by_the_end_toward_where_it_goes() {
        // Lesson 20 kept to a phone's width: the peering's end at vpc-app lies nearer the ERP
        // host as the crow flies than its end at vpc-dr, where the host is. The leg from the
        // peering to the host goes on along the line to vpc-dr, not back to vpc-app.
        let (l, t, r) = lesson_20_on_a_phone();
        let ids = hop_ids(&t);
        let at = ids
            .iter()
            .position(|i| *i == "pcx-app-dr")
            .expect("the peering hop");
        let (Some(pcx), Some(app), Some(dr)) = (
            l.link("pcx-app-dr"),
            l.node("vpc-app").map(|n| n.rect.inflate(1.0)),
            l.node("vpc-dr").map(|n| n.rect.inflate(1.0)),
        ) else {
            panic!("lesson 20 draws the peering and both VPCs");
        };
        let ends = [pcx.points[0], pcx.points[pcx.points.len() - 1]];
        let app_end = ends
            .iter()
            .find(|p| app.contains(**p))
            .expect("an end at vpc-app");
        let dr_end = ends
            .iter()
            .find(|p| dr.contains(**p))
            .expect("an end at vpc-dr");
        let leg = &r.legs[at];
        assert!(leg.contains(dr_end), "{leg:?}");
        assert!(!leg.contains(app_end), "{leg:?}");
    }

    #[test]
    fn the_trail_over_a_line_s_pill_brings_the_pill_back_on_top() {
        // Lesson 20 kept to a phone's width: the packet runs along the peering, over its
        // pill; the pill is named to be drawn again over the trail. No trail, no pill.
        let (l, t, r) = lesson_20_on_a_phone();
        let all = travelled(&r, 0, t.hops.len(), 0.0);
        let ids: Vec<&str> = pills_under(&l, &all)
            .iter()
            .map(|k| k.id.as_str())
            .collect();
        assert!(ids.contains(&"pcx-app-dr"), "{ids:?}");
        assert!(pills_under(&l, &all[..1]).is_empty());
    }

    #[test]
    fn the_packet_tag_covers_no_label_at_any_stop() {
        for (slug, s, t) in lessons() {
            let l = layout(&s, &services_in(&t));
            let r = route(&l, &t);
            let labels = words(&l);
            for (i, p) in r.stops.iter().enumerate() {
                let tag = tag_rect(
                    &l,
                    *p,
                    "10.100.200.123 → 192.168.100.200",
                    12.0,
                    (None, None),
                );
                let hit: Vec<&Rect> = labels.iter().filter(|x| x.overlaps(&tag)).collect();
                assert!(hit.is_empty(), "{slug}: tag at stop {i} covers {hit:?}");
            }
        }
    }
}
