"""The columnar split (o2okit.batch.split / split_stream) against the row-wise o2okit.split:
identical results bit for bit, over generated and random batches; every input form (pyarrow,
polars, pandas, streams, text and dictionary columns); typed errors naming the column; an
error code per bad row, none dropped; bounded streaming; the GIL released."""

from __future__ import annotations

import pickle
import threading
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Optional

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import o2okit  # noqa: E402
from o2okit import InputError, Money, MoneyError, SplitError, batch, datasets  # noqa: E402

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 22, 12, 0, tzinfo=CST)
MONEY = pa.decimal128(18, 2)
TS = pa.timestamp("us", tz="Asia/Shanghai")
PLAN = datasets.plan()

DISCOUNT = pa.struct([("promotion_id", pa.string()), ("amount", MONEY), ("funded_by_role", pa.string()),
                      ("funded_by_party_id", pa.string()), ("on", pa.string())])
TOUCH = pa.struct([("channel", pa.string()), ("party_id", pa.string()), ("stage", pa.string()), ("at", TS)])
PARTY = pa.struct([("role", pa.string()), ("party_id", pa.string())])
SCHEMA = pa.schema([
    ("order_id", pa.string()), ("at", TS), ("paid", MONEY), ("delivery_fee", MONEY), ("cost", MONEY),
    ("party_store", pa.string()), ("party_store_staff", pa.string()),
    ("parties", pa.list_(PARTY)), ("discounts", pa.list_(DISCOUNT)), ("journey", pa.list_(TOUCH)),
])


def order_dict(row: dict[str, Any], currency: str = "CNY") -> dict[str, Any]:
    """One input row as the row-wise SplitOrder mapping (the same values, the same order)."""
    order: dict[str, Any] = {"id": row["order_id"], "at": row["at"]}
    if row.get("paid") is not None:
        order["paid"] = Money(row["paid"], currency)
    for name in ("delivery_fee", "cost"):
        if row.get(name) is not None:
            order[name] = Money(row[name], currency)
    parties = [{"role": k[len("party_"):], "party_id": v}
               for k, v in row.items() if k.startswith("party_") and v is not None]
    parties += [dict(p) for p in row.get("parties") or []]
    if parties:
        order["parties"] = parties
    discounts = []
    for d in row.get("discounts") or []:
        funded: dict[str, Any] = {"role": d["funded_by_role"]}
        if d.get("funded_by_party_id") is not None:
            funded["party_id"] = d["funded_by_party_id"]
        item = {"promotion_id": d["promotion_id"], "amount": Money(d["amount"], currency), "funded_by": funded}
        if d.get("on") is not None:
            item["on"] = d["on"]
        discounts.append(item)
    if discounts:
        order["discounts"] = discounts
    journey = []
    for t in row.get("journey") or []:
        touch = {"channel": t["channel"], "party_id": t["party_id"], "at": t["at"]}
        if t.get("stage") is not None:
            touch["stage"] = t["stage"]
        journey.append(touch)
    if journey:
        order["journey"] = journey
    return order


def row_wise(table: Any, plan: Any) -> list[tuple[Optional[dict[str, Any]], Optional[str]]]:
    """(ledger, None) or (None, error code) for every row, by o2okit.split."""
    out = []
    for row in table.to_pylist():
        try:
            out.append((o2okit.split(order_dict(row), plan).to_dict(), None))
        except o2okit.O2OError as e:
            out.append((None, e.code))
    return out


def long_lines(long: Any) -> dict[str, list[tuple[Any, ...]]]:
    lines: dict[str, list[tuple[Any, ...]]] = {}
    for r in long.to_pylist():
        key = r["order_id"]
        if r["error_code"] is not None:
            lines.setdefault(key, []).append(("error", r["error_code"]))
            continue
        lines.setdefault(key, []).append((
            r["kind"], r["rule"], r["party_id"], r["role"], r["base"],
            r["base_amount"], r["touchpoint"], r["channel"], r["amount"],
        ))
    return lines


def ledger_lines(ledger: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(
        l["kind"], l["rule"], l["party_id"], l["role"], l.get("base"),
        Decimal(l["base_amount"]["amount"]) if "base_amount" in l else None,
        l.get("touchpoint"), l.get("channel"), Decimal(l["amount"]["amount"]),
    ) for l in ledger["lines"]]


