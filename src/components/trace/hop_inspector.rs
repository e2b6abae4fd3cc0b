//! The hop inspector: for the hop the animation is on, the route table consulted, every
//! route that matched with the winner marked and why it won (at a transit gateway route
//! table, where each route came from, the rule that decided, and why the routes to the
//! destination are missing, from the engine's typed `Hop::tgw`), a filter's rules with the one
//! that decided marked (`hop_rules`), the hop's sentence, a drop's reason code with its
//! nearest Reachability Analyzer explanation code, and its AWS documentation page.

use super::hop_rules::FilterRules;
use super::trace_text::{
    action_word, packet_tag, route_text, tgw_decision_text, tgw_from_text, tgw_missing_text,
    tgw_route_text,
};
use crate::canvas::path::hop_at;
use crate::components::id_text::IdText;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::Kind;

#[component]
pub fn HopInspector() -> impl IntoView {
    let state = expect_context::<AppState>();
    let hop = move || {
        let step = state.step.get().max(1);
        state.run.with(|r| {
            r.as_ref()
                .and_then(|r| r.result.as_ref().ok())
                .and_then(|t| hop_at(t, step).map(|(h, back)| (step, h.clone(), back)))
        })
    };
    move || {
        hop().map(|(n, h, back)| {
            let routes = h.routes.clone();
            let has_routes = !routes.is_empty();
            // A transit gateway table: where each route came from, and the rule that won.
            let tgw = h.tgw.clone();
            let from: Vec<Option<String>> = (0..routes.len())
                .map(|i| tgw.as_ref().and_then(|t| t.origins.get(i)).map(tgw_from_text))
                .collect();
            let decision = tgw.as_ref().map(|t| tgw_decision_text(t.decision));
            let missing: Vec<String> = tgw
                .as_ref()
                .map(|t| t.missing.iter().map(tgw_missing_text).collect())
                .unwrap_or_default();
            // A route-table hop names its table; elsewhere (a drop in a peer VPC) the
            // routes come from a table the note names.
            let table = (h.at.kind() == Some(Kind::RouteTable)).then(|| h.at.to_string());
            view! {
                <section class="inspector" aria-label="Hop inspector" data-testid="hop-inspector">
                    <h3>{format!("Hop {n}{}: {} — {}", if back { " (reply)" } else { "" }, h.at, action_word(h.action))}</h3>
                    <p class="inspector-addr">{packet_tag(&h)}</p>
                    {has_routes.then(|| view! {
                        <p class="inspector-table">{match table.clone() {
                            Some(t) => view! { "Route table "<strong>{t}</strong>": routes that matched" }.into_any(),
                            None => view! { "Routes that matched" }.into_any(),
                        }}</p>
                        <table class="routes" data-testid="routes">
                            <thead><tr><th scope="col">"Route"</th><th scope="col">"Result"</th></tr></thead>
                            <tbody>
                                {routes.into_iter().zip(from).map(|(r, from)| {
                                    let chosen = r.chosen;
                                    // A transit gateway route: where it came from on a line
                                    // under it (the panel is too narrow for a third column).
                                    let text = if from.is_some() { tgw_route_text(&r) } else { route_text(&r) };
                                    view! {
                                        <tr class:chosen=chosen data-chosen=chosen.to_string()>
                                            <td>
                                                <IdText text=text/>
                                                {from.map(|f| view! {
                                                    <span class="route-from" data-testid="route-from"><IdText text=f/></span>
                                                })}
                                            </td>
                                            <td>{if chosen { "✓ chosen" } else { "not chosen" }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                    {decision.map(|d| view! {
                        <p class="inspector-table" data-testid="tgw-decision">
                            <strong>{if has_routes { "Why this route: " } else { "Lookup: " }}</strong>{d}
                        </p>
                    })}
                    {(!missing.is_empty()).then(|| view! {
                        <div data-testid="tgw-missing">
                            <p class="inspector-table"><strong>"Why no route to the destination"</strong></p>
                            <ul>{missing.into_iter().map(|m| view! { <li><IdText text=m/></li> }).collect_view()}</ul>
                        </div>
                    })}
                    <FilterRules hop=h.clone() back=back/>
                    <p class="inspector-note">
                        {has_routes.then(|| view! { <strong>"Why: "</strong> })}
                        <IdText text=h.note.clone()/>
                    </p>
                    {h.reason.map(|r| view! { <p class="inspector-reason">"Reason code: "<code>{r.as_str()}</code></p> })}
                    {h.reason.and_then(|r| r.explanation_code()).map(|c| view! {
                        <p class="inspector-reason" data-testid="explanation-code">
                            "Reachability Analyzer: "<code>{c}</code>
                        </p>
                    })}
                    {h.doc.clone().map(|d| view! {
                        <p><a href=d target="_blank" rel="noopener">"AWS doc"</a></p>
                    })}
                </section>
            }
        })
    }
}
