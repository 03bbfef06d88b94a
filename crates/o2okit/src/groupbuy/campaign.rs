//! The definition of a group-buy campaign: its kind, prices, deadline and limits.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};
use crate::Error;

/// The largest team a team buy may ask for, and the largest size a simulation may try.
pub const MAX_TEAM_SIZE: u32 = 10_000;

/// The longest team window, in seconds (366 days).
pub const MAX_WINDOW_SECONDS: u64 = 31_622_400;

/// The most price tiers a ladder may have.
pub const MAX_LADDER_TIERS: usize = 100;

/// The most vouchers one participation may receive on success.
pub const MAX_VOUCHERS_PER_PARTICIPANT: u32 = 1_000;

/// A group-buy campaign as the merchant defines it. [`groupbuy_open`](crate::groupbuy_open)
/// validates it and returns the initial [`GroupBuyState`](crate::GroupBuyState).
///
/// Times are RFC 3339 instants; windows are **half-open**: the campaign takes joins (and,
/// for a team buy, new teams) while `starts_at <= now < deadline`.
///
/// On the wire:
///
/// ```json
/// {"id": "hotpot-for-3", "deadline": "2026-12-01T00:00:00+08:00",
///  "kind": {"type": "team_buy", "size": 3, "window_seconds": 86400,
///           "price": {"amount": "99.00", "currency": "CNY"},
///           "leader_price": {"amount": "89.00", "currency": "CNY"},
///           "virtual_fill": {"min_real": 2}},
///  "per_customer_limit": 2, "max_participants": 300, "vouchers_per_participant": 1}
/// ```
///
/// ```
/// use o2okit::{groupbuy_open, GroupBuyCampaign, GroupBuyStatus};
/// let campaign: GroupBuyCampaign = o2okit::decode(r#"{"id": "spa-day",
///     "deadline": "2026-12-01T00:00:00+08:00",
///     "kind": {"type": "tipping_point", "min_participants": 10,
///              "price": {"amount": "199.00", "currency": "CNY"}},
///     "max_participants": 50}"#)?;
/// let state = groupbuy_open(&campaign)?;
/// assert_eq!(state.status, GroupBuyStatus::Open);
/// assert!(state.participations.is_empty());
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBuyCampaign {
    /// The campaign id (non-empty).
    pub id: String,
    /// Tipping point, team buy or ladder, with its prices.
    pub kind: GroupBuyKind,
    /// No event but `tick` is taken before this instant; absent: open from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub starts_at: Option<DateTime<FixedOffset>>,
    /// The end of the campaign (exclusive). A tipping point or a ladder is decided here; a
    /// team buy opens no team from here on, while teams opened before keep their full window.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deadline: DateTime<FixedOffset>,
    /// The most places the whole campaign sells (the inventory; the tipping point's
    /// maximum). Places awaiting payment count. Absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_participants: Option<u32>,
    /// The most places one customer may hold over the whole campaign (all teams): places
    /// pending or paid count, also in succeeded deals and teams, so this is a purchase
    /// limit; places given up (left, lapsed, refunded) free up again. Absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_customer_limit: Option<u32>,
    /// Vouchers issued per paid participation when its deal or team succeeds (Online →
    /// Offline deals redeemed in store); 0 (the default) issues none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub vouchers_per_participant: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// The three kinds of group-buy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupBuyKind {
    /// Groupon style: the deal happens when at least `min_participants` have paid at the
    /// deadline; below it, everyone is refunded in full. Reaching `max_participants` (all
    /// paid) ends the deal early as a success.
    TippingPoint {
        /// The price of one place.
        price: Money,
        /// Paid places needed at the deadline (at least 1).
        min_participants: u32,
    },
    /// 拼团: a leader opens a team of `size`; members join within `window_seconds` of the
    /// moment the team opened; the team succeeds when `size` places are paid and fails at the
    /// end of its window (with an automatic full refund) unless `virtual_fill` applies.
    /// A campaign runs any number of teams at once.
    TeamBuy {
        /// Members needed, the leader included (2 to [`MAX_TEAM_SIZE`]).
        size: u32,
        /// How long a team takes members, from the moment it opened (1 s to
        /// [`MAX_WINDOW_SECONDS`]).
        window_seconds: u64,
        /// The price a member pays.
        price: Money,
        /// The price the team's opener pays (团长价); absent: `price`. A successor leader
        /// keeps the price they paid.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        leader_price: Option<Money>,
        /// Opt-in: fill a team that has `min_real` paid members at the end of its window.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        virtual_fill: Option<VirtualFill>,
    },
    /// 阶梯团: the price falls as participation passes thresholds. Members pay the tier
    /// price for the count including themselves when they join; at the deadline everyone who
    /// paid more than the final price is refunded the difference. The deal needs the first
    /// tier's `min_participants` paid places.
    Ladder {
        /// Tiers by ascending `min_participants` with strictly falling prices.
        tiers: Vec<LadderTier>,
    },
}

