//! Store assignment: 100,000 orders among 1,000 stores spread over a 40 km x 40 km city
//! (radius areas of 2-5 km, most open 08:00-22:00 and some overnight, 20 of 60 products in
//! stock each, daily capacities), reported as orders per second, beside a baseline in the
//! same run: the plain haversine distance from each order to all 1,000 stores and the
//! minimum (no filters, no reasons), the least a correct nearest-store pick can cost without
//! an index.
//!
//! - `assign_into_nearby`: `PreparedStores::assign_into` with `explain: nearby` (far-away
//!   stores only marked `out_of_area`), into one reused buffer;
//! - `assign_into_all`: the same with `explain: all` (every filter on every store);
//! - `assign_full_all`: `PreparedStores::assign`, the full `Assignment` with 1,000
//!   passed-over entries and their strings;
//! - `baseline_haversine_all_stores`: the baseline.
//!
//! Before the criterion measurements it times one pass over the 100,000 orders for each and
//! prints orders/s.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::float_arithmetic
)]

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use o2okit::{
    distance_m, AssignBuffer, AssignOrder, AssignPolicy, Explain, Location, PreparedStores, Store,
};
use serde_json::json;

mod support;

const STORES: usize = 1_000;
const ORDERS: usize = 100_000;

struct Rng(u64);
impl Rng {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
    /// A coordinate offset in degrees within +-0.18 (about 20 km).
    fn offset(&mut self) -> f64 {
        (self.next(36_000) as f64 - 18_000.0) / 100_000.0
    }
}

fn stores(rng: &mut Rng) -> Vec<Store> {
    (0..STORES)
        .map(|i| {
            let stock: serde_json::Map<String, serde_json::Value> = (0..20)
                .map(|_| (format!("p{}", rng.next(60)), json!(rng.next(30))))
                .collect();
            let hours = if i % 10 == 0 {
                json!({"time_zone": "Asia/Shanghai", "weekly": [{"open": "18:00", "close": "06:00"}]})
            } else {
                json!({"time_zone": "Asia/Shanghai", "weekly": [{"open": "08:00", "close": "22:00"}],
                       "closed_dates": ["2026-10-01"]})
            };
            let store = json!({
                "id": format!("store-{i}"),
                "location": {"lat": 31.2304 + rng.offset(), "lng": 121.4737 + rng.offset()},
                "area": {"type": "radius", "radius_m": 2000 + rng.next(3000)},
                "hours": hours,
                "stock": stock,
                "daily_capacity": 300,
                "used_today": rng.next(320),
                "fees": {"base_distance_m": 3000, "base_fee": {"amount": "5.00", "currency": "CNY"},
                         "base_eta_minutes": 30, "per_km_fee": {"amount": "1.00", "currency": "CNY"},
                         "per_km_eta_minutes": 10}
            });
            o2okit::decode(&store.to_string()).unwrap()
        })
        .collect()
}

fn orders(rng: &mut Rng, n: usize) -> Vec<(AssignOrder, DateTime<FixedOffset>)> {
    (0..n)
        .map(|_| {
            let items: Vec<_> = (0..1 + rng.next(3))
                .map(|k| json!({"product_id": format!("p{}", rng.next(20) * 3 + k), "quantity": 1 + rng.next(3)}))
                .collect();
            let order = json!({
                "location": {"lat": 31.2304 + rng.offset(), "lng": 121.4737 + rng.offset()},
                "items": items,
            });
            let minute = rng.next(24 * 60);
            let now = format!("2026-03-02T{:02}:{:02}:00+08:00", minute / 60, minute % 60);
            (
                o2okit::decode(&order.to_string()).unwrap(),
                DateTime::parse_from_rfc3339(&now).unwrap(),
            )
        })
        .collect()
}

fn per_second(count: u128, nanos: u128) -> u128 {
    count * 1_000_000_000 / nanos.max(1)
}

fn nearest(order: &AssignOrder, locations: &[Location]) -> u32 {
    locations
        .iter()
        .map(|s| distance_m(order.location, *s))
        .min()
        .unwrap()
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x5eed);
    let stores = stores(&mut rng);
    let orders = orders(&mut rng, support::size(ORDERS));
    let n = orders.len() as u128;
    let locations: Vec<Location> = stores.iter().map(|s| s.location).collect();
    let prepared = PreparedStores::new(&stores).unwrap();
    let all = AssignPolicy::default();
    let nearby = AssignPolicy {
        explain: Explain::Nearby,
        ..AssignPolicy::default()
    };
    let mut buffer = AssignBuffer::default();
    // Both explain modes choose the same stores; the full result agrees with the buffer.
    let mut assigned = 0usize;
    for (order, now) in orders.iter().take(2_000) {
        prepared
            .assign_into(order, *now, &all, &mut buffer)
            .unwrap();
        let chosen_all = buffer.chosen().to_vec();
        prepared
            .assign_into(order, *now, &nearby, &mut buffer)
            .unwrap();
        assert_eq!(chosen_all, buffer.chosen());
        let full = prepared.assign(order, *now, &all).unwrap();
        assert_eq!(full.chosen.len() + full.passed_over.len(), STORES);
        assigned += usize::from(!chosen_all.is_empty());
    }
    println!("{assigned} of the first 2,000 orders are assigned");

    let time = |f: &mut dyn FnMut(&AssignOrder, DateTime<FixedOffset>)| {
        let start = Instant::now();
        for (order, now) in &orders {
            f(black_box(order), *now);
        }
        start.elapsed().as_nanos()
    };
    let nearby_nanos = time(&mut |o, now| {
        prepared.assign_into(o, now, &nearby, &mut buffer).unwrap();
        black_box(buffer.chosen());
    });
    let all_nanos = time(&mut |o, now| {
        prepared.assign_into(o, now, &all, &mut buffer).unwrap();
        black_box(buffer.chosen());
    });
    let full_nanos = time(&mut |o, now| {
        black_box(prepared.assign(o, now, &all).unwrap());
    });
    let baseline_nanos = time(&mut |o, _| {
        black_box(nearest(o, &locations));
    });
    println!(
        "{n} orders x {STORES} stores: assign_into nearby {} orders/s; assign_into all {} orders/s; assign (full Assignment, all) {} orders/s; baseline haversine to every store {} orders/s",
        per_second(n, nearby_nanos),
        per_second(n, all_nanos),
        per_second(n, full_nanos),
        per_second(n, baseline_nanos),
    );

    let sample = &orders[..orders.len().min(10_000)];
    let mut group = c.benchmark_group("assign_10k_orders_1000_stores");
    group.throughput(Throughput::Elements(sample.len() as u64));
    group.sample_size(10);
    group.bench_function("assign_into_nearby", |b| {
        b.iter(|| {
            for (order, now) in sample {
                prepared
                    .assign_into(black_box(order), *now, &nearby, &mut buffer)
                    .unwrap();
            }
        })
    });
    group.bench_function("assign_into_all", |b| {
        b.iter(|| {
            for (order, now) in sample {
                prepared
                    .assign_into(black_box(order), *now, &all, &mut buffer)
                    .unwrap();
            }
        })
    });
    group.bench_function("baseline_haversine_all_stores", |b| {
        b.iter(|| {
            for (order, _) in sample {
                black_box(nearest(black_box(order), &locations));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
