//! What a key does on the diagram when the canvas has keyboard focus, so a learner without a
//! mouse can move between its resources (arrow keys, the nearest box that way; Tab and
//! Shift+Tab, one after another in reading order), select one (Enter), and pan and zoom a
//! topology larger than the screen (Shift+arrows, + − 0).

use super::geom::Point;
use super::layout::{Layout, NodeKind};

/// A direction an arrow key points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Left,
    Right,
    Up,
    Down,
}

/// What a key asks of the diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewKey {
    /// Move the picture by this many screen pixels (an arrow key shows what lies that way,
    /// so the picture moves the other way).
    Pan(f64, f64),
    /// Zoom by this factor about the centre of the canvas.
    Zoom(f64),
    /// Back to the Fit view.
    Fit,
    /// Move the keyboard focus to the nearest resource that way.
    Move(Dir),
    /// Move the keyboard focus to the next resource in reading order (Tab), or the one before
    /// (Shift+Tab: `false`); see [`step_focus`].
    Step(bool),
    /// Select the focused resource (Enter).
    Choose,
    /// Drop the keyboard focus on a resource (Escape).
    Leave,
}

/// How far one Shift+arrow press pans, in screen pixels.
pub const PAN_STEP: f64 = 60.0;
/// The zoom factor of one `+` press; `-` undoes it.
pub const ZOOM_STEP: f64 = 1.25;

/// What `key` (as `KeyboardEvent.key` names it) asks for, if anything.
pub fn view_key(key: &str, shift: bool) -> Option<ViewKey> {
    let d = PAN_STEP;
    let dir = match key {
        "ArrowLeft" => Some((Dir::Left, ViewKey::Pan(d, 0.0))),
        "ArrowRight" => Some((Dir::Right, ViewKey::Pan(-d, 0.0))),
        "ArrowUp" => Some((Dir::Up, ViewKey::Pan(0.0, d))),
        "ArrowDown" => Some((Dir::Down, ViewKey::Pan(0.0, -d))),
        _ => None,
    };
    if let Some((dir, pan)) = dir {
        return Some(if shift { pan } else { ViewKey::Move(dir) });
    }
    Some(match key {
        "+" | "=" => ViewKey::Zoom(ZOOM_STEP),
        "-" | "_" => ViewKey::Zoom(1.0 / ZOOM_STEP),
        "0" => ViewKey::Fit,
        "Enter" => ViewKey::Choose,
        "Escape" => ViewKey::Leave,
        "Tab" => ViewKey::Step(!shift),
        _ => return None,
    })
}

/// Where a resource is for moving between them: a box's title (its top-left corner, where a
/// reader starts), a dot's centre, a line's pill.
fn spots(l: &Layout) -> Vec<(String, Point)> {
    let nodes = l.nodes.iter().filter(|n| n.selectable).map(|n| {
        let at = n
            .labels
            .first()
            .map(|lb| lb.rect().center())
            .unwrap_or_else(|| n.rect.center());
        (n.id.clone(), at)
    });
    let links = l.links.iter().filter(|k| k.selectable).filter_map(|k| {
        let at = k.pill.map(|r| r.center()).or_else(|| l.anchor(&k.id))?;
        Some((k.id.clone(), at))
    });
    nodes.chain(links).collect()
}

/// The resource the focus moves to from `from` going `dir`: the nearest that way (within 45°
/// of it first), counting sideways distance double so the move follows the key; from
/// nothing, the first resource in reading order. `None` when there is none that way.
pub fn next_focus(l: &Layout, from: Option<&str>, dir: Dir) -> Option<String> {
    let all = spots(l);
    let Some(at) = from.and_then(|id| all.iter().find(|(i, _)| i == id).map(|s| s.1)) else {
        return all
            .iter()
            .min_by(|a, b| {
                (a.1.y, a.1.x)
                    .partial_cmp(&(b.1.y, b.1.x))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|s| s.0.clone());
    };
    let scored: Vec<(f64, bool, &String)> = all
        .iter()
        .filter(|(id, _)| Some(id.as_str()) != from)
        .filter_map(|(id, p)| {
            let (dx, dy) = (p.x - at.x, p.y - at.y);
            let (ahead, side) = match dir {
                Dir::Right => (dx, dy),
                Dir::Left => (-dx, dy),
                Dir::Down => (dy, dx),
                Dir::Up => (-dy, dx),
            };
            (ahead > 1.0).then_some((ahead + 2.0 * side.abs(), side.abs() <= ahead, id))
        })
        .collect();
    // Within 45° of the key's direction first, else anything that way.
    let best = |cone: bool| {
        scored
            .iter()
            .filter(|s| s.1 || !cone)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|s| s.2.clone())
    };
    best(true).or_else(|| best(false))
}

