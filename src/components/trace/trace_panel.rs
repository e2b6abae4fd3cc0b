//! The trace panel: pick From, To and the packet (`packet_picker`), send it, read the verdict (role="status"),
//! what changed since the last run, the event list, the hop inspector, and the
//! reachability matrix ("what changed" and the matrix in the full app only: `full_app_parts`).

use super::event_list::EventList;
use super::hop_inspector::HopInspector;
use super::packet_picker::PacketPicker;
use super::trace_text::{service_dns, verdict_line};
use crate::components::reveal::reveal;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::EndpointType;
use vpc_engine::{Scenario, Verdict};

/// The From list: groups of (id, text) under their label.
type Sources = Vec<(&'static str, Vec<(String, String)>)>;

/// Trace sources: (group label, [(id, text)]).
fn sources(s: &Scenario) -> Sources {
    let named = |id: &str, name: &Option<String>, extra: String| match name {
        Some(n) if !n.is_empty() => format!("{id} ({n}) {extra}"),
        _ => format!("{id} {extra}"),
    };
    vec![
        (
            "Instances",
            s.instances
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        named(&i.id, &i.name, i.private_ip.to_string()),
                    )
                })
                .collect(),
        ),
        (
            "On-premises hosts",
            s.onprem_networks
                .iter()
                .flat_map(|n| n.hosts.iter())
                .map(|h| (h.id.clone(), named(&h.id, &h.name, h.ip.to_string())))
                .collect(),
        ),
        (
            "Internet hosts",
            s.internet_hosts
                .iter()
                .map(|h| (h.id.clone(), named(&h.id, &h.name, h.ip.to_string())))
                .collect(),
        ),
    ]
}

/// Suggestions for the To field: hosts, instances, interface endpoints, service names.
/// The sources' ids in the order the From list shows them.
fn source_ids(groups: &Sources) -> Vec<String> {
    groups
        .iter()
        .flat_map(|(_, items)| items.iter().map(|(id, _)| id.clone()))
        .collect()
}

/// The first `n` sources in the From list's order.
fn first_sources(mut groups: Sources, n: usize) -> Sources {
    let mut left = n;
    for (_, items) in &mut groups {
        items.truncate(left);
        left -= items.len();
    }
    groups
}

fn destinations(s: &Scenario) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for i in &s.instances {
        out.push((i.id.clone(), format!("instance {}", i.private_ip)));
    }
    for h in s.onprem_networks.iter().flat_map(|n| n.hosts.iter()) {
        out.push((h.id.clone(), format!("on-premises host {}", h.ip)));
    }
    for h in &s.internet_hosts {
        out.push((h.id.clone(), format!("internet host {}", h.ip)));
        if let Some(n) = &h.name {
            out.push((n.clone(), format!("internet host {}", h.ip)));
        }
    }
    for e in s
        .vpc_endpoints
        .iter()
        .filter(|e| e.kind == EndpointType::Interface)
    {
        out.push((
            e.id.clone(),
            format!("interface endpoint for {}", e.service),
        ));
    }
    let mut services: Vec<String> = s.vpc_endpoints.iter().map(|e| e.service.clone()).collect();
    // Catalog services in the scenario's regions (all of them for an empty scenario).
    let regions: Vec<&str> = s.vpcs.iter().map(|v| v.region.as_str()).collect();
    services.extend(
        vpc_engine::catalog::service_names()
            .into_iter()
            .filter(|n| {
                regions.is_empty()
                    || regions
                        .iter()
                        .any(|r| n.starts_with(&format!("com.amazonaws.{r}.")))
            }),
    );
    for name in services {
        if let Some(dns) = service_dns(&name) {
            if !out.iter().any(|(v, _)| *v == dns) {
                out.push((dns, format!("AWS service {name}")));
            }
        }
    }
    out
}

