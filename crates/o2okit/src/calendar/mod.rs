//! Calendar facts shared by the domains that read local time: the days of the week and
//! (feature `tz`) the IANA time zone database.

mod day;
#[cfg(feature = "tz")]
mod zone;

pub use day::Day;
#[cfg(feature = "tz")]
pub(crate) use zone::time_zone;
