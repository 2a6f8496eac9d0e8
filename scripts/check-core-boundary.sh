#!/usr/bin/env bash
# The pure core (everything in src/ but src/web/ and src/main.rs) must not touch the browser:
# no leptos, web-sys, js-sys, wasm-bindgen or plotters-canvas. Native builds enforce this too,
# since those crates are only dependencies on wasm32; this check names the offending line.
set -euo pipefail
cd "$(dirname "$0")/.."
offences=$(grep -rnE '\b(leptos|web_sys|js_sys|wasm_bindgen|wasm_bindgen_futures|plotters_canvas|console_error_panic_hook)\b' src \
  --include='*.rs' | grep -vE '^src/(web/|main\.rs|lib\.rs:.*mod web)' || true)
if [ -n "$offences" ]; then
  echo "core modules must not import browser crates:"
  echo "$offences"
  exit 1
fi
echo "core boundary: src/ outside src/web/ imports no browser crate"
