//! The page layout: header, resource panel, canvas, trace panel, lesson bar and footer.
//!
//! Which panels show depends on embed mode; each panel is its own component.

use crate::components::editor::{findings::Findings, resources::Resources};
use crate::components::shell::{
    header::Header, lesson::LessonBar, toolbar::Dialogs, welcome::Welcome,
};
use crate::components::trace::{
    canvas_view::CanvasView, trace_panel::TracePanel, transport::Transport,
};
use crate::startup::{self, Opened};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::Scenario;

#[component]
pub fn App() -> impl IntoView {
    // Start from the autosaved work; start-up then opens a link, a scenario URL or (first
    // run) the welcome lesson over it, as the URL contract says.
    let (initial, restored) = match crate::storage::restore() {
        Some(Ok(s)) => (s, Some(Ok(()))),
        Some(Err(e)) => (Scenario::empty(), Some(Err(e))),
        None => (Scenario::empty(), None),
    };
    let state = AppState::new(initial);
    provide_context(state);
    provide_context(crate::components::editor::findings::LiveFindings::new(
        state,
    ));
    let dialogs = Dialogs::new();
    provide_context(dialogs);
    let opened = startup::start(state, restored);
    startup::follow_share_links(state);
    if opened == Opened::FirstRun && !state.embed.get_untracked() {
        dialogs.welcome.set(!crate::storage::welcome_dismissed());
    }

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

    view! {
        <div class="app" class:embed=move || state.embed.get()>
            <Show when=move || !state.embed.get()>
                <Header/>
            </Show>
            // Always one grid row, so the rows below keep their place with or without a notice.
            <div class="notice-slot">{notice}</div>
            <main class="workspace">
                <Show when=move || !state.embed.get()>
                    <aside class="panel panel-left" aria-label="Resources">
                        <Resources/>
                        <Findings/>
                    </aside>
                </Show>
                <section class="stage" aria-label="Topology">
                    <CanvasView/>
                    <Transport/>
                    <Welcome/>
                </section>
                <aside class="panel panel-right" aria-label="Trace">
                    <TracePanel/>
                </aside>
            </main>
            <LessonBar/>
            <Show when=move || !state.embed.get()>
                <footer class="footer">
                    "Rules explained with the AWS documentation: "
                    <a href="https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html" target="_blank" rel="noopener">"VPC peering"</a>
                    " · "
                    <a href="https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html" target="_blank" rel="noopener">"Route tables"</a>
                    " · "
                    <a href="https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html" target="_blank" rel="noopener">"Gateway endpoints"</a>
                    " · "
                    <a href="https://docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html" target="_blank" rel="noopener">"Site-to-Site VPN"</a>
                    " · "
                    <a href="https://docs.aws.amazon.com/directconnect/latest/UserGuide/Welcome.html" target="_blank" rel="noopener">"Direct Connect"</a>
                </footer>
            </Show>
        </div>
    }
}
