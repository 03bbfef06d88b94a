"""The four O2O flows (O2O四大模式): each flow as data, and which one a customer's journey
followed.

Thin wrappers over the core's wire functions ``flow.classify`` and ``flow.definition``. The
flows are ``online_to_offline`` (1: a group-buy voucher bought online, redeemed in a store),
``offline_to_online`` (2: a store's QR code, an online order, delivery or pickup),
``online_to_offline_to_online`` (3: an online ad, a try in a store, an online purchase) and
``offline_to_online_to_offline`` (4: a store poster, a WeChat order, dinner in the store). A
touchpoint is ``{"channel": "online" | "offline", "stage": "marketing" | "experience" |
"transaction" | "fulfilment", "at", "party"?, "id"?, "kind"?}``, its time an aware
``datetime`` or an RFC 3339 string. Outputs are records (``Classification``,
``FlowDefinition``). Errors are
``FlowError`` (category ``flow``: ``invalid_journey``) or another ``O2OError`` subclass, with
``.code``.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ._o2okit import _call
from .records import Classification, FlowDefinition


def classify(touchpoints: Iterable[Mapping[str, Any]]) -> Classification:
    """Which flow a journey followed, from its touchpoints (a list, or any iterable, of
    touchpoint mappings: the journey's ``touchpoints``, not the ``{"touchpoints": [...]}``
    journey itself). The ``Classification`` is tagged by ``result``:

    - ``{"result": "classified", "flow", "evidence"}``;
    - ``{"result": "incomplete", "missing", "candidates", "evidence"}`` (a part the decision
      needs is absent: no transaction yet, nothing after it, ...);
    - ``{"result": "ambiguous", "reason", "candidates", "touchpoints"}``;
    - ``{"result": "not_o2o", "channel", "evidence"}`` (commerce in one channel).

    The evidence names each deciding touchpoint by its position in ``touchpoints``; their
    order never changes the result (they are read by time). At most 10,000 touchpoints; an
    empty party id or a repeated touchpoint id raises ``FlowError`` (``invalid_journey``).

    >>> journey = [
    ...     {"channel": "offline", "stage": "marketing", "at": "2026-05-04T11:50:00+08:00", "kind": "poster"},
    ...     {"channel": "online", "stage": "transaction", "at": "2026-05-04T11:55:00+08:00"},
    ...     {"channel": "offline", "stage": "experience", "at": "2026-05-04T12:10:00+08:00", "kind": "dine_in"},
    ... ]
    >>> result = classify(journey)
    >>> result.result, result.flow
    ('classified', 'offline_to_online_to_offline')
    >>> [(e.index, e.counted_as) for e in result.evidence]
    [(0, 'first_touch'), (1, 'transaction'), (2, 'consumption')]
    >>> partial = classify(journey[:2])
    >>> partial.result, partial.missing, partial.candidates
    ('incomplete', ['consumption'], ['offline_to_online', 'offline_to_online_to_offline'])
    """
    if isinstance(touchpoints, Mapping):
        raise TypeError(
            "classify takes the list of touchpoints, not the journey mapping: "
            "pass journey[\"touchpoints\"]"
        )
    return Classification(_call("flow.classify", {"touchpoints": touchpoints}))


def flow_definition(flow: str) -> FlowDefinition:
    """One flow as data (a ``FlowDefinition``: ``flow``, ``steps``, ``roles``, ``lifecycle``). Each step is ``{"part",
    "channel"?, "stages", "required"}`` (a step without a channel takes either);
    ``lifecycle`` names the flow's order lifecycle (``voucher``, ``bound_store_order``,
    ``showroom_order``, ``store_order``). An unknown flow raises ``InputError``
    (``invalid_json``).

    >>> definition = flow_definition("online_to_offline")
    >>> [(s.part, s.channel) for s in definition.steps]
    [('first_touch', 'online'), ('transaction', 'online'), ('consumption', 'offline')]
    >>> definition.lifecycle, definition.roles[:2]
    ('voucher', ['platform', 'marketing'])
    """
    return FlowDefinition(_call("flow.definition", {"flow": flow}))
