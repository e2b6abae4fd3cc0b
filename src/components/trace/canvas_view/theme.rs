//! The canvas's colours and size from the page's CSS: reads the `--canvas-*` custom
//! properties into the drawing palette, and `--canvas-scale` (projector mode sets it above 1
//! to enlarge the packet and let Fit zoom further), at start and whenever the theme changes:
//! a `data-theme`, `data-present` (projector mode), `class` or `style` change on the root
//! element, or the system's colour scheme.

use crate::canvas::palette::{self, Palette};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a custom property of the root element (None when the page has no such property).
fn read_root() -> impl Fn(&str) -> Option<String> {
    let style = web_sys::window().and_then(|w| {
        let root = w.document()?.document_element()?;
        w.get_computed_style(&root).ok().flatten()
    });
    move |name: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .filter(|v| !v.trim().is_empty())
    }
}

/// Reads the palette and the scale from the page now.
fn read() -> (Palette, f64) {
    let read = read_root();
    let scale = read("--canvas-scale")
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(1.0)
        .clamp(0.5, 3.0);
    (Palette::from_css(read), scale)
}

/// Applies the page's palette now and on every theme change; `changed` is bumped each time
/// (the view redraws on it) and `scale` holds `--canvas-scale`.
pub fn watch(changed: RwSignal<u32>, scale: RwSignal<f64>) {
    let apply = move || {
        let (p, s) = read();
        palette::set(p);
        scale.set(s);
        changed.update(|n| *n = n.wrapping_add(1));
    };
    apply();
    let Some(win) = web_sys::window() else { return };
    let cb = Closure::<dyn FnMut()>::new(apply);
    if let Some(root) = win.document().and_then(|d| d.document_element()) {
        if let Ok(obs) = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()) {
            let init = web_sys::MutationObserverInit::new();
            init.set_attributes(true);
            let names = js_sys::Array::of4(
                &JsValue::from_str("data-theme"),
                &JsValue::from_str("data-present"),
                &JsValue::from_str("class"),
                &JsValue::from_str("style"),
            );
            init.set_attribute_filter(&names);
            let _ = obs.observe_with_options(&root, &init);
        }
    }
    if let Ok(Some(mq)) = win.match_media("(prefers-color-scheme: dark)") {
        let _ = mq.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
    }
    cb.forget();
}
