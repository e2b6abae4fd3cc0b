//! The geometry check of the pure layout: every library lesson (with the service boxes its
//! lesson trace adds), at three canvas sizes, in the Fit view the app opens with.
//!
//! At each size: no label overlaps another label, no label crosses a box border, no line
//! passes through a label (but its own pill), every box and label is inside the view, and the
//! smallest text on screen is at or above the floor.

use super::*;
use crate::canvas::geom::{segment_crosses, View, READABLE_SCALE};
use crate::canvas::path::services_in;

/// A canvas size the diagram is read at, with the smallest text size held there.
#[derive(Clone, Copy)]
struct Size {
    name: &'static str,
    w: f64,
    h: f64,
    /// Smallest text on screen, CSS px.
    floor: f64,
    /// The corner the zoom buttons cover (width from the right, height from the top).
    controls: (f64, f64),
}

/// The canvas sizes, in CSS px, as measured in Chromium on the built site (the canvas's box):
/// - Phone: a 420×800 window, the canvas fitted to the width (420×464); and a 390×844 one
///   (390×490).
/// - Docs column: an embed (`&embed=1`) in a 640×400 iframe (640×335), and in the issue's
///   smallest, 560×360 (560×295): the verdict shares the step controls' row there.
/// - Desktop: the full page at 1366×768, the side panels open, with a two-line lesson bar
///   (746×489).
///
/// The floor is 12 px on the desktop. On the phone and in a docs column it is 10 px: the
/// screen is held closer (a phone) or the diagram is a figure beside text the reader can
/// enlarge, 10 px system-ui is still legible at those distances, and holding 12 px there
/// would mean the larger lessons cannot be shown whole at all.
const SIZES: [Size; 5] = [
    Size {
        name: "phone 420x464",
        w: 420.0,
        h: 464.0,
        floor: 10.0,
        controls: CONTROLS,
    },
    Size {
        name: "phone 390x490",
        w: 390.0,
        h: 490.0,
        floor: 10.0,
        controls: CONTROLS,
    },
    Size {
        name: "docs 640x335",
        w: 640.0,
        h: 335.0,
        floor: 10.0,
        controls: CONTROLS,
    },
    Size {
        name: "docs 560x295",
        w: 560.0,
        h: 295.0,
        floor: 10.0,
        controls: SMALL_CONTROLS,
    },
    Size {
        name: "desktop 746x489",
        w: 746.0,
        h: 489.0,
        floor: 12.0,
        controls: CONTROLS,
    },
];

/// The layout the app draws on a canvas of `size`: laid out for its shape rounded to 16 px
/// (as the canvas view does, so a resize of a few pixels does not lay out again).
fn layout_at(s: &Scenario, extra: &[String], size: &Size) -> Layout {
    let shape = |x: f64| (x / 16.0).round() * 16.0;
    layout_for_canvas_at(s, extra, (shape(size.w), shape(size.h)), 1.0, size.controls)
}

fn lesson(json: &str) -> (Scenario, Vec<String>) {
    let s = vpc_engine::load(json).expect("library lesson loads");
    with_trace(s)
}

/// A loaded scenario with the services its lesson trace adds.
fn with_trace(s: vpc_engine::Loaded) -> (Scenario, Vec<String>) {
    let extra = s
        .lesson
        .as_ref()
        .and_then(|l| l.trace.as_ref())
        .and_then(|t| vpc_engine::trace(&s, &t.from, &t.to).ok())
        .map(|t| services_in(&t))
        .unwrap_or_default();
    (s.into_scenario(), extra)
}

/// The scenarios held to the check besides the library: transit gateway hubs too big or
/// too varied for a lesson (the engine's shared examples: the reference's hub, every
/// transit gateway key, ten VPCs on one hub).
fn extra_scenarios() -> Vec<(&'static str, Scenario, Vec<String>)> {
    let example = |name: &'static str, json: &str| {
        let (s, extra) = lesson(json);
        (name, s, extra)
    };
    // (Their text is smaller than a lesson's: see [`floor_for`].)
    vec![
        example(
            "example-transit-gateway-hub",
            include_str!("../../../crates/engine/tests/examples/transit-gateway-hub.json"),
        ),
        example(
            "example-tgw-everything",
            include_str!("../../../crates/engine/tests/examples/tgw-everything.json"),
        ),
        example(
            "example-tgw-ten-vpcs",
            include_str!("../../../crates/engine/tests/examples/tgw-ten-vpcs.json"),
        ),
    ]
}

