//! The page shell: the header with its toolbar and dialog host, the lesson bar, the
//! first-run welcome card, and the frame the app and the viewer share (`frame`). The viewer
//! build (no `editor` feature) has no header, toolbar or welcome card.

pub mod frame;
#[cfg(feature = "editor")]
pub mod header;
pub mod lesson;
#[cfg(feature = "editor")]
pub mod toolbar;
#[cfg(feature = "editor")]
pub mod welcome;
