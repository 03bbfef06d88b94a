//! Where a store delivers: a radius or one or more polygons.

use geo::{Coord, Intersects, LineString, Point, Polygon};
use serde::{Deserialize, Serialize};

use super::distance::{haversine_m, Radians, RadiusBox};
use super::Location;
use crate::Error;

/// A store's service area.
///
/// - `{"type": "radius", "radius_m": 3000}`: every point whose haversine distance from the
///   store, rounded to whole metres, is **at most** `radius_m`.
/// - `{"type": "polygons", "polygons": [[{"lat": .., "lng": ..}, ...], ...]}`: every point
///   inside or **on the boundary** of any polygon (an edge or a vertex counts as inside:
///   an address on the street that bounds a zone is served). Each polygon is one outer ring
///   of at least three distinct vertices, in either winding; closing it (repeating the
///   first vertex) is optional; holes are not supported (use several polygons). Edges are
///   straight lines in latitude/longitude, which is what map drawing tools produce for
///   zones of city size; a polygon must not cross the antimeridian.
///
/// Point-in-polygon is `geo`'s `Intersects` (boundary included; `Contains` would exclude it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ServiceArea {
    /// A circle around the store.
    Radius {
        /// The radius in whole metres (positive).
        radius_m: u32,
    },
    /// One or more polygons (WGS-84 vertices).
    Polygons {
        /// The polygons, each a list of vertices.
        polygons: Vec<Vec<Location>>,
    },
}

/// How [`ServiceArea`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "ServiceArea", rename_all = "snake_case", deny_unknown_fields)]
enum ServiceAreaWire {
    Radius { radius_m: u32 },
    Polygons { polygons: Vec<Vec<Location>> },
}
crate::wire::tagged_deserialize!(ServiceArea, ServiceAreaWire, "type");

/// A service area ready for many look-ups.
#[derive(Debug, Clone)]
pub(crate) enum PreparedArea {
    Radius { radius_m: u32, bbox: RadiusBox },
    Polygons(Vec<PreparedPolygon>),
}

#[derive(Debug, Clone)]
pub(crate) struct PreparedPolygon {
    min_lat: f64,
    max_lat: f64,
    min_lng: f64,
    max_lng: f64,
    polygon: Polygon<f64>,
}

impl PreparedArea {
    pub fn new(area: &ServiceArea, centre: &Radians, field: &str) -> Result<PreparedArea, Error> {
        match area {
            ServiceArea::Radius { radius_m } => {
                if *radius_m == 0 {
                    return Err(Error::InvalidStore {
                        field: format!("{field}.radius_m"),
                        reason: "the radius must be a positive number of metres".into(),
                    });
                }
                Ok(PreparedArea::Radius {
                    radius_m: *radius_m,
                    bbox: RadiusBox::new(centre, *radius_m),
                })
            }
            ServiceArea::Polygons { polygons } => {
                if polygons.is_empty() {
                    return Err(Error::InvalidStore {
                        field: format!("{field}.polygons"),
                        reason: "give at least one polygon, or use a radius area".into(),
                    });
                }
                polygons
                    .iter()
                    .enumerate()
                    .map(|(i, ring)| PreparedPolygon::new(ring, &format!("{field}.polygons[{i}]")))
                    .collect::<Result<Vec<_>, _>>()
                    .map(PreparedArea::Polygons)
            }
        }
    }

    /// Whether the area serves `point`; `centre` is the store. Computes the haversine
    /// distance only when a radius area needs it, and returns it when it did.
    pub fn serves(
        &self,
        centre: &Radians,
        location: Location,
        point: &Radians,
    ) -> (bool, Option<u32>) {
        match self {
            PreparedArea::Radius { radius_m, bbox } => {
                if !bbox.may_contain(centre, point) {
                    return (false, None);
                }
                let d = haversine_m(centre, point);
                (d <= *radius_m, Some(d))
            }
            PreparedArea::Polygons(polygons) => (polygons.iter().any(|p| p.serves(location)), None),
        }
    }
}

impl PreparedPolygon {
    fn new(ring: &[Location], field: &str) -> Result<PreparedPolygon, Error> {
        let mut coords: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
        for (i, vertex) in ring.iter().enumerate() {
            vertex.validate(&format!("{field}[{i}]"))?;
            let c = Coord {
                x: vertex.lng,
                y: vertex.lat,
            };
            if coords.last() != Some(&c) {
                coords.push(c);
            }
        }
        if coords.len() > 1 && coords.first() == coords.last() {
            coords.pop();
        }
        let mut distinct = coords.clone();
        distinct.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
        distinct.dedup();
        if distinct.len() < 3 {
            return Err(Error::InvalidStore {
                field: field.to_string(),
                reason: format!(
                    "a polygon needs at least three distinct vertices, got {}",
                    distinct.len()
                ),
            });
        }
        let fold = |init: f64, pick: fn(&Coord<f64>) -> f64, keep: fn(f64, f64) -> f64| {
            coords.iter().map(pick).fold(init, keep)
        };
        Ok(PreparedPolygon {
            min_lat: fold(f64::INFINITY, |c| c.y, f64::min),
            max_lat: fold(f64::NEG_INFINITY, |c| c.y, f64::max),
            min_lng: fold(f64::INFINITY, |c| c.x, f64::min),
            max_lng: fold(f64::NEG_INFINITY, |c| c.x, f64::max),
            polygon: Polygon::new(LineString::new(coords), Vec::new()),
        })
    }

    fn serves(&self, location: Location) -> bool {
        if location.lat < self.min_lat
            || location.lat > self.max_lat
            || location.lng < self.min_lng
            || location.lng > self.max_lng
        {
            return false;
        }
        self.polygon
            .intersects(&Point::new(location.lng, location.lat))
    }
}
