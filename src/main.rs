//! Entry point of the vpc-playground web app (see `lib.rs`).
fn main() {
    vpc_playground::start();
}