/// Every resource in reading order: the boxes, dots and lines not inside another resource's
/// box, top to bottom and left to right by where a reader starts on each, each box followed
/// by what is inside it (a VPC, then its first subnet and that subnet's instances, then the
/// next subnet), so Tab walks the picture the way it is drawn.
pub fn reading_order(l: &Layout) -> Vec<String> {
    let all = spots(l);
    let rect_of = |id: &str| l.node(id).map(|n| n.rect);
    // The smallest selectable box holding each resource's box (lines have none).
    let parent = |id: &str| -> Option<String> {
        let r = rect_of(id)?;
        all.iter()
            .filter(|(p, _)| p != id)
            .filter_map(|(p, _)| Some((p, rect_of(p)?)))
            .filter(|(_, pr)| pr.contains_rect(&r) && pr.w * pr.h > r.w * r.h)
            .min_by(|a, b| (a.1.w * a.1.h).total_cmp(&(b.1.w * b.1.h)))
            .map(|(p, _)| p.clone())
    };
    let parents: Vec<Option<String>> = all.iter().map(|(id, _)| parent(id)).collect();
    let mut out = Vec::with_capacity(all.len());
    // Depth first from the top level, children in reading order (rows of 8 px, then x).
    fn visit(
        at: Option<&str>,
        all: &[(String, Point)],
        parents: &[Option<String>],
        out: &mut Vec<String>,
    ) {
        let mut kids: Vec<&(String, Point)> = all
            .iter()
            .zip(parents)
            .filter(|(_, p)| p.as_deref() == at)
            .map(|(s, _)| s)
            .collect();
        vpc_engine::stable_sort::sort_by(&mut kids, |a, b| {
            ((a.1.y / 8.0).round(), a.1.x)
                .partial_cmp(&((b.1.y / 8.0).round(), b.1.x))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for (id, _) in kids {
            if !out.contains(id) {
                out.push(id.clone());
                visit(Some(id), all, parents, out);
            }
        }
    }
    visit(None, &all, &parents, &mut out);
    out
}

/// The resource Tab (`forward`) or Shift+Tab moves the focus to from `from`: the next or the
/// one before in [`reading_order`]; from nothing, Tab goes to the first. `None` when the
/// move goes past either end (the focus then leaves the resources: Tab past the last leaves
/// the diagram, Shift+Tab before the first goes back to the diagram as a whole).
pub fn step_focus(l: &Layout, from: Option<&str>, forward: bool) -> Option<String> {
    let order = reading_order(l);
    let Some(i) = from.and_then(|id| order.iter().position(|o| o == id)) else {
        return if forward {
            order.first().cloned()
        } else {
            None
        };
    };
    let j = if forward { i + 1 } else { i.checked_sub(1)? };
    order.get(j).cloned()
}

/// What a screen reader says when the focus lands on `id`: its kind, the words on its box
/// (or a line's pill) and the details the box leaves out.
pub fn describe(l: &Layout, id: &str) -> String {
    if let Some(n) = l.node(id) {
        let kind = match n.kind {
            NodeKind::Resource(k) => k.label(),
            _ => "",
        };
        let mut out = format!("{kind} {}", n.lines.join(", ")).trim().to_string();
        if !n.details.is_empty() {
            out.push_str(&format!("; {}", n.details.join(", ")));
        }
        return out;
    }
    l.link(id)
        .map(|k| k.label.replace('\n', ", ").replace("-, ", "-"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::layout::layout;

    #[test]
    fn keys_map_to_view_changes() {
        let cases: [(&str, bool, Option<ViewKey>); 14] = [
            ("Tab", false, Some(ViewKey::Step(true))),
            ("Tab", true, Some(ViewKey::Step(false))),
            ("ArrowRight", true, Some(ViewKey::Pan(-PAN_STEP, 0.0))),
            ("ArrowLeft", true, Some(ViewKey::Pan(PAN_STEP, 0.0))),
            ("ArrowDown", true, Some(ViewKey::Pan(0.0, -PAN_STEP))),
            ("ArrowUp", false, Some(ViewKey::Move(Dir::Up))),
            ("ArrowRight", false, Some(ViewKey::Move(Dir::Right))),
            ("+", false, Some(ViewKey::Zoom(ZOOM_STEP))),
            ("=", false, Some(ViewKey::Zoom(ZOOM_STEP))),
            ("-", false, Some(ViewKey::Zoom(1.0 / ZOOM_STEP))),
            ("0", false, Some(ViewKey::Fit)),
            ("Enter", false, Some(ViewKey::Choose)),
            ("Escape", false, Some(ViewKey::Leave)),
            ("Home", false, None),
        ];
        for (key, shift, want) in cases {
            assert_eq!(view_key(key, shift), want, "{key} shift={shift}");
        }
    }

    #[test]
    fn arrows_move_between_resources_the_way_they_point() {
        // Lesson 1: vpc-a, vpc-b, vpc-c left to right, peered a-b and b-c.
        let s = vpc_engine::load(vpc_engine::library::LIBRARY[0].json())
            .expect("lesson 1")
            .into_scenario();
        let l = layout(&s, &[]);
        // From nothing, the first in reading order: the first VPC's title.
        assert_eq!(next_focus(&l, None, Dir::Right).as_deref(), Some("vpc-a"));
        // From every resource, each move lands on another one that lies that way.
        for n in l.nodes.iter().filter(|n| n.selectable) {
            let from = spots(&l).into_iter().find(|s| s.0 == n.id).map(|s| s.1);
            for (dir, ok) in [
                (
                    Dir::Right,
                    (|a: Point, b: Point| b.x > a.x) as fn(Point, Point) -> bool,
                ),
                (Dir::Left, |a, b| b.x < a.x),
                (Dir::Down, |a, b| b.y > a.y),
                (Dir::Up, |a, b| b.y < a.y),
            ] {
                if let Some(to) = next_focus(&l, Some(&n.id), dir) {
                    let at = spots(&l).into_iter().find(|s| s.0 == to).map(|s| s.1);
                    let (Some(a), Some(b)) = (from, at) else {
                        panic!("{to} has a place");
                    };
                    assert!(ok(a, b), "{} {dir:?} went to {to}", n.id);
                }
            }
        }
        // Right again and again from the first VPC crosses the picture.
        let vpc_a = l
            .nodes
            .iter()
            .find(|n| n.id == "vpc-a")
            .map(|n| n.id.clone());
        if let Some(a) = vpc_a {
            let mut at = a.clone();
            let mut seen = vec![a];
            while let Some(next) = next_focus(&l, Some(&at), Dir::Right) {
                if seen.contains(&next) {
                    break;
                }
                seen.push(next.clone());
                at = next;
            }
            // It reaches the third VPC (its box or something in it).
            let c = l.node("vpc-c").map(|n| n.rect).expect("vpc-c");
            let inside = |id: &String| l.node(id).is_some_and(|n| c.contains_rect(&n.rect));
            assert!(seen.iter().any(inside), "{seen:?}");
        }
    }

    #[test]
    fn tab_walks_every_resource_once_in_reading_order_each_box_before_its_contents() {
        for e in vpc_engine::library::LIBRARY {
            let s = vpc_engine::load(e.json()).expect("lesson").into_scenario();
            let l = layout(&s, &[]);
            let order = reading_order(&l);
            // Every selectable resource once.
            // (An interface endpoint in two subnets is drawn twice, one resource.)
            let mut ids: Vec<String> = spots(&l).into_iter().map(|s| s.0).collect();
            ids.sort();
            ids.dedup();
            let mut seen = order.clone();
            seen.sort();
            assert_eq!(seen, ids, "{}", e.slug);
            // A box comes before everything inside it.
            for (i, a) in order.iter().enumerate() {
                let Some(ra) = l.node(a).map(|n| n.rect) else {
                    continue;
                };
                for b in &order[..i] {
                    if let Some(rb) = l.node(b).map(|n| n.rect) {
                        assert!(
                            !(ra.contains_rect(&rb) && ra.w * ra.h > rb.w * rb.h),
                            "{}: {b} before the box {a} it is in",
                            e.slug
                        );
                    }
                }
            }
            // Tab from nothing to the first, on to the last, then past it: out; Shift+Tab
            // walks back and leaves before the first.
            let mut at = step_focus(&l, None, true);
            let mut walked = Vec::new();
            while let Some(id) = at {
                walked.push(id.clone());
                at = step_focus(&l, Some(&id), true);
            }
            assert_eq!(walked, order, "{}", e.slug);
            if let Some(first) = order.first() {
                assert_eq!(step_focus(&l, Some(first), false), None);
            }
            assert_eq!(step_focus(&l, None, false), None);
        }
        // Lesson 1: VPC A, then its subnet, then its instance.
        let s = vpc_engine::load(vpc_engine::library::LIBRARY[0].json())
            .expect("lesson 1")
            .into_scenario();
        let order = reading_order(&layout(&s, &[]));
        assert_eq!(&order[..3], ["vpc-a", "subnet-a", "i-a"], "{order:?}");
    }

    #[test]
    fn the_focused_resource_is_described_with_its_hidden_details() {
        let s = vpc_engine::load(vpc_engine::library::LIBRARY[0].json())
            .expect("lesson 1")
            .into_scenario();
        let l = layout(&s, &[]);
        let d = describe(&l, "subnet-a");
        assert!(d.starts_with("Subnet subnet-a, 10.0.1.0/24"), "{d}");
        assert!(d.contains("route table rtb-a"), "{d}");
        assert_eq!(describe(&l, "pcx-ab"), "pcx-ab");
        assert_eq!(describe(&l, "nothing"), "");
    }
}
