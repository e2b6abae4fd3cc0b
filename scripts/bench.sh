#!/usr/bin/env bash
# The one benchmark command (`make bench`): size, start-up, and engine speed natively and in
# WASM. Prints the report and writes it to BENCHMARKS.md with the method. Not part of
# `make test`: benchmarks are measurements, not pass/fail tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
mkdir -p target
report=target/bench-report.md
: > "$report"
say() { echo "$*" | tee -a "$report"; }

say "# Benchmarks"
say ""
say "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)), $(rustc --version)."
say "Run again with \`make bench\`; this file is written by scripts/bench.sh."
say ""

say "## Size of the release build"
scripts/build-site.sh >/dev/null
# The start-up baseline (crates/baseline), served beside the app at /baseline/.
trunk build --release --config crates/baseline/Trunk.toml --public-url /baseline/ >/dev/null
rm -rf target/site/baseline
cp -r target/baseline-dist target/site/baseline
say '```'
scripts/size-report.sh target/site/vpc-playground 2>&1 | tee -a "$report"
say '```'
say ""
say "Where the size goes, by crate (scripts/wasm-weights.py: code-section bytes of cargo's own"
say "wasm, before wasm-bindgen and wasm-opt, so shares rather than shipped bytes):"
say '```'
python3 scripts/wasm-weights.py target/wasm32-unknown-unknown/release/vpc-playground.wasm --top 15 | tee -a "$report"
say '```'
say ""
say "Baseline page (crates/baseline, the smallest Leptos page with a canvas), same build:"
say '```'
for f in target/site/baseline/*_bg.wasm; do
  say "baseline wasm: $(wc -c <"$f") B raw, $(gzip -9c "$f" | wc -c) B gzip -9, $(brotli -q 11 -c "$f" | wc -c) B brotli"
done
say '```'
say ""

say "## Start-up in headless Chromium (median of 10 cold loads, local static server)"
playwright test --config tests/bench/playwright.config.ts --reporter=line >/dev/null
say '```'
grep -E '"(first_paint_ms|first_trace_ms|diagram_painted_ms|viewer_first_paint_ms|viewer_first_trace_ms|viewer_diagram_painted_ms|baseline_first_paint_ms|baseline_ready_ms|baseline_painted_ms)"' target/bench-startup.json | tee -a "$report"
say '```'
say ""
say "Where start-up's time goes (medians, ms from navigation): the wasm downloaded, then the"
say "page's own marks: \`start\` (the wasm compiled and started), \`opened\` (the lesson loaded"
say "and traced), \`mounted\` (the first screen's views built), \`canvas-drawn\` (the diagram"
say "drawn; the browser then lays out, paints and presents the frame):"
say '```'
python3 -c 'import json; d = json.load(open("target/bench-startup.json")); [print(k, json.dumps(d[k + "_marks_ms"])) for k in ("app", "viewer")]' | tee -a "$report"
say '```'
say ""
say "## Main-thread long tasks while heavy work runs (PerformanceObserver, type longtask)"
say '```'
cat target/bench-longtasks.json | tee -a "$report"
say '```'
say ""
say "## Frame work with 200 VPCs (requestAnimationFrame callbacks timed in the page)"
say '```'
cat target/bench-frames.json | tee -a "$report"
say '```'
say ""

say "## Engine, native (criterion, bench profile)"
say '```'
# One line per benchmark: criterion prints a long name on a line of its own, and a
# "change" line (with %) after a previous run; keep the name and its time only.
cargo bench -p vpc-engine --bench engine -- --noplot 2>/dev/null \
  | awk '/^[a-z]/ && !/time:/ { name = $1; next }
         /time:/ && !/%/ { if ($1 != "time:") { name = $1 }; sub(/^.*time: */, ""); print name, $0 }' \
  | tee -a "$report"
say '```'
say ""

say "## Engine, WASM in headless Chromium (the engine worker's profile, as shipped)"
say '```'
scripts/bench-engine-wasm.sh target/bench-wasm.txt | tee -a "$report"
say '```'
say ""
say "LPM times are per batch of 68 lookups (criterion) or per lookup (WASM)."

# The hand-kept history at the end of the old file (before-and-after notes of earlier work)
# is carried over; everything above it is this run's.
history="$(sed -n '/^## History/,$p' BENCHMARKS.md 2>/dev/null || true)"
# The budget table first: what the issue asked for and whether this run meets it.
{
  head -4 "$report"
  echo ""
  echo "## Against the targets (issue 17) and the budgets (issue 7)"
  echo ""
  python3 scripts/bench-summary.py target/site/vpc-playground
  echo ""
  echo "Run on a shared 2-core machine; the engine's absolute times move with its load, its"
  echo "ratios (scan/naive, WASM/native, app/baseline) hold within one run."
  echo ""
  tail -n +5 "$report"
  if [ -n "$history" ]; then
    echo ""
    echo "$history"
  fi
} > BENCHMARKS.md
echo "bench: wrote BENCHMARKS.md"
