//! The "Paste from AWS CLI" dialog: the JSON that `aws ec2 describe-*` prints, pasted or
//! uploaded as files, becomes the scenario through `vpc_engine::import`, all inside the page.
//! A refused import shows the engine's message at the field it came from and changes
//! nothing; a good one replaces the scenario as one undoable edit (the same path as the
//! scenario Import dialog) and the dialog then lists what was left out and what was assumed.
//!
//! The import itself runs in the engine worker (`crate::engine_worker`): a large account's
//! output never freezes the page, the learner can cancel it, and the importer's code is
//! downloaded only when someone imports.

use crate::components::dialogs::import_dialog::{load_in_steps, mib_over, open_imported};
use crate::components::dialogs::modal::Modal;
use crate::components::shell::toolbar::{DialogKind, Dialogs};
use crate::engine_worker::Job;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::import::{COMMANDS, MAX_IMPORT_BYTES};
use vpc_worker::{ImportRefusal, Note, Reply, Request, Text};

/// The source name of the textarea's content in the engine's messages.
const PASTED: &str = "pasted text";

/// Which field a refusal belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Files,
}

/// Why nothing was imported, and where to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub at: Field,
    pub message: String,
    /// The text is a vpc-playground scenario: the Import dialog is the place for it.
    pub scenario: bool,
}

impl From<ImportRefusal> for Refusal {
    fn from(e: ImportRefusal) -> Self {
        let at = match &e.source {
            Some(source) if source != PASTED => Field::Files,
            _ => Field::Text,
        };
        Refusal {
            at,
            scenario: e.scenario,
            message: e.message,
        }
    }
}

/// Refuses, before anything is read, files that together with the pasted text exceed the
/// engine's limit. `files` are (name, size in bytes).
pub fn check_sizes(pasted: usize, files: &[(String, f64)]) -> Result<(), Refusal> {
    let limit = MAX_IMPORT_BYTES as f64;
    let limit_text = format!("{} MiB", MAX_IMPORT_BYTES / 1_048_576);
    if let Some((name, size)) = files.iter().find(|(_, size)| *size > limit) {
        return Err(Refusal {
            at: Field::Files,
            scenario: false,
            message: format!(
                "{name} is {}; one import reads at most {limit_text}: export fewer resources at a time (e.g. with --filters)",
                mib_over(*size, MAX_IMPORT_BYTES)
            ),
        });
    }
    let total = pasted as f64 + files.iter().map(|(_, s)| s).sum::<f64>();
    if total > limit {
        return Err(Refusal {
            at: if files.is_empty() {
                Field::Text
            } else {
                Field::Files
            },
            scenario: false,
            message: format!(
                "together the files and the pasted text are {}; one import reads at most {limit_text}: import fewer at a time",
                mib_over(total, MAX_IMPORT_BYTES)
            ),
        });
    }
    Ok(())
}

/// What the result view shows after a successful import.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    /// "4 VPCs, 5 subnets, …" from `Imported::summary`.
    counts: String,
    left_out: Vec<Note>,
    assumed: Vec<Note>,
    /// The commands whose output would resolve the references left out.
    add: Vec<String>,
}

#[component]
fn FieldError(
    refusal: RwSignal<Option<Refusal>>,
    at: Field,
    id: &'static str,
    /// Offered when the text is a scenario: opens the Import dialog with it.
    to_scenario_import: Callback<()>,
) -> impl IntoView {
    move || {
        refusal.get().filter(|r| r.at == at).map(|r| {
            // Only pasted text can be handed on; a file is opened from the Import dialog's own field.
            let open = (r.scenario && at == Field::Text).then(|| {
                view! {
                    <button type="button" class="aws-switch"
                        on:click=move |_| to_scenario_import.run(())>"Open it in Import a scenario"</button>
                }
            });
            view! {
                <div class="field-error" id=id role="alert" data-testid="aws-import-error">
                    <strong>"Nothing was imported: "</strong>
                    {r.message}
                    {open}
                </div>
            }
        })
    }
}

