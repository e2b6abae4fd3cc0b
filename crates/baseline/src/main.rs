//! The start-up baseline: the smallest Leptos (CSR) page that does what the app's first
//! screen does in kind (mount a view, draw on a canvas, announce in `role="status"`), built
//! with the same toolchain and release profile. `make bench` loads it beside the app in the
//! same run, so the app's start-up time can be read against what Leptos + WASM cost at all.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
fn Baseline() -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let ctx = c
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|x| x.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        if let Some(ctx) = ctx {
            ctx.set_fill_style_str("#0072B2");
            ctx.fill_rect(20.0, 20.0, 200.0, 100.0);
        }
        ready.set(true);
    });
    view! {
        <h1>"Baseline"</h1>
        <canvas node_ref=canvas width="640" height="360" data-testid="baseline-canvas"></canvas>
        <p role="status">{move || if ready.get() { "Ready" } else { "" }}</p>
    }
}

fn main() {
    leptos::mount::mount_to_body(Baseline);
}
