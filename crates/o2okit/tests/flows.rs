//! The four O2O flows: the seeds' four examples, the named non-flow results, and the
//! properties of `classify`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use chrono::{DateTime, Duration, FixedOffset};
use o2okit::{
    classify, AmbiguityReason, Classification, Evidence, Flow, Journey, JourneyChannel,
    JourneyPart, JourneyStage, JourneyTouchpoint, Party, Role, MAX_JOURNEY_TOUCHPOINTS,
};
use proptest::prelude::*;
use serde_json::json;

use JourneyChannel::{Offline, Online};
use JourneyPart::{Consumption, Experience, FirstTouch, Transaction};
use JourneyStage as S;

fn base() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-05-04T10:00:00+08:00").unwrap()
}

/// A touchpoint `minutes` after 10:00 (+08:00).
fn tp(channel: JourneyChannel, stage: JourneyStage, minutes: i64) -> JourneyTouchpoint {
    JourneyTouchpoint::new(channel, stage, base() + Duration::minutes(minutes))
}

fn journey(touchpoints: &[JourneyTouchpoint]) -> Journey {
    Journey::new(touchpoints.to_vec())
}

fn evidence(result: &Classification) -> Vec<(usize, JourneyPart)> {
    result
        .evidence()
        .iter()
        .map(|e| (e.index, e.counted_as))
        .collect()
}

fn decode(value: serde_json::Value) -> Journey {
    o2okit::decode(&value.to_string()).unwrap()
}

// ---------------------------------------------------------------------------------------
// The four examples of the issue, from the seeds.

/// Flow 1 (Meituan / Dianping group-buy voucher): an online ad, an online payment, the
/// voucher redeemed in the store.
#[test]
fn online_ad_online_pay_in_store_redemption_is_flow_1() {
    let j = decode(json!({"touchpoints": [
        {"channel": "online", "stage": "marketing", "at": "2026-05-01T20:15:00+08:00",
         "party": {"role": "platform", "party_id": "dianping"}, "kind": "ad_click"},
        {"channel": "online", "stage": "transaction", "at": "2026-05-01T20:18:00+08:00",
         "party": {"role": "payment_processor", "party_id": "wechat_pay"}, "kind": "voucher_paid"},
        {"channel": "offline", "stage": "experience", "at": "2026-05-03T19:02:00+08:00",
         "party": {"role": "store", "party_id": "hotpot-7"}, "kind": "voucher_redeemed"}]}));
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (2, Consumption)]
    );
    // The wire shape.
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        json!({"result": "classified", "flow": "online_to_offline", "evidence": [
            {"index": 0, "counted_as": "first_touch"},
            {"index": 1, "counted_as": "transaction"},
            {"index": 2, "counted_as": "consumption"}]})
    );
}

/// Flow 2 (Suning): a QR code in the store, an order in the online mall, home delivery.
#[test]
fn store_qr_online_order_home_delivery_is_flow_2() {
    let j = decode(json!({"touchpoints": [
        {"channel": "offline", "stage": "marketing", "at": "2026-05-02T15:40:00+08:00",
         "party": {"role": "store_staff", "party_id": "nj-1/wang"}, "kind": "qr_scan"},
        {"channel": "online", "stage": "transaction", "at": "2026-05-02T21:05:00+08:00",
         "party": {"role": "platform", "party_id": "suning.com"}, "kind": "mall_order"},
        {"channel": "offline", "stage": "fulfilment", "at": "2026-05-03T10:30:00+08:00",
         "party": {"role": "logistics", "party_id": "rider-88"}, "kind": "home_delivery"}]}));
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OfflineToOnline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (2, Consumption)]
    );
}

