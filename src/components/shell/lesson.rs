//! The lesson bar: the scenario's question, with its answer behind a button. In embed mode
//! it folds to one line (the question cut with an ellipsis) until the reader unfolds it or
//! asks for the answer, so the diagram keeps the frame.
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn LessonBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (shown, set_shown) = signal(false);
    let (unfolded, set_unfolded) = signal(false);
    let folded = move || state.embed.get() && !unfolded.get();
    move || {
        state.scenario.with(|s| s.lesson.clone()).filter(|l| !l.question.is_empty()).map(|l| {
            let answer = l.answer.clone();
            let question = l.question.clone();
            view! {
                <section class="lesson" class:folded=folded aria-label="Lesson">
                    <p class="lesson-question" title=move || folded().then(|| question.clone())>
                        <strong>"Lesson: "</strong>{l.question.clone()}
                    </p>
                    <button on:click=move |_| {
                        let show = !shown.get_untracked();
                        set_shown.set(show);
                        if show {
                            set_unfolded.set(true);
                        }
                    }>
                        {move || if shown.get() { "Hide answer" } else { "Show answer" }}
                    </button>
                    <Show when=move || state.embed.get()>
                        <button class="lesson-fold" aria-expanded=move || unfolded.get().to_string()
                            on:click=move |_| set_unfolded.update(|u| *u = !*u)>
                            {move || if unfolded.get() { "Fold lesson" } else { "Whole lesson" }}
                        </button>
                    </Show>
                    <Show when=move || shown.get() && !folded()>
                        <p class="lesson-answer">{answer.clone()}</p>
                    </Show>
                </section>
            }
        })
    }
}
