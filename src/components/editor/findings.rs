//! Findings: `vpc_engine::validate` of the current scenario, live, with severity (icon and
//! word), code and message. Clicking a finding selects the resource it is about.
//!
//! The same live list is shared through context ([`LiveFindings`]) so an editor field can
//! show, right under itself, the findings whose JSON path is the value it holds (a /8 VPC
//! block is applied, as docs/scenario-format.md D6 says, and its `CIDR_SIZE` finding at `vpcs[0].cidrs[0]`
//! shows where the learner typed it); a finding about a whole resource shows at the top of
//! its form.

use crate::components::id_text::IdText;
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

/// A finding as a learner reads it, in the list and under a field alike:
/// `Error CIDR_SIZE: vpc-a's 10.0.0.0/8 is a /8: …`.
pub fn finding_line(f: &Finding) -> String {
    let (_, word) = severity_label(f.severity);
    format!("{word} {f}")
}

/// A finding shown under an editor field or atop a form: its severity (for the icon and the
/// colour) and the line a learner reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNote {
    pub severity: Severity,
    pub line: String,
}

/// The findings about the values at `paths` (JSON paths such as `subnets[2].cidr`), as notes
/// for the editor field or form that holds those values. A finding belongs where its path
/// says, never where its message happens to mention a value.
pub fn notes_at_paths(findings: &[Finding], paths: &[String]) -> Vec<FieldNote> {
    findings
        .iter()
        .filter(|f| paths.contains(&f.path))
        .map(|f| FieldNote {
            severity: f.severity,
            line: finding_line(f),
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

/// One finding: severity (icon and word), code and message; a click selects its resource.
#[component]
fn FindingLine(finding: Finding) -> impl IntoView {
    let state = expect_context::<AppState>();
    let f = finding;
    let (icon, word) = severity_label(f.severity);
    let class = format!("finding finding-{}", word.to_ascii_lowercase());
    let resource = f.resource.clone();
    let selected = f.resource.clone();
    // The button's name is its visible text (severity, code, message), as WCAG's "label in
    // name" asks; what a click does is in the tooltip.
    let hint = format!("Select {}", f.resource);
    view! {
        <li>
            <button type="button" class=class title=hint data-testid="finding"
                aria-current=move || (state.selected.get().as_deref() == Some(selected.as_str())).then_some("true")
                on:click=move |_| state.selected.set(Some(resource.clone()))>
                <span class="sev"><span aria-hidden="true">{icon}</span>" "{word}</span>
                <code class="code">{f.code.as_str()}</code>
                <span class="msg"><IdText text=f.message.clone()/></span>
            </button>
        </li>
    }
}

#[component]
pub fn Findings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let findings = LiveFindings::get_or_new(state).0;
    view! {
        <section class="findings" aria-labelledby="findings-heading" data-testid="findings">
            <h2 id="findings-heading">{move || format!("Findings ({})", findings.with(Vec::len))}</h2>
            <Show when=move || !findings.with(Vec::is_empty)
                fallback=|| view! { <p class="muted small">"✔ No problems found."</p> }>
                <ul class="finding-list">
                    // Keyed by what a finding says about what, so an edit that leaves a finding
                    // standing leaves its line (and the focus on it) in place.
                    <For each=move || findings.get()
                        key=|f| (f.path.clone(), f.code, f.message.clone())
                        children=move |f| view! { <FindingLine finding=f/> }/>
                </ul>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_findings_at_the_field_s_paths() {
        let s = vpc_engine::load(
            r#"{"format":"vpc-playground/1","vpcs":[
            {"id":"vpc-a","account":"111111111111","region":"us-east-1","cidrs":["10.0.0.0/8","192.168.0.0/29"]},
            {"id":"vpc-b","account":"111111111111","region":"us-east-1","cidrs":["172.16.0.0/12"]}]}"#,
        )
        .expect("loads");
        let findings = validate(&s);
        let at = |paths: &[&str]| {
            let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
            notes_at_paths(&findings, &paths)
        };
        let lines =
            |notes: Vec<FieldNote>| -> Vec<String> { notes.into_iter().map(|n| n.line).collect() };
        let primary = at(&["vpcs[0].cidrs[0]"]);
        assert_eq!(primary[0].severity, Severity::Error);
        assert_eq!(lines(primary), ["Error CIDR_SIZE: vpc-a's 10.0.0.0/8 is a /8: a VPC CIDR block must be between /16 and /28."]);
        let secondary = lines(at(&["vpcs[0].cidrs[1]"]));
        assert_eq!(secondary.len(), 1, "{secondary:?}");
        assert!(
            secondary[0].contains("192.168.0.0/29 is a /29"),
            "{secondary:?}"
        );
        // Another VPC's finding is not this field's business, even for the same kind of value.
        assert_eq!(at(&["vpcs[1].cidrs[0]"]).len(), 1);
        assert_eq!(at(&["vpcs[0].cidrs[0]", "vpcs[0].cidrs[1]"]).len(), 2);
        assert!(at(&["vpcs[0]", "vpcs[0].cidrs[2]"]).is_empty());
        assert!(at(&[]).is_empty());
    }
}
