"""o2okit.datasets: seeded, shaped as the batch API's input, realistic enough to be useful."""

from __future__ import annotations

from decimal import Decimal

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from o2okit import batch, datasets  # noqa: E402


def test_orders_are_seeded_and_stream_the_same_rows() -> None:
    a = datasets.orders(3000, seed=1, batch_size=1000)
    assert a.equals(datasets.orders(3000, seed=1, batch_size=1000))
    assert not a.equals(datasets.orders(3000, seed=2, batch_size=1000))
    streamed = datasets.order_batches(3000, seed=1, batch_size=1000).read_all()
    assert streamed.equals(a)
    assert a.column("order_id").to_pylist()[:2] == ["o-00000000", "o-00000001"]
    assert len(set(a.column("order_id").to_pylist())) == 3000


def test_orders_have_the_split_columns_and_sane_values() -> None:
    t = datasets.orders(5000, seed=3)
    assert t.schema.field("paid").type == pa.decimal128(18, 2)
    assert t.schema.field("at").type == pa.timestamp("us", tz="Asia/Shanghai")
    rows = t.to_pylist()
    for r in rows:
        assert r["paid"] > 0 and r["paid"] == r["paid"].quantize(Decimal("0.01"))
        assert (r["delivery_fee"] is not None) == (r["channel"] == "online_delivery")
        touches = r["journey"]
        assert len(touches) <= 4
        assert [x["at"] for x in touches] == sorted(x["at"] for x in touches)
        assert all(x["at"] <= r["at"] for x in touches)
    channels = {r["channel"] for r in rows}
    assert channels == {"online_delivery", "online_pickup", "in_store", "dine_in"}
    weekend = sum(1 for r in rows if r["at"].weekday() >= 5) / len(rows)
    assert 0.3 < weekend < 0.4  # weekends are busier than 2/7
    out = batch.split(t, datasets.plan(), currency="CNY")
    assert out.column("error_code").null_count == 5000


def test_other_generators_fit_their_batch_functions() -> None:
    assert batch.quote(datasets.carts(500, seed=1, lines=3), datasets.promotions(), currency="CNY") \
        .column("error_code").null_count == 500
    assert datasets.carts(10, lines=3).column("lines").to_pylist()[0][2]["id"] == "l3"
    assert batch.groupbuy_teams(datasets.teams(300), sizes=[3], window_seconds=86_400).num_rows == 300
    out = batch.assign(datasets.deliveries(400, seed=1), datasets.stores(20), currency="CNY")
    assert out.column("error_code").null_count == 400
    assert 0 < out.column("store_id").null_count < 400
    cards = batch.card_replay(datasets.card_logs(100), currency="CNY")
    assert cards.column("error_code").null_count == 100
    with pytest.raises(ValueError):
        datasets.promotions("nope")