/// The examples bigger than any lesson, with their floor per size (in [`SIZES`] order): what
/// they are laid out at now (rounded down), so the layout does not get worse for them. A hub
/// of ten VPCs with a subnet and an instance each cannot show 12 px text in a 746 px wide
/// canvas (five VPCs across need about 830 px), nor every transit gateway key at once on a
/// phone; where Fit cannot show them whole above [`WHOLE_SCALE`](crate::canvas::geom::WHOLE_SCALE) it shows them at
/// [`READABLE_SCALE`] and the learner pans ([`View::fit`]), so there only what is outside the
/// view is allowed.
const HELD: &[(&str, [f64; 5])] = &[
    ("example-tgw-everything", [8.0, 8.0, 8.0, 6.0, 10.0]),
    ("example-tgw-ten-vpcs", [8.0, 8.0, 8.0, 8.0, 11.0]),
];

/// The floor at `size` for the scenario `slug`: the size's, or [`HELD`]'s.
fn floor_for(slug: &str, size: &Size) -> f64 {
    let i = SIZES.iter().position(|s| s.name == size.name);
    HELD.iter()
        .find(|(s, _)| *s == slug)
        .zip(i)
        .and_then(|((_, f), i)| f.get(i).copied())
        .unwrap_or(size.floor)
}

/// Whether `problem` is one [`HELD`] allows `slug`: outside the view, when Fit shows the
/// picture at the readable scale for panning rather than whole.
fn allowed(slug: &str, l: &Layout, size: &Size, problem: &str) -> bool {
    HELD.iter().any(|(s, _)| *s == slug)
        && problem.ends_with("is outside the view")
        && fit_view(l, size).scale == READABLE_SCALE
}

/// Every label with the id of what it belongs to.
fn all_labels(l: &Layout) -> Vec<(String, String, Rect, f64)> {
    let mut out = Vec::new();
    for n in &l.nodes {
        for lb in &n.labels {
            out.push((n.id.clone(), lb.text.clone(), lb.rect(), lb.px));
        }
    }
    for k in &l.links {
        if let Some(r) = k.pill {
            out.push((k.id.clone(), k.label.clone(), r, FONT));
        }
    }
    for (lb, _) in &l.legend {
        out.push(("legend".into(), lb.text.clone(), lb.rect(), lb.px));
    }
    out
}

/// The size of the screen corner the canvas's zoom buttons cover (+, −, Fit at its top right,
/// as the canvas view measures it in Chromium: 8 px in from the corner, 32 px high, 125 px
/// wide, 4 px of room, rounded up to 4 px); in a short embed they are smaller (4 px in, 26
/// px high, 91 wide).
const CONTROLS: (f64, f64) = (140.0, 44.0);
const SMALL_CONTROLS: (f64, f64) = (100.0, 36.0);

fn controls(size: &Size) -> Rect {
    controls_corner(size.w, size.controls)
}

/// The Fit view the app opens with, clear of the zoom buttons.
fn fit_view(l: &Layout, size: &Size) -> View {
    let corner = controls(size);
    View::fit_clear_of(
        l.bounds,
        None,
        (size.w, size.h),
        FIT_MAX,
        corner,
        &l.drawn(),
    )
}

