//! Touch gestures as plain view arithmetic: one finger (or the mouse) drags the picture, two
//! fingers pinch to zoom about the point between them and pan as that point moves.

use super::geom::{Point, View};

/// A gesture in progress, from where it started.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gesture {
    /// One pointer down at `start` with the view `v0`; `moved` once past the click slop.
    Drag { start: Point, v0: View, moved: bool },
    /// Two pointers, `d0` apart about `mid0`, with the view `v0`.
    Pinch { mid0: Point, d0: f64, v0: View },
}

/// A pointer that moves less than this (CSS px, |dx| + |dy|) is a click, not a drag.
pub const CLICK_SLOP: f64 = 4.0;

/// The view while dragging from `start` to `now`.
pub fn drag(v0: View, start: Point, now: Point) -> View {
    v0.pan(now.x - start.x, now.y - start.y)
}

/// The view while two pointers that began `d0` apart about `mid0` are now `d` apart about
/// `mid`: the world point under `mid0` stays under the fingers, scaled by `d / d0`.
pub fn pinch(v0: View, mid0: Point, d0: f64, mid: Point, d: f64) -> View {
    if d0 <= 1.0 || d <= 1.0 {
        return v0;
    }
    let z = v0.zoom_at(d / d0, mid0);
    z.pan(mid.x - mid0.x, mid.y - mid0.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinching_apart_zooms_in_about_the_fingers_and_follows_them() {
        let v0 = View {
            scale: 1.0,
            ox: 0.0,
            oy: 0.0,
        };
        let mid0 = Point::new(100.0, 100.0);
        let world = v0.to_world(mid0);
        let v = pinch(v0, mid0, 100.0, Point::new(130.0, 90.0), 200.0);
        assert!((v.scale - 2.0).abs() < 1e-9);
        let under = v.to_world(Point::new(130.0, 90.0));
        assert!((under.x - world.x).abs() < 1e-9 && (under.y - world.y).abs() < 1e-9);
        assert_eq!(
            pinch(v0, mid0, 0.0, mid0, 50.0),
            v0,
            "no distance: no change"
        );
        let d = drag(v0, Point::new(10.0, 10.0), Point::new(25.0, 5.0));
        assert_eq!((d.ox, d.oy), (15.0, -5.0));
    }
}
