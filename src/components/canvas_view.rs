//! The topology canvas: sized to its box, backing store scaled by devicePixelRatio.
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn CanvasView() -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0);
        let rect = el.get_bounding_client_rect();
        el.set_width((rect.width() * dpr).round().max(1.0) as u32);
        el.set_height((rect.height() * dpr).round().max(1.0) as u32);
        if let Some(ctx) = el
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        {
            let _ = ctx.scale(dpr, dpr);
            ctx.set_fill_style_str("#f7f9fc");
            ctx.fill_rect(0.0, 0.0, rect.width(), rect.height());
        }
    });
    view! {
        <canvas node_ref=canvas class="topology" data-testid="topology-canvas"
            role="img" aria-label="Topology diagram"></canvas>
    }
}
