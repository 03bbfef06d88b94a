"""The one style of the package: every result is a record (generated from the JSON Schema),
read-only, typed, comparable, picklable and deep-copyable; shown as a table in notebooks.

Instances of every record class come from the golden vectors' results (through the same
idiomatic runners as test_vectors.py), so each class is checked on real data."""

from __future__ import annotations

import copy
import json
import pickle
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, TypeVar

import pytest

import o2okit
from o2okit import Money, Record, records
from record_walk import walk
from test_vectors import CASES, RUNNERS

RECORD_CLASSES = [getattr(records, name) for name in records.__all__]
R = TypeVar("R", bound=Record)


def sample(cls: type[R]) -> R:
    """The first instance of ``cls`` the vectors gave."""
    found = SAMPLES[cls][0]
    assert isinstance(found, cls)
    return found


def collect(value: Any, into: dict[type, list[Record]]) -> None:
    if isinstance(value, Record):
        if len(into[type(value)]) < 3:
            into[type(value)].append(value)
        for attr in type(value)._fields:
            collect(getattr(value, attr), into)
    elif isinstance(value, list):
        for item in value:
            collect(item, into)
    elif isinstance(value, dict):
        for item in value.values():
            collect(item, into)


def samples() -> dict[type, list[Record]]:
    found: dict[type, list[Record]] = defaultdict(list)
    for case in CASES:
        if "expected" not in case or case.get("wire_only"):
            continue
        collect(RUNNERS[case["function"]](case["input"]), found)
    return found


SAMPLES = samples()


def test_the_vectors_give_an_instance_of_nearly_every_record_class() -> None:
    missing = sorted(cls.__name__ for cls in RECORD_CLASSES if cls not in SAMPLES)
    # Input types echoed in states that no vector happens to fill in (every class is still
    # exercised by the generic tests below through from_dict where it is a result type).
    assert len(missing) <= len(RECORD_CLASSES) // 5, missing
    assert len(SAMPLES) >= 100


SAMPLED = sorted(SAMPLES, key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", SAMPLED, ids=[c.__name__ for c in SAMPLED])
def test_every_record_pickles_copies_and_compares(cls: type[Record]) -> None:
    for record in SAMPLES[cls]:
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(record, protocol=protocol))
            assert type(back) is cls and back == record and back.to_dict() == record.to_dict()
        deep = copy.deepcopy(record)
        assert type(deep) is cls and deep == record and deep is not record
        assert copy.copy(record) == record
        # In a container, as multiprocessing and Spark ship them.
        assert pickle.loads(pickle.dumps({"rows": [record, record]}))["rows"][1] == record
        assert record != record.to_dict() and not (record == None)  # noqa: E711
        with pytest.raises(TypeError):
            hash(record)
        with pytest.raises(AttributeError):
            setattr(record, cls._fields[0], None)
        assert json.loads(record.to_json()) == record.to_dict()
        assert walk(record) > 0
        assert repr(record).startswith(cls.__name__ + "(")
        html = record._repr_html_()
        assert html.count("<table") == html.count("</table>") >= 1


def test_records_are_the_generated_classes_with_docs() -> None:
    assert len(RECORD_CLASSES) >= 100
    for cls in RECORD_CLASSES:
        assert issubclass(cls, Record) and cls.__module__ == "o2okit.records"
        assert cls.__doc__, cls
        for attr in cls._fields:
            prop = next(c.__dict__[attr] for c in cls.__mro__ if attr in c.__dict__)
            assert isinstance(prop, property) and prop.fset is None, (cls, attr)
    assert records.Quote is o2okit.Quote and records.Ledger is o2okit.Ledger
    assert o2okit.Quote.total.__doc__ == "What the customer pays."


def test_from_dict_is_checked_by_the_core() -> None:
    ledger = sample(records.Ledger)
    assert records.Ledger.from_dict(ledger.to_dict()) == ledger
    assert records.Ledger.from_json(ledger.to_json()) == ledger
    bad = {**ledger.to_dict(), "paid": {"amount": 1.5, "currency": "CNY"}}
    with pytest.raises(o2okit.MoneyError) as err:
        records.Ledger.from_dict(bad)
    assert err.value.code == "number_for_money"
    # A part of a result is read with its result.
    line = ledger.lines[0]
    with pytest.raises(o2okit.InputError, match="cannot be read on its own"):
        records.LedgerLine.from_dict(line.to_dict())


def test_a_record_goes_back_in_as_it_is() -> None:
    """A state record is accepted where its wire mapping is (group-buy, lifecycles, cards):
    written back as the core's own JSON."""
    cst = timezone(timedelta(hours=8))
    campaign = {"id": "c", "deadline": datetime(2026, 12, 1, tzinfo=cst),
                "kind": {"type": "tipping_point", "min_participants": 2, "price": Money("9.90", "CNY")}}
    state = o2okit.groupbuy_open(campaign)
    step = o2okit.groupbuy_step(state, {"type": "join", "key": "k", "customer_id": "ann"}, datetime(2026, 11, 1, tzinfo=cst))
    same = o2okit.groupbuy_step(state.to_dict(), {"type": "join", "key": "k", "customer_id": "ann"}, datetime(2026, 11, 1, tzinfo=cst))
    assert step == same
    assert o2okit.call("groupbuy.progress", {"state": step.state, "now": datetime(2026, 11, 2, tzinfo=cst)})["count"] == 1
    # Unpickled, it still goes back in.
    again = pickle.loads(pickle.dumps(step.state))
    assert o2okit.groupbuy_progress(again, datetime(2026, 11, 2, tzinfo=cst)).count == 1


def test_missing_fields_read_as_the_schema_says() -> None:
    state = o2okit.groupbuy_open({"id": "c", "deadline": "2026-12-01T00:00:00+08:00",
                                  "kind": {"type": "tipping_point", "min_participants": 2,
                                           "price": Money("9.90", "CNY")}})
    wire = state.to_dict()
    assert "teams" not in wire and state.teams == []  # left out on the wire when empty
    assert state.as_of is None and state.final_price is None
    assert state.campaign.vouchers_per_participant in (None, 1)
    assert isinstance(state.campaign.deadline, datetime)
    assert state.campaign.deadline.utcoffset() == timedelta(hours=8)


def test_notebook_views() -> None:
    quote = sample(records.Quote)
    html = quote._repr_html_()
    assert "Quote" in html and "total" in html
    assert f"{quote.total.amount}&nbsp;{quote.total.currency}" in html  # amounts with their currency
    ledger = sample(records.Ledger)
    html = ledger._repr_html_()
    for line in ledger.lines:
        assert f"{line.amount.amount}&nbsp;{line.amount.currency}" in html
        assert line.party_id in html
    settlement = sample(records.Settlement)
    html = settlement._repr_html_()
    for statement in settlement.statements:
        assert f"{statement.total.amount}&nbsp;{statement.total.currency}" in html
        assert statement._repr_html_().count("<table") >= 1
    # Large lists are cut in the view, not in the data.
    many = o2okit.issue_codes(bytes(range(32)), 0, 120)
    assert len(many) == 120


def test_decimals_and_times_are_python_values() -> None:
    report = o2okit.simulate_teams([[1], [5], []], sizes=[2], window=3)
    assert report.results[0].success_rate == Decimal("0.3333")
    assert isinstance(report.results[0].success_rate, Decimal)
    ledger = sample(records.Ledger)
    assert isinstance(ledger.at, datetime) and ledger.at.tzinfo is not None
    assert ledger.to_dict()["at"] == ledger.to_json().split('"at":"')[1].split('"')[0]
