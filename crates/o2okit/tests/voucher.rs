//! Voucher codes: published check-digit and RFC 6238 values, codes from an independent
//! implementation (testdata/gen/voucher_reference.py), tampering, scopes, expiry, and
//! property tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use chrono::{DateTime, Duration, FixedOffset};
use o2okit::{
    damm_check_digit, damm_is_valid, guess_success_probability, hotp_sha256, issue_code,
    issue_codes, luhn_check_digit, luhn_is_valid, verhoeff_check_digit, verhoeff_is_valid,
    verify_code, CheckDigit, CodeSpec, ErrorCategory, Verification, VoucherKey, VoucherRejection,
    VoucherScope, ERROR_CODES,
};
use proptest::prelude::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// The key of the reference codes: the bytes 0x00..=0x1f.
fn key() -> VoucherKey {
    VoucherKey::from_bytes(&(0u8..32).collect::<Vec<_>>()).unwrap()
}

fn scope(store: Option<&str>, deal: Option<&str>, expires_at: Option<&str>) -> VoucherScope {
    VoucherScope {
        store_id: store.map(String::from),
        deal_id: deal.map(String::from),
        expires_at: expires_at.map(at),
    }
}

fn hotpot_at(store: &str) -> VoucherScope {
    scope(
        Some(store),
        Some("hotpot-for-2"),
        Some("2026-04-01T00:00:00+08:00"),
    )
}

fn spec(digits: u32, serial_digits: u32, check: CheckDigit) -> CodeSpec {
    CodeSpec {
        digits,
        serial_digits,
        check,
    }
}

const NOW: &str = "2026-03-15T12:00:00+08:00";

#[test]
fn published_check_digit_examples() {
    assert_eq!(damm_check_digit("572").unwrap(), 4);
    assert_eq!(luhn_check_digit("7992739871").unwrap(), 3);
    assert_eq!(verhoeff_check_digit("236").unwrap(), 3);
    assert!(damm_is_valid("5724") && luhn_is_valid("79927398713") && verhoeff_is_valid("2363"));
    assert_eq!(
        damm_check_digit("57a").unwrap_err().category(),
        ErrorCategory::Voucher
    );
}

#[test]
fn hotp_sha256_reproduces_rfc_6238_appendix_b() {
    // RFC 6238 Appendix B, SHA-256 column: key "1234...9012" (32 bytes), X = 30 s, 8 digits.
    let key = VoucherKey::from_bytes(b"12345678901234567890123456789012").unwrap();
    for (time, totp) in [
        (59u64, "46119246"),
        (1_111_111_109, "68084774"),
        (1_111_111_111, "67062674"),
        (1_234_567_890, "91819424"),
        (2_000_000_000, "90698825"),
        (20_000_000_000, "77737706"),
    ] {
        assert_eq!(hotp_sha256(&key, time / 30, 8).unwrap(), totp, "T = {time}");
    }
}

#[test]
fn codes_match_the_independent_reference() {
    // Printed by testdata/gen/voucher_reference.py (Python hmac + hashlib).
    let d = CodeSpec::default();
    let cases: [(CodeSpec, VoucherScope, u64, &str); 8] = [
        (d, hotpot_at("S1"), 0, "000000004838590557382"),
        (d, hotpot_at("S1"), 42, "000000424805447021344"),
        (d, VoucherScope::any(), 42, "000000427500369728831"),
        (d, hotpot_at("S2"), 42, "000000428064873466992"),
        (
            d,
            scope(Some("门店-上海-01"), None, None),
            99_999_999,
            "999999991277136530717",
        ),
        (
            spec(18, 15, CheckDigit::Verhoeff),
            scope(None, Some("d"), None),
            999_999_999_999_999,
            "9999999999999997694637498211305251",
        ),
        (
            spec(6, 1, CheckDigit::None),
            VoucherScope::any(),
            7,
            "7204343",
        ),
        (
            spec(8, 6, CheckDigit::Luhn),
            scope(Some("S1"), None, Some("2026-12-31T23:59:59Z")),
            123_456,
            "123456964602458",
        ),
    ];
    for (spec, scope, serial, expected) in cases {
        let issued = issue_code(&key(), &spec, serial, &scope).unwrap();
        assert_eq!(issued.code, expected, "{spec:?} {scope:?} {serial}");
        assert_eq!(issued.serial, serial);
        let check = verify_code(&key(), &spec, expected, &scope, at(NOW)).unwrap();
        assert_eq!(
            check,
            Verification {
                valid: true,
                serial: Some(serial),
                reason: None
            }
        );
    }
}

