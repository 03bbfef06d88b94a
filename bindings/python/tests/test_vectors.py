"""Every golden vector in testdata/vectors/*.json, through the idiomatic Python API.

Cases marked ``wire_only`` (raw JSON the idiomatic API cannot express) go through
``o2okit.call``. Every case is also run through ``o2okit.call`` in a second test, so the
wire path of this binding is checked against the same expectations.

Promotion, coupon and group-buy inputs are turned into the Python values a caller would pass
(`Money` for money objects, `Decimal` for decimal fields, aware `datetime` for RFC 3339 times)
before they go through `o2okit.quote`, the coupon functions or the group-buy functions
(`groupbuy.simulate` through the analyst's helper `simulate_teams`). Revenue-split,
store-assignment, membership, intake, voucher and flow inputs are converted the same way and go
through the wrappers (`o2okit.split`, `o2okit.assign`, `o2okit.card_replay`, `o2okit.normalize`,
`o2okit.issue_code`, `o2okit.classify`, ...); a voucher key goes in as `bytes` when it is hex.

Every result is a record: each of its fields is read (recursively) and checked against its kind
(`record_walk.walk`: `Money`, `Decimal`, aware `datetime`, records, and no time left as a
string), and its `to_dict()` is compared with `expected`.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

import o2okit
from o2okit import Money, O2OError, Record, allocate, currency
from record_walk import walk

VECTORS = Path(__file__).resolve().parent / ".." / ".." / ".." / "testdata" / "vectors"
# Every vector file and the fewest cases it may hold (shared with the Rust and JS runners).
MANIFEST = VECTORS.parent / "vector-files.json"

# The core's decimal grammar. A string outside it ("1,5", "") is passed through as a str so
# that the core, not Python's more lenient Decimal(), judges it.
DECIMAL_RE = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")

CATEGORY_CLASSES = {
    "currency": o2okit.CurrencyError,
    "money": o2okit.MoneyError,
    "allocation": o2okit.AllocationError,
    "promotion": o2okit.PromotionError,
    "groupbuy": o2okit.GroupBuyError,
    "split": o2okit.SplitError,
    "store": o2okit.StoreError,
    "membership": o2okit.MembershipError,
    "intake": o2okit.IntakeError,
    "voucher": o2okit.VoucherError,
    "flow": o2okit.FlowError,
    "lifecycle": o2okit.LifecycleError,
    "input": o2okit.InputError,
}


def load_cases() -> list[dict[str, Any]]:
    files = sorted(VECTORS.glob("*.json"))
    assert files, f"no vector files in {VECTORS}"
    cases: list[dict[str, Any]] = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            case = dict(case)
            case["file"] = path.name
            cases.append(case)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    return cases


CASES = load_cases()


def dec(value: Any) -> Any:
    """A JSON decimal as Python: decimal strings -> Decimal, JSON integers stay int."""
    if isinstance(value, str) and DECIMAL_RE.fullmatch(value):
        return Decimal(value)
    return value


def money(value: dict[str, Any]) -> Money:
    amount = value["amount"]
    return Money(dec(amount) if isinstance(amount, str) else amount, value["currency"])


def only(inp: dict[str, Any], *allowed: str) -> dict[str, Any]:
    unexpected = set(inp) - set(allowed)
    assert not unexpected, f"input fields the idiomatic runner does not map: {unexpected}"
    return inp


def rounding_kwargs(inp: dict[str, Any]) -> dict[str, Any]:
    return {"rounding": inp["rounding"]} if "rounding" in inp else {}


def run_allocate(inp: dict[str, Any]) -> Any:
    only(inp, "total", "weights", "caps", "step")
    caps = inp.get("caps")
    return allocate(
        money(inp["total"]),
        [dec(w) for w in inp["weights"]],
        caps=None if caps is None else [None if c is None else money(c) for c in caps],
        step=dec(inp["step"]) if "step" in inp else None,
    )


def run_currency(inp: dict[str, Any]) -> Any:
    c = currency(only(inp, "code")["code"])
    return {"code": c.code, "minor_units": c.minor_units, "name": c.name}


def run_parse(inp: dict[str, Any]) -> Any:
    only(inp, "amount", "currency", "rounding")
    return Money.parse(inp["amount"], inp["currency"], inp.get("rounding")).to_dict()


def run_add(inp: dict[str, Any]) -> Any:
    only(inp, "a", "b")
    return (money(inp["a"]) + money(inp["b"])).to_dict()


def run_sub(inp: dict[str, Any]) -> Any:
    only(inp, "a", "b")
    return (money(inp["a"]) - money(inp["b"])).to_dict()


def run_multiply(inp: dict[str, Any]) -> Any:
    only(inp, "money", "factor", "rounding")
    return money(inp["money"]).multiply(dec(inp["factor"]), **rounding_kwargs(inp)).to_dict()


def run_round_to_step(inp: dict[str, Any]) -> Any:
    only(inp, "money", "step", "rounding")
    return money(inp["money"]).round_to_step(dec(inp["step"]), **rounding_kwargs(inp)).to_dict()


# RFC 3339 times that an aware datetime writes back exactly (at most microseconds).
TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})")
# Wire fields that hold a decimal (as opposed to ids and labels, which stay str).
DECIMAL_FIELDS = {"quantity", "percent", "min_quantity"}


def pythonic(value: Any, key: str = "") -> Any:
    """A wire value as the Python values a caller would pass: money objects -> Money,
    decimal fields -> Decimal, RFC 3339 times -> aware datetime. Values the core must reject
    (bad amounts, malformed decimals) are left as they are so that the core judges them."""
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"} and isinstance(value["amount"], str):
            try:
                return Money.from_dict(value)
            except O2OError:
                return value
        return {k: pythonic(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [pythonic(v, key) for v in value]
    if isinstance(value, str):
        if key in DECIMAL_FIELDS and DECIMAL_RE.fullmatch(value) and str(Decimal(value)) == value:
            return Decimal(value)
        if TIME_RE.fullmatch(value):
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def run_quote(inp: dict[str, Any]) -> Any:
    args = pythonic(inp)
    if set(args) <= {"cart", "promotions", "context"} and {"cart", "context"} <= set(args):
        result = o2okit.quote(args["cart"], args.get("promotions", []), args["context"])
    else:
        result = o2okit.quote_request(args)
    return result


def held_coupon(value: Any) -> Any:
    """A wire coupon record as a HeldCoupon (left as it is if the core must reject it)."""
    try:
        return o2okit.HeldCoupon.from_dict(value)
    except O2OError:
        return value


def run_coupon_redeem(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "coupon", "order_id", "amount", "customer_id", "now"))
    return o2okit.redeem_coupon(
        held_coupon(args["coupon"]),
        args["order_id"],
        args["amount"],
        now=args["now"],
        customer_id=args.get("customer_id"),
    )


def run_coupon_rollback(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "coupon", "order_id", "amount"))
    return o2okit.rollback_coupon(held_coupon(args["coupon"]), args["order_id"], args.get("amount"))


def run_coupon_validate(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "coupon", "cart", "promotions", "context"))
    return o2okit.validate_coupon(
        held_coupon(args["coupon"]), args["cart"], args.get("promotions", []), args["context"]
    )


def groupbuy_state(value: Any) -> Any:
    """A wire state as a GroupBuyState (left as it is if the core must reject it)."""
    try:
        return o2okit.GroupBuyState.from_dict(value)
    except O2OError:
        return value


def run_groupbuy_open(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "campaign"))
    return o2okit.groupbuy_open(args["campaign"])


def run_groupbuy_step(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "state", "event", "now"))
    return o2okit.groupbuy_step(groupbuy_state(args["state"]), args["event"], args["now"])


def run_groupbuy_replay(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "campaign", "events"))
    return o2okit.groupbuy_replay(args["campaign"], args.get("events", []))


def run_groupbuy_progress(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "state", "now"))
    return o2okit.groupbuy_progress(groupbuy_state(args["state"]), args["now"])


def run_groupbuy_simulate(inp: dict[str, Any]) -> Any:
    """Through `simulate_teams`: a team with an opening becomes ``(opened_at, joins)`` (join
    times as aware datetimes, offsets as ints), one without a list of int offsets."""
    args = pythonic(only(inp, "sizes", "window_seconds", "virtual_fill", "target_success_rate", "teams"))
    teams: list[Any] = []
    for team in args["teams"]:
        only(team, "opened_at", "join_times", "join_offsets")
        joins = [*team.get("join_times", []), *team.get("join_offsets", [])]
        teams.append((team["opened_at"], joins) if "opened_at" in team else joins)
    fill = args.get("virtual_fill")
    return o2okit.simulate_teams(
        teams,
        sizes=args["sizes"],
        window=args["window_seconds"],
        virtual_fill=None if fill is None else fill["min_real"],
        target_success_rate=dec(args.get("target_success_rate")),
    )


def run_split(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "order", "plan"))
    return o2okit.split(args["order"], args["plan"])


def run_split_batch(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "plan", "orders"))
    return o2okit.split_batch(args["plan"], args["orders"])


def run_split_refund(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "order", "plan", "refunded_before", "refund", "at", "delivered", "policy"))
    return o2okit.split_refund(
        args["order"],
        args["plan"],
        args["refund"],
        args["at"],
        refunded_before=args.get("refunded_before"),
        delivered=args.get("delivered"),
        policy=args.get("policy"),
    )


def run_split_pool(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "pool", "members_percent", "keeper", "members"))
    return o2okit.split_pool(args["pool"], args["members_percent"], args["keeper"], args["members"])


def run_attribute(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "pool", "journey", "converted_at", "model"))
    return o2okit.attribute(args["pool"], args["journey"], args["converted_at"], args["model"])


def run_attribute_shapley(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "journeys", "game", "pool"))
    return o2okit.attribute_shapley(args["journeys"], game=args.get("game"), pool=args.get("pool"))


def run_bind(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "events", "rule", "now"))
    return o2okit.bind(args["events"], args["rule"], args["now"])


def run_settle(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "lines", "period", "time_zone"))
    return o2okit.settle(args["lines"], period=args.get("period"), time_zone=args.get("time_zone"))


def run_store_assign(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "order", "stores", "now", "policy"))
    return o2okit.assign(args["order"], args["stores"], args["now"], args.get("policy"))


def run_card_apply(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "card", "rules", "event", "at"))
    return o2okit.card_apply(args["card"], args["event"], args["at"], rules=args.get("rules"))


def run_card_replay(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "card", "rules", "events"))
    return o2okit.card_replay(args["card"], args.get("events", []), rules=args.get("rules"))


def run_points_replay(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "program", "events", "until"))
    return o2okit.points_replay(args["program"], args.get("events", []), until=args.get("until"))


def run_points_redeem(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "state", "program", "points", "at", "order_id"))
    return o2okit.points_redeem(
        args["state"], args["program"], args["points"], args["at"], order_id=args.get("order_id")
    )


def run_order_normalize(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "source", "payload", "seen"))
    return o2okit.normalize(args["source"], args["payload"], args.get("seen"))


def run_price_parity(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "observations", "tolerance", "reference"))
    return o2okit.price_parity(
        args["observations"], tolerance=args.get("tolerance"), reference=args.get("reference")
    )


def voucher_key(value: Any) -> Any:
    """A wire hex key as the bytes a caller would hold (left as it is if not hex, so that
    the core judges it)."""
    try:
        return bytes.fromhex(value)
    except (TypeError, ValueError):
        return value


def run_voucher_issue(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "key", "serial", "spec", "scope"))
    return o2okit.issue_code(voucher_key(args["key"]), args["serial"], spec=args.get("spec"), scope=args.get("scope"))


def run_voucher_issue_batch(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "key", "first_serial", "count", "spec", "scope"))
    return o2okit.issue_codes(
        voucher_key(args["key"]), args["first_serial"], args["count"], spec=args.get("spec"), scope=args.get("scope")
    )


def run_voucher_verify(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "key", "code", "now", "spec", "scope"))
    return o2okit.verify_code(
        voucher_key(args["key"]), args["code"], args["now"], spec=args.get("spec"), scope=args.get("scope")
    )


def run_voucher_order_open(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "deal", "order_id", "customer_id"))
    return o2okit.voucher_order_open(args["deal"], args["order_id"], args["customer_id"])


def run_voucher_order_step(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "state", "deal", "command", "now"))
    return o2okit.voucher_order_step(args["state"], args["deal"], args["command"], args["now"])


def run_voucher_order_replay(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "deal", "order_id", "customer_id", "commands"))
    return o2okit.voucher_order_replay(
        args["deal"], args["order_id"], args["customer_id"], args.get("commands", [])
    )


def run_store_order_open(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "policy", "order_id", "customer_id"))
    return o2okit.store_order_open(args["policy"], args["order_id"], args["customer_id"])


def run_store_order_step(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "state", "policy", "command", "now"))
    return o2okit.store_order_step(args["state"], args["policy"], args["command"], args["now"])


def run_store_order_replay(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "policy", "order_id", "customer_id", "commands"))
    return o2okit.store_order_replay(
        args["policy"], args["order_id"], args["customer_id"], args.get("commands", [])
    )


def run_flow_classify(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "touchpoints"))
    return o2okit.classify(args["touchpoints"])


def run_flow_definition(inp: dict[str, Any]) -> Any:
    return o2okit.flow_definition(only(inp, "flow")["flow"])


def run_allocate_batch(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "requests", "detail"))
    return o2okit.allocate_batch(args["requests"], **({"detail": args["detail"]} if "detail" in args else {}))


def run_quote_batch(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "carts", "promotions", "context"))
    return o2okit.quote_batch(args["carts"], args.get("promotions", []), args["context"])


def run_groupbuy_progress_batch(inp: dict[str, Any]) -> Any:
    args = pythonic(only(inp, "states", "now"))
    return o2okit.groupbuy_progress_batch(args["states"], args["now"])


RUNNERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "allocate": run_allocate,
    "allocate.batch": run_allocate_batch,
    "currency": run_currency,
    "money.parse": run_parse,
    "money.add": run_add,
    "money.sub": run_sub,
    "money.multiply": run_multiply,
    "money.round_to_step": run_round_to_step,
    "quote": run_quote,
    "quote.batch": run_quote_batch,
    "coupon.redeem": run_coupon_redeem,
    "coupon.rollback": run_coupon_rollback,
    "coupon.validate": run_coupon_validate,
    "groupbuy.open": run_groupbuy_open,
    "groupbuy.step": run_groupbuy_step,
    "groupbuy.replay": run_groupbuy_replay,
    "groupbuy.progress": run_groupbuy_progress,
    "groupbuy.progress_batch": run_groupbuy_progress_batch,
    "groupbuy.simulate": run_groupbuy_simulate,
    "split": run_split,
    "split.batch": run_split_batch,
    "split.refund": run_split_refund,
    "split.pool": run_split_pool,
    "attribute": run_attribute,
    "attribute.shapley": run_attribute_shapley,
    "bind": run_bind,
    "settle": run_settle,
    "store.assign": run_store_assign,
    "card.apply": run_card_apply,
    "card.replay": run_card_replay,
    "points.replay": run_points_replay,
    "points.redeem": run_points_redeem,
    "order.normalize": run_order_normalize,
    "price.parity": run_price_parity,
    "voucher.issue": run_voucher_issue,
    "voucher.issue_batch": run_voucher_issue_batch,
    "voucher.verify": run_voucher_verify,
    "flow.classify": run_flow_classify,
    "flow.definition": run_flow_definition,
    "voucher_order.open": run_voucher_order_open,
    "voucher_order.step": run_voucher_order_step,
    "voucher_order.replay": run_voucher_order_replay,
    "store_order.open": run_store_order_open,
    "store_order.step": run_store_order_step,
    "store_order.replay": run_store_order_replay,
}


# The functions that replay an event log: their errors carry `details["event_index"]`.
REPLAYS = {
    "groupbuy.replay",
    "card.replay",
    "points.replay",
    "voucher_order.replay",
    "store_order.replay",
}


def check(case: dict[str, Any], run: Callable[[], Any]) -> None:
    if "error" in case:
        assert "expected" not in case, "a case has either `expected` or `error`"
        with pytest.raises(O2OError) as info:
            run()
        err = info.value
        assert err.code == case["error"], str(err)
        assert str(err), "an error must carry a message"
        details: dict[str, Any] = {"code": err.code, "category": err.category, "message": str(err)}
        if "event_index" in err.details:
            # Only an event of a replayed log is rejected at a position.
            assert case["function"] in REPLAYS, err.details
            assert isinstance(err.details["event_index"], int)
            details["event_index"] = err.details["event_index"]
        assert err.details == details
        assert isinstance(err, CATEGORY_CLASSES[err.category])
    else:
        assert "expected" in case, "a case needs `expected` or `error`"
        result = run()
        if isinstance(result, Record):
            assert walk(result) > 0
            result = result.to_dict()
        elif isinstance(result, list) and all(isinstance(r, Record) for r in result):
            for r in result:
                walk(r)
            result = [r.to_dict() for r in result]
        assert result == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case: dict[str, Any]) -> None:
    function = case["function"]
    if case.get("wire_only"):
        check(case, lambda: o2okit.call(function, case["input"]))
        return
    runner = RUNNERS.get(function)
    if runner is None:
        pytest.fail(f"{case['file']}: no idiomatic runner for function {function!r}")
    check(case, lambda: runner(case["input"]))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector_via_call(case: dict[str, Any]) -> None:
    check(case, lambda: o2okit.call(case["function"], json.dumps(case["input"])))


def test_every_vector_file_is_there_with_its_cases() -> None:
    minimum: dict[str, int] = json.loads(MANIFEST.read_text(encoding="utf-8"))["min_cases"]
    found = {p.name: len(json.loads(p.read_text(encoding="utf-8"))["cases"]) for p in VECTORS.glob("*.json")}
    assert set(found) == set(minimum), "the vector files and testdata/vector-files.json disagree"
    for name, fewest in minimum.items():
        assert found[name] >= fewest, f"{name} holds {found[name]} cases, fewer than {fewest}"


def test_every_function_has_a_runner() -> None:
    assert set(RUNNERS) == set(o2okit.FUNCTIONS)
