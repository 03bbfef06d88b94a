//! `order.normalize`: the payload of each source (store counter, own app, mini-program,
//! marketplace, phone) from the golden vectors, with every amount scaled by the same
//! factor (reconciliation is linear, so most still reconcile), ids and texts swapped, an
//! optional field dropped, or one amount nudged by a unit. On every success the canonical
//! order reconciles (subtotal − discounts + delivery fee = paid, to the unit, all in its
//! currency), its id is the canonical id of its source, scope and external id, its
//! fingerprint is `fingerprint(order)`, it hands the same paid amount to the split, and
//! submitting it again with itself as seen is a `duplicate` with the same order; and the
//! common contract holds.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use o2okit::{Intake, IntakeStatus, NormalizeRequest};
use o2okit_fuzz::{json, pick, Arbitrary, Checked, Value};

static PAYLOADS: OnceLock<Vec<Value>> = OnceLock::new();
const IDS: [&str; 4] = ["x-1", "x-2", "", "s-1"];
const CURRENCIES: [&str; 3] = ["CNY", "USD", "EUR"];

#[derive(Arbitrary, Debug)]
struct Input {
    template: u8,
    factor: u8,
    currency: u8,
    swap_id: Option<(u8, u8)>,
    drop_field: Option<u8>,
    nudge: Option<u8>,
}

/// Every `{amount, currency}` object, depth first.
fn money_paths(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m)
            if m.len() == 2 && m.contains_key("amount") && m.contains_key("currency") =>
        {
            out.push(path.clone())
        }
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                money_paths(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(i.to_string());
                money_paths(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Array(a) => &mut a[k.parse::<usize>().unwrap_or(0)],
        other => &mut other[k.as_str()],
    })
}

fuzz_target!(|input: Input| {
    let payloads = PAYLOADS.get_or_init(|| {
        let doc: Value = serde_json::from_str(include_str!("../../testdata/vectors/intake.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        doc["cases"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|c| c["function"] == "order.normalize" && c.get("expected").is_some())
            .map(|c| json!({"source": c["input"]["source"], "payload": c["input"]["payload"]}))
            .collect()
    });
    let mut request = o2okit_fuzz::pick_ref(payloads, input.template).clone();
    let mut paths = Vec::new();
    money_paths(&request["payload"], &mut Vec::new(), &mut paths);
    let factor = i128::from(input.factor % 40) + 1;
    let code = pick(&CURRENCIES, input.currency);
    let c = o2okit::Currency::from_code(code).unwrap_or_else(|e| panic!("{e}"));
    for (i, path) in paths.iter().enumerate() {
        let m = at(&mut request["payload"], path);
        let Ok(money) = serde_json::from_value::<o2okit::Money>(m.clone()) else {
            continue;
        };
        let nudge = i128::from(
            input
                .nudge
                .is_some_and(|n| usize::from(n) % paths.len().max(1) == i),
        );
        let scaled = o2okit::Money::from_minor(money.minor_units() * factor + nudge, c)
            .unwrap_or_else(|e| panic!("{e}"));
        *m = serde_json::to_value(scaled).unwrap_or_else(|e| panic!("{e}"));
    }
    if let (Some((field, value)), Some(obj)) = (input.swap_id, request["payload"].as_object_mut()) {
        let keys: Vec<String> = obj
            .iter()
            .filter(|(_, v)| v.is_string())
            .map(|(k, _)| k.clone())
            .collect();
        if !keys.is_empty() {
            let k = &keys[usize::from(field) % keys.len()];
            if !k.ends_with("_at") {
                obj.insert(k.clone(), json!(pick(&IDS, value)));
            }
        }
    }
    if let (Some(field), Some(obj)) = (input.drop_field, request["payload"].as_object_mut()) {
        let keys: Vec<String> = obj.keys().cloned().collect();
        if !keys.is_empty() {
            obj.remove(&keys[usize::from(field) % keys.len()]);
        }
    }
    let run = |r: &NormalizeRequest| r.clone().normalize();
    let Some(intake) = Checked::<Intake>::run("order.normalize", &request, run).ok() else {
        return;
    };
    let o = &intake.order;
    assert_eq!(intake.status, IntakeStatus::New);
    let discounts: i128 = o.discounts.iter().map(|d| d.amount.minor_units()).sum();
    let delivery = o.delivery_fee.map_or(0, |d| d.minor_units());
    assert_eq!(
        o.subtotal.minor_units() - discounts + delivery,
        o.paid.minor_units(),
        "the order does not reconcile"
    );
    assert!(!o.lines.is_empty(), "an order without lines");
    for m in o
        .lines
        .iter()
        .map(|l| l.unit_price)
        .chain(o.discounts.iter().map(|d| d.amount))
        .chain([o.subtotal, o.paid])
    {
        assert_eq!(m.currency(), o.currency);
    }
    assert_eq!(
        o.id,
        o2okit::canonical_id(o.source, o.scope.as_deref(), &o.external_id)
    );
    assert_eq!(
        intake.fingerprint,
        o2okit::fingerprint(o).unwrap_or_else(|e| panic!("{e}"))
    );
    assert_eq!(o.split_order().paid, Some(o.paid));
    // The same submission again is a duplicate of itself.
    let mut again = request.clone();
    again["seen"] = json!([{"id": o.id, "fingerprint": intake.fingerprint}]);
    let dup = Checked::<Intake>::run("order.normalize", &again, run)
        .ok()
        .unwrap_or_else(|| panic!("a resubmission failed"));
    assert_eq!(dup.status, IntakeStatus::Duplicate);
    assert_eq!(&dup.order, o);
});
