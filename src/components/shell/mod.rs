//! The page shell: the header with its toolbar and dialog host, the lesson bar and the
//! first-run welcome card.

pub mod header;
pub mod lesson;
pub mod toolbar;
pub mod welcome;
