#!/usr/bin/env bash
# A short smoke run of every fuzz target (fuzz/, cargo-fuzz + libFuzzer), for `make test` and
# CI: first the saved regression inputs (fuzz/regressions/TARGET/), then a few seconds of
# fuzzing from the committed seeds (fuzz/corpus/TARGET/). Fails loudly when a target crashes;
# the crashing input is left in fuzz/artifacts/TARGET/. The long runs are in fuzz/README.md.
#
#   scripts/fuzz-smoke.sh              # every target, 20 s or 20000 runs each
#   scripts/fuzz-smoke.sh load share   # some targets
#   FUZZ_SMOKE_SECONDS=5 FUZZ_SMOKE_RUNS=2000 scripts/fuzz-smoke.sh
#
# cargo-fuzz needs a nightly compiler. When no nightly toolchain is installed, the stable one
# is used with RUSTC_BOOTSTRAP=1 (which lets stable rustc accept the -Z sanitizer flags).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${FUZZ_SMOKE_SECONDS:-20}"
runs="${FUZZ_SMOKE_RUNS:-20000}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(load share trace trace2 import)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz"
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
  echo "fuzz-smoke: using the nightly toolchain"
else
  export RUSTC_BOOTSTRAP=1
  echo "fuzz-smoke: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
  echo >&2
  echo "fuzz-smoke: FAILED: $1" >&2
  echo "fuzz-smoke: the input that broke it is in fuzz/artifacts/$2/ (replay: cargo ${toolchain[*]} fuzz run $2 FILE)" >&2
  exit 1
}

for t in "${targets[@]}"; do
  if [ ! -d "fuzz/corpus/$t" ]; then
    echo "fuzz-smoke: no target $t (expected fuzz/corpus/$t)" >&2
    exit 2
  fi
  regressions=()
  if [ -d "fuzz/regressions/$t" ]; then
    while IFS= read -r -d '' f; do regressions+=("$f"); done \
      < <(find "fuzz/regressions/$t" -type f ! -name '*.md' -print0 | sort -z)
  fi
  if [ ${#regressions[@]} -gt 0 ]; then
    echo "fuzz-smoke: $t: replaying ${#regressions[@]} regression input(s)"
    cargo "${toolchain[@]}" fuzz run "$t" "${regressions[@]}" -- -timeout=10 \
      || fail "target $t crashes on a saved regression input" "$t"
  fi
  echo "fuzz-smoke: $t: fuzzing for ${seconds} s or ${runs} runs"
  mkdir -p "$work/$t"
  # The first corpus directory receives new inputs: a scratch one, so the committed seeds
  # stay small.
  cargo "${toolchain[@]}" fuzz run "$t" "$work/$t" "fuzz/corpus/$t" -- \
    -runs="$runs" -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
    || fail "target $t crashed" "$t"
done
echo "fuzz-smoke: all targets ran without a crash: ${targets[*]}"
