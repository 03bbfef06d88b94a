#!/usr/bin/env bash
# Build the package's module at another optimisation level, for measuring what each level
# costs and gives (bench/variants.mjs): tools/build-variant.sh LEVEL [OUT]
#   LEVEL  the rustc opt-level (z, s, 1, 2, 3); wasm-opt runs with the matching -O flag
#   OUT    the output folder (default target/wasm-variants/LEVEL): node glue, .wasm, api.cjs
# The published build is build.sh's; this one uses its own target folder, so it does not
# disturb it. Needs what build.sh needs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LEVEL="${1:?usage: tools/build-variant.sh LEVEL [OUT]}"
OUT="${2:-$ROOT/target/wasm-variants/$LEVEL}"
WASM_BINDGEN="${WASM_BINDGEN:-wasm-bindgen}"
TARGET_DIR="$ROOT/target/wasm-variants/cargo-$LEVEL"
case "$LEVEL" in
    z) OPT=-Oz ;;
    s) OPT=-Os ;;
    *) OPT="-O$LEVEL" ;;
esac

cd "$ROOT"
CARGO_TARGET_DIR="$TARGET_DIR" CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL="$LEVEL" \
    cargo build -p o2okit-wasm --target wasm32-unknown-unknown --profile wasm-release
rm -rf "$OUT"
"$WASM_BINDGEN" --target nodejs --experimental-reset-state-function --out-dir "$OUT" \
    "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/o2okit_wasm.wasm"
printf '{\n  "type": "commonjs"\n}\n' >"$OUT/package.json"
"$HERE/node_modules/.bin/wasm-opt" "$OPT" \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    --strip-debug --strip-producers --strip-target-features \
    "$OUT/o2okit_wasm_bg.wasm" -o "$OUT/o2okit_wasm_bg.opt.wasm"
mv "$OUT/o2okit_wasm_bg.opt.wasm" "$OUT/o2okit_wasm_bg.wasm"
node "$HERE/tools/to-cjs.mjs" "$HERE/js/api.mjs" "$OUT/api.cjs"
echo "variant $LEVEL: $(wc -c <"$OUT/o2okit_wasm_bg.wasm") bytes raw, $(gzip -9 -c "$OUT/o2okit_wasm_bg.wasm" | wc -c) gzipped -> $OUT"
