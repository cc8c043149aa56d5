# Hyperlab. The README's two commands are `make serve` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Component tests can take a while to start Chromium on a cold machine.
export WASM_BINDGEN_TEST_TIMEOUT ?= 180

.PHONY: serve dist test test-native test-core-deps test-wasm test-e2e bench clean

## serve: install what is missing, then run the site at http://127.0.0.1:8080 with live reload
serve:
	scripts/setup.sh build
	trunk serve --offline

## dist: the release site in dist/: one real page per route, its content pre-rendered for the
## first paint; each lab page loads only its own lab's bundle (Cargo feature = slug) and the home
## page loads none; JavaScript and CSS minified before xtask hashes them
SITE_BUILDS := $(CURDIR)/target/site
dist:
	scripts/setup.sh build
	rm -rf $(SITE_BUILDS)
	trunk build --release --offline --no-default-features --features home --dist $(SITE_BUILDS)/home
	for lab in $$(cargo run -q -p xtask -- slugs); do \
		trunk build --release --offline --no-default-features --features $$lab --dist $(SITE_BUILDS)/$$lab; \
	done
	node scripts/minify.mjs $(SITE_BUILDS)
	cargo run -q -p xtask -- assemble $(SITE_BUILDS) dist

## test: every layer — native, component (wasm in Chromium), end-to-end (release build)
test:
	scripts/setup.sh test
	$(MAKE) --no-print-directory test-core-deps test-native test-wasm dist test-e2e

test-native:
	cargo test --workspace --exclude hyperlab

# The core must stay browser-free so it tests natively and fast.
test-core-deps:
	@if cargo tree -p hyperlab-ml -e normal --target all --prefix none | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen)( |$$)'; then \
		echo "hyperlab-ml must not depend on browser crates (above)"; exit 1; \
	else echo "hyperlab-ml: no browser dependencies"; fi

test-wasm:
	cargo test -p hyperlab --target wasm32-unknown-unknown

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## bench: figures, one per line, `name: value unit`
bench: dist
	cargo run --release -q -p hyperlab-ml --example bench
	cargo run --release -q -p hyperlab-ml --example cv_bench
	cargo run --release -q -p hyperlab-ml --example nn_bench
	cargo run --release -q -p hyperlab-ml --example search_bench
	node scripts/bench.mjs

clean:
	cargo clean
	rm -rf dist
