//! The page layout: header, lesson bar, resource panel, canvas with its verdict line and
//! step controls, trace panel and footer.
//!
//! Which panels show depends on the mode: embed (`&embed=1`, the trace details behind a
//! button), projector (`&present=1` or P, no editor) and, on a phone, the resource panel
//! behind a button. The colour theme and projector mode are attributes of `<html>` that the
//! style sheets key on. Each panel is its own component. This is the full app (the `editor`
//! feature); the viewer build mounts `viewer::Viewer` instead, the same stage without the
//! editor around it.

use crate::components::editor::{findings::Findings, resources::Resources};
use crate::components::shell::frame::{
    projector_mode, AfterPaint, NoticeBanner, Stage, TraceDetails,
};
use crate::components::shell::{
    header::Header, lesson::LessonBar, toolbar::Dialogs, welcome::Welcome,
};
use crate::startup::{self, Opened};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    // Start from the autosaved work; start-up then opens a link, a scenario URL or (first
    // run) the welcome lesson over it, as the URL contract says.
    let (initial, restored) = startup::restore();
    let state = crate::state::AppState::new(initial);
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
    projector_mode(state);

    view! {
        <div class="app" class:embed=move || state.embed.get() class:present=move || state.present.get()
            class:details-open=move || state.details_open.get()>
            <Show when=move || !state.embed.get()>
                <Header/>
            </Show>
            <NoticeBanner/>
            <LessonBar/>
            <main class="workspace">
                <Show when=move || !state.embed.get() && !state.present.get()>
                    <ResourceDrawer/>
                </Show>
                <Stage><Welcome/></Stage>
                <TraceDetails/>
            </main>
            <Show when=move || !state.embed.get()>
                <Footer/>
            </Show>
        </div>
    }
}

/// The resource list, its editor and the findings. On a phone they wait behind a button so
/// the lesson, the diagram and the verdict come first; elsewhere the button is hidden and
/// the panel always shows.
#[component]
fn ResourceDrawer() -> impl IntoView {
    let (open, set_open) = signal(false);
    view! {
        <aside class="panel panel-left" aria-label="Resources" class:closed=move || !open.get()>
            <button type="button" class="drawer-toggle" aria-controls="resource-drawer"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|o| *o = !*o)>
                {move || if open.get() { "Hide resources, editor and findings" } else { "Resources, editor and findings" }}
            </button>
            <div class="drawer-body" id="resource-drawer">
                <AfterPaint>
                    <Resources/>
                    <Findings/>
                </AfterPaint>
            </div>
        </aside>
    }
}

/// The AWS guides behind the rules the engine applies, one link each in the footer.
const RULE_GUIDES: [(&str, &str); 8] = [
    (
        "VPC peering",
        "https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html",
    ),
    (
        "Route tables",
        "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
    ),
    (
        "Gateway endpoints",
        "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    ),
    (
        "Site-to-Site VPN",
        "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html",
    ),
    (
        "Direct Connect",
        "https://docs.aws.amazon.com/directconnect/latest/UserGuide/Welcome.html",
    ),
    (
        "Security groups",
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html",
    ),
    (
        "Network ACLs",
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
    ),
    (
        "Transit gateways",
        "https://docs.aws.amazon.com/vpc/latest/tgw/what-is-transit-gateway.html",
    ),
];

#[component]
fn Footer() -> impl IntoView {
    let links = RULE_GUIDES
        .iter()
        .enumerate()
        .map(|(i, (name, href))| {
            view! {
                {(i > 0).then_some(" · ")}
                <a href=*href target="_blank" rel="noopener">{*name}</a>
            }
        })
        .collect_view();
    view! {
        <footer class="footer">"Rules explained with the AWS documentation: " {links}</footer>
    }
}
