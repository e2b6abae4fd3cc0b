//! Findings: placeholder until its owner builds it.
use leptos::prelude::*;

#[component]
pub fn Findings() -> impl IntoView {
    view! { <div class="findings"></div> }
}
