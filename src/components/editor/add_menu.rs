//! "Add resource": a select of every kind; choosing one adds it with defaults next to the
//! selected resource and opens its form.
//!
//! With the mouse (or the browser's open list) a choice adds at once. From the keyboard a
//! closed select changes on every arrow key or typed letter, so adding on each change would
//! add a VPC at the first ArrowDown and never let the learner reach "Subnet": keys browse
//! the kinds, Enter adds the one shown, and leaving the select adds nothing.

use super::create::{add, context_of};
use super::refs;
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;

/// What a key pressed on the closed select means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyIntent {
    /// Arrow, Home/End, Page keys or a typed letter: the shown kind changes, nothing is added.
    Browse,
    /// Enter: add the kind shown.
    Add,
    /// Space, F4 or Alt+arrow open the browser's list, whose choice adds at once.
    OpenList,
    Other,
}

pub fn key_intent(key: &str, alt: bool) -> KeyIntent {
    match key {
        "Enter" => KeyIntent::Add,
        " " | "F4" => KeyIntent::OpenList,
        "ArrowUp" | "ArrowDown" if alt => KeyIntent::OpenList,
        "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown" => KeyIntent::Browse,
        k if k.chars().count() == 1 && !alt => KeyIntent::Browse,
        _ => KeyIntent::Other,
    }
}

#[component]
pub fn AddMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let select = NodeRef::<leptos::html::Select>::new();
    // The shown kind came from browsing keys and waits for Enter.
    let browsing = RwSignal::new(false);
    let reset = move || {
        browsing.set(false);
        if let Some(el) = select.get_untracked() {
            el.set_value("");
        }
    };
    let add_kind = move |value: String| {
        reset();
        let Some(kind) = refs::from_prefix(&value) else {
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
                format!("Cannot add a {}: {why}", refs::label(kind)),
            ),
        }
    };
    let on_change = move |ev| {
        if !browsing.get_untracked() {
            add_kind(event_target_value(&ev));
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| match key_intent(&ev.key(), ev.alt_key()) {
        KeyIntent::Browse => browsing.set(true),
        KeyIntent::OpenList => browsing.set(false),
        KeyIntent::Add => {
            let value = select
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default();
            if !value.is_empty() {
                ev.prevent_default();
                add_kind(value);
            }
        }
        KeyIntent::Other => {}
    };
    let on_blur = move |_| {
        if browsing.get_untracked() {
            reset();
        }
    };
    let format = Memo::new(move |_| state.scenario.with(|s| s.format));
    view! {
        <div class="add-menu">
            <label for="add-resource" class="visually-hidden">"Add resource"</label>
            <select id="add-resource" node_ref=select data-testid="add-resource"
                aria-describedby="add-resource-keys"
                on:change=on_change on:keydown=on_keydown on:blur=on_blur>
                <option value="" selected=true>"+ Add resource…"</option>
                {move || refs::addable(format.get())
                    .map(|k| view! { <option value=k.id_prefix()>{refs::label(k)}</option> })
                    .collect_view()}
            </select>
            <span id="add-resource-keys" class="visually-hidden">"Arrow keys choose a kind; Enter adds it."</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_browse_and_enter_adds() {
        let cases = [
            ("ArrowDown", false, KeyIntent::Browse),
            ("ArrowUp", false, KeyIntent::Browse),
            ("End", false, KeyIntent::Browse),
            ("s", false, KeyIntent::Browse),
            ("Enter", false, KeyIntent::Add),
            (" ", false, KeyIntent::OpenList),
            ("ArrowDown", true, KeyIntent::OpenList),
            ("F4", false, KeyIntent::OpenList),
            ("Tab", false, KeyIntent::Other),
            ("Escape", false, KeyIntent::Other),
        ];
        for (key, alt, want) in cases {
            assert_eq!(key_intent(key, alt), want, "{key:?} alt={alt}");
        }
    }
}
