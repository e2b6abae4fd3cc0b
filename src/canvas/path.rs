//! The packet's path on the canvas: one point per hop (forward hops, then return hops), and
//! where the packet is drawn at an animation position. Pure geometry over a [`Layout`].

use super::geom::Point;
use super::layout::Layout;
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

/// One point per hop: forward hops then return hops.
pub fn hop_points(l: &Layout, t: &Trace) -> Vec<Point> {
    let mut pts: Vec<Point> = Vec::with_capacity(t.hops.len() + t.return_hops.len());
    for h in t.hops.iter().chain(t.return_hops.iter()) {
        let prev = pts.last().copied();
        pts.push(hop_point(l, &h.at, prev));
    }
    pts
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
/// way toward the next hop. `None` before the first step.
pub fn packet_position(pts: &[Point], step: usize, progress: f64) -> Option<Point> {
    let here = *pts.get(step.checked_sub(1)?)?;
    match pts.get(step) {
        Some(next) if progress > 0.0 => Some(here.lerp(*next, progress.clamp(0.0, 1.0))),
        _ => Some(here),
    }
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
        let pts = hop_points(&l, &t);
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
    fn packet_moves_between_hops() {
        let pts = [Point::new(0.0, 0.0), Point::new(10.0, 0.0)];
        assert_eq!(packet_position(&pts, 0, 0.0), None);
        assert_eq!(packet_position(&pts, 1, 0.5), Some(Point::new(5.0, 0.0)));
        assert_eq!(packet_position(&pts, 2, 0.5), Some(Point::new(10.0, 0.0)));
        assert_eq!(packet_position(&pts, 3, 0.0), None);
    }
}
