//! Plain 2-D geometry in world coordinates (CSS pixels at zoom 1): points, rectangles,
//! polylines and the view transform (pan and zoom). No browser types.

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    /// The point a fraction `t` (0..=1) of the way from `self` to `to`.
    pub fn lerp(self, to: Point, t: f64) -> Point {
        Point::new(self.x + (to.x - self.x) * t, self.y + (to.y - self.y) * t)
    }
    pub fn dist(self, o: Point) -> f64 {
        ((self.x - o.x).powi(2) + (self.y - o.y).powi(2)).sqrt()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }
    /// True when `other` lies entirely inside `self` (edges may touch).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
    /// True when the two rectangles share interior area (touching edges do not count).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }
    /// The smallest rectangle holding all the points (None for none).
    pub fn around(pts: &[Point]) -> Option<Rect> {
        let first = pts.first()?;
        let r = pts
            .iter()
            .fold(Rect::new(first.x, first.y, 0.0, 0.0), |r, p| {
                r.union(&Rect::new(p.x, p.y, 0.0, 0.0))
            });
        Some(r)
    }
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }
}

/// Whether the segment `a`-`b` passes through the inside of `r` (touching its edge does not
/// count). Exact for the right-angled segments the layout draws; others are sampled.
pub fn segment_crosses(a: Point, b: Point, r: &Rect) -> bool {
    if (a.x - b.x).abs() < 1e-9 || (a.y - b.y).abs() < 1e-9 {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        let across_x = if x0 == x1 {
            r.x < x0 && x0 < r.right()
        } else {
            x0 < r.right() && r.x < x1
        };
        let across_y = if y0 == y1 {
            r.y < y0 && y0 < r.bottom()
        } else {
            y0 < r.bottom() && r.y < y1
        };
        return across_x && across_y;
    }
    let n = (a.dist(b) / 2.0).ceil().max(1.0) as usize;
    (0..=n).any(|i| {
        let p = a.lerp(b, i as f64 / n as f64);
        p.x > r.x && p.x < r.right() && p.y > r.y && p.y < r.bottom()
    })
}

/// Distance from `p` to the segment `a`-`b`.
pub fn dist_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.dist(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.dist(a.lerp(b, t))
}

/// The point of a polyline nearest to `p` (`p` itself for an empty one).
pub fn nearest_on_polyline(p: Point, pts: &[Point]) -> Point {
    let mut best = (f64::INFINITY, p);
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len2 = dx * dx + dy * dy;
        let t = if len2 == 0.0 {
            0.0
        } else {
            (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
        };
        let q = a.lerp(b, t);
        if p.dist(q) < best.0 {
            best = (p.dist(q), q);
        }
    }
    if pts.len() == 1 {
        return pts[0];
    }
    best.1
}

/// Distance from `p` to a polyline (infinite for an empty one).
pub fn dist_to_polyline(p: Point, pts: &[Point]) -> f64 {
    match pts {
        [] => f64::INFINITY,
        [only] => p.dist(*only),
        _ => pts
            .windows(2)
            .map(|w| dist_to_segment(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min),
    }
}

/// The midpoint of the longest segment of a polyline: where its label goes.
pub fn label_point(pts: &[Point]) -> Point {
    label_point_at(pts, 0.5)
}

/// The point a fraction `t` along the longest segment of a polyline.
pub fn label_point_at(pts: &[Point], t: f64) -> Point {
    let mut best: Option<(f64, Point)> = None;
    for w in pts.windows(2) {
        let len = w[0].dist(w[1]);
        if best.is_none_or(|(b, _)| len > b) {
            best = Some((len, w[0].lerp(w[1], t)));
        }
    }
    best.map(|b| b.1)
        .or_else(|| pts.first().copied())
        .unwrap_or_default()
}

/// Pan and zoom: `screen = world * scale + offset` (CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub scale: f64,
    pub ox: f64,
    pub oy: f64,
}

impl Default for View {
    fn default() -> View {
        View {
            scale: 1.0,
            ox: 0.0,
            oy: 0.0,
        }
    }
}

