//! The layout's arrangement search ([`FitSearch`]) run a slice at a time: up to
//! [`SLICE_MS`] of it in a task, and the rest in the tasks after, so a scenario that fits
//! nowhere at full size (every one of up to 180 arrangements tried) never holds the page for
//! long. The first search (start-up) begins in the page's first task, so the first frame
//! has its picture; a later one (the scenario, the canvas's size or the trace's services
//! changed) begins in a task of its own, after the one that made the change, which has
//! enough to do when it opens a large scenario (one arrangement of 500 hosts takes 20-30 ms
//! on a fresh page). Until the search is decided the canvas keeps the picture it shows; a
//! search that finishes within its first slice (most lessons) is shown a task later,
//! usually in the same frame.

use crate::canvas::layout::{layout, FitSearch, Layout};
use crate::state::AppState;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// Time a slice of the search may take (ms) before it yields to the event loop.
const SLICE_MS: f64 = 8.0;

/// What a search lays out: the trace's services and the canvas's (rounded) size, the text
/// size asked for and the zoom buttons' corner; the scenario is the state's.
#[derive(Clone, PartialEq)]
pub struct Ask {
    pub extra: Vec<String>,
    pub size: (f64, f64),
    pub enough: f64,
    pub corner: (f64, f64),
}

fn now() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

/// The layout for `ask` (re-read on every change), searched a slice at a time.
pub fn searched(state: AppState, ask: Memo<Ask>) -> Memo<Layout> {
    let shown = RwSignal::new(state.scenario.with_untracked(|s| layout(s, &[])));
    // The search that is current; a later one makes the earlier stop.
    let current = Rc::new(Cell::new(0u64));
    Effect::new(move |_| {
        let ask = ask.get();
        state.scenario.track();
        let me = current.get() + 1;
        current.set(me);
        let search = state
            .scenario
            .with_untracked(|s| FitSearch::new(s, ask.size, ask.enough, ask.corner));
        if me == 1 {
            slice(state, shown, search, ask.extra, current.clone(), me);
        } else {
            next_slice(state, shown, search, ask.extra, current.clone(), me);
        }
    });
    Memo::new(move |_| shown.get())
}

/// Runs `search` for up to [`SLICE_MS`], then again in the next task until it is decided,
/// unless a newer search (`current` ≠ `me`) started meanwhile.
fn slice(
    state: AppState,
    shown: RwSignal<Layout>,
    mut search: FitSearch,
    extra: Vec<String>,
    current: Rc<Cell<u64>>,
    me: u64,
) {
    let start = now();
    loop {
        // The scenario is the one the search began with: a change would have started a newer one.
        let Some(step) = state
            .scenario
            .try_with_untracked(|s| search.step(s, &extra))
        else {
            return; // the canvas is gone
        };
        if let Some(l) = step {
            shown.try_set(l);
            return;
        }
        if let (Some(t0), Some(t)) = (start, now()) {
            if t - t0 >= SLICE_MS {
                break;
            }
        }
    }
    next_slice(state, shown, search, extra, current, me);
}

/// [`slice`] in the next task.
fn next_slice(
    state: AppState,
    shown: RwSignal<Layout>,
    search: FitSearch,
    extra: Vec<String>,
    current: Rc<Cell<u64>>,
    me: u64,
) {
    set_timeout(
        move || {
            if current.get() == me {
                slice(state, shown, search, extra, current, me);
            }
        },
        std::time::Duration::ZERO,
    );
}