def assert_same_as_row_wise(table: Any, plan: Any) -> None:
    expected = row_wise(table, plan)
    long = long_lines(batch.split(table, plan, currency="CNY", shape="long"))
    wide = batch.split(table, plan, currency="CNY").to_pylist()
    rules = [r["id"] for r in plan["rules"]]
    assert len(wide) == table.num_rows
    for row, w, (ledger, code) in zip(table.to_pylist(), wide, expected):
        assert w["order_id"] == row["order_id"]
        if code is not None:
            assert w["error_code"] == code
            assert all(w[c] is None for c in [*rules, "remainder", "subsidies"])
            assert long[row["order_id"]] == [("error", code)]
            continue
        assert w["error_code"] is None and w["error_message"] is None
        assert long[row["order_id"]] == ledger_lines(ledger)
        sums = {c: Decimal("0.00") for c in [*rules, "remainder", "subsidies"]}
        for l in ledger["lines"]:
            column = l["rule"] if l["kind"] == "rule" else ("remainder" if l["kind"] == "remainder" else "subsidies")
            sums[column] += Decimal(l["amount"]["amount"])
        assert {c: w[c] for c in sums} == sums
        assert sum(sums.values()) == Decimal(ledger["paid"]["amount"])


def test_generated_orders_match_the_row_wise_split() -> None:
    table = datasets.orders(1500, seed=3, batch_size=700)
    assert_same_as_row_wise(table, PLAN)


def test_wide_by_role_sums_the_lines_of_each_role() -> None:
    table = datasets.orders(800, seed=5)
    wide = batch.split(table, PLAN, currency="CNY", by="role").to_pylist()
    roles = batch.split_columns(PLAN, by="role")
    assert roles == ["payment_processor", "platform", "logistics", "marketing", "store", "store_staff",
                     "merchant", "other_roles"]
    for row, w in zip(table.to_pylist(), wide):
        ledger = o2okit.split(order_dict(row), PLAN).to_dict()
        sums = {r: Decimal("0.00") for r in roles}
        for l in ledger["lines"]:
            sums[l["role"] if l["role"] in sums else "other_roles"] += Decimal(l["amount"]["amount"])
        assert {r: w[r] for r in roles} == sums


def test_money_columns_are_exact_decimals_at_the_currency_scale() -> None:
    out = batch.split(datasets.orders(10), PLAN, currency="CNY")
    for name in batch.split_columns(PLAN):
        assert out.schema.field(name).type == pa.decimal128(38, 2)
    jpy = {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "p"}, "base": "gross_paid",
                      "pay": {"type": "percent", "percent": "10"}}], "remainder": {"role": "merchant", "party_id": "m"}}
    t = pa.table({"order_id": ["a"], "at": pa.array([T0], TS), "paid": pa.array([Decimal("1005")], pa.decimal128(10, 0))})
    out = batch.split(t, jpy, currency="JPY")
    assert out.schema.field("platform").type == pa.decimal128(38, 0)
    assert out.column("platform").to_pylist() == [Decimal("100")]  # 100.5 rounds half-even
    assert out.column("remainder").to_pylist() == [Decimal("905")]


def simple_table(**columns: Any) -> Any:
    base = {
        "order_id": ["o-1", "o-2", "o-3"],
        "at": pa.array([T0, T0, T0], TS),
        "paid": pa.array([Decimal("100.00"), Decimal("-1.00"), Decimal("50.00")], MONEY),
    }
    base.update(columns)
    return pa.table(base)


SIMPLE = {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "mall"}, "base": "gross_paid",
                     "pay": {"type": "percent", "percent": "8"}}],
          "remainder": {"role": "merchant", "party_id": "shop"}}


def test_a_bad_row_is_marked_not_dropped() -> None:
    out = batch.split(simple_table(), SIMPLE, currency="CNY")
    assert out.num_rows == 3
    assert out.column("error_code").to_pylist() == [None, "invalid_order", None]
    assert "negative" in out.column("error_message")[1].as_py()
    assert out.column("platform").to_pylist() == [Decimal("8.00"), None, Decimal("4.00")]
    long = batch.split(simple_table(), SIMPLE, currency="CNY", shape="long")
    assert long.column("order_id").to_pylist() == ["o-1", "o-1", "o-2", "o-3", "o-3"]
    assert long.column("error_code").to_pylist() == [None, None, "invalid_order", None, None]


def test_on_error_raise_names_the_row() -> None:
    with pytest.raises(SplitError) as info:
        batch.split(simple_table(), SIMPLE, currency="CNY", on_error="raise")
    assert info.value.code == "invalid_order"
    assert info.value.details["row"] == 1 and info.value.details["id"] == "o-2"
    assert "row 1" in str(info.value)


def test_missing_column_is_a_typed_error_naming_it() -> None:
    t = pa.table({"order_id": ["a"], "at": pa.array([T0], TS)})
    with pytest.raises(InputError) as info:
        batch.split(t, SIMPLE, currency="CNY")
    assert info.value.code == "invalid_input"
    assert info.value.details["column"] == "paid"
    assert "`paid`" in str(info.value)


