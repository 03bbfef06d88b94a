//! Calendar expiry rules: "at the end of the month 6 months after earning", in local time.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::member::invalid;
use crate::Error;

/// The most months a rule may look ahead (100 years).
pub const MAX_EXPIRY_MONTHS: u32 = 1_200;

/// Where in the target month an expiry falls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExpiryAt {
    /// At the end of the target month. The default.
    #[default]
    EndOfMonth,
    /// At the end of the target month's year (年底清零).
    EndOfYear,
}

/// When earned points expire, on the programme's local calendar.
///
/// Take the local month in which the points were earned, add `months_after` months: the
/// points expire at the **end** of that month (`end_of_month`) or of that month's year
/// (`end_of_year`), that is at local midnight starting the next month (or year). Points are
/// usable while `now < expires_at`.
///
/// Worked example, `{"months_after": 6, "at": "end_of_month"}` in `Asia/Shanghai`: points
/// earned at any time in January 2026 (local) expire at the end of 2026-07-31, so
/// `expires_at` is `2026-08-01T00:00:00+08:00`: usable at 23:59:59 on 31 July, gone at
/// midnight. `months_after: 0` expires at the end of the month of earning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpiryRule {
    /// Months after the month of earning (0 to 1,200).
    pub months_after: u32,
    /// End of that month (default) or of its year.
    #[serde(default)]
    pub at: ExpiryAt,
}

impl ExpiryRule {
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.months_after > MAX_EXPIRY_MONTHS {
            return Err(invalid(
                "program.expiry.months_after",
                format!("at most {MAX_EXPIRY_MONTHS} months"),
            ));
        }
        Ok(())
    }

    /// When points earned at `earned` expire, in the IANA zone `time_zone`; the result
    /// carries the local offset of that instant. Errors: [`Error::UnknownTimeZone`],
    /// [`Error::InvalidMembership`] for a bad rule, [`Error::AmountOutOfRange`] past the
    /// calendar's end.
    ///
    /// ```
    /// use o2okit::ExpiryRule;
    /// let rule: ExpiryRule = o2okit::decode(r#"{"months_after": 6, "at": "end_of_month"}"#)?;
    /// let earned = chrono::DateTime::parse_from_rfc3339("2026-01-15T10:00:00+08:00").unwrap();
    /// assert_eq!(rule.expires_at("Asia/Shanghai", earned)?.to_rfc3339(), "2026-08-01T00:00:00+08:00");
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn expires_at(
        &self,
        time_zone: &str,
        earned: DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, Error> {
        self.expires_at_in(&crate::calendar::time_zone(time_zone)?, earned)
    }

    /// [`ExpiryRule::expires_at`] in a zone already looked up.
    pub(crate) fn expires_at_in(
        &self,
        zone: &crate::calendar::Zone,
        earned: DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, Error> {
        self.check()?;
        let local = zone.local(earned);
        let month_index = i64::from(local.year())
            .checked_mul(12)
            .and_then(|m| m.checked_add(i64::from(local.month0())))
            .and_then(|m| m.checked_add(i64::from(self.months_after)))
            .ok_or_else(overflow)?;
        let (year, month0) = (month_index.div_euclid(12), month_index.rem_euclid(12));
        // The first day after the period: the 1st of the next month, or 1 January next year.
        let (next_year, next_month0) = match self.at {
            ExpiryAt::EndOfMonth if month0 == 11 => (year.checked_add(1), 0),
            ExpiryAt::EndOfMonth => (Some(year), month0.checked_add(1).unwrap_or(12)),
            ExpiryAt::EndOfYear => (year.checked_add(1), 0),
        };
        let next_year = next_year
            .and_then(|y| i32::try_from(y).ok())
            .ok_or_else(overflow)?;
        let next_month = u32::try_from(next_month0)
            .ok()
            .and_then(|m| m.checked_add(1))
            .ok_or_else(overflow)?;
        let midnight = NaiveDate::from_ymd_opt(next_year, next_month, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or_else(overflow)?;
        // Local midnight can fall in a daylight-saving gap: then the first instant after it.
        for hours in 0..4 {
            let candidate = midnight
                .checked_add_signed(chrono::TimeDelta::hours(hours))
                .ok_or_else(overflow)?;
            if let Some(instant) = zone.earliest(candidate) {
                return Ok(instant);
            }
        }
        Err(overflow())
    }
}

fn overflow() -> Error {
    Error::out_of_range("points expiry date")
}