/// Flow 3 (JD): online marketing, a try in a partner store, an online purchase.
#[test]
fn online_ad_store_experience_online_purchase_is_flow_3() {
    let j = decode(json!({"touchpoints": [
        {"channel": "online", "stage": "marketing", "at": "2026-05-01T09:00:00+08:00",
         "party": {"role": "platform", "party_id": "jd"}, "kind": "ad_click"},
        {"channel": "offline", "stage": "experience", "at": "2026-05-02T17:30:00+08:00",
         "party": {"role": "store", "party_id": "partner-311"}, "kind": "showroom_visit"},
        {"channel": "online", "stage": "transaction", "at": "2026-05-02T22:10:00+08:00",
         "party": {"role": "platform", "party_id": "jd"}, "kind": "app_order"}]}));
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOfflineToOnline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Experience), (2, Transaction)]
    );
}

/// Flow 4 (Papa John's): a poster in the store, an order on WeChat, dinner in the store.
#[test]
fn store_poster_wechat_order_dine_in_is_flow_4() {
    let j = decode(json!({"touchpoints": [
        {"channel": "offline", "stage": "marketing", "at": "2026-05-04T11:50:00+08:00",
         "party": {"role": "store", "party_id": "pj-21"}, "kind": "poster"},
        {"channel": "online", "stage": "transaction", "at": "2026-05-04T11:52:00+08:00",
         "party": {"role": "platform", "party_id": "wechat"}, "kind": "wechat_order"},
        {"channel": "offline", "stage": "experience", "at": "2026-05-04T12:20:00+08:00",
         "party": {"role": "store", "party_id": "pj-21"}, "kind": "dine_in"}]}));
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OfflineToOnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (2, Consumption)]
    );
}

// ---------------------------------------------------------------------------------------
// Telling the flows apart.

#[test]
fn the_first_touch_tells_flow_1_from_flow_4() {
    for (first, flow) in [
        (Online, Flow::OnlineToOffline),
        (Offline, Flow::OfflineToOnlineToOffline),
    ] {
        let j = journey(&[
            tp(first, S::Marketing, 0),
            tp(Online, S::Transaction, 10),
            tp(Offline, S::Experience, 60),
        ]);
        let result = classify(&j).unwrap();
        assert_eq!(result.flow(), Some(flow), "first touch {first}");
        assert_eq!(
            evidence(&result),
            [(0, FirstTouch), (1, Transaction), (2, Consumption)]
        );
    }
}

#[test]
fn the_first_touch_is_the_earliest_whatever_follows() {
    // A poster, then an online ad, then an order on WeChat and dinner: won offline.
    let j = journey(&[
        tp(Online, S::Marketing, 5),
        tp(Offline, S::Marketing, 0),
        tp(Online, S::Transaction, 10),
        tp(Offline, S::Experience, 60),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OfflineToOnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(1, FirstTouch), (2, Transaction), (3, Consumption)]
    );
}

#[test]
fn dine_in_is_flow_4_but_delivery_or_pickup_is_flow_2() {
    for (after, flow) in [
        (
            tp(Offline, S::Experience, 60),
            Flow::OfflineToOnlineToOffline,
        ),
        (tp(Offline, S::Fulfilment, 60), Flow::OfflineToOnline),
        (tp(Online, S::Fulfilment, 60), Flow::OfflineToOnline),
        (tp(Online, S::Experience, 60), Flow::OfflineToOnline),
    ] {
        let j = journey(&[
            tp(Offline, S::Marketing, 0),
            tp(Online, S::Transaction, 10),
            after.clone(),
        ]);
        assert_eq!(classify(&j).unwrap().flow(), Some(flow), "{after:?}");
    }
    // An e-code first, then dinner in the store: the dinner decides, flow 4.
    let j = journey(&[
        tp(Offline, S::Marketing, 0),
        tp(Online, S::Transaction, 10),
        tp(Online, S::Fulfilment, 11),
        tp(Offline, S::Experience, 60),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OfflineToOnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (3, Consumption)]
    );
}

#[test]
fn won_online_and_delivered_by_a_store_is_flow_1() {
    // Food delivery (外卖): an ad, an order in the app, a rider from the restaurant.
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Online, S::Transaction, 3),
        tp(Online, S::Fulfilment, 4),
        tp(Offline, S::Fulfilment, 40),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (3, Consumption)]
    );
}

