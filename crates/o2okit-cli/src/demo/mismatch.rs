//! Currencies never mix.

use o2okit::{Currency, Money};

use super::{Page, Section};

pub const SECTION: Section = Section {
    name: "mismatch",
    title: "Currencies never mix",
    run,
};

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let cny = Money::parse("10.00", Currency::from_code("CNY")?)?;
    let usd = Money::parse("1.00", Currency::from_code("USD")?)?;
    page.line(format!(
        "Adding {cny} and {usd} is refused; o2okit never converts between currencies:"
    ));
    match cny.checked_add(usd) {
        Ok(sum) => page.line(format!("  unexpectedly gave {sum}")),
        Err(error) => {
            page.error("  ", &error);
            page.line(format!(
                "The code \"{}\" is stable: the Python and JavaScript bindings report the same one.",
                error.code()
            ));
        }
    }
    Ok(())
}
