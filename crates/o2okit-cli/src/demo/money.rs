//! Parsing money: exact decimals held as whole minor units.

use o2okit::{Currency, Money};

use super::{Page, Section};
use crate::table::{Align, Table};

pub const SECTION: Section = Section {
    name: "money",
    title: "Money is exact, counted in minor units",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    page.line("An amount is an exact decimal in one currency, held as a whole number of the");
    page.line("currency's minor units. It goes in as a string, never as a binary float.");
    page.blank();
    let mut table = Table::new(&[
        ("input", Align::Left),
        ("currency", Align::Left),
        ("decimals", Align::Right),
        ("amount", Align::Decimal),
        ("minor units", Align::Right),
    ]);
    for (input, code) in [("12.3", "CNY"), ("1500", "JPY"), ("1.5", "KWD")] {
        let currency = Currency::from_code(code)?;
        let money = Money::parse(input, currency)?;
        table.row(vec![
            format!("\"{input}\""),
            code.to_string(),
            currency.minor_units().to_string(),
            money.amount().to_string(),
            money.minor_units().to_string(),
        ]);
    }
    page.block(&table.render("  "));
    page.blank();
    page.line("More decimals than the currency has is an error, not a silent rounding:");
    match Money::parse("0.125", Currency::from_code("CNY")?) {
        Ok(money) => page.line(format!("  \"0.125\" CNY unexpectedly gave {money}")),
        Err(error) => page.error("  ", &error),
    }
    Ok(())
}
