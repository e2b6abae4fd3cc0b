//! The engine worker: runs in a Web Worker (Trunk's `data-type="worker"` target, loaded by its
//! loader shim), takes a [`Request`] as JSON text and posts [`Reply`] messages back. The rows
//! of a matrix go out a few at a time as they are computed, so the page shows progress; the
//! page cancels by terminating the worker, which needs nothing from this side.

#[cfg(target_arch = "wasm32")]
mod web {
    use vpc_engine::trace::Tracer;
    use vpc_worker::{parse_request, reach_nodes, reach_row, to_text, Reply, Request};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// A chunk of rows goes out when this much time has passed since the last one (ms)...
    const CHUNK_MS: f64 = 50.0;
    /// ...or when it holds this many cells (5 rows of 500 hosts), so the page parses each
    /// message and builds the rows of it that its page shows (up to 5 × 25 cells) in a few
    /// ms. At 10,000 cells one message filled a whole page, 625 cells, in one task.
    const CHUNK_CELLS: usize = 2_500;

    fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
        // Posting only fails for values that cannot be cloned; a string always can.
        let _ = scope.post_message(&JsValue::from_str(&to_text(reply)));
    }

    fn handle(scope: &DedicatedWorkerGlobalScope, text: &str) {
        let request = match parse_request(text) {
            Ok(r) => r,
            Err(message) => return post(scope, &Reply::Failed { job: 0, message }),
        };
        match request {
            Request::Reach { job, scenario } => reach(scope, job, &scenario),
            Request::Import { job, sources } => post(scope, &vpc_worker::import(job, &sources)),
            Request::Upgrade { job, scenario } => upgrade(scope, job, &scenario),
        }
    }

    fn failed(scope: &DedicatedWorkerGlobalScope, job: u32, message: String) {
        post(scope, &Reply::Failed { job, message })
    }

    /// The upgrade preview, saying how far it is at most every `CHUNK_MS`.
    fn upgrade(scope: &DedicatedWorkerGlobalScope, job: u32, scenario: &str) {
        let l = match vpc_engine::load(scenario) {
            Ok(l) => l,
            Err(e) => return failed(scope, job, e.to_string()),
        };
        let mut since = js_sys::Date::now();
        let preview = vpc_worker::upgrade_preview(&l, |done, total| {
            let now = js_sys::Date::now();
            if now - since >= CHUNK_MS {
                post(scope, &Reply::UpgradeProgress { job, done, total });
                since = now;
            }
        });
        match preview {
            Ok((next, changes)) => match serde_json::to_string(&next) {
                Ok(scenario) => post(
                    scope,
                    &Reply::UpgradePreview {
                        job,
                        scenario,
                        changes,
                    },
                ),
                Err(e) => failed(
                    scope,
                    job,
                    format!("the upgraded scenario could not be written out: {e}"),
                ),
            },
            Err(message) => failed(scope, job, message),
        }
    }

    fn reach(scope: &DedicatedWorkerGlobalScope, job: u32, scenario: &str) {
        let s = match vpc_engine::load(scenario) {
            Ok(s) => s,
            Err(e) => return failed(scope, job, e.to_string()),
        };
        let nodes = reach_nodes(s.scenario());
        post(
            scope,
            &Reply::ReachNodes {
                job,
                nodes: nodes.clone(),
            },
        );
        let tracer = Tracer::new(&s);
        let mut first = 0;
        let mut rows = Vec::new();
        let mut since = js_sys::Date::now();
        for i in 0..nodes.len() {
            rows.push(reach_row(&tracer, &nodes, i));
            let now = js_sys::Date::now();
            let last = i + 1 == nodes.len();
            if last || now - since >= CHUNK_MS || rows.len() * nodes.len() >= CHUNK_CELLS {
                let rows = std::mem::take(&mut rows);
                let n = rows.len();
                post(scope, &Reply::ReachRows { job, first, rows });
                first += n;
                since = now;
            }
        }
        post(scope, &Reply::ReachDone { job });
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let me = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string() {
                handle(&me, &text);
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        post(&scope, &Reply::Ready);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}
