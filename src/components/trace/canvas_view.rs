//! The topology canvas view: sizes the canvas (backing store by devicePixelRatio, kept in
//! step by a ResizeObserver), caches the static layer offscreen, runs the packet animation
//! with requestAnimationFrame, and handles pan (drag, arrow keys), zoom (wheel, buttons,
//! + and −), fit and click to select. Layout and drawing live in `crate::canvas`.

use crate::canvas::draw::draw_static;
use crate::canvas::frame::{draw_frame, Frame};
use crate::canvas::geom::{Point, Rect, View};
use crate::canvas::keys::{view_key, ViewKey, ZOOM_STEP};
use crate::canvas::layout::{hit_test, layout, Layout};
use crate::canvas::path::{hop_points, services_in};
use crate::state::AppState;
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Browser-side things the animation loop and the handlers share.
struct Shared {
    static_layer: RefCell<Option<HtmlCanvasElement>>,
    progress: Cell<f64>,
    last_ts: Cell<f64>,
    running: Cell<bool>,
    /// Pointer drag: start screen point, view at start, moved beyond the click slop.
    drag: Cell<Option<(Point, View, bool)>>,
}

fn ctx_of(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0)
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// World pixels kept around the trace's path when Fit frames it (room for its labels).
const FOCUS_MARGIN: f64 = 80.0;

