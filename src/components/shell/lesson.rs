//! The lesson bar: the scenario's question, with its answer behind a button.
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn LessonBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (shown, set_shown) = signal(false);
    move || {
        state.scenario.with(|s| s.lesson.clone()).filter(|l| !l.question.is_empty()).map(|l| {
            let answer = l.answer.clone();
            view! {
                <section class="lesson" aria-label="Lesson">
                    <p class="lesson-question"><strong>"Lesson: "</strong>{l.question.clone()}</p>
                    <button on:click=move |_| set_shown.update(|v| *v = !*v)>
                        {move || if shown.get() { "Hide answer" } else { "Show answer" }}
                    </button>
                    <Show when=move || shown.get()>
                        <p class="lesson-answer">{answer.clone()}</p>
                    </Show>
                </section>
            }
        })
    }
}
