#!/usr/bin/env bash
# Installs what is missing, builds the release page, and runs the benchmarks, writing the
# figures into BENCHMARKS.md: grantpool's core against uDSV, PapaParse (main thread and worker),
# DuckDB-wasm and Arquero (10k, 100k and 1M rows, 10 interleaved runs); the import through the page against
# PapaParse; from a move to the measures and charts redrawn (100 moves and 100 undos at 10k,
# 100k and 1M lines); from a change of place or year to every figure redrawn (100k and 1M lines); and the
# lines behind a figure, a filter and four scenarios compared (100k and 1M lines); and what a
# person feels: file chosen → figures, the longest block, peak memory, restore, first load (40k,
# 100k, 1M); and a click on Move or Undo to the next frame, by the Event Timing API, on ten pots
# holding half the money (10k, 100k, 1M).
# Takes about fifteen minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
node tests/bench/compare.mjs --rows 10000,100000,1000000 --runs "${RUNS:-10}" --write
node tests/bench/import.mjs --rows 10000,100000,1000000 --runs "${RUNS:-3}" --write
node tests/bench/pooling.mjs --rows 10000,100000,1000000 --moves 100 --write
node tests/bench/view.mjs --rows 100000,1000000 --changes 20 --write
node tests/bench/drill.mjs --rows 100000,1000000 --times 12 --write
node tests/bench/felt.mjs --rows 40000,100000,1000000 --runs 3 --write
node tests/bench/moves.mjs --rows 10000,100000,1000000 --moves 20 --write
bash scripts/wasm_crates.sh --write
