//! The app's views, one file a view. Each reads `AppState` from context.

pub mod canvas_view;
pub mod editor;
pub mod findings;
pub mod header;
pub mod lesson;
pub mod resources;
pub mod trace_panel;
pub mod transport;
