//! Painting the canvas: the static layer (boxes, lines, words) drawn offscreen when the
//! layout, the view, the size or the theme change, and each frame (selection, packet,
//! verdict, keyboard focus ring, details card) drawn over a copy of it when the step,
//! selection, hover, keyboard focus or trace change. The drawing itself is `crate::canvas::draw` and `crate::canvas::frame`.

use super::animation::Clock;
use super::resize::{self, dpr};
use crate::canvas::draw::draw_static;
use crate::canvas::frame::{draw_frame, Frame};
use crate::canvas::geom::View;
use crate::canvas::layout::{controls_corner, Layout};
use crate::canvas::path::Route;
use crate::state::AppState;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn ctx_of(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

/// Everything painting reads.
#[derive(Clone)]
pub struct Painter {
    pub state: AppState,
    pub canvas: NodeRef<Canvas>,
    pub layout: Memo<Layout>,
    pub route: Memo<Route>,
    pub view: RwSignal<View>,
    pub hovered: RwSignal<Option<String>>,
    /// The resource the keyboard focus is on.
    pub focused: RwSignal<Option<String>>,
    /// `--canvas-scale` (projector mode): the packet's size.
    pub present: RwSignal<f64>,
    pub size: RwSignal<(f64, f64)>,
    /// The corner the zoom buttons cover (width from the right, height from the top).
    pub corner: RwSignal<(f64, f64)>,
    /// Bumped when the theme's colours change.
    pub theme: RwSignal<u32>,
    /// The cached static layer, an offscreen canvas the size of the visible one.
    pub layer: Rc<RefCell<Option<HtmlCanvasElement>>>,
    pub clock: Rc<Clock>,
}

impl Painter {
    /// One frame over the cached static layer, from the current (untracked) state.
    pub fn frame(&self) {
        let Some(c) = self.canvas.get_untracked() else {
            return;
        };
        let Some(ctx) = ctx_of(&c) else { return };
        let layer = self.layer.borrow();
        let Some(layer) = layer.as_ref() else { return };
        let state = self.state;
        let selected = state.selected.get_untracked();
        let hover = self.hovered.get_untracked();
        let focused = self.focused.get_untracked();
        let playing = state.playing.get_untracked();
        let progress = if playing {
            self.clock.progress.get()
        } else {
            0.0
        };
        self.layout.with_untracked(|l| {
            self.route.with_untracked(|r| {
                state.run.with_untracked(|run| {
                    let trace = run.as_ref().and_then(|r| r.result.as_ref().ok());
                    draw_frame(
                        &ctx,
                        layer,
                        &Frame {
                            layout: l,
                            view: self.view.get_untracked(),
                            dpr: dpr(),
                            selected: selected.as_deref(),
                            hovered: hover.as_deref(),
                            focused: focused.as_deref(),
                            trace,
                            route: r,
                            step: state.step.get_untracked(),
                            progress,
                            packet_scale: self.present.get_untracked(),
                            screen: self.size.get_untracked(),
                            controls: controls_corner(
                                self.size.get_untracked().0,
                                self.corner.get_untracked(),
                            ),
                        },
                    );
                })
            })
        });
    }

    /// Repaints the static layer when the layout, view, size or theme change, and the frame
    /// (with `redraw`) after it and whenever the step, selection, hover or trace change.
    pub fn watch(self, redraw: Rc<dyn Fn()>) {
        let p = self.clone();
        let again = redraw.clone();
        let mut first = true;
        Effect::new(move |_| {
            let (w, h) = p.size.get();
            let v = p.view.get();
            p.theme.track();
            let Some(c) = p.canvas.get() else { return };
            if w <= 0.0 || h <= 0.0 {
                return;
            }
            let d = dpr();
            resize::backing_store(&c, w, h, d);
            let mut slot = p.layer.borrow_mut();
            if slot.is_none() {
                *slot = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.create_element("canvas").ok())
                    .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
            }
            if let Some(layer) = slot.as_ref() {
                resize::backing_store(layer, w, h, d);
                if let Some(ctx) = ctx_of(layer) {
                    p.layout.with(|l| draw_static(&ctx, l, v, w, h, d));
                }
            }
            drop(slot);
            again();
            if std::mem::take(&mut first) {
                crate::dom::mark("canvas-drawn");
            }
        });
        let state = self.state;
        let (hovered, focused, route) = (self.hovered, self.focused, self.route);
        Effect::new(move |_| {
            state.step.track();
            state.selected.track();
            hovered.track();
            focused.track();
            route.track();
            state.playing.track();
            redraw();
        });
    }
}
