#!/usr/bin/env bash
# What each crate costs in the page's WebAssembly (BENCHMARKS.md, "What the page downloads"):
# builds the page once more keeping function names and without wasm-opt (into
# target/wasm-names), installs twiggy if it is missing, and sums twiggy's sizes by crate.
# With --write, the table goes into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
command -v twiggy >/dev/null || cargo install twiggy --version 0.7.0
sed 's|data-wasm-opt="z" />|data-wasm-opt="0" data-keep-debug />|' index.html > index-names.html
trap 'rm -f index-names.html' EXIT
trunk build --release -d target/wasm-names index-names.html
twiggy top -n 1000000 -f csv target/wasm-names/grantpool-*_bg.wasm > target/wasm-names/twiggy.csv
node scripts/wasm_crates.mjs target/wasm-names/twiggy.csv "$@"
