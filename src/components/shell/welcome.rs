//! The first-run welcome card: says what the moving packet is doing and offers the
//! scenario library. Closing it is remembered in local storage.

use crate::components::shell::toolbar::{DialogKind, Dialogs};
use crate::storage;
use leptos::prelude::*;

#[component]
pub fn Welcome() -> impl IntoView {
    let dialogs = expect_context::<Dialogs>();
    let dismiss = move |_| {
        storage::dismiss_welcome();
        dialogs.welcome.set(false);
    };
    let browse = move |_| {
        storage::dismiss_welcome();
        dialogs.welcome.set(false);
        dialogs.open.set(Some(DialogKind::Gallery));
    };
    view! {
        <Show when=move || dialogs.welcome.get()>
            <section class="welcome-card" aria-labelledby="welcome-title" data-testid="welcome">
                <h2 id="welcome-title">"First time here?"</h2>
                <p>
                    "Welcome to vpc-playground. This packet is trying to go from A to C through B. "
                    "A is peered with B and B with C: watch where it stops, then read why in the "
                    "trace panel."
                </p>
                <div class="welcome-actions">
                    <button type="button" class="primary" on:click=browse>"Browse scenarios"</button>
                    <button type="button" on:click=dismiss>"Close welcome"</button>
                </div>
            </section>
        </Show>
    }
}
