//! Undo/redo history: plain data, no signals, so it tests natively.

/// Past and future snapshots around the current value (which the caller holds).
#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    limit: usize,
}

impl<T> History<T> {
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: limit.max(1),
        }
    }
    /// Records `previous` before a new edit; a new edit clears the redo stack.
    pub fn record(&mut self, previous: T) {
        self.past.push(previous);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }
    /// Steps back: gives the value to show and keeps `current` for redo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let prev = self.past.pop()?;
        self.future.push(current);
        Some(prev)
    }
    /// Steps forward again after an undo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current);
        Some(next)
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
        let mut h = History::new(10);
        let mut cur = 0;
        for next in 1..=3 {
            h.record(cur);
            cur = next;
        }
        cur = h.undo(cur).unwrap();
        assert_eq!(cur, 2);
        cur = h.undo(cur).unwrap();
        assert_eq!(cur, 1);
        cur = h.redo(cur).unwrap();
        assert_eq!(cur, 2);
        h.record(cur);
        assert!(!h.can_redo(), "a new edit drops the redo stack");
    }

    #[test]
    fn limit_drops_oldest() {
        let mut h = History::new(2);
        h.record(1);
        h.record(2);
        h.record(3);
        assert_eq!(h.undo(4), Some(3));
        assert_eq!(h.undo(3), Some(2));
        assert_eq!(h.undo(2), None);
    }
}
