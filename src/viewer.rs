//! The viewer: the page a trainer's `<iframe>` loads (`embed.html`, the crate built without
//! its default `editor` feature). It shows what embed mode shows (the lesson bar, the canvas
//! with its verdict line and step controls, the trace details behind **Steps**, the From/To
//! form with `&controls=1`) and reads every option of the URL contract, but holds none of
//! the editor, the dialogs, the reachability matrix or autosave: the learner who only
//! watches downloads less before the first paint.
//!
//! The page is always in embed mode, whatever its address says (`startup::page_options`).

use crate::components::shell::frame::{projector_mode, NoticeBanner, Stage, TraceDetails};
use crate::components::shell::lesson::LessonBar;
use crate::startup;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Viewer() -> impl IntoView {
    // The autosaved work, read like the app (U6: a page without a link shows the reader's
    // own work) but never written.
    let (initial, restored) = startup::restore();
    let state = AppState::new(initial);
    provide_context(state);
    startup::start(state, restored);
    startup::follow_share_links(state);
    projector_mode(state);
    view! {
        <div class="app embed" class:present=move || state.present.get()
            class:details-open=move || state.details_open.get()>
            <NoticeBanner/>
            <LessonBar/>
            <main class="workspace">
                <Stage/>
                <TraceDetails/>
            </main>
        </div>
    }
}
