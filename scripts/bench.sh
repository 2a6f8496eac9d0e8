#!/usr/bin/env bash
# Installs what is missing, builds the release page, and runs the benchmarks, writing the
# figures into BENCHMARKS.md: grantpool's core against uDSV, PapaParse (main thread and worker),
# DuckDB-wasm and Arquero (10k, 100k and 1M rows); the import through the page against
# PapaParse; and from a move to the measures and charts redrawn (200 moves at 10k and 1M
# lines). Takes about ten minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
node tests/bench/compare.mjs --rows 10000,100000,1000000 --runs "${RUNS:-5}" --write
node tests/bench/import.mjs --rows 10000,100000,1000000 --runs "${RUNS:-3}" --write
node tests/bench/pooling.mjs --rows 10000,100000,1000000 --moves 100 --write
