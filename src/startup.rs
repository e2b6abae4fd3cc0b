//! Start-up: which scenario the page opens with and which trace it runs, following the URL
//! contract of `docs/scenario-format.md` (U6), in this order: a `#s=DATA` share link, then
//! `?scenario=URL`, then the autosaved work, then (first run) the welcome lesson.
//!
//! Also the one way the share features open a scenario ([`open_scenario`]) and run its trace
//! ([`run_trace`]), so the gallery, import and links behave alike.

use crate::state::{AppState, Change, NoticeKind};
use crate::storage;
use crate::url::{self, UrlOptions};
use leptos::prelude::*;
use vpc_engine::peering::RequestLog;
use vpc_engine::{load, share, LoadError, Loaded, Scenario};

/// What start-up decided, for the views that care (the welcome card).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    ShareLink,
    ScenarioUrl,
    Autosave,
    /// Nothing saved and no link: the welcome lesson.
    FirstRun,
}

/// The options in the page's current address. The viewer (the crate without its `editor`
/// feature, `viewer.rs`) is always in embed mode, as if the address said `&embed=1`.
pub fn page_options() -> UrlOptions {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return UrlOptions::default();
    };
    let mut opts = url::parse(
        &loc.search().unwrap_or_default(),
        &loc.hash().unwrap_or_default(),
    );
    opts.embed |= !cfg!(feature = "editor");
    opts
}

/// Sets (or, with `None`, removes) an attribute of `<html>`, which the style sheets key on.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(v) => root.set_attribute(name, v),
        None => root.remove_attribute(name),
    };
}

/// The autosaved work to start from (an empty scenario without one), and what [`start`]
/// needs to know about it.
pub fn restore() -> (Scenario, Option<Result<(), LoadError>>) {
    match crate::storage::restore() {
        Some(Ok(s)) => (s, Some(Ok(()))),
        Some(Err(e)) => (Scenario::empty(), Some(Err(e))),
        None => (Scenario::empty(), None),
    }
}

/// Decides the initial scenario and trace. `restored` is what `storage::restore` returned
/// (the state was created with it, or with an empty scenario).
pub fn start(state: AppState, restored: Option<Result<(), LoadError>>) -> Opened {
    let opened = open_first(state, restored);
    crate::dom::mark("opened");
    opened
}

fn open_first(state: AppState, restored: Option<Result<(), LoadError>>) -> Opened {
    let opts = page_options();
    state.embed.set(opts.embed);
    state.controls.set(opts.controls);
    // A trainer who asks for the From/To form wants it in view.
    state.details_open.set(opts.controls);
    state.present.set(opts.present);
    if let Some(theme) = opts.theme {
        set_root_attribute("data-theme", Some(theme.as_str()));
    }
    if opts.embed {
        storage::set_saving(false);
    }
    if let Some(Err(e)) = &restored {
        state.show_notice(
            NoticeKind::Info,
            format!("Your autosaved work could not be restored ({e}), so the page starts empty."),
        );
    }
    if let Some(fragment) = opts.share.clone() {
        open_share_link(state, &fragment, &opts);
        return Opened::ShareLink;
    }
    if let Some(address) = opts.scenario_url.clone() {
        leptos::task::spawn_local(async move {
            match fetch_scenario(&address).await {
                Ok(l) => {
                    open_loaded(state, l);
                    run_trace(state, opts.trace(), opts.step, &opts);
                    forget_address(&opts);
                }
                Err(why) => state.show_notice(
                    NoticeKind::Error,
                    format!(
                        "The scenario at \"{address}\" was not opened: {why}. Your current work is kept."
                    ),
                ),
            }
        });
        return Opened::ScenarioUrl;
    }
    if matches!(restored, Some(Ok(()))) {
        if let Some(t) = opts.trace() {
            run_trace(state, Some(t), opts.step, &opts);
        }
        return Opened::Autosave;
    }
    if let Ok(l) = load(vpc_engine::library::WELCOME_JSON) {
        open_loaded(state, l);
        run_trace(state, opts.trace(), opts.step, &opts);
    }
    Opened::FirstRun
}

