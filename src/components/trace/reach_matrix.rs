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

/// One cell of the matrix: a button that runs the trace (by the table's one click handler,
/// `run_clicked`, from its `data-from` and `data-to` node indices), or a dash on the
/// diagonal (and where the engine could not trace the pair). A cell is plain elements with
/// no signal, effect or listener of its own: a chunk of rows fills a page's 625 cells in one
/// task, and each of those made that task longer.
fn reach_cell(from: &str, from_i: usize, to: &str, to_i: usize, cell: Option<Cell>) -> AnyView {
    let Some(Cell(verdict, reason)) = cell else {
        return view! { <td class="reach-self">"—"</td> }.into_any();
    };
    let ok = verdict == Verdict::Delivered;
    let text = if ok {
        "✓".to_string()
    } else {
        format!("✗ {}", reason.as_str())
    };
    let label = if ok {
        format!("{from} to {to}: delivered, run this trace")
    } else {
        format!(
            "{from} to {to}: dropped, {}, run this trace",
            reason.as_str()
        )
    };
    view! {
        <td>
            <button type="button" class=if ok { "reach-cell ok" } else { "reach-cell bad" }
                aria-label=label data-from=from_i data-to=to_i>{text}</button>
        </td>
    }
    .into_any()
}

/// The node index in attribute `name` of `el`.
fn node_at(el: &web_sys::Element, name: &str) -> Option<usize> {
    el.get_attribute(name)?.parse().ok()
}

