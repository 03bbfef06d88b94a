#!/usr/bin/env bash
# Measure rustc opt-level `s`, `z` and `3` for both npm builds: gzipped size of the final .wasm
# (after wasm-opt at the matching level) and the raw `call` speed of quote (20 lines, 10
# promotions) and allocate in Node (tools/opt-levels-bench.mjs). Not part of CI: six release
# builds take 30-60 minutes on a busy 2-core machine. Output: one table row per build and level.
#
# Usage: bash bindings/wasm/tools/opt-levels.sh [levels...]   (default: s z 3)
#        OPT_LEVELS_BUILDS="storefront" bash ...               (default: "full storefront")
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${OPT_LEVELS_OUT:-$TARGET_DIR/opt-levels}"
levels=("${@:-s z 3}")
read -r -a levels <<<"${levels[*]}"
cd "$ROOT"
mkdir -p "$OUT"

printf '%-18s %-5s %10s %10s %10s %12s\n' build level raw_bytes gzip_bytes quote_us allocate_us
for level in "${levels[@]}"; do
    for build in ${OPT_LEVELS_BUILDS:-full storefront}; do
        case "$build" in
            full) profile=wasm-release; features=() ;;
            storefront) profile=wasm-storefront; features=(--no-default-features --features storefront) ;;
        esac
        env_name="CARGO_PROFILE_$(echo "$profile" | tr 'a-z-' 'A-Z_')_OPT_LEVEL"
        env "$env_name=$level" cargo build -q -p o2okit-wasm --target wasm32-unknown-unknown \
            --profile "$profile" "${features[@]}" >&2
        dir="$OUT/$build-$level"
        rm -rf "$dir"
        wasm-bindgen --target nodejs --out-dir "$dir" \
            "$TARGET_DIR/wasm32-unknown-unknown/$profile/o2okit_wasm.wasm"
        printf '{\n  "type": "commonjs"\n}\n' >"$dir/package.json"
        "$WASM_OPT" "-O$level" \
            --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
            --enable-reference-types --enable-multivalue --enable-mutable-globals \
            --strip-debug --strip-producers --strip-target-features \
            "$dir/o2okit_wasm_bg.wasm" -o "$dir/opt.wasm"
        mv "$dir/opt.wasm" "$dir/o2okit_wasm_bg.wasm"
        raw=$(wc -c <"$dir/o2okit_wasm_bg.wasm")
        gz=$(gzip -9 -c "$dir/o2okit_wasm_bg.wasm" | wc -c)
        read -r quote alloc < <(node "$HERE/tools/opt-levels-bench.mjs" "$dir/o2okit_wasm.js" |
            sed -E 's/quote_us=([0-9.]+) allocate_us=([0-9.]+)/\1 \2/')
        printf '%-18s %-5s %10d %10d %10s %12s\n' "$build" "$level" "$raw" "$gz" "$quote" "$alloc"
    done
done
