#!/usr/bin/env bash
# Builds the release site for a GitHub Pages sub-path and lays it out as Pages serves it:
# target/site/vpc-playground/ is the app, target/site/docs/ a host page that embeds it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
for tool in trunk wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "build-site: $tool is missing: run scripts/install.sh" >&2; exit 1; }
done
features=()
[ -n "${VPC_TEST_HOOKS:-}" ] && features=(--features test-hooks)
trunk build --release "${features[@]}" --public-url /vpc-playground/ --dist target/dist-pages
rm -rf target/site
mkdir -p target/site/docs
cp -r target/dist-pages target/site/vpc-playground
cp tests/e2e/host/*.html target/site/docs/ 2>/dev/null || true
echo "build-site: target/site/vpc-playground/"