def test_float_money_is_refused_naming_the_column() -> None:
    t = simple_table(paid=pa.array([100.0, 1.0, 50.0]))
    with pytest.raises(MoneyError) as info:
        batch.split(t, SIMPLE, currency="CNY")
    assert info.value.code == "number_for_money"
    assert info.value.details["column"] == "paid"
    t = simple_table(discounts=pa.array([[{"promotion_id": "p", "amount": 1.5, "funded_by_role": "platform"}], [], []]))
    with pytest.raises(MoneyError) as info:
        batch.split(t, SIMPLE, currency="CNY")
    assert info.value.details["column"] == "discounts.amount"


def test_integer_money_is_refused_as_ambiguous() -> None:
    with pytest.raises(InputError) as info:
        batch.split(simple_table(paid=pa.array([100, 1, 50])), SIMPLE, currency="CNY")
    assert info.value.details["column"] == "paid" and "ambiguous" in str(info.value)


def test_naive_timestamps_are_refused_naming_the_column() -> None:
    t = simple_table(at=pa.array([T0.replace(tzinfo=None)] * 3, pa.timestamp("us")))
    with pytest.raises(InputError) as info:
        batch.split(t, SIMPLE, currency="CNY")
    assert info.value.details["column"] == "at" and "time zone" in str(info.value)
    journey = pa.array([[{"channel": "wechat", "party_id": "m", "at": T0.replace(tzinfo=None)}], [], []],
                       pa.list_(pa.struct([("channel", pa.string()), ("party_id", pa.string()), ("at", pa.timestamp("ms"))])))
    with pytest.raises(InputError) as info:
        batch.split(simple_table(journey=journey), SIMPLE, currency="CNY")
    assert info.value.details["column"] == "journey.at"


def test_text_money_and_times_and_every_string_type() -> None:
    t = pa.table({
        "order_id": pa.array(["a", "b", "c"], pa.large_string()),
        "at": ["2026-11-22T12:00:00+08:00", "2026-11-22T04:00:00Z", "not a time"],
        "paid": pa.array(["100.00", "12.345", "5"]).dictionary_encode(),
        "party_store": pa.array(["s1", None, "s3"], pa.string_view()),
    })
    out = batch.split(t, SIMPLE, currency="CNY")
    assert out.column("platform").to_pylist() == [Decimal("8.00"), None, None]
    codes = out.column("error_code").to_pylist()
    assert codes == [None, "too_many_decimals", "invalid_input"]
    assert "column `paid`" in out.column("error_message")[1].as_py()
    assert "column `at`" in out.column("error_message")[2].as_py()


def test_polars_pandas_batches_and_readers_give_the_same_table() -> None:
    table = datasets.orders(300, seed=9)
    expected = batch.split(table, PLAN, currency="CNY")
    assert batch.split(table.to_batches()[0], PLAN, currency="CNY").equals(expected)
    assert batch.split(pa.RecordBatchReader.from_batches(table.schema, table.to_batches()), PLAN,
                       currency="CNY").equals(expected)
    pl = pytest.importorskip("polars")
    from_polars = batch.split(pl.from_arrow(table), PLAN, currency="CNY")
    assert from_polars.drop(["order_id"]).equals(expected.drop(["order_id"]))
    assert from_polars.column("order_id").to_pylist() == expected.column("order_id").to_pylist()
    pd = pytest.importorskip("pandas")
    flat = table.select(["order_id", "at", "paid", "delivery_fee", "party_store", "party_store_staff"])
    frame = flat.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    from_pandas = batch.split(frame, PLAN, currency="CNY")
    assert from_pandas.column("platform").equals(batch.split(flat, PLAN, currency="CNY").column("platform"))
    assert batch.to_polars(expected).height == 300


def test_compiled_plans_pickle_and_give_the_same_split() -> None:
    compiled = batch.CompiledPlan(PLAN)
    again = pickle.loads(pickle.dumps(compiled))
    assert again.rule_ids == ["processor", "platform", "delivery", "channel", "store", "staff"]
    assert again.currency == "CNY"
    table = datasets.orders(200, seed=1)
    assert batch.split(table, again).equals(batch.split(table, PLAN, currency="CNY"))
    with pytest.raises(o2okit.CurrencyError):
        batch.split(table, compiled, currency="USD")


def test_a_rule_named_like_an_output_column_is_refused() -> None:
    plan = {"rules": [{"id": "order_id", "to": {"role": "platform", "party_id": "p"}, "base": "gross_paid",
                       "pay": {"type": "percent", "percent": "1"}}]}
    with pytest.raises(SplitError) as info:
        batch.split(simple_table(), plan, currency="CNY")
    assert info.value.code == "invalid_plan"


