//! TracePanel: placeholder until its owner builds it.
use leptos::prelude::*;

#[component]
pub fn TracePanel() -> impl IntoView {
    view! { <div class="trace_panel"></div> }
}
