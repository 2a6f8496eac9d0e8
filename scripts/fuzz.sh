#!/usr/bin/env bash
# Fuzzes every reader grantpool has (scripts/fuzz.rs): delimited files, 360Giving JSON, pasted
# cells, single cells, saved work and scenario files, each for the given time or number of
# executions. Failing inputs are kept in tests/fuzz-regressions/<target>/, which `cargo test`
# replays; the run exits non-zero when it finds any.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default 60 s each, every target)
#   EXECS=1000000 bash scripts/fuzz.sh 1200                  (a million executions each)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-60}"
shift || true
cargo build --release --locked --example fuzz
exec ./target/release/examples/fuzz --seconds "$seconds" --execs "${EXECS:-18446744073709551615}" --seed "${SEED:-1}" "$@"