def test_streams_give_the_table_in_bounded_batches() -> None:
    reader = datasets.order_batches(5000, seed=2, batch_size=1800)
    out = batch.split_stream(reader, PLAN, currency="CNY", batch_size=1000)
    sizes = []
    batches = []
    for b in out:
        sizes.append(b.num_rows)
        batches.append(b)
    assert sum(sizes) == 5000 and max(sizes) <= 1000
    streamed = pa.Table.from_batches(batches, out.schema)
    whole = batch.split(datasets.orders(5000, seed=2, batch_size=1800), PLAN, currency="CNY")
    assert streamed.equals(whole.combine_chunks().cast(streamed.schema)) or streamed.to_pylist() == whole.to_pylist()
    long = batch.split_stream(datasets.order_batches(300, seed=2), PLAN, currency="CNY", shape="long").read_all()
    assert long.to_pylist() == batch.split(datasets.orders(300, seed=2), PLAN, currency="CNY", shape="long").to_pylist()


def test_the_gil_is_released_while_splitting() -> None:
    table = datasets.orders(300_000, seed=4)
    ticks = 0
    done = threading.Event()

    def work() -> None:
        batch.split(table, PLAN, currency="CNY")
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    start = time.perf_counter()
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    worker.join()
    elapsed = time.perf_counter() - start
    # Python ran in this thread while the split worked (it could not, holding the GIL).
    assert elapsed < 0.05 or ticks > 100


# ---- property test: random batches against the row-wise split -------------------------

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

cents = st.integers(min_value=-200, max_value=2_000_000)
ids = st.sampled_from(["a", "b", "c", "store-1", "kol-9", "mall"])
roles = st.sampled_from(["platform", "merchant", "store", "store_staff", "brand", "referrer"])


@st.composite
def order_rows(draw: Any, index: int) -> dict[str, Any]:
    at = T0 + timedelta(seconds=draw(st.integers(-86_400, 86_400)))
    amount = lambda c: Decimal(c).scaleb(-2)  # noqa: E731
    touches = sorted(draw(st.lists(st.integers(-40 * 86_400, 600), max_size=5)))
    return {
        "order_id": f"o-{index}",
        "at": at,
        "paid": draw(st.one_of(st.none(), cents.map(amount))),
        "delivery_fee": draw(st.one_of(st.none(), st.integers(0, 1500).map(amount))),
        "cost": draw(st.one_of(st.none(), st.integers(0, 500_000).map(amount))),
        "party_store": draw(st.one_of(st.none(), ids)),
        "party_store_staff": draw(st.one_of(st.none(), ids)),
        "parties": draw(st.lists(st.fixed_dictionaries({"role": roles, "party_id": ids}), max_size=2)),
        "discounts": draw(st.lists(st.fixed_dictionaries({
            "promotion_id": st.sampled_from(["p1", "p2"]),
            "amount": st.integers(0, 3000).map(amount),
            "funded_by_role": roles,
            "funded_by_party_id": st.one_of(st.none(), ids),
            "on": st.one_of(st.none(), st.sampled_from(["goods", "delivery"])),
        }), max_size=3)),
        "journey": [{"channel": draw(st.sampled_from(["douyin", "wechat"])), "party_id": draw(ids),
                     "stage": None, "at": at + timedelta(seconds=s)} for s in touches],
    }


@st.composite
def batches_of_orders(draw: Any) -> Any:
    n = draw(st.integers(1, 25))
    return pa.Table.from_pylist([draw(order_rows(i)) for i in range(n)], schema=SCHEMA)


PLANS = [PLAN, datasets.plan("6", channel="3"), {
    "rules": [
        {"id": "platform", "to": {"role": "platform"}, "base": "gross_paid",
         "pay": {"type": "tiered", "by": "amount", "tiers": [{"from": "0", "percent": "5"}, {"from": "100", "percent": "3"}]},
         "min": {"amount": "0.50", "currency": "CNY"}},
        {"id": "first", "to": {"role": "marketing", "attribution": {"type": "position_based"}}, "base": "goods",
         "pay": {"type": "percent", "percent": "10"}},
        {"id": "margin", "to": {"role": "supplier", "party_id": "farm"}, "base": "margin",
         "pay": {"type": "percent", "percent": "20"}},
    ],
    "remainder": {"role": "merchant"},
    "parties": [{"role": "platform", "party_id": "mall"}, {"role": "merchant", "party_id": "shop"}],
}]


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(table=batches_of_orders(), plan_index=st.integers(0, len(PLANS) - 1))
def test_random_batches_match_the_row_wise_split_bit_for_bit(table: Any, plan_index: int) -> None:
    assert_same_as_row_wise(table, PLANS[plan_index])
