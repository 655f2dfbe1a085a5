# Warren: the two commands.
#   make serve   install what is missing, build, serve on http://127.0.0.1:8080
#   make test    install what is missing, run every test, print a summary
#
# The single stages can be run alone once the tools are installed:
#   make check  test-native  test-wasm  build-release  test-e2e

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Tools installed by scripts/setup.sh: cargo-installed ones and npm's wasm-opt.
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# wasm-bindgen-test in headless Chromium (browser flags in webdriver.json).
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER ?= wasm-bindgen-test-runner

.PHONY: help setup serve test check test-native test-wasm test-programs build-release test-e2e test-broker bench bench-engine bench-wasm

help:
	@echo "make serve   build and serve the playground on http://127.0.0.1:8080"
	@echo "make test    run every test (native, wasm in Chromium, end-to-end)"
	@echo "stages: make setup | check | test-native | test-wasm | build-release | test-e2e"
	@echo "make bench   release build sizes and the browser benchmark (BENCHMARKS.md)"

## Install every tool that is missing (idempotent; fast when all are there).
setup:
	@bash scripts/setup.sh

## Build and serve with live reload.
serve: setup
	trunk serve

## Every test, with a summary; fails if anything fails.
test:
	@bash scripts/test.sh

## The gates, fast and first: formatting (rustfmt.toml), clippy on both
## targets with warnings as errors, the docs with warnings as errors, the
## fuzz targets still build, and the size rule for functions.
check:
	cargo fmt --all -- --check
	cargo fmt --all --manifest-path fuzz/Cargo.toml -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --test web -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --target wasm32-unknown-unknown
	cargo check --manifest-path fuzz/Cargo.toml --bins

## Native tests: the engine, the conformance runner, all non-web code.
test-native:
	cargo test

## Python programs: CPython + pika against a private RabbitMQ node, and
## Warren's runner, compared (scripts/test-programs.sh).
test-programs:
	bash scripts/test-programs.sh

## Component tests in headless Chromium (only tests/web.rs is meant for wasm).
test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

## The static site in dist/ (size-optimised wasm).
build-release:
	trunk build --release

## End-to-end tests against dist/ (run build-release first).
test-e2e:
	node --test --test-reporter=spec e2e/*.test.mjs

## End-to-end against a real RabbitMQ 3.10.8 (a private node started and
## stopped by scripts/broker-e2e.sh; run build-release first).
test-broker:
	bash scripts/broker-e2e.sh

## Benchmarks (BENCHMARKS.md); they print figures and never fail on timing.
## The release build's sizes and the browser benchmark (e2e/bench.mjs).
bench: setup build-release
	bash scripts/sizes.sh dist
	node e2e/bench.mjs

## The engine natively (median of 7 runs per workload).
bench-engine:
	cargo bench --bench engine

## The same engine workloads compiled to wasm, timed in headless Chromium.
bench-wasm:
	cargo test --release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture
