//! `store.assign`: an order (a location and items) against up to eight stores near
//! Shanghai (radius or polygon areas, weekly hours with closed and special days in named
//! zones, stock, daily capacity, fee tables, road estimates), with tie-breaks, splitting
//! and explanation policies. On every success: the status matches the number of stores
//! chosen; no store is both chosen and passed over, or listed twice, and with `explain:
//! all` every store is accounted for; every store passed over has a reason; the chosen
//! stores cover every item, each from one store with the stock for it, within their area;
//! distances are the haversine distance (or the road estimate); the fee is the sum of the
//! stores' fees; `PreparedStores` gives the same assignment; and the common contract holds.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use o2okit::{AssignRequest, AssignStatus, Assignment, DistanceSource, Location, ServiceArea};
use o2okit_fuzz::promo::ZONES;
use o2okit_fuzz::{json, pick, Amt, Arbitrary, At, Checked, Value};

const PRODUCTS: [&str; 4] = ["milk", "bread", "eggs", "rice"];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TIE_BREAKS: [&str; 4] = ["eta", "fee", "spare_capacity", "store_id"];

#[derive(Arbitrary, Debug)]
struct StoreIn {
    /// Offset from the order, in 1/10,000 degree (about 11 m).
    dlat: i16,
    dlng: i16,
    polygon: Option<Vec<(i16, i16)>>,
    radius: u16,
    hours: Option<(u8, u8, u8, Vec<u8>, bool, bool)>,
    stock: Option<Vec<(u8, u8)>>,
    capacity: Option<(u8, u8)>,
    fees: Option<(u16, Amt, u8, Amt, u8, Option<Amt>)>,
    road: Option<(u16, Option<u8>)>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    stores: Vec<StoreIn>,
    items: Vec<(u8, u8)>,
    subtotal: Option<Amt>,
    now: At,
    tie_breaks: Vec<u8>,
    split: bool,
    nearby: bool,
    policy_fees: bool,
    duplicate_id: bool,
}

const LAT: f64 = 31.2304;
const LNG: f64 = 121.4737;

fn loc(dlat: i16, dlng: i16) -> Value {
    json!({"lat": LAT + f64::from(dlat) / 10_000.0, "lng": LNG + f64::from(dlng) / 10_000.0})
}

fn fee_table(f: &(u16, Amt, u8, Amt, u8, Option<Amt>)) -> Value {
    let cny = o2okit::Currency::from_code("CNY").unwrap_or_else(|e| panic!("{e}"));
    let mut t = json!({"base_distance_m": u32::from(f.0 % 5_000), "base_fee": o2okit_fuzz::money(i64::from(f.1.units % 2_000), cny),
                       "base_eta_minutes": u32::from(f.2 % 60), "per_km_fee": o2okit_fuzz::money(i64::from(f.3.units % 500), cny),
                       "per_km_eta_minutes": u32::from(f.4 % 20)});
    if let Some(m) = f.5 {
        t["min_order"] = o2okit_fuzz::money(i64::from(m.units % 10_000), cny);
    }
    t
}

fn store(i: usize, s: &StoreIn, duplicate_id: bool) -> Value {
    let area = match &s.polygon {
        Some(points) if points.len() >= 3 => {
            json!({"type": "polygons", "polygons": [points.iter().take(6).map(|(a, b)| loc(*a / 4, *b / 4)).collect::<Vec<_>>()]})
        }
        _ => json!({"type": "radius", "radius_m": u32::from(s.radius % 8_000)}),
    };
    let id = if duplicate_id && i == 1 {
        "s0".to_string()
    } else {
        format!("s{i}")
    };
    let mut st = json!({"id": id, "location": loc(s.dlat / 4, s.dlng / 4), "area": area});
    if let Some((open, close, zone, days, closed_today, special)) = &s.hours {
        let mut h = json!({"time_zone": pick(&ZONES, *zone),
            "weekly": [{"open": format!("{:02}:00", open % 24), "close": format!("{:02}:30", close % 24)}]});
        if !days.is_empty() {
            h["weekly"][0]["days"] = json!(days
                .iter()
                .take(3)
                .map(|d| pick(&DAYS, *d))
                .collect::<Vec<_>>());
        }
        if *closed_today {
            h["closed_dates"] = json!(["2026-11-22", "2026-11-23"]);
        }
        if *special {
            h["special"] =
                json!([{"date": "2026-11-24", "intervals": [{"open": "10:00", "close": "12:00"}]}]);
        }
        st["hours"] = h;
    }
    if let Some(stock) = &s.stock {
        let mut m = serde_json::Map::new();
        for (p, q) in stock.iter().take(4) {
            m.insert(pick(&PRODUCTS, *p).to_string(), json!(q % 6));
        }
        st["stock"] = Value::Object(m);
    }
    if let Some((cap, used)) = s.capacity {
        st["daily_capacity"] = json!(cap % 4);
        st["used_today"] = json!(used % 5);
    }
    if let Some(f) = &s.fees {
        st["fees"] = fee_table(f);
    }
    if let Some((d, eta)) = s.road {
        st["road"] = json!({"distance_m": d});
        if let Some(e) = eta {
            st["road"]["eta_minutes"] = json!(e);
        }
    }
    st
}