#[test]
fn the_same_instant_in_another_offset_is_the_same_scope() {
    let issued = issue_code(&key(), &CodeSpec::default(), 42, &hotpot_at("S1")).unwrap();
    let utc = VoucherScope {
        expires_at: Some(at("2026-03-31T16:00:00Z")),
        ..hotpot_at("S1")
    };
    assert!(
        verify_code(&key(), &CodeSpec::default(), &issued.code, &utc, at(NOW))
            .unwrap()
            .valid
    );
}

#[test]
fn every_single_digit_change_is_rejected_by_the_check_digit() {
    for check in [CheckDigit::Damm, CheckDigit::Luhn, CheckDigit::Verhoeff] {
        let spec = spec(12, 8, check);
        let code = issue_code(&key(), &spec, 31_415, &hotpot_at("S1"))
            .unwrap()
            .code;
        let bytes = code.as_bytes();
        for i in 0..bytes.len() {
            for digit in b'0'..=b'9' {
                if digit == bytes[i] {
                    continue;
                }
                let mut changed = bytes.to_vec();
                changed[i] = digit;
                let changed = String::from_utf8(changed).unwrap();
                let result =
                    verify_code(&key(), &spec, &changed, &hotpot_at("S1"), at(NOW)).unwrap();
                assert_eq!(
                    result,
                    Verification {
                        valid: false,
                        serial: None,
                        reason: Some(VoucherRejection::BadCheckDigit)
                    },
                    "{check:?} {changed}"
                );
            }
        }
    }
}

#[test]
fn a_forged_code_with_a_correct_check_digit_is_a_mismatch() {
    let spec = CodeSpec::default();
    let code = issue_code(&key(), &spec, 42, &hotpot_at("S1"))
        .unwrap()
        .code;
    // Change one MAC digit, then recompute the (public) check digit.
    let mut forged = code[..20].to_string();
    let last = forged.pop().unwrap();
    forged.push(if last == '9' { '0' } else { '9' });
    forged.push(char::from(b'0' + damm_check_digit(&forged).unwrap()));
    let result = verify_code(&key(), &spec, &forged, &hotpot_at("S1"), at(NOW)).unwrap();
    assert_eq!(result.reason, Some(VoucherRejection::Mismatch));
    assert_eq!(result.serial, None);
    // And with another key.
    let other = VoucherKey::from_bytes(&[0xAB; 32]).unwrap();
    let result = verify_code(&other, &spec, &code, &hotpot_at("S1"), at(NOW)).unwrap();
    assert_eq!(result.reason, Some(VoucherRejection::Mismatch));
}

#[test]
fn another_store_another_deal_or_another_expiry_is_a_mismatch() {
    let spec = CodeSpec::default();
    let code = issue_code(&key(), &spec, 42, &hotpot_at("S1"))
        .unwrap()
        .code;
    let others = [
        hotpot_at("S2"),
        scope(
            Some("S1"),
            Some("hotpot-for-4"),
            Some("2026-04-01T00:00:00+08:00"),
        ),
        scope(
            Some("S1"),
            Some("hotpot-for-2"),
            Some("2026-05-01T00:00:00+08:00"),
        ),
        scope(Some("S1"), Some("hotpot-for-2"), None),
        scope(
            None,
            Some("hotpot-for-2"),
            Some("2026-04-01T00:00:00+08:00"),
        ),
        VoucherScope::any(),
    ];
    for other in others {
        let result = verify_code(&key(), &spec, &code, &other, at(NOW)).unwrap();
        assert_eq!(
            result,
            Verification {
                valid: false,
                serial: None,
                reason: Some(VoucherRejection::Mismatch)
            },
            "{other:?}"
        );
    }
    // An unscoped code is not good at a store that verifies with its own scope either.
    let anywhere = issue_code(&key(), &spec, 42, &VoucherScope::any())
        .unwrap()
        .code;
    let result = verify_code(&key(), &spec, &anywhere, &hotpot_at("S1"), at(NOW)).unwrap();
    assert_eq!(result.reason, Some(VoucherRejection::Mismatch));
}

#[test]
fn expiry_is_the_first_instant_the_code_is_no_longer_good() {
    let spec = CodeSpec::default();
    let code = issue_code(&key(), &spec, 42, &hotpot_at("S1"))
        .unwrap()
        .code;
    let expires = at("2026-04-01T00:00:00+08:00");
    let verify = |now| verify_code(&key(), &spec, &code, &hotpot_at("S1"), now).unwrap();
    assert!(verify(expires - Duration::nanoseconds(1)).valid);
    assert!(verify(at("2026-03-31T16:59:59+01:00")).valid);
    for now in [
        expires,
        at("2026-03-31T16:00:00Z"),
        expires + Duration::days(400),
    ] {
        assert_eq!(
            verify(now),
            Verification {
                valid: false,
                serial: Some(42),
                reason: Some(VoucherRejection::Expired)
            }
        );
    }
    // A forged code past the expiry is a mismatch, not "expired".
    let forged = format!("{}{}", &code[..8], "0".repeat(13));
    let forged = format!(
        "{}{}",
        &forged[..20],
        damm_check_digit(&forged[..20]).unwrap()
    );
    let late = verify_code(&key(), &spec, &forged, &hotpot_at("S1"), expires).unwrap();
    assert_eq!(late.reason, Some(VoucherRejection::Mismatch));
}

