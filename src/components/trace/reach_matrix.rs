//! The reachability matrix: every host against every host, each cell ✓ or ✗ with the reason
//! code as text. Clicking a cell runs that trace.
//!
//! The matrix is computed in the engine worker (`crate::engine_worker`), never on the page's
//! thread: 500 hosts are 250,000 traces, a second or more of work. Rows arrive a few at a time
//! with a progress bar and a Cancel button; the canvas keeps animating meanwhile. A change of
//! the scenario starts it again. Large matrices show one page of rows and columns at a time
//! ([`PAGE`]), so the page never builds a quarter of a million buttons.

use crate::engine_worker::Job;
use crate::state::AppState;
use leptos::prelude::*;
use std::sync::Arc;
use vpc_engine::Verdict;
use vpc_worker::{Cell, Reply, Request};

/// Rows and columns shown at once; larger matrices page through them.
pub const PAGE: usize = 25;

/// Where the work stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    /// The worker is loading or the nodes are not known yet.
    Starting,
    Running,
    Done,
    Cancelled,
    Failed(String),
}

type Row = Arc<Vec<Option<Cell>>>;

/// The first index of the page before or after `at`, clamped to the matrix.
fn page_step(at: usize, len: usize, forward: bool) -> usize {
    if forward {
        if at + PAGE < len {
            at + PAGE
        } else {
            at
        }
    } else {
        at.saturating_sub(PAGE)
    }
}

/// "1–25" for a page of the matrix starting at `at`.
fn page_range(at: usize, len: usize) -> String {
    format!("{}–{}", at + 1, (at + PAGE).min(len))
}

