//! Who pays discounts: each funded discount is either a price reduction borne by the
//! remainder party or a subsidy charged to its funder on a line of its own.

use super::base::Figures;
use super::exact::add;
use super::order::{invalid, DiscountOn, SplitOrder};
use super::plan::SplitPlan;
use crate::money::{Currency, Money};
use crate::roles::Role;
use crate::Error;

/// Where a party's id comes from, resolved once per order without copying strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartyRef {
    /// `plan.rules[i].to.party_id`.
    RuleParty(usize),
    /// `plan.remainder.party_id`.
    RemainderParty,
    /// `order.parties[i]`.
    Order(usize),
    /// `plan.parties[i]`.
    Plan(usize),
    /// `order.journey[i].party_id`.
    Touch(usize),
    /// `order.discounts[i].funded_by.party_id`.
    Funder(usize),
}

impl PartyRef {
    /// The party id this points at.
    pub(crate) fn id<'a>(self, plan: &'a SplitPlan, order: &'a SplitOrder) -> &'a str {
        let found = match self {
            PartyRef::RuleParty(i) => plan.rules.get(i).and_then(|r| r.to.party_id.as_deref()),
            PartyRef::RemainderParty => plan.remainder.party_id.as_deref(),
            PartyRef::Order(i) => order.parties.get(i).map(|p| p.party_id.as_str()),
            PartyRef::Plan(i) => plan.parties.get(i).map(|p| p.party_id.as_str()),
            PartyRef::Touch(i) => order.journey.get(i).map(|t| t.party_id.as_str()),
            PartyRef::Funder(i) => order
                .discounts
                .get(i)
                .and_then(|d| d.funded_by.party_id.as_deref()),
        };
        found.unwrap_or_default()
    }
}

/// The party filling `role` in the order, else in the plan.
pub(crate) fn find_role(plan: &SplitPlan, order: &SplitOrder, role: &Role) -> Option<PartyRef> {
    order
        .parties
        .iter()
        .position(|p| &p.role == role)
        .map(PartyRef::Order)
        .or_else(|| {
            plan.parties
                .iter()
                .position(|p| &p.role == role)
                .map(PartyRef::Plan)
        })
}

/// One subsidised discount of an order: its index, funder, amount and what it reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Subsidy {
    pub(crate) discount: usize,
    pub(crate) funder: PartyRef,
    pub(crate) amount: i128,
    pub(crate) on: DiscountOn,
}

fn units(m: &Money, currency: Currency, field: &str) -> Result<i128, Error> {
    if m.currency() != currency {
        return Err(Error::CurrencyMismatch {
            left: currency.code().to_string(),
            right: m.currency().code().to_string(),
        });
    }
    if m.is_negative() {
        return Err(invalid(field, "must not be negative"));
    }
    Ok(m.minor_units())
}

/// Check the order's amounts and parties, charge each discount to its funder, and return
/// the order's figures; the subsidies are appended to `subsidies`.
pub(crate) fn figures(
    plan: &SplitPlan,
    order: &SplitOrder,
    remainder: PartyRef,
    subsidies: &mut Vec<Subsidy>,
) -> Result<(Figures, Currency), Error> {
    let paid_money = order
        .paid
        .as_ref()
        .ok_or_else(|| invalid("order.paid", "give what the customer paid"))?;
    let currency = paid_money.currency();
    let paid = units(paid_money, currency, "order.paid")?;
    let delivery_charged = match &order.delivery_fee {
        Some(fee) => units(fee, currency, "order.delivery_fee")?,
        None => 0,
    };
    if delivery_charged > paid {
        return Err(invalid(
            "order.delivery_fee",
            "the delivery fee charged is part of what was paid, so it cannot exceed it",
        ));
    }
    let cost = order
        .cost
        .as_ref()
        .map(|c| units(c, currency, "order.cost"))
        .transpose()?;
    for (i, party) in order.parties.iter().enumerate() {
        if party.party_id.is_empty() {
            return Err(invalid(
                &format!("order.parties[{i}].party_id"),
                "must not be empty",
            ));
        }
        if order
            .parties
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .any(|p| p.role == party.role)
        {
            return Err(invalid(
                &format!("order.parties[{i}]"),
                "this role is filled twice; give each role one party",
            ));
        }
    }
    let remainder_role = &plan.remainder.role;
    let remainder_id = remainder.id(plan, order);
    let mut goods_subsidy: i128 = 0;
    let mut delivery_subsidy: i128 = 0;
    for (i, discount) in order.discounts.iter().enumerate() {
        let amount = units(&discount.amount, currency, "order.discounts.amount")?;
        let funder = &discount.funded_by;
        if amount == 0 || (funder.role == remainder_role.as_str() && funder.party_id.is_none()) {
            continue;
        }
        let party = match &funder.party_id {
            Some(p) if !p.is_empty() => PartyRef::Funder(i),
            _ => find_role(plan, order, &Role::from_name(&funder.role)).ok_or_else(|| {
                Error::MissingParty {
                    role: funder.role.clone(),
                    needed_by: format!("the funder of discount {:?}", discount.promotion_id),
                }
            })?,
        };
        if party.id(plan, order) == remainder_id {
            // Funded by the remainder party itself (in whatever role): a price reduction.
            continue;
        }
        match discount.on {
            DiscountOn::Goods => goods_subsidy = add(goods_subsidy, amount, "the subsidies")?,
            DiscountOn::Delivery => {
                delivery_subsidy = add(delivery_subsidy, amount, "the subsidies")?;
            }
        }
        subsidies.push(Subsidy {
            discount: i,
            funder: party,
            amount,
            on: discount.on,
        });
    }
    let gross = add(
        add(paid, goods_subsidy, "the gross")?,
        delivery_subsidy,
        "the gross",
    )?;
    let delivery = add(delivery_charged, delivery_subsidy, "the delivery base")?;
    Ok((
        Figures {
            paid,
            gross,
            delivery,
            delivery_charged,
            cost,
        },
        currency,
    ))
}