#[test]
fn bad_inputs_are_typed_errors() {
    let spec = CodeSpec::default();
    let code = issue_code(&key(), &spec, 1, &VoucherScope::any())
        .unwrap()
        .code;
    let errors = [
        verify_code(&key(), &spec, &code[1..], &VoucherScope::any(), at(NOW)).unwrap_err(),
        verify_code(
            &key(),
            &spec,
            &format!("{code}0"),
            &VoucherScope::any(),
            at(NOW),
        )
        .unwrap_err(),
        verify_code(
            &key(),
            &spec,
            &code.replace('0', "O"),
            &VoucherScope::any(),
            at(NOW),
        )
        .unwrap_err(),
        issue_code(&key(), &spec, 100_000_000, &VoucherScope::any()).unwrap_err(),
        issue_code(
            &key(),
            &self::spec(19, 8, CheckDigit::Damm),
            1,
            &VoucherScope::any(),
        )
        .unwrap_err(),
        issue_code(&key(), &spec, 1, &scope(Some(""), None, None)).unwrap_err(),
        VoucherKey::from_hex("00112233").unwrap_err(),
        issue_codes(&key(), &spec, 0..100_001, &VoucherScope::any()).unwrap_err(),
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    assert_eq!(
        codes,
        [
            "invalid_voucher_code",
            "invalid_voucher_code",
            "invalid_voucher_code",
            "invalid_voucher_spec",
            "invalid_voucher_spec",
            "invalid_voucher_scope",
            "invalid_voucher_key",
            "invalid_voucher_spec",
        ]
    );
    for err in &errors {
        assert_eq!(err.category(), ErrorCategory::Voucher);
        assert_eq!(err.to_json_value()["category"], "voucher");
        assert!(!err.to_string().contains(&code), "{err}");
    }
}

#[test]
fn wire_shapes_round_trip() {
    let spec: CodeSpec =
        o2okit::decode(r#"{"digits": 8, "serial_digits": 6, "check": "verhoeff"}"#).unwrap();
    assert_eq!(spec, self::spec(8, 6, CheckDigit::Verhoeff));
    let scope: VoucherScope = o2okit::decode(
        r#"{"store_id": "S1", "deal_id": "hotpot-for-2", "expires_at": "2026-04-01T00:00:00+08:00"}"#,
    )
    .unwrap();
    assert_eq!(scope, hotpot_at("S1"));
    let issued = issue_code(&key(), &spec, 7, &scope).unwrap();
    let json = serde_json::to_value(&issued).unwrap();
    assert_eq!(json["serial"], 7);
    assert!(json["code"].as_str().unwrap().starts_with("000007"));
    let key: VoucherKey =
        o2okit::decode(&format!("\"{}\"", key().to_hex().to_uppercase())).unwrap();
    assert_eq!(key, self::key());
    let err = o2okit::decode::<CodeSpec>(r#"{"digits": 12, "width": 3}"#).unwrap_err();
    assert_eq!(err.code(), "invalid_json");
    let err = o2okit::decode::<CodeSpec>(r#"{"check": "isbn"}"#).unwrap_err();
    assert_eq!(err.code(), "invalid_json");
}

#[test]
fn the_brute_force_figures_of_the_readme() {
    let p = |n, g, d| guess_success_probability(n, g, d).unwrap().to_string();
    assert_eq!(p(1_000_000, 1_000_000, 12), "0.632120742768355");
    assert_eq!(p(1, 1_000_000, 12), "0.000000999999500000667");
    assert_eq!(p(1, 1_000_000, 8), "0.00995016630033444");
}

fn any_spec() -> impl Strategy<Value = CodeSpec> {
    (
        6u32..=18,
        1u32..=15,
        prop::sample::select(vec![
            CheckDigit::None,
            CheckDigit::Damm,
            CheckDigit::Luhn,
            CheckDigit::Verhoeff,
        ]),
    )
        .prop_map(|(digits, serial_digits, check)| spec(digits, serial_digits, check))
}

fn any_scope() -> impl Strategy<Value = VoucherScope> {
    (
        prop::option::of("[a-zA-Z0-9\u{4e00}-\u{4e20}-]{1,12}"),
        prop::option::of("[a-z0-9-]{1,20}"),
        prop::option::of(0i64..4_000_000_000),
    )
        .prop_map(|(store_id, deal_id, expiry)| VoucherScope {
            store_id,
            deal_id,
            expires_at: expiry.map(|s| {
                DateTime::from_timestamp(s, 0)
                    .unwrap()
                    .with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
            }),
        })
}

fn any_key() -> impl Strategy<Value = VoucherKey> {
    prop::collection::vec(any::<u8>(), 16..80).prop_map(|b| VoucherKey::from_bytes(&b).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_issued_code_verifies_and_is_deterministic(
        key in any_key(), spec in any_spec(), scope in any_scope(), serial in any::<u64>(),
    ) {
        let serial = serial % spec.serial_count();
        let issued = issue_code(&key, &spec, serial, &scope).unwrap();
        prop_assert_eq!(issued.code.len(), spec.code_length());
        prop_assert!(issued.code.bytes().all(|b| b.is_ascii_digit()));
        prop_assert_eq!(&issue_code(&key, &spec, serial, &scope).unwrap(), &issued);
        let before = scope.expires_at.map_or(at(NOW), |e| e - Duration::seconds(1));
        let result = verify_code(&key, &spec, &issued.code, &scope, before).unwrap();
        prop_assert_eq!(result, Verification { valid: true, serial: Some(serial), reason: None });
        if let Some(expires_at) = scope.expires_at {
            let late = verify_code(&key, &spec, &issued.code, &scope, expires_at).unwrap();
            prop_assert_eq!(late.reason, Some(VoucherRejection::Expired));
        }
    }

    #[test]
    fn every_single_digit_change_is_caught(
        key in any_key(), spec in any_spec(), serial in any::<u64>(),
        position in any::<prop::sample::Index>(), delta in 1u8..=9,
    ) {
        let serial = serial % spec.serial_count();
        let scope = VoucherScope::any();
        let code = issue_code(&key, &spec, serial, &scope).unwrap().code;
        let mut changed = code.clone().into_bytes();
        // Without a check digit only a changed MAC digit is sure to be caught: a changed
        // serial names another serial, whose MAC matches these digits once in 10^digits.
        let first = if spec.check == CheckDigit::None { spec.serial_digits as usize } else { 0 };
        let i = first + position.index(changed.len() - first);
        changed[i] = b'0' + (changed[i] - b'0' + delta) % 10;
        let changed = String::from_utf8(changed).unwrap();
        let result = verify_code(&key, &spec, &changed, &scope, at(NOW)).unwrap();
        prop_assert!(!result.valid);
        let expected = if spec.check == CheckDigit::None {
            VoucherRejection::Mismatch
        } else {
            VoucherRejection::BadCheckDigit
        };
        prop_assert_eq!(result.reason, Some(expected));
        prop_assert!(spec.check.is_valid(&code));
        prop_assert_eq!(spec.check.is_valid(&changed), spec.check == CheckDigit::None);
    }

    #[test]
    fn batches_equal_single_issues(
        key in any_key(), spec in any_spec(), start in 0u64..1_000, len in 0u64..40,
    ) {
        let end = (start + len).min(spec.serial_count());
        let start = start.min(end);
        let batch = issue_codes(&key, &spec, start..end, &VoucherScope::any()).unwrap();
        prop_assert_eq!(batch.len() as u64, end - start);
        for code in &batch {
            prop_assert_eq!(code, &issue_code(&key, &spec, code.serial, &VoucherScope::any()).unwrap());
        }
    }

    #[test]
    fn verify_never_panics_on_arbitrary_input(
        code in prop_oneof![
            ".{0,40}",
            "[0-9 -]{0,40}",
            "[0-9]{21}",
            "[0-9]{7}",
        ],
        spec in prop_oneof![
            Just(CodeSpec::default()),
            Just(CodeSpec { digits: 6, serial_digits: 1, check: CheckDigit::None }),
        ],
    ) {
        match verify_code(&key(), &spec, &code, &hotpot_at("S1"), at(NOW)) {
            Ok(result) => {
                prop_assert_eq!(result.valid, result.reason.is_none());
                // A made-up 12-digit MAC is accepted once in 10^12: never here.
                if spec == CodeSpec::default() {
                    prop_assert!(!result.valid);
                }
            }
            Err(err) => {
                prop_assert!(ERROR_CODES.contains(&err.code()));
                prop_assert_eq!(err.code(), "invalid_voucher_code");
            }
        }
    }

    #[test]
    fn check_digits_never_panic_and_agree_with_their_validators(payload in "[0-9]{1,40}", junk in ".{0,20}") {
        for scheme in [CheckDigit::Damm, CheckDigit::Luhn, CheckDigit::Verhoeff] {
            let digit = scheme.compute(&payload).unwrap().unwrap();
            prop_assert!(digit <= 9);
            let full = format!("{payload}{digit}");
            prop_assert!(scheme.is_valid(&full));
            let _ = scheme.compute(&junk);
            let _ = scheme.is_valid(&junk);
        }
    }
}
