//! The app's views, one file a view. Each reads `AppState` from context.

pub mod canvas_view;
pub mod editor;
pub mod event_list;
pub mod findings;
pub mod header;
pub mod hop_inspector;
pub mod lesson;
pub mod reach_matrix;
pub mod resources;
pub mod trace_panel;
pub mod trace_text;
pub mod transport;
pub mod what_changed;
