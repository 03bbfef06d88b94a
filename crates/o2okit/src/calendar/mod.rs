//! Calendar facts shared by the domains that read local time: the days of the week and
//! (feature `tz`) the IANA time zone database.

mod day;
#[cfg(feature = "tz")]
mod zone;

pub use day::Day;
#[cfg(feature = "tz")]
pub(crate) use zone::time_zone;
#[cfg(feature = "tz")]
pub use zone::time_zones;
#[cfg(any(feature = "stores", feature = "membership"))]
pub(crate) use zone::Zone;

/// What [`crate::Error::UnknownTimeZone`] adds to its message: nothing when the build has every
/// zone; else which zones it has and where the others are.
pub(crate) fn zones_hint() -> &'static str {
    if cfg!(feature = "tzdb") {
        ""
    } else {
        "; this build of o2okit has only the time zones chosen when it was built (listed by \
         `o2okit::time_zones()`); the cargo feature \"tzdb\" (in npm, the full entry point \"o2okit\") \
         has every zone"
    }
}
