"""Columnar batches over Arrow: the row-wise domain functions run over whole tables.

Input is any Arrow-compatible table through the Arrow PyCapsule interface: a
``pyarrow.Table``, ``RecordBatch`` or ``RecordBatchReader``, a ``polars.DataFrame``, a pandas
``DataFrame`` (through pyarrow), or anything else with ``__arrow_c_stream__`` /
``__arrow_c_array__``. Columns are read where they lie (zero-copy) and converted straight
into the core's types: no JSON, no Python object per row. The work runs on all cores with
the GIL released. Output is a ``pyarrow.Table`` (``.to_pandas()``; ``polars.from_arrow(t)``
reads it as it is), or for the ``*_stream`` functions a ``pyarrow.RecordBatchReader`` whose
batches are computed one at a time, so memory stays bounded by ``batch_size`` whatever the
input's length.

Money columns are ``decimal128`` at the currency's scale, in and out (text of decimals such
as ``"12.30"`` is accepted in; a float column raises ``MoneyError`` ``number_for_money``
naming the column). Times are timestamps with a time zone (a naive timestamp raises
``InputError`` naming the column) or RFC 3339 text. Nested inputs (an order's discounts and
journey, a cart's lines) are list-of-struct columns. The input columns of every function are
in one table in the package README ("Batch API: input columns"); other columns are ignored.

A row that cannot be processed does not stop the batch: its output row carries
``error_code`` and ``error_message`` (the core's code and message) and null amounts; no row
is dropped. With ``on_error="raise"`` the first failing row raises its ``O2OError`` instead
(``.details`` has ``row``, ``id`` and ``column``). A missing column or a column of the wrong
type always raises, naming the column.

Results are those of the row-wise functions, bit for bit (the test suite checks it over
random batches).
"""

from __future__ import annotations

import importlib
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

from . import _o2okit

#: A ``pyarrow.Table`` (typed as ``Any``: pyarrow ships no type stubs).
ArrowTable = Any
#: A ``pyarrow.RecordBatchReader``.
ArrowReader = Any

_native: Any = getattr(_o2okit, "_batch")

#: A split plan validated and compiled once (a ``SplitPlan`` mapping or its JSON text in);
#: pickles as its wire JSON, so Spark and multiprocessing workers can receive it.
CompiledPlan: Any = _native.CompiledPlan

__all__ = [
    "CompiledPlan",
    "arrow_input",
    "assign",
    "assign_stream",
    "card_replay",
    "card_replay_stream",
    "groupbuy_simulate",
    "groupbuy_teams",
    "groupbuy_teams_stream",
    "points_replay",
    "points_replay_stream",
    "quote",
    "quote_stream",
    "split",
    "split_columns",
    "split_stream",
    "to_polars",
    "voucher_issue",
    "voucher_issue_stream",
    "voucher_verify",
]

#: A split plan: a ``SplitPlan`` mapping, its JSON text or a ``CompiledPlan``.
Plan = Union[Mapping[str, Any], str, Any]


def _pyarrow() -> Any:
    try:
        return importlib.import_module("pyarrow")
    except ImportError as err:  # pragma: no cover - exercised only without pyarrow
        raise ImportError(
            "the batch API returns pyarrow tables: pip install 'o2okit[arrow]' (or pyarrow>=14)"
        ) from err


def arrow_input(data: Any) -> Any:
    """``data`` as an object the batch functions read: anything with ``__arrow_c_stream__``
    or ``__arrow_c_array__`` as it is (pyarrow, polars, pandas >= 2.2, DuckDB, ...); an older
    pandas ``DataFrame`` through ``pyarrow.Table.from_pandas`` (its index left out)."""
    if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
        return data
    module = type(data).__module__
    if module.startswith("pandas"):
        pa = _pyarrow()
        return pa.Table.from_pandas(data, preserve_index=False)
    if module.startswith("polars") and hasattr(data, "collect"):
        raise TypeError("a polars LazyFrame must be collected first: pass frame.collect()")
    raise TypeError(
        f"expected an Arrow table or stream (pyarrow, polars, pandas), not {type(data).__name__}"
    )


def _table(native: Any) -> ArrowTable:
    return _pyarrow().table(native)


def _reader(stream: Any) -> ArrowReader:
    pa = _pyarrow()
    schema = pa.schema(stream.schema)

    def batches() -> Iterator[Any]:
        for batch in stream:
            yield pa.record_batch(batch)

    return pa.RecordBatchReader.from_batches(schema, batches())


