//! Building blocks shared by the fuzz targets.
//!
//! Each target derives a small [`Arbitrary`] input that builds a *valid-looking* request of
//! one domain entry point: currencies from the real ISO list, amounts from small integers
//! of minor units, times from a fixed base plus offsets, ids from a short list (so that
//! references between objects hit as often as they miss). The request is built as the
//! core's own type, through its one wire shape (`serde_json::Value` → `from_value`), so a
//! field the core adds later does not break the target, and the fuzzer spends its time past
//! validation, in the domain logic.
//!
//! [`Checked::run`] then holds every entry point to the same contract:
//! - an error has a listed code and a message, and is the same error every time;
//! - a success is deterministic (the same input twice gives the same bytes);
//! - the wire dispatcher ([`o2okit::call`]) gives exactly the same bytes, or the same code;
//! - the output round-trips through the wire format (decode, compare, encode again).
//!
//! The domain invariants (money conserved, nothing negative, terminal states absorbing,
//! idempotent retries) are asserted by each target on the typed output.

use std::fmt::Debug;

pub mod promo;
pub mod split;

pub use arbitrary::{self, Arbitrary, Unstructured};
use o2okit::{Currency, Error, Money};
use serde::de::DeserializeOwned;
use serde::Serialize;
pub use serde_json::{json, Value};

/// Currencies the targets draw from: two, zero and three minor units, and CHF (cash steps).
pub const CURRENCIES: [&str; 6] = ["CNY", "JPY", "KWD", "USD", "CHF", "EUR"];

/// The base of every generated time: 2026-11-22T00:00:00+08:00, in seconds since 1970.
pub const BASE_SECONDS: i64 = 1_795_276_800;

/// Ids the targets draw from (short, so references between objects often match).
pub const IDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

/// A currency from [`CURRENCIES`].
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Cur(pub u8);

impl Cur {
    /// The currency.
    pub fn currency(self) -> Currency {
        let code = pick(&CURRENCIES, self.0);
        Currency::from_code(code).unwrap_or_else(|e| panic!("{code} is in the ISO list: {e}"))
    }
    /// Its ISO code.
    pub fn code(self) -> &'static str {
        pick(&CURRENCIES, self.0)
    }
}

/// `list[i % len]` (lists here are never empty).
pub fn pick<T: Copy>(list: &[T], i: u8) -> T {
    list[usize::from(i) % list.len()]
}

/// `&list[i % len]` (lists here are never empty).
pub fn pick_ref<T>(list: &[T], i: u8) -> &T {
    &list[usize::from(i) % list.len()]
}

/// An id from [`IDS`].
pub fn id(i: u8) -> &'static str {
    pick(&IDS, i)
}

/// A wire money value of `units` minor units.
pub fn money(units: i64, currency: Currency) -> Value {
    let m = Money::from_minor(i128::from(units), currency)
        .unwrap_or_else(|e| panic!("{units} minor units fit: {e}"));
    serde_json::to_value(m).unwrap_or_else(|e| panic!("money serialises: {e}"))
}

/// An amount: a small whole number of minor units, times 1, 10, 100 or 1000.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Amt {
    /// The digits.
    pub units: u16,
    /// 10^(shift % 4).
    pub shift: u8,
}

impl Amt {
    /// The amount in minor units (never negative).
    pub fn minor(self) -> i64 {
        i64::from(self.units) * 10i64.pow(u32::from(self.shift % 4))
    }
    /// As wire money.
    pub fn money(self, currency: Currency) -> Value {
        money(self.minor(), currency)
    }
}

/// A decimal `mantissa / 10^(scale % 5)`, as a wire string.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Dec {
    /// The digits.
    pub mantissa: u16,
    /// Decimal places, 0 to 4.
    pub scale: u8,
}

impl Dec {
    /// The decimal.
    pub fn decimal(self) -> o2okit::Decimal {
        o2okit::Decimal::new(i64::from(self.mantissa), u32::from(self.scale % 5))
    }
    /// As a wire decimal string.
    pub fn wire(self) -> Value {
        Value::String(self.decimal().to_string())
    }
}

/// A percentage 0.00 to 100.00 (from basis points), as a wire string.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Pct(pub u16);

impl Pct {
    /// Basis points, 0 to 10,000.
    pub fn basis_points(self) -> i64 {
        i64::from(self.0 % 10_001)
    }
    /// As a wire decimal string ("12.5" style, trailing zeros kept as written).
    pub fn wire(self) -> Value {
        Value::String(
            o2okit::Decimal::new(self.basis_points(), 2)
                .normalize()
                .to_string(),
        )
    }
}

/// A time: [`BASE_SECONDS`] plus `seconds`, written with the +08:00 offset (or, one time in
/// eight, the same instant in UTC).
pub fn time(seconds: i64, utc: bool) -> Value {
    let offset = if utc { 0 } else { 8 * 3600 };
    let tz = chrono::FixedOffset::east_opt(offset).unwrap_or_else(|| panic!("offset"));
    let t = chrono::DateTime::from_timestamp(BASE_SECONDS.saturating_add(seconds), 0)
        .unwrap_or_else(|| panic!("time in range"))
        .with_timezone(&tz);
    Value::String(t.to_rfc3339())
}

/// A point in time after the base, by minutes (up to about 45 days).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct At {
    /// Minutes after the base.
    pub minutes: u16,
    /// Written in UTC when `zone % 8 == 0`.
    pub zone: u8,
}

