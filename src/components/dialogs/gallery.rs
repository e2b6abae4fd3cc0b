//! The scenario gallery: every library lesson with its one-line summary and an "Open"
//! button. Opening fetches the lesson's file from the site (`scenarios/`, beside the page;
//! only the welcome lesson is compiled in), then replaces the scenario as one undoable edit
//! and runs its lesson trace. A lesson that cannot be fetched says why at its own button and
//! leaves the work as it is.

use crate::components::dialogs::modal::Modal;
use crate::components::shell::toolbar::Dialogs;
use crate::startup::{fetch_scenario, open_loaded, run_lesson};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::library::{LibraryEntry, LIBRARY};

/// Where a lesson's Open stands: fetching, or failed with the reason.
#[derive(Debug, Clone, PartialEq)]
enum Opening {
    Fetching(usize),
    Failed(usize, String),
}

#[component]
pub fn Gallery() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialogs = expect_context::<Dialogs>();
    let opening: RwSignal<Option<Opening>> = RwSignal::new(None);
    let open = move |i: usize, e: &'static LibraryEntry| {
        opening.set(Some(Opening::Fetching(i)));
        leptos::task::spawn_local(async move {
            let fetched = fetch_scenario(&format!("scenarios/{}", e.file)).await;
            // The learner changed their mind meanwhile: another lesson's Open was pressed
            // since, or the gallery was closed (its signal went with it).
            if opening.try_get_untracked().flatten() != Some(Opening::Fetching(i)) {
                return;
            }
            match fetched {
                Ok(l) => {
                    dialogs.welcome.set(false);
                    open_loaded(state, l);
                    run_lesson(state);
                    dialogs.close();
                }
                Err(why) => opening.set(Some(Opening::Failed(i, why))),
            }
        });
    };
    let item = move |(i, e): (usize, &'static LibraryEntry)| {
        let title_id = format!("gallery-item-{i}");
        let error_id = format!("gallery-error-{i}");
        let fetching = move || opening.with(|o| *o == Some(Opening::Fetching(i)));
        let failed = move || match opening.get() {
            Some(Opening::Failed(at, why)) if at == i => Some(why),
            _ => None,
        };
        let describedby = {
            let error_id = error_id.clone();
            move || failed().map(|_| error_id.clone())
        };
        view! {
            <li class="gallery-item" data-testid=format!("gallery-{}", e.slug)>
                <div class="gallery-text">
                    <h3 id=title_id>{e.title}</h3>
                    <p>{e.summary}</p>
                    {move || failed().map(|why| view! {
                        <p class="field-error" role="alert" id=error_id.clone()>
                            <span class="field-error-icon" aria-hidden="true">"✖"</span>
                            {format!("This lesson could not be opened: {why}. Check the connection and try again; your work is kept.")}
                        </p>
                    })}
                </div>
                <button type="button" class="primary" aria-label=format!("Open {}", e.title)
                    aria-describedby=describedby aria-busy=move || fetching().then_some("true")
                    data-autofocus=(i == 0).then_some("") on:click=move |_| {
                        if !fetching() {
                            open(i, e)
                        }
                    }>
                    {move || if fetching() { "Opening…" } else { "Open" }}
                </button>
            </li>
        }
    };
    view! {
        <Modal title="Scenario library" id="gallery"
            intro="Classic exam situations. Each opens with a question and sends its packet; your current work stays one Undo away.">
            <ul class="gallery-list">
                <For each=|| LIBRARY.iter().enumerate() key=|(_, e)| e.slug children=item/>
            </ul>
        </Modal>
    }
}