/// What is wrong with `l` read at `size`, and the smallest text on screen.
fn problems(l: &Layout, size: &Size) -> (Vec<String>, f64) {
    let v = fit_view(l, size);
    let screen = Rect::new(0.0, 0.0, size.w, size.h);
    let on_screen = |r: &Rect| {
        let a = v.to_screen(Point::new(r.x, r.y));
        Rect::new(a.x, a.y, r.w * v.scale, r.h * v.scale)
    };
    let labels = all_labels(l);
    let mut out = Vec::new();
    for (i, (a, ta, ra, _)) in labels.iter().enumerate() {
        for (b, tb, rb, _) in &labels[i + 1..] {
            if ra.overlaps(rb) {
                out.push(format!("label {a} {ta:?} overlaps label {b} {tb:?}"));
            }
        }
        for n in &l.nodes {
            if ra.overlaps(&n.rect) && !n.rect.contains_rect(ra) {
                out.push(format!("label {a} {ta:?} crosses the border of {}", n.id));
            }
        }
        if !screen.contains_rect(&on_screen(ra)) {
            out.push(format!("label {a} {ta:?} is outside the view"));
        }
    }
    // No line drawn through a word: every segment of every line against every label but its
    // own pill.
    for k in &l.links {
        for w in k.points.windows(2) {
            for (a, ta, ra, _) in &labels {
                if *a != k.id && segment_crosses(w[0], w[1], ra) {
                    out.push(format!("line {} crosses label {a} {ta:?}", k.id));
                }
            }
        }
    }
    for n in &l.nodes {
        if !screen.contains_rect(&on_screen(&n.rect)) {
            out.push(format!("box {} is outside the view", n.id));
        }
    }
    // Nothing drawn under the zoom buttons.
    let corner = controls(size);
    if l.drawn().iter().any(|r| on_screen(r).overlaps(&corner)) {
        out.push("something drawn is under the zoom buttons".to_string());
    }
    let smallest = l.smallest_text() * v.scale;
    if smallest < size.floor {
        out.push(format!(
            "smallest text {smallest:.1} px under the floor {} px",
            size.floor
        ));
    }
    (out, smallest)
}

