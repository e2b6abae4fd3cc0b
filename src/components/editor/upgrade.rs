//! "Upgrade to format 2" for an open format 1 scenario (`docs/scenario-format.md` N7): the
//! engine's `upgrade` (per VPC an open default security group, the implicit allow-all ACLs,
//! every verdict kept) as one undoable edit. Before it applies, the offer says which
//! reach-matrix cells would change (a reply format 1 never checked may find no way back),
//! in the app's own words. The two matrices behind that are traced in the engine worker
//! (`vpc_worker::upgrade_preview`), with progress and Cancel, never on the page's thread.

use crate::engine_worker::Job;
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::{Scenario, Verdict};
use vpc_worker::{Cell, Change, Reply, Request};

/// The upgraded document and the cells whose verdict it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub next: Scenario,
    pub changes: Vec<Change>,
}

/// Where the offer stands once asked.
#[derive(Debug, Clone, PartialEq)]
enum Offer {
    /// The worker compares the matrices: `done` of `total` rows (0 of 0 while it loads).
    Working {
        done: usize,
        total: usize,
    },
    Ready(Box<Preview>),
    /// Why it cannot upgrade (the upgraded document does not load, or the worker failed).
    Refused(String),
}

/// The offer a reply of the worker makes, if it is one about the preview.
fn offer_from(reply: Reply) -> Option<Offer> {
    match reply {
        Reply::UpgradeProgress { done, total, .. } => Some(Offer::Working { done, total }),
        Reply::UpgradePreview {
            scenario, changes, ..
        // Through `load`, the page's one reader of documents (a second deserializer of
        // `Scenario` would cost the wasm its size again).
        } => Some(match vpc_engine::load(&scenario) {
            Ok(next) => Offer::Ready(Box::new(Preview {
                next: next.into_scenario(),
                changes,
            })),
            Err(e) => Offer::Refused(format!("the upgraded scenario would not load: {e}")),
        }),
        Reply::Failed { message, .. } => Some(Offer::Refused(message)),
        _ => None,
    }
}

fn cell_words(&Cell(verdict, reason): &Cell) -> String {
    let word = match verdict {
        Verdict::Delivered => "Delivered",
        Verdict::Dropped => "Dropped",
    };
    format!("{word} ({})", reason.as_str())
}

/// One changed cell as a line: `i-a → internet-host: Delivered (DELIVERED) now Dropped (CODE)`.
pub fn change_line(c: &Change) -> String {
    format!(
        "{} → {}: {} now {}",
        c.from,
        c.to,
        cell_words(&c.before),
        cell_words(&c.after)
    )
}

/// The ids of the default groups the upgrade writes (those `next` has and `s` had not).
fn new_groups(s: &Scenario, next: &Scenario) -> Vec<String> {
    next.security_groups
        .iter()
        .filter(|g| !s.security_groups.iter().any(|o| o.id == g.id))
        .map(|g| g.id.clone())
        .collect()
}

