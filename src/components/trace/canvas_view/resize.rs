//! Keeps the canvas sized to its box: a ResizeObserver on the wrapper writes the box's CSS
//! size into a signal, [`controls_corner`] measures the corner its zoom buttons cover, and
//! [`backing_store`] sizes a canvas's pixels by devicePixelRatio.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The device pixel ratio (at least 1).
pub fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0)
}

/// Writes the wrapper's size (CSS px, floored) into `size` now and whenever it changes.
pub fn observe(wrap: NodeRef<Div>, size: RwSignal<(f64, f64)>) {
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
}

/// Whenever the canvas's size changes (or projector mode enlarges the buttons): how much of
/// the wrapper's top right corner the toolbar `tools` covers (width from the right edge,
/// height from the top, 4 px of room, rounded up to 4 px so it settles), into `corner`.
pub fn controls_corner(
    wrap: NodeRef<Div>,
    tools: NodeRef<Div>,
    size: RwSignal<(f64, f64)>,
    present: RwSignal<f64>,
    corner: RwSignal<(f64, f64)>,
) {
    Effect::new(move |_| {
        size.track();
        present.track();
        let (Some(w), Some(t)) = (wrap.get(), tools.get()) else {
            return;
        };
        let (a, b) = (w.get_bounding_client_rect(), t.get_bounding_client_rect());
        if b.width() <= 0.0 {
            return;
        }
        let up = |x: f64| ((x + 4.0) / 4.0).ceil() * 4.0;
        let c = (up(a.right() - b.left()), up(b.bottom() - a.top()));
        if corner.get_untracked() != c {
            corner.set(c);
        }
    });
}

/// Gives `c` a backing store of `w`×`h` CSS px at `dpr` (only when it differs, since
/// resizing clears the canvas).
pub fn backing_store(c: &HtmlCanvasElement, w: f64, h: f64, dpr: f64) {
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if c.width() != pw || c.height() != ph {
        c.set_width(pw);
        c.set_height(ph);
    }
}
