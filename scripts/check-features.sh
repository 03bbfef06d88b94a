#!/usr/bin/env bash
# Every cargo feature of the core crate builds on its own and is clippy clean: no features
# (money and allocation), then each domain alone (with what it implies), then the tests of the
# storefront's feature set (the other domains' golden vectors must answer `not_in_build`).
# Lints only the library (the default build lints every target), so each step is a check,
# not a codegen: about 20-40 s each on an idle 2-core machine, the first one longest.
#
#   bash scripts/check-features.sh
#
# Prints `features: N passed, M failed` last; exits non-zero on any failure.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

features=(tz tzdb promotions groupbuy split stores membership flows vouchers intake lifecycles)
passed=0
failed=0

check() {
  local label="$1"; shift
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   ${label} ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "FAIL ${label} ($((SECONDS - start)) s)"
  fi
}

check "no default features" cargo clippy -q -p o2okit --no-default-features -- -D warnings
for feature in "${features[@]}"; do
  check "--features ${feature}" cargo clippy -q -p o2okit --no-default-features --features "$feature" -- -D warnings
done
# The storefront's features (npm `o2okit/storefront`), with its build-time zones: the unit tests
# of those domains, the golden vectors (every other function must answer `not_in_build`) and the
# money properties.
check "tests, the storefront's features" \
  cargo test -q -p o2okit --no-default-features --features promotions,groupbuy,vouchers,flows \
  --lib --test vectors --test properties

echo "features: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
