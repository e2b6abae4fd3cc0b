//! The topology canvas view: the `<canvas>` with its zoom buttons, and the signals that tie
//! the pure layout and drawing (`crate::canvas`) to the app's state: the layout for this
//! scenario and canvas width, the packet's route, the Fit view, the cached static layer and
//! the frame drawn over it. The browser work lives apart: sizing ([`resize`]), pointer, wheel
//! and touch input ([`pointer`]), painting the static layer and each frame ([`paint`]), the
//! animation loop ([`animation`]), the theme's colours ([`theme`]) and the layout's
//! arrangement search spread over tasks ([`search`]).

mod animation;
mod paint;
mod pointer;
mod resize;
mod search;
mod theme;

use crate::canvas::geom::{Point, Rect, View, FIT_MAX};
use crate::canvas::keys::{describe, next_focus, step_focus, view_key, ViewKey, ZOOM_STEP};
use crate::canvas::layout::{controls_corner, Layout};
use crate::canvas::path::{route, services_in, Route};
use crate::state::AppState;
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// The layout for the scenario, the services the trace visits and the canvas's shape (a
/// phone keeps the picture to its width, a wide short canvas puts Regions side by side;
/// rounded so a resize of a few pixels does not lay out again; projector mode, `present`,
/// asks for text that much larger), and the packet's route.
fn pictures(
    state: AppState,
    size: RwSignal<(f64, f64)>,
    present: RwSignal<f64>,
    corner: RwSignal<(f64, f64)>,
) -> (Memo<Layout>, Memo<Route>) {
    let shape = Memo::new(move |_| {
        let (w, h) = size.get();
        ((w / 16.0).round() * 16.0, (h / 16.0).round() * 16.0)
    });
    let ask = Memo::new(move |_| search::Ask {
        extra: state.run.with(|r| {
            r.as_ref()
                .and_then(|r| r.result.as_ref().ok())
                .map(services_in)
                .unwrap_or_default()
        }),
        size: shape.get(),
        enough: present.get(),
        corner: corner.get(),
    });
    let lay = search::searched(state, ask);
    let path: Memo<Route> = Memo::new(move |_| {
        lay.with(|l| {
            state.run.with(|r| {
                r.as_ref()
                    .and_then(|r| r.result.as_ref().ok())
                    .map(|t| route(l, t))
                    .unwrap_or_default()
            })
        })
    });
    (lay, path)
}

/// World pixels kept around the trace's path when Fit frames it (room for its labels).
const FOCUS_MARGIN: f64 = 80.0;

