//! Weights 22:39:4: a larger total can give a party less.

use o2okit::{allocate, Currency, Decimal, Money};

use super::{Page, Section};
use crate::render;

pub const SECTION: Section = Section {
    name: "not-monotone",
    title: "Largest remainder is not monotone: 22:39:4",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let cny = Currency::from_code("CNY")?;
    let weights = [Decimal::from(22), Decimal::from(39), Decimal::from(4)];
    let mut thirds = Vec::new();
    for amount in ["0.07", "0.08"] {
        let split = allocate(Money::parse(amount, cny)?, &weights)?;
        page.line(format!(
            "{amount} CNY by 22:39:4 -> {}",
            render::amounts_line(&split)
        ));
        page.blank();
        page.block(&render::allocation_table(&split, None, "  "));
        page.blank();
        if let Some(part) = split.parts.get(2) {
            thirds.push(part.amount.to_string());
        }
    }
    if let [seven, eight] = thirds.as_slice() {
        page.line(format!(
            "The third party gets {seven} out of 0.07 but {eight} out of 0.08: a larger total gave"
        ));
        page.line("it less (the Alabama paradox). Every part stays within one cent of its exact");
        page.line("share, which is what the method optimises; do not assume that a larger total");
        page.line("gives every party at least as much.");
    }
    Ok(())
}
