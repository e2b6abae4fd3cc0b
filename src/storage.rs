//! Local storage at the edge: the autosaved scenario survives a reload, and the welcome card
//! remembers it was dismissed.
//!
//! Only this module touches `localStorage`; a missing or full storage is not an error the
//! user can act on, so writes fail quietly and reads fall back to nothing. An embedded page
//! (`&embed=1`) turns saving off, so a lesson embedded in a trainer's docs never overwrites
//! the work a learner autosaved on the same site.

use std::cell::{Cell, RefCell};
use vpc_engine::{load, LoadError, Scenario};

const KEY: &str = "vpc-playground/scenario";
const WELCOME_KEY: &str = "vpc-playground/welcome-dismissed";

thread_local! {
    static SAVING: Cell<bool> = const { Cell::new(true) };
    /// The scenario to write at the next task, if a save is pending.
    static PENDING: RefCell<Option<Scenario>> = const { RefCell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Turns autosave on or off for this page (off in embed mode).
pub fn set_saving(on: bool) {
    SAVING.with(|s| s.set(on));
}

/// Saves the scenario as JSON (unless saving is off for this page), in a task of its own
/// right after the current one: writing a large scenario (500 hosts: a megabyte of JSON)
/// takes a while, and the change that asked for it already has its own work to show. Saves
/// asked for meanwhile write only the last scenario. The viewer build (no `editor` feature)
/// is always embedded and never saves, so it holds no JSON writer.
pub fn save(s: &Scenario) {
    if !cfg!(feature = "editor") || !SAVING.with(|c| c.get()) {
        return;
    }
    let first = PENDING.with(|p| p.borrow_mut().replace(s.clone()).is_none());
    if first {
        gloo::timers::callback::Timeout::new(0, || {
            if let Some(s) = PENDING.with(|p| p.borrow_mut().take()) {
                write(&s);
            }
        })
        .forget();
    }
}

fn write(s: &Scenario) {
    if let (Some(st), Ok(json)) = (storage(), serde_json::to_string(s)) {
        let _ = st.set_item(KEY, &json);
    }
}

/// The autosaved scenario: `None` when there is none, `Some(Err)` when it no longer loads.
pub fn restore() -> Option<Result<Scenario, LoadError>> {
    let json = storage()?.get_item(KEY).ok()??;
    Some(load(&json).map(vpc_engine::Loaded::into_scenario))
}

/// Whether the learner closed the first-run welcome card.
pub fn welcome_dismissed() -> bool {
    storage()
        .and_then(|st| st.get_item(WELCOME_KEY).ok().flatten())
        .is_some()
}

/// Remembers that the welcome card was closed.
pub fn dismiss_welcome() {
    if let Some(st) = storage() {
        let _ = st.set_item(WELCOME_KEY, "1");
    }
}
