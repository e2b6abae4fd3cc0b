//! Undo/redo history: plain data, no signals, so it tests natively.
//!
//! Each step between two values carries a mark `M` saying what kind of change it was (the
//! app marks a scenario opened whole apart from an edit). The mark travels with its step:
//! undoing a step and redoing it again both report that step's mark.

/// Past and future snapshots around the current value (which the caller holds), each with
/// the mark of the step between it and its neighbour toward the current value.
#[derive(Debug, Clone, PartialEq)]
pub struct History<T, M = ()> {
    past: Vec<(T, M)>,
    future: Vec<(T, M)>,
    limit: usize,
}

impl<T, M: Copy> History<T, M> {
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: limit.max(1),
        }
    }
    /// Records `previous` before a new change of kind `step`; a new change clears the redo
    /// stack.
    pub fn record(&mut self, previous: T, step: M) {
        self.past.push((previous, step));
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }
    /// Steps back: gives the value to show and the mark of the step undone, and keeps
    /// `current` for redo.
    pub fn undo(&mut self, current: T) -> Option<(T, M)> {
        let (prev, step) = self.past.pop()?;
        self.future.push((current, step));
        Some((prev, step))
    }
    /// Steps forward again after an undo, with the mark of the step redone.
    pub fn redo(&mut self, current: T) -> Option<(T, M)> {
        let (next, step) = self.future.pop()?;
        self.past.push((current, step));
        Some((next, step))
    }
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn undo_redo_round_trip() {
        let mut h = History::<i32>::new(10);
        let mut cur = 0;
        for next in 1..=3 {
            h.record(cur, ());
            cur = next;
        }
        (cur, ()) = h.undo(cur).unwrap();
        assert_eq!(cur, 2);
        (cur, ()) = h.undo(cur).unwrap();
        assert_eq!(cur, 1);
        (cur, ()) = h.redo(cur).unwrap();
        assert_eq!(cur, 2);
        h.record(cur, ());
        assert!(!h.can_redo(), "a new edit drops the redo stack");
    }

    #[test]
    fn limit_drops_oldest() {
        let mut h = History::<i32>::new(2);
        h.record(1, ());
        h.record(2, ());
        h.record(3, ());
        assert_eq!(h.undo(4), Some((3, ())));
        assert_eq!(h.undo(3), Some((2, ())));
        assert_eq!(h.undo(2), None);
    }

    /// A step's mark comes back with it whichever way it is crossed, however often.
    #[test]
    fn each_step_keeps_its_mark_both_ways() {
        let mut h = History::new(10);
        // 0 -edit-> 1 -open-> 2 -edit-> 3
        h.record(0, 'e');
        h.record(1, 'o');
        h.record(2, 'e');
        let mut cur = 3;
        let mut seen = Vec::new();
        // true: undo, false: redo.
        for undo in [true, true, true, false, false, true, false, false] {
            let (to, mark) = if undo { h.undo(cur) } else { h.redo(cur) }.unwrap();
            seen.push((cur, to, mark));
            cur = to;
        }
        let expected = [
            (3, 2, 'e'),
            (2, 1, 'o'),
            (1, 0, 'e'),
            (0, 1, 'e'),
            (1, 2, 'o'),
            (2, 1, 'o'),
            (1, 2, 'o'),
            (2, 3, 'e'),
        ];
        assert_eq!(seen, expected);
    }
}
