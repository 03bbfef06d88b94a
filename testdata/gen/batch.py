# Builds testdata/vectors/batch.json (run: python3 testdata/gen/batch.py; `--check` only
# compares the file with what it would write, and fails when they differ).
#
# The batch functions (allocate.batch, quote.batch, groupbuy.progress_batch) promise, item by
# item, exactly what the single call gives. So their expected outputs are not computed here:
# each item's expected value is taken from the single-call golden vector of the same input
# (allocate.json, quote.json, groupbuy.json, whose expectations come from hand arithmetic), and
# each failing item's code from the single-call case that fails with it. The messages of the
# failing items are the core's error texts, written out by hand below from the `#[error(...)]`
# attributes of crates/o2okit/src/error.rs (and the field and reason the core names).
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors")
OUT = os.path.join(VECTORS, "batch.json")


def cases_of(file):
    with open(os.path.join(VECTORS, file), encoding="utf-8") as f:
        return {c["name"]: c for c in json.load(f)["cases"]}


ALLOCATE = cases_of("allocate.json")
QUOTE = cases_of("quote.json")
GROUPBUY = cases_of("groupbuy.json")

CATEGORY = {
    "zero_weights": "allocation",
    "negative_weight": "allocation",
    "number_for_money": "money",
    "invalid_quantity": "input",
    "invalid_input": "input",
    "unknown_time_zone": "promotion",
    "duplicate_id": "input",
}


def item_error(single, message):
    """The error item for an input whose single call is the case `single`."""
    code = single["error"]
    return {"error": {"code": code, "category": CATEGORY[code], "message": message}}


cases = []


def case(name, function, input, expected=None, error=None, wire_only=False):
    c = {"name": name, "function": function, "input": input}
    if wire_only:
        c["wire_only"] = True
    if error is not None:
        c["error"] = error
    else:
        c["expected"] = expected
    cases.append(c)


# allocate.batch ---------------------------------------------------------------------------
ok = ["allocate-cny-99.99-75-25", "allocate-jpy-100-thirds", "allocate-cash-step-chf", "allocate-caps-cascade"]
zero = ALLOCATE["allocate-error-all-zero"]
negative = ALLOCATE["allocate-error-negative-weight"]
number = ALLOCATE["allocate-error-json-number-for-money"]
assert [zero["error"], negative["error"], number["error"]] == ["zero_weights", "negative_weight", "number_for_money"]
zero_msg = f"all {len(zero['input']['weights'])} weights are zero: at least one weight must be positive"
neg_index, neg_weight = next((i, w) for i, w in enumerate(negative["input"]["weights"]) if str(w).startswith("-"))
negative_msg = f"weight #{neg_index} is negative ({neg_weight}): weights must be zero or positive"
found = number["input"]["total"]["amount"]
number_msg = (
    f"money amount must be an exact decimal, not a binary number (got {found}); "
    f"pass it as a string like \"{found}\" (or a decimal.Decimal in Python)"
)

requests = [ALLOCATE[n]["input"] for n in ok[:2]] + [zero["input"]] + [ALLOCATE[n]["input"] for n in ok[2:]]
case(
    "allocate-batch-full-results-in-order-with-an-error-in-the-middle",
    "allocate.batch",
    {"requests": requests},
    {
        "results": [{"allocation": ALLOCATE[n]["expected"]} for n in ok[:2]]
        + [item_error(zero, zero_msg)]
        + [{"allocation": ALLOCATE[n]["expected"]} for n in ok[2:]]
    },
)


def amounts(name):
    return [p["amount"]["amount"] for p in ALLOCATE[name]["expected"]["parts"]]


case(
    "allocate-batch-amounts-only",
    "allocate.batch",
    {"detail": "amounts", "requests": [ALLOCATE[n]["input"] for n in ok] + [negative["input"]]},
    {"results": [{"amounts": amounts(n)} for n in ok] + [item_error(negative, negative_msg)]},
)
# A request that does not decode (a JSON number for money) fails alone, with the code its
# single call gives; the others are still allocated.
case(
    "allocate-batch-a-request-that-does-not-decode-fails-alone",
    "allocate.batch",
    {"detail": "amounts", "requests": [ALLOCATE[ok[0]]["input"], number["input"], ALLOCATE[ok[1]]["input"]]},
    {"results": [{"amounts": amounts(ok[0])}, item_error(number, number_msg), {"amounts": amounts(ok[1])}]},
)
case("allocate-batch-empty", "allocate.batch", {"requests": []}, {"results": []})
case(
    "allocate-batch-error-unknown-detail",
    "allocate.batch",
    {"detail": "parts", "requests": [ALLOCATE[ok[0]]["input"]]},
    error="invalid_json",
)
case("allocate-batch-error-requests-not-a-list", "allocate.batch", {"requests": ALLOCATE[ok[0]]["input"]}, error="invalid_json", wire_only=True)

