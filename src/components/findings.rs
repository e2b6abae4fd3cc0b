//! Findings: `vpc_engine::validate` of the current scenario, live, with severity (icon and
//! word), code and message. Clicking a finding selects the resource it is about.
//!
//! The same live list is shared through context ([`LiveFindings`]) so an editor field can
//! show, right under itself, the findings that name the value it holds (a /8 VPC block is
//! applied, as the spec says, and its `CIDR_SIZE` finding shows where the learner typed it).

use super::id_text::IdText;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::{validate, Finding, Severity};

/// `validate` of the current scenario, computed once per change for every view that needs it.
#[derive(Clone, Copy)]
pub struct LiveFindings(pub Memo<Vec<Finding>>);

impl LiveFindings {
    /// The findings of `state`'s scenario (lazy: nothing runs until a view reads them).
    pub fn new(state: AppState) -> LiveFindings {
        LiveFindings(Memo::new(move |_| {
            state
                .loaded
                .with(|l| l.as_ref().map(validate).unwrap_or_default())
        }))
    }

    /// The shared list, or a fresh one outside the app (component tests).
    pub fn get_or_new(state: AppState) -> LiveFindings {
        use_context::<LiveFindings>().unwrap_or_else(|| LiveFindings::new(state))
    }
}

/// Whether `message` names `token` as a whole value: `10.0.0.0/1` is not named by a message
/// about `10.0.0.0/16`, nor `10.0.1.1` by one about `10.0.1.10`.
pub fn names_value(message: &str, token: &str) -> bool {
    if token.is_empty() {
        return false;
    }
    let part_of_value = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '/';
    message.match_indices(token).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + token.len()..].chars().next();
        // A sentence's closing full stop after the value is not part of it.
        let after_ok = match after {
            None => true,
            Some('.') => message[at + token.len() + 1..]
                .chars()
                .next()
                .is_none_or(|c| !part_of_value(c)),
            Some(c) => !part_of_value(c),
        };
        before.is_none_or(|c| !part_of_value(c)) && after_ok
    })
}

/// The findings about `resource` that name one of the values in `text` (a CIDR, or a list
/// of them separated by commas or spaces), as lines for the field showing `text`.
pub fn notes_for(findings: &[Finding], resource: &str, text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    findings
        .iter()
        .filter(|f| f.resource == resource)
        .filter(|f| tokens.iter().any(|t| names_value(&f.message, t)))
        .map(|f| {
            let (_, word) = severity_label(f.severity);
            format!("{word} {}: {}", f.code.as_str(), f.message)
        })
        .collect()
}

/// Icon and word for a severity; the colour in CSS is never the only signal.
pub fn severity_label(s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Error => ("✖", "Error"),
        Severity::Warning => ("▲", "Warning"),
        Severity::Info => ("ℹ", "Info"),
    }
}

#[component]
pub fn Findings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let findings = LiveFindings::get_or_new(state).0;
    view! {
        <section class="findings" aria-labelledby="findings-heading" data-testid="findings">
            <h2 id="findings-heading">{move || format!("Findings ({})", findings.with(Vec::len))}</h2>
            {move || {
                let list = findings.get();
                if list.is_empty() {
                    return view! { <p class="muted small">"✔ No problems found."</p> }.into_any();
                }
                view! {
                    <ul class="finding-list">
                        {list.into_iter().map(|f| {
                            let (icon, word) = severity_label(f.severity);
                            let class = format!("finding finding-{}", word.to_ascii_lowercase());
                            let resource = f.resource.clone();
                            let selected = f.resource.clone();
                            let label = format!("{word} {}: {} (select {})", f.code.as_str(), f.message, f.resource);
                            view! {
                                <li>
                                    <button type="button" class=class aria-label=label data-testid="finding"
                                        aria-current=move || (state.selected.get().as_deref() == Some(selected.as_str())).then_some("true")
                                        on:click=move |_| state.selected.set(Some(resource.clone()))>
                                        <span class="sev"><span aria-hidden="true">{icon}</span>" "{word}</span>
                                        <code class="code">{f.code.as_str()}</code>
                                        <span class="msg"><IdText text=f.message.clone()/></span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_named_only_whole() {
        let cases = [
            (
                "vpc-a's 10.0.0.0/8 is a /8: a VPC CIDR block must be between /16 and /28.",
                "10.0.0.0/8",
                true,
            ),
            (
                "vpc-a's 10.0.0.0/16 overlaps vpc-b's 10.0.0.0/8.",
                "10.0.0.0/8",
                true,
            ),
            ("vpc-a's 10.0.0.0/16 overlaps vpc-b.", "10.0.0.0/1", false),
            ("the address 10.0.1.10 is reserved", "10.0.1.1", false),
            ("the address 10.0.1.10 is reserved", "0.1.10", false),
            (
                "Subnet subnet-a's 10.0.1.0/29 is a /29",
                "10.0.1.0/29",
                true,
            ),
            ("anything", "", false),
        ];
        for (message, token, want) in cases {
            assert_eq!(
                names_value(message, token),
                want,
                "{message:?} names {token:?}"
            );
        }
    }

    #[test]
    fn notes_are_the_resource_s_findings_naming_the_field_s_values() {
        let s = vpc_engine::load(
            r#"{"format":"vpc-playground/1","vpcs":[
            {"id":"vpc-a","account":"111111111111","region":"us-east-1","cidrs":["10.0.0.0/8","192.168.0.0/29"]},
            {"id":"vpc-b","account":"111111111111","region":"us-east-1","cidrs":["172.16.0.0/12"]}]}"#,
        )
        .expect("loads");
        let findings = validate(&s);
        let primary = notes_for(&findings, "vpc-a", "10.0.0.0/8");
        assert_eq!(primary.len(), 1, "{primary:?}");
        assert!(primary[0].starts_with("Error CIDR_SIZE: "), "{primary:?}");
        assert!(primary[0].contains("is a /8"), "{primary:?}");
        let secondary = notes_for(&findings, "vpc-a", "192.168.0.0/29");
        assert_eq!(secondary.len(), 1, "{secondary:?}");
        assert!(secondary[0].contains("/29"), "{secondary:?}");
        // Another VPC's finding is not this field's business.
        assert!(notes_for(&findings, "vpc-a", "172.16.0.0/12").is_empty());
        assert_eq!(notes_for(&findings, "vpc-b", "172.16.0.0/12").len(), 1);
        assert!(notes_for(&findings, "vpc-a", "").is_empty());
    }
}
