//! The scenario actions of the header: Scenarios (gallery), Share, Embed, Import, Paste from
//! AWS CLI, Export JSON and Export PNG, and the host that shows whichever of their dialogs is open.

use crate::components::dialogs::{
    aws_import_dialog::AwsImportDialog, embed_dialog::EmbedDialog, gallery::Gallery,
    import_dialog::ImportDialog, share_dialog::ShareDialog,
};
use crate::export;
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;

/// The share features' dialogs (one open at a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    Gallery,
    Share,
    Embed,
    Import,
    AwsImport,
}

/// Which dialog is open, and whether the first-run welcome card shows. In context.
#[derive(Clone, Copy)]
pub struct Dialogs {
    pub open: RwSignal<Option<DialogKind>>,
    pub welcome: RwSignal<bool>,
    /// Text handed to the next dialog: a scenario pasted into "Paste from AWS CLI" goes on
    /// to the Import dialog's field, so the learner does not paste it again.
    pub handoff: RwSignal<Option<String>>,
}

impl Dialogs {
    pub fn new() -> Dialogs {
        Dialogs {
            open: RwSignal::new(None),
            welcome: RwSignal::new(false),
            handoff: RwSignal::new(None),
        }
    }
    pub fn close(&self) {
        self.open.set(None);
    }
}

impl Default for Dialogs {
    fn default() -> Self {
        Dialogs::new()
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialogs = expect_context::<Dialogs>();
    let open = move |k: DialogKind| move |_| dialogs.open.set(Some(k));
    let export_json = move |_| {
        let result = state.scenario.with_untracked(export::export_json);
        report(state, result);
    };
    let export_png = move |_| {
        let result = state.scenario.with_untracked(export::export_png);
        report(state, result);
    };
    view! {
        <div class="toolbar" role="group" aria-label="Scenario actions">
            <button type="button" aria-haspopup="dialog" on:click=open(DialogKind::Gallery)>"Scenarios"</button>
            <button type="button" aria-haspopup="dialog" on:click=open(DialogKind::Share)>"Share"</button>
            <button type="button" aria-haspopup="dialog" on:click=open(DialogKind::Embed)>"Embed"</button>
            <button type="button" aria-haspopup="dialog" on:click=open(DialogKind::Import)>"Import"</button>
            <button type="button" aria-haspopup="dialog" on:click=open(DialogKind::AwsImport)>"Paste from AWS CLI"</button>
            <button type="button" on:click=export_json>"Export JSON"</button>
            <button type="button" on:click=export_png>"Export PNG"</button>
        </div>
        <DialogHost/>
    }
}

fn report(state: AppState, result: Result<String, String>) {
    match result {
        Ok(name) => state.show_notice(NoticeKind::Info, format!("Downloaded {name}.")),
        Err(why) => state.show_notice(NoticeKind::Error, why),
    }
}

/// Shows the open dialog, if any.
#[component]
pub fn DialogHost() -> impl IntoView {
    let dialogs = expect_context::<Dialogs>();
    move || {
        dialogs.open.get().map(|k| match k {
            DialogKind::Gallery => view! { <Gallery/> }.into_any(),
            DialogKind::Share => view! { <ShareDialog/> }.into_any(),
            DialogKind::Embed => view! { <EmbedDialog/> }.into_any(),
            DialogKind::Import => view! { <ImportDialog/> }.into_any(),
            DialogKind::AwsImport => view! { <AwsImportDialog/> }.into_any(),
        })
    }
}
