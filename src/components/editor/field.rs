//! The editor's generic fields: a labelled text input, select and checkbox list that parse
//! what the user typed, apply it through a callback, and show a refusal next to the field.
//!
//! A refused value stays in the input (so the user can fix it) with `aria-invalid` and an
//! inline message wired by `aria-describedby`; the model keeps its old value. When the model
//! changes (undo, another selection) the field shows the model again.
//!
//! A field that holds values of the document knows their JSON paths (`at`), and shows under
//! itself the findings `validate` reports at exactly those paths.

use super::parse::FieldError;
use crate::components::editor::findings::{
    notes_at_paths, severity_label, FieldNote, LiveFindings,
};
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh DOM id for wiring labels and messages (`f-12`).
pub fn dom_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The DOM ids a field wires together with `for` and `aria-describedby`: its control, its
/// refusal message and its findings.
struct FieldIds {
    input: String,
    msg: String,
    note: String,
}

impl FieldIds {
    fn new() -> FieldIds {
        let input = dom_id("f");
        FieldIds {
            msg: format!("{input}-msg"),
            note: format!("{input}-note"),
            input,
        }
    }
}

/// What a field does with a value: parse it and apply it to the scenario, or say why not.
pub type Apply = Callback<String, Result<(), FieldError>>;

/// The inline message under a field, with the one-click fix when there is one.
#[component]
pub(super) fn FieldMessage(
    msg_id: String,
    error: RwSignal<Option<FieldError>>,
    #[prop(into)] on_fix: Callback<(String, String)>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let fix = e.suggestion.clone().map(|(given, fixed)| {
                let label = format!("Use {fixed}");
                view! {
                    <button type="button" class="fix" data-testid="field-fix"
                        on:click=move |_| on_fix.run((given.clone(), fixed.clone()))>{label}</button>
                }
            });
            view! {
                <div class="field-error" id=msg_id.clone() data-testid="field-error" role="alert">
                    <span class="field-error-icon" aria-hidden="true">"✖"</span>
                    <span>{e.message.clone()}</span>
                    {fix}
                </div>
            }
        })
    }
}

/// The findings at the JSON paths `at`, as notes (none where no scenario is validated:
/// outside the full app, which provides the live findings, and in the viewer build, whose
/// one use of these fields, the packet picker, holds no value of the document).
pub fn notes_at(at: Option<Signal<Vec<String>>>) -> Signal<Vec<FieldNote>> {
    let live = use_context::<LiveFindings>();
    match (at, live) {
        (Some(paths), Some(live)) => Signal::derive(move || {
            let paths = paths.get();
            live.0.with(|f| notes_at_paths(f, &paths))
        }),
        _ => Signal::derive(Vec::new),
    }
}

