"""Seeded generators of realistic O2O data, as Arrow tables, for examples, what-if runs and
benchmarks (``pip install 'o2okit[arrow]'``: needs numpy and pyarrow).

Every generator takes ``seed`` and gives the same rows for the same seed, ``n`` and
``batch_size`` (with the same numpy version: numpy's distributions may change between
versions). Data is built in batches of ``batch_size`` rows from per-batch seeds, so the
``*_batches`` forms stream any number of rows in flat memory and ``n`` rows take about a
second per million.

The shapes are the batch API's input columns (see the README, "Batch API: input columns"):
money as ``decimal128(18, 2)`` CNY, times as ``timestamp[us, tz=Asia/Shanghai]``, nested
data as list-of-struct columns.

- :func:`orders`: paid orders over a quarter, for :func:`o2okit.batch.split` (channels,
  delivery fees, discounts with their funders, stores and staff, journeys of 0 to 4 touches);
- :func:`carts`: carts of 1 to 5 lines from a café-and-bakery catalogue, for
  :func:`o2okit.batch.quote`;
- :func:`teams`: team buys with the seconds at which members joined, for the group-buy batch;
- :func:`deliveries` and :func:`stores`: delivery orders and a city's stores, for assignment;
- :func:`card_logs`, :func:`points_logs`: stored-value card and points event logs;
- :func:`plan` and :func:`promotions`: the 6-rule split plan (time-decay attribution over
  the journey) and promotion sets used by the examples and the benchmark.
"""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Iterator, Optional

__all__ = [
    "CURRENCY",
    "TIME_ZONE",
    "card_logs",
    "carts",
    "deliveries",
    "order_batches",
    "orders",
    "plan",
    "points_logs",
    "promotions",
    "stores",
    "teams",
]

#: The currency of every generated amount.
CURRENCY = "CNY"
#: The time zone of every generated time.
TIME_ZONE = "Asia/Shanghai"
_CST = timezone(timedelta(hours=8))
_START = datetime(2026, 7, 1, tzinfo=_CST)

_CHANNELS = ["online_delivery", "online_pickup", "in_store", "dine_in"]
_CHANNEL_P = [0.45, 0.15, 0.25, 0.15]
_TOUCH_CHANNELS = ["douyin", "wechat", "dianping", "xiaohongshu", "meituan", "store_qr"]
_STAGES = ["acquire", "nurture", "convert", "retain", "share", "serve"]
_STORES = 200
_HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.5, 4, 6, 5, 5, 9, 11, 8, 5, 4, 5, 8, 10, 9, 7, 5, 3, 2]


def _np() -> Any:
    try:
        return importlib.import_module("numpy")
    except ImportError as err:  # pragma: no cover - exercised only without numpy
        raise ImportError("o2okit.datasets needs numpy: pip install 'o2okit[arrow]'") from err


def _pa() -> Any:
    try:
        return importlib.import_module("pyarrow")
    except ImportError as err:  # pragma: no cover - exercised only without pyarrow
        raise ImportError("o2okit.datasets needs pyarrow: pip install 'o2okit[arrow]'") from err


def _pc() -> Any:
    return importlib.import_module("pyarrow.compute")


def _money(cents: Any, valid: Any = None) -> Any:
    """Exact decimal128(18, 2) from integer cents (no float on the way)."""
    np, pa = _np(), _pa()
    cents = np.ascontiguousarray(cents, dtype=np.int64)
    n = len(cents)
    words = np.empty((n, 2), dtype="<i8")
    words[:, 0] = cents
    words[:, 1] = cents >> 63
    validity = None
    if valid is not None and not bool(np.all(valid)):
        validity = pa.py_buffer(np.packbits(np.asarray(valid, dtype=bool), bitorder="little"))
    return pa.Array.from_buffers(pa.decimal128(18, 2), n, [validity, pa.py_buffer(words)])


def _times(epoch_us: Any) -> Any:
    pa = _pa()
    return pa.array(epoch_us, type=pa.int64()).cast(pa.timestamp("us", tz=TIME_ZONE))


