//! vpc-playground: the Leptos single-page app (placeholder until the shell lands).
fn main() {}
