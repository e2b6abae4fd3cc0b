//! What the full app (`app.rs`) and the viewer (`viewer.rs`) show alike around a lesson: the
//! notice banner, the stage (canvas, verdict line, step controls), the trace details beside
//! it, projector mode, and [`AfterPaint`], which holds back what the first screen, and the
//! task that opens a scenario, can do without.

use crate::components::trace::canvas_view::CanvasView;
use crate::components::trace::trace_panel::{TracePanel, VerdictLine};
use crate::components::trace::transport::{typing_in, Transport};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;

/// The message of the moment (a link that was refused, a scenario that did not open), with
/// its Dismiss button. Always one grid row, so the rows below keep their place.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let notice = move || {
        state.notice.get().map(|n| {
            let class = match n.kind {
                NoticeKind::Error => "notice notice-error",
                NoticeKind::Info => "notice notice-info",
            };
            view! {
                <div class=class role="alert">
                    <span>{n.text}</span>
                    <button aria-label="Dismiss message" on:click=move |_| state.notice.set(None)>"×"</button>
                </div>
            }
        })
    };
    view! { <div class="notice-slot">{notice}</div> }
}

/// The diagram with its verdict line and step controls; `children` (the full app's welcome
/// card) sit over it.
#[component]
pub fn Stage(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <section class="stage" aria-label="Topology">
            <CanvasView/>
            <VerdictLine/>
            <Transport/>
            {children.map(|c| c())}
        </section>
    }
}

/// The trace details (events, hop inspector, the From/To form where shown), beside the
/// canvas; in embed mode behind the verdict line's **Steps** button. Filled after the first
/// paint: the lesson, the diagram and the verdict come first.
#[component]
pub fn TraceDetails() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <aside class="panel panel-right" id="trace-details" aria-label="Trace"
            class:closed=move || state.embed.get() && !state.details_open.get()>
            <AfterPaint><TracePanel/></AfterPaint>
        </aside>
    }
}

/// `children`, once the page has painted a frame without them: at start-up, and again after
/// each scenario opened whole (`AppState::opened`). The side panels (resources, findings,
/// the trace details) are held back this way. At start-up the page shows the lesson, the
/// diagram and the verdict a task sooner, and the panels' code is compiled and run after
/// that paint rather than before it. At an opening, the old scenario's lines (thousands for
/// a large one) go at once with their panel, and the new ones are built in a task of their
/// own, so neither that task nor the opening's holds the page for long. Their boxes are
/// laid out from the start (the grid's columns), so nothing moves when they fill.
#[component]
pub fn AfterPaint(children: ChildrenFn) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The opening whose panels are built; `None` before the first paint.
    let built = RwSignal::new(None::<u64>);
    Effect::new(move |_| {
        let opening = state.opened.get();
        // A task queued from an animation frame callback runs after that frame is painted.
        // `try_set`: the panel may be gone by then (embed mode switched on).
        request_animation_frame(move || {
            set_timeout(
                move || {
                    built.try_set(Some(opening));
                },
                std::time::Duration::ZERO,
            )
        });
    });
    view! { <Show when=move || built.get() == Some(state.opened.get())>{children()}</Show> }
}

/// Projector mode follows `state.present` (set from `&present=1`, the header's button or P
/// outside text fields): `data-present` on `<html>` enlarges the text and sets the
/// `--canvas-scale` the canvas reads.
pub fn projector_mode(state: AppState) {
    Effect::new(move |_| {
        let on = state.present.get();
        crate::startup::set_root_attribute("data-present", on.then_some("1"));
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        if !key.eq_ignore_ascii_case("p") || typing_in(&ev, &key) {
            return;
        }
        state.present.update(|p| *p = !*p);
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}