#[test]
fn an_offline_experience_before_an_online_purchase_is_flow_3_whatever_follows() {
    for after in [
        tp(Offline, S::Fulfilment, 300),
        tp(Offline, S::Experience, 300),
        tp(Online, S::Fulfilment, 300),
    ] {
        let j = journey(&[
            tp(Online, S::Marketing, 0),
            tp(Online, S::Marketing, 30),
            tp(Offline, S::Experience, 60),
            tp(Offline, S::Experience, 90),
            tp(Online, S::Transaction, 120),
            after.clone(),
        ]);
        let result = classify(&j).unwrap();
        assert_eq!(
            result.flow(),
            Some(Flow::OnlineToOfflineToOnline),
            "{after:?}"
        );
        assert_eq!(
            evidence(&result),
            [(0, FirstTouch), (2, Experience), (4, Transaction)]
        );
    }
    // An offline *marketing* touch is not an experience: won online, consumed offline.
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Marketing, 60),
        tp(Online, S::Transaction, 120),
        tp(Offline, S::Experience, 300),
    ]);
    assert_eq!(classify(&j).unwrap().flow(), Some(Flow::OnlineToOffline));
}

#[test]
fn a_store_visit_can_be_the_first_touch() {
    // Walked in and tried the product, ordered online, home delivery (Suning).
    let j = journey(&[
        tp(Offline, S::Experience, 0),
        tp(Online, S::Transaction, 600),
        tp(Offline, S::Fulfilment, 2000),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OfflineToOnline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (2, Consumption)]
    );
}

#[test]
fn marketing_after_and_fulfilment_before_the_transaction_play_no_part() {
    let j = journey(&[
        tp(Offline, S::Fulfilment, 0),
        tp(Online, S::Marketing, 10),
        tp(Online, S::Transaction, 20),
        tp(Offline, S::Marketing, 30),
        tp(Offline, S::Experience, 40),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(1, FirstTouch), (2, Transaction), (4, Consumption)]
    );
}

#[test]
fn the_first_transaction_decides_and_later_ones_in_its_channel_do_not_matter() {
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Online, S::Transaction, 10),
        tp(Offline, S::Experience, 60),
        tp(Online, S::Transaction, 70),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(0, FirstTouch), (1, Transaction), (2, Consumption)]
    );
}

#[test]
fn times_are_compared_as_instants() {
    // 11:00+08:00 is 03:00Z: the offline touch (04:00Z) comes after the online one.
    let j = decode(json!({"touchpoints": [
        {"channel": "offline", "stage": "marketing", "at": "2026-05-04T04:00:00Z"},
        {"channel": "online", "stage": "marketing", "at": "2026-05-04T11:00:00+08:00"},
        {"channel": "online", "stage": "transaction", "at": "2026-05-04T05:00:00Z"},
        {"channel": "offline", "stage": "experience", "at": "2026-05-04T14:00:00+08:00"}]}));
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(1, FirstTouch), (2, Transaction), (3, Consumption)]
    );
}

#[test]
fn unsorted_input_gives_the_sorted_result_with_the_input_positions() {
    let sorted = [
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Experience, 10),
        tp(Online, S::Transaction, 20),
        tp(Offline, S::Fulfilment, 30),
    ];
    let shuffled = [
        sorted[3].clone(),
        sorted[2].clone(),
        sorted[0].clone(),
        sorted[1].clone(),
    ];
    let a = classify(&journey(&sorted)).unwrap();
    let b = classify(&journey(&shuffled)).unwrap();
    assert_eq!(a.flow(), Some(Flow::OnlineToOfflineToOnline));
    assert_eq!(b.flow(), a.flow());
    assert_eq!(
        evidence(&b),
        [(2, FirstTouch), (3, Experience), (1, Transaction)]
    );
}

// ---------------------------------------------------------------------------------------
// The results that are not a flow.