# quote.batch ------------------------------------------------------------------------------
tiers = ["quote-threshold-tiers-below-first-tier", "quote-threshold-tiers-between-with-upsell-hint", "quote-threshold-tiers-above-top-tier"]
shared = QUOTE[tiers[0]]["input"]
for n in tiers:
    assert QUOTE[n]["input"]["promotions"] == shared["promotions"] and QUOTE[n]["input"]["context"] == shared["context"]
negative_qty = QUOTE["quote-error-negative-quantity"]
empty = QUOTE["quote-error-empty-cart"]
price_number = QUOTE["quote-error-json-number-for-price"]
line = negative_qty["input"]["cart"]["lines"][0]
negative_qty_msg = (
    f"invalid quantity {line['quantity']} on line \"{line['id']}\": a quantity must be a positive integer, "
    "or a positive decimal for weighed goods"
)
empty_msg = "invalid cart.lines: a cart needs at least one line"
price = price_number["input"]["cart"]["lines"][0]["unit_price"]["amount"]
price_number_msg = (
    f"money amount must be an exact decimal, not a binary number (got {price}); "
    f"pass it as a string like \"{price}\" (or a decimal.Decimal in Python)"
)
case(
    "quote-batch-three-carts-under-one-set-of-tiers",
    "quote.batch",
    {"carts": [QUOTE[n]["input"]["cart"] for n in tiers], "promotions": shared["promotions"], "context": shared["context"]},
    {"results": [{"quote": QUOTE[n]["expected"]} for n in tiers]},
)
case(
    "quote-batch-bad-carts-fail-alone",
    "quote.batch",
    {
        "carts": [
            QUOTE[tiers[1]]["input"]["cart"],
            negative_qty["input"]["cart"],
            empty["input"]["cart"],
            price_number["input"]["cart"],
            QUOTE[tiers[2]]["input"]["cart"],
        ],
        "promotions": shared["promotions"],
        "context": shared["context"],
    },
    {
        "results": [
            {"quote": QUOTE[tiers[1]]["expected"]},
            item_error(negative_qty, negative_qty_msg),
            item_error(empty, empty_msg),
            item_error(price_number, price_number_msg),
            {"quote": QUOTE[tiers[2]]["expected"]},
        ]
    },
)
# Each cart's result is what `quote(cart, promotions, context)` gives, so an error that comes
# from the shared promotions (here two promotions with one id) shows in every cart's result;
# a context or promotion that does not decode fails the batch as a whole. (The error is one
# whose message is the same in every build: an unknown time zone's message names the build's
# zones, which differ between the full build and the storefront's.)
dup_case = QUOTE["quote-error-duplicate-promotion-id"]
bad_dup = dup_case["input"]
dup_id = bad_dup["promotions"][0]["id"]
dup_msg = f"duplicate promotion id \"{dup_id}\": ids must be unique"
case(
    "quote-batch-an-error-of-the-shared-promotions-shows-in-every-result",
    "quote.batch",
    {"carts": [bad_dup["cart"], QUOTE[tiers[0]]["input"]["cart"]], "promotions": bad_dup["promotions"], "context": bad_dup.get("context", {})},
    {"results": [item_error(dup_case, dup_msg)] * 2},
)
case("quote-batch-error-missing-context", "quote.batch", {"carts": [QUOTE[tiers[0]]["input"]["cart"]]}, error="invalid_json", wire_only=True)

# groupbuy.progress_batch ------------------------------------------------------------------
for single in ["groupbuy-progress-tipping-deal-on", "groupbuy-progress-team-2-more-people-within-3h12"]:
    c = GROUPBUY[single]
    state = c["input"]["state"]
    # The same state with a JSON number for a price paid: it fails alone.
    broken = copy.deepcopy(state)
    broken["participations"][0]["price"]["amount"] = 12.5
    found = "12.5"
    msg = (
        f"money amount must be an exact decimal, not a binary number (got {found}); "
        f"pass it as a string like \"{found}\" (or a decimal.Decimal in Python)"
    )
    case(
        single.replace("groupbuy-progress-", "groupbuy-progress-batch-"),
        "groupbuy.progress_batch",
        {"states": [state, broken, state], "now": c["input"]["now"]},
        {
            "results": [
                {"progress": c["expected"]},
                {"error": {"code": "number_for_money", "category": "money", "message": msg}},
                {"progress": c["expected"]},
            ]
        },
    )
case(
    "groupbuy-progress-batch-error-now-without-offset",
    "groupbuy.progress_batch",
    {"states": [GROUPBUY["groupbuy-progress-tipping-deal-on"]["input"]["state"]], "now": "2026-11-29"},
    error="invalid_json",
)

doc = {
    "description": "Batch forms (allocate.batch, quote.batch, groupbuy.progress_batch): one call for many "
    "items, each result exactly the single call's value or error. Generated by testdata/gen/batch.py from "
    "the single-call vectors of allocate.json, quote.json and groupbuy.json.",
    "cases": cases,
}
text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
if "--check" in sys.argv:
    with open(OUT, encoding="utf-8") as f:
        if f.read() != text:
            sys.exit(f"{OUT} is stale: run python3 testdata/gen/batch.py")
    print(f"{OUT}: up to date ({len(cases)} cases)")
else:
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT} ({len(cases)} cases)")
