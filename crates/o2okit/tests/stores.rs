//! Store assignment: the issue's cases and the assignment's properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::float_arithmetic
)]

use std::collections::BTreeSet;

use o2okit::{
    assign, distance_m, AssignOrder, AssignPolicy, AssignStatus, Assignment, Explain, PassReason,
    SplitPolicy, Store, TieBreak,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn decode<T: serde::de::DeserializeOwned>(v: Value) -> T {
    o2okit::decode(&v.to_string()).unwrap()
}

const LAT: f64 = 31.2304;
const LNG: f64 = 121.4737;

fn codes(result: &Assignment, id: &str) -> Vec<&'static str> {
    result
        .passed_over
        .iter()
        .find(|p| p.store_id == id)
        .unwrap()
        .reasons
        .iter()
        .map(PassReason::code)
        .collect()
}

#[test]
fn the_issue_case_a_b_c() {
    let day =
        json!({"time_zone": "Asia/Shanghai", "weekly": [{"open": "08:00", "close": "22:00"}]});
    let stores: Vec<Store> = decode(json!([
        {"id": "A", "location": {"lat": LAT + 0.0108, "lng": LNG}, "area": {"type": "radius", "radius_m": 3000},
         "hours": day, "stock": {"milk": 5}},
        {"id": "B", "location": {"lat": LAT + 0.0072, "lng": LNG}, "area": {"type": "radius", "radius_m": 3000},
         "hours": day, "stock": {"milk": 0}},
        {"id": "C", "location": {"lat": LAT + 0.0225, "lng": LNG}, "area": {"type": "radius", "radius_m": 3000},
         "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": "07:00", "close": "09:00"}]},
         "stock": {"milk": 9}}
    ]));
    let order: AssignOrder = decode(json!({"location": {"lat": LAT, "lng": LNG},
        "items": [{"product_id": "milk", "quantity": 2}]}));
    let result = assign(
        &order,
        &stores,
        at("2026-03-02T10:00:00+08:00"),
        &AssignPolicy::default(),
    )
    .unwrap();
    assert_eq!(result.status, AssignStatus::Assigned);
    assert_eq!(result.chosen[0].store_id, "A");
    assert_eq!(result.chosen[0].distance_m, 1201);
    assert_eq!(codes(&result, "B"), ["out_of_stock"]);
    assert_eq!(codes(&result, "C"), ["closed"]);
}