pub const MIN_SCALE: f64 = 0.25;
/// The most Fit enlarges a small topology, so it does not look blown up.
pub const FIT_MAX: f64 = 1.25;
pub const MAX_SCALE: f64 = 4.0;
/// The scale Fit uses for a topology too big to show whole at [`WHOLE_SCALE`]: 13 px titles
/// stay over 9 px on screen, 12 px details over 8, and Fit frames the trace's path.
pub const READABLE_SCALE: f64 = 0.7;
/// Down to this scale Fit still shows a topology whole (titles about 7 px): every library
/// lesson fits whole at 1280x720 (the tallest needs 0.54), as a learner expects an overview.
pub const WHOLE_SCALE: f64 = 0.5;

/// The margin Fit leaves around the picture: 16 px, 6 on a small canvas (a phone, a docs
/// column) where every pixel goes to the text size (the picture's bounds keep a margin of
/// their own).
pub fn fit_pad(w: f64, h: f64) -> f64 {
    if w < 600.0 || h < 400.0 {
        6.0
    } else {
        16.0
    }
}

impl View {
    pub fn to_world(&self, p: Point) -> Point {
        Point::new((p.x - self.ox) / self.scale, (p.y - self.oy) / self.scale)
    }
    pub fn to_screen(&self, p: Point) -> Point {
        Point::new(p.x * self.scale + self.ox, p.y * self.scale + self.oy)
    }
    /// The part of the world a `w`x`h` screen shows.
    pub fn visible(&self, w: f64, h: f64) -> Rect {
        let top_left = self.to_world(Point::new(0.0, 0.0));
        Rect::new(top_left.x, top_left.y, w / self.scale, h / self.scale)
    }
    /// The view that shows all of `bounds` centred in a `w`x`h` screen, never enlarging
    /// beyond 1.25 so a small topology does not look blown up. A topology that would need
    /// less than [`WHOLE_SCALE`] (an imported account, say) is shown at [`READABLE_SCALE`]
    /// instead, framing `focus` (the trace's path, when one is shown) or else the top-left of
    /// the topology, and the user pans for the rest.
    pub fn fit(bounds: Rect, focus: Option<Rect>, w: f64, h: f64) -> View {
        View::fit_up_to(bounds, focus, w, h, FIT_MAX)
    }

