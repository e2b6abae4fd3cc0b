//! The reachability matrix: every host against every host (the engine's `reach`), each cell
//! ✓ or ✗ with the reason code as text. Clicking a cell runs that trace.

use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::reach::Reach;
use vpc_engine::{reach, Verdict};

/// One cell: ✓, or ✗ with the reason code; a click runs that trace.
#[component]
fn ReachCellView(
    data: Memo<Reach>,
    from: String,
    to: String,
    on_close: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (f, t) = (from.clone(), to.clone());
    let cell = move || data.with(|r| r.matrix.get(&f).and_then(|row| row.get(&t)).cloned());
    move || match cell() {
        None => view! { <td class="reach-self">"—"</td> }.into_any(),
        Some(cell) => {
            let ok = cell.verdict == Verdict::Delivered;
            let text = if ok {
                "✓".to_string()
            } else {
                format!("✗ {}", cell.reason.as_str())
            };
            let label = format!(
                "{from} to {to}: {}, run this trace",
                if ok {
                    "delivered".to_string()
                } else {
                    format!("dropped, {}", cell.reason.as_str())
                }
            );
            let (f, t) = (from.clone(), to.clone());
            let close = on_close.clone();
            view! {
                <td>
                    <button type="button" class=if ok { "reach-cell ok" } else { "reach-cell bad" }
                        aria-label=label
                        on:click=move |_| {
                            state.trace_from.set(f.clone());
                            state.trace_to.set(t.clone());
                            state.send_packet();
                            close();
                        }>{text}</button>
                </td>
            }
            .into_any()
        }
    }
}

#[component]
pub fn ReachMatrix(on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = Memo::new(move |_| {
        state
            .loaded
            .with(|l| l.as_ref().map(reach))
            .unwrap_or_default()
    });
    let close = on_close.clone();
    let nodes = move || data.with(|r| r.nodes.clone());
    // Rows and columns keyed by host: an edit re-renders the cells, not the table.
    let row = move |from: String| {
        let on_close = on_close.clone();
        view! {
            <tr>
                <th scope="row">{from.clone()}</th>
                <For each=nodes key=|n| n.clone() children=move |to| {
                    view! { <ReachCellView data from=from.clone() to on_close=on_close.clone()/> }
                }/>
            </tr>
        }
    };
    let body = move || {
        if data.with(|r| r.nodes.len() < 2) {
            return view! { <p>"The matrix needs at least two instances or on-premises hosts."</p> }.into_any();
        }
        let row = row.clone();
        view! {
            <div class="reach-scroll">
                <table class="reach" data-testid="reach-table">
                    <thead>
                        <tr>
                            <th scope="col">"From \\ To"</th>
                            <For each=nodes key=|n| n.clone() children=|n| view! { <th scope="col">{n}</th> }/>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=nodes key=|n| n.clone() children=row/>
                    </tbody>
                </table>
            </div>
        }.into_any()
    };
    view! {
        <div class="reach-dialog" role="dialog" aria-modal="false" aria-label="Reachability matrix" data-testid="reach-matrix">
            <div class="reach-head">
                <h3>"Reachability matrix"</h3>
                <button type="button" aria-label="Close reachability matrix" on:click=move |_| close()>"×"</button>
            </div>
            <p class="reach-help">"Rows send to columns. Click a cell to watch that packet."</p>
            {body}
        </div>
    }
}
