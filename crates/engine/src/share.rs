//! Share links: STUB (owner: helper "lib").
use crate::model::Scenario;
use std::fmt;

/// What a share link (`#s=DATA&from=ID&to=DST&step=N`) carries.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareLink {
    pub scenario: Scenario,
    pub from: Option<String>,
    pub to: Option<String>,
    pub step: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    NotImplemented,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not implemented")
    }
}

/// The URL fragment (without `#`) for a link.
pub fn build_fragment(_link: &ShareLink) -> String {
    String::new()
}

/// Parses a URL fragment (with or without the leading `#`).
pub fn parse_fragment(_fragment: &str) -> Result<ShareLink, ShareError> {
    Err(ShareError::NotImplemented)
}
