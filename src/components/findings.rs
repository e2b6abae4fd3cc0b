//! Findings: `vpc_engine::validate` of the current scenario, live, with severity (icon and
//! word), code and message. Clicking a finding selects the resource it is about.

use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::{validate, Severity};

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
    let findings = Memo::new(move |_| state.scenario.with(validate));
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
                                        <span class="msg">{f.message.clone()}</span>
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