#[component]
pub fn TracePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (to_error, set_to_error) = signal(None::<String>);
    let (reach_button, changes, reach) = full_app_parts();

    // Start with a source picked so "Send packet" works at once.
    Effect::new(move |_| {
        let first = state.scenario.with(|s| {
            s.instances.first().map(|i| i.id.clone()).or_else(|| {
                s.onprem_networks
                    .iter()
                    .flat_map(|n| n.hosts.iter())
                    .next()
                    .map(|h| h.id.clone())
            })
        });
        if state.trace_from.with_untracked(|f| f.is_empty()) {
            if let Some(id) = first {
                state.trace_from.set(id);
            }
        }
    });

    let send = move || {
        if state.trace_to.with_untracked(|t| t.trim().is_empty()) {
            set_to_error.set(Some(
                "Type where to send the packet: an IP address, an instance or host id, an endpoint id or a DNS name.".into(),
            ));
            return;
        }
        if state.trace_from.with_untracked(|f| f.is_empty()) {
            set_to_error.set(Some("Pick a source in From first.".into()));
            return;
        }
        set_to_error.set(None);
        state.trace_to.update(|t| *t = t.trim().to_string());
        state.send_packet();
    };

    // 500 hosts are 1,000 options: revealed a slice per frame after a large change, and
    // each option follows only whether it is the one selected (`Selector`).
    let groups = reveal(
        move || state.scenario.with(sources),
        source_ids,
        first_sources,
    );
    let from = StoredValue::new(Selector::new(move || state.trace_from.get()));
    let source_options = move || {
        groups.with(|g| {
            g.items
                .iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(group, _)| *group)
                .collect::<Vec<_>>()
        })
    };
    let source_group = move |group: &'static str| {
        let items = move || {
            groups.with(|g| {
                g.items
                    .iter()
                    .find(|(x, _)| *x == group)
                    .map(|(_, items)| items.clone())
                    .unwrap_or_default()
            })
        };
        view! {
            <optgroup label=group>
                <For each=items key=|o| o.clone() children=move |(id, text)| {
                    let v = id.clone();
                    view! {
                        <option value=id selected=move || from.with_value(|f| f.selected(&v))>{text}</option>
                    }
                }/>
            </optgroup>
        }
    };
    let dests = reveal(
        move || state.scenario.with(destinations),
        |d| d.iter().map(|(v, _)| v.clone()).collect(),
        |mut d, n| {
            d.truncate(n);
            d
        },
    );
    let dest_options = move || dests.with(|d| d.items.clone());

    view! {
        <div class="trace-panel">
            <h2>"Trace"</h2>
            <Show when=move || !state.embed.get() || state.controls.get()>
                <form class="trace-form" on:submit=move |ev| { ev.prevent_default(); send(); }>
                    <label class="field">
                        <span>"From"</span>
                        <select data-testid="trace-from"
                            on:change=move |ev| state.trace_from.set(event_target_value(&ev))>
                            <option value="" disabled=true selected=move || state.trace_from.with(|f| f.is_empty())>
                                "Pick a source"
                            </option>
                            <For each=source_options key=|g| *g children=source_group/>
                        </select>
                    </label>
                    <label class="field">
                        <span>"To"</span>
                        <input type="text" list="trace-to-options" data-testid="trace-to"
                            placeholder="IP, id or DNS name" autocomplete="off" spellcheck="false"
                            aria-invalid=move || to_error.get().is_some().to_string()
                            aria-describedby="trace-to-error"
                            prop:value=move || state.trace_to.get()
                            on:input=move |ev| { state.trace_to.set(event_target_value(&ev)); set_to_error.set(None); }/>
                    </label>
                    <datalist id="trace-to-options">
                        <For each=dest_options key=|o| o.clone()
                            children=|(v, label)| view! { <option value=v label=label></option> }/>
                    </datalist>
                    <p id="trace-to-error" class="field-error" aria-live="polite">{move || to_error.get()}</p>
                    <PacketPicker/>
                    <div class="trace-actions">
                        <button type="submit" class="primary" data-testid="send-packet">"Send packet"</button>
                        {reach_button.run()}
                    </div>
                </form>
            </Show>
            {changes}
            <HopInspector/>
            <EventList/>
            {reach}
        </div>
    }
}

/// What the full app adds to the panel: the reachability matrix's button (in the form) and
/// the matrix (at the end), and "what changed" since the last run. The viewer has neither.
#[cfg(feature = "editor")]
fn full_app_parts() -> (ViewFn, AnyView, AnyView) {
    use super::reach_matrix::ReachMatrix;
    use super::what_changed::WhatChanged;
    let (reach_open, set_reach_open) = signal(false);
    let button = ViewFn::from(move || {
        view! {
            <button type="button" aria-haspopup="dialog"
                aria-expanded=move || reach_open.get().to_string()
                on:click=move |_| set_reach_open.update(|o| *o = !*o)>"Reachability matrix"</button>
        }
    });
    let matrix = view! {
        <Show when=move || reach_open.get()>
            <ReachMatrix on_close=move || set_reach_open.set(false)/>
        </Show>
    };
    (
        button,
        view! { <WhatChanged/> }.into_any(),
        matrix.into_any(),
    )
}

#[cfg(not(feature = "editor"))]
fn full_app_parts() -> (ViewFn, AnyView, AnyView) {
    (ViewFn::default(), ().into_any(), ().into_any())
}

/// The verdict of the last trace as one line with its reason code ("Dropped —
/// TRANSITIVE_PEERING: …"), in the `role="status"` element the URL contract promises. It sits
/// under the canvas in every layout; in embed mode it carries the button that opens the
/// trace details beside the canvas.
#[component]
pub fn VerdictLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = move || {
        state.run.with(|r| match r {
            // No class while empty: the live region stays in place (a region that appears
            // with its text is not always announced) but takes no room.
            None => (String::new(), ""),
            Some(run) => match &run.result {
                Ok(t) => (
                    verdict_line(t),
                    if t.verdict() == Verdict::Delivered {
                        "verdict ok"
                    } else {
                        "verdict bad"
                    },
                ),
                Err(e) => (format!("Cannot trace — {e}"), "verdict bad"),
            },
        })
    };
    view! {
        <div class="verdict-row">
            <p role="status" data-testid="verdict" class=move || status().1 title=move || status().0>
                // The verdict word apart, so a short frame can leave it to the mark before
                // it and keep the reason code in view.
                {move || {
                    let s = status().0;
                    match s.split_once(" — ") {
                        Some((word, rest)) => view! {
                            <span class="verdict-word">{format!("{word} — ")}</span>{rest.to_string()}
                        }
                        .into_any(),
                        None => s.into_any(),
                    }
                }}
            </p>
            <Show when=move || state.embed.get()>
                <button type="button" class="details-toggle" aria-controls="trace-details"
                    aria-expanded=move || state.details_open.get().to_string()
                    on:click=move |_| state.details_open.update(|o| *o = !*o)>
                    {move || if state.details_open.get() { "Hide steps" } else { "Steps" }}
                </button>
            </Show>
        </div>
    }
}
