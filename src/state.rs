//! The app's shared state: signals holding engine values, and the one place edits go through.
//!
//! Components read these signals and call the methods here; every change of the scenario
//! goes through [`AppState::commit`], which records undo history and autosaves. The engine
//! types stay plain data (no signals inside them).

use crate::history::History;
use crate::storage;
use leptos::prelude::*;
use vpc_engine::diff::{diff, TraceDiff};
use vpc_engine::packet::Packet;
use vpc_engine::peering::{RequestLog, Seconds};
use vpc_engine::trace::trace_packet;
use vpc_engine::{Loaded, Scenario, Trace};

/// A message for the user, shown where they look (a banner, or next to a field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// The result of the last "Send packet".
#[derive(Debug, Clone, PartialEq)]
pub struct TraceRun {
    pub from: String,
    pub to: String,
    /// The packet sent (its protocol and ports).
    pub packet: Packet,
    /// The trace, or why none could be computed (unknown source).
    pub result: Result<Trace, String>,
    /// What differs from the previous run of the same from, to and packet, if there was one.
    pub changes: Option<TraceDiff>,
}

impl TraceRun {
    /// Number of animation steps: forward hops then return hops.
    pub fn steps(&self) -> usize {
        match &self.result {
            Ok(t) => t.hops.len() + t.return_hops.len(),
            Err(_) => 0,
        }
    }
}

/// What kind of change a step of the undo history is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// An edit: the side panels follow it line by line.
    Edit,
    /// A scenario opened whole (`startup::open_scenario`): undone or redone, it counts as
    /// an opening again (`AppState::opened`).
    Opening,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub scenario: RwSignal<Scenario>,
    /// How many scenarios have been opened whole (a file, an import, a lesson, a link:
    /// `startup::open_scenario`; an undo or redo of one). The side panels are built afresh
    /// a frame after each (`AfterPaint`), so the task that opens a large scenario does not
    /// also remove the old one's thousands of lines and build the new ones.
    pub opened: RwSignal<u64>,
    /// The scenario as the engine reads it (ids and references resolved), loaded once per
    /// change and shared by the trace, the reachability matrix, the findings and the canvas.
    /// `None` only if the scenario does not load, which `commit`'s callers rule out.
    pub loaded: Memo<Option<Loaded>>,
    /// A `Loaded` handed over with the scenario it holds (`hand_over`): `loaded` takes it
    /// instead of resolving the same scenario a second time (a file, an import, a lesson or
    /// a scenario address was loaded once already, and a large one's ids and references
    /// take milliseconds to resolve).
    handed: StoredValue<Option<Loaded>>,
    pub history: RwSignal<History<Scenario, Change>>,
    /// The id of the resource selected in the editor or on the canvas.
    pub selected: RwSignal<Option<String>>,
    /// "Acting as account": whose console the user is in (peering accept/reject).
    pub acting_account: RwSignal<String>,
    /// Simulated time for the peering lifecycle (request expiry).
    pub clock: RwSignal<Seconds>,
    pub request_log: RwSignal<RequestLog>,
    pub trace_from: RwSignal<String>,
    pub trace_to: RwSignal<String>,
    /// The packet the trace sends (the trace panel's protocol and port, `&proto=&port=`).
    pub trace_packet: RwSignal<Packet>,
    pub run: RwSignal<Option<TraceRun>>,
    /// Animation position: number of hops shown (0..=steps), forward then return.
    pub step: RwSignal<usize>,
    pub playing: RwSignal<bool>,
    /// Animation speed multiplier (1.0 = one hop per second).
    pub speed: RwSignal<f64>,
    pub notice: RwSignal<Option<Notice>>,
    /// Embed mode (`&embed=1`): canvas, trace controls and lesson only.
    pub embed: RwSignal<bool>,
    /// `&controls=1`: the From/To form in embed mode too.
    pub controls: RwSignal<bool>,
    /// Projector mode (`&present=1`, or P): larger text and packet, editor hidden.
    pub present: RwSignal<bool>,
    /// Embed mode: whether the trace panel (events, hop inspector) is open beside the canvas.
    pub details_open: RwSignal<bool>,
}