#[test]
fn not_o2o_when_the_money_moves_offline() {
    // All offline: a poster, a purchase at the counter, the goods taken home.
    let j = journey(&[
        tp(Offline, S::Marketing, 0),
        tp(Offline, S::Transaction, 5),
        tp(Offline, S::Fulfilment, 6),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(
        result,
        Classification::NotO2o {
            channel: Offline,
            evidence: vec![Evidence {
                index: 1,
                counted_as: Transaction
            }],
        }
    );
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        json!({"result": "not_o2o", "channel": "offline", "evidence": [{"index": 1, "counted_as": "transaction"}]})
    );
    // An online ad that brings the customer to the counter is still an offline sale.
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Transaction, 60),
        tp(Offline, S::Experience, 61),
    ]);
    assert!(matches!(
        classify(&j).unwrap(),
        Classification::NotO2o {
            channel: Offline,
            ..
        }
    ));
}

#[test]
fn not_o2o_when_won_paid_and_served_online() {
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Online, S::Transaction, 5),
        tp(Online, S::Fulfilment, 6),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(
        result,
        Classification::NotO2o {
            channel: Online,
            evidence: vec![
                Evidence {
                    index: 0,
                    counted_as: FirstTouch
                },
                Evidence {
                    index: 1,
                    counted_as: Transaction
                },
                Evidence {
                    index: 2,
                    counted_as: Consumption
                },
            ],
        }
    );
}

#[test]
fn incomplete_without_a_transaction() {
    let empty = classify(&Journey::default()).unwrap();
    assert_eq!(
        empty,
        Classification::Incomplete {
            missing: vec![FirstTouch, Transaction, Consumption],
            candidates: Flow::ALL.to_vec(),
            evidence: vec![],
        }
    );
    assert_eq!(
        serde_json::to_value(&empty).unwrap(),
        json!({"result": "incomplete", "missing": ["first_touch", "transaction", "consumption"],
               "candidates": ["online_to_offline", "offline_to_online", "online_to_offline_to_online", "offline_to_online_to_offline"],
               "evidence": []})
    );
    // Seen a poster: the customer may still buy online (flow 2 or 4).
    let poster = classify(&journey(&[tp(Offline, S::Marketing, 0)])).unwrap();
    assert_eq!(
        poster,
        Classification::Incomplete {
            missing: vec![Transaction, Consumption],
            candidates: vec![Flow::OfflineToOnline, Flow::OfflineToOnlineToOffline],
            evidence: vec![Evidence {
                index: 0,
                counted_as: FirstTouch
            }],
        }
    );
    // Clicked an ad, then tried it in the store: only flow 3 is left.
    let tried = classify(&journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Experience, 5),
    ]))
    .unwrap();
    assert_eq!(
        tried,
        Classification::Incomplete {
            missing: vec![Transaction],
            candidates: vec![Flow::OnlineToOfflineToOnline],
            evidence: vec![
                Evidence {
                    index: 0,
                    counted_as: FirstTouch
                },
                Evidence {
                    index: 1,
                    counted_as: Experience
                }
            ],
        }
    );
}

#[test]
fn incomplete_without_a_first_touch_flow_1_or_flow_4() {
    let j = journey(&[
        tp(Online, S::Transaction, 0),
        tp(Offline, S::Experience, 60),
    ]);
    assert_eq!(
        classify(&j).unwrap(),
        Classification::Incomplete {
            missing: vec![FirstTouch],
            candidates: vec![Flow::OnlineToOffline, Flow::OfflineToOnlineToOffline],
            evidence: vec![
                Evidence {
                    index: 0,
                    counted_as: Transaction
                },
                Evidence {
                    index: 1,
                    counted_as: Consumption
                }
            ],
        }
    );
    // Only a transaction: won and consumed are both missing.
    let only = classify(&journey(&[tp(Online, S::Transaction, 0)])).unwrap();
    assert_eq!(
        only,
        Classification::Incomplete {
            missing: vec![FirstTouch, Consumption],
            candidates: vec![
                Flow::OnlineToOffline,
                Flow::OfflineToOnline,
                Flow::OfflineToOnlineToOffline
            ],
            evidence: vec![Evidence {
                index: 0,
                counted_as: Transaction
            }],
        }
    );
}