/// Opens the share link `fragment` (with its trace and step), or says why not and keeps
/// the work as it is.
fn open_share_link(state: AppState, fragment: &str, opts: &UrlOptions) {
    match share::parse_fragment(fragment) {
        Ok(link) => {
            let trace = opts
                .trace()
                .or_else(|| link.from.clone().zip(link.to.clone()));
            let step = opts.step.or(link.step);
            open_scenario(state, link.scenario);
            run_trace(state, trace, step, opts);
            forget_address(opts);
        }
        Err(e) => state.show_notice(
            NoticeKind::Error,
            format!("This share link was not opened: {e}. Your work is as you left it."),
        ),
    }
}

/// A share link pasted into the address bar of a tab that already shows the app changes
/// only the fragment: the browser does not reload, so without this the link would be
/// silently ignored. Opens it as start-up would (the app's own address changes use
/// `replaceState`, which fires no `hashchange`).
pub fn follow_share_links(state: AppState) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let opts = page_options();
        if let Some(fragment) = opts.share.clone() {
            open_share_link(state, &fragment, &opts);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Opens a scenario loaded already (a file, an import, a lesson): the same as
/// `open_scenario`, and `state.loaded` takes `l` as it is instead of loading it again.
pub fn open_loaded(state: AppState, l: vpc_engine::Loaded) {
    open_scenario(state, state.hand_over(l));
}

/// Makes `s` the scenario: one undoable edit (autosaved), or the first scenario of a blank
/// page without an undo step back to nothing. The previous trace (its From and To too),
/// selection and peering requests belong to the old scenario and are cleared.
pub fn open_scenario(state: AppState, s: Scenario) {
    // First, so that the side panels go before anything in them reacts to the changes below.
    state.opened.update(|n| *n += 1);
    state.playing.set(false);
    state.run.set(None);
    state.trace_from.set(String::new());
    state.trace_to.set(String::new());
    state.trace_packet.set(Default::default());
    state.step.set(0);
    state.selected.set(None);
    state.clock.set(0);
    state.request_log.set(RequestLog::default());
    if let Some(account) = s.vpcs.first().map(|v| v.account.clone()) {
        state.acting_account.set(account);
    }
    let blank = state.scenario.with_untracked(|c| *c == Scenario::empty());
    if blank {
        storage::save(&s);
        state.scenario.set(s);
    } else {
        state.commit_as(s, Change::Opening);
    }
}

/// Runs `trace` (else the scenario's lesson trace, if any). A `step` shows that step,
/// paused; in embed mode without autoplay the trace waits at step 0.
pub fn run_trace(
    state: AppState,
    trace: Option<(String, String)>,
    step: Option<usize>,
    opts: &UrlOptions,
) {
    let lesson = state.scenario.with_untracked(|s| {
        s.lesson
            .as_ref()
            .and_then(|l| l.trace.as_ref())
            .map(|t| (t.from.clone(), t.to.clone(), t.packet()))
    });
    // The packet `&proto=&port=` ask for (U10), else the lesson's, else the default one.
    let Some((from, to, packet)) = trace
        .map(|(f, t)| (f, t, opts.packet.unwrap_or_default()))
        .or(lesson.map(|(f, t, p)| (f, t, opts.packet.unwrap_or(p))))
    else {
        return;
    };
    state.trace_from.set(from);
    state.trace_to.set(to);
    state.trace_packet.set(packet);
    state.send_packet();
    if let Some(n) = step {
        let steps = state
            .run
            .with_untracked(|r| r.as_ref().map(|r| r.steps()).unwrap_or(0));
        state.playing.set(false);
        state.step.set(n.min(steps));
    } else if opts.embed && !opts.autoplay {
        state.playing.set(false);
    }
}

/// Runs the lesson trace of the scenario just opened from the app (gallery, import).
pub fn run_lesson(state: AppState) {
    run_trace(state, None, None, &UrlOptions::default());
}

/// Drops the query and fragment from the address bar once a link has been opened (one
/// `replaceState`, no history entry), so a reload shows the autosaved work with the
/// learner's edits rather than the link again. Embedded pages keep their address.
fn forget_address(opts: &UrlOptions) {
    if opts.embed {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Fetches and loads a scenario file (relative to the page), saying why when it cannot.
pub async fn fetch_scenario(address: &str) -> Result<Loaded, String> {
    let resp = gloo::net::http::Request::get(address)
        .send()
        .await
        .map_err(|e| format!("the file could not be fetched ({e})"))?;
    if !resp.ok() {
        return Err(format!(
            "the server answered {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let text = resp
        .text()
        .await
        .map_err(|e| format!("the file could not be read ({e})"))?;
    load(&text).map_err(|e| format!("it is not a scenario this app can load: {e}"))
}
