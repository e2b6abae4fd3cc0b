//! VPC peering as the protocol AWS runs: request from a VPC (as its account), accept or
//! reject as the accepter's account, delete; every step through `vpc_engine::peering`,
//! whose refusals are shown as they are.

use super::field::dom_id;
use super::refs::fresh_id;
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::model::*;
use vpc_engine::peering;

/// Whose console can act on a peering, for the buttons' hints.
fn owner(s: &Scenario, vpc: &str) -> String {
    s.vpc(vpc).map(|v| v.account.clone()).unwrap_or_default()
}

/// Applies a peering operation's result: commit after the load check, or say why not.
/// The button pressed goes away with the status it answered (Accept on an active peering),
/// so focus moves to the peering's line in the resource list rather than to the page.
fn finish(
    state: AppState,
    id: &str,
    result: Result<Scenario, peering::PeeringError>,
    done: String,
) {
    match result {
        Ok(next) => {
            if super::commit_or_notice(state, next) {
                state.show_notice(NoticeKind::Info, done);
                let selectors = vec![
                    format!(".res-tree [data-res-id={}]", crate::dom::quoted(id)),
                    ".res-tree".to_string(),
                ];
                request_animation_frame(move || crate::dom::refocus_if_lost(&selectors));
            }
        }
        Err(e) => state.show_notice(NoticeKind::Error, capitalise(&e.to_string())),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Accept / Reject (pending requests) and Delete (pending or active) for peering `id`.
#[component]
pub fn PeeringActions(
    id: String,
    /// Only Accept / Reject (in the accepter's list of requests).
    #[prop(optional)]
    answer_only: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = id.clone();
    let status = Memo::new(move |_| state.scenario.with(|s| s.peering(&a).map(|p| p.status)));
    let op = move |which: &'static str, id: String| {
        move |_| {
            let account = state.acting_account.get_untracked();
            let result = state.scenario.with_untracked(|s| match which {
                "accept" => peering::accept(s, &id, &account),
                "reject" => peering::reject(s, &id, &account),
                _ => peering::delete(s, &id, &account),
            });
            let done = match which {
                "accept" => format!("{id} accepted: it is active."),
                "reject" => format!("{id} rejected."),
                _ => format!("{id} deleted."),
            };
            finish(state, &id, result, done);
        }
    };
    view! {
        <span class="peering-actions">
            {move || {
                let pending = status.get() == Some(PeeringStatus::PendingAcceptance);
                let live = !answer_only && matches!(status.get(), Some(PeeringStatus::PendingAcceptance | PeeringStatus::Active));
                let answer = pending.then(|| view! {
                    <button type="button" class="primary small" aria-label=format!("Accept {id}") data-testid="peering-accept"
                        on:click=op("accept", id.clone())>"Accept"</button>
                    <button type="button" class="small" aria-label=format!("Reject {id}") data-testid="peering-reject"
                        on:click=op("reject", id.clone())>"Reject"</button>
                });
                let delete = live.then(|| view! {
                    <button type="button" class="small" aria-label=format!("Delete peering {id}") data-testid="peering-delete"
                        title="AWS's delete: the peering stays, with status deleted"
                        on:click=op("delete", id.clone())>"Delete peering"</button>
                });
                (answer, delete)
            }}
        </span>
    }
}

/// The selected peering: who asked whom, its status, and the actions.
#[component]
pub fn PeeringForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = id.clone();
    let info = move || {
        state.scenario.with(|s| {
            s.peering(&a).map(|p| {
                let req = format!("{} (account {})", p.requester, owner(s, &p.requester));
                let acc = format!("{} (account {})", p.accepter, owner(s, &p.accepter));
                let status = p.status.as_str().to_string();
                let expires = state.request_log.with(|log| {
                    (p.status == PeeringStatus::PendingAcceptance)
                        .then(|| log.requested_at.get(&p.id).copied())
                        .flatten()
                        .map(|t| {
                            crate::components::shell::header::format_clock(t + peering::EXPIRY)
                        })
                });
                view! {
                    <dl class="facts">
                        <dt>"Requester"</dt><dd>{req}</dd>
                        <dt>"Accepter"</dt><dd>{acc}</dd>
                        <dt>"Status"</dt><dd data-testid="peering-status">{status}</dd>
                        {expires.map(|e| view! { <dt>"Expires"</dt><dd>{e}</dd> })}
                    </dl>
                }
            })
        })
    };
    view! {
        {info}
        <p class="muted small">"Only the accepter's account can accept or reject; use “Acting as account” in the header to switch consoles. “Delete peering” is AWS's delete (status deleted, routes to it stop working); “Remove from scenario” takes it out of the document."</p>
        <PeeringActions id=id.clone()/>
    }
}