impl At {
    /// Seconds after the base.
    pub fn seconds(self) -> i64 {
        i64::from(self.minutes) * 60
    }
    /// As a wire time.
    pub fn wire(self) -> Value {
        time(self.seconds(), self.zone % 8 == 0)
    }
}

/// Times of a log: each step moves forward by `minutes` (or, one step in sixteen, back a
/// little, so that out-of-order logs are tried too).
pub fn log_times(steps: &[(u16, u8)]) -> Vec<Value> {
    let mut now: i64 = 0;
    steps
        .iter()
        .map(|&(minutes, flag)| {
            if flag % 16 == 0 {
                now = now.saturating_sub(60);
            } else {
                now = now.saturating_add(i64::from(minutes % 20_000) * 60);
            }
            time(now, flag % 8 == 1)
        })
        .collect()
}

/// The outcome of one checked call.
#[derive(Debug)]
pub enum Checked<T> {
    /// The input did not decode into the request type (the code is checked).
    Undecodable,
    /// The call failed with a typed error (checked: listed code, same error again, same code
    /// through the wire).
    Failed(Error),
    /// The call succeeded (checked: deterministic, same bytes through the wire, round trip).
    Ok(T),
}

impl<T> Checked<T> {
    /// The output, when the call succeeded.
    pub fn ok(self) -> Option<T> {
        match self {
            Checked::Ok(t) => Some(t),
            _ => None,
        }
    }
}

/// Assert that an error is a proper typed error.
pub fn assert_typed(e: &Error) {
    assert!(
        o2okit::ERROR_CODES.contains(&e.code()),
        "unlisted code {}",
        e.code()
    );
    assert!(!e.to_string().is_empty(), "{} without a message", e.code());
}

/// The JSON text of a value.
pub fn text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| panic!("serialises: {e}"))
}

impl<T> Checked<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    /// Decode `input` as `R`, call `run` twice, call the wire function `function` with the
    /// same text, and check the contract described in the crate docs.
    pub fn run<R, F>(function: &str, input: &Value, run: F) -> Checked<T>
    where
        R: DeserializeOwned,
        F: Fn(&R) -> Result<T, Error>,
    {
        let input_text = input.to_string();
        let wire = o2okit::call(function, &input_text);
        let request: R = match o2okit::decode(&input_text) {
            Ok(r) => r,
            Err(e) => {
                assert_typed(&e);
                let wire_err = wire.expect_err("the wire accepted what decode rejected");
                assert_eq!(wire_err.code(), e.code(), "decode and wire disagree");
                return Checked::Undecodable;
            }
        };
        let first = run(&request);
        let second = run(&request);
        match first {
            Err(e) => {
                assert_typed(&e);
                let again = second.expect_err("the same input succeeded the second time");
                assert_eq!(again.code(), e.code(), "the same input, another error");
                assert_eq!(again.to_string(), e.to_string());
                let wire_err = wire.expect_err("the wire succeeded where the call failed");
                assert_eq!(wire_err.code(), e.code(), "call and wire disagree");
                Checked::Failed(e)
            }
            Ok(out) => {
                let bytes = text(&out);
                let again = second.unwrap_or_else(|e| panic!("failed the second time: {e}"));
                assert_eq!(text(&again), bytes, "the same input gave other bytes");
                match wire {
                    Ok(w) => assert_eq!(w, bytes, "the wire gave other bytes"),
                    Err(e) => panic!(
                        "the wire failed ({}: {e}) where the call succeeded",
                        e.code()
                    ),
                }
                let back: T = serde_json::from_str(&bytes)
                    .unwrap_or_else(|e| panic!("the output does not decode: {e}\n{bytes}"));
                assert_eq!(back, out, "the output changed in a round trip");
                assert_eq!(text(&back), bytes, "the output re-encodes to other bytes");
                Checked::Ok(out)
            }
        }
    }
}

/// Sum of minor units.
pub fn units<'a>(amounts: impl IntoIterator<Item = &'a Money>) -> i128 {
    amounts.into_iter().map(Money::minor_units).sum()
}

/// The distinct values of `field` in the inputs of a golden vector file (given as its
/// text, with `include_str!`): realistic deals, policies and programmes to start from.
pub fn vector_values(file_text: &str, field: &str) -> Vec<Value> {
    let doc: Value =
        serde_json::from_str(file_text).unwrap_or_else(|e| panic!("a vector file: {e}"));
    let mut seen: Vec<Value> = Vec::new();
    for case in doc["cases"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if let Some(v) = case["input"].get(field) {
            if !seen.contains(v) {
                seen.push(v.clone());
            }
        }
    }
    assert!(!seen.is_empty(), "no `{field}` in the vectors");
    seen
}

/// An RFC 3339 time `seconds` after another one, in its offset.
pub fn after(t: &Value, seconds: i64) -> Value {
    let t = t
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .unwrap_or_else(|| panic!("{t} is an RFC 3339 time"));
    Value::String((t + chrono::TimeDelta::seconds(seconds)).to_rfc3339())
}

/// Parse an RFC 3339 wire time.
pub fn parse_time(t: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    t.as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .unwrap_or_else(|| panic!("{t} is an RFC 3339 time"))
}

/// Offsets (seconds) of a log's times from its start: each step forward by `minutes`, or
/// (one step in sixteen) back a minute.
pub fn log_offsets(steps: &[(u16, u8)]) -> Vec<i64> {
    let mut now: i64 = 0;
    steps
        .iter()
        .map(|&(minutes, flag)| {
            if flag % 16 == 0 {
                now = now.saturating_sub(60);
            } else {
                now = now.saturating_add(i64::from(minutes % 20_000) * 60);
            }
            now
        })
        .collect()
}
