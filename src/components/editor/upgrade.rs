//! "Upgrade to format 2" for an open format 1 scenario (`docs/scenario-format.md` N7): the
//! engine's `upgrade` (per VPC an open default security group, the implicit allow-all ACLs,
//! every verdict kept) as one undoable edit. Before it applies, the offer says which
//! reach-matrix cells would change (a reply format 1 never checked may find no way back),
//! from the engine's `reach_changes`, in the app's own words.

use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::reach::{reach, ReachCell};
use vpc_engine::upgrade::{reach_changes, upgrade, ReachChange};
use vpc_engine::{Loaded, Scenario, Verdict};

/// The upgraded document and the cells whose verdict it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub next: Scenario,
    pub changes: Vec<ReachChange>,
}

/// What upgrading `l` would give, or why it cannot (the upgraded document does not load).
pub fn preview(l: &Loaded) -> Result<Preview, String> {
    let next = upgrade(l);
    let after = Loaded::new(next.clone())
        .map_err(|e| format!("the upgraded scenario would not load: {e}"))?;
    let changes = reach_changes(&reach(l), &reach(&after));
    Ok(Preview { next, changes })
}

fn cell_words(c: &ReachCell) -> String {
    let word = match c.verdict {
        Verdict::Delivered => "Delivered",
        Verdict::Dropped => "Dropped",
    };
    format!("{word} ({})", c.reason.as_str())
}

/// One changed cell as a line: `i-a → internet-host: Delivered (DELIVERED) → Dropped (CODE)`.
pub fn change_line(c: &ReachChange) -> String {
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

#[component]
pub fn UpgradeOffer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let format1 = Memo::new(move |_| state.scenario.with(|s| !s.format.filters()));
    let shown: RwSignal<Option<Result<Preview, String>>> = RwSignal::new(None);
    // Another scenario (an edit, undo, a library lesson): the preview no longer holds.
    Effect::new(move |_| {
        state.scenario.track();
        shown.set(None);
    });
    let ask = move |_| {
        let p = state.loaded.with_untracked(|l| match l {
            Some(l) => preview(l),
            None => Err("the scenario does not load: fix the findings first".to_string()),
        });
        shown.set(Some(p));
    };
    let apply = move |_| {
        let Some(Ok(p)) = shown.get_untracked() else {
            return;
        };
        let groups = state
            .scenario
            .with_untracked(|s| new_groups(s, &p.next))
            .join(", ");
        if super::commit_or_notice(state, p.next) {
            state.show_notice(
                NoticeKind::Info,
                format!("Upgraded to format 2: {groups} let everything in and out, as format 1 did. Tighten them, or Undo to go back."),
            );
        }
    };
    let body = move || {
        shown.get().map(|p| match p {
            Err(why) => view! {
                <p class="field-error" role="alert">{format!("Cannot upgrade: {why}.")}</p>
                <button type="button" on:click=move |_| shown.set(None)>"Close"</button>
            }
            .into_any(),
            Ok(p) => {
                let groups = state.scenario.with_untracked(|s| new_groups(s, &p.next)).join(", ");
                let what = format!(
                    "Format 2 adds security groups and network ACLs. Each VPC gets a default group that allows all traffic in and out ({groups}), and every subnet AWS's allow-all default ACL, so the verdicts stay; then tighten them."
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
        })
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

    #[test]
    fn a_format_1_scenario_upgrades_with_its_verdicts_and_says_what_changes() {
        for entry in vpc_engine::library::LIBRARY {
            let l = vpc_engine::load(entry.json).unwrap();
            if l.scenario().format.filters() {
                continue;
            }
            let p = preview(&l).unwrap();
            assert!(p.next.format.filters(), "{}", entry.slug);
            assert_eq!(
                new_groups(l.scenario(), &p.next).len(),
                l.scenario().vpcs.len(),
                "{}",
                entry.slug
            );
            for c in &p.changes {
                let line = change_line(c);
                assert!(
                    line.starts_with(&format!("{} → {}: ", c.from, c.to)),
                    "{line}"
                );
                assert!(line.contains(" now "), "{line}");
            }
        }
    }
}
