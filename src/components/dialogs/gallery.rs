//! The scenario gallery: every library lesson with its one-line summary and an "Open"
//! button. Opening replaces the scenario as one undoable edit and runs its lesson trace.

use crate::components::dialogs::modal::Modal;
use crate::components::shell::toolbar::Dialogs;
use crate::startup::{open_loaded, run_lesson};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::library::{LibraryEntry, LIBRARY};

#[component]
pub fn Gallery() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialogs = expect_context::<Dialogs>();
    let open = move |e: &'static LibraryEntry| {
        match vpc_engine::load(e.json) {
            Ok(s) => {
                dialogs.welcome.set(false);
                open_loaded(state, s);
                run_lesson(state);
            }
            Err(err) => state.show_notice(
                NoticeKind::Error,
                format!("The library scenario \"{}\" does not load: {err}", e.title),
            ),
        }
        dialogs.close();
    };
    let item = move |(i, e): (usize, &'static LibraryEntry)| {
        let title_id = format!("gallery-item-{i}");
        view! {
            <li class="gallery-item" data-testid=format!("gallery-{}", e.slug)>
                <div class="gallery-text">
                    <h3 id=title_id>{e.title}</h3>
                    <p>{e.summary}</p>
                </div>
                <button type="button" class="primary" aria-label=format!("Open {}", e.title)
                    data-autofocus=(i == 0).then_some("") on:click=move |_| open(e)>"Open"</button>
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
