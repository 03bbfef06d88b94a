//! `voucher.verify`: a code issued from a key, a serial, a spec (digits, serial digits,
//! Damm, Luhn, Verhoeff or no check digit) and a scope (store, deal, expiry), then
//! verified as issued, with one digit changed, two neighbours swapped, truncated, in
//! another scope, after its expiry, or with another key. On every success: the code as
//! issued verifies with its serial (before the expiry) and is `expired` from the expiry on;
//! a changed digit or a swap of two different neighbours is caught by the check digit
//! (Luhn misses only 09 ↔ 90 swaps) and otherwise never verifies unless the forger found a
//! MAC collision; another scope or key is a `mismatch`; a truncated code is never valid;
//! and the common contract holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Verification, VoucherCode, VoucherRejection, VoucherVerifyRequest};
use o2okit_fuzz::{json, pick, Arbitrary, At, Checked, Value};

const CHECKS: [&str; 4] = ["damm", "luhn", "verhoeff", "none"];

#[derive(Arbitrary, Debug)]
enum Tamper {
    AsIssued,
    Digit(u8, u8),
    Swap(u8),
    Truncate(u8),
    OtherStore,
    OtherKey(u8),
    Late(u16),
}

#[derive(Arbitrary, Debug)]
struct Input {
    key: [u8; 16],
    long_key: bool,
    serial: u64,
    digits: Option<u8>,
    serial_digits: Option<u8>,
    check: Option<u8>,
    store: Option<u8>,
    deal: bool,
    expires: Option<At>,
    now: At,
    tamper: Tamper,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fuzz_target!(|input: Input| {
    let mut key = hex(&input.key);
    if input.long_key {
        key = format!("{key}{key}");
    }
    let mut spec = json!({});
    if let Some(d) = input.digits {
        spec["digits"] = json!(d % 20);
    }
    if let Some(d) = input.serial_digits {
        spec["serial_digits"] = json!(d % 17);
    }
    if let Some(c) = input.check {
        spec["check"] = json!(pick(&CHECKS, c));
    }
    let mut scope = json!({});
    if let Some(s) = input.store {
        scope["store_id"] = json!(format!("S{}", s % 3));
    }
    if input.deal {
        scope["deal_id"] = json!("deal-1");
    }
    if let Some(t) = input.expires {
        scope["expires_at"] = t.wire();
    }
    let issue = json!({"key": key, "serial": input.serial, "spec": spec, "scope": scope});
    let Ok(issued) = o2okit::call("voucher.issue", &issue.to_string()) else {
        return;
    };
    let issued: VoucherCode = o2okit::decode(&issued).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(issued.serial, input.serial);
    let check = spec.get("check").and_then(Value::as_str).unwrap_or("damm");
    let code = issued.code.clone();
    let digits: Vec<u8> = code.bytes().collect();
    assert!(
        digits.iter().all(u8::is_ascii_digit),
        "a code of digits: {code}"
    );
    let (mut verify_key, mut verify_scope, mut now, mut text) =
        (key.clone(), scope.clone(), input.now.wire(), code.clone());
    let mut changed_digit = false;
    let mut swapped: Option<(u8, u8)> = None;
    match input.tamper {
        Tamper::AsIssued => {}
        Tamper::Digit(at, by) => {
            let i = usize::from(at) % digits.len();
            let d = (digits[i] - b'0' + 1 + by % 9) % 10 + b'0';
            let mut t = digits.clone();
            t[i] = d;
            text = String::from_utf8(t).unwrap_or_default();
            changed_digit = true;
        }
        Tamper::Swap(at) => {
            if digits.len() < 2 {
                return;
            }
            let i = usize::from(at) % (digits.len() - 1);
            let mut t = digits.clone();
            t.swap(i, i + 1);
            if t == digits {
                return;
            }
            swapped = Some((digits[i], digits[i + 1]));
            text = String::from_utf8(t).unwrap_or_default();
        }
        Tamper::Truncate(n) => text.truncate(usize::from(n) % digits.len()),
        Tamper::OtherStore => verify_scope["store_id"] = json!("S-other"),
        Tamper::OtherKey(b) => {
            verify_key = format!("{:02x}{}", (input.key[0] ^ (b | 1)), &key[2..])
        }
        Tamper::Late(m) => match input.expires {
            Some(t) => now = o2okit_fuzz::after(&t.wire(), i64::from(m) * 60),
            None => return,
        },
    }
    let request =
        json!({"key": verify_key, "code": text, "now": now, "spec": spec, "scope": verify_scope});
    let Some(v) =
        Checked::<Verification>::run("voucher.verify", &request, VoucherVerifyRequest::verify).ok()
    else {
        assert!(
            !matches!(
                input.tamper,
                Tamper::AsIssued | Tamper::Late(_) | Tamper::OtherStore | Tamper::OtherKey(_)
            ),
            "verifying an issued code failed"
        );
        return;
    };
    let expired = input
        .expires
        .is_some_and(|t| o2okit_fuzz::parse_time(&now) >= o2okit_fuzz::parse_time(&t.wire()));
    let caught = |v: &Verification| !v.valid && v.reason == Some(VoucherRejection::BadCheckDigit);
    match input.tamper {
        Tamper::AsIssued | Tamper::Late(_) => {
            assert_eq!(
                v.serial,
                Some(input.serial),
                "an issued code lost its serial"
            );
            assert_eq!(v.valid, !expired, "{v:?}");
            assert_eq!(v.reason, expired.then_some(VoucherRejection::Expired));
        }
        Tamper::OtherStore | Tamper::OtherKey(_) => {
            let same_scope = verify_scope == scope;
            if !same_scope || verify_key != key {
                assert!(
                    !v.valid,
                    "a code verified in another scope or with another key: {v:?}"
                );
                assert_eq!(v.reason, Some(VoucherRejection::Mismatch));
            }
        }
        Tamper::Digit(..) if changed_digit && check != "none" => {
            assert!(caught(&v), "a changed digit was not caught: {v:?}")
        }
        Tamper::Swap(_) if check == "damm" || check == "verhoeff" => {
            assert!(caught(&v), "a swap was not caught: {v:?}")
        }
        Tamper::Swap(_)
            if check == "luhn" && !matches!(swapped, Some((b'0', b'9')) | Some((b'9', b'0'))) =>
        {
            assert!(caught(&v), "a swap was not caught by Luhn: {v:?}")
        }
        Tamper::Truncate(_) => assert!(!v.valid, "a truncated code verified"),
        _ => assert!(!v.valid || v.serial.is_some(), "{v:?}"),
    }
});
