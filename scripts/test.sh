#!/usr/bin/env bash
# Installs what is missing, then runs every check and test grantpool has:
# formatting, the core/browser boundary, clippy (native and wasm32), the samples' build script,
# native tests (cargo test, which replays every input the fuzzer ever found failing), a short
# fuzzing pass, the release build with its wasm size, the end-to-end tests in
# headless Chromium against the built dist/ on loopback, and a small run of the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; shift; "$@"; }

step "format" cargo fmt --all --check
step "core boundary" bash scripts/check-core-boundary.sh
step "clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy --workspace --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
step "sample data is what scripts/make_samples.rs builds" cargo run --quiet --locked --example make_samples -- --check
step "native tests" cargo test --workspace --locked
step "fuzzing, a short bounded pass over every reader (scripts/fuzz.sh runs longer ones)" bash scripts/fuzz.sh 4
step "release build" trunk build --release
wasm=$(ls dist/*.wasm)
printf 'wasm size: %s bytes raw, %s bytes gzip -9 (%s)\n' "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" "$wasm"
step "import benchmark, 10,000-row smoke run (figures not recorded)" node tests/bench/import.mjs --rows 10000 --runs 1
step "peer benchmark, 10,000-row smoke run (figures not recorded)" node tests/bench/compare.mjs --rows 10000 --runs 1
step "pooling benchmark, 10,000-line smoke run (figures not recorded)" node tests/bench/pooling.mjs --rows 10000 --moves 5
step "place and year benchmark, 10,000-line smoke run (figures not recorded)" node tests/bench/view.mjs --rows 10000 --changes 3
step "drill-through, filter and scenario benchmark, 10,000-line smoke run (figures not recorded)" node tests/bench/drill.mjs --rows 10000 --times 2
step "what a person feels, 10,000-row smoke run (figures not recorded)" node tests/bench/felt.mjs --rows 10000 --runs 1
step "memory through one import, 10,000-row smoke run (figures not recorded)" node tests/bench/memory.mjs --rows 10000
step "moves on a realistic scenario, 10,000-line smoke run (figures not recorded)" node tests/bench/moves.mjs --rows 10000 --moves 3
step "two builds side by side (this one twice), 10,000-row smoke run (figures not recorded)" node tests/bench/builds.mjs --rows 10000 --runs 1 "$PWD/" "$PWD/"
step "what a person feels, two builds taking turns (this one twice), 10,000-row smoke run (figures not recorded)" node tests/bench/felt.mjs --rows 10000 --runs 1 --builds "$PWD/,$PWD/"
step "end-to-end (Playwright, Debian Chromium)" npm run --silent e2e
