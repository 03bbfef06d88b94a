//! `o2okit groupbuy [FILE|-]`: replay a group-buy event log and print what happened.

use chrono::{DateTime, FixedOffset};
use o2okit::{GroupBuyCampaign, TimedEvent};
use serde::Deserialize;

use crate::cli::GroupbuyArgs;
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;
use crate::timeline::{timeline, Options};

/// The input: the shape of the `groupbuy.replay` wire function.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Log {
    campaign: GroupBuyCampaign,
    #[serde(default)]
    events: Vec<TimedEvent>,
}

/// Read the log, replay it, and render the timeline (or the GroupBuyReplay JSON).
pub fn run(args: &GroupbuyArgs) -> Result<String, CliError> {
    let log = o2okit::decode::<Log>(&read_input(args.file.as_deref())?)?;
    if args.json {
        let replay = o2okit::groupbuy_replay(&log.campaign, &log.events)?;
        let value = serde_json::to_value(&replay).map_err(encode_error)?;
        return Ok(pretty_json(&value));
    }
    let progress_at = match &args.at {
        Some(text) => Some(parse_time(text)?),
        None => None,
    };
    let options = Options {
        keep_going: args.keep_going,
        progress_at,
    };
    Ok(timeline(&log.campaign, &log.events, options, "")?.0)
}

fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, CliError> {
    DateTime::parse_from_rfc3339(text).map_err(|e| {
        CliError::from(o2okit::Error::InvalidInput {
            field: "--at".into(),
            reason: format!(
                "{text:?} is not an RFC 3339 time ({e}); write e.g. 2026-11-22T10:00:00+08:00"
            ),
        })
    })
}
