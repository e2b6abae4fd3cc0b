//! A modal dialog shell shared by the share features' dialogs: `role="dialog"` with
//! `aria-modal`, named by its heading; focus moves in on open, stays inside (Tab wraps),
//! Escape or the close button closes, and focus returns to what had it before.
//! Also the clipboard helper the dialogs' "Copy" buttons use.

use crate::components::shell::toolbar::Dialogs;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// What had focus when the open dialog opened (one dialog is open at a time).
    static RETURN_FOCUS: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    crate::dom::descendants_matching(root, FOCUSABLE)
        .into_iter()
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component]
pub fn Modal(
    /// The heading, which is also the dialog's accessible name.
    title: &'static str,
    /// Prefix for element ids and the `data-testid` of the dialog.
    id: &'static str,
    /// Called when the learner closes the dialog (Escape, close button, backdrop); by
    /// default it closes the open dialog (`Dialogs::close`).
    #[prop(optional)]
    on_close: Option<Callback<()>>,
    /// The paragraph under the heading that says what the dialog does.
    #[prop(optional)]
    intro: Option<&'static str>,
    /// A wider panel, for dialogs that show long lines (lists of notes).
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let on_close = on_close.unwrap_or_else(|| {
        let dialogs = expect_context::<Dialogs>();
        Callback::new(move |_| dialogs.close())
    });
    let previous = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    RETURN_FOCUS.with(|r| *r.borrow_mut() = previous);
    on_cleanup(|| {
        RETURN_FOCUS.with(|r| {
            if let Some(el) = r.borrow_mut().take() {
                let _ = el.focus();
            }
        })
    });

    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(el) = panel.get() else { return };
        let preferred = el
            .query_selector("[data-autofocus]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let target = preferred.or_else(|| focusables(&el).into_iter().next());
        let _ = match target {
            Some(t) => t.focus(),
            None => el.focus(),
        };
    });

    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            on_close.run(());
        }
        "Tab" => {
            let Some(el) = panel.get_untracked() else {
                return;
            };
            let items = focusables(&el);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |x: &web_sys::HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == x.unchecked_ref::<web_sys::Element>())
            };
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    let on_backdrop = move |ev: web_sys::MouseEvent| {
        let on_self = match (ev.target(), ev.current_target()) {
            (Some(t), Some(c)) => t == c,
            _ => false,
        };
        if on_self {
            on_close.run(());
        }
    };
    let heading = format!("{id}-title");
    let heading_ref = heading.clone();
    view! {
        <div class="modal-backdrop" on:click=on_backdrop>
            <div class=if wide { "modal modal-wide" } else { "modal" } role="dialog" aria-modal="true" aria-labelledby=heading_ref
                data-testid=format!("{id}-dialog") tabindex="-1" node_ref=panel on:keydown=on_keydown>
                <div class="modal-head">
                    <h2 id=heading>{title}</h2>
                    <button type="button" class="modal-close" aria-label="Close"
                        on:click=move |_| on_close.run(())>"×"</button>
                </div>
                {intro.map(|t| view! { <p class="modal-intro">{t}</p> })}
                {children()}
            </div>
        </div>
    }
}

/// Copies `text` to the clipboard. Returns false when the browser has no clipboard access
/// here (no secure context, permission refused): the caller then selects the text instead.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let has = js_sys::Reflect::get(&nav, &"clipboard".into())
        .map(|c| c.is_object())
        .unwrap_or(false);
    if !has {
        return false;
    }
    let promise = nav.clipboard().write_text(text);
    leptos::__reexports::wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .is_ok()
}
