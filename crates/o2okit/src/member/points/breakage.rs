//! Breakage: points that expired unused, by period.

use chrono::Datelike;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ledger::{PointsEntry, PointsEntryKind};
use crate::calendar::{time_zone, Zone};
use crate::money::{Money, Rounding};
use crate::Error;

/// The periods breakage is reported by, on the programme's local calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BreakagePeriod {
    /// Calendar months (`2026-07`). The default.
    #[default]
    Month,
    /// Calendar years (`2026`).
    Year,
    /// One period for everything (`all`).
    All,
}

/// Points that expired in one period, and their value when the programme gives a point
/// value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Breakage {
    /// The period: `2026-07`, `2026` or `all`.
    pub period: String,
    /// Points expired.
    pub points: u64,
    /// Their value (points × point value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
}

/// Breakage by period from ledger entries (only `expire` entries count), in period order.
///
/// A lot belongs to the period of its **last usable instant**: points that expire at the
/// end of July (`expires_at` = 1 August 00:00 local) are July's breakage.
///
/// `time_zone` is the programme's IANA zone (`"Asia/Shanghai"`); errors:
/// [`Error::UnknownTimeZone`], [`Error::AmountOutOfRange`] if a total overflows.
pub fn points_breakage(
    entries: &[PointsEntry],
    time_zone: &str,
    period: BreakagePeriod,
    point_value: Option<Money>,
) -> Result<Vec<Breakage>, Error> {
    breakage_in(entries, &self::time_zone(time_zone)?, period, point_value)
}

/// [`points_breakage`] in a zone already looked up.
pub(crate) fn breakage_in(
    entries: &[PointsEntry],
    zone: &Zone,
    period: BreakagePeriod,
    point_value: Option<Money>,
) -> Result<Vec<Breakage>, Error> {
    let mut out: Vec<Breakage> = Vec::new();
    for entry in entries.iter().filter(|e| e.kind == PointsEntryKind::Expire) {
        let last = entry
            .at
            .checked_sub_signed(chrono::TimeDelta::nanoseconds(1))
            .ok_or_else(|| Error::out_of_range("breakage period"))?;
        let local = zone.local(last);
        let key = match period {
            BreakagePeriod::Month => format!("{:04}-{:02}", local.year(), local.month()),
            BreakagePeriod::Year => format!("{:04}", local.year()),
            BreakagePeriod::All => "all".to_string(),
        };
        match out.iter_mut().find(|b| b.period == key) {
            Some(b) => {
                b.points = b
                    .points
                    .checked_add(entry.points)
                    .ok_or_else(|| Error::out_of_range("breakage points"))?;
            }
            None => out.push(Breakage {
                period: key,
                points: entry.points,
                value: None,
            }),
        }
    }
    out.sort_by(|a, b| a.period.cmp(&b.period));
    if let Some(value) = point_value {
        for b in &mut out {
            b.value = Some(points_value(b.points, value)?);
        }
    }
    Ok(out)
}

/// `points × value`, exact.
pub(crate) fn points_value(points: u64, value: Money) -> Result<Money, Error> {
    value.checked_mul(Decimal::from(points), Rounding::HalfEven)
}