/// "Request peering" from a VPC: pick the accepter (any account or region) and an id.
#[component]
pub fn RequestPeering(vpc: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let accepter = RwSignal::new(String::new());
    let new_id = RwSignal::new(String::new());
    let (sel_id, id_id) = (dom_id("f"), dom_id("f"));
    let a = vpc.clone();
    let others = Signal::derive(move || {
        state.scenario.with(|s| {
            s.vpcs
                .iter()
                .filter(|v| v.id != a)
                .map(|v| {
                    let name = v.name.as_ref().map(|n| format!(" {n}")).unwrap_or_default();
                    (
                        v.id.clone(),
                        format!("{}{name} — {} {}", v.id, v.account, v.region),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // The accepter shown: the one picked, else the first choice (never a blank select).
    let chosen = move || {
        let picked = accepter.get();
        let opts = others.get();
        if opts.iter().any(|o| o.0 == picked) {
            picked
        } else {
            opts.first().map(|o| o.0.clone()).unwrap_or_default()
        }
    };
    let b = vpc.clone();
    let request = move |_| {
        let account = state.acting_account.get_untracked();
        let now = state.clock.get_untracked();
        let target = accepter.get_untracked();
        let target = if target.is_empty() {
            others
                .get_untracked()
                .first()
                .map(|o| o.0.clone())
                .unwrap_or_default()
        } else {
            target
        };
        let typed = new_id.get_untracked();
        let log = state.request_log.get_untracked();
        let result = state.scenario.with_untracked(|s| {
            let id = if typed.trim().is_empty() {
                fresh_id(s, "pcx")
            } else {
                typed.trim().to_string()
            };
            peering::request(s, &log, &id, &b, &target, &account, now).map(|r| (r, id))
        });
        match result {
            Ok(((next, log2), id)) => {
                if super::commit_or_notice(state, next) {
                    state.request_log.set(log2);
                    new_id.set(String::new());
                    let status = state.scenario.with_untracked(|s| {
                        s.peering(&id).map(|p| p.status.as_str()).unwrap_or("")
                    });
                    state.show_notice(
                        NoticeKind::Info,
                        format!("Requested {id} from {b} to {target}: {status}."),
                    );
                }
            }
            Err(e) => state.show_notice(NoticeKind::Error, capitalise(&e.to_string())),
        }
    };
    view! {
        <fieldset class="request-peering" data-testid="request-peering">
            <legend>"Request peering"</legend>
            {move || if others.with(Vec::is_empty) {
                view! { <p class="muted small">"Add another VPC to peer with."</p> }.into_any()
            } else {
                ().into_any()
            }}
            <div class="field">
                <label for=sel_id.clone()>"Accepter VPC"</label>
                <select id=sel_id on:change=move |ev| accepter.set(event_target_value(&ev)) prop:value=chosen>
                    <For each=move || others.get() key=|o| o.clone() children=|(v, t)| view! { <option value=v>{t}</option> }/>
                </select>
            </div>
            <div class="field">
                <label for=id_id.clone()>"Peering id"</label>
                <input id=id_id type="text" placeholder="pcx-… (generated if empty)" autocomplete="off"
                    prop:value=move || new_id.get() on:input=move |ev| new_id.set(event_target_value(&ev))/>
            </div>
            <button type="button" class="primary" on:click=request>"Request peering"</button>
        </fieldset>
    }
}
