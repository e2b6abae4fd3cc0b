//! What a key does on the diagram when the canvas has keyboard focus, so a learner without a
//! mouse can move between its resources (arrow keys, the nearest box that way), select one
//! (Enter), and pan and zoom a topology larger than the screen (Shift+arrows, + − 0).

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
        let cases: [(&str, bool, Option<ViewKey>); 12] = [
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
        let s = vpc_engine::load(vpc_engine::library::LIBRARY[0].json)
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
    fn the_focused_resource_is_described_with_its_hidden_details() {
        let s = vpc_engine::load(vpc_engine::library::LIBRARY[0].json)
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