    /// [`View::fit`], enlarging up to `max` (projector mode lets Fit enlarge further).
    pub fn fit_up_to(bounds: Rect, focus: Option<Rect>, w: f64, h: f64, max: f64) -> View {
        let pad = fit_pad(w, h);
        if bounds.w <= 0.0 || bounds.h <= 0.0 || w <= 2.0 * pad || h <= 2.0 * pad {
            return View::default();
        }
        let whole = ((w - 2.0 * pad) / bounds.w).min((h - 2.0 * pad) / bounds.h);
        let scale = if whole >= WHOLE_SCALE {
            whole.min(max.max(WHOLE_SCALE))
        } else {
            READABLE_SCALE
        };
        let focus = focus.filter(|f| f.w >= 0.0 && f.h >= 0.0);
        // One axis: centre the bounds when they fit; otherwise centre the focus (its start
        // when it is too long) or show the start, never leaving empty space past an edge.
        let axis = |b0: f64, b1: f64, f: Option<(f64, f64)>, len: f64| -> f64 {
            if (b1 - b0) * scale <= len - 2.0 * pad {
                return (len / 2.0 - (b0 + b1) / 2.0 * scale).round();
            }
            let o = match f {
                Some((f0, f1)) if (f1 - f0) * scale <= len - 2.0 * pad => {
                    len / 2.0 - (f0 + f1) / 2.0 * scale
                }
                Some((f0, _)) => pad - f0 * scale,
                None => pad - b0 * scale,
            };
            o.clamp(len - pad - b1 * scale, pad - b0 * scale).round()
        };
        View {
            scale,
            ox: axis(bounds.x, bounds.right(), focus.map(|f| (f.x, f.right())), w),
            oy: axis(
                bounds.y,
                bounds.bottom(),
                focus.map(|f| (f.y, f.bottom())),
                h,
            ),
        }
    }
    /// [`View::fit_up_to`] keeping `drawn` (world rectangles: what the picture draws) out from
    /// under `corner` (a screen rectangle the canvas's own controls cover, at its top right).
    /// The plain Fit when nothing is under it; else the picture moved down or left where
    /// there is room; else fitted beside or under the corner, whichever shows it larger.
    pub fn fit_clear_of(
        bounds: Rect,
        focus: Option<Rect>,
        (w, h): (f64, f64),
        max: f64,
        corner: Rect,
        drawn: &[Rect],
    ) -> View {
        let v = View::fit_up_to(bounds, focus, w, h, max);
        let whole = |v: &View| {
            let a = v.to_screen(Point::new(bounds.x, bounds.y));
            let b = v.to_screen(Point::new(bounds.right(), bounds.bottom()));
            a.x >= 0.0 && a.y >= 0.0 && b.x <= w && b.y <= h
        };
        let under = |v: &View| -> Vec<Rect> {
            drawn
                .iter()
                .map(|r| {
                    let a = v.to_screen(Point::new(r.x, r.y));
                    Rect::new(a.x, a.y, r.w * v.scale, r.h * v.scale)
                })
                .filter(|r| r.overlaps(&corner))
                .collect()
        };
        let hidden = under(&v);
        if hidden.is_empty() || corner.w <= 0.0 || corner.h <= 0.0 || !whole(&v) {
            return v;
        }
        let gap = 2.0;
        let down = hidden
            .iter()
            .map(|r| corner.bottom() + gap - r.y)
            .fold(0.0, f64::max);
        let left = hidden
            .iter()
            .map(|r| r.right() - (corner.x - gap))
            .fold(0.0, f64::max);
        // Room to move: from the picture's edges to the canvas's (less the Fit margin).
        let pad = fit_pad(w, h);
        let bl = v.to_screen(Point::new(bounds.x, bounds.bottom()));
        let (room_left, room_down) = ((bl.x - pad).max(0.0), (h - pad - bl.y).max(0.0));
        let corner_most = v.pan(-room_left.floor(), room_down.floor());
        for moved in [
            v.pan(0.0, down.ceil()),
            v.pan(-left.ceil(), 0.0),
            corner_most,
        ] {
            if whole(&moved) && under(&moved).is_empty() {
                return moved;
            }
        }
        // Fitted in the part of the canvas under the corner, or in the part left of it.
        let below =
            View::fit_up_to(bounds, focus, w, h - corner.bottom(), max).pan(0.0, corner.bottom());
        let beside = View::fit_up_to(bounds, focus, corner.x, h, max);
        if below.scale >= beside.scale {
            below
        } else {
            beside
        }
    }

