"""The four O2O flows from Python: the four classification examples of flows.json (a
group-buy voucher redeemed in a store, a store QR code and home delivery, a showroom try and
an online purchase, a store poster and dinner), order independence, the results that name no
flow, the flow definitions, and the errors."""

from __future__ import annotations

import doctest
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Optional

import pytest

import o2okit
import o2okit._flows
from o2okit import FlowError, InputError, O2OError

CST = timezone(timedelta(hours=8))
VECTORS = Path(__file__).resolve().parent / ".." / ".." / ".." / "testdata" / "vectors"
FLOWS = ["online_to_offline", "offline_to_online", "online_to_offline_to_online", "offline_to_online_to_offline"]


def touch(channel: str, stage: str, day: int, hour: int, minute: int = 0, kind: Optional[str] = None) -> dict[str, Any]:
    point: dict[str, Any] = {"channel": channel, "stage": stage, "at": datetime(2026, 5, day, hour, minute, tzinfo=CST)}
    if kind is not None:
        point["kind"] = kind
    return point


# The four examples (flows.json, flow-1 to flow-4).
VOUCHER = [  # 1: an online ad, a group-buy voucher paid online, redeemed in the store
    touch("online", "marketing", 1, 10, 0, "ad_click"),
    touch("online", "transaction", 1, 10, 5, "group_buy_paid"),
    touch("offline", "experience", 3, 19, 0, "voucher_redeemed"),
]
QR_DELIVERY = [  # 2: a store's QR code, an order in the online mall, home delivery
    touch("offline", "marketing", 2, 15, 40, "qr_scan"),
    touch("online", "transaction", 2, 21, 5, "mall_order"),
    touch("offline", "fulfilment", 3, 10, 30, "home_delivery"),
]
SHOWROOM = [  # 3: an online ad, a try in a store, an order in the app
    touch("online", "marketing", 1, 9, 0, "ad_view"),
    touch("offline", "experience", 2, 14, 0, "showroom_try"),
    touch("online", "transaction", 2, 20, 0, "app_order"),
]
DINE_IN = [  # 4: a store poster, a WeChat order, dinner in the store
    touch("offline", "marketing", 4, 11, 50, "poster"),
    touch("online", "transaction", 4, 11, 55, "wechat_order"),
    touch("offline", "experience", 4, 12, 10, "dine_in"),
]


def evidence(*parts: str) -> list[dict[str, Any]]:
    return [{"index": i, "counted_as": part} for i, part in enumerate(parts)]


def test_the_four_examples() -> None:
    consumed = evidence("first_touch", "transaction", "consumption")
    assert o2okit.classify(VOUCHER).to_dict() == {"result": "classified", "flow": "online_to_offline", "evidence": consumed}
    assert o2okit.classify(QR_DELIVERY).to_dict() == {"result": "classified", "flow": "offline_to_online", "evidence": consumed}
    assert o2okit.classify(SHOWROOM).to_dict() == {
        "result": "classified",
        "flow": "online_to_offline_to_online",
        "evidence": evidence("first_touch", "experience", "transaction"),
    }
    assert o2okit.classify(DINE_IN).to_dict() == {"result": "classified", "flow": "offline_to_online_to_offline", "evidence": consumed}


def test_same_as_the_golden_vectors() -> None:
    doc = json.loads((VECTORS / "flows.json").read_text(encoding="utf-8"))
    cases = {c["name"]: c for c in doc["cases"]}
    for name, journey in [
        ("flow-1-online-ad-online-pay-in-store-redemption", VOUCHER),
        ("flow-2-store-qr-online-order-home-delivery", QR_DELIVERY),
        ("flow-3-online-ad-store-experience-online-purchase", SHOWROOM),
        ("flow-4-store-poster-wechat-order-dine-in", DINE_IN),
    ]:
        case = cases[name]
        assert o2okit.classify(case["input"]["touchpoints"]).to_dict() == case["expected"], name
        assert o2okit.classify(journey).to_dict() == case["expected"], name


def test_order_does_not_matter() -> None:
    result = o2okit.classify(list(reversed(VOUCHER)))
    assert result.flow == "online_to_offline"
    # The evidence names positions in the list as given.
    assert [e.to_dict() for e in result.evidence] == [
        {"index": 2, "counted_as": "first_touch"},
        {"index": 1, "counted_as": "transaction"},
        {"index": 0, "counted_as": "consumption"},
    ]
    # Any iterable of touchpoints; RFC 3339 strings as well as aware datetimes.
    as_strings = ({**t, "at": t["at"].isoformat()} for t in DINE_IN)
    assert o2okit.classify(as_strings).flow == "offline_to_online_to_offline"


