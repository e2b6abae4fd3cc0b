//! Small DOM helpers for the share features (without the `NodeList` web-sys feature), for
//! focus (putting it back when a re-render removed the focused control, moving it ahead of
//! a large change), for click handlers on a container (`target_within`), and for start-up
//! (the loading screen's end, the timing marks).

use wasm_bindgen::JsCast;

/// The focused element, when it lies inside an element matching `container`.
pub fn focused_in(container: &str) -> Option<web_sys::Element> {
    let el = web_sys::window()?.document()?.active_element()?;
    el.closest(container).ok()??;
    Some(el)
}

/// Whether the browser dropped focus to the page (the focused element was removed).
fn focus_is_lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    doc.active_element()
        .is_none_or(|a| doc.body().is_some_and(|b| *b == a))
}

/// A re-render removed the focused control and the browser dropped focus to the page, where
/// a keyboard user would start again from the top: focus the first element matching one of
/// `selectors`, in order. Does nothing while something still has focus.
pub fn refocus_if_lost(selectors: &[String]) {
    if focus_is_lost() {
        focus_first(selectors);
    }
}

/// The element matching `selector` that holds the event's target: the control a click
/// handler on a container (one for many rows or cells, none of them listening) was used on.
pub fn target_within(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest(selector).ok()?
}

/// A CSS attribute value in double quotes.
pub fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Focuses the first element matching one of `selectors`, in order.
pub fn focus_first(selectors: &[impl AsRef<str>]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let found = selectors.iter().find_map(|sel| {
        doc.query_selector(sel.as_ref())
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    });
    if let Some(el) = found {
        let _ = el.focus();
    }
}

/// The elements under `root` in document order, matching `selector`.
pub fn descendants_matching(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let mut out = Vec::new();
    let mut stack: Vec<web_sys::Element> = Vec::new();
    let mut next = root.first_element_child();
    // Depth-first, document order: visit a node, then its children, then its siblings.
    loop {
        let Some(el) = next.take() else {
            match stack.pop() {
                Some(parent) => {
                    next = parent.next_element_sibling();
                    continue;
                }
                None => break,
            }
        };
        if el.matches(selector).unwrap_or(false) {
            out.push(el.clone());
        }
        match el.first_element_child() {
            Some(child) => {
                next = Some(child);
                stack.push(el);
            }
            None => next = el.next_element_sibling(),
        }
    }
    out
}

/// The text of a file the user chose, or `None` when the browser cannot read it as text.
pub async fn file_text(file: &web_sys::File) -> Option<String> {
    leptos::__reexports::wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
}

/// Resolves in a later task of the event loop (after a zero timeout): awaited between two
/// pieces of heavy work, so that each is a task of its own and the page can paint and answer
/// in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = leptos::__reexports::wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Removes the pages' loading screen (`#boot` in index.html and embed.html), in the task
/// that mounts the app: no frame shows both. Nothing to do where there is none (the
/// browser tests mount components on a page of their own).
pub fn end_loading_screen() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// A User Timing mark (`performance.mark`) named `vpc:NAME`: where start-up is, for the
/// start-up benchmark (tests/bench/startup.spec.ts) and anyone profiling the page.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("vpc:{name}"));
    }
}
