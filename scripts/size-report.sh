#!/usr/bin/env bash
# Size report of a built site: raw, gzip -9 and brotli bytes of its wasm and JS, checked
# against the budget (issue 7: wasm <= 400 KiB raw and <= 120 KiB brotli).
# usage: size-report.sh [DIST]   (default target/site/vpc-playground)
set -euo pipefail
dist=${1:-target/site/vpc-playground}
RAW_BUDGET=$((400 * 1024))
BROTLI_BUDGET=$((120 * 1024))
shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js)
[ ${#files[@]} -gt 0 ] || { echo "size-report: no wasm or js in $dist (build first: make build)" >&2; exit 1; }
printf '%-44s %10s %10s %10s\n' file raw gzip-9 brotli
status=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-44s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
  if [[ $f == *.wasm ]]; then
    if [ "$raw" -gt "$RAW_BUDGET" ]; then
      echo "size-report: $(basename "$f") is $raw bytes raw, over the budget of $RAW_BUDGET" >&2; status=1
    fi
    if [ "$br" -gt "$BROTLI_BUDGET" ]; then
      echo "size-report: $(basename "$f") is $br bytes brotli, over the budget of $BROTLI_BUDGET" >&2; status=1
    fi
  fi
done
[ $status = 0 ] && echo "size-report: within budget (wasm <= $RAW_BUDGET raw, <= $BROTLI_BUDGET brotli)"
exit $status
