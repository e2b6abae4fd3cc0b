//! The app's views, one file a view. Each reads `AppState` from context.

pub mod aws_import_dialog;
pub mod canvas_view;
pub mod editor;
pub mod embed_dialog;
pub mod event_list;
pub mod findings;
pub mod gallery;
pub mod header;
pub mod hop_inspector;
pub mod id_text;
pub mod import_dialog;
pub mod lesson;
pub mod modal;
pub mod reach_matrix;
pub mod resources;
pub mod share_dialog;
pub mod toolbar;
pub mod trace_panel;
pub mod trace_text;
pub mod transport;
pub mod welcome;
pub mod what_changed;