def to_polars(table: Any) -> Any:
    """A batch result (or any Arrow table) as a ``polars.DataFrame``, zero-copy where polars
    can. Needs polars."""
    try:
        pl = importlib.import_module("polars")
    except ImportError as err:  # pragma: no cover - exercised only without polars
        raise ImportError("to_polars needs polars: pip install polars") from err
    return pl.from_arrow(table)


def split(
    orders: Any,
    plan: Plan,
    *,
    currency: Optional[str] = None,
    shape: str = "wide",
    by: str = "rule",
    roles: Optional[Sequence[str]] = None,
    on_error: str = "keep",
) -> ArrowTable:
    """Split every order of ``orders`` (one row per order: ``order_id``, ``at``, ``paid``,
    and optionally ``delivery_fee``, ``cost``, ``volume``, ``party_<role>`` columns,
    ``parties``, ``discounts`` and ``journey``; see the README) by ``plan``.

    ``shape="wide"`` (the fast path): one row per order, ``order_id``, one ``decimal128``
    amount column per rule (``by="rule"``: the rule ids, then ``remainder`` and
    ``subsidies``, the subsidy lines charged to discount funders) or per role (``by="role"``:
    the plan's roles, then any ``roles`` given, then ``other_roles`` for subsidies charged to
    a role without a column of its own), then ``error_code`` and ``error_message``. The
    amount columns of a row add up to what the order paid.

    ``shape="long"``: one row per ledger line (``order_id``, ``at``, ``line``, ``kind``,
    ``rule``, ``party_id``, ``role``, ``base``, ``base_amount``, ``touchpoint``,
    ``channel``, ``amount``, ``error_code``, ``error_message``); a failing order has one row
    with its error.

    ``currency`` is the currency of every money column (default: the plan's, when its fixed
    amounts name one).
    """
    native = _native.split_table(
        arrow_input(orders),
        plan,
        currency=currency,
        shape=shape,
        by=by,
        roles=list(roles) if roles is not None else None,
        on_error=on_error,
    )
    return _table(native)