/// The table's one click handler: the cell clicked, if any, runs its trace.
fn run_clicked(
    state: AppState,
    nodes: &[String],
    ev: &web_sys::MouseEvent,
    close: &(impl Fn() + Clone + Send + Sync + 'static),
) {
    let Some(cell) = crate::dom::target_within(ev, "button.reach-cell") else {
        return;
    };
    let pair = node_at(&cell, "data-from").zip(node_at(&cell, "data-to"));
    let Some((f, t)) = pair.and_then(|(f, t)| Some((nodes.get(f)?, nodes.get(t)?))) else {
        return;
    };
    state.trace_from.set(f.clone());
    state.trace_to.set(t.clone());
    state.send_packet();
    close();
}

/// The hosts of a page as (index, host id), the host id keying the rows, columns and cells.
type Hosts = Vec<(usize, String)>;

/// The hosts `at..at + PAGE` of the node list `n`.
fn page_hosts(n: &[String], at: usize) -> Hosts {
    (at..(at + PAGE).min(n.len()))
        .map(|i| (i, n[i].clone()))
        .collect()
}

/// One row of the page: its host, then its cells once they arrive (a memo per row, so a
/// chunk of rows re-renders only those rows).
#[component]
fn ReachRow(from_i: usize, from: String, cols: Hosts, rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let row = Memo::new(move |_| rows.with(|all| all.get(from_i).cloned()));
    let name = from.clone();
    let cells = move || match row.get() {
        None => view! { <td class="reach-pending" colspan=cols.len()>"…"</td> }.into_any(),
        Some(row) => cols
            .iter()
            .map(|(to_i, to)| {
                reach_cell(&from, from_i, to, *to_i, row.get(*to_i).copied().flatten())
            })
            .collect::<Vec<_>>()
            .into_any(),
    };
    view! { <tr><th scope="row">{name}</th>{cells}</tr> }
}

/// The page of the matrix shown: rows `row0`, columns `col0`, keyed by host id.
#[component]
fn ReachTable(
    nodes: Vec<String>,
    row0: usize,
    col0: usize,
    rows: RwSignal<Vec<Row>>,
    close: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let cols = page_hosts(&nodes, col0);
    let body = page_hosts(&nodes, row0);
    let head = cols.clone();
    view! {
        <div class="reach-scroll">
            <table class="reach" data-testid="reach-table"
                on:click=move |ev| run_clicked(state, &nodes, &ev, &close)>
                <thead>
                    <tr>
                        <th scope="col">"From \\ To"</th>
                        <For each=move || head.clone() key=|(_, id)| id.clone()
                            children=|(_, id)| view! { <th scope="col">{id}</th> }/>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || body.clone() key=|(_, id)| id.clone()
                        children=move |(from_i, from)| view! {
                            <ReachRow from_i=from_i from=from cols=cols.clone() rows=rows/>
                        }/>
                </tbody>
            </table>
        </div>
    }
}

/// Paging buttons, only for matrices larger than a page.
#[component]
fn ReachPager(len: usize, row0: RwSignal<usize>, col0: RwSignal<usize>) -> impl IntoView {
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
}

/// The text under the title: how far the run is, or why it stopped.
fn progress_text(run: &Run, done: usize, total: usize) -> String {
    match run {
        Run::Starting => "Starting the matrix…".to_string(),
        Run::Running => format!("Tracing: {done} of {total} rows"),
        Run::Done => format!(
            "{total} hosts, {} pairs traced.",
            total * total.saturating_sub(1)
        ),
        Run::Cancelled => format!("Cancelled after {done} of {total} rows."),
        Run::Failed(m) => format!("The matrix could not be computed: {m}"),
    }
}

/// The signals one run of the matrix fills in.
#[derive(Clone, Copy)]
struct Matrix {
    nodes: RwSignal<Arc<Vec<String>>>,
    rows: RwSignal<Vec<Row>>,
    run: RwSignal<Run>,
    job: StoredValue<Option<Job>, LocalStorage>,
    next_id: StoredValue<u32>,
}

impl Matrix {
    /// Starts (or restarts) the matrix of the current scenario in a fresh worker. The
    /// scenario is written out for the worker, and the worker started, in the next task:
    /// the click that opened the matrix builds the dialog, and a 500-host scenario's JSON
    /// takes milliseconds to write (twice: as a document, then inside the request).
    fn start(self, state: AppState) {
        let Matrix {
            nodes,
            rows,
            run,
            job,
            next_id,
        } = self;
        job.set_value(None); // ends any run still going
        let id = next_id.get_value().wrapping_add(1);
        next_id.set_value(id);
        nodes.set(Arc::new(Vec::new()));
        rows.set(Vec::new());
        run.set(Run::Starting);
        leptos::task::spawn_local(async move {
            crate::dom::next_task().await;
            // Closed, restarted or cancelled meanwhile: this run is not wanted any more.
            if next_id.try_get_value() != Some(id) || run.try_get_untracked() != Some(Run::Starting)
            {
                return;
            }
            let scenario = state
                .scenario
                .with_untracked(|s| serde_json::to_string(s).unwrap_or_default());
            let request = Request::Reach { job: id, scenario };
            let started = Job::start(&request, move |reply| self.on_reply(id, reply));
            match started {
                Ok(j) => job.set_value(Some(j)),
                Err(message) => run.set(Run::Failed(message)),
            }
        });
    }

    /// A reply of the worker about run `id`.
    fn on_reply(self, id: u32, reply: Reply) {
        let Matrix {
            nodes, rows, run, ..
        } = self;
        match reply {
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
        }
    }
}

/// The matrix dialog: runs the matrix in the worker and shows its progress and pages.
#[component]
pub fn ReachMatrix(on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let m = Matrix {
        nodes: RwSignal::new(Arc::new(Vec::<String>::new())),
        rows: RwSignal::new(Vec::<Row>::new()),
        run: RwSignal::new(Run::Starting),
        job: StoredValue::new_local(None::<Job>),
        next_id: StoredValue::new(0u32),
    };
    let Matrix {
        nodes,
        rows,
        run,
        job,
        ..
    } = m;
    let (row0, col0) = (RwSignal::new(0usize), RwSignal::new(0usize));
    let start = move || m.start(state);
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

    // The page shown: the table is rebuilt only when the nodes or the page change; each row
    // of it re-renders alone when its cells arrive.
    let page = Memo::new(move |_| (nodes.get(), row0.get(), col0.get()));
    let close = on_close.clone();
    let table = move || {
        let (n, r0, c0) = page.get();
        if n.len() >= 2 {
            let nodes = n.as_ref().clone();
            return view! { <ReachTable nodes=nodes row0=r0 col0=c0 rows=rows close=close.clone()/> }
                .into_any();
        }
        match run.get() {
            Run::Done => {
                view! { <p>"The matrix needs at least two instances or on-premises hosts."</p> }
                    .into_any()
            }
            _ => ().into_any(),
        }
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
                <span aria-live="polite" data-testid="reach-progress">
                    {move || run.with(|r| progress_text(r, done(), total()))}
                </span>
                <Show when=running>
                    <button type="button" on:click=cancel>"Cancel matrix"</button>
                </Show>
                <Show when=move || matches!(run.get(), Run::Cancelled | Run::Failed(_))>
                    <button type="button" on:click=move |_| start()>"Run the matrix again"</button>
                </Show>
            </div>
            {move || view! { <ReachPager len=total() row0=row0 col0=col0/> }}
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
