//! The page's side of the engine worker (`crates/worker`): starts one worker for one piece of
//! heavy work, hands its replies to the caller as they come, and cancels by terminating it.
//!
//! The worker's files sit beside `index.html` (Trunk's loader shim `vpc-worker_loader.js`,
//! its wasm-bindgen script and wasm), so the URL is relative to the document: it works under
//! any sub-path (GitHub Pages' `/vpc-playground/`) and offline. A worker loads only when a
//! job starts, so learners who never open the matrix never download it.

use std::cell::RefCell;
use std::rc::Rc;
use vpc_worker::{parse_reply, to_text, Reply, Request};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's entry script, relative to the page.
const WORKER_URL: &str = "vpc-worker_loader.js";

/// One running job. Dropping it terminates the worker (that is how a job is cancelled).
pub struct Job {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Job {
    /// Starts a worker and sends it `request` once it is ready. `on_reply` gets every reply
    /// after `Ready`; a worker that fails to load or crashes gives one `Reply::Failed`.
    pub fn start(request: &Request, on_reply: impl FnMut(Reply) + 'static) -> Result<Job, String> {
        let worker = Worker::new(WORKER_URL)
            .map_err(|e| format!("the engine worker could not start: {}", js_text(&e)))?;
        let on_reply = Rc::new(RefCell::new(on_reply));
        let job = request.job();
        let text = to_text(request);
        let sender = worker.clone();
        let replies = on_reply.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(data) = e.data().as_string() else {
                return;
            };
            match parse_reply(&data) {
                // The worker listens now: hand it the work.
                Ok(Reply::Ready) => {
                    let _ = sender.post_message(&JsValue::from_str(&text));
                }
                Ok(reply) => (replies.borrow_mut())(reply),
                Err(message) => (replies.borrow_mut())(Reply::Failed { job, message }),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            let message = format!("the engine worker stopped: {}", e.message());
            (on_reply.borrow_mut())(Reply::Failed { job, message });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Job {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}
