#!/usr/bin/env bash
# Installs what is missing, then serves grantpool on http://127.0.0.1:8080 with the built-in
# sample data loaded (rebuilding when the source changes; reload the page to see a rebuild, since
# the Content-Security-Policy leaves out trunk's live-reload script).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo "grantpool: http://127.0.0.1:8080/"
exec trunk serve --release