#[component]
fn NoteList(
    title: &'static str,
    id: &'static str,
    lead: &'static str,
    empty: &'static str,
    notes: Vec<Note>,
) -> impl IntoView {
    let heading = format!("{id}-title");
    let count = notes.len();
    let body = if notes.is_empty() {
        view! { <p class="aws-notes-empty">{empty}</p> }.into_any()
    } else {
        let items = notes
            .into_iter()
            .map(|n| {
                view! {
                    <li><code>{n.resource}</code><span>{n.message}</span></li>
                }
            })
            .collect_view();
        view! {
            <p class="aws-notes-lead">{lead}</p>
            <div class="aws-notes" tabindex="0" role="region" aria-labelledby=heading.clone()>
                <ul data-testid=id>{items}</ul>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="aws-notes-section">
            <h3 id=heading>{title}" ("{count}")"</h3>
            {body}
        </section>
    }
}

/// The result view: what was imported, left out and assumed. It takes focus on its
/// summary, so a screen reader reads what happened: in the next animation frame, as the
/// page lays out anyway, rather than in the task that opened the import (focusing lays the
/// page out at once, and that task has the old scenario's views to remove).
#[component]
fn ImportOutcome(outcome: Outcome) -> impl IntoView {
    let dialogs = expect_context::<Dialogs>();
    let summary_ref = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(el) = summary_ref.get() {
            request_animation_frame(move || {
                let _ = el.focus();
            });
        }
    });
    let o = outcome;
    // What to paste next, from the engine's typed notes (never from their sentences).
    let add = (!o.add.is_empty()).then(|| {
        let commands = o
            .add
            .into_iter()
            .map(|c| view! { <li><code>{c}</code></li> })
            .collect_view();
        view! {
            <p class="aws-step">"To resolve what was left out, add the output of:"</p>
            <ul class="aws-commands" aria-label="Commands to add" data-testid="aws-import-add">{commands}</ul>
        }
    });
    view! {
        <p class="aws-summary" tabindex="-1" node_ref=summary_ref data-testid="aws-import-summary">
            <strong>"Imported "</strong>{o.counts}". "
            "Undo in the header puts your previous scenario back."
        </p>
        {add}
        <NoteList title="Left out" id="aws-left-out"
            lead="Not in the scenario: what the playground cannot represent, or what refers to something not imported."
            empty="Nothing was left out."
            notes=o.left_out/>
        <NoteList title="Assumed" id="aws-assumed"
            lead="Where the AWS output is silent, the importer chose:"
            empty="Nothing had to be assumed."
            notes=o.assumed/>
        <div class="copy-row aws-done">
            <button type="button" class="primary" on:click=move |_| dialogs.close()>"Done"</button>
        </div>
    }
}

/// The signals one import fills in, shared by the form and the worker's replies.
#[derive(Clone, Copy)]
struct ImportRun {
    refusal: RwSignal<Option<Refusal>>,
    busy: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    /// The import running in the engine worker; dropping it cancels it.
    job: StoredValue<Option<Job>, LocalStorage>,
}

impl ImportRun {
    /// Refuses at the text field with `message` (the worker's or the importer's failures).
    fn refuse_text(self, message: String) {
        self.refusal.set(Some(Refusal {
            at: Field::Text,
            scenario: false,
            message,
        }));
    }

    /// Handles one reply of the worker; returns whether the import is over (false for replies
    /// that are not the import's, and for a good import, which ends when it is opened).
    fn on_reply(self, state: AppState, dialogs: Dialogs, reply: Reply) -> bool {
        match reply {
            Reply::Imported {
                scenario,
                summary,
                left_out,
                assumed,
                add,
                ..
            } => {
                // Loaded in three tasks and opened in a fourth: a large account's load and what
                // opening it changes on the page are each tasks of their own. The import
                // stays busy (and can be cancelled) until then.
                leptos::task::spawn_local(async move {
                    let loaded = load_in_steps(&scenario).await;
                    crate::dom::next_task().await;
                    if !self.busy.get_untracked() {
                        return;
                    }
                    let s = match loaded {
                        Ok(s) => s,
                        Err(e) => {
                            self.refuse_text(format!("the importer built a scenario that does not load ({e}); this is a bug in vpc-playground, nothing was imported"));
                            self.busy.set(false);
                            return;
                        }
                    };
                    // The dialog takes the focus before its form goes: removing the focused
                    // Import button in the task that opens the import would lay out the page
                    // at once, with the previous scenario's views just removed and the new
                    // ones added.
                    crate::dom::focus_first(&["[data-testid=aws-import-dialog]"]);
                    open_imported(state, dialogs, s, "the AWS CLI output");
                    self.outcome.set(Some(Outcome {
                        counts: summary,
                        left_out,
                        assumed,
                        add,
                    }));
                    self.busy.set(false);
                });
                return false;
            }
            Reply::ImportRefused { refusal: r, .. } => self.refusal.set(Some(r.into())),
            Reply::Failed { message, .. } => self.refuse_text(message),
            _ => return false,
        }
        true
    }