/// How [`GroupBuyKind`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "GroupBuyKind",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum GroupBuyKindWire {
    TippingPoint {
        price: Money,
        min_participants: u32,
    },
    TeamBuy {
        size: u32,
        window_seconds: u64,
        price: Money,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        leader_price: Option<Money>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        virtual_fill: Option<VirtualFill>,
    },
    Ladder {
        tiers: Vec<LadderTier>,
    },
}
crate::wire::tagged_deserialize!(GroupBuyKind, GroupBuyKindWire, "type");

/// One price tier of a ladder: from `min_participants` places on, the price is `price`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LadderTier {
    /// The count from which this tier applies (at least 1).
    pub min_participants: u32,
    /// The price of one place in this tier.
    pub price: Money,
}

/// An explicit virtual-fill policy for team buys: a team whose window ends with at least
/// `min_real` (k) but fewer than `size` (N) paid members succeeds anyway, the missing
/// places filled by the platform. Such a success is always reported with
/// `virtual_fill: {real, filled}`, never silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VirtualFill {
    /// Paid members needed at the end of the window (1 ≤ k < size).
    pub min_real: u32,
}

/// The wire name of a campaign kind.
pub(crate) fn kind_name(kind: &GroupBuyKind) -> &'static str {
    match kind {
        GroupBuyKind::TippingPoint { .. } => "tipping_point",
        GroupBuyKind::TeamBuy { .. } => "team_buy",
        GroupBuyKind::Ladder { .. } => "ladder",
    }
}

pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        field: field.into(),
        reason: reason.into(),
    }
}

/// `t + seconds`, or [`Error::AmountOutOfRange`] when it leaves chrono's range.
pub(crate) fn add_seconds(
    t: DateTime<FixedOffset>,
    seconds: u64,
) -> Result<DateTime<FixedOffset>, Error> {
    i64::try_from(seconds)
        .ok()
        .and_then(TimeDelta::try_seconds)
        .and_then(|delta| t.checked_add_signed(delta))
        .ok_or_else(|| Error::out_of_range(format!("{t} + {seconds} s is not a valid time")))
}

impl GroupBuyCampaign {
    /// The campaign's currency (of its first price); an empty ladder has none.
    pub(crate) fn currency(&self) -> Result<Currency, Error> {
        match &self.kind {
            GroupBuyKind::TippingPoint { price, .. } | GroupBuyKind::TeamBuy { price, .. } => {
                Ok(price.currency())
            }
            GroupBuyKind::Ladder { tiers } => tiers
                .first()
                .map(|t| t.price.currency())
                .ok_or_else(|| invalid("campaign.kind.tiers", "needs at least 1 tier")),
        }
    }

    /// Paid places the deal needs to succeed: the tipping point's minimum, the ladder's
    /// first tier, the team size.
    pub fn min_to_succeed(&self) -> u32 {
        match &self.kind {
            GroupBuyKind::TippingPoint {
                min_participants, ..
            } => *min_participants,
            GroupBuyKind::TeamBuy { size, .. } => *size,
            GroupBuyKind::Ladder { tiers } => tiers.first().map_or(1, |t| t.min_participants),
        }
    }

