//! Keeps the canvas sized to its box: a ResizeObserver on the wrapper writes the box's CSS
//! size into a signal, and [`backing_store`] sizes a canvas's pixels by devicePixelRatio.

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

/// Gives `c` a backing store of `w`×`h` CSS px at `dpr` (only when it differs, since
/// resizing clears the canvas).
pub fn backing_store(c: &HtmlCanvasElement, w: f64, h: f64, dpr: f64) {
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if c.width() != pw || c.height() != ph {
        c.set_width(pw);
        c.set_height(ph);
    }
}