#[test]
fn incomplete_without_the_consumption() {
    // Poster, WeChat order, not eaten yet: flow 2 (delivered) or 4 (eaten in the store).
    let j = journey(&[tp(Offline, S::Marketing, 0), tp(Online, S::Transaction, 2)]);
    let Classification::Incomplete {
        missing,
        candidates,
        evidence,
    } = classify(&j).unwrap()
    else {
        panic!()
    };
    assert_eq!(missing, [Consumption]);
    assert_eq!(
        candidates,
        [Flow::OfflineToOnline, Flow::OfflineToOnlineToOffline]
    );
    assert_eq!(evidence.len(), 2);
    // A voucher bought online, not redeemed yet: flow 1 or nothing O2O.
    let j = journey(&[tp(Online, S::Marketing, 0), tp(Online, S::Transaction, 2)]);
    let Classification::Incomplete {
        missing,
        candidates,
        ..
    } = classify(&j).unwrap()
    else {
        panic!()
    };
    assert_eq!(missing, [Consumption]);
    assert_eq!(candidates, [Flow::OnlineToOffline]);
}

#[test]
fn ambiguous_with_transactions_in_both_channels() {
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Online, S::Transaction, 10),
        tp(Offline, S::Transaction, 50),
        tp(Offline, S::Experience, 60),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(
        result,
        Classification::Ambiguous {
            reason: AmbiguityReason::ConflictingTransactions,
            candidates: vec![Flow::OnlineToOffline],
            touchpoints: vec![1, 2],
        }
    );
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        json!({"result": "ambiguous", "reason": "conflicting_transactions",
               "candidates": ["online_to_offline"], "touchpoints": [1, 2]})
    );
    // The offline one first: the same.
    let j = journey(&[
        tp(Offline, S::Marketing, 0),
        tp(Offline, S::Transaction, 10),
        tp(Online, S::Transaction, 20),
    ]);
    assert_eq!(
        classify(&j).unwrap(),
        Classification::Ambiguous {
            reason: AmbiguityReason::ConflictingTransactions,
            candidates: vec![Flow::OfflineToOnline, Flow::OfflineToOnlineToOffline],
            touchpoints: vec![1, 2],
        }
    );
}

#[test]
fn ambiguous_with_simultaneous_first_touches_in_both_channels() {
    // An ad and a poster at the same minute, an online order, dinner: flow 1 or 4.
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Marketing, 0),
        tp(Online, S::Transaction, 10),
        tp(Offline, S::Experience, 60),
    ]);
    assert_eq!(
        classify(&j).unwrap(),
        Classification::Ambiguous {
            reason: AmbiguityReason::SimultaneousTouchpoints,
            candidates: vec![Flow::OnlineToOffline, Flow::OfflineToOnlineToOffline],
            touchpoints: vec![0, 1],
        }
    );
    // When both readings agree (the money moved offline), there is nothing to decide.
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Marketing, 0),
        tp(Offline, S::Transaction, 10),
    ]);
    assert!(matches!(
        classify(&j).unwrap(),
        Classification::NotO2o {
            channel: Offline,
            ..
        }
    ));
    // When every reading is incomplete: one incomplete result with all the candidates.
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Marketing, 0),
        tp(Online, S::Transaction, 10),
    ]);
    assert_eq!(
        classify(&j).unwrap(),
        Classification::Incomplete {
            missing: vec![Consumption],
            candidates: vec![
                Flow::OnlineToOffline,
                Flow::OfflineToOnline,
                Flow::OfflineToOnlineToOffline
            ],
            evidence: vec![Evidence {
                index: 2,
                counted_as: Transaction
            }],
        }
    );
}