#[test]
fn overnight_hours_across_midnight_in_shanghai() {
    let stores: Vec<Store> = decode(json!([
        {"id": "N", "location": {"lat": LAT, "lng": LNG}, "area": {"type": "radius", "radius_m": 1000},
         "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"days": ["sat"], "open": "22:00", "close": "02:00"}]}}
    ]));
    let order: AssignOrder = decode(json!({"location": {"lat": LAT, "lng": LNG},
        "items": [{"product_id": "x", "quantity": 1}]}));
    let status = |now: &str| {
        assign(&order, &stores, at(now), &AssignPolicy::default())
            .unwrap()
            .status
    };
    // Saturday 2026-03-07 21:59 closed, 22:00 open, Sunday 01:59 open, 02:00 closed; the
    // same instants written in UTC.
    assert_eq!(
        status("2026-03-07T21:59:00+08:00"),
        AssignStatus::Unassigned
    );
    assert_eq!(status("2026-03-07T14:00:00Z"), AssignStatus::Assigned);
    assert_eq!(status("2026-03-07T17:59:00Z"), AssignStatus::Assigned);
    assert_eq!(
        status("2026-03-08T02:00:00+08:00"),
        AssignStatus::Unassigned
    );
    // Sunday 22:30 is not Saturday's interval.
    assert_eq!(
        status("2026-03-08T22:30:00+08:00"),
        AssignStatus::Unassigned
    );
}

#[test]
fn a_point_on_a_polygon_edge_is_served() {
    let stores: Vec<Store> = decode(json!([
        {"id": "P", "location": {"lat": 31.235, "lng": 121.475},
         "area": {"type": "polygons", "polygons": [[
            {"lat": 31.23, "lng": 121.47}, {"lat": 31.23, "lng": 121.48},
            {"lat": 31.24, "lng": 121.48}, {"lat": 31.24, "lng": 121.47}]]}}
    ]));
    let run = |lat: f64, lng: f64| {
        let order: AssignOrder = decode(json!({"location": {"lat": lat, "lng": lng},
            "items": [{"product_id": "x", "quantity": 1}]}));
        assign(
            &order,
            &stores,
            at("2026-03-02T10:00:00+08:00"),
            &AssignPolicy::default(),
        )
        .unwrap()
        .status
    };
    assert_eq!(run(31.23, 121.475), AssignStatus::Assigned); // bottom edge
    assert_eq!(run(31.235, 121.48), AssignStatus::Assigned); // right edge
    assert_eq!(run(31.24, 121.47), AssignStatus::Assigned); // a vertex
    assert_eq!(run(31.2299, 121.475), AssignStatus::Unassigned); // just outside
}

/// A random store near the order: offsets up to ~4.4 km, radius 500-4000 m, hours that may
/// run overnight, stock of up to three products, a capacity.
fn store_strategy() -> impl Strategy<Value = Value> {
    (
        (-400i32..400, -400i32..400, 500u32..4000),
        (0u32..24, 1u32..24, any::<bool>()),
        proptest::collection::vec(0u32..4, 3),
        (proptest::option::of(1u32..5), 0u32..5),
        proptest::option::of((0u32..5000, 1u32..40)),
    )
        .prop_map(
            |((dlat, dlng, radius), (open, len, has_hours), stock, (cap, used), road)| {
                let mut store = json!({
                    "location": {"lat": LAT + f64::from(dlat) / 10_000.0, "lng": LNG + f64::from(dlng) / 10_000.0},
                    "area": {"type": "radius", "radius_m": radius},
                    "stock": {"a": stock[0], "b": stock[1], "c": stock[2]},
                    "used_today": used,
                });
                if has_hours {
                    store["hours"] = json!({"time_zone": "Asia/Shanghai", "weekly": [
                        {"open": format!("{open:02}:00"), "close": format!("{:02}:00", (open + len) % 24)}]});
                }
                if let Some(cap) = cap {
                    store["daily_capacity"] = json!(cap);
                }
                if let Some((d, eta)) = road {
                    store["road"] = json!({"distance_m": d, "eta_minutes": eta});
                }
                store
            },
        )
}

fn case_strategy() -> impl Strategy<Value = (Vec<Store>, AssignOrder, String, AssignPolicy)> {
    (
        proptest::collection::vec(store_strategy(), 0..8),
        proptest::collection::vec(1u32..3, 1..4),
        0u32..(24 * 60),
        proptest::collection::vec(
            prop_oneof![
                Just(TieBreak::SpareCapacity),
                Just(TieBreak::Eta),
                Just(TieBreak::StoreId)
            ],
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(mut raw, quantities, minute, tie_breaks, split)| {
            for (i, store) in raw.iter_mut().enumerate() {
                store["id"] = json!(format!("s{i}"));
            }
            let stores: Vec<Store> = decode(Value::Array(raw));
            let items: Vec<Value> = quantities
                .iter()
                .zip(["a", "b", "c"])
                .map(|(q, p)| json!({"product_id": p, "quantity": q}))
                .collect();
            let order: AssignOrder =
                decode(json!({"location": {"lat": LAT, "lng": LNG}, "items": items}));
            let now = format!("2026-03-02T{:02}:{:02}:00+08:00", minute / 60, minute % 60);
            let policy = AssignPolicy {
                tie_breaks,
                split: if split {
                    SplitPolicy::FewestStores
                } else {
                    SplitPolicy::Never
                },
                ..AssignPolicy::default()
            };
            (stores, order, now, policy)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_chosen_store_passes_every_filter_and_no_nearer_eligible_store_is_skipped(
        (stores, order, now, policy) in case_strategy()
    ) {
        let now = at(&now);
        let result = assign(&order, &stores, now, &policy).unwrap();
        // Every store exactly once.
        let mut ids: Vec<&str> = result.chosen.iter().map(|c| c.store_id.as_str())
            .chain(result.passed_over.iter().map(|p| p.store_id.as_str())).collect();
        ids.sort_unstable();
        let mut expected: Vec<&str> = stores.iter().map(|s| s.id.as_str()).collect();
        expected.sort_unstable();
        prop_assert_eq!(ids, expected);
        let alone = |id: &str| {
            let store = stores.iter().find(|s| s.id == id).unwrap().clone();
            assign(&order, &[store], now, &AssignPolicy::default()).unwrap()
        };
        match result.status {
            AssignStatus::Assigned => {
                let chosen = &result.chosen[0];
                // Passes every filter: alone it is assigned.
                prop_assert_eq!(alone(&chosen.store_id).status, AssignStatus::Assigned);
                for passed in &result.passed_over {
                    prop_assert!(!passed.reasons.is_empty());
                    let filtered = alone(&passed.store_id).status == AssignStatus::Unassigned;
                    match passed.reasons.last().unwrap() {
                        PassReason::Farther => {
                            prop_assert!(!filtered);
                            prop_assert!(passed.distance_m.unwrap() > chosen.distance_m);
                        }
                        PassReason::TieBreak { .. } => {
                            prop_assert!(!filtered);
                            prop_assert_eq!(passed.distance_m.unwrap(), chosen.distance_m);
                        }
                        _ => prop_assert!(filtered),
                    }
                }
            }
            AssignStatus::Split => {
                prop_assert_eq!(policy.split, SplitPolicy::FewestStores);
                // Each line exactly once, from a store that has it.
                let mut lines = BTreeSet::new();
                for chosen in &result.chosen {
                    let store = stores.iter().find(|s| s.id == chosen.store_id).unwrap();
                    for product in &chosen.items {
                        prop_assert!(lines.insert(product.clone()));
                        let wanted = order.items.iter().find(|i| &i.product_id == product).unwrap().quantity;
                        prop_assert!(store.stock.as_ref().unwrap()[product] >= wanted);
                    }
                    let single = alone(&chosen.store_id);
                    let reasons: Vec<_> = single.passed_over[0].reasons.iter().map(PassReason::code).collect();
                    prop_assert_eq!(reasons, ["out_of_stock"]);
                }
                prop_assert_eq!(lines.len(), order.items.len());
                prop_assert!(result.chosen.len() >= 2);
            }
            AssignStatus::Unassigned => {
                prop_assert!(result.chosen.is_empty());
                for passed in &result.passed_over {
                    prop_assert_eq!(alone(&passed.store_id).status, AssignStatus::Unassigned);
                }
            }
        }
        // `nearby` chooses the same stores.
        let nearby = AssignPolicy { explain: Explain::Nearby, ..policy.clone() };
        let short = assign(&order, &stores, now, &nearby).unwrap();
        prop_assert_eq!(&short.chosen, &result.chosen);
    }

    #[test]
    fn a_radius_serves_exactly_the_points_within_it(
        dlat in -0.05f64..0.05, dlng in -0.05f64..0.05, lat in -80.0f64..80.0, radius in 1u32..6000
    ) {
        let store: Store = decode(json!({"id": "s", "location": {"lat": lat, "lng": 100.0},
            "area": {"type": "radius", "radius_m": radius}}));
        let order: AssignOrder = decode(json!({"location": {"lat": lat + dlat, "lng": 100.0 + dlng},
            "items": [{"product_id": "x", "quantity": 1}]}));
        let result = assign(&order, std::slice::from_ref(&store), at("2026-03-02T10:00:00Z"),
            &AssignPolicy::default()).unwrap();
        let inside = distance_m(store.location, order.location) <= radius;
        prop_assert_eq!(result.status == AssignStatus::Assigned, inside);
    }
}
