//! The dialogs: the shared modal, share and embed links, the two imports and the gallery.

pub mod aws_import_dialog;
pub mod embed_dialog;
pub mod gallery;
pub mod import_dialog;
pub mod modal;
pub mod share_dialog;
