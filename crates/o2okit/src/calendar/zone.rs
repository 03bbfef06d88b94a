//! Named IANA time zones: the one place o2okit looks a zone up.

use chrono_tz::Tz;

use crate::Error;

/// Parse an IANA zone name (`"Asia/Shanghai"`, `"UTC"`; exact spelling), else
/// [`Error::UnknownTimeZone`].
pub(crate) fn time_zone(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| Error::UnknownTimeZone {
        name: name.to_string(),
    })
}