    /// Reads the files, then sends them with the pasted text to the worker.
    async fn import(
        self,
        state: AppState,
        dialogs: Dialogs,
        text: String,
        files: Vec<web_sys::File>,
    ) {
        let busy = self.busy;
        let mut texts: Vec<Text> = Vec::new();
        if !text.trim().is_empty() {
            texts.push(Text {
                name: PASTED.to_string(),
                text,
            });
        }
        for file in files {
            let name = file.name();
            match crate::dom::file_text(&file).await {
                Some(text) => texts.push(Text { name, text }),
                None => {
                    self.refusal.set(Some(Refusal {
                        at: Field::Files,
                        scenario: false,
                        message: format!("{name} could not be read as text"),
                    }));
                    busy.set(false);
                    return;
                }
            }
        }
        // Cancelled while the files were read: nothing more to do.
        if !busy.get_untracked() {
            return;
        }
        let request = Request::Import {
            job: 1,
            sources: texts,
        };
        let started = Job::start(&request, move |reply| {
            // Not cancelled, and a reply of the import.
            if busy.get_untracked() && self.on_reply(state, dialogs, reply) {
                busy.set(false);
            }
        });
        match started {
            Ok(j) => self.job.set_value(Some(j)),
            Err(message) => {
                self.refuse_text(message);
                busy.set(false);
            }
        }
    }
}

/// The commands to run and the fields to paste or upload their output into.
#[component]
fn AwsImportForm(
    run: ImportRun,
    pasted: RwSignal<String>,
    on_import: Callback<()>,
    to_scenario_import: Callback<()>,
    file_input: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let ImportRun {
        refusal, busy, job, ..
    } = run;
    let file_count = RwSignal::new(0u32);
    let refused_at = move |f: Field| refusal.with(|r| r.as_ref().is_some_and(|r| r.at == f));
    let cancel = move |_| {
        job.set_value(None);
        busy.set(false);
    };
    let commands = COMMANDS
        .iter()
        .map(|c| view! { <li><code>{*c}</code></li> })
        .collect_view();
    view! {
        <p class="modal-intro">
            "Builds a scenario from your account's AWS CLI output. It is read inside this page: "
            "nothing is uploaded or sent anywhere. It replaces the current scenario; Undo brings your work back."
        </p>
        <p class="aws-step">"Run these commands (output in JSON: add " <code>"--output json"</code>
            " if your CLI prints text or tables):"</p>
        <ul class="aws-commands" aria-label="AWS CLI commands to run">{commands}</ul>
        <p class="aws-step">"Then paste their outputs one after another, or upload them as several files. "
            "Commands you skip just leave those resources out."</p>
        <label for="aws-import-text" class="field-label">"AWS CLI output"</label>
        <textarea id="aws-import-text" rows="7" spellcheck="false" data-autofocus=""
            placeholder="{\"Vpcs\": [ ... ]}\n{\"Subnets\": [ ... ]}"
            aria-invalid=move || refused_at(Field::Text).then_some("true")
            aria-describedby=move || refused_at(Field::Text).then_some("aws-import-text-error")
            on:input=move |ev| { pasted.set(event_target_value(&ev)); refusal.set(None); }
            prop:value=move || pasted.get()></textarea>
        <FieldError refusal=refusal at=Field::Text id="aws-import-text-error"
            to_scenario_import=to_scenario_import/>
        <label for="aws-import-files" class="field-label">"Upload JSON files"</label>
        <input id="aws-import-files" type="file" multiple accept=".json,application/json"
            node_ref=file_input
            aria-invalid=move || refused_at(Field::Files).then_some("true")
            aria-describedby=move || refused_at(Field::Files).then_some("aws-import-files-error")
            on:change=move |_| {
                refusal.set(None);
                let n = file_input
                    .get_untracked()
                    .and_then(|i| i.files())
                    .map(|l| l.length())
                    .unwrap_or(0);
                file_count.set(n);
            }/>
        <FieldError refusal=refusal at=Field::Files id="aws-import-files-error"
            to_scenario_import=to_scenario_import/>
        <div class="copy-row">
            <button type="button" class="primary" on:click=move |_| on_import.run(())
                aria-busy=move || busy.get().then_some("true")
                disabled=move || file_count.get() == 0 && pasted.with(|t| t.trim().is_empty())>
                {move || if busy.get() { "Importing…" } else { "Import" }}
            </button>
            <Show when=move || busy.get()>
                <button type="button" on:click=cancel>"Cancel import"</button>
            </Show>
        </div>
    }
}