/// The cells of row `from_i` in columns `cols`: a button that runs the trace, or a dash on
/// the diagonal (and where the engine could not trace the pair).
fn row_cells(
    state: AppState,
    n: &[String],
    cols: &[usize],
    from_i: usize,
    row: &[Option<Cell>],
    close: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let from = &n[from_i];
    cols.iter()
        .map(|&to_i| {
            let to = n[to_i].clone();
            match row.get(to_i).copied().flatten() {
                None => view! { <td class="reach-self">"—"</td> }.into_any(),
                Some(Cell(verdict, reason)) => {
                    let ok = verdict == Verdict::Delivered;
                    let text = if ok { "✓".to_string() } else { format!("✗ {}", reason.as_str()) };
                    let label = if ok {
                        format!("{from} to {to}: delivered, run this trace")
                    } else {
                        format!("{from} to {to}: dropped, {}, run this trace", reason.as_str())
                    };
                    let (f, t) = (from.clone(), to);
                    let close = close.clone();
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
        })
        .collect_view()
}

#[component]
pub fn ReachMatrix(on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let nodes = RwSignal::new(Arc::new(Vec::<String>::new()));
    let rows = RwSignal::new(Vec::<Row>::new());
    let run = RwSignal::new(Run::Starting);
    let (row0, col0) = (RwSignal::new(0usize), RwSignal::new(0usize));
    let job = StoredValue::new_local(None::<Job>);
    let next_id = StoredValue::new(0u32);

    // Starts (or restarts) the matrix of the current scenario in a fresh worker.
    let start = move || {
        job.set_value(None); // ends any run still going
        let id = next_id.get_value().wrapping_add(1);
        next_id.set_value(id);
        nodes.set(Arc::new(Vec::new()));
        rows.set(Vec::new());
        run.set(Run::Starting);
        let scenario = state
            .scenario
            .with_untracked(|s| serde_json::to_string(s).unwrap_or_default());
        let request = Request::Reach { job: id, scenario };
        let started = Job::start(&request, move |reply| match reply {
            Reply::ReachNodes { job, nodes: n } if job == id => {
                nodes.set(Arc::new(n));
                run.set(Run::Running);
            }
            Reply::ReachRows {
                job,
                first,
                rows: r,
            } if job == id => rows.update(|all| {
                // Rows come in order; `first` guards against a gap all the same.
                if first == all.len() {
                    all.extend(r.into_iter().map(Arc::new));
                }
            }),
            Reply::ReachDone { job } if job == id => run.set(Run::Done),
            Reply::Failed { job, message } if job == id || job == 0 => {
                run.set(Run::Failed(message))
            }
            _ => {}
        });
        match started {
            Ok(j) => job.set_value(Some(j)),
            Err(message) => run.set(Run::Failed(message)),
        }
    };
    // Runs now and again whenever the scenario changes while the matrix is open.
    Effect::new(move |_| {
        state.scenario.track();
        start();
    });
    on_cleanup(move || job.set_value(None));
    let cancel = move |_| {
        job.set_value(None);
        run.set(Run::Cancelled);
    };

    let total = move || nodes.with(|n| n.len());
    let done = move || rows.with(|r| r.len());
    let running = move || matches!(run.get(), Run::Starting | Run::Running);
    let progress_text = move || match run.get() {
        Run::Starting => "Starting the matrix…".to_string(),
        Run::Running => format!("Tracing: {} of {} rows", done(), total()),
        Run::Done => format!(
            "{} hosts, {} pairs traced.",
            total(),
            total() * total().saturating_sub(1)
        ),
        Run::Cancelled => format!("Cancelled after {} of {} rows.", done(), total()),
        Run::Failed(m) => format!("The matrix could not be computed: {m}"),
    };

    // The page shown: the table is rebuilt only when the nodes or the page change; each row
    // of it re-renders alone when its cells arrive (a memo per row), so a chunk of rows costs
    // the page a few small renders, never the whole table.
    let page = Memo::new(move |_| (nodes.get(), row0.get(), col0.get()));
    let close = on_close.clone();
    let table = move || {
        let (n, r0, c0) = page.get();
        if n.len() < 2 {
            return match run.get() {
                Run::Done => {
                    view! { <p>"The matrix needs at least two instances or on-premises hosts."</p> }
                        .into_any()
                }
                _ => ().into_any(),
            };
        }
        let cols: Vec<usize> = (c0..(c0 + PAGE).min(n.len())).collect();
        let body = (r0..(r0 + PAGE).min(n.len()))
            .map(|from_i| {
                let row = Memo::new(move |_| rows.with(|all| all.get(from_i).cloned()));
                let (n, cols, close) = (n.clone(), cols.clone(), close.clone());
                let from = n[from_i].clone();
                let cells = move || match row.get() {
                    None => view! {
                        <td class="reach-pending" colspan=cols.len()>"…"</td>
                    }
                    .into_any(),
                    Some(row) => {
                        row_cells(state, &n, &cols, from_i, &row, close.clone()).into_any()
                    }
                };
                view! { <tr><th scope="row">{from}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <div class="reach-scroll">
                <table class="reach" data-testid="reach-table">
                    <thead>
                        <tr>
                            <th scope="col">"From \\ To"</th>
                            {cols.iter().map(|&i| view! { <th scope="col">{n[i].clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    // Paging, only for matrices larger than a page.
    let pager = move || {
        let len = total();
        (len > PAGE).then(|| {
            view! {
                <div class="reach-pager">
                    <span data-testid="reach-page">
                        {move || format!("Rows {} and columns {} of {len} hosts",
                            page_range(row0.get(), len), page_range(col0.get(), len))}
                    </span>
                    <button type="button" on:click=move |_| row0.update(|r| *r = page_step(*r, len, false))
                        disabled=move || row0.get() == 0>"Previous rows"</button>
                    <button type="button" on:click=move |_| row0.update(|r| *r = page_step(*r, len, true))
                        disabled=move || { row0.get() + PAGE >= len }>"Next rows"</button>
                    <button type="button" on:click=move |_| col0.update(|c| *c = page_step(*c, len, false))
                        disabled=move || col0.get() == 0>"Previous columns"</button>
                    <button type="button" on:click=move |_| col0.update(|c| *c = page_step(*c, len, true))
                        disabled=move || { col0.get() + PAGE >= len }>"Next columns"</button>
                </div>
            }
        })
    };

    let close = on_close.clone();
    view! {
        <div class="reach-dialog" role="dialog" aria-modal="false" aria-label="Reachability matrix" data-testid="reach-matrix">
            <div class="reach-head">
                <h3>"Reachability matrix"</h3>
                <button type="button" aria-label="Close reachability matrix" on:click=move |_| close()>"×"</button>
            </div>
            <p class="reach-help">"Rows send to columns. Click a cell to watch that packet."</p>
            <div class="reach-run">
                <Show when=running>
                    <progress aria-label="Matrix progress" max=move || total().max(1) value=done></progress>
                </Show>
                <span aria-live="polite" data-testid="reach-progress">{progress_text}</span>
                <Show when=running>
                    <button type="button" on:click=cancel>"Cancel matrix"</button>
                </Show>
                <Show when=move || matches!(run.get(), Run::Cancelled | Run::Failed(_))>
                    <button type="button" on:click=move |_| start()>"Run the matrix again"</button>
                </Show>
            </div>
            {pager}
            {table}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_step_by_a_page_and_stay_in_the_matrix() {
        assert_eq!(page_step(0, 500, true), PAGE);
        assert_eq!(page_step(475, 500, true), 475);
        assert_eq!(page_step(PAGE, 500, false), 0);
        assert_eq!(page_step(3, 500, false), 0);
        assert_eq!(page_step(0, 10, true), 0);
        assert_eq!(page_range(475, 500), "476–500");
        assert_eq!(page_range(0, 7), "1–7");
    }
}