#[test]
fn ambiguous_with_an_offline_experience_at_the_instant_of_an_online_purchase() {
    // Tried in the store and bought on the phone in the same minute: a showroom try
    // before the purchase (flow 3) or a consumption after it (flow 1)?
    let j = journey(&[
        tp(Online, S::Marketing, 0),
        tp(Offline, S::Experience, 30),
        tp(Online, S::Transaction, 30),
    ]);
    assert_eq!(
        classify(&j).unwrap(),
        Classification::Ambiguous {
            reason: AmbiguityReason::SimultaneousTouchpoints,
            candidates: vec![Flow::OnlineToOffline, Flow::OnlineToOfflineToOnline],
            touchpoints: vec![1, 2],
        }
    );
    // A QR code scanned in the minute of the order counts as before it: flow 4.
    let j = journey(&[
        tp(Online, S::Transaction, 0),
        tp(Offline, S::Marketing, 0),
        tp(Offline, S::Experience, 20),
    ]);
    let result = classify(&j).unwrap();
    assert_eq!(result.flow(), Some(Flow::OfflineToOnlineToOffline));
    assert_eq!(
        evidence(&result),
        [(1, FirstTouch), (0, Transaction), (2, Consumption)]
    );
}

// ---------------------------------------------------------------------------------------
// Errors.

#[test]
fn invalid_journeys_are_typed_errors_in_the_flow_category() {
    let j = journey(&[tp(Offline, S::Marketing, 0).with_party(Party::new(Role::Store, " "))]);
    let err = classify(&j).unwrap_err();
    assert_eq!(err.code(), "invalid_journey");
    assert_eq!(err.category().as_str(), "flow");
    assert!(err.to_string().contains("touchpoints[0].party.party_id"));

    let j = journey(&vec![
        tp(Online, S::Marketing, 0);
        MAX_JOURNEY_TOUCHPOINTS + 1
    ]);
    assert_eq!(classify(&j).unwrap_err().code(), "invalid_journey");

    let j = journey(&[
        tp(Online, S::Marketing, 0).with_id("a"),
        tp(Online, S::Transaction, 1).with_id("a"),
    ]);
    assert!(classify(&j)
        .unwrap_err()
        .to_string()
        .contains("touchpoints[1].id"));

    // Decoding: an unknown stage or an empty role are invalid JSON.
    let bad: Result<Journey, _> = o2okit::decode(
        r#"{"touchpoints": [{"channel": "online", "stage": "purchase", "at": "2026-05-04T10:00:00+08:00"}]}"#,
    );
    assert_eq!(bad.unwrap_err().code(), "invalid_json");
}

