//! Transport: placeholder until its owner builds it.
use leptos::prelude::*;

#[component]
pub fn Transport() -> impl IntoView {
    view! { <div class="transport"></div> }
}
