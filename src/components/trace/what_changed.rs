//! What changed since the last run of the same trace (the engine's `diff`), as sentences.

use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn WhatChanged() -> impl IntoView {
    let state = expect_context::<AppState>();
    let changes = move || {
        state.run.with(|r| {
            r.as_ref()
                .and_then(|r| r.changes.as_ref())
                .map(|d| d.changes.clone())
                .unwrap_or_default()
        })
    };
    move || {
        let list = changes();
        (!list.is_empty()).then(|| {
            view! {
                <section class="what-changed" aria-label="What changed" data-testid="what-changed">
                    <h3>"What changed since the last run"</h3>
                    <ul>{list.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                </section>
            }
        })
    }
}
