#!/usr/bin/env bash
# Kindling's one build entry point.
#   ./build.sh        install what the build needs, build dist/chrome, dist/firefox and their zips
#   ./build.sh test   the above, plus what the tests need, then every test and lint
#   ./build.sh demo   the build, then a scripted session on the fixture sites with screenshots in demo/
# Each install step is skipped when already done, so reruns are quick.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

GECKODRIVER_VERSION=0.37.1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install <path>=<package> ...: install the packages whose file is missing.
apt_install() {
  local missing=()
  for pair in "$@"; do
    [ -e "${pair%%=*}" ] || missing+=("${pair#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

build_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  local want have
  # The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ "$have" != "$want" ]; then
    step "cargo install wasm-bindgen-cli $want (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$want" --locked
  fi
  local lock_hash
  lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat node_modules/.kindling-lock 2>/dev/null || true)" != "$lock_hash" ]; then
    step "npm ci"
    npm ci --no-audit --no-fund
    echo "$lock_hash" > node_modules/.kindling-lock
  fi
}

test_tools() {
  apt_install /usr/bin/chromium=chromium /usr/bin/firefox-esr=firefox-esr /usr/bin/openssl=openssl \
    /usr/lib/chromium/locales/de.pak=chromium-l10n \
    /usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi=firefox-esr-l10n-de
  if [[ "$(geckodriver --version 2>/dev/null)" != *"geckodriver $GECKODRIVER_VERSION"* ]]; then
    step "cargo install geckodriver $GECKODRIVER_VERSION (about 2 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
}

zip_dir() { # zip_dir <dir> <zip>: a zip of the directory's contents, paths relative to it
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in sorted(os.walk(src)):
        for name in sorted(files):
            full = os.path.join(root, name)
            z.write(full, os.path.relpath(full, src))
PY
}

# build_module <feature> <name>: the crate with only that feature, as build/pkg/<name>.js and
# build/pkg/<name>_bg.wasm. The modules build in the same target directory with the same
# dependency features, so the dependencies are compiled once for all; only the crate itself
# is compiled per module (docs/architecture.md, "The core's modules").
build_module() {
  step "cargo build --features $1 (wasm32, release)"
  cargo build --release --target wasm32-unknown-unknown -p kindling --no-default-features --features "$1"
  step "wasm-bindgen + wasm-opt ($2)"
  # Every build writes the same kindling.wasm: it is taken before the next build.
  wasm-bindgen --target web --no-typescript --out-dir build/pkg --out-name "$2" \
    target/wasm32-unknown-unknown/release/kindling.wasm
  # The features rustc's wasm32 target emits by default.
  node_modules/.bin/wasm-opt -Os --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "build/pkg/$2_bg.wasm" -o "build/pkg/$2_bg.wasm"
}

build() {
  build_tools
  rm -rf build/pkg
  # The background's module (store, pacing engine, site adapters), the pages' (card, popup,
  # options) and the card frame's (the card alone, loaded in every tab showing a profile).
  build_module background kindling
  build_module ui ui
  build_module card card
  step "assemble dist/"
  mkdir -p dist
  for browser in chrome firefox; do
    node tools/assemble.mjs "$browser" build/pkg "dist/$browser"
    rm -f "dist/kindling-$browser.zip"
    zip_dir "dist/$browser" "dist/kindling-$browser.zip"
  done
  ls -l build/pkg/*_bg.wasm dist/*.zip
}

run_tests() {
  test_tools
  build
  step "rustfmt"
  cargo fmt --all --check
  step "cargo test (native)"
  cargo test --workspace
  # The pages' module alone (natively, the background's alone is the default set: the pages'
  # code is wasm only).
  cargo test -p kindling --no-default-features --features ui
  step "clippy (native and wasm32: both modules' code together, then each module's alone)"
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings
  for feature in background ui card; do
    cargo clippy -p kindling --all-targets --no-default-features --features "$feature" -- -D warnings
    cargo clippy -p kindling --target wasm32-unknown-unknown --no-default-features --features "$feature" -- -D warnings
  done
  step "eslint"
  node_modules/.bin/eslint extension tests tools
  step "size budgets (issue 8)"
  node tools/budgets.mjs
  step "web-ext lint (dist/firefox)"
  node_modules/.bin/web-ext lint --source-dir dist/firefox --no-config-discovery
  step "JS unit tests, then browser end-to-end tests (Chromium, Firefox)"
  # With the harness's self-test: it proves, among others, that errors Kindling logs fail a test.
  # A file still running after 15 minutes fails and is stopped, so a hang is a clear failure, not
  # a CI run that never ends. Two files at a time (one browser each, mostly waiting): on 2 cores
  # the suite took ~1,430 s one file at a time (docs/benchmarks.md, "CI's time").
  node --test --test-concurrency=2 --test-timeout=900000 tests/unit/*.test.mjs tests/harness/harness.selftest.mjs tests/e2e/*.test.mjs
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  demo) apt_install /usr/bin/chromium=chromium && build && node tests/demo.mjs ;;
  *) echo "usage: ./build.sh [build|test|demo]" >&2; exit 2 ;;
esac