#[component]
pub fn CanvasView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas = NodeRef::<Canvas>::new();
    let wrap = NodeRef::<Div>::new();
    let size = RwSignal::new((0.0f64, 0.0f64));
    let view = RwSignal::new(View::default());
    let user_moved = RwSignal::new(false);
    let shared = Rc::new(Shared {
        static_layer: RefCell::new(None),
        progress: Cell::new(0.0),
        last_ts: Cell::new(0.0),
        running: Cell::new(false),
        drag: Cell::new(None),
    });

    let lay: Memo<Layout> = Memo::new(move |_| {
        let extra = state.run.with(|r| {
            r.as_ref()
                .and_then(|r| r.result.as_ref().ok())
                .map(services_in)
                .unwrap_or_default()
        });
        state.scenario.with(|s| layout(s, &extra))
    });
    let points = Memo::new(move |_| {
        lay.with(|l| {
            state.run.with(|r| {
                r.as_ref()
                    .and_then(|r| r.result.as_ref().ok())
                    .map(|t| hop_points(l, t))
                    .unwrap_or_default()
            })
        })
    });

    // One frame over the cached static layer, from the current (untracked) state.
    let redraw = {
        let shared = shared.clone();
        move || {
            let Some(c) = canvas.get_untracked() else {
                return;
            };
            let Some(ctx) = ctx_of(&c) else { return };
            let layer = shared.static_layer.borrow();
            let Some(layer) = layer.as_ref() else { return };
            let selected = state.selected.get_untracked();
            let playing = state.playing.get_untracked();
            let progress = if playing { shared.progress.get() } else { 0.0 };
            lay.with_untracked(|l| {
                points.with_untracked(|pts| {
                    state.run.with_untracked(|run| {
                        let trace = run.as_ref().and_then(|r| r.result.as_ref().ok());
                        draw_frame(
                            &ctx,
                            layer,
                            &Frame {
                                layout: l,
                                view: view.get_untracked(),
                                dpr: dpr(),
                                selected: selected.as_deref(),
                                trace,
                                points: pts,
                                step: state.step.get_untracked(),
                                progress,
                            },
                        );
                    })
                })
            });
        }
    };
    let redraw: Rc<dyn Fn()> = Rc::new(redraw);

    // Keep the canvas sized to its box.
    Effect::new(move |_| {
        let Some(el) = wrap.get() else { return };
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(e) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                let r = e.content_rect();
                size.set((r.width().floor(), r.height().floor()));
            }
        });
        if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            obs.observe(&el);
        }
        cb.forget();
        let r = el.get_bounding_client_rect();
        size.set((r.width().floor(), r.height().floor()));
    });

    // The Fit view of this layout in this box. When the whole topology is too big to read,
    // it frames the trace's path.
    let fitted = move || {
        let (w, h) = size.get();
        let focus = points.with(|p| Rect::around(p).map(|r| r.inflate(FOCUS_MARGIN)));
        View::fit(lay.with(|l| l.bounds), focus, w, h)
    };

    // Fit the drawing to the box until the user pans or zooms.
    Effect::new(move |_| {
        let v = fitted();
        if !user_moved.get() && size.get().0 > 0.0 {
            view.set(v);
        }
    });

    // Static layer: redrawn only when layout, view or size change.
    {
        let shared = shared.clone();
        let redraw = redraw.clone();
        Effect::new(move |_| {
            let (w, h) = size.get();
            let v = view.get();
            let Some(c) = canvas.get() else { return };
            if w <= 0.0 || h <= 0.0 {
                return;
            }
            let d = dpr();
            let (pw, ph) = ((w * d).round() as u32, (h * d).round() as u32);
            if c.width() != pw || c.height() != ph {
                c.set_width(pw);
                c.set_height(ph);
            }
            let mut slot = shared.static_layer.borrow_mut();
            if slot.is_none() {
                *slot = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.create_element("canvas").ok())
                    .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
            }
            if let Some(layer) = slot.as_ref() {
                if layer.width() != pw || layer.height() != ph {
                    layer.set_width(pw);
                    layer.set_height(ph);
                }
                if let Some(ctx) = ctx_of(layer) {
                    lay.with(|l| draw_static(&ctx, l, v, w, h, d));
                }
            }
            drop(slot);
            redraw();
        });
    }

    // Animation layer: redrawn when the step, selection or trace change.
    {
        let redraw = redraw.clone();
        Effect::new(move |_| {
            state.step.track();
            state.selected.track();
            points.track();
            state.playing.track();
            redraw();
        });
    }

    // The animation loop runs while playing: one hop per second at speed 1.
    {
        let shared = shared.clone();
        let redraw = redraw.clone();
        Effect::new(move |_| {
            if !state.playing.get() || shared.running.get() {
                return;
            }
            shared.running.set(true);
            shared.progress.set(0.0);
            shared.last_ts.set(now());
            tick(state, shared.clone(), redraw.clone());
        });
    }

    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let r = c.get_bounding_client_rect();
        let at = Point::new(
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
        let factor = (-ev.delta_y() * 0.0015).exp().clamp(0.5, 2.0);
        user_moved.set(true);
        view.update(|v| *v = v.zoom_at(factor, at));
    };
    let down = {
        let shared = shared.clone();
        move |ev: web_sys::PointerEvent| {
            if ev.button() != 0 {
                return;
            }
            if let Some(c) = canvas.get_untracked() {
                let _ = c.set_pointer_capture(ev.pointer_id());
            }
            let p = Point::new(ev.client_x() as f64, ev.client_y() as f64);
            shared.drag.set(Some((p, view.get_untracked(), false)));
        }
    };
    let moved = {
        let shared = shared.clone();
        move |ev: web_sys::PointerEvent| {
            let Some((start, v0, dragging)) = shared.drag.get() else {
                return;
            };
            let (dx, dy) = (
                ev.client_x() as f64 - start.x,
                ev.client_y() as f64 - start.y,
            );
            if dragging || dx.abs() + dy.abs() > 4.0 {
                shared.drag.set(Some((start, v0, true)));
                user_moved.set(true);
                view.set(v0.pan(dx, dy));
            }
        }
    };
    let up = {
        let shared = shared.clone();
        move |ev: web_sys::PointerEvent| {
            let Some((_, _, dragging)) = shared.drag.take() else {
                return;
            };
            if dragging {
                return;
            }
            let Some(c) = canvas.get_untracked() else {
                return;
            };
            let r = c.get_bounding_client_rect();
            let at = Point::new(
                ev.client_x() as f64 - r.left(),
                ev.client_y() as f64 - r.top(),
            );
            let world = view.get_untracked().to_world(at);
            let hit = lay.with_untracked(|l| hit_test(l, world));
            state.selected.set(hit);
        }
    };
    let cancel = {
        let shared = shared.clone();
        move |_| shared.drag.set(None)
    };
    let zoom_by = move |factor: f64| {
        let (w, h) = size.get_untracked();
        user_moved.set(true);
        view.update(|v| *v = v.zoom_at(factor, Point::new(w / 2.0, h / 2.0)));
    };
    let fit = move |()| {
        user_moved.set(false);
        view.set(untrack(fitted));
    };
    // Keys while the canvas has focus pan and zoom it; `prevent_default` tells the
    // animation's window-wide keys (arrows step) that the key was used here.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(k) = view_key(&ev.key(), ev.shift_key()) else {
            return;
        };
        ev.prevent_default();
        match k {
            ViewKey::Pan(dx, dy) => {
                user_moved.set(true);
                view.update(|v| *v = v.pan(dx, dy));
            }
            ViewKey::Zoom(f) => zoom_by(f),
            ViewKey::Fit => fit(()),
        }
    };
    let label = move || {
        let n = state.scenario.with(|s| s.vpcs.len());
        let sel = state
            .selected
            .get()
            .map(|s| format!("; selected {s}"))
            .unwrap_or_default();
        format!("Topology diagram: {n} VPCs{sel}. Click a resource to select it, drag or use the arrow keys to pan, scroll or press + and − to zoom, 0 to fit.")
    };

    view! {
        <div class="canvas-wrap" node_ref=wrap>
            <canvas node_ref=canvas class="topology" data-testid="topology-canvas"
                role="application" aria-roledescription="topology diagram" aria-label=label
                tabindex="0" on:keydown=on_key
                data-step=move || state.step.get().to_string()
                on:wheel=on_wheel on:pointerdown=down on:pointermove=moved
                on:pointerup=up on:pointercancel=cancel></canvas>
            <div class="canvas-tools" role="toolbar" aria-label="Zoom">
                <button aria-label="Zoom in" title="Zoom in" on:click=move |_| zoom_by(ZOOM_STEP)>"+"</button>
                <button aria-label="Zoom out" title="Zoom out" on:click=move |_| zoom_by(1.0 / ZOOM_STEP)>"−"</button>
                <button aria-label="Fit to view" title="Fit the topology in view (at a readable size: a large one shows the trace, pan for the rest)" on:click=move |_| fit(())>"Fit"</button>
            </div>
        </div>
    }
}

