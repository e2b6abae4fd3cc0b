//! Loading scenario JSON: STUB, to be replaced by the loader (owner: helper "load").
use crate::model::Scenario;
use std::fmt;

/// Why a document could not be loaded: the JSON path (`subnets[2].cidr`, empty for the whole
/// document) and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses and checks a scenario document; nothing of a bad document is returned.
pub fn load(json: &str) -> Result<Scenario, LoadError> {
    serde_json::from_str(json).map_err(|e| LoadError {
        path: String::new(),
        message: e.to_string(),
    })
}
