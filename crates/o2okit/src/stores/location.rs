//! WGS-84 coordinates.

use serde::{Deserialize, Serialize};

use crate::Error;

/// A point on the earth in **WGS-84** degrees (the GPS datum): `{"lat": 31.2304, "lng":
/// 121.4737}`.
///
/// Coordinates are plain JSON numbers (they are not money). Latitude must be in
/// `-90..=90`, longitude in `-180..=180`, both finite.
///
/// **GCJ-02.** Maps in mainland China (Amap/Gaode, Tencent, and Baidu's BD-09 on top of it)
/// show coordinates shifted by the GCJ-02 offset, typically 100–700 m from WGS-84. o2okit
/// does **not** convert: every location (order, store, polygon vertex) must already be
/// WGS-84, or all of them must come from the same datum. Mixing a GCJ-02 order location
/// with WGS-84 stores gives distances that are wrong by hundreds of metres. Convert on the
/// way in, with the map vendor's own conversion.
///
/// ```
/// use o2okit::Location;
/// let people_square = Location::new(31.2304, 121.4737)?;
/// assert_eq!(people_square.lat, 31.2304);
/// assert_eq!(Location::new(91.0, 0.0).unwrap_err().code(), "invalid_location");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Latitude in degrees, north positive (`-90..=90`).
    pub lat: f64,
    /// Longitude in degrees, east positive (`-180..=180`).
    pub lng: f64,
}

impl Location {
    /// A checked location: errors with [`Error::InvalidLocation`] when a coordinate is not
    /// finite or out of range.
    pub fn new(lat: f64, lng: f64) -> Result<Location, Error> {
        let location = Location { lat, lng };
        location.validate("location")?;
        Ok(location)
    }

    /// Check the range; `field` names the location in the error.
    pub(crate) fn validate(&self, field: &str) -> Result<(), Error> {
        let ok = self.lat.is_finite()
            && self.lng.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lng);
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidLocation {
                field: field.to_string(),
                lat: self.lat.to_string(),
                lng: self.lng.to_string(),
            })
        }
    }
}
