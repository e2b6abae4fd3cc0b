//! The scenario library: STUB (owner: helper "lib").

/// One classic exam situation shipped with the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The scenario document (format 1, with a `lesson`).
    pub json: &'static str,
}

pub const LIBRARY: &[LibraryEntry] = &[LibraryEntry {
    slug: "transitive-peering",
    title: "Transitive peering",
    summary: "A-B and B-C are peered. Can A reach C?",
    json: include_str!("../scenarios/01-transitive-peering.json"),
}];
