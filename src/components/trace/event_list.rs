//! The event list: one row per hop, forward then return, synced with the animation. The
//! current row is highlighted; clicking a row (or Enter/Space on it) jumps there. A drop's
//! note ends with its nearest Reachability Analyzer explanation code.

use super::trace_text::action_word;
use super::transport::go_to;
use crate::components::id_text::IdText;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::{Action, Hop};

/// The hop at animation step `n` (1-based: forward hops, then the reply's) of the current
/// run, and whether it is on the way back.
fn hop_at(state: AppState, n: usize) -> Option<(Hop, bool)> {
    state.run.with(|r| {
        let t = r.as_ref()?.result.as_ref().ok()?;
        let i = n.checked_sub(1)?;
        match t.hops.get(i) {
            Some(h) => Some((h.clone(), false)),
            None => t
                .return_hops
                .get(i - t.hops.len())
                .map(|h| (h.clone(), true)),
        }
    })
}

/// The row of step `n`. Rows are keyed by their step, so a new run with the same number of
/// hops updates the rows in place and a row that had focus keeps it.
#[component]
fn EventRow(n: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let hop = Memo::new(move |_| hop_at(state, n));
    let current = move || state.step.get() == n;
    let class = move || {
        hop.with(|h| match h {
            Some((h, _)) if h.action == Action::Drop => "event drop",
            Some((_, true)) => "event back",
            _ => "event",
        })
    };
    let text = move |f: fn(&Hop) -> String| move || hop.with(|h| h.as_ref().map(|(h, _)| f(h)));
    view! {
        <li>
            <button type="button" class=class class:current=current data-testid="event-row"
                aria-current=move || if current() { "step" } else { "false" }
                on:click=move |_| go_to(state, n)>
                <span class="event-n">{n}</span>
                <span class="event-at">{text(|h| h.at.to_string())}</span>
                <span class="event-action">{text(|h| action_word(h.action).to_string())}</span>
                <span class="event-note">
                    {move || hop.with(|h| h.as_ref().map(|(h, _)| view! { <IdText text=h.note.clone()/> }))}
                    {move || hop.with(|h| {
                        let code = h.as_ref()?.0.reason?.explanation_code()?;
                        Some(view! { " " <span class="event-code">"(Reachability Analyzer: "<code>{code}</code>")"</span> })
                    })}
                </span>
            </button>
        </li>
    }
}

#[component]
pub fn EventList() -> impl IntoView {
    let state = expect_context::<AppState>();
    // (forward hops, reply hops) of the current run, when it has a trace.
    let counts = Memo::new(move |_| {
        state.run.with(|r| {
            r.as_ref()
                .and_then(|r| r.result.as_ref().ok())
                .map(|t| (t.hops.len(), t.return_hops.len()))
        })
    });
    let nf = move || counts.get().map_or(0, |c| c.0);
    let nb = move || counts.get().map_or(0, |c| c.1);
    view! {
        <Show when=move || counts.get().is_some()>
            <section class="events" aria-label="Events" data-testid="events">
                <h3>"Events"</h3>
                <ol class="event-list">
                    <For each=move || 1..=nf() key=|n| *n children=|n| view! { <EventRow n/> }/>
                </ol>
                <Show when=move || { nb() > 0 }>
                    <h4 class="return-head">"Reply"</h4>
                </Show>
                <ol class="event-list" start=move || (nf() + 1).to_string()>
                    <For each=move || nf() + 1..=nf() + nb() key=|n| *n children=|n| view! { <EventRow n/> }/>
                </ol>
            </section>
        </Show>
    }
}
