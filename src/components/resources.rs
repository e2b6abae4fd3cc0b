//! Resources: placeholder until its owner builds it.
use leptos::prelude::*;

#[component]
pub fn Resources() -> impl IntoView {
    view! { <div class="resources"></div> }
}
