//! The transport bar under the canvas: play/pause, step back/forward, restart, speed and
//! "step N / M", with keyboard shortcuts (Space, ←, →, Home) outside text fields.

use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves the animation to `step` (clamped to 1..=steps) and pauses it.
pub fn go_to(state: AppState, step: usize) {
    let total = state
        .run
        .with_untracked(|r| r.as_ref().map(|r| r.steps()).unwrap_or(0));
    if total == 0 {
        return;
    }
    state.playing.set(false);
    state.step.set(step.clamp(1, total));
}

pub fn step_back(state: AppState) {
    go_to(state, state.step.get_untracked().saturating_sub(1));
}

pub fn step_forward(state: AppState) {
    go_to(state, state.step.get_untracked() + 1);
}

pub fn restart(state: AppState) {
    if state
        .run
        .with_untracked(|r| r.as_ref().is_some_and(|r| r.steps() > 0))
    {
        state.step.set(0);
        state.playing.set(true);
    }
}

pub fn toggle_play(state: AppState) {
    let total = state
        .run
        .with_untracked(|r| r.as_ref().map(|r| r.steps()).unwrap_or(0));
    if total == 0 {
        return;
    }
    if state.playing.get_untracked() {
        state.playing.set(false);
    } else {
        if state.step.get_untracked() >= total {
            state.step.set(0);
        }
        state.playing.set(true);
    }
}

/// True when a key press belongs to the focused control, not to the animation.
pub fn typing_in(ev: &web_sys::KeyboardEvent, key: &str) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    if matches!(tag.as_str(), "input" | "textarea" | "select")
        || el.has_attribute("contenteditable")
    {
        return true;
    }
    // Space on a button or row activates it; let it.
    key == " "
        && (tag == "button" || tag == "a" || el.get_attribute("role").as_deref() == Some("button"))
}

#[component]
pub fn Transport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let total = move || {
        state
            .run
            .with(|r| r.as_ref().map(|r| r.steps()).unwrap_or(0))
    };
    let none = move || total() == 0;

    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // A key already used where it was pressed (the canvas pans with the arrows).
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        if typing_in(&ev, &key) {
            return;
        }
        match key.as_str() {
            " " => toggle_play(state),
            "ArrowLeft" => step_back(state),
            "ArrowRight" => step_forward(state),
            "Home" => restart(state),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());

    let speed_text = move || format!("{}×", state.speed.get());
    view! {
        <div class="transport" role="toolbar" aria-label="Animation" data-testid="transport">
            <button aria-label="Restart" title="Restart (Home)" disabled=none
                on:click=move |_| restart(state)>
                <svg viewBox="0 0 14 14" aria-hidden="true"><rect x="1" y="2" width="2" height="10"/><path d="M13 2v10L4 7z"/></svg>
            </button>
            <button aria-label="Step back" title="Step back (←)" disabled=none
                on:click=move |_| step_back(state)>
                <svg viewBox="0 0 14 14" aria-hidden="true"><path d="M10 2v10L3 7z"/><rect x="11" y="2" width="2" height="10"/></svg>
            </button>
            <button class="primary play"
                aria-label=move || if state.playing.get() { "Pause" } else { "Play" }
                title=move || if state.playing.get() { "Pause (Space)" } else { "Play (Space)" }
                disabled=none on:click=move |_| toggle_play(state)>
                {move || if state.playing.get() {
                    view! { <svg viewBox="0 0 14 14" aria-hidden="true"><rect x="2" y="2" width="3.5" height="10"/><rect x="8.5" y="2" width="3.5" height="10"/></svg>"Pause" }.into_any()
                } else {
                    view! { <svg viewBox="0 0 14 14" aria-hidden="true"><path d="M3 1.5v11L12.5 7z"/></svg>"Play" }.into_any()
                }}
            </button>
            <button aria-label="Step forward" title="Step forward (→)" disabled=none
                on:click=move |_| step_forward(state)>
                <svg viewBox="0 0 14 14" aria-hidden="true"><rect x="1" y="2" width="2" height="10"/><path d="M4 2v10l7-5z"/></svg>
            </button>
            <label class="speed">
                "Speed "
                <input type="range" min="0.25" max="4" step="0.25" aria-label="Animation speed"
                    prop:value=move || state.speed.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            if v.is_finite() && v > 0.0 { state.speed.set(v) }
                        }
                    }/>
                <span class="speed-value">{speed_text}</span>
            </label>
            <span class="step-count" data-testid="step-count" aria-live="off">
                // The word apart: a short embed leaves it out of sight to give the verdict room.
                <span class="step-word">"step "</span>
                {move || format!("{} / {}", state.step.get().min(total()), total())}
            </span>
        </div>
    }
}