#[component]
pub fn CanvasView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas = NodeRef::<Canvas>::new();
    let wrap = NodeRef::<Div>::new();
    let tools = NodeRef::<Div>::new();
    let size = RwSignal::new((0.0f64, 0.0f64));
    // The zoom buttons' corner, which Fit keeps the picture from under.
    let corner = RwSignal::new((0.0f64, 0.0f64));
    let view = RwSignal::new(View::default());
    let user_moved = RwSignal::new(false);
    let hovered = RwSignal::new(None::<String>);
    let focused = RwSignal::new(None::<String>);
    // Set by Escape: the next Tab leaves the diagram rather than walking its resources.
    let tab_out = RwSignal::new(false);
    let theme = RwSignal::new(0u32);
    let present = RwSignal::new(1.0f64);
    let clock = Rc::new(animation::Clock::default());
    theme::watch(theme, present);
    resize::observe(wrap, size);
    resize::controls_corner(wrap, tools, size, present, corner);

    let (lay, path) = pictures(state, size, present, corner);
    let painter = paint::Painter {
        state,
        canvas,
        layout: lay,
        route: path,
        view,
        hovered,
        focused,
        present,
        size,
        corner,
        theme,
        layer: Rc::new(RefCell::new(None)),
        clock: clock.clone(),
    };
    let redraw: Rc<dyn Fn()> = {
        let p = painter.clone();
        Rc::new(move || p.frame())
    };

    // The Fit view of this layout in this box, nothing drawn under the zoom buttons. When the
    // whole topology is too big to read, it frames the trace's path.
    let fitted = move || {
        let (w, h) = size.get();
        let focus = path.with(|r| Rect::around(&r.stops).map(|r| r.inflate(FOCUS_MARGIN)));
        let c = controls_corner(w, corner.get());
        lay.with(|l| {
            View::fit_clear_of(
                l.bounds,
                focus,
                (w, h),
                FIT_MAX * present.get(),
                c,
                &l.drawn(),
            )
        })
    };

    // Fit the drawing to the box until the user pans or zooms.
    Effect::new(move |_| {
        let v = fitted();
        if !user_moved.get() && size.get().0 > 0.0 {
            view.set(v);
        }
    });

    painter.watch(redraw.clone());
    animation::run(state, clock, redraw);

    let target = pointer::Target {
        state,
        canvas,
        view,
        user_moved,
        hovered,
        layout: lay,
    };
    let ptrs = pointer::pointers();
    let (p1, p2, p3, p4) = (ptrs.clone(), ptrs.clone(), ptrs.clone(), ptrs);
    let zoom_by = move |factor: f64| {
        let (w, h) = size.get_untracked();
        user_moved.set(true);
        view.update(|v| *v = v.zoom_at(factor, Point::new(w / 2.0, h / 2.0)));
    };
    // Brings the resource `id` into view (centred) when the keyboard focus moves off screen.
    let show = move |id: &str| {
        let (w, h) = size.get_untracked();
        let Some(r) = lay.with_untracked(|l| {
            l.node(id)
                .map(|n| n.rect)
                .or_else(|| l.link(id).and_then(|k| k.pill))
        }) else {
            return;
        };
        let v = view.get_untracked();
        let a = v.to_screen(Point::new(r.x, r.y));
        let b = v.to_screen(Point::new(r.right(), r.bottom()));
        if a.x >= 0.0 && a.y >= 0.0 && b.x <= w && b.y <= h {
            return;
        }
        let c = v.to_screen(r.center());
        user_moved.set(true);
        view.set(v.pan(w / 2.0 - c.x, h / 2.0 - c.y));
    };
    let fit = move |()| {
        user_moved.set(false);
        view.set(untrack(fitted));
    };
    // Keys while the canvas has focus move between resources, select, pan and zoom;
    // `prevent_default` tells the animation's window-wide keys (arrows step) that the key
    // was used here. Enter and Escape pass on when no resource has the focus.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(k) = view_key(&ev.key(), ev.shift_key()) else {
            return;
        };
        let has_focus = focused.with_untracked(|f| f.is_some());
        if k == ViewKey::Leave {
            tab_out.set(true);
        }
        if matches!(k, ViewKey::Choose | ViewKey::Leave) && !has_focus {
            return;
        }
        if let ViewKey::Step(forward) = k {
            // Tab walks the resources and past the last leaves the diagram; after Escape
            // it leaves at once. Shift+Tab before the first is the diagram as a whole.
            if forward && !has_focus && tab_out.get_untracked() {
                return;
            }
            let next = lay.with_untracked(|l| {
                focused.with_untracked(|f| step_focus(l, f.as_deref(), forward))
            });
            if next.is_some() || (has_focus && !forward) {
                ev.prevent_default();
            }
            if let Some(id) = &next {
                show(id);
            }
            focused.set(next);
            return;
        }
        ev.prevent_default();
        match k {
            ViewKey::Move(dir) => {
                let next = lay.with_untracked(|l| {
                    focused.with_untracked(|f| next_focus(l, f.as_deref(), dir))
                });
                if let Some(id) = next {
                    show(&id);
                    focused.set(Some(id));
                    tab_out.set(false);
                }
            }
            ViewKey::Choose => state.selected.set(focused.get_untracked()),
            ViewKey::Leave => focused.set(None),
            ViewKey::Pan(dx, dy) => {
                user_moved.set(true);
                view.update(|v| *v = v.pan(dx, dy));
            }
            ViewKey::Zoom(f) => zoom_by(f),
            ViewKey::Fit => fit(()),
            ViewKey::Step(_) => {}
        }
    };
    // What the screen reader says when the focus moves (the details hidden from the box).
    let spoken = move || {
        focused
            .get()
            .map(|id| lay.with(|l| describe(l, &id)))
            .unwrap_or_default()
    };
    let label = move || {
        let n = state.scenario.with(|s| s.vpcs.len());
        let sel = state
            .selected
            .get()
            .map(|s| format!("; selected {s}"))
            .unwrap_or_default();
        format!("Topology diagram: {n} VPCs{sel}. Arrow keys move between its resources, and Tab and Shift+Tab go through them in reading order; Enter opens the focused one in the editor; Escape lets go of it, then Tab leaves the diagram; click a resource to select it and see its details; drag or use Shift and the arrow keys to pan, scroll, pinch or press + and − to zoom, 0 to fit.")
    };

    // Test builds (`--features test-hooks`): the filters drawn, for the e2e specs.
    let filters_hook = move || {
        if !cfg!(feature = "test-hooks") {
            return None;
        }
        let v = view.get();
        lay.with(|l| {
            path.with(|r| {
                state.run.with(|run| {
                    let t = run.as_ref()?.result.as_ref().ok()?;
                    Some(crate::canvas::filters::hook_text(l, t, &r.stops, v))
                })
            })
        })
    };

    // Test builds: the packet's stops (`HOP:x,y`, one per hop, forward then return) and the
    // transit gateway hubs (`ID:x,y,w,h`), in CSS px from the canvas's corner.
    let route_hook = move || {
        if !cfg!(feature = "test-hooks") {
            return None;
        }
        let v = view.get();
        lay.with(|l| {
            path.with(|r| {
                let stops = r.stops.iter().enumerate().map(|(i, p)| {
                    let q = v.to_screen(*p);
                    format!("{}:{:.0},{:.0}", i + 1, q.x, q.y)
                });
                let hubs = l
                    .nodes
                    .iter()
                    .filter(|n| {
                        n.kind
                            == crate::canvas::layout::NodeKind::Resource(
                                vpc_engine::Kind::TransitGateway,
                            )
                    })
                    .map(|n| {
                        let a = v.to_screen(Point::new(n.rect.x, n.rect.y));
                        format!(
                            "{}:{:.0},{:.0},{:.0},{:.0}",
                            n.id,
                            a.x,
                            a.y,
                            n.rect.w * v.scale,
                            n.rect.h * v.scale
                        )
                    });
                Some(format!(
                    "{}|{}",
                    stops.collect::<Vec<_>>().join(" "),
                    hubs.collect::<Vec<_>>().join(" ")
                ))
            })
        })
    };

    view! {
        <div class="canvas-wrap" node_ref=wrap>
            <canvas node_ref=canvas class="topology" data-testid="topology-canvas"
                role="application" aria-roledescription="topology diagram" aria-label=label
                tabindex="0" on:keydown=on_key on:blur=move |_| focused.set(None)
                on:focus=move |_| tab_out.set(false)
                data-step=move || state.step.get().to_string()
                data-filters=filters_hook
                data-route=route_hook
                data-text-px=move || (size.get().0 > 0.0).then(|| format!("{:.1}", lay.with(|l| l.smallest_text()) * view.get().scale))
                on:wheel=move |ev| target.wheel(ev)
                on:pointerdown=move |ev| { focused.set(None); target.down(&p1, ev) }
                on:pointermove=move |ev| target.moved(&p2, ev)
                on:pointerup=move |ev| target.up(&p3, ev)
                on:pointercancel=move |ev| target.cancel(&p4, ev)
                on:pointerleave=move |_| target.leave()></canvas>
            <div class="visually-hidden" aria-live="polite" data-testid="canvas-focus-text">{spoken}</div>
            <div class="canvas-tools" role="toolbar" aria-label="Zoom" node_ref=tools>
                <button aria-label="Zoom in" title="Zoom in" on:click=move |_| zoom_by(ZOOM_STEP)>"+"</button>
                <button aria-label="Zoom out" title="Zoom out" on:click=move |_| zoom_by(1.0 / ZOOM_STEP)>"−"</button>
                <button aria-label="Fit to view" title="Fit the topology in view (at a readable size: a large one shows the trace, pan for the rest)" on:click=move |_| fit(())>"Fit"</button>
            </div>
        </div>
    }
}
