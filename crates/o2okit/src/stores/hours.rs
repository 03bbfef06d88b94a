//! Opening hours in a store's IANA time zone: weekly intervals (overnight ones included),
//! holiday closures and special days.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::Zone;
use crate::{Day, Error};

const MINUTES_PER_DAY: u16 = 24 * 60;
/// How far ahead a closed store's next opening is looked for.
pub const NEXT_OPEN_HORIZON_DAYS: u16 = 14;

/// When a store is open, in local time of an IANA time zone.
///
/// - `weekly`: intervals `open`–`close` (`"HH:MM"`, open inclusive, close exclusive; `close`
///   may be `"24:00"`) on the listed `days` (none listed = every day). An interval whose
///   close is not after its open runs **overnight**: `"22:00"`–`"02:00"` on Friday is open
///   from Friday 22:00 to Saturday 02:00. An interval **belongs to the day it starts**;
///   `open == close` means 24 hours from `open`.
/// - `closed_dates`: local dates (`"YYYY-MM-DD"`) with no interval at all (holidays).
///   Because intervals belong to the day they start, closing a date also cancels the
///   overnight tail of that date's last interval, but not the tail of the previous day's
///   overnight interval running into it.
/// - `special`: local dates with their own intervals that replace the weekly ones (an empty
///   list closes the date, like `closed_dates`). A date in `closed_dates` stays closed.
///
/// A store without `hours` is always open. Local times that do not exist or occur twice at
/// a daylight-saving change are read as the local clock shows them: `now` is converted to
/// local time and compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// IANA time zone, e.g. `"Asia/Shanghai"`.
    pub time_zone: String,
    /// The weekly intervals.
    #[serde(default)]
    pub weekly: Vec<OpeningInterval>,
    /// Local dates closed all day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub closed_dates: Vec<NaiveDate>,
    /// Local dates with special hours, replacing the weekly ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special: Vec<SpecialDay>,
}

/// One weekly interval: `open`–`close` on the listed days (empty = every day).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningInterval {
    /// The days the interval starts on (empty = every day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Day>,
    /// Local opening time, `"HH:MM"` (inclusive).
    pub open: String,
    /// Local closing time, `"HH:MM"` or `"24:00"` (exclusive); not after `open` = overnight.
    pub close: String,
}

/// Special hours for one local date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpecialDay {
    /// The local date, `"YYYY-MM-DD"`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: NaiveDate,
    /// The intervals of that date (`days` must be empty); none = closed.
    #[serde(default)]
    pub intervals: Vec<OpeningInterval>,
}

/// Local date and minute of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocalNow {
    pub date: NaiveDate,
    pub minute: u16,
}

impl LocalNow {
    pub fn of(now: DateTime<FixedOffset>, tz: &Zone) -> LocalNow {
        let local = tz.local(now);
        let minute = local
            .hour()
            .saturating_mul(60)
            .saturating_add(local.minute());
        LocalNow {
            date: local.date_naive(),
            minute: u16::try_from(minute).unwrap_or(0),
        }
    }
}

/// `(start, end)` minutes from local midnight of the start day; `end` may pass 1440.
type Span = (u16, u16);

/// Opening hours ready for many look-ups.
#[derive(Debug, Clone)]
pub(crate) struct PreparedHours {
    pub tz: Zone,
    weekly: [Vec<Span>; 7],
    closed: Vec<NaiveDate>,
    special: Vec<(NaiveDate, Vec<Span>)>,
}

fn parse_hhmm(text: &str, field: &str, allow_24: bool) -> Result<u16, Error> {
    let invalid = || Error::InvalidStore {
        field: field.to_string(),
        reason: format!("{text:?} is not a time of day; write \"HH:MM\" such as \"09:30\""),
    };
    let (h, m) = text.split_once(':').ok_or_else(invalid)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(invalid());
    }
    let h: u16 = h.parse().map_err(|_| invalid())?;
    let m: u16 = m.parse().map_err(|_| invalid())?;
    if (h == 24 && m == 0 && allow_24) || (h <= 23 && m <= 59) {
        Ok(h.saturating_mul(60).saturating_add(m))
    } else {
        Err(invalid())
    }
}

impl OpeningInterval {
    fn span(&self, field: &str) -> Result<Span, Error> {
        let open = parse_hhmm(&self.open, &format!("{field}.open"), false)?;
        let close = parse_hhmm(&self.close, &format!("{field}.close"), true)?;
        let end = if close > open {
            close
        } else {
            close.saturating_add(MINUTES_PER_DAY)
        };
        Ok((open, end))
    }
}

