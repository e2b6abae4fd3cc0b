//! The app's views, one file a view. Each reads `AppState` from context.

pub mod canvas_view;
pub mod embed_dialog;
pub mod findings;
pub mod gallery;
pub mod header;
pub mod import_dialog;
pub mod lesson;
pub mod modal;
pub mod resources;
pub mod share_dialog;
pub mod toolbar;
pub mod trace_panel;
pub mod transport;
pub mod welcome;
