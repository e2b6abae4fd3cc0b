#!/usr/bin/env bash
# Installs what vpc-playground needs to build and test, skipping what is already there.
# Idempotent and offline-safe: only the Rust, Debian and npm registries are used; Trunk never
# downloads tools itself (Trunk.toml sets offline = true). See shared toolchain notes in README.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
elapsed() { local s=$SECONDS; "$@"; echo "   ($(( SECONDS - s )) s)"; }

# Debian packages: Chromium and its driver for browser tests, brotli for the size report.
missing=()
if [ -z "${VPC_SKIP_BROWSER:-}" ]; then   # set by the Pages workflow, which runs no browser
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
fi
command -v brotli >/dev/null || missing+=(brotli)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  elapsed $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive elapsed $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  elapsed rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  rustup component list --installed | grep -q "^$c" || { step "rustup component add $c"; rustup component add "$c"; }
done

# Trunk 0.21 (0.22 needs a newer rustc than these machines have).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  step "cargo install trunk 0.21 (about 7.5 minutes on 2 cores)"
  elapsed cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (not --locked: its own
# lockfile wants a crate version the registry mirror lacks).
WB=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ -z "$WB" ]; then echo "install: no wasm-bindgen in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB"; then
  step "cargo install wasm-bindgen-cli $WB (about 2.5 minutes)"
  elapsed cargo install wasm-bindgen-cli --version "$WB"
fi

# Crates, so Trunk's `cargo --offline` finds them.
step "cargo fetch"
elapsed cargo fetch --quiet

# npm: Playwright (driving Debian's Chromium, never its own download) and binaryen's wasm-opt.
stamp=node_modules/.vpc-playground-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  step "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 elapsed npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
echo "install: everything is in place"
