//! Entry point of the viewer, the embed page (`embed.html`: the crate built without its
//! `editor` feature, see `viewer.rs`).
fn main() {
    vpc_playground::start();
}