def split_stream(
    orders: Any,
    plan: Plan,
    *,
    currency: Optional[str] = None,
    shape: str = "wide",
    by: str = "rule",
    roles: Optional[Sequence[str]] = None,
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`split` over a stream (a ``pyarrow.RecordBatchReader``, or any Arrow input),
    lazily: a ``pyarrow.RecordBatchReader`` whose batches are split as they are read, at
    most ``batch_size`` orders at a time, so memory stays flat however long the input is."""
    stream = _native.split_stream(
        arrow_input(orders),
        plan,
        currency=currency,
        shape=shape,
        by=by,
        roles=list(roles) if roles is not None else None,
        on_error=on_error,
        batch_size=batch_size,
    )
    return _reader(stream)


def split_columns(plan: Plan, *, by: str = "rule", roles: Optional[Iterable[str]] = None) -> list[str]:
    """The amount columns :func:`split` writes for ``plan`` in the wide shape."""
    return list(_native.split_columns(plan, by=by, roles=list(roles) if roles is not None else None))


def quote(
    carts: Any,
    promotions: Any,
    *,
    currency: str,
    now: Any = None,
    channel: Optional[str] = None,
    store_id: Optional[str] = None,
    shape: str = "wide",
    on_error: str = "keep",
) -> ArrowTable:
    """Price every cart of ``carts`` (one row per cart: ``cart_id``, ``lines`` as a list of
    ``{id?, product_id, categories?, unit_price, quantity, promotable?}``, and optionally
    ``delivery_fee``, ``now``, ``channel``, ``store_id``, ``customer_id``, ``member_tier``,
    ``first_order``, ``coupons``) under ``promotions`` (the wire shapes, as for
    :func:`o2okit.quote`). ``now``, ``channel`` and ``store_id`` apply to rows without a
    column (or a null) of their own.

    ``shape="wide"``: one row per cart: ``subtotal``, ``discount_total``,
    ``delivery_charged``, ``total``, ``discounts`` (how many applied), ``applied`` (their
    promotion ids), ``rejected`` (how many were not), ``funded`` (a list of the funded
    discounts, as in the long shape), ``error_code``, ``error_message``.
    ``shape="long"``: one row per funded discount, as a split of the order reads it
    (``promotion_id``, ``funded_by_role``, ``funded_by_party_id``, ``on`` goods or delivery,
    ``amount``; gifts at their value): who pays what."""
    native = _native.quote_table(
        arrow_input(carts), promotions, currency=currency, now=now, channel=channel,
        store_id=store_id, shape=shape, on_error=on_error,
    )
    return _table(native)


def quote_stream(
    carts: Any,
    promotions: Any,
    *,
    currency: str,
    now: Any = None,
    channel: Optional[str] = None,
    store_id: Optional[str] = None,
    shape: str = "wide",
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`quote` lazily over a stream, at most ``batch_size`` carts at a time."""
    stream = _native.quote_stream(
        arrow_input(carts), promotions, currency=currency, now=now, channel=channel,
        store_id=store_id, shape=shape, on_error=on_error, batch_size=batch_size,
    )
    return _reader(stream)


def groupbuy_teams(
    teams: Any,
    *,
    sizes: Sequence[int],
    window_seconds: int,
    virtual_fill_min_real: Optional[int] = None,
    on_error: str = "keep",
) -> ArrowTable:
    """Each observed team (one row per team: ``team_id``, ``join_offsets`` as a list of
    seconds after the opening, or ``join_times`` as a list of timestamps with ``opened_at``)
    at each team size: one row per team and size with ``members`` (the leader plus the joins
    within the window), ``outcome`` (``succeeded``, ``virtually_filled``, ``failed``) and
    ``refunded`` (participants refunded: the members of a failed team)."""
    native = _native.groupbuy_teams_table(
        arrow_input(teams), sizes=list(sizes), window_seconds=window_seconds,
        virtual_fill_min_real=virtual_fill_min_real, on_error=on_error,
    )
    return _table(native)


def groupbuy_teams_stream(
    teams: Any,
    *,
    sizes: Sequence[int],
    window_seconds: int,
    virtual_fill_min_real: Optional[int] = None,
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`groupbuy_teams` lazily over a stream."""
    stream = _native.groupbuy_teams_stream(
        arrow_input(teams), sizes=list(sizes), window_seconds=window_seconds,
        virtual_fill_min_real=virtual_fill_min_real, on_error=on_error, batch_size=batch_size,
    )
    return _reader(stream)


def groupbuy_simulate(
    teams: Any,
    *,
    sizes: Sequence[int],
    window_seconds: int,
    virtual_fill_min_real: Optional[int] = None,
    target_success_rate: Any = None,
) -> ArrowTable:
    """The core's team-size simulation (:func:`o2okit.simulate_teams`) over every team of
    ``teams``: one row per size with ``teams``, ``succeeded``, ``virtually_filled``,
    ``failed``, ``success_rate`` (``decimal128(38, 4)``, rounded down), ``meets_target``
    and ``refunded`` (participants refunded). A bad team raises (naming its row): a report
    has no row to mark."""
    native = _native.groupbuy_simulate_table(
        arrow_input(teams), sizes=list(sizes), window_seconds=window_seconds,
        virtual_fill_min_real=virtual_fill_min_real, target_success_rate=target_success_rate,
    )
    return _table(native)


def assign(
    orders: Any,
    stores: Any,
    *,
    currency: str,
    policy: Optional[Mapping[str, Any]] = None,
    now: Any = None,
    on_error: str = "keep",
) -> ArrowTable:
    """Assign every order of ``orders`` (one row per order: ``order_id``, ``lat``, ``lng``,
    ``items`` as a list of ``{product_id, quantity}``, and optionally ``subtotal`` and
    ``at``) to ``stores`` (the wire store mappings of :func:`o2okit.assign`, prepared once):
    ``status`` (``assigned``, ``split``, ``unassigned``), ``store_id`` (the nearest chosen),
    ``stores`` (every chosen store of a split), ``distance_m``, ``fee`` and
    ``eta_minutes``. Stores' ``used_today`` is what the mappings say: orders of one batch do
    not use up each other's capacity."""
    native = _native.assign_table(
        arrow_input(orders), stores, currency=currency, policy=policy, now=now, on_error=on_error,
    )
    return _table(native)


def assign_stream(
    orders: Any,
    stores: Any,
    *,
    currency: str,
    policy: Optional[Mapping[str, Any]] = None,
    now: Any = None,
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`assign` lazily over a stream."""
    stream = _native.assign_stream(
        arrow_input(orders), stores, currency=currency, policy=policy, now=now,
        on_error=on_error, batch_size=batch_size,
    )
    return _reader(stream)


def card_replay(
    cards: Any,
    *,
    currency: str,
    rules: Optional[Mapping[str, Any]] = None,
    kind: str = "registered",
    max_balance: Any = None,
    on_error: str = "keep",
) -> ArrowTable:
    """Replay every stored-value card of ``cards`` (one row per card: ``card_id`` and
    ``events`` as a list of ``{at, type, amount?, order_id?, key?}``, ``type`` one of
    ``top_up``, ``spend``, ``refund``, ``close``) under ``rules`` (bonus tiers, spend policy,
    as for :func:`o2okit.card_replay`): ``status``, ``principal``, ``bonus`` and the totals
    that reconcile them (``topped_up``, ``bonus_granted``, ``spent_principal``,
    ``spent_bonus``, ``refunded_principal``, ``refunded_bonus``, ``paid_out``,
    ``bonus_forfeited``), ``events``. A rejected event fails its card's row (the message
    names the event)."""
    native = _native.card_replay_table(
        arrow_input(cards), currency=currency, rules=rules, kind=kind, max_balance=max_balance,
        on_error=on_error,
    )
    return _table(native)


def card_replay_stream(
    cards: Any,
    *,
    currency: str,
    rules: Optional[Mapping[str, Any]] = None,
    kind: str = "registered",
    max_balance: Any = None,
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`card_replay` lazily over a stream."""
    stream = _native.card_replay_stream(
        arrow_input(cards), currency=currency, rules=rules, kind=kind, max_balance=max_balance,
        on_error=on_error, batch_size=batch_size,
    )
    return _reader(stream)


def points_replay(
    members: Any,
    program: Mapping[str, Any],
    *,
    currency: str,
    until: Any = None,
    on_error: str = "keep",
) -> ArrowTable:
    """Replay every member's points log (one row per member: ``member_id`` and ``events`` as a
    list of ``{at, type, amount?, points?, order_id?}``, ``type`` one of ``earn`` (with the
    ``amount`` spent), ``redeem`` (with ``points``), ``tick``) under ``program`` (as for
    :func:`o2okit.points_replay`), expiring up to ``until``: ``balance``, ``earned``,
    ``redeemed``, ``expired``, ``events``."""
    native = _native.points_replay_table(
        arrow_input(members), program, currency=currency, until=until, on_error=on_error,
    )
    return _table(native)


def points_replay_stream(
    members: Any,
    program: Mapping[str, Any],
    *,
    currency: str,
    until: Any = None,
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`points_replay` lazily over a stream."""
    stream = _native.points_replay_stream(
        arrow_input(members), program, currency=currency, until=until, on_error=on_error,
        batch_size=batch_size,
    )
    return _reader(stream)


def voucher_issue(
    rows: Any,
    key: Union[bytes, bytearray, str],
    *,
    spec: Optional[Mapping[str, Any]] = None,
    on_error: str = "keep",
) -> ArrowTable:
    """The code of every serial of ``rows`` (``serial``, and optionally the scope columns
    ``store_id``, ``deal_id``, ``expires_at``), as :func:`o2okit.issue_code` gives it:
    ``serial``, ``code``."""
    native = _native.voucher_issue_table(arrow_input(rows), key, spec=spec, on_error=on_error)
    return _table(native)


def voucher_issue_stream(
    rows: Any,
    key: Union[bytes, bytearray, str],
    *,
    spec: Optional[Mapping[str, Any]] = None,
    on_error: str = "keep",
    batch_size: int = 65_536,
) -> ArrowReader:
    """:func:`voucher_issue` lazily over a stream."""
    stream = _native.voucher_issue_stream(
        arrow_input(rows), key, spec=spec, on_error=on_error, batch_size=batch_size,
    )
    return _reader(stream)


def voucher_verify(
    rows: Any,
    key: Union[bytes, bytearray, str],
    *,
    spec: Optional[Mapping[str, Any]] = None,
    now: Any = None,
    on_error: str = "keep",
) -> ArrowTable:
    """Verify every code of ``rows`` (``code``, the scope columns ``store_id``, ``deal_id``,
    ``expires_at``, and ``now`` or ``now=`` for all), as :func:`o2okit.verify_code` does:
    ``valid``, ``serial``, ``reason`` (``bad_check_digit``, ``mismatch``, ``expired``). A
    malformed code (not digits, a wrong length) is an error row; no message repeats a code."""
    native = _native.voucher_verify_table(arrow_input(rows), key, spec=spec, now=now, on_error=on_error)
    return _table(native)
