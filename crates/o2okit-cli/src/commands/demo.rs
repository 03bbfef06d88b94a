//! `o2okit demo`: run the walk-through sections.

use crate::cli::DemoArgs;
use crate::demo::{Page, SECTIONS};
use crate::error::CliError;

/// Run the chosen sections (all by default), or list them.
pub fn run(args: &DemoArgs) -> Result<String, CliError> {
    let mut page = Page::default();
    if args.list {
        for section in SECTIONS {
            page.line(format!("{:<18}{}", section.name, section.title));
        }
        return Ok(page.finish());
    }
    if args.sections.is_empty() {
        page.line(
            "o2okit demo: every amount below was computed by the o2okit library as this ran.",
        );
        page.blank();
    }
    let chosen = SECTIONS
        .iter()
        .filter(|s| args.sections.is_empty() || args.sections.iter().any(|n| n == s.name));
    for (number, section) in chosen.enumerate() {
        if number > 0 {
            page.blank();
        }
        page.heading(&format!("{}. {}", number.saturating_add(1), section.title));
        (section.run)(&mut page)?;
    }
    Ok(page.finish())
}