#[test]
fn the_maximum_journey_classifies() {
    let mut touchpoints = vec![tp(Online, S::Marketing, 0); MAX_JOURNEY_TOUCHPOINTS - 2];
    touchpoints.push(tp(Online, S::Transaction, 1));
    touchpoints.push(tp(Offline, S::Experience, 2));
    let result = classify(&Journey::new(touchpoints)).unwrap();
    assert_eq!(result.flow(), Some(Flow::OnlineToOffline));
    assert_eq!(
        evidence(&result),
        [
            (0, FirstTouch),
            (MAX_JOURNEY_TOUCHPOINTS - 2, Transaction),
            (MAX_JOURNEY_TOUCHPOINTS - 1, Consumption)
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Properties.

const STAGES: [JourneyStage; 4] = [S::Marketing, S::Experience, S::Transaction, S::Fulfilment];

fn channel(online: bool) -> JourneyChannel {
    if online {
        Online
    } else {
        Offline
    }
}

/// A touchpoint at `minutes`, written in one of three offsets (the same instant).
fn touchpoint(online: bool, stage: usize, minutes: i64, zone: i32) -> JourneyTouchpoint {
    let offset = FixedOffset::east_opt(zone * 3600).unwrap();
    let at = (base() + Duration::minutes(minutes)).with_timezone(&offset);
    JourneyTouchpoint::new(channel(online), STAGES[stage], at)
}

/// Journeys with times drawn from a few minutes (so many ties).
fn journeys() -> impl Strategy<Value = Vec<JourneyTouchpoint>> {
    prop::collection::vec(
        (
            any::<bool>(),
            0..4usize,
            0..6i64,
            prop::sample::select(vec![-5, 0, 8]),
        ),
        0..12,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(o, s, m, z)| touchpoint(o, s, m, z))
            .collect()
    })
}

/// Journeys with distinct times, and a permutation of their positions.
fn distinct_journeys() -> impl Strategy<Value = (Vec<JourneyTouchpoint>, Vec<usize>)> {
    (0..12usize)
        .prop_flat_map(|n| {
            (
                prop::collection::vec((any::<bool>(), 0..4usize), n),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            )
        })
        .prop_map(|(kinds, minutes, permutation)| {
            let touchpoints = kinds
                .into_iter()
                .zip(minutes)
                .map(|((o, s), m)| touchpoint(o, s, i64::try_from(m).unwrap() * 7, 8))
                .collect();
            (touchpoints, permutation)
        })
}

/// `permuted[k] = original[permutation[k]]`: map an index of `permuted` back.
fn remap(result: &Classification, permutation: &[usize]) -> Classification {
    let back = |i: usize| permutation[i];
    let evidence = |e: &[Evidence]| {
        e.iter()
            .map(|e| Evidence {
                index: back(e.index),
                counted_as: e.counted_as,
            })
            .collect()
    };
    match result {
        Classification::Classified { flow, evidence: e } => Classification::Classified {
            flow: *flow,
            evidence: evidence(e),
        },
        Classification::NotO2o {
            channel,
            evidence: e,
        } => Classification::NotO2o {
            channel: *channel,
            evidence: evidence(e),
        },
        Classification::Incomplete {
            missing,
            candidates,
            evidence: e,
        } => Classification::Incomplete {
            missing: missing.clone(),
            candidates: candidates.clone(),
            evidence: evidence(e),
        },
        Classification::Ambiguous {
            reason,
            candidates,
            touchpoints,
        } => {
            let mut touchpoints: Vec<usize> = touchpoints.iter().map(|&i| back(i)).collect();
            touchpoints.sort_unstable();
            Classification::Ambiguous {
                reason: *reason,
                candidates: candidates.clone(),
                touchpoints,
            }
        }
    }
}

/// What the classification reads of a touchpoint: channel, stage, instant.
type Alike = (JourneyChannel, JourneyStage, i64);

fn alike(t: &JourneyTouchpoint) -> Alike {
    (t.channel, t.stage, t.at.timestamp())
}

/// A result with every cited touchpoint replaced by what the classification reads of it, so
/// that results over reordered ties can be compared.
fn comparable(
    result: &Classification,
    touchpoints: &[JourneyTouchpoint],
) -> (serde_json::Value, Vec<(JourneyPart, Alike)>, Vec<Alike>) {
    let mut shape = serde_json::to_value(result).unwrap();
    let map = shape.as_object_mut().unwrap();
    map.remove("evidence");
    map.remove("touchpoints");
    let cited = result
        .evidence()
        .iter()
        .map(|e| (e.counted_as, alike(&touchpoints[e.index])))
        .collect();
    let mut conflicting: Vec<Alike> = match result {
        Classification::Ambiguous {
            touchpoints: ts, ..
        } => ts.iter().map(|&i| alike(&touchpoints[i])).collect(),
        _ => Vec::new(),
    };
    conflicting.sort();
    conflicting.dedup();
    (shape, cited, conflicting)
}

fn check_invariants(result: &Classification, touchpoints: &[JourneyTouchpoint]) {
    for e in result.evidence() {
        assert!(e.index < touchpoints.len());
    }
    // Evidence is in journey order.
    assert!(result
        .evidence()
        .windows(2)
        .all(|w| w[0].counted_as < w[1].counted_as));
    match result {
        Classification::Classified { flow, evidence } => {
            let definition = flow.definition();
            for e in evidence {
                let step = definition
                    .step(e.counted_as)
                    .unwrap_or_else(|| panic!("{flow} has no step for {}", e.counted_as));
                let t = &touchpoints[e.index];
                assert!(
                    step.accepts(t.channel, t.stage),
                    "{flow}: {t:?} cannot be its {}",
                    e.counted_as
                );
            }
            for step in definition.steps.iter().filter(|s| s.required) {
                assert!(
                    evidence.iter().any(|e| e.counted_as == step.part),
                    "{flow}: no evidence for {}",
                    step.part
                );
            }
            // Evidence is in time order too.
            assert!(evidence
                .windows(2)
                .all(|w| touchpoints[w[0].index].at <= touchpoints[w[1].index].at));
        }
        Classification::Incomplete {
            missing,
            candidates,
            ..
        } => {
            assert!(!missing.is_empty());
            assert!(!candidates.is_empty());
        }
        Classification::Ambiguous {
            touchpoints: ts, ..
        } => {
            assert!(ts.len() >= 2);
            assert!(ts.windows(2).all(|w| w[0] < w[1]));
            assert!(ts.iter().all(|&i| i < touchpoints.len()));
        }
        _ => {}
    }
    let json = serde_json::to_string(result).unwrap();
    assert_eq!(
        &serde_json::from_str::<Classification>(&json).unwrap(),
        result
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn classification_is_deterministic_and_total(touchpoints in journeys()) {
        let journey = Journey::new(touchpoints.clone());
        let first = classify(&journey).unwrap();
        prop_assert_eq!(&classify(&journey.clone()).unwrap(), &first);
        check_invariants(&first, &touchpoints);
    }

    #[test]
    fn reordering_distinct_times_changes_only_the_positions((touchpoints, permutation) in distinct_journeys()) {
        let original = classify(&Journey::new(touchpoints.clone())).unwrap();
        let permuted: Vec<JourneyTouchpoint> =
            permutation.iter().map(|&i| touchpoints[i].clone()).collect();
        let result = classify(&Journey::new(permuted)).unwrap();
        prop_assert_eq!(remap(&result, &permutation), original);
    }

    #[test]
    fn reordering_ties_changes_only_which_equal_touchpoint_is_cited(
        (touchpoints, permutation) in journeys().prop_flat_map(|t| {
            let n = t.len();
            (Just(t), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let original = classify(&Journey::new(touchpoints.clone())).unwrap();
        let permuted: Vec<JourneyTouchpoint> =
            permutation.iter().map(|&i| touchpoints[i].clone()).collect();
        let result = classify(&Journey::new(permuted.clone())).unwrap();
        prop_assert_eq!(comparable(&result, &permuted), comparable(&original, &touchpoints));
    }

    #[test]
    fn labels_parties_and_ids_do_not_matter(touchpoints in journeys()) {
        let plain = classify(&Journey::new(touchpoints.clone())).unwrap();
        let labelled: Vec<JourneyTouchpoint> = touchpoints
            .into_iter()
            .enumerate()
            .map(|(i, t)| t.with_id(format!("t{i}")).with_kind("x").with_party(Party::new(Role::Store, "s")))
            .collect();
        prop_assert_eq!(classify(&Journey::new(labelled)).unwrap(), plain);
    }

    #[test]
    fn an_offline_transaction_alone_is_never_a_flow(touchpoints in journeys()) {
        let result = classify(&Journey::new(touchpoints.clone())).unwrap();
        let online = touchpoints.iter().any(|t| t.stage == S::Transaction && t.channel == Online);
        let offline = touchpoints.iter().any(|t| t.stage == S::Transaction && t.channel == Offline);
        if offline && !online {
            let is_offline = matches!(result, Classification::NotO2o { channel: JourneyChannel::Offline, .. });
            prop_assert!(is_offline);
        }
        if offline && online {
            let conflicting = matches!(result, Classification::Ambiguous { reason: AmbiguityReason::ConflictingTransactions, .. });
            prop_assert!(conflicting);
        }
        if !offline && !online {
            let missing_transaction = matches!(&result, Classification::Incomplete { missing, .. } if missing.contains(&Transaction));
            prop_assert!(missing_transaction);
        }
    }
}
