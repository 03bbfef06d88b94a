//! Great-circle distance (haversine) in whole metres, and a cheap, conservative
//! pre-filter for radius areas.
//!
//! Floats are used here and only here: geometry, never money. Every transcendental goes
//! through `libm` (a port of musl's libm), so the same inputs give bit-identical results on
//! every platform (native and WebAssembly alike); distances are rounded to whole metres
//! before anything compares them. `geo::Haversine` gives the same distances (the stores
//! tests check it) but calls the platform's `sin`/`cos`, which may differ in the last bit
//! between targets.
#![allow(clippy::float_arithmetic)]

use super::Location;

/// The mean earth radius in metres (IUGG R1), the one `geo` uses for haversine.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A location with its trigonometry done once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Radians {
    pub lat: f64,
    pub lng: f64,
    pub cos_lat: f64,
}

impl Radians {
    pub fn of(location: Location) -> Radians {
        let lat = location.lat.to_radians();
        Radians {
            lat,
            lng: location.lng.to_radians(),
            cos_lat: libm::cos(lat),
        }
    }
}

/// The absolute longitude difference in radians, across the antimeridian when shorter.
fn delta_lng(a: f64, b: f64) -> f64 {
    let d = libm::fabs(a - b);
    if d > std::f64::consts::PI {
        2.0 * std::f64::consts::PI - d
    } else {
        d
    }
}

/// Haversine distance in metres, rounded half away from zero to a whole metre.
pub(crate) fn haversine_m(a: &Radians, b: &Radians) -> u32 {
    let half_dlat = libm::sin((b.lat - a.lat) / 2.0);
    let half_dlng = libm::sin(delta_lng(a.lng, b.lng) / 2.0);
    let h = half_dlat * half_dlat + a.cos_lat * b.cos_lat * half_dlng * half_dlng;
    let h = h.clamp(0.0, 1.0);
    let metres = 2.0 * EARTH_RADIUS_M * libm::asin(libm::sqrt(h));
    // At most about 20,015,115 m: always fits.
    libm::round(metres) as u32
}

/// The haversine distance in whole metres between two WGS-84 locations.
///
/// ```
/// use o2okit::{distance_m, Location};
/// // One degree of latitude is about 111.2 km.
/// let a = Location::new(0.0, 0.0)?;
/// let b = Location::new(1.0, 0.0)?;
/// assert_eq!(distance_m(a, b), 111_195);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn distance_m(a: Location, b: Location) -> u32 {
    haversine_m(&Radians::of(a), &Radians::of(b))
}

/// A conservative box around a circle: a point outside it is certainly farther than the
/// radius (after rounding to whole metres), so the haversine can be skipped. Points
/// inside still get the exact check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RadiusBox {
    max_dlat: f64,
    /// `None` when the circle reaches a pole (no longitude bound).
    max_dlng: Option<f64>,
}

impl RadiusBox {
    pub fn new(centre: &Radians, radius_m: u32) -> RadiusBox {
        // rounded(d) <= r  <=>  d < r + 0.5; widen a little more for float error.
        let reach = (f64::from(radius_m) + 1.0) / EARTH_RADIUS_M * (1.0 + 1e-9) + 1e-12;
        let max_dlat = reach;
        // haversine: h >= cos(lat1) cos(lat2) sin^2(dlng/2), and d <= reach iff
        // h <= sin^2(reach/2). Bound cos(lat2) below over the latitude band.
        let far_lat = libm::fabs(centre.lat) + max_dlat;
        let max_dlng = if reach >= std::f64::consts::PI || far_lat >= std::f64::consts::FRAC_PI_2 {
            None
        } else {
            let denom = libm::sqrt(centre.cos_lat * libm::cos(far_lat));
            let s = libm::sin(reach / 2.0) / denom;
            if s >= 1.0 || !s.is_finite() {
                None
            } else {
                Some(2.0 * libm::asin(s) * (1.0 + 1e-9) + 1e-12)
            }
        };
        RadiusBox { max_dlat, max_dlng }
    }

    /// `false` when `point` is certainly outside the circle around `centre`.
    pub fn may_contain(&self, centre: &Radians, point: &Radians) -> bool {
        if libm::fabs(point.lat - centre.lat) > self.max_dlat {
            return false;
        }
        match self.max_dlng {
            Some(max) => delta_lng(point.lng, centre.lng) <= max,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_geo_haversine() {
        use geo::{Distance, Haversine, Point};
        let pairs = [
            ((31.2304, 121.4737), (31.2397, 121.4998)),
            ((39.9042, 116.4074), (31.2304, 121.4737)),
            ((0.0, 179.9), (0.0, -179.9)),
            ((-33.8688, 151.2093), (51.5074, -0.1278)),
        ];
        for ((la, na), (lb, nb)) in pairs {
            let ours = distance_m(Location { lat: la, lng: na }, Location { lat: lb, lng: nb });
            let theirs = Haversine.distance(Point::new(na, la), Point::new(nb, lb));
            assert!(
                (f64::from(ours) - theirs).abs() <= 0.5 + 1e-6,
                "{ours} vs {theirs}"
            );
        }
    }

    #[test]
    fn the_box_never_rejects_a_point_inside() {
        let centre = Radians::of(Location {
            lat: 60.0,
            lng: 10.0,
        });
        let bbox = RadiusBox::new(&centre, 5000);
        for i in 0..360 {
            let angle = f64::from(i).to_radians();
            // Points on a ~5 km circle, computed with a small-distance approximation.
            let dlat = 5000.0 / EARTH_RADIUS_M * angle.cos();
            let dlng = 5000.0 / EARTH_RADIUS_M * angle.sin() / centre.cos_lat;
            let p = Radians::of(Location {
                lat: (centre.lat + dlat).to_degrees(),
                lng: (centre.lng + dlng).to_degrees(),
            });
            if haversine_m(&centre, &p) <= 5000 {
                assert!(bbox.may_contain(&centre, &p));
            }
        }
    }
}
