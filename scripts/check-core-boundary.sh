#!/usr/bin/env bash
# The pure core (the `grantpool` crate: Cargo.toml and src/) must not touch the browser: no
# leptos, web-sys, js-sys, wasm-bindgen or plotters-canvas. The core crate does not depend on
# them, so the compiler already refuses; this check names the offending line. The browser app
# (app/) is where they belong.
set -euo pipefail
cd "$(dirname "$0")/.."
browser='\b(leptos|web_sys|web-sys|js_sys|js-sys|wasm_bindgen|wasm-bindgen|wasm_bindgen_futures|plotters_canvas|plotters-canvas|console_error_panic_hook)\b'
offences=$(grep -rnE "$browser" src --include='*.rs' || true)
manifest=$(sed -n '/^\[dependencies\]/,/^\[/p' Cargo.toml | grep -nE "$browser" || true)
if [ -n "$offences$manifest" ]; then
  echo "the core must not use browser crates:"
  echo "$offences"
  echo "$manifest"
  exit 1
fi
echo "core boundary: the grantpool core crate (src/) uses no browser crate"
