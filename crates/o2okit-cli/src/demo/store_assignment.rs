//! Store assignment: the nearest store that can serve the order, and why each other store
//! could not (out of area, closed, out of stock, at capacity).

use o2okit::{assign, AssignOrder, AssignPolicy, AssignStatus, Store};

use super::{Page, Section};
use crate::commands::assign::render;

pub const SECTION: Section = Section {
    name: "store-assignment",
    title: "Assigning a delivery order to a store, with reasons",
    run,
};

/// Five stores due north and south of the customer (so distances are easy to check: 0.001°
/// of latitude is about 111 m). A and E keep overnight hours (07:00 to 02:00 the next day).
const STORES: &str = r#"[
  {"id": "A", "location": {"lat": 31.2412, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
   "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": "07:00", "close": "02:00"}]},
   "stock": {"milk": 12, "bread": 4},
   "fees": {"base_distance_m": 3000, "base_fee": {"amount": "5.00", "currency": "CNY"}, "base_eta_minutes": 30,
            "per_km_fee": {"amount": "1.00", "currency": "CNY"}, "per_km_eta_minutes": 10,
            "min_order": {"amount": "20.00", "currency": "CNY"}}},
  {"id": "B", "location": {"lat": 31.2376, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
   "stock": {"milk": 0, "bread": 9}},
  {"id": "C", "location": {"lat": 31.2529, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
   "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": "07:00", "close": "22:00"}]},
   "stock": {"milk": 30, "bread": 30}},
  {"id": "D", "location": {"lat": 31.2349, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 400},
   "stock": {"milk": 30, "bread": 30}},
  {"id": "E", "location": {"lat": 31.2160, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
   "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": "07:00", "close": "02:00"}]},
   "stock": {"milk": 30, "bread": 30}, "daily_capacity": 120, "used_today": 120}
]"#;

const ORDER: &str = r#"{"location": {"lat": 31.2304, "lng": 121.4737},
  "items": [{"product_id": "milk", "quantity": 2}, {"product_id": "bread", "quantity": 1}],
  "subtotal": {"amount": "36.00", "currency": "CNY"}}"#;

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let stores: Vec<Store> = o2okit::decode(STORES)?;
    let order: AssignOrder = o2okit::decode(ORDER)?;
    let policy = AssignPolicy::default();

    page.line(
        "A customer orders 2 milk and 1 bread (36.00 CNY) for delivery at 23:30 on a Saturday",
    );
    page.line(
        "in Shanghai. Five stores are nearby; the order goes to the nearest one that serves the",
    );
    page.line(
        "address, is open now (in the store's own time zone), has every line in stock and has",
    );
    page.line("capacity left today. Every other store is listed with all of its reasons.");
    page.blank();
    let late =
        o2okit::decode::<chrono::DateTime<chrono::FixedOffset>>("\"2026-03-07T23:30:00+08:00\"")?;
    let result = assign(&order, &stores, late, &policy)?;
    page.block(&render(&result));
    page.blank();
    page.line("A is 1.2 km away: the first 3 km cost 5.00 and 30 minutes. A is open because its");
    page.line(
        "hours run overnight (07:00 to 02:00 the next day); C closed at 22:00, and says when",
    );
    page.line(
        "it opens again. D, about 500 m away, is the closest but only delivers within 400 m.",
    );
    page.blank();

    let small_hours =
        o2okit::decode::<chrono::DateTime<chrono::FixedOffset>>("\"2026-03-08T03:00:00+08:00\"")?;
    let result = assign(&order, &stores, small_hours, &policy)?;
    page.line("The same order at 03:00: no store can take it. That is a result with every reason,");
    page.line("not an error, so the storefront can say why (and when A opens again).");
    page.blank();
    page.block(&render(&result));
    if result.status != AssignStatus::Unassigned {
        page.line("(unexpected: an assignment at 03:00)");
    }
    Ok(())
}
