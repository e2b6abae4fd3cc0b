//! The app's views, one file a view, grouped by what they are: the page shell (`shell`), the
//! trace side (`trace`), the dialogs (`dialogs`) and the topology editor (`editor`). Each view
//! reads `AppState` from context; `id_text` (text naming AWS ids) and `reveal` (long lists
//! shown a slice per frame) are what every group shares.

#[cfg(feature = "editor")]
pub mod dialogs;
pub mod editor;
pub mod id_text;
pub mod reveal;
pub mod shell;
pub mod trace;