impl AppState {
    pub fn new(initial: Scenario) -> AppState {
        let account = initial
            .vpcs
            .first()
            .map(|v| v.account.clone())
            .unwrap_or_else(|| vpc_engine::model::DEFAULT_ACCOUNT.to_string());
        let scenario = RwSignal::new(initial);
        let handed = StoredValue::new(None::<Loaded>);
        AppState {
            scenario,
            opened: RwSignal::new(0),
            loaded: Memo::new(move |_| {
                let handed = handed.try_update_value(Option::take).flatten();
                scenario.with(|s| match handed {
                    // Only for the scenario it was loaded from (a later change may have come first).
                    Some(l) if l.scenario() == s => Some(l),
                    _ => Loaded::new(s.clone()).ok(),
                })
            }),
            handed,
            history: RwSignal::new(History::new(200)),
            selected: RwSignal::new(None),
            acting_account: RwSignal::new(account),
            clock: RwSignal::new(0),
            request_log: RwSignal::new(RequestLog::default()),
            trace_from: RwSignal::new(String::new()),
            trace_to: RwSignal::new(String::new()),
            trace_packet: RwSignal::new(Packet::default()),
            run: RwSignal::new(None),
            step: RwSignal::new(0),
            playing: RwSignal::new(false),
            speed: RwSignal::new(1.0),
            notice: RwSignal::new(None),
            embed: RwSignal::new(false),
            controls: RwSignal::new(false),
            present: RwSignal::new(false),
            details_open: RwSignal::new(false),
        }
    }

    /// The scenario of `l`, for `commit` (or the like) to make current; `loaded` then takes
    /// `l` as it is rather than loading the scenario again.
    pub fn hand_over(&self, l: Loaded) -> Scenario {
        let s = l.scenario().clone();
        self.handed.set_value(Some(l));
        s
    }

    /// Replaces the scenario with `next` as one undoable edit, and autosaves.
    pub fn commit(&self, next: Scenario) {
        self.commit_as(next, Change::Edit);
    }

    /// Replaces the scenario with `next` as one undoable `change`, and autosaves.
    pub fn commit_as(&self, next: Scenario, change: Change) {
        let current = self.scenario.get_untracked();
        if current == next {
            return;
        }
        self.history.update(|h| h.record(current, change));
        storage::save(&next);
        self.scenario.set(next);
    }

    /// Applies `f` to a copy of the scenario; commits only when it succeeds, so a refused
    /// edit leaves the user's work as it was. Returns `f`'s error for the field that caused it.
    pub fn edit<E>(&self, f: impl FnOnce(&mut Scenario) -> Result<(), E>) -> Result<(), E> {
        let mut copy = self.scenario.get_untracked();
        f(&mut copy)?;
        self.commit(copy);
        Ok(())
    }

    pub fn undo(&self) {
        self.step_history(History::undo);
    }

    pub fn redo(&self) {
        self.step_history(History::redo);
    }

    /// Moves through the history one step (undo or redo) and saves and shows where it lands.
    /// Undoing or redoing an opening is an opening too: from a large scenario to a lesson,
    /// the panels' thousands of lines go at once, not one by one in this task.
    fn step_history(
        &self,
        step: impl FnOnce(&mut History<Scenario, Change>, Scenario) -> Option<(Scenario, Change)>,
    ) {
        let current = self.scenario.get_untracked();
        let mut to = None;
        self.history.update(|h| to = step(h, current));
        if let Some((s, change)) = to {
            if change == Change::Opening {
                self.opened.update(|n| *n += 1);
            }
            storage::save(&s);
            self.scenario.set(s);
        }
    }

    /// Runs the trace named by `trace_from` / `trace_to` and starts the animation.
    pub fn send_packet(&self) {
        let from = self.trace_from.get_untracked();
        let to = self.trace_to.get_untracked();
        let packet = self.trace_packet.get_untracked();
        let result = self.loaded.with_untracked(|l| match l {
            Some(l) => trace_packet(l, &from, &to, packet).map_err(|e| e.to_string()),
            None => Err("the scenario does not load, so nothing can be traced".to_string()),
        });
        // "What changed" is the full app's (the viewer, no `editor` feature, never shows it).
        let changes = match (&self.run.get_untracked(), &result) {
            (Some(prev), Ok(now))
                if cfg!(feature = "editor")
                    && prev.from == from
                    && prev.to == to
                    && prev.packet == packet =>
            {
                prev.result.as_ref().ok().map(|before| diff(before, now))
            }
            _ => None,
        };
        self.run.set(Some(TraceRun {
            from,
            to,
            packet,
            result,
            changes,
        }));
        self.step.set(0);
        self.playing.set(true);
    }

    pub fn show_notice(&self, kind: NoticeKind, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind,
            text: text.into(),
        }));
    }
}
