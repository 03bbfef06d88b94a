//! Every rounding mode on a midpoint.

use o2okit::{Currency, Money, Rounding};

use super::{Page, Section};
use crate::table::{Align, Table};

pub const SECTION: Section = Section {
    name: "rounding",
    title: "Rounding modes side by side: 2.345 to the cent",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let cny = Currency::from_code("CNY")?;
    let plus = o2okit::parse_decimal("2.345")?;
    let minus = o2okit::parse_decimal("-2.345")?;
    page.line("2.345 lies exactly halfway between 2.34 and 2.35, so the modes disagree.");
    page.blank();
    let mut table = Table::new(&[
        ("mode", Align::Left),
        ("2.345", Align::Decimal),
        ("-2.345", Align::Decimal),
        ("", Align::Left),
    ]);
    for mode in Rounding::ALL {
        let up = Money::from_decimal_rounded(plus, cny, mode)?;
        let down = Money::from_decimal_rounded(minus, cny, mode)?;
        let note = if mode == Rounding::default() {
            "the default"
        } else {
            ""
        };
        table.row(vec![
            mode.as_str().to_string(),
            up.amount().to_string(),
            down.amount().to_string(),
            note.to_string(),
        ]);
    }
    page.block(&table.render("  "));
    page.blank();
    page.line("half_even (banker's rounding) is unbiased over many operations and is also the");
    page.line("default of rust_decimal and of Python's decimal module. half_up is the commercial");
    page.line("rounding customers expect on a receipt; ask for it explicitly.");
    Ok(())
}
