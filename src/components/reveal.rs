//! Long lists shown a slice per animation frame, so opening a large scenario never holds the
//! page's thread for long: the resource panel and the trace form's host lists of 500 hosts
//! are thousands of elements, which take far longer than a frame (50 ms) to create at once.
//!
//! After a change that brings more than [`SLICE`] new lines (a scenario opened, imported or
//! undone to), the list shows its first `SLICE` lines at once and `SLICE` more in each
//! following animation frame until it is whole; between frames the page paints and answers
//! clicks. A small change (an edit) shows at once, and a list that fits in a slice is never
//! cut, so the lessons and everything built by hand look exactly as before.

use leptos::prelude::*;
use std::collections::HashSet;
use std::hash::Hash;

/// Lines a list shows at once after a large change, and adds in each animation frame.
pub const SLICE: usize = 40;

/// All of a list: the limit once it is whole, so that lines a later edit adds show at once.
pub const ALL: usize = usize::MAX;

/// How many lines to show now. `prev` is the limit shown before and the frame count it was
/// computed at, `tick` the frame count now, `new_lines` how many of the list's `total` lines
/// were not in it before.
pub fn next_limit(prev: Option<(usize, u64)>, tick: u64, new_lines: usize, total: usize) -> usize {
    let limit = match prev {
        _ if new_lines > SLICE => SLICE,
        None => ALL,
        Some((limit, at)) if at != tick => limit.saturating_add(SLICE),
        Some((limit, _)) => limit,
    };
    if limit >= total {
        ALL
    } else {
        limit
    }
}

/// What a revealed list shows now: `items` is the list cut to its first `limit` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<T, K: Eq + Hash> {
    pub items: T,
    limit: usize,
    tick: u64,
    /// Every line of the whole list, to count the new ones at the next change.
    keys: HashSet<K>,
}

impl<T, K: Eq + Hash> Shown<T, K> {
    /// Whether lines are still to come.
    pub fn more(&self) -> bool {
        self.limit != ALL
    }
}

/// `list` revealed a slice per frame after a large change: `keys` gives each line's key (a
/// line is new when its key was not in the list before), `cut(list, n)` the list's first `n`
/// lines in the order they are shown.
pub fn reveal<T, K>(
    list: impl Fn() -> T + Send + Sync + 'static,
    keys: fn(&T) -> Vec<K>,
    cut: fn(T, usize) -> T,
) -> Memo<Shown<T, K>>
where
    T: PartialEq + Send + Sync + 'static,
    K: Eq + Hash + Send + Sync + 'static,
{
    let tick = RwSignal::new(0u64);
    let shown = Memo::new(move |prev: Option<&Shown<T, K>>| {
        let now = tick.get();
        let items = list();
        let keys: HashSet<K> = keys(&items).into_iter().collect();
        let new_lines = match prev {
            Some(p) => keys.iter().filter(|k| !p.keys.contains(*k)).count(),
            None => keys.len(),
        };
        let limit = next_limit(prev.map(|p| (p.limit, p.tick)), now, new_lines, keys.len());
        Shown {
            items: if limit == ALL {
                items
            } else {
                cut(items, limit)
            },
            limit,
            tick: now,
            keys,
        }
    });
    Effect::new(move |_| {
        if shown.with(Shown::more) {
            // The next slice in the next frame, after this one is painted. `try_update`: the
            // list may be gone by then (its dialog closed).
            request_animation_frame(move || {
                tick.try_update(|t| *t += 1);
            });
        }
    });
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_change_starts_a_slice_and_grows_a_slice_per_frame() {
        // (before: limit and frame, frame now, new lines, total) → limit shown
        let cases = [
            // First render: a short list whole, a long one a slice.
            (None, 0, 10, 10, ALL),
            (None, 0, SLICE, SLICE, ALL),
            (None, 0, 600, 600, SLICE),
            // The next frames: a slice more each, whole (ALL) once it covers the list.
            (Some((SLICE, 0)), 1, 0, 600, 2 * SLICE),
            (Some((9 * SLICE, 8)), 9, 0, 20 * SLICE, 10 * SLICE),
            (Some((9 * SLICE, 8)), 9, 0, 9 * SLICE + 1, ALL),
            // A small edit: shown at once when whole, the ramp goes on when not.
            (Some((ALL, 3)), 3, 1, 601, ALL),
            (Some((2 * SLICE, 3)), 3, 1, 601, 2 * SLICE),
            // Another large change (a scenario opened): from a slice again.
            (Some((ALL, 3)), 3, 500, 500, SLICE),
            (Some((2 * SLICE, 3)), 4, SLICE + 1, 600, SLICE),
            // Lines removed only (undo to a smaller scenario): whole at once.
            (Some((ALL, 3)), 3, 0, 20, ALL),
        ];
        for (prev, tick, new_lines, total, want) in cases {
            assert_eq!(
                next_limit(prev, tick, new_lines, total),
                want,
                "{prev:?} at frame {tick}, {new_lines} new of {total}"
            );
        }
    }
}