def _ids(prefix: str, numbers: Any, width: int) -> Any:
    pa, pc = _pa(), _pc()
    digits = pc.utf8_lpad(pa.array(numbers, type=pa.int64()).cast(pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _pick(vocabulary: list[str], index: Any, valid: Any = None) -> Any:
    pa, pc = _pa(), _pc()
    taken = pc.take(pa.array(vocabulary, type=pa.string()), pa.array(index, type=pa.int32()))
    if valid is None:
        return taken
    return pc.if_else(pa.array(valid, type=pa.bool_()), taken, pa.scalar(None, pa.string()))


def _epoch_us(t: datetime) -> int:
    return int(t.timestamp()) * 1_000_000


def _order_times(rng: Any, n: int, days: int) -> Any:
    """Order times over ``days`` days from 2026-07-01 (Asia/Shanghai): weekends busier,
    lunch and dinner peaks."""
    np = _np()
    day_weight = np.array([1.3 if (_START + timedelta(days=d)).weekday() >= 5 else 1.0 for d in range(days)])
    day = rng.choice(days, size=n, p=day_weight / day_weight.sum())
    hours = np.array(_HOUR_WEIGHTS, dtype=float)
    hour = rng.choice(24, size=n, p=hours / hours.sum())
    second = rng.integers(0, 3600, size=n)
    return _epoch_us(_START) + (day * 86_400 + hour * 3_600 + second) * 1_000_000


def _batches(n: int, batch_size: int) -> Iterator[tuple[int, int, int]]:
    if n < 0 or batch_size < 1:
        raise ValueError("n must be >= 0 and batch_size >= 1")
    index = 0
    for start in range(0, n, batch_size):
        yield index, start, min(batch_size, n - start)
        index += 1


def _order_batch(seed: int, index: int, first: int, n: int, days: int) -> Any:
    np, pa = _np(), _pa()
    rng = np.random.default_rng([seed, 1, index])
    at = _order_times(rng, n, days)
    channel = rng.choice(4, size=n, p=_CHANNEL_P)
    goods = np.maximum(500, np.round(rng.lognormal(np.log(4500), 0.6, size=n))).astype(np.int64)
    delivery = channel == 0
    delivery_fee = np.where(delivery, rng.integers(3, 9, size=n) * 100, 0).astype(np.int64)

    # Discounts: 满减 (every full 50 off 5, merchant), a platform coupon, a platform
    # delivery discount; about a third of orders get at least one.
    mj = (goods >= 5000) & (rng.random(n) < 0.35)
    mj_off = np.where(mj, np.minimum(goods // 5000, 3) * 500, 0)
    coupon = rng.random(n) < 0.12
    coupon_off = np.where(coupon, np.minimum(500, goods - mj_off - 100), 0).clip(0)
    coupon = coupon & (coupon_off > 0)
    ship = delivery & (rng.random(n) < 0.3)
    ship_off = np.where(ship, np.minimum(200, delivery_fee), 0)
    # What the customer paid: the goods after their discounts, plus the delivery fee
    # charged (the fee less its discount; the delivery_fee column is the charged fee).
    charged = delivery_fee - ship_off
    paid = goods - mj_off - coupon_off + charged
    cost = (goods * rng.uniform(0.45, 0.7, size=n)).astype(np.int64)

    counts = mj.astype(np.int32) + coupon.astype(np.int32) + ship.astype(np.int32)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    kinds = np.stack([mj, coupon, ship], axis=1)
    owner, kind = np.nonzero(kinds)
    amounts = np.stack([mj_off, coupon_off, ship_off], axis=1)[owner, kind]
    discounts = pa.ListArray.from_arrays(
        pa.array(offsets),
        pa.StructArray.from_arrays(
            [
                _pick(["mj-every-50-off-5", "platform-coupon-5", "platform-free-ship-2"], kind),
                _money(amounts),
                _pick(["merchant", "platform", "platform"], kind),
                _pick(["goods", "goods", "delivery"], kind),
            ],
            names=["promotion_id", "amount", "funded_by_role", "on"],
        ),
    )

    # Parties: stores by popularity, staff for in-store orders, referrers now and then.
    popularity = 1.0 / np.arange(1, _STORES + 1) ** 0.8
    store = rng.choice(_STORES, size=n, p=popularity / popularity.sum())
    staff = store * 5 + rng.integers(0, 5, size=n)
    in_store = channel >= 2
    referred = rng.random(n) < 0.08

    # Journeys: 0 to 4 touches within 30 days before the order, oldest first.
    touches = rng.choice(5, size=n, p=[0.2, 0.3, 0.25, 0.15, 0.1]).astype(np.int32)
    t_offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(touches, out=t_offsets[1:])
    owner = np.repeat(np.arange(n), touches)
    age = np.minimum(rng.exponential(5 * 86_400, size=len(owner)), 30 * 86_400).astype(np.int64)
    order = np.lexsort((-age, owner))
    age = age[order]
    touch_channel = rng.integers(0, len(_TOUCH_CHANNELS), size=len(owner))
    touch_party = rng.integers(0, 60, size=len(owner))
    media = [f"media-{i:02d}" for i in range(60)]
    journey = pa.ListArray.from_arrays(
        pa.array(t_offsets),
        pa.StructArray.from_arrays(
            [
                _pick(_TOUCH_CHANNELS, touch_channel),
                _pick(media, touch_party),
                _pick(_STAGES, rng.integers(0, 3, size=len(owner))),
                _times(at[owner] - age * 1_000_000),
            ],
            names=["channel", "party_id", "stage", "at"],
        ),
    )
    store_names = [f"store-{i:03d}" for i in range(_STORES)]
    staff_names = [f"staff-{i:04d}" for i in range(_STORES * 5)]
    return pa.RecordBatch.from_arrays(
        [
            _ids("o-", np.arange(first, first + n), 8),
            _times(at),
            _pick(_CHANNELS, channel),
            _money(paid),
            _money(charged, valid=delivery),
            _money(cost),
            _pick(store_names, store),
            _pick(staff_names, staff, valid=in_store),
            _pick([f"kol-{i:03d}" for i in range(100)], rng.integers(0, 100, size=n), valid=referred),
            discounts,
            journey,
        ],
        names=[
            "order_id",
            "at",
            "channel",
            "paid",
            "delivery_fee",
            "cost",
            "party_store",
            "party_store_staff",
            "party_referrer",
            "discounts",
            "journey",
        ],
    )


def order_batches(
    n: int = 1_000_000, *, seed: int = 0, days: int = 92, batch_size: int = 100_000
) -> Any:
    """:func:`orders` as a ``pyarrow.RecordBatchReader`` that builds each batch as it is read
    (any ``n`` in flat memory)."""
    pa = _pa()
    first = _order_batch(seed, 0, 0, 0, days)
    return pa.RecordBatchReader.from_batches(
        first.schema,
        (_order_batch(seed, i, start, size, days) for i, start, size in _batches(n, batch_size)),
    )


def orders(n: int = 1_000_000, *, seed: int = 0, days: int = 92, batch_size: int = 100_000) -> Any:
    """``n`` paid orders over ``days`` days from 2026-07-01 (a quarter by default), as a
    ``pyarrow.Table`` with the split input columns: ``order_id``, ``at``, ``channel``
    (``online_delivery``, ``online_pickup``, ``in_store``, ``dine_in``), ``paid``,
    ``delivery_fee`` (the fee charged, after any delivery discount; null unless delivered), ``cost``, ``party_store`` (200 stores, a few
    much busier), ``party_store_staff`` (in-store orders), ``party_referrer`` (8%),
    ``discounts`` (满减 every full 50 off 5 funded by the merchant, a 5.00 platform coupon,
    a 2.00 platform delivery discount) and ``journey`` (0 to 4 touches on Douyin, WeChat,
    Dianping, ... within 30 days before the order). Amounts are exact: ``paid`` is goods
    less discounts plus delivery."""
    return order_batches(n, seed=seed, days=days, batch_size=batch_size).read_all()


def plan(commission: str = "8", *, processor: str = "0.6", channel: str = "2") -> dict[str, Any]:
    """The 6-rule split plan of the examples and the benchmark: the payment processor
    (``processor`` % of what the customer paid), the platform (``commission`` % of the gross,
    capped at 30%), the rider company (the whole delivery fee), the marketing channels
    (``channel`` % of the goods, credited to the journey by time decay with a 7-day
    half-life), the store (1% of the goods) and its staff (0.5% + 0.10); the merchant keeps
    the remainder."""
    return {
        "id": f"platform-{commission}pct",
        "rules": [
            {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
             "base": "customer_paid", "pay": {"type": "percent", "percent": processor}},
            {"id": "platform", "to": {"role": "platform", "party_id": "mall"},
             "base": "gross_paid", "pay": {"type": "percent", "percent": commission},
             "cap": {"percent": "30"}},
            {"id": "delivery", "to": {"role": "logistics", "party_id": "rider-co"},
             "base": "delivery_fee", "pay": {"type": "percent", "percent": "100"}},
            {"id": "channel", "to": {"role": "marketing", "attribution": {"type": "time_decay"}},
             "base": "goods", "pay": {"type": "percent", "percent": channel}},
            {"id": "store", "to": {"role": "store"}, "base": "goods",
             "pay": {"type": "percent", "percent": "1"}},
            {"id": "staff", "to": {"role": "store_staff"}, "base": "goods",
             "pay": {"type": "percent_plus_fixed", "percent": "0.5",
                     "fixed": {"amount": "0.10", "currency": CURRENCY}}},
        ],
        "parties": [
            {"role": "merchant", "party_id": "noodle-house"},
            {"role": "store_staff", "party_id": "no-staff"},
            {"role": "platform", "party_id": "mall"},
        ],
    }


_PRODUCTS = [
    # product_id, category, price (cents)
    ("americano", "coffee", 2200), ("latte", "coffee", 2800), ("flat-white", "coffee", 3000),
    ("mocha", "coffee", 3200), ("cold-brew", "coffee", 2600), ("oolong", "tea", 1800),
    ("matcha-latte", "tea", 2900), ("jasmine", "tea", 1600), ("milk-tea", "tea", 1900),
    ("croissant", "bakery", 1500), ("pain-choc", "bakery", 1700), ("bagel", "bakery", 1200),
    ("cheesecake", "bakery", 3400), ("egg-tart", "bakery", 900), ("sandwich", "meal", 3800),
    ("noodles", "meal", 4200), ("rice-bowl", "meal", 4500), ("salad", "meal", 3900),
    ("cookies", "snack", 1100), ("nuts", "snack", 1400),
]


def promotions(kind: str = "weekend") -> list[dict[str, Any]]:
    """Promotion sets for :func:`o2okit.batch.quote` and the what-if examples:

    - ``"weekend"``: the weekend 满减 campaign, every full 100.00 off 15.00 (at most 45.00) on
      Saturdays and Sundays, funded by the platform, beside the merchant's everyday offers;
    - ``"everyday"``: the merchant's everyday offers only: second coffee half price and
      15.00 off bakery orders of 60.00 (both funded by the merchant);
    - ``"none"``: no promotion.
    """
    everyday: list[dict[str, Any]] = [
        {"id": "second-coffee-half", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
         "funded_by": {"role": "merchant"}, "conditions": {"target": {"categories": ["coffee"]}}},
        {"id": "bakery-60-off-15",
         "discount": {"type": "threshold", "tiers": [
             {"min_spend": {"amount": "60.00", "currency": CURRENCY},
              "off": {"amount": "15.00", "currency": CURRENCY}}]},
         "funded_by": {"role": "merchant"}, "conditions": {"target": {"categories": ["bakery"]}}},
    ]
    weekend = {
        "id": "weekend-every-100-off-15",
        "discount": {"type": "repeating", "step": {"amount": "100.00", "currency": CURRENCY},
                     "off": {"amount": "15.00", "currency": CURRENCY},
                     "cap": {"amount": "45.00", "currency": CURRENCY}},
        "funded_by": {"role": "platform", "party_id": "mall"},
        "conditions": {"schedule": {"time_zone": TIME_ZONE,
                                    "slots": [{"days": ["sat", "sun"], "start": "00:00", "end": "23:59"}]}},
    }
    if kind == "weekend":
        return [*everyday, weekend]
    if kind == "everyday":
        return everyday
    if kind == "none":
        return []
    raise ValueError(f"kind must be 'weekend', 'everyday' or 'none', not {kind!r}")


def _cart_batch(seed: int, index: int, first: int, n: int, days: int, lines_per_cart: Any) -> Any:
    np, pa = _np(), _pa()
    rng = np.random.default_rng([seed, 2, index])
    at = _order_times(rng, n, days)
    lines = rng.choice(5, size=n, p=[0.3, 0.3, 0.2, 0.12, 0.08]).astype(np.int32) + 1
    if lines_per_cart is not None:
        lines = np.full(n, int(lines_per_cart), dtype=np.int32)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lines, out=offsets[1:])
    total = int(offsets[-1])
    product = rng.integers(0, len(_PRODUCTS), size=total)
    quantity = rng.choice(3, size=total, p=[0.75, 0.2, 0.05]) + 1
    position = np.arange(total) - np.repeat(offsets[:-1], lines)
    prices = np.array([p[2] for p in _PRODUCTS], dtype=np.int64)
    categories = pa.ListArray.from_arrays(
        pa.array(np.arange(total + 1, dtype=np.int32)),
        _pick([p[1] for p in _PRODUCTS], product),
    )
    cart_lines = pa.ListArray.from_arrays(
        pa.array(offsets),
        pa.StructArray.from_arrays(
            [
                _ids("l", position + 1, 1),
                _pick([p[0] for p in _PRODUCTS], product),
                categories,
                _money(prices[product]),
                pa.array(quantity, type=pa.int32()),
            ],
            names=["id", "product_id", "categories", "unit_price", "quantity"],
        ),
    )
    channel = rng.choice(4, size=n, p=_CHANNEL_P)
    return pa.RecordBatch.from_arrays(
        [
            _ids("c-", np.arange(first, first + n), 8),
            _times(at),
            _pick(_CHANNELS, channel),
            _pick([f"store-{i:03d}" for i in range(_STORES)], rng.integers(0, _STORES, size=n)),
            cart_lines,
        ],
        names=["cart_id", "now", "channel", "store_id", "lines"],
    )


def carts(
    n: int = 1_000_000,
    *,
    seed: int = 0,
    days: int = 92,
    lines: Optional[int] = None,
    batch_size: int = 100_000,
) -> Any:
    """``n`` carts over ``days`` days from 2026-07-01: ``cart_id``, ``now`` (when it is
    priced), ``channel``, ``store_id`` and ``lines`` (1 to 5 lines, or exactly ``lines``, of
    a 20-product café and bakery catalogue: ``id``, ``product_id``, ``categories``,
    ``unit_price``, ``quantity``)."""
    pa = _pa()
    batches = [_cart_batch(seed, i, start, size, days, lines) for i, start, size in _batches(n, batch_size)]
    return pa.Table.from_batches(batches or [_cart_batch(seed, 0, 0, 0, days, lines)])


def teams(
    n: int = 100_000, *, seed: int = 0, window_seconds: int = 86_400, batch_size: int = 100_000
) -> Any:
    """``n`` observed team buys: ``team_id``, ``opened_at`` and ``join_offsets`` (seconds
    after the opening at which members joined, up to twice ``window_seconds``; how popular a
    team is varies a lot, as it does)."""
    np, pa = _np(), _pa()
    batches = []
    for i, start, size in _batches(n, batch_size):
        rng = np.random.default_rng([seed, 3, i])
        rate = rng.lognormal(np.log(3.0), 0.9, size=size)
        joins = np.minimum(rng.poisson(rate * 2), 30).astype(np.int32)
        offsets = np.zeros(size + 1, dtype=np.int32)
        np.cumsum(joins, out=offsets[1:])
        owner = np.repeat(np.arange(size), joins)
        t = np.sort(rng.uniform(0, 2 * window_seconds, size=len(owner)).astype(np.int64) + owner * 10**12)
        t = t - owner * 10**12
        opened = _order_times(rng, size, 92)
        batches.append(
            pa.RecordBatch.from_arrays(
                [
                    _ids("t-", np.arange(start, start + size), 7),
                    _times(opened),
                    pa.ListArray.from_arrays(pa.array(offsets), pa.array(t, type=pa.int64())),
                ],
                names=["team_id", "opened_at", "join_offsets"],
            )
        )
    return pa.Table.from_batches(batches)


def stores(k: int = 30, *, seed: int = 0) -> list[dict[str, Any]]:
    """``k`` convenience stores around central Shanghai, as the store mappings of
    :func:`o2okit.assign`: a 3 km delivery radius, open 07:00 to 23:00, stock of the 20
    catalogue products and a delivery fee table (5.00 and 30 minutes for the first 3 km, then
    1.00 and 10 minutes per km)."""
    np = _np()
    rng = np.random.default_rng([seed, 4])
    out = []
    for i in range(k):
        lat = 31.2304 + float(rng.normal(0, 0.05))
        lng = 121.4737 + float(rng.normal(0, 0.06))
        stock = {p[0]: int(rng.integers(0, 40)) for p in _PRODUCTS}
        out.append({
            "id": f"store-{i:03d}",
            "location": {"lat": round(lat, 6), "lng": round(lng, 6)},
            "area": {"type": "radius", "radius_m": 3000},
            "hours": {"time_zone": TIME_ZONE, "weekly": [{"open": "07:00", "close": "23:00"}]},
            "stock": stock,
            "fees": {"base_distance_m": 3000, "base_fee": {"amount": "5.00", "currency": CURRENCY},
                     "base_eta_minutes": 30, "per_km_fee": {"amount": "1.00", "currency": CURRENCY},
                     "per_km_eta_minutes": 10},
        })
    return out


def deliveries(n: int = 1_000_000, *, seed: int = 0, batch_size: int = 100_000) -> Any:
    """``n`` delivery orders around central Shanghai: ``order_id``, ``at``, ``lat``,
    ``lng`` (degrees, float64: coordinates are not money), ``items`` (1 to 3 products) and
    ``subtotal``."""
    np, pa = _np(), _pa()
    batches = []
    for i, start, size in _batches(n, batch_size):
        rng = np.random.default_rng([seed, 5, i])
        count = rng.integers(1, 4, size=size).astype(np.int32)
        offsets = np.zeros(size + 1, dtype=np.int32)
        np.cumsum(count, out=offsets[1:])
        total = int(offsets[-1])
        # Distinct products within an order: a random first one, then steps of 7 (mod 20).
        position = np.arange(total) - np.repeat(offsets[:-1], count)
        product = (np.repeat(rng.integers(0, len(_PRODUCTS), size=size), count) + 7 * position) % len(_PRODUCTS)
        quantity = rng.integers(1, 4, size=total)
        prices = np.array([p[2] for p in _PRODUCTS], dtype=np.int64)
        subtotal = np.add.reduceat(prices[product] * quantity, offsets[:-1]) if size else np.zeros(0, np.int64)
        batches.append(
            pa.RecordBatch.from_arrays(
                [
                    _ids("d-", np.arange(start, start + size), 8),
                    _times(_order_times(rng, size, 31)),
                    pa.array(31.2304 + rng.normal(0, 0.06, size=size)),
                    pa.array(121.4737 + rng.normal(0, 0.07, size=size)),
                    pa.ListArray.from_arrays(
                        pa.array(offsets),
                        pa.StructArray.from_arrays(
                            [_pick([p[0] for p in _PRODUCTS], product), pa.array(quantity, type=pa.int32())],
                            names=["product_id", "quantity"],
                        ),
                    ),
                    _money(subtotal),
                ],
                names=["order_id", "at", "lat", "lng", "items", "subtotal"],
            )
        )
    return pa.Table.from_batches(batches)


def _log_table(rows: list[dict[str, Any]], schema: Any) -> Any:
    return _pa().Table.from_pylist(rows, schema=schema)


def card_logs(n: int = 10_000, *, seed: int = 0) -> Any:
    """``n`` stored-value cards with their event logs over a quarter: ``card_id`` and
    ``events`` (``at``, ``type`` ``top_up``/``spend``/``refund``/``close``, ``amount``,
    ``order_id``, ``key``): top-ups of 100, 200 or 500, spends of what the balance allows,
    a refund now and then, a few cards closed."""
    np, pa = _np(), _pa()
    rng = np.random.default_rng([seed, 6])
    money = pa.decimal128(18, 2)
    event = pa.struct([("at", pa.timestamp("us", tz=TIME_ZONE)), ("type", pa.string()),
                       ("amount", money), ("order_id", pa.string()), ("key", pa.string())])
    rows = []
    for c in range(n):
        t = _START + timedelta(days=int(rng.integers(0, 30)), seconds=int(rng.integers(0, 86_400)))
        balance = 0
        events: list[dict[str, Any]] = []
        spends: list[tuple[str, int]] = []
        for k in range(int(rng.integers(1, 12))):
            t += timedelta(hours=float(rng.exponential(60)))
            if balance < 3000 or rng.random() < 0.15:
                top = int(rng.choice([10000, 20000, 50000]))
                events.append({"at": t, "type": "top_up", "amount": Decimal(top) / 100,
                               "order_id": None, "key": f"k-{c}-{k}"})
                balance += top
            elif spends and rng.random() < 0.07:
                order_id, amount = spends.pop()
                events.append({"at": t, "type": "refund", "amount": Decimal(amount) / 100,
                               "order_id": order_id, "key": None})
            else:
                amount = int(min(balance, rng.integers(1500, 9000)))
                order_id = f"o-{c}-{k}"
                events.append({"at": t, "type": "spend", "amount": Decimal(amount) / 100,
                               "order_id": order_id, "key": None})
                spends.append((order_id, amount))
                balance -= amount
        if rng.random() < 0.03:
            events.append({"at": t + timedelta(days=1), "type": "close", "amount": None,
                           "order_id": None, "key": None})
        rows.append({"card_id": f"card-{c:06d}", "events": events})
    return _log_table(rows, pa.schema([("card_id", pa.string()), ("events", pa.list_(event))]))


def points_logs(n: int = 10_000, *, seed: int = 0) -> Any:
    """``n`` members' points logs over a year: ``member_id`` and ``events`` (``at``,
    ``type`` ``earn``/``redeem``, ``amount`` spent for an earn, ``points`` for a redeem,
    ``order_id``)."""
    np, pa = _np(), _pa()
    rng = np.random.default_rng([seed, 7])
    event = pa.struct([("at", pa.timestamp("us", tz=TIME_ZONE)), ("type", pa.string()),
                       ("amount", pa.decimal128(18, 2)), ("points", pa.int64()), ("order_id", pa.string())])
    rows = []
    for m in range(n):
        t = _START - timedelta(days=365) + timedelta(days=int(rng.integers(0, 60)))
        earned = 0
        events: list[dict[str, Any]] = []
        for k in range(int(rng.integers(1, 15))):
            t += timedelta(days=float(rng.exponential(20)))
            if earned > 200 and rng.random() < 0.2:
                points = int(rng.integers(1, earned // 2 + 1))
                events.append({"at": t, "type": "redeem", "amount": None, "points": points,
                               "order_id": f"r-{m}-{k}"})
                earned -= points
            else:
                cents = int(rng.integers(1000, 30000))
                events.append({"at": t, "type": "earn", "amount": Decimal(cents) / 100, "points": None,
                               "order_id": f"o-{m}-{k}"})
                earned += cents // 100
        rows.append({"member_id": f"m-{m:06d}", "events": events})
    return _log_table(rows, pa.schema([("member_id", pa.string()), ("events", pa.list_(event))]))
