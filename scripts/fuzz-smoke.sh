#!/usr/bin/env bash
# A short smoke run of every fuzz target (fuzz/, cargo-fuzz + libFuzzer), for `make test` and
# CI: first the saved regression inputs (fuzz/regressions/TARGET/), then a fixed number of
# fuzzing runs from the committed seeds (fuzz/corpus/TARGET/). Fails loudly when a target
# crashes; the crashing input is left in fuzz/artifacts/TARGET/. The long runs, which look
# for new bugs, are in fuzz/README.md.
#
# The smoke run is repeatable: a fixed seed and a number of runs (not a time), so CI on a
# fresh machine with the same compiler fuzzes the inputs a run here fuzzed (up to the
# order of a few std hash maps, which can steer libFuzzer's coverage feedback), and a red
# CI means the change broke something rather than a luckier draw. The time limit only
# guards against a hang.
#
#   scripts/fuzz-smoke.sh              # every target, its own number of runs (below)
#   scripts/fuzz-smoke.sh load share   # some targets
#   FUZZ_SMOKE_RUNS=500 FUZZ_SMOKE_SEED=7 scripts/fuzz-smoke.sh   # fewer runs, another seed
#
# cargo-fuzz needs a nightly compiler. When no nightly toolchain is installed, the stable one
# is used with RUSTC_BOOTSTRAP=1 (which lets stable rustc accept the -Z sanitizer flags).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${FUZZ_SMOKE_SECONDS:-300}"
seed="${FUZZ_SMOKE_SEED:-1}"
# About ten seconds each on this project's 2-core machines: the structured targets run a
# whole topology's traces per input, so they get fewer runs.
runs_of() {
  if [ -n "${FUZZ_SMOKE_RUNS:-}" ]; then
    echo "$FUZZ_SMOKE_RUNS"
    return
  fi
  case "$1" in
    trace) echo 2000 ;;
    trace2) echo 1500 ;;
    *) echo 20000 ;;
  esac
}
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

# A target that does not build is not a crash: say so, with what the compiler was and the
# free disk space (an instrumented build of the engine writes a few hundred MB), so the
# log of a failed run says which of the two it was.
build() {
  cargo "${toolchain[@]}" fuzz build "$1" && return 0
  echo >&2
  echo "fuzz-smoke: FAILED: target $1 does not build (not a crash: no input was run)" >&2
  rustc "${toolchain[@]}" --version >&2 || true
  df -h fuzz >&2 || true
  exit 1
}

for t in "${targets[@]}"; do
  if [ ! -d "fuzz/corpus/$t" ]; then
    echo "fuzz-smoke: no target $t (expected fuzz/corpus/$t)" >&2
    exit 2
  fi
  build "$t"
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
  runs="$(runs_of "$t")"
  echo "fuzz-smoke: $t: fuzzing ${runs} runs from seed ${seed}"
  mkdir -p "$work/$t"
  # The first corpus directory receives new inputs: a scratch one, so the committed seeds
  # stay small.
  cargo "${toolchain[@]}" fuzz run "$t" "$work/$t" "fuzz/corpus/$t" -- \
    -seed="$seed" -runs="$runs" -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
    || fail "target $t crashed" "$t"
done
echo "fuzz-smoke: all targets ran without a crash: ${targets[*]}"
