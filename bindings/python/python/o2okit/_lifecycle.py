"""Order lifecycles: the online → offline voucher order (flow 1, a prepaid group-buy voucher,
团购券) as a pure state machine — paid online, redeemed in store (核销) by count, reversed
inside the reversal window, refunded, expired and settled through the revenue split — and the
store order (flows 2, 3 and 4: ordered online, fulfilled by a store; see
:func:`store_order_open`).

Thin wrappers over the core's wire functions ``voucher_order.open``, ``voucher_order.step``
and ``voucher_order.replay``, pure functions over plain state values: pass the state a previous
call returned (or your stored copy of it) and get the next one back. Inputs are the wire shapes
as Python values: the deal (``VoucherDeal``) and commands (``VoucherOrderCommand``: ``pay``,
``redeem``, ``reverse``, ``refund``, ``expire``, ``settle``, each with a ``key`` and an
``actor``) as mappings, amounts as ``Money``, ``Decimal``, ``int`` or ``str`` (never
``float``), times as aware ``datetime`` or RFC 3339 strings. Outputs are records
(``VoucherOrderState``, ``VoucherOrderStep``, ``VoucherOrderReplay`` and the store-order
ones); a state record (or its ``to_dict()``) is what the next step takes.
Errors are ``LifecycleError`` (category ``lifecycle``: ``command_not_allowed``,
``store_not_allowed``, ``outside_validity``, ``no_uses_left``, ``reversal_window_passed``,
``already_settled``, ``already_reversed``, ``refund_not_allowed``, ``unknown_voucher``,
``unknown_redemption``, ``amount_mismatch``, ``invalid_deal``) or another ``O2OError`` subclass
(``idempotency_conflict`` and ``time_out_of_order`` are shared with group-buy and raise
``GroupBuyError``), with ``.code``; the error of a replayed log has ``details["event_index"]``.

The store order (``store_order.open``, ``store_order.step``, ``store_order.replay``) takes a
``StoreOrderPolicy`` (``flow``: ``offline_to_online``, ``online_to_offline_to_online`` or
``offline_to_online_to_offline``; ``currency``; the split ``plan``; optional ``binding``,
``channels`` with their fee, ``partner_stores`` and ``assign`` for flow 3 routing,
``cancel_minutes``, ``refund``) and commands ``touch``, ``place``, ``accept``, ``ready``,
``dispatch``, ``complete``, ``settle``, ``cancel``, ``void``, ``refund``, each with a ``key``
and an ``actor`` (``customer``, ``staff``, ``logistics``, ``platform``). Statuses: ``created``,
``received``, ``in_preparation``, ``ready``, ``out_for_delivery``, ``completed``, ``closed``;
terminal ``cancelled``, ``voided``, ``refunded``. Its own ``LifecycleError`` codes:
``invalid_store_order_policy``, ``unknown_channel``, ``no_store_available`` (besides
``command_not_allowed``, ``refund_not_allowed`` and the shared ones above).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping, Union

from ._o2okit import _call
from .records import (
    StoreOrderReplay,
    StoreOrderState,
    StoreOrderStep,
    VoucherOrderReplay,
    VoucherOrderState,
    VoucherOrderStep,
)


def voucher_order_open(deal: Mapping[str, Any], order_id: str, customer_id: str) -> VoucherOrderState:
    """Open an order for a deal: a ``VoucherOrderState`` with status ``created``, nothing paid.

    >>> deal = {"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1,
    ...         "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00",
    ...         "valid_until": "2026-04-01T00:00:00+08:00", "stores": ["S1"], "refund": "at_expiry",
    ...         "reversal_minutes": 10,
    ...         "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "hotpot-house"}}}
    >>> state = voucher_order_open(deal, "o-1", "ann")
    >>> state.status, state.totals.charged
    ('created', Money('0.00', 'CNY'))
    """
    return VoucherOrderState(_call("voucher_order.open", {"deal": deal, "order_id": order_id, "customer_id": customer_id}))


def voucher_order_step(
    state: Union[VoucherOrderState, Mapping[str, Any]],
    deal: Mapping[str, Any],
    command: Mapping[str, Any],
    now: Union[datetime, str],
) -> VoucherOrderStep:
    """Apply one command to an order's state at ``now``: a ``VoucherOrderStep`` (``.state``,
    ``.effects``, ``.duplicate``). The same command again under its key is a duplicate (the
    original effects, ``duplicate=True``, nothing applied twice); another command under a used key raises ``GroupBuyError``
    (``idempotency_conflict``). A rejected command changes nothing.

    >>> deal = {"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1,
    ...         "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00",
    ...         "valid_until": "2026-04-01T00:00:00+08:00", "stores": ["S1"], "refund": "at_expiry",
    ...         "reversal_minutes": 10,
    ...         "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "hotpot-house"}}}
    >>> state = voucher_order_open(deal, "o-1", "ann")
    >>> pay = {"type": "pay", "key": "p", "actor": "customer", "amount": {"amount": "100.00", "currency": "CNY"}}
    >>> paid = voucher_order_step(state, deal, pay, "2026-03-01T09:00:00+08:00")
    >>> [e.type for e in paid.effects], paid.state.status
    (['charge', 'issue_voucher'], 'issued')
    >>> redeem = {"type": "redeem", "key": "r1", "actor": "staff", "voucher": "o-1/v1", "store_id": "S1"}
    >>> once = voucher_order_step(paid.state, deal, redeem, "2026-03-05T19:00:00+08:00")
    >>> once.effects[0].amount
    Money('33.33', 'CNY')
    >>> twice = voucher_order_step(once.state, deal, redeem, "2026-03-05T19:01:00+08:00")
    >>> twice.duplicate, twice.state == once.state
    (True, True)
    """
    request = {"state": state, "deal": deal, "command": command, "now": now}
    return VoucherOrderStep(_call("voucher_order.step", request))


def voucher_order_replay(
    deal: Mapping[str, Any],
    order_id: str,
    customer_id: str,
    commands: Iterable[Mapping[str, Any]],
) -> VoucherOrderReplay:
    """Open an order and apply a command log (``[{"at", "command"}]``, in time order): a
    ``VoucherOrderReplay`` (``.state``, ``.effects``, ``.duplicates``), the same as
    :func:`voucher_order_step` on each
    command in turn. The first rejected command raises its error with
    ``details["event_index"]``, its position.

    >>> deal = {"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1,
    ...         "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00",
    ...         "valid_until": "2026-04-01T00:00:00+08:00", "stores": ["S1"], "refund": "at_expiry",
    ...         "reversal_minutes": 10,
    ...         "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "hotpot-house"}}}
    >>> log = [
    ...     {"at": "2026-03-01T09:00:00+08:00", "command": {"type": "pay", "key": "p", "actor": "customer",
    ...                                                 "amount": {"amount": "100.00", "currency": "CNY"}}},
    ...     {"at": "2026-03-05T19:00:00+08:00", "command": {"type": "redeem", "key": "r1", "actor": "staff",
    ...                                                 "voucher": "o-1/v1", "store_id": "S1", "count": 2}},
    ...     {"at": "2026-03-06T00:00:00+08:00", "command": {"type": "settle", "key": "s", "actor": "platform"}},
    ...     {"at": "2026-04-01T00:00:00+08:00", "command": {"type": "expire", "key": "e", "actor": "scheduler"}},
    ... ]
    >>> replay = voucher_order_replay(deal, "o-1", "ann", log)
    >>> totals = replay.state.totals
    >>> replay.state.status, str(totals.settled), str(totals.refunded)
    ('closed', '66.67 CNY', '33.33 CNY')
    """
    request = {"deal": deal, "order_id": order_id, "customer_id": customer_id, "commands": commands}
    return VoucherOrderReplay(_call("voucher_order.replay", request))


def store_order_open(policy: Mapping[str, Any], order_id: str, customer_id: str) -> StoreOrderState:
    """Open a store order (flows 2, 3 and 4) under a policy: a ``StoreOrderState`` with status
    ``created``, nothing paid. Flow 1 (``online_to_offline``) is the voucher order and raises
    ``LifecycleError`` (``invalid_store_order_policy``).

    >>> policy = {"id": "papa", "flow": "offline_to_online_to_offline", "currency": "CNY",
    ...           "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "papa-johns"}},
    ...           "channels": [{"id": "wechat", "kind": "mini_program",
    ...                         "fee": {"type": "percent", "percent": "0.6"},
    ...                         "fee_to": {"role": "payment_processor", "party_id": "wxpay"}}]}
    >>> state = store_order_open(policy, "o-1", "ann")
    >>> state.status, state.flow, str(state.totals.charged)
    ('created', 'offline_to_online_to_offline', '0.00 CNY')
    """
    request = {"policy": policy, "order_id": order_id, "customer_id": customer_id}
    return StoreOrderState(_call("store_order.open", request))


def store_order_step(
    state: Union[StoreOrderState, Mapping[str, Any]],
    policy: Mapping[str, Any],
    command: Mapping[str, Any],
    now: Union[datetime, str],
) -> StoreOrderStep:
    """Apply one command to a store order's state at ``now``: a ``StoreOrderStep``
    (``.state``, ``.effects``, ``.duplicate``). The same command again under its key is a
    duplicate (the original effects, ``duplicate=True``, nothing applied twice); another command under a used key raises
    ``GroupBuyError`` (``idempotency_conflict``). A rejected command changes nothing.

    >>> policy = {"id": "papa", "flow": "offline_to_online_to_offline", "currency": "CNY",
    ...           "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "papa-johns"}},
    ...           "channels": [{"id": "wechat", "kind": "mini_program",
    ...                         "fee": {"type": "percent", "percent": "0.6"},
    ...                         "fee_to": {"role": "payment_processor", "party_id": "wxpay"}}]}
    >>> state = store_order_open(policy, "o-1", "ann")
    >>> place = {"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
    ...          "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in",
    ...          "store_id": "xuhui"}
    >>> placed = store_order_step(state, policy, place, "2026-03-06T12:00:00+08:00")
    >>> [e.type for e in placed.effects], placed.state.status
    (['charge'], 'received')
    >>> again = store_order_step(placed.state, policy, place, "2026-03-06T12:00:30+08:00")
    >>> again.duplicate, again.state == placed.state
    (True, True)
    """
    request = {"state": state, "policy": policy, "command": command, "now": now}
    return StoreOrderStep(_call("store_order.step", request))


def store_order_replay(
    policy: Mapping[str, Any],
    order_id: str,
    customer_id: str,
    commands: Iterable[Mapping[str, Any]],
) -> StoreOrderReplay:
    """Open a store order and apply a command log (``[{"at", "command"}]``, in time order): a
    ``StoreOrderReplay`` (``.state``, ``.effects``, ``.duplicates``), the same as
    :func:`store_order_step` on each
    command in turn. The first rejected command raises its error with
    ``details["event_index"]``, its position.

    >>> policy = {"id": "papa", "flow": "offline_to_online_to_offline", "currency": "CNY",
    ...           "plan": {"rules": [{"id": "store", "to": {"role": "store"}, "base": "gross_paid",
    ...                               "pay": {"type": "percent", "percent": "10"}}],
    ...                    "remainder": {"role": "merchant", "party_id": "papa-johns"}},
    ...           "channels": [{"id": "wechat", "kind": "mini_program",
    ...                         "fee": {"type": "percent", "percent": "0.6"},
    ...                         "fee_to": {"role": "payment_processor", "party_id": "wxpay"}}]}
    >>> def at(hm):
    ...     return f"2026-03-06T{hm}:00+08:00"
    >>> log = [
    ...     {"at": at("12:00"), "command": {"type": "place", "key": "p", "actor": "customer",
    ...         "channel": "wechat", "amount": {"amount": "88.00", "currency": "CNY"},
    ...         "fulfilment": "dine_in", "store_id": "xuhui"}},
    ...     {"at": at("12:01"), "command": {"type": "accept", "key": "a", "actor": "staff"}},
    ...     {"at": at("12:15"), "command": {"type": "ready", "key": "r", "actor": "staff"}},
    ...     {"at": at("12:16"), "command": {"type": "complete", "key": "c", "actor": "staff"}},
    ...     {"at": at("23:00"), "command": {"type": "settle", "key": "s", "actor": "platform"}},
    ... ]
    >>> replay = store_order_replay(policy, "o-1", "ann", log)
    >>> replay.state.status
    'closed'
    >>> [(line.party_id, str(line.amount)) for line in replay.effects[-1].ledger.lines]
    [('wxpay', '0.53 CNY'), ('xuhui', '8.80 CNY'), ('papa-johns', '78.67 CNY')]
    """
    request = {"policy": policy, "order_id": order_id, "customer_id": customer_id, "commands": commands}
    return StoreOrderReplay(_call("store_order.replay", request))
