//! The demo merchant, seeded on start when absent (`O2OKIT_SEED_DEMO=false` skips it):
//! - deal `demo-hotpot` (flow 1): one single-use hotpot voucher at 100.00 CNY, redeemable
//!   at stores S1 and S2 from 2026-01-01 to 2030-01-01 (so it works with the service's
//!   clock), refundable any time, a 10-minute reversal window, 8% to the platform and the
//!   rest to the merchant `hotpot-house`, with offline-verifiable codes;
//! - the deal and the three store-order policies of `examples/flows/` (`hotpot-for-2`,
//!   `suning-qr` for flow 2, `jd-showroom` for flow 3, `papa` for flow 4): the same terms
//!   `o2okit flow replay` walks through;
//! - promotion `every100` (每满100减10, at most 30 off, funded by the merchant) for quotes.

use chrono::Utc;
use o2okit::{Promotion, StoreOrderPolicy, VoucherDeal};
use serde::Deserialize;

use crate::db::Db;
use crate::routes::orders::flow_name;

/// The demo deal. The key is a published demo key: use your own, kept secret, in production.
pub const DEMO_DEAL: &str = r#"{
  "id": "demo-hotpot",
  "price": {"amount": "100.00", "currency": "CNY"},
  "vouchers": 1,
  "uses": 1,
  "valid_from": "2026-01-01T00:00:00+08:00",
  "valid_until": "2030-01-01T00:00:00+08:00",
  "stores": ["S1", "S2"],
  "refund": "any_time",
  "reversal_minutes": 10,
  "plan": {
    "rules": [{"id": "platform", "to": {"role": "platform", "party_id": "o2o-platform"},
               "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}}],
    "remainder": {"role": "merchant", "party_id": "hotpot-house"}
  },
  "codes": {"key": "6f326f6b69742d736572766963652d64656d6f2d6b65792d6e6f742d736563726574"}
}"#;

const DEMO_PROMOTION: &str = r#"{
  "id": "every100",
  "name": "every 100 off 10",
  "discount": {"type": "repeating", "step": {"amount": "100.00", "currency": "CNY"},
               "off": {"amount": "10.00", "currency": "CNY"}, "cap": {"amount": "30.00", "currency": "CNY"}},
  "funded_by": {"role": "merchant"}
}"#;

const FLOW_1: &str = include_str!("../../flows/online_to_offline.json");
const FLOW_2: &str = include_str!("../../flows/offline_to_online.json");
const FLOW_3: &str = include_str!("../../flows/online_to_offline_to_online.json");
const FLOW_4: &str = include_str!("../../flows/offline_to_online_to_offline.json");

#[derive(Deserialize)]
struct DealLog {
    deal: VoucherDeal,
}

#[derive(Deserialize)]
struct PolicyLog {
    policy: StoreOrderPolicy,
}

fn core(error: o2okit::Error) -> String {
    format!("[{}] {error}", error.code())
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// Seed what is missing; never overwrite.
pub async fn demo(db: &Db) -> Result<(), String> {
    let now = Utc::now().to_rfc3339();
    let demo: VoucherDeal = o2okit::decode(DEMO_DEAL).map_err(core)?;
    let example = o2okit::decode::<DealLog>(FLOW_1).map_err(core)?.deal;
    for deal in [demo, example] {
        deal.validate().map_err(core)?;
        sqlx::query(
            "INSERT INTO deals (id, deal, next_serial, created_at) VALUES ($1, $2, 1, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&deal.id)
        .bind(encode(&deal)?)
        .bind(&now)
        .execute(&db.pool)
        .await
        .map_err(|e| e.to_string())?;
    }
    for log in [FLOW_2, FLOW_3, FLOW_4] {
        let policy = o2okit::decode::<PolicyLog>(log).map_err(core)?.policy;
        policy.validate().map_err(core)?;
        sqlx::query(
            "INSERT INTO policies (id, flow, policy, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&policy.id)
        .bind(flow_name(policy.flow))
        .bind(encode(&policy)?)
        .bind(&now)
        .execute(&db.pool)
        .await
        .map_err(|e| e.to_string())?;
    }
    let promotion: Promotion = o2okit::decode(DEMO_PROMOTION).map_err(core)?;
    sqlx::query(
        "INSERT INTO promotions (id, promotion, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&promotion.id)
    .bind(encode(&promotion)?)
    .bind(&now)
    .execute(&db.pool)
    .await
    .map_err(|e| e.to_string())?;
    Ok(())
}
