//! The Import dialog: a scenario from a `.json` file or pasted JSON. A document that does
//! not load shows the loader's JSON path and message next to the field it came from, and
//! nothing is applied; a good one replaces the scenario as one undoable edit.

use crate::components::dialogs::modal::Modal;
use crate::components::shell::toolbar::Dialogs;
use crate::startup::{open_loaded, run_lesson};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::load::MAX_SCENARIO_BYTES;
use vpc_engine::{LoadError, Loaded};
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

/// A size over `limit` bytes in MiB, to one decimal, as a learner compares it with the limit
/// (a whole number of MiB): a few bytes over reads "just over 2 MiB", not "2.0 MiB" beside
/// "at most 2 MiB".
pub fn mib_over(bytes: f64, limit: usize) -> String {
    let size = format!("{:.1}", bytes / 1_048_576.0);
    let limit = limit / 1_048_576;
    if size == format!("{limit}.0") {
        format!("just over {limit} MiB")
    } else {
        format!("{size} MiB")
    }
}

/// Refuses more than the loader reads, in MiB a learner can compare ("the pasted text",
/// "the file"), before anything is parsed.
pub fn too_big(what: &str, bytes: f64) -> Option<ImportError> {
    (bytes > MAX_SCENARIO_BYTES as f64).then(|| {
        whole(format!(
            "{what} is {}; a scenario may be at most {} MiB.",
            mib_over(bytes, MAX_SCENARIO_BYTES),
            MAX_SCENARIO_BYTES / 1_048_576
        ))
    })
}

/// The message as a sentence of its own: it follows "Nothing was imported." (with no JSON
/// path in between, a loader message starting "the document…" needs its capital).
pub fn sentence(message: &str) -> String {
    let mut c = message.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Makes an imported scenario the current one, the way both import dialogs do it: one
/// undoable edit, its lesson trace (if any) runs, the welcome card goes, and a notice says
/// that Undo brings the previous work back. `source` completes "Imported …".
pub fn open_imported(state: AppState, dialogs: Dialogs, l: Loaded, source: &str) {
    open_loaded(state, l);
    run_lesson(state);
    dialogs.welcome.set(false);
    state.show_notice(
        NoticeKind::Info,
        format!("Imported {source}. Undo puts your previous work back."),
    );
}

/// Loads `text` in `vpc_engine::load`'s three steps (`parse`, `Parsed::scenario`,
/// `Loaded::new`), each in a task of its own: at once, a 500-host document held a fresh page
/// for 40-50 ms.
pub async fn load_in_steps(text: &str) -> Result<Loaded, LoadError> {
    let parsed = vpc_engine::load::parse(text)?;
    crate::dom::next_task().await;
    let s = parsed.scenario()?;
    crate::dom::next_task().await;
    Loaded::new(s)
}

/// Loads `text`; on success the scenario is opened, its lesson trace runs and the dialog
/// closes. The opening waits for the next task: the load of a large scenario (three tasks)
/// and what opening it changes on the page are each tasks of their own, so none holds the
/// page for long.
async fn apply(
    state: AppState,
    dialogs: Dialogs,
    text: &str,
    source: &str,
) -> Result<(), ImportError> {
    let l = load_in_steps(text).await?;
    crate::dom::next_task().await;
    open_imported(state, dialogs, l, source);
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
            let message = if e.path.is_empty() {
                sentence(&e.message)
            } else {
                e.message.clone()
            };
            view! {
                <p class="field-error" id=id role="alert" data-testid="import-error">
                    <strong>"Nothing was imported."</strong>
                    {if at.is_none() { " " } else { "" }}
                    {at}
                    {message}
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
        if let Some(e) = too_big("The file", file.size()) {
            file_error.set(Some(e));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            match crate::dom::file_text(&file).await {
                Some(text) => {
                    if let Err(e) = apply(state, dialogs, &text, &format!("\"{name}\"")).await {
                        file_error.set(Some(e));
                    }
                }
                None => file_error.set(Some(whole("The file could not be read as text."))),
            }
        });
    };
    let on_paste_import = move |_| {
        text_error.set(None);
        let text = pasted.get_untracked();
        if let Some(e) = too_big("The pasted text", text.len() as f64) {
            text_error.set(Some(e));
            return;
        }
        leptos::task::spawn_local(async move {
            if let Err(e) = apply(state, dialogs, &text, "the pasted scenario").await {
                text_error.set(Some(e));
            }
        });
    };

    view! {
        <Modal title="Import a scenario" id="import"
            intro="A scenario JSON file (format vpc-playground/1), from a file or pasted. It replaces the current scenario; Undo brings your work back.">
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_refusals_name_the_limit_in_mib() {
        let cases = [
            (
                "The file",
                10.0 * 1_048_576.0,
                Some("The file is 10.0 MiB; a scenario may be at most 2 MiB."),
            ),
            (
                "The pasted text",
                (MAX_SCENARIO_BYTES + 1) as f64,
                Some("The pasted text is just over 2 MiB; a scenario may be at most 2 MiB."),
            ),
            ("The file", MAX_SCENARIO_BYTES as f64, None),
            ("The file", 0.0, None),
        ];
        for (what, bytes, want) in cases {
            assert_eq!(
                too_big(what, bytes).map(|e| e.message),
                want.map(str::to_string),
                "{what} {bytes}"
            );
        }
    }

    #[test]
    fn sizes_read_in_mib_against_their_limit() {
        let (two, eight) = (2 * 1_048_576, 8 * 1_048_576);
        let cases = [
            (10.0 * 1_048_576.0, two, "10.0 MiB"),
            ((two + 1) as f64, two, "just over 2 MiB"),
            ((eight + 1) as f64, eight, "just over 8 MiB"),
            (8.5 * 1_048_576.0, eight, "8.5 MiB"),
        ];
        for (bytes, limit, want) in cases {
            assert_eq!(mib_over(bytes, limit), want, "{bytes} against {limit}");
        }
    }

    #[test]
    fn a_whole_document_message_reads_as_a_sentence() {
        let cases = [
            ("the document is 9 bytes", "The document is 9 bytes"),
            ("Already capital", "Already capital"),
            ("", ""),
        ];
        for (given, want) in cases {
            assert_eq!(sentence(given), want);
        }
    }
}
