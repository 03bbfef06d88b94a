//! A capped allocation: what a capped party cannot take moves on by weight.

use o2okit::{allocate, allocate_capped, Currency, Decimal, Money};

use super::{Page, Section};
use crate::render;

pub const SECTION: Section = Section {
    name: "caps",
    title: "Capped allocation",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let cny = Currency::from_code("CNY")?;
    let total = Money::parse("100.00", cny)?;
    let cap = Money::parse("10.00", cny)?;
    let weights = [Decimal::ONE, Decimal::ONE, Decimal::from(2)];
    let free = allocate(total, &weights)?;
    let capped = allocate_capped(total, &weights, &[Some(cap), None, None])?;
    page.line(format!(
        "Split {total} by 1:1:2: without caps that is {}.",
        render::amounts_line(&free)
    ));
    page.line(format!("Now cap party 0 at {cap}:"));
    page.blank();
    page.block(&render::allocation_table(&capped, None, "  "));
    page.blank();
    if let (Some(before), Some(after)) = (free.parts.first(), capped.parts.first()) {
        let overflow = before.amount.checked_sub(after.amount)?;
        page.line(format!(
            "Party 0 can take only {cap}; the {overflow} it cannot take goes to parties 1 and 2"
        ));
        page.line(format!(
            "by their weights 1:2, giving {}. The parts still add up to {total}.",
            render::amounts_line(&capped)
        ));
        page.line("(For a capped party, the exact-share column shows its cap.)");
    }
    Ok(())
}
