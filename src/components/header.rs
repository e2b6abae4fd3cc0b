//! The header bar: the app's name and the scenario-wide actions.
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="header">
            <h1 class="brand">"vpc-playground"</h1>
            <span class="tagline">"AWS networking, hop by hop"</span>
        </header>
    }
}
