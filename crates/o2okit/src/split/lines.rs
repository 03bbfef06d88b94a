//! The ledger lines of a split, borrowed: what a columnar batch writes straight into its
//! output columns without building a [`Ledger`](super::Ledger) per order.

use super::base::SplitBase;
use super::ledger::LineKind;
use super::order::{invalid, SplitOrder};
use super::plan::CompiledPlan;
use super::waterfall::{Slot, SplitBuffer};
use crate::Error;

/// One ledger line of the last split in a [`SplitBuffer`], with every text field borrowed
/// from the plan or the order: reading the lines of an order allocates nothing.
///
/// The fields are those of [`LedgerLine`](super::LedgerLine) (the same values, in the same
/// order: [`CompiledPlan::split`] builds its ledger from these views), with amounts in
/// minor units of the order's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineView<'a> {
    /// What made the line: a rule, the remainder or a subsidy.
    pub kind: LineKind,
    /// For a rule line, the rule's position in the plan.
    pub rule_index: Option<usize>,
    /// For a subsidy line, the discount's position in the order.
    pub discount_index: Option<usize>,
    /// The rule id, `remainder`, or the promotion id of a subsidy.
    pub rule: &'a str,
    /// The party.
    pub party_id: &'a str,
    /// The party's role on this line (a subsidy: its funder's role).
    pub role: &'a str,
    /// The base the line was computed on (see [`LedgerLine::base`](super::LedgerLine::base)).
    pub base: Option<SplitBase>,
    /// The value of that base, in minor units.
    pub base_amount_minor: i128,
    /// For an attributed rule: the touchpoint's position in the journey.
    pub touchpoint: Option<usize>,
    /// For an attributed rule: the touchpoint's channel.
    pub channel: Option<&'a str>,
    /// The amount in minor units (negative: what the party pays).
    pub amount_minor: i128,
}

impl LineKind {
    /// The wire name: `rule`, `remainder` or `subsidy`.
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Rule => "rule",
            LineKind::Remainder => "remainder",
            LineKind::Subsidy => "subsidy",
        }
    }
}

impl CompiledPlan {
    /// The ledger lines of the split [`CompiledPlan::split_into`] just wrote into `buffer`
    /// for `order`, borrowed from the plan and the order (nothing is allocated).
    ///
    /// `order` must be the order given to `split_into`. An order priced by a `quote` is
    /// resolved into a new order by the split; resolve it first with
    /// [`SplitOrder::from_quote`] and split that ([`Error::InvalidOrder`] otherwise).
    ///
    /// ```
    /// use o2okit::{SplitBuffer, SplitOrder, SplitPlan};
    /// let plan: SplitPlan = o2okit::decode(r#"{"rules": [{"id": "platform",
    ///     "to": {"role": "platform", "party_id": "mall"}, "base": "gross_paid",
    ///     "pay": {"type": "percent", "percent": "8"}}],
    ///     "remainder": {"role": "merchant", "party_id": "noodle-house"}}"#)?;
    /// let order: SplitOrder = o2okit::decode(r#"{"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
    ///     "paid": {"amount": "100.00", "currency": "CNY"}}"#)?;
    /// let compiled = plan.compile()?;
    /// let mut buffer = SplitBuffer::new();
    /// compiled.split_into(&order, &mut buffer)?;
    /// let lines: Vec<(&str, &str, i128)> = compiled
    ///     .lines(&order, &buffer)?
    ///     .map(|l| (l.party_id, l.role, l.amount_minor))
    ///     .collect();
    /// assert_eq!(lines, [("mall", "platform", 800), ("noodle-house", "merchant", 9200)]);
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn lines<'a>(
        &'a self,
        order: &'a SplitOrder,
        buffer: &'a SplitBuffer,
    ) -> Result<impl Iterator<Item = LineView<'a>> + 'a, Error> {
        if order.quote.is_some() {
            return Err(invalid(
                "order.quote",
                "read the lines of an order without a quote: split SplitOrder::from_quote(...) instead",
            ));
        }
        Ok(buffer
            .slots()
            .iter()
            .map(move |slot| self.view(order, slot)))
    }

    /// One slot of a split of `order` (already resolved from any quote) as a line view.
    pub(crate) fn view<'a>(&'a self, order: &'a SplitOrder, slot: &Slot) -> LineView<'a> {
        let plan = &self.plan;
        let (rule, role, rule_index, discount_index) = match slot.kind {
            LineKind::Rule => {
                let rule = plan.rules.get(slot.source);
                (
                    rule.map_or("", |r| r.id.as_str()),
                    rule.map_or("merchant", |r| r.to.role.as_str()),
                    Some(slot.source),
                    None,
                )
            }
            LineKind::Remainder => ("remainder", plan.remainder.role.as_str(), None, None),
            LineKind::Subsidy => {
                let discount = order.discounts.get(slot.source);
                (
                    discount.map_or("", |d| d.promotion_id.as_str()),
                    discount.map_or("merchant", |d| d.funded_by.role.as_str()),
                    None,
                    Some(slot.source),
                )
            }
        };
        LineView {
            kind: slot.kind,
            rule_index,
            discount_index,
            rule,
            party_id: slot.party.id(plan, order),
            role,
            base: slot.base,
            base_amount_minor: slot.base_amount,
            touchpoint: slot.touchpoint,
            channel: slot
                .touchpoint
                .and_then(|t| order.journey.get(t))
                .map(|t| t.channel.as_str()),
            amount_minor: slot.amount,
        }
    }
}
