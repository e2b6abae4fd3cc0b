//! The header bar: the app's name, Undo / Redo (buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y),
//! a slot for the scenario actions, "Acting as account" and the simulated clock that drives
//! peering request expiry, and the projector-mode switch (also the P key, see `app.rs`).

use crate::components::shell::toolbar::Toolbar;
use crate::state::{AppState, NoticeKind};
use leptos::ev;
use leptos::prelude::*;
use vpc_engine::peering::{self, Seconds};
use wasm_bindgen::JsCast;

/// The simulated clock as "Day D, HH:MM" (day 1 at time 0).
pub fn format_clock(t: Seconds) -> String {
    let day = t / 86_400 + 1;
    let h = (t % 86_400) / 3600;
    let m = (t % 3600) / 60;
    format!("Day {day}, {h:02}:{m:02}")
}

/// The accounts to offer in "Acting as": the scenario's (VPCs', then transit gateways', whose
/// owner accepts a transit gateway peering), in first-seen order, plus the current one if
/// it owns nothing yet.
pub fn accounts(s: &vpc_engine::Scenario, acting: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let owners = s.vpcs.iter().map(|v| &v.account);
    for a in owners.chain(s.transit_gateways.iter().map(|g| &g.account)) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    if !acting.is_empty() && !out.iter().any(|a| a == acting) {
        out.push(acting.to_string());
    }
    out
}

/// What a keyboard shortcut asks for, if anything. Inside text fields the browser's own
/// undo wins.
pub fn shortcut(key: &str, ctrl: bool, shift: bool, in_text_field: bool) -> Option<bool> {
    if !ctrl || in_text_field {
        return None;
    }
    match (key.to_ascii_lowercase().as_str(), shift) {
        ("z", false) => Some(false),
        ("z", true) | ("y", false) => Some(true),
        _ => None,
    }
}

fn typing_in(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "input" || tag == "textarea" || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let handle = window_event_listener(ev::keydown, move |ev| {
        if let Some(redo) = shortcut(
            &ev.key(),
            ev.ctrl_key() || ev.meta_key(),
            ev.shift_key(),
            typing_in(&ev),
        ) {
            ev.prevent_default();
            if redo {
                state.redo();
            } else {
                state.undo();
            }
        }
    });
    on_cleanup(move || handle.remove());

    let can_undo = move || state.history.with(|h| h.can_undo());
    let can_redo = move || state.history.with(|h| h.can_redo());
    let account_options = move || {
        let acting = state.acting_account.get();
        state.scenario.with(|s| accounts(s, &acting))
    };
    let account_option = move |a: String| {
        let this = a.clone();
        let sel = move || state.acting_account.with(|x| *x == this);
        view! { <option value=a.clone() selected=sel>{a.clone()}</option> }
    };
    let advance = move |by: Seconds| {
        move |_| {
            let now = state.clock.get_untracked() + by;
            state.clock.set(now);
            let (next, expired) = state.request_log.with_untracked(|log| {
                state
                    .scenario
                    .with_untracked(|s| peering::expire(s, log, now))
            });
            if !expired.is_empty() {
                state.commit(next);
                state.show_notice(
                    NoticeKind::Info,
                    format!(
                        "Expired after 7 days without an answer: {}.",
                        expired.join(", ")
                    ),
                );
            }
        }
    };
    // On a phone the controls wait behind "Menu" so the lesson and the diagram come first.
    let (menu, set_menu) = signal(false);
    view! {
        <header class="header" class:menu-open=move || menu.get()>
            <h1 class="brand">"vpc-playground"</h1>
            <span class="tagline">"AWS networking, hop by hop"</span>
            <button type="button" class="menu-toggle" aria-controls="header-more"
                aria-expanded=move || menu.get().to_string()
                on:click=move |_| set_menu.update(|m| *m = !*m)>"Menu"</button>
            <div class="header-more" id="header-more">
                <div class="history" role="group" aria-label="History">
                    <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" data-testid="undo"
                        disabled=move || !can_undo() on:click=move |_| state.undo()>"↶ Undo"</button>
                    <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" data-testid="redo"
                        disabled=move || !can_redo() on:click=move |_| state.redo()>"↷ Redo"</button>
                </div>
                <button type="button" class="present-toggle" title="Projector mode: larger text and packet, no editor (P)"
                    aria-pressed=move || state.present.get().to_string()
                    on:click=move |_| state.present.update(|p| *p = !*p)>"Projector"</button>
                <div class="header-actions"><Toolbar/></div>
                <div class="acting">
                    <label for="acting-as">"Acting as account"</label>
                    <select id="acting-as" data-testid="acting-as"
                        on:change=move |ev| state.acting_account.set(event_target_value(&ev))>
                        <For each=account_options key=|a| a.clone() children=account_option/>
                    </select>
                </div>
                <div class="clock" role="group" aria-label="Simulated clock">
                    <span class="clock-now" data-testid="clock" aria-live="polite">{move || format_clock(state.clock.get())}</span>
                    <button type="button" aria-label="+1 hour" on:click=advance(3600)>"+1 hour"</button>
                    <button type="button" aria-label="+1 day" on:click=advance(86_400)>"+1 day"</button>
                    <button type="button" aria-label="+7 days" on:click=advance(7 * 86_400)>"+7 days"</button>
                </div>
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_format() {
        let cases = [
            (0, "Day 1, 00:00"),
            (3600, "Day 1, 01:00"),
            (86_400 + 90 * 60, "Day 2, 01:30"),
            (7 * 86_400, "Day 8, 00:00"),
        ];
        for (t, want) in cases {
            assert_eq!(format_clock(t), want);
        }
    }

    #[test]
    fn shortcuts() {
        let cases = [
            ("z", true, false, false, Some(false)),
            ("Z", true, true, false, Some(true)),
            ("y", true, false, false, Some(true)),
            ("z", true, false, true, None),
            ("z", false, false, false, None),
            ("a", true, false, false, None),
        ];
        for (k, c, s, t, want) in cases {
            assert_eq!(shortcut(k, c, s, t), want, "{k} {c} {s} {t}");
        }
    }

    #[test]
    fn accounts_in_order_with_acting() {
        let s: vpc_engine::Scenario = serde_json::from_str(
            r#"{"format":"vpc-playground/1","vpcs":[
            {"id":"a","account":"111111111111","region":"us-east-1","cidrs":["10.0.0.0/16"]},
            {"id":"b","account":"222222222222","region":"us-east-1","cidrs":["10.1.0.0/16"]},
            {"id":"c","account":"111111111111","region":"us-east-1","cidrs":["10.2.0.0/16"]}]}"#,
        )
        .unwrap();
        assert_eq!(
            accounts(&s, "111111111111"),
            vec!["111111111111", "222222222222"]
        );
        assert_eq!(accounts(&s, "333333333333").len(), 3);
        // A transit gateway's owner accepts its peering requests: offered too.
        let s: vpc_engine::Scenario = serde_json::from_str(
            r#"{"format":"vpc-playground/2","vpcs":[
            {"id":"a","account":"111111111111","region":"us-east-1","cidrs":["10.0.0.0/16"]}],
            "transit_gateways":[{"id":"tgw-2","account":"444444444444","region":"eu-west-1"}]}"#,
        )
        .unwrap();
        assert_eq!(accounts(&s, ""), vec!["111111111111", "444444444444"]);
    }
}
