//! The Import dialog: a scenario from a `.json` file or pasted JSON. A document that does
//! not load shows the loader's JSON path and message next to the field it came from, and
//! nothing is applied; a good one replaces the scenario as one undoable edit.

use crate::components::modal::Modal;
use crate::components::toolbar::Dialogs;
use crate::startup::{open_scenario, run_lesson};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::load::MAX_SCENARIO_BYTES;
use vpc_engine::{load, LoadError, Scenario};
use wasm_bindgen::JsCast;

/// Why an import was refused, shown at the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The JSON path of the problem ("" for the whole document).
    pub path: String,
    pub message: String,
}

impl From<LoadError> for ImportError {
    fn from(e: LoadError) -> Self {
        ImportError {
            path: e.path,
            message: e.message,
        }
    }
}

fn whole(message: impl Into<String>) -> ImportError {
    ImportError {
        path: String::new(),
        message: message.into(),
    }
}

/// Makes an imported scenario the current one, the way both import dialogs do it: one
/// undoable edit, its lesson trace (if any) runs, the welcome card goes, and a notice says
/// that Undo brings the previous work back. `source` completes "Imported …".
pub fn open_imported(state: AppState, dialogs: Dialogs, s: Scenario, source: &str) {
    open_scenario(state, s);
    run_lesson(state);
    dialogs.welcome.set(false);
    state.show_notice(
        NoticeKind::Info,
        format!("Imported {source}. Undo puts your previous work back."),
    );
}

/// Loads `text`; on success the scenario is opened, its lesson trace runs and the dialog closes.
fn apply(state: AppState, dialogs: Dialogs, text: &str, source: &str) -> Result<(), ImportError> {
    let s = load(text)?;
    open_imported(state, dialogs, s, source);
    dialogs.close();
    Ok(())
}

#[component]
fn FieldError(error: RwSignal<Option<ImportError>>, id: &'static str) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let at = (!e.path.is_empty()).then(|| {
                view! { " At " <code data-testid="import-error-path">{e.path.clone()}</code> ": " }
            });
            view! {
                <p class="field-error" id=id role="alert" data-testid="import-error">
                    <strong>"Nothing was imported."</strong>
                    {at}
                    {e.message.clone()}
                </p>
            }
        })
    }
}

#[component]
pub fn ImportDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialogs = expect_context::<Dialogs>();
    let file_error = RwSignal::new(None::<ImportError>);
    let text_error = RwSignal::new(None::<ImportError>);
    let handed = dialogs.handoff.get_untracked();
    dialogs.handoff.set(None);
    let pasted = RwSignal::new(handed.unwrap_or_default());

    let on_file = move |ev: web_sys::Event| {
        file_error.set(None);
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(file) = file else { return };
        if file.size() > MAX_SCENARIO_BYTES as f64 {
            file_error.set(Some(whole(format!(
                "the file is {:.1} MiB; a scenario may be at most 2 MiB",
                file.size() / 1_048_576.0
            ))));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            let read = leptos::__reexports::wasm_bindgen_futures::JsFuture::from(file.text()).await;
            match read.ok().and_then(|v| v.as_string()) {
                Some(text) => {
                    if let Err(e) = apply(state, dialogs, &text, &format!("\"{name}\"")) {
                        file_error.set(Some(e));
                    }
                }
                None => file_error.set(Some(whole("the file could not be read as text"))),
            }
        });
    };
    let on_paste_import = move |_| {
        text_error.set(None);
        let text = pasted.get_untracked();
        if let Err(e) = apply(state, dialogs, &text, "the pasted scenario") {
            text_error.set(Some(e));
        }
    };

    view! {
        <Modal title="Import a scenario" id="import" on_close=Callback::new(move |_| dialogs.close())>
            <p class="modal-intro">
                "A scenario JSON file (format vpc-playground/1), from a file or pasted. "
                "It replaces the current scenario; Undo brings your work back."
            </p>
            <label for="import-file" class="field-label">"Scenario file"</label>
            <input id="import-file" type="file" accept=".json,application/json" data-autofocus=""
                aria-describedby="import-file-error" on:change=on_file/>
            <FieldError error=file_error id="import-file-error"/>
            <label for="import-text" class="field-label">"Paste scenario JSON"</label>
            <textarea id="import-text" rows="8" spellcheck="false" data-testid="import-text"
                aria-describedby="import-text-error"
                placeholder="{\"format\": \"vpc-playground/1\", ...}"
                on:input=move |ev| { pasted.set(event_target_value(&ev)); text_error.set(None); }
                prop:value=move || pasted.get()></textarea>
            <FieldError error=text_error id="import-text-error"/>
            <div class="copy-row">
                <button type="button" class="primary" on:click=on_paste_import
                    disabled=move || pasted.with(|t| t.trim().is_empty())>"Import"</button>
            </div>
        </Modal>
    }
}
