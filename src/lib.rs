//! vpc-playground: the Leptos (client-side rendered) single-page app.
//!
//! The network engine (`vpc_engine`) computes everything; this crate only holds signals of
//! engine values and draws them. See ARCHITECTURE.md for the map. It is a library so the
//! browser tests in `tests/web.rs` can mount its components; `main.rs` only starts it.

#[cfg(feature = "editor")]
pub mod app;
pub mod canvas;
pub mod components;
pub mod dom;
#[cfg(feature = "editor")]
pub mod engine_worker;
#[cfg(feature = "editor")]
pub mod export;
pub mod history;
pub mod panic_net;
pub mod startup;
pub mod state;
pub mod storage;
pub mod url;
pub mod viewer;

/// Mounts the app (or, built without the `editor` feature, the viewer) on `<body>`.
pub fn start() {
    dom::mark("start");
    panic_net::install();
    dom::end_loading_screen();
    #[cfg(feature = "editor")]
    leptos::mount::mount_to_body(app::App);
    #[cfg(not(feature = "editor"))]
    leptos::mount::mount_to_body(viewer::Viewer);
    dom::mark("mounted");
    #[cfg(feature = "test-hooks")]
    panic_net::debug_trigger();
}
