//! 99.99 CNY split 75:25, and why the naive methods are worse.

use o2okit::{allocate, Allocation, Currency, Decimal, Money, Rounding};

use super::{distance, Page, Section};
use crate::render;

pub const SECTION: Section = Section {
    name: "split",
    title: "Splitting 99.99 CNY 75:25",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let cny = Currency::from_code("CNY")?;
    let total = Money::parse("99.99", cny)?;
    let weights = [Decimal::from(75), Decimal::from(25)];
    let split = allocate(total, &weights)?;
    page.block(&render::allocation_table(&split, None, "  "));
    page.blank();
    let floors = floors(&split)?;
    let floor_sum = sum(&floors, cny)?;
    let leftover = total.checked_sub(floor_sum)?;
    let (Some(a), Some(b), Some(fa), Some(fb)) = (
        split.parts.first(),
        split.parts.get(1),
        floors.first(),
        floors.get(1),
    ) else {
        return Ok(());
    };
    page.line(format!(
        "Exact shares: 99.99 x 75/100 = {} and 99.99 x 25/100 = {}.",
        a.exact_share, b.exact_share
    ));
    page.line(format!(
        "Flooring both to the cent gives {} + {} = {}, so {leftover} is left over.",
        fa.amount(),
        fb.amount(),
        floor_sum.amount()
    ));
    page.line(format!(
        "Below the floor, the remainders are {} and {} of a cent: the larger one gets the cent.",
        a.remainder, b.remainder
    ));
    page.line(format!(
        "Result: {}, off by {} and {} from the exact shares.",
        render::amounts_line(&split),
        distance(a.amount.amount(), a.exact_share),
        distance(b.amount.amount(), b.exact_share)
    ));
    page.blank();
    page.line("The naive way floors every share and hands the leftover cent to a fixed party:");
    let first = naive(&split, false)?;
    page.line(format!(
        "  leftover to the first party: {}  (off by {})",
        joined(&first),
        offsets(&split, &first)
    ));
    let last = naive(&split, true)?;
    page.line(format!(
        "  leftover to the last party:  {}  (the same as above, but only by luck of the order)",
        joined(&last)
    ));
    let reversed = allocate(total, &[Decimal::from(25), Decimal::from(75)])?;
    let reversed_last = naive(&reversed, true)?;
    page.line(format!(
        "  list the same parties as 25:75 and leftover-to-last gives {}  (off by {})",
        joined(&reversed_last),
        offsets(&reversed, &reversed_last)
    ));
    page.line(format!(
        "Largest remainder gives the weight-25 party 25.00 in either order (25:75 -> {}):",
        render::amounts_line(&reversed)
    ));
    page.line("the parts add up to the total and each stays within one cent of its exact share.");
    Ok(())
}

/// Every exact share rounded down to the cent (what the naive method starts from).
fn floors(split: &Allocation) -> Result<Vec<Money>, o2okit::Error> {
    let currency = split.total.currency();
    split
        .parts
        .iter()
        .map(|p| Money::from_decimal_rounded(p.exact_share, currency, Rounding::Floor))
        .collect()
}

fn sum(amounts: &[Money], currency: Currency) -> Result<Money, o2okit::Error> {
    amounts
        .iter()
        .try_fold(Money::zero(currency), |acc, m| acc.checked_add(*m))
}

/// The naive split: floors, and the whole leftover to the first (or last) party.
fn naive(split: &Allocation, to_last: bool) -> Result<Vec<Money>, o2okit::Error> {
    let currency = split.total.currency();
    let mut parts = floors(split)?;
    let leftover = split.total.checked_sub(sum(&parts, currency)?)?;
    let target = if to_last {
        parts.last_mut()
    } else {
        parts.first_mut()
    };
    if let Some(part) = target {
        *part = part.checked_add(leftover)?;
    }
    Ok(parts)
}

fn joined(parts: &[Money]) -> String {
    parts
        .iter()
        .map(|m| m.amount().to_string())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn offsets(split: &Allocation, parts: &[Money]) -> String {
    split
        .parts
        .iter()
        .zip(parts)
        .map(|(p, m)| distance(m.amount(), p.exact_share))
        .collect::<Vec<_>>()
        .join(" and ")
}