/// The findings under a field: not a refusal (the value is in the model: docs/scenario-format.md D6),
/// but what AWS would say about it. Hidden while the field shows a refusal.
#[component]
pub fn FieldNotes(
    note_id: String,
    notes: Signal<Vec<FieldNote>>,
    #[prop(into)] hidden: Signal<bool>,
) -> impl IntoView {
    view! {
        // Polite live region: a screen reader hears the finding once the value applies.
        <div class="field-notes" id=note_id aria-live="polite" data-testid="field-notes"
            hidden=move || hidden.get()>
            {move || notes.get().into_iter().map(|n| {
                let (icon, word) = severity_label(n.severity);
                let class = format!("field-note field-note-{}", word.to_ascii_lowercase());
                view! {
                    <div class=class data-testid="field-note">
                        <span class="field-note-icon" aria-hidden="true">{icon}</span>
                        <span>{n.line}</span>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// A labelled one-line (or multi-line) text input applied on change (blur or Enter).
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    /// The label is read by screen readers only (a table's cell under its column heading).
    #[prop(optional)]
    hide_label: bool,
    /// Greyed out and not editable (a rule's ports for `icmp` or `all`).
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    /// The model's value, as text.
    #[prop(into)]
    value: Signal<String>,
    apply: Apply,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] testid: &'static str,
    /// The JSON paths of the values the field holds (`vpcs[0].cidrs[0]`): the findings at
    /// these paths show under it.
    #[prop(optional, into)]
    at: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let FieldIds {
        input: input_id,
        msg: msg_id,
        note: note_id,
    } = FieldIds::new();
    let hint_id = format!("{input_id}-hint");
    let notes = notes_at(at);
    let draft = RwSignal::new(value.get_untracked());
    let error: RwSignal<Option<FieldError>> = RwSignal::new(None);
    // The model changed (undo, selection, a fix elsewhere): show it and drop the message.
    Effect::new(move |_| {
        let v = value.get();
        draft.set(v);
        error.set(None);
    });
    let submit = move |text: String| {
        draft.set(text.clone());
        match apply.run(text) {
            Ok(()) => {
                error.set(None);
                // The model may normalise the text (trimmed, re-joined lists).
                draft.set(value.get_untracked());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let on_fix = Callback::new(move |(given, fixed): (String, String)| {
        let text = draft.get_untracked().replacen(&given, &fixed, 1);
        submit(text);
    });
    let described = {
        let msg_id = msg_id.clone();
        let hint_id = hint_id.clone();
        let note_id = note_id.clone();
        move || {
            let mut ids = Vec::new();
            if !hint.is_empty() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(msg_id.clone());
            } else if notes.with(|n| !n.is_empty()) {
                ids.push(note_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let testid = (!testid.is_empty()).then_some(testid);
    let control = if multiline {
        view! {
            <textarea id=input_id.clone() rows="3" placeholder=placeholder data-testid=testid
                prop:value=move || draft.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:change=move |ev| submit(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=input_id.clone() type="text" placeholder=placeholder data-testid=testid
                autocomplete="off" spellcheck="false"
                disabled=move || disabled.is_some_and(|d| d.get())
                prop:value=move || draft.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:change=move |ev| submit(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=input_id class=("visually-hidden", hide_label)>{label}</label>
            {control}
            {(!hint.is_empty()).then(|| view! { <div class="field-hint" id=hint_id>{hint}</div> })}
            <FieldMessage msg_id error on_fix/>
            <FieldNotes note_id notes hidden=move || error.with(Option::is_some)/>
        </div>
    }
}

/// A labelled select; `options` are (value, text) pairs.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    /// The label is read by screen readers only (a table's cell under its column heading).
    #[prop(optional)]
    hide_label: bool,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    apply: Apply,
    #[prop(optional)] testid: &'static str,
    /// The JSON path of the value the select holds: the findings there show under it.
    #[prop(optional, into)]
    at: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let error: RwSignal<Option<FieldError>> = RwSignal::new(None);
    let notes = notes_at(at);
    let FieldIds {
        input: input_id,
        msg: msg_id,
        note: note_id,
    } = FieldIds::new();
    let select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        value.track();
        error.set(None);
    });
    let on_change = move |ev| {
        let v = event_target_value(&ev);
        match apply.run(v) {
            Ok(()) => error.set(None),
            Err(e) => {
                error.set(Some(e));
                // Show the model's value again: the choice was not applied.
                if let Some(el) = select.get_untracked() {
                    el.set_value(&value.get_untracked());
                }
            }
        }
    };
    let described = {
        let (msg, note) = (msg_id.clone(), note_id.clone());
        move || {
            if error.with(Option::is_some) {
                Some(msg.clone())
            } else {
                notes.with(|n| !n.is_empty()).then(|| note.clone())
            }
        }
    };
    let testid = (!testid.is_empty()).then_some(testid);
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=input_id.clone() class=("visually-hidden", hide_label)>{label}</label>
            <select id=input_id node_ref=select data-testid=testid
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:change=on_change
                prop:value=move || value.get()>
                <For each=move || options.get() key=|o| o.clone() children=move |(v, t)| {
                    let this = v.clone();
                    view! { <option value=v selected=move || value.with(|c| *c == this)>{t}</option> }
                }/>
            </select>
            <FieldMessage msg_id error on_fix=Callback::new(|_| {})/>
            <FieldNotes note_id notes hidden=move || error.with(Option::is_some)/>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn CheckField(
    label: String,
    #[prop(into)] checked: Signal<bool>,
    apply: Callback<bool, Result<(), FieldError>>,
) -> impl IntoView {
    let error: RwSignal<Option<FieldError>> = RwSignal::new(None);
    let msg_id = dom_id("f");
    let msg = msg_id.clone();
    view! {
        <div class="check">
            <label>
                <input type="checkbox" prop:checked=move || checked.get()
                    aria-describedby=move || error.with(Option::is_some).then(|| msg.clone())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        match apply.run(on) {
                            Ok(()) => error.set(None),
                            Err(e) => {
                                error.set(Some(e));
                                if let Some(t) = ev.target() {
                                    use wasm_bindgen::JsCast;
                                    if let Ok(el) = t.dyn_into::<web_sys::HtmlInputElement>() {
                                        el.set_checked(checked.get_untracked());
                                    }
                                }
                            }
                        }
                    }/>
                " "{label}
            </label>
            <FieldMessage msg_id error on_fix=Callback::new(|_| {})/>
        </div>
    }
}

/// A group of checkboxes (associations, propagation) under a legend.
#[component]
pub fn CheckList(
    legend: &'static str,
    /// (id, text) of every choice.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The ids currently checked.
    #[prop(into)]
    checked: Signal<Vec<String>>,
    /// (id, on) → apply.
    apply: Callback<(String, bool), Result<(), FieldError>>,
    #[prop(optional)] empty: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="checklist">
            <legend>{legend}</legend>
            <Show when=move || !options.with(Vec::is_empty)
                fallback=move || view! { <p class="muted">{empty}</p> }>
                <For each=move || options.get() key=|o| o.clone() children=move |(id, text)| {
                    let id2 = id.clone();
                    view! {
                        <CheckField label=text
                            checked=Signal::derive(move || checked.with(|c| c.contains(&id2)))
                            apply=Callback::new(move |on| apply.run((id.clone(), on)))/>
                    }
                }/>
            </Show>
        </fieldset>
    }
}
