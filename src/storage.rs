//! Local storage at the edge: the autosaved scenario survives a reload.
//!
//! Only this module touches `localStorage`; a missing or full storage is not an error the
//! user can act on, so writes fail quietly and reads fall back to nothing.

use vpc_engine::{load, LoadError, Scenario};

const KEY: &str = "vpc-playground/scenario";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Saves the scenario as JSON.
pub fn save(s: &Scenario) {
    if let (Some(st), Ok(json)) = (storage(), serde_json::to_string(s)) {
        let _ = st.set_item(KEY, &json);
    }
}

/// The autosaved scenario: `None` when there is none, `Some(Err)` when it no longer loads.
pub fn restore() -> Option<Result<Scenario, LoadError>> {
    let json = storage()?.get_item(KEY).ok()??;
    Some(load(&json))
}
