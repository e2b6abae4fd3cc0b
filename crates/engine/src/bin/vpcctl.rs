//! `vpcctl`: the engine on the command line (`validate`, `trace`, `reach`).
fn main() {
    eprintln!("vpcctl: not built yet");
    std::process::exit(2);
}
