#!/usr/bin/env bash
# Build the npm package `o2okit` into bindings/wasm/pkg/:
#   pkg/node/  wasm-bindgen --target nodejs (CommonJS, loads the .wasm synchronously)
#   pkg/web/   wasm-bindgen --target web    (ES module, needs `await init()`)
# then shrink each .wasm with wasm-opt from the npm package `binaryen` (never a system
# wasm-opt: old Debian builds silently break wasm-bindgen output), check that the optimized
# modules still run, and enforce the size budget.
#
# Needs: the wasm32-unknown-unknown target, the wasm-bindgen CLI at the exact version of the
# wasm-bindgen crate in Cargo.lock, and `npm ci` already run in bindings/wasm (ci.sh does
# all three). Run from anywhere.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# Gzipped size budget of the final .wasm, in bytes (785 KB). Raised on purpose, domain by
# domain: 150 KB for the money and allocation foundation (~81 KB gzipped), 400 KB when the
# promotions engine landed (~147 KB of it the IANA time zone database: store-local happy hours
# must give the same answer in the browser as on the server), 560 KB for group-buy (~60 KB) and
# the revenue split (~93 KB), then 700 KB for store assignment (+44,379 bytes, ~2 KB of it geo's
# point-in-polygon), membership (+47,129) and order intake with price parity (+50,150, ~3 KB of
# it uuid v5 / SHA-1): 509,543 -> 651,201 bytes gzipped (see README, Size budget). The budget
# left 65,599 bytes (about 10%) of headroom; voucher codes and the four flows fit in it without a
# raise (+27,398: 652,114 -> 679,512 bytes gzipped, 49512a0 -> 60b6aef), leaving 37,288 (about 5%).
# The voucher order lifecycle on the wire (voucher_order.open/step/replay) did not fit: +44,238
# (679,512 -> 723,750), 6,950 over 700 KB, so 720 KB (737,280), leaving 13,530 (about 2%); a
# separate commit, to be reverted if the size is to be won back instead (see README, Size budget).
# The store-order lifecycle of flows 2, 3 and 4 on the wire (store_order.open/step/replay) did not
# fit either: +63,928 (723,750 -> 787,678), 50,398 over 720 KB, so 785 KB (803,840), leaving
# 16,162 (about 2%); again a separate commit, to be reverted if the size is won back instead.
BUDGET_GZIP_BYTES="${O2OKIT_WASM_BUDGET_GZIP_BYTES:-803840}"

WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
if [[ ! -x "$WASM_OPT" ]]; then
    echo "build.sh: $WASM_OPT not found: run 'npm ci' in bindings/wasm first" >&2
    exit 1
fi
WASM_BINDGEN="${WASM_BINDGEN:-wasm-bindgen}"

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
cd "$ROOT"
# The workspace profile `wasm-release` (opt-level "z", LTO, panic=abort) keeps the
# `target_features` section that wasm-bindgen reads to pick its ABI; wasm-opt strips names and
# producer data from the final module.
echo "==> cargo build (wasm32-unknown-unknown, profile wasm-release)"
cargo build -p o2okit-wasm --target wasm32-unknown-unknown --profile wasm-release
RAW="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/o2okit_wasm.wasm"

rm -rf "$HERE/pkg"
for target in node web; do
    case "$target" in
        node) bindgen_target=nodejs; module_type=commonjs ;;
        web) bindgen_target=web; module_type=module ;;
    esac
    out="$HERE/pkg/$target"
    echo "==> wasm-bindgen --target $bindgen_target -> pkg/$target"
    # --experimental-reset-state-function: export __wbg_reset_state, with which the JS wrapper
    # starts a fresh instance after a panic or a trap (js/api.mjs, test/panic.test.mjs).
    "$WASM_BINDGEN" --target "$bindgen_target" --experimental-reset-state-function \
        --out-dir "$out" "$RAW"
    # The glue is CommonJS for node and an ES module for web, whatever the root package says.
    printf '{\n  "type": "%s"\n}\n' "$module_type" >"$out/package.json"
    echo "==> wasm-opt -Oz pkg/$target/o2okit_wasm_bg.wasm"
    # Rust's wasm32 target enables these proposals by default (and wasm-bindgen 0.2.130
    # uses reference types and multi-value returns); naming them keeps wasm-opt correct even
    # if the target_features section is ever missing.
    "$WASM_OPT" -Oz \
        --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-reference-types --enable-multivalue --enable-mutable-globals \
        --strip-debug --strip-producers --strip-target-features \
        "$out/o2okit_wasm_bg.wasm" -o "$out/o2okit_wasm_bg.opt.wasm"
    mv "$out/o2okit_wasm_bg.opt.wasm" "$out/o2okit_wasm_bg.wasm"
done

# The typed wrapper is written once, as an ES module (js/api.mjs); the CommonJS copy for
# require() is derived from it.
echo "==> js/api.mjs -> pkg/node/api.cjs"
node "$HERE/tools/to-cjs.mjs" "$HERE/js/api.mjs" "$HERE/pkg/node/api.cjs"

echo "==> smoke test of the optimized modules"
node "$HERE/tools/smoke.mjs"

final="$HERE/pkg/web/o2okit_wasm_bg.wasm"
raw_bytes=$(wc -c <"$final")
gzip_bytes=$(gzip -9 -c "$final" | wc -c)
cmp -s "$final" "$HERE/pkg/node/o2okit_wasm_bg.wasm" || echo "note: node and web .wasm differ"
echo "wasm size: ${raw_bytes} bytes raw ($((raw_bytes / 1024)) KB), ${gzip_bytes} bytes gzipped ($((gzip_bytes / 1024)) KB); budget ${BUDGET_GZIP_BYTES} bytes gzipped"
if ((gzip_bytes > BUDGET_GZIP_BYTES)); then
    echo "build.sh: the gzipped .wasm (${gzip_bytes} bytes) is over the budget of ${BUDGET_GZIP_BYTES} bytes" >&2
    exit 1
fi
