//! A 阶梯团 ladder deal replayed from its event log (examples/groupbuy/ladder.json): the
//! price falls as people join, and everyone who paid more than the final price is refunded
//! the difference.

use super::team_buy::Log;
use super::{Page, Section};
use crate::timeline::{timeline, Options};

pub const SECTION: Section = Section {
    name: "ladder",
    title: "A ladder deal (阶梯团): the price falls as people join",
    run,
};

/// The same file `o2okit groupbuy examples/groupbuy/ladder.json` reads.
const LOG: &str = include_str!("../../../../examples/groupbuy/ladder.json");

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let log: Log = o2okit::decode(LOG)?;
    page.line("1+ people: 100.00, 5+: 90.00, 10+: 80.00. Each member pays the price for the");
    page.line("count including themselves when they join; at the deadline the final price is");
    page.line("the tier reached, and whoever paid more gets the difference back.");
    page.blank();
    let midway =
        o2okit::decode::<chrono::DateTime<chrono::FixedOffset>>("\"2026-11-23T16:00:00+08:00\"")?;
    let (text, _) = timeline(
        &log.campaign,
        &log.events,
        Options {
            keep_going: false,
            progress_at: Some(midway),
        },
        "  ",
    )?;
    page.line("Midway, what the product page shows:");
    let tail: Vec<&str> = text.lines().rev().take(2).collect();
    for line in tail.into_iter().rev() {
        page.line(line);
    }
    page.blank();
    page.line("At the deadline 10 have paid (100.00 x 4, 90.00 x 5, 80.00 x 1); the final");
    page.line("price is 80.00 and 20.00 x 4 + 10.00 x 5 = 130.00 goes back:");
    page.blank();
    let (text, _) = timeline(&log.campaign, &log.events, Options::default(), "  ")?;
    page.block(&text);
    Ok(())
}
