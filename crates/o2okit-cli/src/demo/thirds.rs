//! 100 JPY three ways: a tie, broken by index.

use o2okit::{allocate, Currency, Decimal, Money};

use super::{Page, Section};
use crate::render;

pub const SECTION: Section = Section {
    name: "thirds",
    title: "100 JPY three ways",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let jpy = Currency::from_code("JPY")?;
    let total = Money::parse("100", jpy)?;
    let split = allocate(total, &[Decimal::ONE; 3])?;
    page.line("JPY has no minor unit below the yen, so the unit is 1 JPY.");
    page.blank();
    page.block(&render::allocation_table(&split, None, "  "));
    page.blank();
    page.line("Each exact share is 33.333...; the floors add up to 99, leaving one yen. All three");
    page.line(format!(
        "remainders are equal, so the tie goes to the lower index: {}.",
        render::amounts_line(&split)
    ));
    page.line("The tie rule is part of the API and will not change, so every surface agrees.");
    Ok(())
}
