//! The safety net for a panic in the wasm: a message and a way to reload.
//!
//! A panic kills the wasm instance, so nothing of Leptos can run afterwards. The hook logs
//! the panic (console_error_panic_hook) and then builds a small overlay with plain DOM
//! calls: text only, and a reload *link* (no script needed, the instance is dead). Work is
//! safe: every edit was autosaved when it was made (`AppState::commit`), and the link
//! reloads the page without its query or fragment, so the autosave is what opens.

use wasm_bindgen::JsCast;

/// Installs the panic hook. Call once, before mounting the app.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_overlay();
    }));
}

fn show_overlay() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("panic-overlay").is_some() {
        return;
    }
    let reload_href = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "./".to_string());
    let build = || -> Option<()> {
        let overlay = doc.create_element("div").ok()?;
        overlay.set_id("panic-overlay");
        overlay.set_attribute("role", "alertdialog").ok()?;
        overlay
            .set_attribute("aria-labelledby", "panic-title")
            .ok()?;
        overlay
            .set_attribute("aria-describedby", "panic-text")
            .ok()?;
        let title = doc.create_element("h2").ok()?;
        title.set_id("panic-title");
        title.set_text_content(Some("vpc-playground stopped because of an internal error"));
        let text = doc.create_element("p").ok()?;
        text.set_id("panic-text");
        text.set_text_content(Some(if cfg!(feature = "editor") {
            "Your work up to your last change is saved in this browser. Reload the page to \
             continue where you were."
        } else {
            // The viewer (an embedded lesson) edits and saves nothing: the link holds it all.
            "Reload the page to start the lesson again."
        }));
        let link = doc.create_element("a").ok()?;
        link.set_attribute("href", &reload_href).ok()?;
        link.set_text_content(Some("Reload vpc-playground"));
        overlay.append_child(&title).ok()?;
        overlay.append_child(&text).ok()?;
        overlay.append_child(&link).ok()?;
        body.append_child(&overlay).ok()?;
        link.dyn_ref::<web_sys::HtmlElement>()?.focus().ok()
    };
    let _ = build();
}

/// Test builds only (`--features test-hooks`): `?debug-panic=1` panics right after start-up,
/// so the browser tests can check the safety net. Release builds for users have no trigger.
#[cfg(feature = "test-hooks")]
pub fn debug_trigger() {
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("debug-panic=1"));
    if asked {
        panic!("debug-panic trigger (test builds only)");
    }
}
