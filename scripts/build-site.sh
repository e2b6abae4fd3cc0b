#!/usr/bin/env bash
# Builds the release site for a GitHub Pages sub-path and lays it out as Pages serves it:
# target/site/vpc-playground/ is the app (index.html) with the viewer beside it (embed.html,
# the page embedding iframes load: the crate without its default `editor` feature, its own
# vpc-viewer-*.wasm), and target/site/docs/ a host page that embeds it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
for tool in trunk wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "build-site: $tool is missing: run scripts/install.sh" >&2; exit 1; }
done
features=()
[ -n "${VPC_TEST_HOOKS:-}" ] && features=(--features test-hooks)
trunk build --release "${features[@]}" --public-url /vpc-playground/ --dist target/dist-pages
# The viewer: a second build of the same crate, from embed.html. Trunk names its page
# index.html; it becomes embed.html beside the app's, so relative `?scenario=` addresses
# resolve alike. Its style sheets and scenarios are the app's (same content, same names).
# `--no-default-features` is given here, not in embed.html: a data-cargo-* attribute would
# make Trunk drop the command line's `--features test-hooks`.
trunk build embed.html --release --no-default-features "${features[@]}" --public-url /vpc-playground/ --dist target/dist-embed
rm -rf target/site
mkdir -p target/site/docs
cp -r target/dist-pages target/site/vpc-playground
cp target/dist-embed/index.html target/site/vpc-playground/embed.html
for f in target/dist-embed/*; do
  [ "$(basename "$f")" = index.html ] || cp -rn "$f" target/site/vpc-playground/
done
cp tests/e2e/host/*.html target/site/docs/ 2>/dev/null || true
echo "build-site: target/site/vpc-playground/ (index.html: the app; embed.html: the viewer)"