fn run(r: &AssignRequest) -> Result<Assignment, o2okit::Error> {
    o2okit::assign(&r.order, &r.stores, r.now, &r.policy)
}

fuzz_target!(|input: Input| {
    let stores: Vec<Value> = input
        .stores
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, s)| store(i, s, input.duplicate_id))
        .collect();
    let items: Vec<Value> = input
        .items
        .iter()
        .take(5)
        .map(|(p, q)| json!({"product_id": pick(&PRODUCTS, *p), "quantity": q % 4}))
        .collect();
    let mut order = json!({"location": loc(0, 0), "items": items});
    if let Some(s) = input.subtotal {
        order["subtotal"] = o2okit_fuzz::money(
            i64::from(s.units),
            o2okit::Currency::from_code("CNY").unwrap_or_else(|e| panic!("{e}")),
        );
    }
    let mut policy = json!({"tie_breaks": input.tie_breaks.iter().take(3).map(|t| pick(&TIE_BREAKS, *t)).collect::<Vec<_>>(),
                            "split": if input.split { "fewest_stores" } else { "never" },
                            "explain": if input.nearby { "nearby" } else { "all" }});
    if input.policy_fees {
        policy["fees"] = fee_table(&(
            3_000,
            o2okit_fuzz::Amt {
                units: 500,
                shift: 0,
            },
            30,
            o2okit_fuzz::Amt {
                units: 100,
                shift: 0,
            },
            10,
            None,
        ));
    }
    let request =
        json!({"order": order, "stores": stores, "now": input.now.wire(), "policy": policy});
    let Some(a) = Checked::<Assignment>::run("store.assign", &request, run).ok() else {
        return;
    };
    let r: AssignRequest = o2okit::decode(&request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    match a.status {
        AssignStatus::Assigned => assert_eq!(a.chosen.len(), 1),
        AssignStatus::Split => assert!(a.chosen.len() >= 2),
        AssignStatus::Unassigned => assert!(a.chosen.is_empty()),
    }
    let mut seen = BTreeSet::new();
    for id in a
        .chosen
        .iter()
        .map(|c| &c.store_id)
        .chain(a.passed_over.iter().map(|p| &p.store_id))
    {
        assert!(seen.insert(id.clone()), "store {id} listed twice");
    }
    if !input.nearby {
        assert_eq!(
            seen.len(),
            r.stores.len(),
            "with explain all, every store is accounted for"
        );
    }
    for p in &a.passed_over {
        assert!(
            !p.reasons.is_empty(),
            "store {} passed over without a reason",
            p.store_id
        );
    }
    let wanted: BTreeSet<&str> = r
        .order
        .items
        .iter()
        .filter(|i| i.quantity > 0)
        .map(|i| i.product_id.as_str())
        .collect();
    let mut covered = BTreeSet::new();
    let mut fees: Option<i128> = Some(0);
    for c in &a.chosen {
        let s = r
            .stores
            .iter()
            .find(|s| s.id == c.store_id)
            .unwrap_or_else(|| panic!("unknown store {}", c.store_id));
        for item in &c.items {
            assert!(covered.insert(item.clone()), "item {item} from two stores");
            if let Some(stock) = &s.stock {
                let need: u32 = r
                    .order
                    .items
                    .iter()
                    .filter(|i| &i.product_id == item)
                    .map(|i| i.quantity)
                    .sum();
                assert!(
                    stock.get(item).copied().unwrap_or(0) >= need,
                    "store {} lacks {item}",
                    s.id
                );
            }
        }
        let haversine = o2okit::distance_m(r.order.location, s.location);
        match c.distance_source {
            DistanceSource::Road => assert_eq!(
                Some(c.distance_m),
                s.road.as_ref().map(|road| road.distance_m)
            ),
            _ => assert_eq!(c.distance_m, haversine, "distance of {}", s.id),
        }
        if let ServiceArea::Radius { radius_m } = s.area {
            assert!(
                haversine <= radius_m,
                "store {} chosen out of its area",
                s.id
            );
        }
        fees = match (fees, c.fee) {
            (Some(t), Some(f)) => Some(t + f.minor_units()),
            _ => None,
        };
    }
    if a.status != AssignStatus::Unassigned {
        for w in &wanted {
            assert!(covered.contains(*w), "item {w} not covered");
        }
        if let (Some(total), Some(fee)) = (fees, a.fee) {
            assert_eq!(
                total,
                fee.minor_units(),
                "fee is not the sum of the stores' fees"
            );
        }
    }
    let prepared = o2okit::PreparedStores::new(&r.stores)
        .unwrap_or_else(|e| panic!("assign worked but prepare failed: {e}"));
    assert_eq!(
        prepared.assign(&r.order, r.now, &r.policy).ok().as_ref(),
        Some(&a),
        "PreparedStores differs"
    );
    let _: Location = r.order.location;
});
