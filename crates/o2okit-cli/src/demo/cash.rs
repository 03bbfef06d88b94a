//! Cash rounding to a coarser step (CHF 0.05).

use o2okit::{AllocationRequest, Currency, Decimal, Money, Rounding};

use super::{Page, Section};
use crate::render;
use crate::table::{Align, Table};

pub const SECTION: Section = Section {
    name: "cash",
    title: "Cash rounding: CHF to 0.05",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let chf = Currency::from_code("CHF")?;
    let step = o2okit::parse_decimal("0.05")?;
    page.line("Swiss cash has no coin below 0.05 CHF, so a cash total is rounded to a whole");
    page.line("number of 0.05 steps (here half_even, to the nearest step):");
    page.blank();
    let mut table = Table::new(&[("amount", Align::Decimal), ("cash", Align::Decimal)]);
    for amount in ["10.03", "10.02", "2.32", "2.33", "7.50"] {
        let money = Money::parse(amount, chf)?;
        let cash = money.round_to_step(step, Rounding::HalfEven)?;
        table.row(vec![money.to_string(), cash.to_string()]);
    }
    page.block(&table.render("  "));
    page.blank();
    let total = Money::parse("10.00", chf)?;
    let request = AllocationRequest::new(total, vec![Decimal::ONE; 3]).with_step(step);
    let allocation = request.allocate()?;
    page.line(format!(
        "Splitting {total} three ways in whole 0.05 steps gives {}:",
        render::amounts_line(&allocation)
    ));
    page.blank();
    page.block(&render::allocation_table(&allocation, None, "  "));
    page.blank();
    page.line(format!("Rule: {}.", render::allocation_rule(&allocation)));
    page.line("Exact shares are in CHF; remainders are fractions of one 0.05 step.");
    Ok(())
}
