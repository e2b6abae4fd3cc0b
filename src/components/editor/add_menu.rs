//! "Add resource": a select of every kind; choosing one adds it with defaults next to the
//! selected resource and opens its form.

use super::create::{add, context_of};
use super::refs::Kind;
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;

#[component]
pub fn AddMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let select = NodeRef::<leptos::html::Select>::new();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some(el) = select.get_untracked() {
            el.set_value("");
        }
        let Some(kind) = Kind::from_prefix(&value) else {
            return;
        };
        let account = state.acting_account.get_untracked();
        let selected = state.selected.get_untracked();
        let result = state.scenario.with_untracked(|s| {
            let c = context_of(s, selected.as_deref());
            add(s, kind, &c, &account)
        });
        match result {
            Ok((next, id)) => {
                if super::commit_or_notice(state, next) {
                    state.selected.set(Some(id));
                    state.notice.set(None);
                }
            }
            Err(why) => state.show_notice(
                NoticeKind::Error,
                format!("Cannot add a {}: {why}", kind.label()),
            ),
        }
    };
    view! {
        <div class="add-menu">
            <label for="add-resource" class="visually-hidden">"Add resource"</label>
            <select id="add-resource" node_ref=select data-testid="add-resource" on:change=on_change>
                <option value="" selected=true>"+ Add resource…"</option>
                {Kind::ADDABLE
                    .iter()
                    .map(|k| view! { <option value=k.prefix()>{k.label()}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
