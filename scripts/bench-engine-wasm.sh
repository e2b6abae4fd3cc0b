#!/usr/bin/env bash
# Engine benchmarks as WebAssembly in headless Chromium: the LPM lookup against the naive
# scan, one trace in a 1,000-VPC network and the reachability matrix of 500 hosts, the same
# work as `cargo bench -p vpc-engine --bench engine` measures natively.
#
# Builds crates/engine/benches/wasm (a wasm-bindgen test file) with the profile the engine
# worker ships with (`worker`: the release profile at opt-level 3, LTO; the heavy work runs
# there, see crates/worker), runs it through wasm-bindgen-test-runner and Debian's
# chromedriver (.cargo/config.toml), and prints the `BENCH name value unit` lines.
# Usage: scripts/bench-engine-wasm.sh [output-file]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Reach takes seconds per run in WASM; the runner's default timeout is 20 s.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-900}"
if ! cargo test --offline -p vpc-engine-wasm-bench --target wasm32-unknown-unknown --profile worker \
    --test engine -- --nocapture >"$log" 2>&1; then
  cat "$log" >&2
  echo "bench-engine-wasm: the WASM benchmark run failed (see above)." >&2
  exit 1
fi
results="$(grep -o 'BENCH .*' "$log" | sed 's/^BENCH //')"
if [ -z "$results" ]; then
  cat "$log" >&2
  echo "bench-engine-wasm: the run printed no BENCH lines." >&2
  exit 1
fi
echo "$results"
if [ -n "$out" ]; then
  echo "$results" >"$out"
fi
