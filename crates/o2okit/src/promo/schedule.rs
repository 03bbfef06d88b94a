//! When a promotion is valid: a window of instants and local time slots (happy hours) in a
//! named IANA time zone.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::calendar::{time_zone, Day};
use crate::Error;

/// A local time slot: from `start` (inclusive) to `end` (exclusive), `"HH:MM"`, on the
/// listed days (none listed = every day). A slot whose end is not after its start runs
/// overnight into the next day (`"22:00"`–`"02:00"`); `"00:00"`–`"00:00"` is the whole day.
/// The days are the days the slot *starts* on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimeSlot {
    /// Days the slot starts on (empty = every day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Day>,
    /// Local start, `"HH:MM"`.
    pub start: String,
    /// Local end, `"HH:MM"` (exclusive).
    pub end: String,
}

/// A promotion's validity: an optional window of instants, plus optional local time slots
/// in an IANA time zone (a store's happy hour is local time).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Valid from this instant (inclusive), RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub valid_from: Option<DateTime<FixedOffset>>,
    /// Valid until this instant (exclusive), RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub valid_until: Option<DateTime<FixedOffset>>,
    /// IANA time zone of the slots (required when there are slots), e.g. `"Asia/Shanghai"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Local time slots (none = any time inside the window).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<TimeSlot>,
}

/// Where `now` falls relative to a schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    /// Valid now.
    Open,
    /// Not valid yet; valid from this instant.
    NotStarted(DateTime<FixedOffset>),
    /// No longer valid since this instant.
    Expired(DateTime<FixedOffset>),
    /// Inside the window but outside every slot; the next slot start (local time), if one
    /// begins within the next 7 days and inside the window, and a readable hint.
    OutsideSlot(Option<(DateTime<FixedOffset>, String)>),
}

const MINUTES_PER_DAY: u32 = 24 * 60;

fn parse_hhmm(text: &str) -> Result<u32, Error> {
    let invalid = || Error::InvalidInput {
        field: "schedule.slots".into(),
        reason: format!("{text:?} is not a time of day; write \"HH:MM\" such as \"14:00\""),
    };
    let (h, m) = text.split_once(':').ok_or_else(invalid)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(invalid());
    }
    let h: u32 = h.parse().map_err(|_| invalid())?;
    let m: u32 = m.parse().map_err(|_| invalid())?;
    if h > 23 || m > 59 {
        return Err(invalid());
    }
    h.checked_mul(60)
        .and_then(|v| v.checked_add(m))
        .ok_or_else(invalid)
}

impl TimeSlot {
    /// Minutes since local midnight of the start and the length in minutes.
    fn span(&self) -> Result<(u32, u32), Error> {
        let start = parse_hhmm(&self.start)?;
        let end = parse_hhmm(&self.end)?;
        let length = if end > start {
            end.saturating_sub(start)
        } else {
            MINUTES_PER_DAY.saturating_sub(start).saturating_add(end)
        };
        Ok((start, length))
    }

    fn on(&self, day: Day) -> bool {
        self.days.is_empty() || self.days.contains(&day)
    }
}

impl Schedule {
    /// Check the schedule's own data (time zone, slot times) without a time.
    pub fn validate(&self) -> Result<(), Error> {
        if !self.slots.is_empty() {
            let name = self
                .time_zone
                .as_deref()
                .ok_or_else(|| Error::InvalidInput {
                    field: "schedule.time_zone".into(),
                    reason: "time slots need an IANA time zone such as \"Asia/Shanghai\"".into(),
                })?;
            time_zone(name)?;
        }
        for slot in &self.slots {
            slot.span()?;
        }
        Ok(())
    }

