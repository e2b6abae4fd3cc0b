#!/usr/bin/env bash
# Size report of a built site: raw, gzip -9 and brotli bytes of its wasm and JS.
#
# Two thresholds, both deterministic since the build is:
# - the BUDGET of issue 7 (wasm <= 400 KiB raw, <= 120 KiB brotli): reported as met or
#   missed, with the gap, so every change knows where it stands;
# - a CEILING the check fails on: a guard against regressions while the budget is not met
#   yet, set at the size + 5% of the e2e build (with the test hooks) that `make test`
#   checks. Lower them as the wasm shrinks; each change of a ceiling is in `git log` of this
#   file and in BENCHMARKS.md's history.
#   - The app's wasm (what every visit downloads before the first paint): set 2026-12-05
#     (session 13) from 1,942,062 raw / 552,516 brotli, once the library's lessons were
#     fetched when opened instead of compiled in.
#   - The viewer's (vpc-viewer-*_bg.wasm: embed.html, what an embedded lesson downloads
#     instead of the app's): set 2026-12-05 (session 12) from 1,088,598 / 342,567, once it
#     compiled in the welcome lesson only.
#   - The engine worker's (vpc-worker_bg.wasm: the matrix and the AWS import, downloaded only
#     when one of them starts; built for speed): raw only, from 1,058,240 B + 5%.
# usage: size-report.sh [DIST]   (default target/site/vpc-playground)
set -euo pipefail
dist=${1:-target/site/vpc-playground}
BUDGET_RAW=$((400 * 1024))
BUDGET_BR=$((120 * 1024))
CEILING_RAW=${SIZE_CEILING_RAW:-$((1992 * 1024))}
CEILING_BR=${SIZE_CEILING_BROTLI:-$((567 * 1024))}
WORKER_CEILING_RAW=${SIZE_CEILING_WORKER_RAW:-$((1086 * 1024))}
VIEWER_CEILING_RAW=${SIZE_CEILING_VIEWER_RAW:-$((1117 * 1024))}
VIEWER_CEILING_BR=${SIZE_CEILING_VIEWER_BROTLI:-$((352 * 1024))}
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
  [[ $f == *.wasm ]] || continue
  if [[ $(basename "$f") == vpc-worker* ]]; then
    echo "size-report: engine worker wasm $raw bytes raw, $br brotli (downloaded only when the matrix or an import starts)"
    if [ "$raw" -gt "$WORKER_CEILING_RAW" ]; then
      echo "size-report: FAIL: worker wasm $raw bytes is over its regression ceiling of $WORKER_CEILING_RAW bytes" >&2
      status=1
    fi
    continue
  fi
  if [[ $(basename "$f") == vpc-viewer* ]]; then
    echo "size-report: viewer wasm $raw bytes raw, $br brotli (embed.html: what an embedded lesson downloads)"
    for kind in raw br; do
      size=${!kind}
      if [ "$kind" = raw ]; then ceiling=$VIEWER_CEILING_RAW; label="raw"; else ceiling=$VIEWER_CEILING_BR; label="brotli"; fi
      if [ "$size" -gt "$ceiling" ]; then
        echo "size-report: FAIL: viewer wasm $label $size bytes is over its regression ceiling of $ceiling bytes" >&2
        status=1
      fi
    done
    continue
  fi
  for kind in raw br; do
    size=${!kind}
    if [ "$kind" = raw ]; then budget=$BUDGET_RAW; ceiling=$CEILING_RAW; label="raw"; else budget=$BUDGET_BR; ceiling=$CEILING_BR; label="brotli"; fi
    if [ "$size" -le "$budget" ]; then
      echo "size-report: wasm $label $size bytes: within the budget of $budget"
    else
      echo "size-report: wasm $label $size bytes: OVER the budget of $budget by $((size - budget)) bytes (issue 7)"
    fi
    if [ "$size" -gt "$ceiling" ]; then
      echo "size-report: FAIL: wasm $label $size bytes is over the regression ceiling of $ceiling bytes" >&2
      status=1
    fi
  done
done
exit $status
