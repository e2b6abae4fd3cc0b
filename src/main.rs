//! vpc-playground: the Leptos (client-side rendered) single-page app.
//!
//! The network engine (`vpc_engine`) computes everything; this crate only holds signals of
//! engine values and draws them. See ARCHITECTURE.md for the map.

mod app;
mod canvas;
mod components;
mod history;
mod state;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