#[test]
fn every_lesson_reads_at_fit_at_every_size() {
    let mut failures = Vec::new();
    let mut table = String::new();
    let lessons = vpc_engine::library::LIBRARY.iter().map(|e| {
        let (s, extra) = lesson(e.json());
        (e.slug, s, extra)
    });
    for (slug, s, extra) in lessons.chain(extra_scenarios()) {
        table.push_str(&format!("{slug:28}"));
        for size in &SIZES {
            let l = layout_at(&s, &extra, size);
            let held = Size {
                floor: floor_for(slug, size),
                ..*size
            };
            let (p, smallest) = problems(&l, &held);
            table.push_str(&format!(" {}: {smallest:5.1}px", size.name));
            failures.extend(
                p.into_iter()
                    .filter(|p| !allowed(slug, &l, size, p))
                    .map(|p| format!("{slug} at {}: {p}", size.name)),
            );
        }
        table.push('\n');
    }
    println!("{table}");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_check_catches_a_label_over_another() {
    // The check itself can fail: two VPCs forced onto one spot overlap their titles.
    let (s, extra) = lesson(vpc_engine::library::LIBRARY[0].json());
    let mut l = layout(&s, &extra);
    let first = l
        .nodes
        .iter()
        .position(|n| n.kind == NodeKind::Resource(Kind::Vpc));
    let second = l
        .nodes
        .iter()
        .rposition(|n| n.kind == NodeKind::Resource(Kind::Vpc));
    let (Some(a), Some(b)) = (first, second) else {
        panic!("lesson 1 has VPCs");
    };
    l.nodes[b].labels = l.nodes[a].labels.clone();
    let (p, _) = problems(&l, &SIZES[4]);
    assert!(p.iter().any(|p| p.contains("overlaps label")), "{p:?}");
}

/// `LAYOUT_SVG=DIR cargo test -p vpc-playground --lib layout_svg`: every lesson's layout at
/// each size as an SVG in DIR (boxes, lines, pills and label boxes, at the Fit scale), to
/// look at a layout without a browser. Writes nothing without the variable.
#[test]
fn layout_svg() {
    let Ok(dir) = std::env::var("LAYOUT_SVG") else {
        return;
    };
    std::fs::create_dir_all(&dir).expect("svg dir");
    let lessons = vpc_engine::library::LIBRARY.iter().map(|e| {
        let (s, extra) = lesson(e.json());
        (e.slug, s, extra)
    });
    for (i, (slug, s, extra)) in lessons.chain(extra_scenarios()).enumerate() {
        for size in &SIZES {
            let l = layout_at(&s, &extra, size);
            let v = fit_view(&l, size);
            let mut out = format!(
                "<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}' font-family='sans-serif'><rect width='100%' height='100%' fill='white'/><g transform='translate({} {}) scale({})'>",
                size.w, size.h, v.ox, v.oy, v.scale
            );
            for n in &l.nodes {
                let r = n.rect;
                out.push_str(&format!(
                    "<rect x='{}' y='{}' width='{}' height='{}' fill='none' stroke='#888'/>",
                    r.x, r.y, r.w, r.h
                ));
            }
            for k in &l.links {
                let pts: Vec<String> = k
                    .points
                    .iter()
                    .map(|p| format!("{},{}", p.x, p.y))
                    .collect();
                out.push_str(&format!(
                    "<polyline points='{}' fill='none' stroke='#06c' stroke-width='2'/>",
                    pts.join(" ")
                ));
            }
            for (_, t, r, px) in all_labels(&l) {
                out.push_str(&format!(
                    "<rect x='{}' y='{}' width='{}' height='{}' fill='#fc03' stroke='none'/><text x='{}' y='{}' font-size='{}'>{}</text>",
                    r.x, r.y, r.w, r.h, r.x, r.y + 0.85 * px, px,
                    t.replace('&', "&amp;").replace('<', "&lt;").replace('\n', " / ")
                ));
            }
            out.push_str("</g></svg>");
            let name = format!(
                "{dir}/{:02}-{}-{}.svg",
                i + 1,
                slug,
                size.name.replace(' ', "-")
            );
            std::fs::write(name, out).expect("write svg");
        }
    }
}

#[test]
fn the_check_catches_text_under_the_floor() {
    // The floor can fail: lesson 2 on a canvas far too small for it.
    let (s, extra) = lesson(vpc_engine::library::LIBRARY[1].json());
    let tiny = Size {
        name: "tiny",
        w: 240.0,
        h: 160.0,
        floor: 10.0,
        controls: CONTROLS,
    };
    let l = layout_at(&s, &extra, &tiny);
    let (p, smallest) = problems(&l, &tiny);
    assert!(smallest < 10.0, "{smallest}");
    assert!(p.iter().any(|p| p.contains("under the floor")), "{p:?}");
}

#[test]
fn a_drop_s_cross_covers_no_word() {
    // The cross a drop in a box draws at its stop on the box's border (10 px each way, and
    // its stroke) is moved along the border off every label, line pill and the account key, at every size (lesson 1:
    // it covered vpc-b's title and the key beside the Region's name).
    let mut hits = Vec::new();
    let mut drops = 0;
    for e in vpc_engine::library::LIBRARY {
        let Ok(loaded) = vpc_engine::load(e.json()) else {
            continue;
        };
        let Some(spec) = loaded.lesson.as_ref().and_then(|l| l.trace.clone()) else {
            continue;
        };
        let Ok(t) = vpc_engine::trace(&loaded, &spec.from, &spec.to) else {
            continue;
        };
        let Some((i, _)) = crate::components::trace::trace_text::drop_hop(&t) else {
            continue;
        };
        // A filter's drop is marked, smaller, on its bar or ring.
        if t.hops
            .iter()
            .chain(&t.return_hops)
            .nth(i)
            .is_some_and(|h| h.site.is_some())
        {
            continue;
        }
        let s = loaded.into_scenario();
        let extra = services_in(&t);
        for size in &SIZES {
            let l = layout_at(&s, &extra, size);
            let r = crate::canvas::path::route(&l, &t);
            // The stop, as the route places it (the cross is drawn there).
            let Some(p) = r.stops.get(i) else {
                continue;
            };
            // A drop in a box (a VPC, a subnet) is marked on its border; one at a gateway,
            // a line or an instance marks that thing itself.
            let on_border = l.nodes.iter().any(|n| {
                n.kind.is_container()
                    && n.rect.inflate(1.0).contains(*p)
                    && !n.rect.inflate(-1.0).contains(*p)
            });
            if !on_border {
                continue;
            }
            drops += 1;
            let c = *p;
            let cross = Rect::new(c.x - 13.0, c.y - 13.0, 26.0, 26.0);
            for (id, text, r, _) in all_labels(&l) {
                if r.overlaps(&cross) {
                    hits.push(format!("{} at {}: over {id} {text:?}", e.slug, size.name));
                }
            }
        }
    }
    assert!(drops >= 10, "{drops}");
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}
