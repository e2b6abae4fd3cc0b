//! The event list: one row per hop, forward then return, synced with the animation. The
//! current row is highlighted; clicking a row (or Enter/Space on it) jumps there.

use super::trace_text::action_word;
use super::transport::go_to;
use crate::components::id_text::IdText;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::{Action, Hop};

#[component]
pub fn EventList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state.run.with(|r| {
            r.as_ref()
                .and_then(|r| r.result.as_ref().ok())
                .map(|t| (t.hops.clone(), t.return_hops.clone()))
        })
    };
    let row = move |n: usize, h: Hop, back: bool| {
        let current = move || state.step.get() == n;
        let class = match (h.action, back) {
            (Action::Drop, _) => "event drop",
            (_, true) => "event back",
            _ => "event",
        };
        view! {
            <li>
                <button type="button" class=class class:current=current data-testid="event-row"
                    aria-current=move || if current() { "step" } else { "false" }
                    on:click=move |_| go_to(state, n)>
                    <span class="event-n">{n}</span>
                    <span class="event-at">{h.at.clone()}</span>
                    <span class="event-action">{action_word(h.action)}</span>
                    <span class="event-note"><IdText text=h.note.clone()/></span>
                </button>
            </li>
        }
    };
    move || {
        rows().map(|(fwd, back)| {
            let nf = fwd.len();
            let has_back = !back.is_empty();
            view! {
                <section class="events" aria-label="Events" data-testid="events">
                    <h3>"Events"</h3>
                    <ol class="event-list">
                        {fwd.into_iter().enumerate().map(|(i, h)| row(i + 1, h, false)).collect_view()}
                    </ol>
                    {has_back.then(|| view! { <h4 class="return-head">"Reply"</h4> })}
                    <ol class="event-list" start=(nf + 1).to_string()>
                        {back.into_iter().enumerate().map(|(i, h)| row(nf + i + 1, h, true)).collect_view()}
                    </ol>
                </section>
            }
        })
    }
}