    /// Zooms by `factor` keeping the screen point `at` fixed.
    pub fn zoom_at(&self, factor: f64, at: Point) -> View {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let w = self.to_world(at);
        View {
            scale,
            ox: at.x - w.x * scale,
            oy: at.y - w.y * scale,
        }
    }
    pub fn pan(&self, dx: f64, dy: f64) -> View {
        View {
            scale: self.scale,
            ox: self.ox + dx,
            oy: self.oy + dy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let v = View {
            scale: 1.0,
            ox: 10.0,
            oy: 20.0,
        };
        let at = Point::new(200.0, 150.0);
        let before = v.to_world(at);
        let z = v.zoom_at(1.5, at);
        let after = z.to_world(at);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
        assert_eq!(z.scale, 1.5);
    }

    #[test]
    fn the_visible_world_is_the_screen() {
        for (scale, ox, oy) in [(1.0, 0.0, 0.0), (0.5, -300.0, 40.0), (2.5, 120.0, -80.0)] {
            let v = View { scale, ox, oy };
            let r = v.visible(800.0, 500.0);
            let (tl, br) = (
                v.to_screen(Point::new(r.x, r.y)),
                v.to_screen(Point::new(r.right(), r.bottom())),
            );
            assert!(
                tl.dist(Point::new(0.0, 0.0)) < 1e-9 && br.dist(Point::new(800.0, 500.0)) < 1e-9,
                "{v:?}: {r:?}"
            );
        }
    }

    #[test]
    fn fit_centres_and_shows_everything() {
        let b = Rect::new(0.0, 0.0, 600.0, 300.0);
        let v = View::fit(b, None, 700.0, 400.0);
        let tl = v.to_screen(Point::new(0.0, 0.0));
        let br = v.to_screen(Point::new(600.0, 300.0));
        assert!(tl.x >= 0.0 && tl.y >= 0.0 && br.x <= 700.0 && br.y <= 400.0);
        assert!(((tl.x + br.x) / 2.0 - 350.0).abs() <= 1.0);
    }

    #[test]
    fn fit_never_zooms_below_readable_and_frames_the_focus() {
        let (w, h) = (800.0, 500.0);
        let screen = Rect::new(0.0, 0.0, w, h);
        let big = Rect::new(0.0, 0.0, 4000.0, 1500.0);
        // (bounds, focus, world rect that must be on screen)
        let cases = [
            // Too big, no trace: the top-left corner shows.
            (big, None, Rect::new(0.0, 0.0, 300.0, 200.0)),
            // Too big, a trace in the middle: the trace shows.
            (
                big,
                Some(Rect::new(1800.0, 700.0, 400.0, 200.0)),
                Rect::new(1800.0, 700.0, 400.0, 200.0),
            ),
            // A trace at the far right bottom: it shows, and no space past the edges.
            (
                big,
                Some(Rect::new(3700.0, 1300.0, 300.0, 200.0)),
                Rect::new(3700.0, 1300.0, 300.0, 200.0),
            ),
            // A trace longer than the screen: its start shows.
            (
                big,
                Some(Rect::new(500.0, 100.0, 3000.0, 100.0)),
                Rect::new(500.0, 100.0, 300.0, 100.0),
            ),
            // Fits: everything shows, whatever the focus.
            (
                Rect::new(0.0, 0.0, 700.0, 300.0),
                Some(Rect::new(600.0, 0.0, 10.0, 10.0)),
                Rect::new(0.0, 0.0, 700.0, 300.0),
            ),
            // Fits only below the readable scale but above WHOLE_SCALE (a larger lesson):
            // still shown whole.
            (
                Rect::new(0.0, 0.0, w * 1.6, h * 1.2),
                Some(Rect::new(0.0, 0.0, 10.0, 10.0)),
                Rect::new(0.0, 0.0, w * 1.6, h * 1.2),
            ),
        ];
        for (bounds, focus, visible) in cases {
            let v = View::fit(bounds, focus, w, h);
            assert!(v.scale >= WHOLE_SCALE, "{bounds:?}: scale {}", v.scale);
            let tl = v.to_screen(Point::new(visible.x, visible.y));
            let br = v.to_screen(Point::new(visible.right(), visible.bottom()));
            let shown = Rect::new(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
            assert!(
                screen.contains_rect(&shown),
                "{bounds:?} focus {focus:?}: {visible:?} is at {shown:?}"
            );
            // The topology always covers the screen or is centred: no blank band at an edge.
            let b0 = v.to_screen(Point::new(bounds.x, bounds.y));
            let b1 = v.to_screen(Point::new(bounds.right(), bounds.bottom()));
            if b1.x - b0.x > w {
                assert!(
                    b0.x <= 16.0 && b1.x >= w - 16.0,
                    "{bounds:?} {focus:?}: {b0:?} {b1:?}"
                );
            }
        }
    }

    #[test]
    fn a_segment_crosses_a_rect_only_through_its_inside() {
        let r = Rect::new(10.0, 10.0, 20.0, 10.0);
        let p = Point::new;
        assert!(segment_crosses(p(15.0, 0.0), p(15.0, 30.0), &r));
        assert!(segment_crosses(p(0.0, 15.0), p(12.0, 15.0), &r));
        assert!(
            !segment_crosses(p(10.0, 0.0), p(10.0, 30.0), &r),
            "along the edge"
        );
        assert!(
            !segment_crosses(p(15.0, 0.0), p(15.0, 10.0), &r),
            "ends on the edge"
        );
        assert!(!segment_crosses(p(35.0, 0.0), p(35.0, 30.0), &r));
        assert!(segment_crosses(p(0.0, 0.0), p(40.0, 40.0), &r), "diagonal");
    }

    #[test]
    fn distance_to_polyline() {
        let pts = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 10.0),
        ];
        assert_eq!(dist_to_polyline(Point::new(5.0, 3.0), &pts), 3.0);
        assert_eq!(dist_to_polyline(Point::new(12.0, 5.0), &pts), 2.0);
        assert_eq!(label_point(&pts), Point::new(5.0, 0.0));
    }
}
