//! `attribute`: a pool credited over a journey of touches (before, at or after the
//! conversion) by every model. On every success there is one share per touch, the shares
//! add up exactly to the pool, none is negative for a non-negative pool, first and last
//! touch give everything to one touch, and the common contract holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Attribution, AttributionModel, AttributionRequest};
use o2okit_fuzz::{id, json, Amt, Arbitrary, Checked, Cur, Pct, Value};

#[derive(Arbitrary, Debug)]
enum ModelIn {
    FirstTouch,
    LastTouch,
    Linear,
    TimeDecay(Option<u32>),
    PositionBased(Option<(Pct, Pct)>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    pool: Amt,
    negative: bool,
    /// Minutes before the conversion (a touch after it when the flag is set).
    journey: Vec<(u16, u8, bool)>,
    model: ModelIn,
    /// Keep the touches as generated (usually out of time order) instead of sorting them.
    unsorted: bool,
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let sign = if input.negative { -1 } else { 1 };
    let converted = 40 * 86_400;
    let mut times: Vec<(i64, u8)> = input
        .journey
        .iter()
        .take(12)
        .map(|(minutes, party, after)| {
            let age = i64::from(*minutes) * 60;
            // A touch after the conversion (an error) one time in eight.
            (
                if *after && minutes % 8 == 0 {
                    converted + age
                } else {
                    converted - age
                },
                *party,
            )
        })
        .collect();
    if !input.unsorted {
        times.sort_by_key(|(at, _)| *at);
    }
    let journey: Vec<Value> = times
        .iter()
        .enumerate()
        .map(|(i, (at, party))| {
            let (at, party) = (*at, *party);
            json!({"channel": format!("ch{}", party % 4), "party_id": format!("p-{}", id(party)),
                   "at": o2okit_fuzz::time(at, i % 3 == 0), "stage": if i == 0 { "acquire" } else { "convert" }})
        })
        .collect();
    let model = match input.model {
        ModelIn::FirstTouch => json!({"type": "first_touch"}),
        ModelIn::LastTouch => json!({"type": "last_touch"}),
        ModelIn::Linear => json!({"type": "linear"}),
        ModelIn::TimeDecay(None) => json!({"type": "time_decay"}),
        ModelIn::TimeDecay(Some(h)) => json!({"type": "time_decay", "half_life_seconds": h}),
        ModelIn::PositionBased(None) => json!({"type": "position_based"}),
        ModelIn::PositionBased(Some((f, l))) => {
            json!({"type": "position_based", "first_percent": f.wire(), "last_percent": l.wire()})
        }
    };
    let request = json!({"pool": o2okit_fuzz::money(sign * input.pool.minor(), c), "journey": journey,
                         "converted_at": o2okit_fuzz::time(converted, false), "model": model});
    let run =
        |r: &AttributionRequest| o2okit::attribute(r.pool, &r.journey, r.converted_at, &r.model);
    let Some(a) = Checked::<Attribution>::run("attribute", &request, run).ok() else {
        return;
    };
    let r: AttributionRequest =
        o2okit::decode(&request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.shares.len(), r.journey.len());
    let sum: i128 = a.shares.iter().map(|s| s.amount.minor_units()).sum();
    assert_eq!(
        sum,
        r.pool.minor_units(),
        "the shares do not add up to the pool"
    );
    for (i, s) in a.shares.iter().enumerate() {
        assert_eq!(s.amount.currency(), c);
        assert_eq!(s.touchpoint as usize, i);
        assert!(
            s.amount.minor_units() * i128::from(sign) >= 0,
            "share {i} has the wrong sign"
        );
        assert!(
            !s.credit.is_sign_negative() || s.credit.is_zero(),
            "negative credit"
        );
    }
    let n = a.shares.len();
    match r.model {
        AttributionModel::FirstTouch => {
            assert!(a.shares.iter().skip(1).all(|s| s.amount.is_zero()))
        }
        AttributionModel::LastTouch => assert!(a
            .shares
            .iter()
            .take(n.saturating_sub(1))
            .all(|s| s.amount.is_zero())),
        AttributionModel::Linear => {
            let (lo, hi) = a.shares.iter().fold((i128::MAX, i128::MIN), |(lo, hi), s| {
                (
                    lo.min(s.amount.minor_units()),
                    hi.max(s.amount.minor_units()),
                )
            });
            assert!(hi - lo <= 1, "linear shares differ by more than one unit");
        }
        _ => {}
    }
});
