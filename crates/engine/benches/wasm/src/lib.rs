//! Empty: the WASM engine benchmarks live in `tests/engine.rs` (a wasm-bindgen test file, so
//! wasm-bindgen-test-runner can run them in headless Chromium). See
//! `scripts/bench-engine-wasm.sh`.