/// One animation frame: advance the packet, draw, and ask for the next frame while playing.
fn tick(state: AppState, shared: Rc<Shared>, redraw: Rc<dyn Fn()>) {
    if !state.playing.get_untracked() {
        shared.running.set(false);
        shared.progress.set(0.0);
        redraw();
        return;
    }
    let t = now();
    let dt = ((t - shared.last_ts.get()) / 1000.0).clamp(0.0, 0.1);
    shared.last_ts.set(t);
    let total = state
        .run
        .with_untracked(|r| r.as_ref().map(|r| r.steps()).unwrap_or(0));
    let step = state.step.get_untracked();
    if total == 0 {
        state.playing.set(false);
    } else if step == 0 {
        shared.progress.set(0.0);
        state.step.set(1);
    } else if step >= total {
        state.playing.set(false);
    } else {
        let p = shared.progress.get() + dt * state.speed.get_untracked().max(0.05);
        if p >= 1.0 {
            shared.progress.set(0.0);
            state.step.set(step + 1);
            if step + 1 >= total {
                state.playing.set(false);
            }
        } else {
            shared.progress.set(p);
        }
    }
    redraw();
    let (s2, r2) = (shared.clone(), redraw.clone());
    request_animation_frame(move || tick(state, s2, r2));
}
