//! Voucher codes: issue and verify 1,000,000 codes (default spec: 8 serial digits, 12 MAC
//! digits, Damm; scoped to a store, a deal and an expiry), reported as codes per second
//! beside a baseline in the same run: a bare HMAC-SHA256 (key set-up, the same message
//! bytes, finalize) per code, the least any keyed code can cost.
//!
//! - `issue_codes`: batches of 100,000 (key and scope absorbed once per batch);
//! - `issue_code`: one call per code (key set-up every time, as a one-off issue);
//! - `verify_code`: one call per code, all genuine;
//! - `baseline_hmac_sha256`: `Hmac::<Sha256>::new_from_slice(key)`, `update(message)`,
//!   `finalize()` per code.
//!
//! The one-million pass is timed once and printed first; criterion then samples 10,000
//! codes per iteration.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::hint::black_box;
use std::time::Instant;

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hmac::{KeyInit, Mac};
use o2okit::{
    issue_code, issue_codes, verify_code, voucher_message, CodeSpec, VoucherCode, VoucherKey,
    VoucherScope, MAX_VOUCHER_BATCH,
};

/// Codes per run under `cargo bench` (a hundredth in the test run: `support::size`).
mod support;

const CODES: usize = 1_000_000;
const SAMPLE: u64 = 10_000;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Codes per second, on integers (no float in the crate, not even in a benchmark).
fn per_second(count: u128, nanos: u128) -> u128 {
    count * 1_000_000_000 / nanos.max(1)
}

/// `a / b` as a decimal with two places, on integers.
fn ratio(a: u128, b: u128) -> String {
    let hundredths = a * 100 / b.max(1);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn bare_hmac(key: &[u8], message: &[u8]) -> u8 {
    let mut mac = HmacSha256::new_from_slice(key).unwrap();
    mac.update(message);
    mac.finalize().into_bytes()[0]
}

fn bench(c: &mut Criterion) {
    let key =
        VoucherKey::from_hex("8c1f0d3a5e7b9c2d4f6a8b0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f40")
            .unwrap();
    let raw_key = hex_bytes(&key.to_hex());
    let spec = CodeSpec::default();
    let scope = VoucherScope {
        store_id: Some("store-0571-0032".into()),
        deal_id: Some("hotpot-for-two-2026-03".into()),
        expires_at: Some(DateTime::parse_from_rfc3339("2026-04-01T00:00:00+08:00").unwrap()),
    };
    let now = DateTime::parse_from_rfc3339("2026-03-15T12:00:00+08:00").unwrap();
    let n_codes = support::size(CODES) as u64;
    let sample = support::size(SAMPLE as usize) as u64;
    let messages: Vec<Vec<u8>> = (0..sample)
        .map(|serial| voucher_message(&spec, &scope, serial).unwrap())
        .collect();

    // One pass over a million codes, timed once.
    let start = Instant::now();
    let mut codes: Vec<VoucherCode> = Vec::with_capacity(n_codes as usize);
    let mut first = 0;
    while first < n_codes {
        let end = (first + MAX_VOUCHER_BATCH).min(n_codes);
        codes.extend(issue_codes(&key, &spec, first..end, &scope).unwrap());
        first = end;
    }
    let batch_nanos = start.elapsed().as_nanos();

    let start = Instant::now();
    for serial in 0..n_codes {
        black_box(issue_code(&key, &spec, black_box(serial), &scope).unwrap());
    }
    let single_nanos = start.elapsed().as_nanos();

    let start = Instant::now();
    let mut valid = 0u64;
    for code in &codes {
        let result = verify_code(&key, &spec, black_box(&code.code), &scope, now).unwrap();
        valid += u64::from(result.valid);
    }
    let verify_nanos = start.elapsed().as_nanos();
    assert_eq!(valid, n_codes);

    let start = Instant::now();
    for serial in 0..n_codes {
        let message = &messages[(serial % sample) as usize];
        black_box(bare_hmac(&raw_key, black_box(message)));
    }
    let baseline_nanos = start.elapsed().as_nanos();

    let n = u128::from(n_codes);
    println!(
        "{n} codes: issue_codes {}/s ({} ms), issue_code {}/s ({} ms), verify_code {}/s ({} ms); \
         baseline bare HMAC-SHA256 {}/s ({} ms); time ratios to the baseline: issue_codes {}, issue_code {}, verify_code {}",
        per_second(n, batch_nanos),
        batch_nanos / 1_000_000,
        per_second(n, single_nanos),
        single_nanos / 1_000_000,
        per_second(n, verify_nanos),
        verify_nanos / 1_000_000,
        per_second(n, baseline_nanos),
        baseline_nanos / 1_000_000,
        ratio(batch_nanos, baseline_nanos),
        ratio(single_nanos, baseline_nanos),
        ratio(verify_nanos, baseline_nanos),
    );

    let sample_codes: Vec<&str> = codes
        .iter()
        .take(sample as usize)
        .map(|c| c.code.as_str())
        .collect();
    let mut group = c.benchmark_group("voucher_10k_codes");
    group.throughput(Throughput::Elements(sample));
    group.sample_size(10);
    group.bench_function("issue_codes", |b| {
        b.iter(|| issue_codes(&key, &spec, black_box(0..sample), &scope).unwrap())
    });
    group.bench_function("issue_code", |b| {
        b.iter(|| {
            for serial in 0..sample {
                black_box(issue_code(&key, &spec, black_box(serial), &scope).unwrap());
            }
        })
    });
    group.bench_function("verify_code", |b| {
        b.iter(|| {
            for code in &sample_codes {
                black_box(verify_code(&key, &spec, black_box(code), &scope, now).unwrap());
            }
        })
    });
    group.bench_function("baseline_hmac_sha256", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(bare_hmac(&raw_key, black_box(message)));
            }
        })
    });
    group.finish();
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

criterion_group!(benches, bench);
criterion_main!(benches);
