//! The Share dialog: a link that carries the whole scenario, the trace that ran, its packet
//! and the animation step (`#s=DATA&from=ID&to=DST&step=N&proto=P&port=N`), with a "Copy link" button. The page's
//! own address is left alone (no history entry per edit).

use crate::components::dialogs::modal::{copy_to_clipboard, Modal};
use crate::state::AppState;
use crate::url;
use leptos::prelude::*;
use vpc_engine::share::{build_fragment, ShareLink};

/// Links longer than this may be cut by chat and mail tools.
const LONG_LINK: usize = 8_000;

/// The share link for what is on screen now.
pub fn current_share_link(state: AppState) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let run = state.run.get_untracked();
    let non_empty = |s: String| (!s.is_empty()).then_some(s);
    let (from, to, step, packet) = match run {
        Some(r) => (
            non_empty(r.from),
            non_empty(r.to),
            Some(state.step.get_untracked()),
            r.packet,
        ),
        None => (None, None, None, state.trace_packet.get_untracked()),
    };
    let link = ShareLink {
        scenario: state.scenario.get_untracked(),
        from,
        to,
        step,
    };
    // The packet rides after the engine's fragment as `&proto=&port=` (U10).
    let fragment = format!("{}{}", build_fragment(&link), url::packet_options(packet));
    url::share_link(&href, &fragment)
}

/// What the copy buttons report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Not,
    Yes,
    Selected,
}

/// Copies `text` to the clipboard; where the browser refuses, runs `select_field` so the
/// user can copy by hand. `copied` says which happened.
pub fn copy_or_select(text: String, copied: RwSignal<Copied>, select_field: impl Fn() + 'static) {
    leptos::task::spawn_local(async move {
        if copy_to_clipboard(&text).await {
            copied.set(Copied::Yes);
        } else {
            select_field();
            copied.set(Copied::Selected);
        }
    });
}

pub fn copied_text(c: Copied) -> &'static str {
    match c {
        Copied::Not => "",
        Copied::Yes => "Copied to the clipboard.",
        Copied::Selected => "Selected: press Ctrl+C (⌘C) to copy.",
    }
}

#[component]
pub fn ShareDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let link = current_share_link(state);
    let long = link.len() > LONG_LINK;
    let chars = link.len();
    let field = NodeRef::<leptos::html::Input>::new();
    let copied = RwSignal::new(Copied::Not);
    let text = link.clone();
    let copy = move |_| {
        copy_or_select(text.clone(), copied, move || {
            if let Some(f) = field.get_untracked() {
                f.select();
                let _ = f.focus();
            }
        })
    };
    view! {
        <Modal title="Share this scenario" id="share"
            intro="Anyone who opens this link sees this topology, this trace and this step. Everything is inside the link: nothing is uploaded.">
            <label for="share-link" class="field-label">"Share link"</label>
            <div class="copy-row">
                <input id="share-link" type="text" readonly data-testid="share-link" value=link
                    node_ref=field on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            i.select();
                        }
                    }/>
                <button type="button" class="primary" data-autofocus="" on:click=copy>"Copy link"</button>
            </div>
            <p class="copy-status" aria-live="polite">{move || copied_text(copied.get())}</p>
            {long.then(|| view! {
                <p class="field-note">
                    {format!("This link is {} characters long; some chat and mail tools cut long links. Export JSON shares a file instead.", vpc_engine::share::grouped(chars))}
                </p>
            })}
        </Modal>
    }
}