/// The preview's text for one state of the offer.
fn offer_view(
    state: AppState,
    offer: Offer,
    shown: RwSignal<Option<Offer>>,
    cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> AnyView {
    match offer {
        Offer::Working { done, total } => view! {
            <p data-testid="upgrade-progress">
                {format!("Comparing the reachability matrix before and after: {done} of {total} rows")}
            </p>
            <progress aria-label="Upgrade preview progress" max=total.max(1) value=done></progress>
            <button type="button" on:click=move |_| cancel()>"Cancel"</button>
        }
        .into_any(),
        Offer::Refused(why) => view! {
            <p class="field-error" role="alert">{format!("Cannot upgrade: {why}.")}</p>
            <button type="button" on:click=move |_| shown.set(None)>"Close"</button>
        }
        .into_any(),
        Offer::Ready(p) => {
            let groups = state.scenario.with_untracked(|s| new_groups(s, &p.next)).join(", ");
            let what = format!(
                "Format 2 adds security groups, network ACLs and transit gateways. Each VPC gets a default group that allows all traffic in and out ({groups}), and every subnet AWS's allow-all default ACL, so the verdicts stay; then tighten them."
            );
            let changes = if p.changes.is_empty() {
                view! { <p data-testid="upgrade-no-change">"Every reachability-matrix verdict stays the same."</p> }.into_any()
            } else {
                let n = p.changes.len();
                view! {
                    <p>{format!("{n} reachability-matrix cell(s) change: format 2 also checks replies format 1 never traced.")}</p>
                    <ul class="plain upgrade-changes" data-testid="upgrade-changes">
                        {p.changes.iter().map(|c| view! { <li>{change_line(c)}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            let apply = move |_| {
                let groups = state
                    .scenario
                    .with_untracked(|s| new_groups(s, &p.next))
                    .join(", ");
                if super::commit_or_notice(state, p.next.clone()) {
                    state.show_notice(
                        NoticeKind::Info,
                        format!("Upgraded to format 2: {groups} let everything in and out, as format 1 did. Tighten them, or Undo to go back."),
                    );
                }
            };
            view! {
                <p>{what}</p>
                {changes}
                <div class="row">
                    <button type="button" class="primary" data-testid="upgrade-apply" on:click=apply>"Upgrade"</button>
                    <button type="button" on:click=move |_| shown.set(None)>"Cancel"</button>
                </div>
            }
            .into_any()
        }
    }
}

/// The offer: asked, it has the engine worker trace the matrix before and after the upgrade
/// (two matrices: seconds of work for a large scenario, never on the page's thread), with
/// progress and Cancel, then shows what would change and applies it as one undoable edit.
#[component]
pub fn UpgradeOffer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let format1 = Memo::new(move |_| state.scenario.with(|s| !s.format.filters()));
    let shown: RwSignal<Option<Offer>> = RwSignal::new(None);
    let job = StoredValue::new_local(None::<Job>);
    let next_id = StoredValue::new(0u32);
    // Dropping the job terminates its worker.
    let cancel = move || {
        job.set_value(None);
        shown.set(None);
    };
    // Another scenario (an edit, undo, a library lesson): the preview no longer holds.
    Effect::new(move |_| {
        state.scenario.track();
        cancel();
    });
    on_cleanup(move || job.set_value(None));
    let ask = move |_| {
        job.set_value(None);
        if state.loaded.with_untracked(Option::is_none) {
            shown.set(Some(Offer::Refused(
                "the scenario does not load: fix the findings first".to_string(),
            )));
            return;
        }
        let id = next_id.get_value().wrapping_add(1);
        next_id.set_value(id);
        let scenario = state
            .scenario
            .with_untracked(|s| serde_json::to_string(s).unwrap_or_default());
        shown.set(Some(Offer::Working { done: 0, total: 0 }));
        let request = Request::Upgrade { job: id, scenario };
        let started = Job::start(&request, move |reply| {
            let ours = matches!(&reply,
                Reply::UpgradeProgress { job, .. } | Reply::UpgradePreview { job, .. } if *job == id)
                || matches!(&reply, Reply::Failed { job, .. } if *job == id || *job == 0);
            if let Some(offer) = offer_from(reply).filter(|_| ours) {
                if !matches!(offer, Offer::Working { .. }) {
                    job.set_value(None); // the worker is done: let it go
                }
                shown.set(Some(offer));
            }
        });
        match started {
            Ok(j) => job.set_value(Some(j)),
            Err(why) => shown.set(Some(Offer::Refused(why))),
        }
    };
    let body = move || {
        shown
            .get()
            .map(|offer| offer_view(state, offer, shown, cancel))
    };
    view! {
        <Show when=move || format1.get()>
            <div class="upgrade-offer">
                <button type="button" class="small" data-testid="upgrade"
                    aria-expanded=move || shown.with(Option::is_some).to_string()
                    on:click=ask>"Upgrade to format 2…"</button>
                <Show when=move || shown.with(Option::is_some)>
                    <div class="upgrade-panel" role="group" aria-label="Upgrade to format 2" data-testid="upgrade-panel">
                        {body}
                    </div>
                </Show>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::Reason;

    #[test]
    fn a_changed_cell_reads_as_a_line() {
        let c = Change {
            from: "i-a".into(),
            to: "internet".into(),
            before: Cell(Verdict::Delivered, Reason::Delivered),
            after: Cell(Verdict::Dropped, Reason::NoReturnRoute),
        };
        assert_eq!(
            change_line(&c),
            "i-a → internet: Delivered (DELIVERED) now Dropped (NO_RETURN_ROUTE)"
        );
    }

    #[test]
    fn the_worker_s_preview_becomes_the_offer_and_its_document() {
        for entry in vpc_engine::library::LIBRARY {
            let l = vpc_engine::load(entry.json()).unwrap();
            if l.scenario().format.filters() {
                continue;
            }
            let (next, changes) = vpc_worker::upgrade_preview(&l, |_, _| {}).unwrap();
            let reply = Reply::UpgradePreview {
                job: 1,
                scenario: serde_json::to_string(&next).unwrap(),
                changes: changes.clone(),
            };
            let Some(Offer::Ready(p)) = offer_from(reply) else {
                panic!("{}: no preview", entry.slug);
            };
            assert_eq!(*p, Preview { next, changes }, "{}", entry.slug);
            assert!(p.next.format.filters(), "{}", entry.slug);
            assert_eq!(
                new_groups(l.scenario(), &p.next).len(),
                l.scenario().vpcs.len(),
                "{}",
                entry.slug
            );
        }
        let failed = Reply::Failed {
            job: 1,
            message: "subnets[0].cidr: bad".into(),
        };
        assert_eq!(
            offer_from(failed),
            Some(Offer::Refused("subnets[0].cidr: bad".into()))
        );
        assert_eq!(offer_from(Reply::ReachDone { job: 1 }), None);
    }
}
