//! Split a restaurant bill: a dine-in order of 268.00 CNY shared by four diners by what they
//! ordered, then the merchant's 80% share of a 1,000.00 CNY e-commerce commission split
//! between three staff by order count (the seeds' convenience-store example).
//!
//! Run with `cargo run -p o2okit --example split_bill`.

use o2okit::{allocate, Currency, Decimal, Money};

fn main() -> Result<(), o2okit::Error> {
    let cny = Currency::from_code("CNY")?;

    let bill = Money::parse("268.00", cny)?;
    let ordered: Vec<Decimal> = ["88", "56", "72.5", "39"]
        .iter()
        .map(|s| o2okit::parse_decimal(s))
        .collect::<Result<_, _>>()?;
    let split = allocate(bill, &ordered)?;
    println!("Bill {bill} shared by what each diner ordered:");
    for (diner, part) in (1..).zip(&split.parts) {
        let mark = if part.extra_unit {
            "  (+0.01 leftover cent)"
        } else {
            ""
        };
        println!(
            "  diner {diner}: ordered {:>5} -> pays {}{mark}",
            part.weight, part.amount
        );
    }

    let commission = Money::parse("1000.00", cny)?;
    let staff_pool = commission.checked_mul(Decimal::new(80, 2), o2okit::Rounding::HalfEven)?;
    let store_keeps = commission.checked_sub(staff_pool)?;
    let staff = allocate(staff_pool, &[120.into(), 75.into(), 5.into()])?;
    println!("\nStore commission {commission}: staff pool {staff_pool}, store keeps {store_keeps}");
    for (name, part) in ["Li", "Wang", "Zhao"].iter().zip(&staff.parts) {
        println!("  {name:<5} {:>3} orders -> {}", part.weight, part.amount);
    }
    Ok(())
}
