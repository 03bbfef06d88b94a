"""The few hand-written methods of the record classes, and how records print.

``XExtras`` is mixed into the generated record class ``X`` (``tools/gen_records.py`` copies
the methods' signatures into ``records.pyi``). Only look-ups, conveniences and views live
here; any rule (a coupon's uses, what a rollback can still return) is asked of the core.

``REPR`` says what a record's ``repr`` shows (see ``_record._repr``): ``name``, ``name!``
(shown when None), ``#name`` (a list's length), ``label=path``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import _o2okit
from ._record import STYLE, esc, fields_table, money_html, table

if TYPE_CHECKING:  # pragma: no cover
    from ._o2okit import Money
    from .records import AppliedDiscount, Participation, Rejection, Team

REPR: dict[str, tuple[str, ...]] = {
    "Quote": ("total", "#discounts", "#rejected"),
    "AppliedDiscount": ("promotion_id", "kind", "amount"),
    "LineShare": ("line_id", "amount"),
    "FundedBy": ("role", "party_id!"),
    "DeliveryQuote": ("fee", "discount", "charged"),
    "QuotedLine": ("line_id", "quantity", "original", "discount", "net"),
    "UnitRun": ("count", "net"),
    "GiftItem": ("promotion_id", "product_id", "quantity", "value"),
    "Rejection": ("promotion_id", "reason"),
    "Hint": ("code", "message"),
    "SelectionReport": ("mode", "optimal", "candidates", "evaluations", "saving"),
    "HeldCoupon": ("coupon_id", "promotion_id", "uses", "max_uses"),
    "Redemption": ("order_id", "amount", "rolled_back", "released"),
    "CouponProblem": ("code", "message"),
    "GroupBuyState": ("campaign_id", "status", "#teams", "#participations"),
    "Team": ("id", "status", "leader", "#members"),
    "Participation": ("id", "customer_id", "status", "price"),
    "VirtualFillReport": ("real", "filled"),
    "Resolution": ("team_id!", "status", "reason!"),
    "GroupBuyOutcome": ("kind", "key", "participation_id", "team_id", "new_leader"),
    "GroupBuyStep": ("outcome=outcome.kind", "#effects", "status=state.status"),
    "GroupBuyReplay": ("events=#outcomes", "#effects", "status=state.status"),
    "ProgressHint": ("code", "message"),
    "TeamProgress": ("team_id", "status", "count", "size", "hint=hint.message!"),
    "GroupBuyProgress": ("campaign_id", "status", "count", "paid", "hint=hint.message!"),
    "Ledger": ("order_id", "paid", "#lines"),
    "LedgerLine": ("party_id", "role", "kind", "rule", "amount"),
    "Clawback": ("order_id", "refund", "#lines"),
    "Statement": ("party_id", "period", "total", "line_count", "order_count"),
    "Settlement": ("period", "time_zone", "#statements"),
}


class AllocationExtras:
    __slots__ = ()

    def amounts(self) -> list[Money]:
        """The parts' amounts, in the order of the weights."""
        return [part.amount for part in self.parts]  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        amounts = ", ".join(repr(str(a.amount)) for a in self.amounts())
        return (
            f"Allocation(total={self.total!r}, unit={self.unit!r}, "  # type: ignore[attr-defined]
            f"leftover_units={self.leftover_units}, amounts=[{amounts}])"  # type: ignore[attr-defined]
        )


class QuoteExtras:
    __slots__ = ()

    def discount(self, promotion_id: str) -> Optional[AppliedDiscount]:
        """The discount a promotion applied, or None."""
        return next((d for d in self.discounts if d.promotion_id == promotion_id), None)  # type: ignore[attr-defined]

    def rejection(self, promotion_id: str) -> Optional[Rejection]:
        """Why a promotion did not apply, or None (it applied, or was not given)."""
        return next((r for r in self.rejected if r.promotion_id == promotion_id), None)  # type: ignore[attr-defined]

    def _repr_html_(self) -> str:
        """The quote as a receipt: lines, discounts with who pays them, totals, and the
        promotions that did not apply with their hints."""
        q: Any = self
        parts = [STYLE]
        parts.append(
            table(
                q.lines,
                [("line", "line_id"), ("qty", "quantity"), ("original", "original"), ("discount", "discount"), ("net", "net")],
                caption="Quote",
            )
        )
        if q.discounts:
            parts.append(
                table(
                    q.discounts,
                    [
                        ("promotion", "promotion_id"),
                        ("kind", "kind"),
                        ("level", "level"),
                        ("funded by", "funded_by.role"),
                        ("party", "funded_by.party_id"),
                        ("amount", "amount"),
                    ],
                    caption="Discounts",
                )
            )
        totals = [("subtotal", q.subtotal), ("discounts", -q.discount_total)]
        if q.delivery is not None:
            totals.append(("delivery", q.delivery.charged))
        totals.append(("total", q.total))
        rows = "".join(f'<tr><th>{esc(k)}</th><td class="num">{money_html(v)}</td></tr>' for k, v in totals)
        parts.append(f'<table class="o2okit">{rows}</table>')
        if q.rejected:
            parts.append(
                table(
                    q.rejected,
                    [("promotion", "promotion_id"), ("reason", "reason"), ("hint", "hint.message")],
                    caption="Did not apply",
                )
            )
        return "".join(parts)