    /// Where `now` falls. Errors only on bad schedule data.
    pub fn availability(&self, now: DateTime<FixedOffset>) -> Result<Availability, Error> {
        self.validate()?;
        if let Some(from) = self.valid_from {
            if now < from {
                return Ok(Availability::NotStarted(from));
            }
        }
        if let Some(until) = self.valid_until {
            if now >= until {
                return Ok(Availability::Expired(until));
            }
        }
        let Some(name) = self.time_zone.as_deref().filter(|_| !self.slots.is_empty()) else {
            return Ok(Availability::Open);
        };
        let tz = time_zone(name)?;
        let local = tz.local(now);
        let minute = local
            .hour()
            .saturating_mul(60)
            .saturating_add(local.minute());
        let today = local.date_naive();
        // Inside a slot that started today or (overnight) yesterday?
        for slot in &self.slots {
            let (start, length) = slot.span()?;
            let end = start.saturating_add(length);
            if slot.on(Day::of(today.weekday())) && minute >= start && minute < end {
                return Ok(Availability::Open);
            }
            if let Some(yesterday) = today.pred_opt() {
                if end > MINUTES_PER_DAY
                    && slot.on(Day::of(yesterday.weekday()))
                    && minute < end.saturating_sub(MINUTES_PER_DAY)
                {
                    return Ok(Availability::Open);
                }
            }
        }
        // The next start within a week, inside the window.
        let mut next: Option<DateTime<FixedOffset>> = None;
        for offset in 0..8i64 {
            let Some(date) = today.checked_add_signed(Duration::days(offset)) else {
                continue;
            };
            for slot in &self.slots {
                let (start, _) = slot.span()?;
                if !slot.on(Day::of(date.weekday())) {
                    continue;
                }
                let Some(time) = NaiveTime::from_hms_opt(start / 60, start % 60, 0) else {
                    continue;
                };
                let Some(at) = tz.earliest(date.and_time(time)) else {
                    continue;
                };
                let in_window = self.valid_until.is_none_or(|until| at < until);
                if at > now && in_window && next.is_none_or(|n| at < n) {
                    next = Some(at);
                }
            }
            if next.is_some() {
                break;
            }
        }
        Ok(Availability::OutsideSlot(next.map(|at| {
            let at_local = tz.local(at);
            let days = at_local
                .date_naive()
                .signed_duration_since(today)
                .num_days();
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                _ => format!("on {}", Day::of(at_local.weekday()).name()),
            };
            (
                at,
                format!("valid from {} {when}", at_local.format("%H:%M")),
            )
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn happy_hour(days: Vec<Day>, start: &str, end: &str) -> Schedule {
        Schedule {
            time_zone: Some("Asia/Shanghai".into()),
            slots: vec![TimeSlot {
                days,
                start: start.into(),
                end: end.into(),
            }],
            ..Schedule::default()
        }
    }

    #[test]
    fn local_slot_and_hint() {
        let s = happy_hour(vec![], "14:00", "17:00");
        // 05:30 UTC is 13:30 in Shanghai.
        match s.availability(at("2026-11-22T05:30:00Z")).unwrap() {
            Availability::OutsideSlot(Some((next, hint))) => {
                assert_eq!(next, at("2026-11-22T14:00:00+08:00"));
                assert_eq!(hint, "valid from 14:00 today");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            s.availability(at("2026-11-22T06:00:00Z")).unwrap(),
            Availability::Open
        );
        assert!(matches!(
            s.availability(at("2026-11-22T09:00:00Z")).unwrap(),
            Availability::OutsideSlot(Some((_, ref h))) if h == "valid from 14:00 tomorrow"
        ));
    }

    #[test]
    fn overnight_slot_counts_from_its_start_day() {
        // Fridays 22:00 to 02:00: Saturday 01:00 local is inside, Saturday 03:00 is not.
        let s = happy_hour(vec![Day::Fri], "22:00", "02:00");
        assert_eq!(
            s.availability(at("2026-11-28T01:00:00+08:00")).unwrap(),
            Availability::Open
        );
        assert!(matches!(
            s.availability(at("2026-11-28T03:00:00+08:00")).unwrap(),
            Availability::OutsideSlot(Some((_, ref h))) if h == "valid from 22:00 on Friday"
        ));
    }

    #[test]
    fn window_and_bad_data() {
        let s = Schedule {
            valid_from: Some(at("2026-12-01T00:00:00+08:00")),
            valid_until: Some(at("2026-12-31T00:00:00+08:00")),
            ..Schedule::default()
        };
        assert!(matches!(
            s.availability(at("2026-11-30T23:59:59+08:00")).unwrap(),
            Availability::NotStarted(_)
        ));
        assert!(matches!(
            s.availability(at("2026-12-31T00:00:00+08:00")).unwrap(),
            Availability::Expired(_)
        ));
        let bad = Schedule {
            time_zone: Some("Mars/Olympus".into()),
            ..happy_hour(vec![], "14:00", "17:00")
        };
        assert_eq!(
            bad.availability(at("2026-11-22T05:30:00Z"))
                .unwrap_err()
                .code(),
            "unknown_time_zone"
        );
        let bad = happy_hour(vec![], "25:00", "17:00");
        assert_eq!(bad.validate().unwrap_err().code(), "invalid_input");
    }
}