fn weekday_index(day: Day) -> usize {
    match day {
        Day::Mon => 0,
        Day::Tue => 1,
        Day::Wed => 2,
        Day::Thu => 3,
        Day::Fri => 4,
        Day::Sat => 5,
        Day::Sun => 6,
    }
}

fn index_of(weekday: Weekday) -> usize {
    weekday.num_days_from_monday() as usize
}

impl PreparedHours {
    pub fn new(hours: &OpeningHours, field: &str) -> Result<PreparedHours, Error> {
        let tz = crate::calendar::time_zone(&hours.time_zone)?;
        let mut weekly: [Vec<Span>; 7] = Default::default();
        for (i, interval) in hours.weekly.iter().enumerate() {
            let span = interval.span(&format!("{field}.weekly[{i}]"))?;
            if interval.days.is_empty() {
                weekly.iter_mut().for_each(|day| day.push(span));
            } else {
                for day in &interval.days {
                    if let Some(list) = weekly.get_mut(weekday_index(*day)) {
                        list.push(span);
                    }
                }
            }
        }
        let mut closed = hours.closed_dates.clone();
        closed.sort_unstable();
        closed.dedup();
        let mut special = Vec::with_capacity(hours.special.len());
        for (i, day) in hours.special.iter().enumerate() {
            let mut spans = Vec::with_capacity(day.intervals.len());
            for (j, interval) in day.intervals.iter().enumerate() {
                let at = format!("{field}.special[{i}].intervals[{j}]");
                if !interval.days.is_empty() {
                    return Err(Error::InvalidStore {
                        field: format!("{at}.days"),
                        reason: "special hours apply to their date; leave `days` out".into(),
                    });
                }
                spans.push(interval.span(&at)?);
            }
            special.push((day.date, spans));
        }
        special.sort_by_key(|(date, _)| *date);
        if let Some(pair) = special
            .windows(2)
            .find(|w| matches!(w, [a, b] if a.0 == b.0))
        {
            let date = pair.first().map(|(d, _)| d.to_string()).unwrap_or_default();
            return Err(Error::InvalidStore {
                field: format!("{field}.special"),
                reason: format!("the date {date} is listed twice; give each date once"),
            });
        }
        Ok(PreparedHours {
            tz,
            weekly,
            closed,
            special,
        })
    }

    /// The intervals starting on a local date.
    fn spans_on(&self, date: NaiveDate) -> &[Span] {
        if self.closed.binary_search(&date).is_ok() {
            return &[];
        }
        if !self.special.is_empty() {
            if let Ok(i) = self.special.binary_search_by_key(&date, |(d, _)| *d) {
                return self.special.get(i).map_or(&[], |(_, s)| s.as_slice());
            }
        }
        self.weekly
            .get(index_of(date.weekday()))
            .map_or(&[], Vec::as_slice)
    }

    pub fn is_open(&self, now: LocalNow) -> bool {
        let m = now.minute;
        if self
            .spans_on(now.date)
            .iter()
            .any(|&(s, e)| s <= m && m < e)
        {
            return true;
        }
        let Some(yesterday) = now.date.pred_opt() else {
            return false;
        };
        let tail = m.saturating_add(MINUTES_PER_DAY);
        self.spans_on(yesterday)
            .iter()
            .any(|&(s, e)| e > MINUTES_PER_DAY && s <= tail && tail < e)
    }

    /// The next opening after `now` (a closed store), within [`NEXT_OPEN_HORIZON_DAYS`].
    pub fn next_open(&self, now: LocalNow) -> Option<DateTime<FixedOffset>> {
        let mut date = now.date;
        for day in 0..=NEXT_OPEN_HORIZON_DAYS {
            let start = self
                .spans_on(date)
                .iter()
                .map(|&(s, _)| s)
                .filter(|&s| day > 0 || s > now.minute)
                .min();
            if let Some(start) = start {
                let local = date.and_hms_opt(u32::from(start / 60), u32::from(start % 60), 0)?;
                // A start inside a daylight-saving gap opens when the clock reaches it.
                let instant = self.tz.earliest(local).or_else(|| {
                    self.tz
                        .earliest(local.checked_add_signed(Duration::hours(1))?)
                })?;
                return Some(instant);
            }
            date = date.succ_opt()?;
        }
        None
    }
}