class HeldCouponExtras:
    __slots__ = ()

    @property
    def uses(self) -> int:
        """The redemptions that still count (not released by a rollback)."""
        return _o2okit._coupon_uses(self)  # type: ignore[arg-type]

    def remaining(self, order_id: str) -> Optional[Money]:
        """What a rollback of ``order_id`` could still return, or None if it never redeemed."""
        return _o2okit._coupon_remaining(self, order_id)  # type: ignore[arg-type]

    def validate(self) -> None:
        """Check that the record is consistent (``InputError``, code ``invalid_input``,
        otherwise)."""
        _o2okit._coupon_validate(self)  # type: ignore[arg-type]


class CouponValidationExtras:
    __slots__ = ()

    def __repr__(self) -> str:
        v: Any = self
        if v.discount is not None:
            detail = f", discount={v.discount!r}"
        elif v.rejection is not None:
            detail = f", rejection={v.rejection!r}"
        elif v.problem is not None:
            detail = f", problem={v.problem.code!r}"
        else:
            detail = ""
        return f"CouponValidation(coupon_id={v.coupon_id!r}, valid={v.valid!r}{detail})"


class GroupBuyStateExtras:
    __slots__ = ()

    @property
    def campaign_id(self) -> str:
        """The campaign's id (``campaign.id``)."""
        campaign_id: str = self.campaign.id  # type: ignore[attr-defined]
        return campaign_id

    def participation(self, id: str) -> Optional[Participation]:
        """The participation with this id (``p1``, ``p2``, ...), or None."""
        return next((p for p in self.participations if p.id == id), None)  # type: ignore[attr-defined]

    def team(self, id: str) -> Optional[Team]:
        """The team with this id (``t1``, ``t2``, ...), or None."""
        return next((t for t in self.teams if t.id == id), None)  # type: ignore[attr-defined]


class SimulationReportExtras:
    __slots__ = ()

    def __repr__(self) -> str:
        r: Any = self
        sizes = ", ".join(str(x.size) for x in r.results)
        return f"SimulationReport(teams={r.teams}, sizes=[{sizes}], largest_size_meeting_target={r.largest_size_meeting_target})"


LEDGER_COLUMNS = [
    ("party", "party_id"),
    ("role", "role"),
    ("kind", "kind"),
    ("rule", "rule"),
    ("base", "base"),
    ("base amount", "base_amount"),
    ("touch", "touchpoint"),
    ("channel", "channel"),
    ("amount", "amount"),
]


class LedgerExtras:
    __slots__ = ()

    def _repr_html_(self) -> str:
        """The ledger: who gets what, one row per line, amounts with their currency."""
        ledger: Any = self
        head = fields_table(ledger, ["order_id", "at", "paid", "gross", "delivery_fee"], caption="Ledger")
        return head + table(ledger.lines, LEDGER_COLUMNS)


class ClawbackExtras:
    __slots__ = ()

    def _repr_html_(self) -> str:
        """The clawback of a refund: what each party gives back (negative amounts)."""
        clawback: Any = self
        names = [n for n in type(self)._fields if n != "lines"]  # type: ignore[attr-defined]
        return fields_table(clawback, names, caption="Clawback") + table(clawback.lines, LEDGER_COLUMNS)


STATEMENT_COLUMNS = [
    ("party", "party_id"),
    ("currency", "currency"),
    ("period", "period"),
    ("credits", "credits"),
    ("debits", "debits"),
    ("total", "total"),
    ("lines", "line_count"),
    ("orders", "order_count"),
]


class SettlementExtras:
    __slots__ = ()

    def _repr_html_(self) -> str:
        """One row per statement (party, currency, period), amounts with their currency."""
        s: Any = self
        return STYLE + table(s.statements, STATEMENT_COLUMNS, caption=f"Settlement ({s.period}, {s.time_zone})")


class StatementExtras:
    __slots__ = ()

    def _repr_html_(self) -> str:
        """The statement's totals, then its totals per role."""
        s: Any = self
        head = fields_table(s, [c for _, c in STATEMENT_COLUMNS], caption="Statement")
        return head + (table(s.roles, caption="By role") if s.roles else "")