    /// Check the definition: every rule below is an [`Error::InvalidInput`] naming the field
    /// (or [`Error::CurrencyMismatch`] for prices in two currencies).
    ///
    /// - `id` is not empty; `starts_at`, if given, is before `deadline`;
    /// - every price is positive and in one currency;
    /// - tipping point: `min_participants` ≥ 1 and ≤ `max_participants` if set;
    /// - team buy: 2 ≤ `size` ≤ [`MAX_TEAM_SIZE`]; 1 ≤ `window_seconds` ≤
    ///   [`MAX_WINDOW_SECONDS`]; 1 ≤ `virtual_fill.min_real` < `size`;
    /// - ladder: 1 to [`MAX_LADDER_TIERS`] tiers, `min_participants` ≥ 1 and strictly
    ///   rising, prices strictly falling; the first tier's minimum ≤ `max_participants`;
    /// - `max_participants` and `per_customer_limit` ≥ 1 when given;
    ///   `vouchers_per_participant` ≤ [`MAX_VOUCHERS_PER_PARTICIPANT`].
    pub fn validate(&self) -> Result<(), Error> {
        if self.id.is_empty() {
            return Err(invalid("campaign.id", "must not be empty"));
        }
        if let Some(start) = self.starts_at {
            if start >= self.deadline {
                return Err(invalid(
                    "campaign.starts_at",
                    format!("must be before the deadline {}", self.deadline.to_rfc3339()),
                ));
            }
        }
        if self.max_participants == Some(0) {
            return Err(invalid(
                "campaign.max_participants",
                "must be at least 1 (omit it for no limit)",
            ));
        }
        if self.per_customer_limit == Some(0) {
            return Err(invalid(
                "campaign.per_customer_limit",
                "must be at least 1 (omit it for no limit)",
            ));
        }
        if self.vouchers_per_participant > MAX_VOUCHERS_PER_PARTICIPANT {
            return Err(invalid(
                "campaign.vouchers_per_participant",
                format!("must be at most {MAX_VOUCHERS_PER_PARTICIPANT}"),
            ));
        }
        let currency = self.currency()?;
        let check_price = |field: &str, price: &Money| -> Result<(), Error> {
            if price.currency() != currency {
                return Err(Error::CurrencyMismatch {
                    left: currency.code().to_string(),
                    right: price.currency().code().to_string(),
                });
            }
            if !price.is_positive() {
                return Err(invalid(
                    field,
                    format!("must be positive, got {}", price.amount()),
                ));
            }
            Ok(())
        };
        match &self.kind {
            GroupBuyKind::TippingPoint {
                price,
                min_participants,
            } => {
                check_price("campaign.kind.price", price)?;
                if *min_participants == 0 {
                    return Err(invalid(
                        "campaign.kind.min_participants",
                        "must be at least 1",
                    ));
                }
            }
            GroupBuyKind::TeamBuy {
                size,
                window_seconds,
                price,
                leader_price,
                virtual_fill,
            } => {
                check_price("campaign.kind.price", price)?;
                if let Some(leader_price) = leader_price {
                    check_price("campaign.kind.leader_price", leader_price)?;
                }
                if !(2..=MAX_TEAM_SIZE).contains(size) {
                    return Err(invalid(
                        "campaign.kind.size",
                        format!("must be from 2 to {MAX_TEAM_SIZE}, got {size}"),
                    ));
                }
                if !(1..=MAX_WINDOW_SECONDS).contains(window_seconds) {
                    return Err(invalid(
                        "campaign.kind.window_seconds",
                        format!("must be from 1 to {MAX_WINDOW_SECONDS} (366 days), got {window_seconds}"),
                    ));
                }
                if let Some(fill) = virtual_fill {
                    if fill.min_real == 0 || fill.min_real >= *size {
                        return Err(invalid(
                            "campaign.kind.virtual_fill.min_real",
                            format!(
                                "must be at least 1 and below the team size {size}, got {}",
                                fill.min_real
                            ),
                        ));
                    }
                }
            }
            GroupBuyKind::Ladder { tiers } => {
                if tiers.is_empty() || tiers.len() > MAX_LADDER_TIERS {
                    return Err(invalid(
                        "campaign.kind.tiers",
                        format!("needs 1 to {MAX_LADDER_TIERS} tiers, got {}", tiers.len()),
                    ));
                }
                let mut previous: Option<&LadderTier> = None;
                for (i, tier) in tiers.iter().enumerate() {
                    check_price(&format!("campaign.kind.tiers[{i}].price"), &tier.price)?;
                    if tier.min_participants == 0 {
                        return Err(invalid(
                            format!("campaign.kind.tiers[{i}].min_participants"),
                            "must be at least 1",
                        ));
                    }
                    if let Some(prev) = previous {
                        if tier.min_participants <= prev.min_participants {
                            return Err(invalid(
                                format!("campaign.kind.tiers[{i}].min_participants"),
                                format!(
                                    "must be above the previous tier's {}",
                                    prev.min_participants
                                ),
                            ));
                        }
                        if tier.price.amount() >= prev.price.amount() {
                            return Err(invalid(
                                format!("campaign.kind.tiers[{i}].price"),
                                format!(
                                    "must be below the previous tier's {}: prices fall as participation rises",
                                    prev.price.amount()
                                ),
                            ));
                        }
                    }
                    previous = Some(tier);
                }
            }
        }
        if let Some(max) = self.max_participants {
            let needed = match &self.kind {
                GroupBuyKind::TeamBuy { .. } => 1,
                _ => self.min_to_succeed(),
            };
            if max < needed {
                return Err(invalid(
                    "campaign.max_participants",
                    format!("{max} is below the {needed} places the deal needs to succeed"),
                ));
            }
        }
        Ok(())
    }
}
