#!/usr/bin/env bash
# Installs what is missing, builds the release page, and runs the import benchmark (10k, 100k
# and 1M rows) and the pooling benchmark (1k, 10k and 100k lines), writing the figures into
# BENCHMARKS.md. Takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
node tests/bench/import.mjs --rows 10000,100000,1000000 --runs "${RUNS:-3}" --write
node tests/bench/pooling.mjs --rows 1000,10000,100000 --moves 40 --write
