//! The page shell: the header with its toolbar and dialog host, the lesson bar and the
//! first-run welcome card.

pub mod frame;
#[cfg(feature = "editor")]
pub mod header;
pub mod lesson;
#[cfg(feature = "editor")]
pub mod toolbar;
#[cfg(feature = "editor")]
pub mod welcome;