/// The "Import from the AWS CLI" dialog: the form, then what the import did.
#[component]
pub fn AwsImportDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialogs = expect_context::<Dialogs>();
    let pasted = RwSignal::new(String::new());
    let run = ImportRun {
        refusal: RwSignal::new(None::<Refusal>),
        busy: RwSignal::new(false),
        outcome: RwSignal::new(None::<Outcome>),
        job: StoredValue::new_local(None::<Job>),
    };
    let ImportRun {
        refusal,
        busy,
        outcome,
        job,
    } = run;
    on_cleanup(move || job.set_value(None));
    let file_input = NodeRef::<leptos::html::Input>::new();

    let on_import = Callback::new(move |_| {
        // The button stays enabled while files are read (a disabled button would drop the
        // keyboard focus out of the dialog); a second press meanwhile does nothing.
        if busy.get_untracked() {
            return;
        }
        refusal.set(None);
        let text = pasted.get_untracked();
        let files: Vec<web_sys::File> = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        let sizes: Vec<(String, f64)> = files.iter().map(|f| (f.name(), f.size())).collect();
        if let Err(r) = check_sizes(text.len(), &sizes) {
            refusal.set(Some(r));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(run.import(state, dialogs, text, files));
    });

    // A scenario pasted here goes on to the Import dialog, with the text, in one step.
    let to_scenario_import = Callback::new(move |_| {
        dialogs.handoff.set(Some(pasted.get_untracked()));
        dialogs.open.set(Some(DialogKind::Import));
    });

    view! {
        <Modal title="Import from the AWS CLI" id="aws-import" wide=true>
            {move || match outcome.get() {
                None => view! {
                    <AwsImportForm run=run pasted=pasted on_import=on_import
                        to_scenario_import=to_scenario_import file_input=file_input/>
                }
                .into_any(),
                Some(o) => view! { <ImportOutcome outcome=o/> }.into_any(),
            }}
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_over_the_limit_are_refused_before_reading() {
        let max = MAX_IMPORT_BYTES as f64;
        let f = |name: &str, size: f64| (name.to_string(), size);
        // (pasted bytes, files, refused at which field with a message starting so)
        type Case = (usize, Vec<(String, f64)>, Option<(Field, &'static str)>);
        let cases: Vec<Case> = vec![
            (10, vec![], None),
            (0, vec![f("a.json", 1000.0), f("b.json", 2000.0)], None),
            (
                0,
                vec![f("big.json", max + 1.0)],
                Some((Field::Files, "big.json is")),
            ),
            (
                0,
                vec![f("a.json", max / 2.0 + 1.0), f("b.json", max / 2.0)],
                Some((Field::Files, "together")),
            ),
            (
                MAX_IMPORT_BYTES + 1,
                vec![],
                Some((Field::Text, "together")),
            ),
        ];
        for (pasted, files, want) in cases {
            let got = check_sizes(pasted, &files);
            match want {
                None => assert_eq!(got, Ok(()), "{pasted} {files:?}"),
                Some((at, start)) => {
                    let r = got.expect_err("should be refused");
                    assert_eq!(r.at, at, "{pasted} {files:?}");
                    assert!(r.message.starts_with(start), "{}", r.message);
                    assert!(r.message.contains("8 MiB"), "{}", r.message);
                }
            }
        }
    }

    #[test]
    fn engine_errors_go_to_the_field_they_came_from() {
        let cases = [
            (
                vec![Text {
                    name: PASTED.to_string(),
                    text: "{\"Vpcs\": [}".to_string(),
                }],
                Field::Text,
                "line 1 column",
            ),
            (
                vec![Text {
                    name: "vpcs.json".to_string(),
                    text: "{\"Vpcs\": [}".to_string(),
                }],
                Field::Files,
                "vpcs.json",
            ),
            (
                vec![Text {
                    name: PASTED.to_string(),
                    text: "{\"format\": \"vpc-playground/1\"}".to_string(),
                }],
                Field::Text,
                "Import a scenario instead",
            ),
            (
                vec![Text {
                    name: PASTED.to_string(),
                    text: "  ".to_string(),
                }],
                Field::Text,
                "nothing to import",
            ),
        ];
        for (sources, at, has) in cases {
            // What the worker answers, as the dialog turns it into a refusal.
            let Reply::ImportRefused { refusal, .. } = vpc_worker::import(1, &sources) else {
                panic!("should be refused: {sources:?}");
            };
            let r: Refusal = refusal.into();
            assert_eq!(r.at, at, "{}", r.message);
            assert!(r.message.contains(has), "{}", r.message);
            assert_eq!(
                r.scenario,
                has == "Import a scenario instead",
                "{}",
                r.message
            );
        }
    }
}
