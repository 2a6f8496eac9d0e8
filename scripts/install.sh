#!/usr/bin/env bash
# Installs whatever grantpool needs that this machine lacks, and nothing it already has:
# the wasm32 target, clippy/rustfmt, trunk 0.21.14, wasm-bindgen-cli at the version Cargo.lock
# pins, the npm dev dependencies (binaryen's wasm-opt, playwright-core, papaparse, pdfjs-dist) and Debian's
# Chromium + ChromeDriver. Safe to run again; a few seconds when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m[install]\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "Debian chromium and chromium-driver"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "rust component $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "trunk $TRUNK_VERSION (compiles from crates.io; several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal the wasm-bindgen crate in Cargo.lock)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm dev dependencies (binaryen, playwright-core, papaparse, pdfjs-dist, the peers)"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version | cut -d' ' -f1-3), $(chromium --version)"
