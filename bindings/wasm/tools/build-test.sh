#!/usr/bin/env bash
# Build the test-only variant of the npm package into bindings/wasm/pkg-test/node/: the same
# crate with the feature `test-panic`, which exports `testPanic(message)` (a panic on purpose),
# so that test/panic.test.mjs can check that a panic becomes an O2OError with the code
# `internal` and that the module stays usable. Built with the quick `wasm-test` profile
# (panic = "abort" like the published build) and no wasm-opt; never published.
#
# Needs what build.sh needs (the wasm32 target, the wasm-bindgen CLI). Run from anywhere.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WASM_BINDGEN="${WASM_BINDGEN:-wasm-bindgen}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

cd "$ROOT"
echo "==> cargo build (wasm32-unknown-unknown, profile wasm-test, feature test-panic)"
cargo build -p o2okit-wasm --target wasm32-unknown-unknown --profile wasm-test --features test-panic
out="$HERE/pkg-test/node"
rm -rf "$HERE/pkg-test"
echo "==> wasm-bindgen --target nodejs -> pkg-test/node"
"$WASM_BINDGEN" --target nodejs --experimental-reset-state-function --out-dir "$out" \
    "$TARGET_DIR/wasm32-unknown-unknown/wasm-test/o2okit_wasm.wasm"
printf '{\n  "type": "commonjs"\n}\n' >"$out/package.json"
node "$HERE/tools/to-cjs.mjs" "$HERE/js/api.mjs" "$out/api.cjs"
echo "pkg-test: $(wc -c <"$out/o2okit_wasm_bg.wasm") bytes"
