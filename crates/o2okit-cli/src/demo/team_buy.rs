//! A 拼团 team buy replayed from its event log (examples/groupbuy/team-buy.json): one team
//! fills just inside its 24 h window, another expires and is refunded, a late join is
//! rejected, and the progress bars a front-end would show.

use o2okit::{GroupBuyCampaign, TimedEvent};
use serde::Deserialize;

use super::{Page, Section};
use crate::timeline::{timeline, Options};

pub const SECTION: Section = Section {
    name: "team-buy",
    title: "A team buy (拼团), replayed from its event log",
    run,
};

/// The same file `o2okit groupbuy examples/groupbuy/team-buy.json` reads.
const LOG: &str = include_str!("../../../../examples/groupbuy/team-buy.json");

#[derive(Deserialize)]
pub struct Log {
    pub campaign: GroupBuyCampaign,
    pub events: Vec<TimedEvent>,
}

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let log: Log = o2okit::decode(LOG)?;
    page.line("Teams of 3 at 59.00 (the leader pays 49.00). Each team has 24 hours from the");
    page.line("moment it opened; at the end of its window a team short of 3 paid members fails");
    page.line("and everyone who paid is refunded in full.");
    page.blank();
    page.line("As of 09:00 the next morning, both teams are one person short:");
    page.blank();
    let morning =
        o2okit::decode::<chrono::DateTime<chrono::FixedOffset>>("\"2026-11-23T09:00:00+08:00\"")?;
    let (text, _) = timeline(
        &log.campaign,
        &log.events,
        Options {
            keep_going: false,
            progress_at: Some(morning),
        },
        "  ",
    )?;
    let tail: Vec<&str> = text.lines().rev().take(3).collect();
    for line in tail.into_iter().rev() {
        page.line(line);
    }
    page.blank();
    page.line("The whole log. Carol joins team t1 at 09:59:59, one second inside its window,");
    page.line("and pays: the team succeeds and each member gets a voucher. Frank tries team t2");
    page.line("one second after its window closed and is turned away; at 11:00 t2 has failed.");
    page.blank();
    let mut events = log.events.clone();
    let late: TimedEvent = o2okit::decode(
        r#"{"at": "2026-11-23T11:00:01+08:00",
            "event": {"type": "join", "key": "k10", "customer_id": "frank", "team_id": "t2"}}"#,
    )?;
    events.push(late);
    let (text, _) = timeline(
        &log.campaign,
        &events,
        Options {
            keep_going: true,
            progress_at: None,
        },
        "  ",
    )?;
    page.block(&text);
    Ok(())
}
