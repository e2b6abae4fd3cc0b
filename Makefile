# The two commands of the README: `make serve` and `make test`. Both install what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: install serve build test test-rust test-wasm test-e2e lint size bench fuzz-smoke

install:
	@scripts/install.sh

## Installs what is missing, builds the release site as GitHub Pages serves it, and serves it
## on http://127.0.0.1:8080/ (which leads to the app's sub-path): the app and, beside it, the
## viewer that the Embed dialog's snippets load.
serve: build
	@echo "serve: the app at http://127.0.0.1:8080/vpc-playground/, the viewer for embeds at http://127.0.0.1:8080/vpc-playground/embed.html"
	python3 scripts/serve_static.py target/site 8080

## The release site under the GitHub Pages sub-path /vpc-playground/ (target/site).
build: install
	scripts/build-site.sh

## Installs what is missing and runs every test.
# Order: cheap checks first; the browser suites last, so the output ends with their summary.
test: install lint fuzz-smoke test-rust test-wasm test-e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p vpc-playground --target wasm32-unknown-unknown --all-targets -- -D warnings
	# The viewer (embed.html): the app crate without its default `editor` feature.
	cargo clippy -p vpc-playground --target wasm32-unknown-unknown --no-default-features -- -D warnings

test-rust:
	cargo test --workspace

test-wasm:
	cargo test -p vpc-playground --target wasm32-unknown-unknown --test web

test-e2e:
	VPC_TEST_HOOKS=1 scripts/build-site.sh
	scripts/size-report.sh target/site/vpc-playground
	playwright test

## Raw, gzip and brotli size of the built wasm and JS, against the budget (after make build).
size:
	scripts/size-report.sh target/site/vpc-playground

bench: install
	scripts/bench.sh

## A short run of each fuzz target (the long runs are in fuzz/README.md).
fuzz-smoke:
	scripts/fuzz-smoke.sh