def test_results_that_name_no_flow() -> None:
    waiting = o2okit.classify(DINE_IN[:2])
    assert waiting.to_dict() == {
        "result": "incomplete",
        "missing": ["consumption"],
        "candidates": ["offline_to_online", "offline_to_online_to_offline"],
        "evidence": evidence("first_touch", "transaction"),
    }
    empty = o2okit.classify([])
    assert (empty.result, empty.missing, empty.candidates) == (
        "incomplete",
        ["first_touch", "transaction", "consumption"],
        FLOWS,
    )
    online_only = [*VOUCHER[:2], touch("online", "fulfilment", 1, 10, 6, "e_ticket")]
    assert o2okit.classify(online_only).result == "not_o2o"
    assert o2okit.classify(online_only).channel == "online"
    at_the_counter = [VOUCHER[0], touch("offline", "transaction", 2, 10, 5)]
    assert o2okit.classify(at_the_counter).to_dict() == {
        "result": "not_o2o",
        "channel": "offline",
        "evidence": [{"index": 1, "counted_as": "transaction"}],
    }
    both = [DINE_IN[0], DINE_IN[1], {**DINE_IN[1], "channel": "offline"}, DINE_IN[2]]
    assert o2okit.classify(both).to_dict() == {
        "result": "ambiguous",
        "reason": "conflicting_transactions",
        "candidates": ["offline_to_online_to_offline"],
        "touchpoints": [1, 2],
    }


def test_flow_errors() -> None:
    with pytest.raises(FlowError) as info:
        o2okit.classify([{**VOUCHER[0], "party": {"role": "marketing_channel", "party_id": ""}}])
    err = info.value
    assert (err.code, err.category) == ("invalid_journey", "flow")
    assert isinstance(err, O2OError) and isinstance(err, ValueError)
    assert err.details == {"code": "invalid_journey", "category": "flow", "message": str(err)}
    assert "touchpoints[0].party.party_id" in str(err)
    with pytest.raises(FlowError) as repeated:
        o2okit.classify([{**VOUCHER[0], "id": "t1"}, {**VOUCHER[1], "id": "t1"}])
    assert repeated.value.code == "invalid_journey"
    # A party with an id is fine (the classification never reads it).
    store = {**DINE_IN[0], "party": {"role": "store", "party_id": "store-042"}, "id": "t1"}
    assert o2okit.classify([store, *DINE_IN[1:]]).flow == "offline_to_online_to_offline"


def test_bad_input() -> None:
    with pytest.raises(InputError) as naive:
        o2okit.classify([{**VOUCHER[0], "at": datetime(2026, 5, 1, 10, 0)}])
    assert naive.value.code == "invalid_input"
    assert "touchpoints[0].at" in str(naive.value)
    with pytest.raises(InputError) as channel:
        o2okit.classify([{**VOUCHER[0], "channel": "email"}])
    assert channel.value.code == "invalid_json"
    # The journey mapping itself is not its touchpoints.
    with pytest.raises(TypeError, match="touchpoints"):
        o2okit.classify({"touchpoints": VOUCHER})  # type: ignore[dict-item]


def test_flow_definitions() -> None:
    definitions = {flow: o2okit.flow_definition(flow) for flow in FLOWS}
    assert [d.flow for d in definitions.values()] == FLOWS
    assert {flow: d.lifecycle for flow, d in definitions.items()} == {
        "online_to_offline": "voucher",
        "offline_to_online": "bound_store_order",
        "online_to_offline_to_online": "showroom_order",
        "offline_to_online_to_offline": "store_order",
    }
    o2o = definitions["online_to_offline"]
    assert [step.to_dict() for step in o2o.steps] == [
        {"part": "first_touch", "channel": "online", "stages": ["marketing", "experience"], "required": True},
        {"part": "transaction", "channel": "online", "stages": ["transaction"], "required": True},
        {"part": "consumption", "channel": "offline", "stages": ["experience", "fulfilment"], "required": True},
    ]
    assert o2o.roles == ["platform", "marketing", "payment_processor", "merchant", "store"]
    # Flow 2 is consumed in either channel; flow 3's consumption is optional.
    assert definitions["offline_to_online"].steps[2].channel is None
    assert definitions["online_to_offline_to_online"].steps[3].required is False
    with pytest.raises(InputError) as unknown:
        o2okit.flow_definition("offline_only")
    assert unknown.value.code == "invalid_json"


def test_docstring_examples_run() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._flows):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 9
    assert runner.summarize(verbose=False).failed == 0
