//! The BRIEF's staff pool: 80% of a store's e-commerce profit share, split by orders.

use o2okit::{allocate, Currency, Decimal, Money, Rounding};

use super::{Page, Section};
use crate::render;

pub const SECTION: Section = Section {
    name: "staff-pool",
    title: "A store's staff pool, split by orders",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let cny = Currency::from_code("CNY")?;
    let share = Money::parse("1000.00", cny)?;
    let rate = o2okit::parse_decimal("0.80")?;
    let pool = share.checked_mul(rate, Rounding::HalfEven)?;
    let store = share.checked_sub(pool)?;
    page.line("A convenience-store chain gives its store staff 80% of the store's e-commerce");
    page.line("profit share, each by their share of the orders they brought in.");
    page.blank();
    page.line(format!("  the store's profit share   {share}"));
    page.line(format!("  staff pool, 80%             {pool}"));
    page.line(format!("  the store keeps             {store}"));
    page.blank();
    let labels = ["staff A", "staff B", "staff C"];
    let orders = [Decimal::from(120), Decimal::from(75), Decimal::from(5)];
    let split = allocate(pool, &orders)?;
    page.line(format!(
        "The pool split by order counts 120:75:5 -> {}:",
        render::amounts_line(&split)
    ));
    page.blank();
    page.block(&render::allocation_table(&split, Some(&labels), "  "));
    page.blank();
    let staff_total = split
        .parts
        .iter()
        .try_fold(Money::zero(cny), |acc, p| acc.checked_add(p.amount))?;
    let everything = staff_total.checked_add(store)?;
    page.line(format!(
        "Every cent is accounted for: {} = {}, and {} + {} = {}.",
        split
            .parts
            .iter()
            .map(|p| p.amount.amount().to_string())
            .collect::<Vec<_>>()
            .join(" + "),
        staff_total.amount(),
        staff_total.amount(),
        store.amount(),
        everything
    ));
    Ok(())
}
