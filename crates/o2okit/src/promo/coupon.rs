//! Held coupons: the lifecycle of one coupon a customer holds, as pure functions.
//!
//! A [`HeldCoupon`] is a record the caller stores; o2okit never stores or mutates it. Every
//! operation takes `&self` and returns either a **new** record or an error; on an error
//! nothing has changed (there is nothing half-applied to undo).
//!
//! ## The state machine
//!
//! Each [`Redemption`] (one order's use of the coupon) moves one way:
//!
//! ```text
//!              redeem(order, amount)                    rollback(order, Some(x))
//!  available ─────────────────────────▶ redeemed ───────────────────────────────▶ redeemed,
//!  (uses < max_uses,                    (counts as                                 partly rolled back
//!   not expired,                         1 of max_uses)                            (still counts)
//!   right owner)                            │                                            │
//!                                           │ rollback(order, None)                      │ partial rollbacks
//!                                           ▼                                            ▼ reach the amount
//!                                       released  ◀──────────────────────────────────────┘
//!                                       (no longer counts; the use is given back)
//! ```
//!
//! The coupon as a whole is *available* while [`HeldCoupon::uses`] (the redemptions that
//! still count) is below `max_uses`, `now` is before `valid_until` and the customer is its
//! owner (or it is a bearer coupon); [`HeldCoupon::check_usable`] says why not otherwise.
//! A released redemption stays in the record as history, and the same order may redeem the
//! coupon again afterwards (a new redemption is appended).
//!
//! ## Idempotency
//!
//! Callers retry; retries must not spend a coupon twice.
//! - [`HeldCoupon::redeem`] is idempotent per order id: while the order's redemption counts,
//!   redeeming again with the **same amount** returns an identical record (no second use,
//!   even if the coupon has since expired or run out of uses); a **different amount** is
//!   [`Error::RedemptionConflict`].
//! - A full [`HeldCoupon::rollback`] (`None`) of a redemption that is already released
//!   returns an identical record. A partial rollback is *not* idempotent (two returns of
//!   3.00 take 6.00 back): pass partial amounts once per return, or use the order's
//!   [`HeldCoupon::remaining`] to reconcile.
//!
//! ## With `quote`
//!
//! A held coupon applies the [`Promotion`](crate::Promotion) named by its `promotion_id`
//! (with `trigger: coupon`). Before quoting, drop the coupons that fail
//! [`HeldCoupon::check_usable`]; after the order is placed, redeem each applied coupon with
//! the amount of its [`AppliedDiscount`](crate::AppliedDiscount) (zero for a gift coupon).
//! The usage counters given to `quote` ([`UsageCount`](crate::UsageCount)) should be
//! derived from [`HeldCoupon::uses`]: `customer` is the sum of `uses()` over this customer's
//! coupons of the promotion, `total` the sum over all its issued coupons. Counting
//! redemptions any other way (every redemption ever, ignoring rollbacks) would refuse
//! customers whose orders were returned.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::Error;

/// A coupon a customer holds: which promotion it applies, who may use it, how often and
/// until when, and every order that redeemed it.
///
/// All operations are pure: they return a new `HeldCoupon` (or a value) and leave `self`
/// untouched; on an error nothing is applied.
///
/// **Lifecycle.** The coupon is *available* while [`uses`](HeldCoupon::uses) is below
/// `max_uses`, `now` is before `valid_until` and the customer is its owner (any customer
/// for a bearer coupon). [`redeem`](HeldCoupon::redeem) records an order's use: the
/// [`Redemption`] counts as one of `max_uses`. [`rollback`](HeldCoupon::rollback) gives
/// discount back when the order is returned: a full rollback, or partial rollbacks that
/// reach the whole amount, *release* the use (the redemption stays as history and no longer
/// counts), and the coupon can be redeemed again, by the same order too.
///
/// **Idempotency.** Redeeming again for an order whose redemption still counts, with the
/// same amount, returns an identical record (a retry never spends a second use); a
/// different amount is [`Error::RedemptionConflict`]. A full rollback of a released
/// redemption returns an identical record. Partial rollbacks are not idempotent.
///
/// **With `quote`.** Derive the [`UsageCount`](crate::UsageCount)s given to
/// [`quote`](crate::quote) from `uses()` (the customer's count is the sum over their
/// coupons of the promotion, the total the sum over all its coupons), and leave out of the
/// quote the coupons that fail [`check_usable`](HeldCoupon::check_usable).
///
/// On the wire (`max_uses` defaults to 1, `redemptions` to none; absent options are
/// omitted):
///
/// ```json
/// {"coupon_id": "C-1001", "promotion_id": "10-off-50", "customer_id": "alice",
///  "max_uses": 1, "valid_until": "2026-12-31T00:00:00+08:00",
///  "redemptions": [{"order_id": "o-1", "amount": {"amount": "10.00", "currency": "CNY"},
///                   "rolled_back": {"amount": "0.00", "currency": "CNY"},
///                   "at": "2026-11-22T10:00:00+08:00"}]}
/// ```
///
/// ```
/// use o2okit::{Currency, HeldCoupon, Money};
/// let coupon: HeldCoupon = o2okit::decode(r#"{"coupon_id": "C-1001", "promotion_id": "10-off-50",
///     "customer_id": "alice", "valid_until": "2026-12-31T00:00:00+08:00"}"#)?;
/// let cny = Currency::from_code("CNY")?;
/// let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+08:00").unwrap();
///
/// // Order o-1 redeems it: the one use is spent.
/// let used = coupon.redeem("o-1", Money::parse("10.00", cny)?, Some("alice"), now)?;
/// assert_eq!(used.uses(), 1);
/// // A retry of the same order changes nothing; another order finds it spent.
/// assert_eq!(used.redeem("o-1", Money::parse("10.00", cny)?, Some("alice"), now)?, used);
/// let err = used.redeem("o-2", Money::parse("10.00", cny)?, Some("alice"), now).unwrap_err();
/// assert_eq!(err.code(), "coupon_exhausted");
///
/// // The order is returned: the use is released and the coupon can be used again.
/// let back = used.rollback("o-1", None)?;
/// assert_eq!(back.uses(), 0);
/// assert_eq!(back.remaining("o-1"), Some(Money::zero(cny)));
/// assert!(back.check_usable(Some("alice"), now).is_ok());
/// assert_eq!(back.check_usable(Some("bob"), now).unwrap_err().code(), "coupon_not_usable");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeldCoupon {
    /// This coupon instance (for example the code the customer holds).
    pub coupon_id: String,
    /// The [`Promotion`](crate::Promotion) it applies.
    pub promotion_id: String,
    /// Its owner's customer id; only the owner may redeem it. Absent for a bearer coupon,
    /// which anyone may redeem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// How many redemptions may count at once (default 1).
    #[serde(default = "one")]
    pub max_uses: u32,
    /// Usable until this instant (exclusive), RFC 3339; absent: it never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub valid_until: Option<DateTime<FixedOffset>>,
    /// Every redemption, oldest first, including released ones (history).
    #[serde(default)]
    pub redemptions: Vec<Redemption>,
}

/// One order's use of a [`HeldCoupon`].
///
/// The redemption counts as a use of the coupon until it is *released*: by a full rollback,
/// or when partial rollbacks have returned the whole `amount`. A released redemption always
/// has `rolled_back == amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Redemption {
    /// The order that redeemed the coupon.
    pub order_id: String,
    /// The discount the coupon gave on that order (zero or positive; zero for a gift).
    pub amount: Money,
    /// The discount returned so far by partial or full returns (never above `amount`).
    pub rolled_back: Money,
    /// When the coupon was redeemed, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// `true` once the use is given back (fully rolled back); it then no longer counts.
    /// Needed on its own because a zero-amount redemption (a gift coupon) is "fully rolled
    /// back" before and after its release. Omitted when `false`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub released: bool,
}

fn one() -> u32 {
    1
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Redemption {
    /// Whether this redemption still counts as a use of its coupon (it is not released).
    pub fn counts(&self) -> bool {
        !self.released
    }

    /// What a rollback can still return: `amount − rolled_back`.
    fn remaining(&self) -> Result<Money, Error> {
        self.amount.checked_sub(self.rolled_back)
    }
}

impl HeldCoupon {
    /// A bearer coupon for `promotion_id` with one use, no expiry and no redemptions.
    ///
    /// ```
    /// let coupon = o2okit::HeldCoupon::new("C-1001", "10-off-50");
    /// assert_eq!((coupon.max_uses, coupon.uses()), (1, 0));
    /// ```
    pub fn new(coupon_id: impl Into<String>, promotion_id: impl Into<String>) -> HeldCoupon {
        HeldCoupon {
            coupon_id: coupon_id.into(),
            promotion_id: promotion_id.into(),
            customer_id: None,
            max_uses: 1,
            valid_until: None,
            redemptions: Vec::new(),
        }
    }

    /// The redemptions that still count: a redemption counts until it is fully rolled back.
    /// Derive `quote`'s usage counters from this (see [`HeldCoupon`]).
    pub fn uses(&self) -> u32 {
        let counting = self.redemptions.iter().filter(|r| r.counts()).count();
        u32::try_from(counting).unwrap_or(u32::MAX)
    }

    /// Whether `customer_id` may redeem the coupon at `now` (ignoring the order: a retry of
    /// a counting redemption is always accepted by [`HeldCoupon::redeem`]).
    ///
    /// Errors, checked in this order: [`Error::CouponNotUsable`] when `now` is at or after
    /// `valid_until`, or the coupon has an owner and `customer_id` is another customer or
    /// none; [`Error::CouponExhausted`] when [`uses`](HeldCoupon::uses) has reached
    /// `max_uses`.
    pub fn check_usable(
        &self,
        customer_id: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), Error> {
        if let Some(until) = self.valid_until {
            if now >= until {
                return Err(self.not_usable(format!(
                    "it expired at {} (now is {}); remove it from the customer's wallet",
                    until.to_rfc3339(),
                    now.to_rfc3339()
                )));
            }
        }
        self.check_owner(customer_id)?;
        let used = self.uses();
        if used >= self.max_uses {
            return Err(Error::CouponExhausted {
                coupon: self.coupon_id.clone(),
                used,
                max_uses: self.max_uses,
            });
        }
        Ok(())
    }

    /// Record that order `order_id` used the coupon for a discount of `amount` at `now`,
    /// returning the new record.
    ///
    /// Idempotent per order id: while that order's redemption counts, the same `amount`
    /// returns an identical record (no second use, whatever the time or the uses left), and
    /// a different amount is [`Error::RedemptionConflict`]. Once the order's redemption is
    /// released by a rollback, the order may redeem the coupon again (a new redemption).
    ///
    /// Errors (nothing is applied): [`Error::InvalidInput`] for an empty `order_id`, a
    /// negative `amount` or an inconsistent record (see [`validate`](HeldCoupon::validate));
    /// [`Error::CouponNotUsable`] for a customer who is not the owner (retries included);
    /// otherwise the errors of [`check_usable`](HeldCoupon::check_usable).
    pub fn redeem(
        &self,
        order_id: &str,
        amount: Money,
        customer_id: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<HeldCoupon, Error> {
        self.validate()?;
        if order_id.is_empty() {
            return Err(Error::InvalidInput {
                field: "order_id".into(),
                reason: "an order id is required: redemptions are idempotent per order id".into(),
            });
        }
        if amount.is_negative() {
            return Err(Error::InvalidInput {
                field: "amount".into(),
                reason: format!(
                    "the discount redeemed must be zero or positive, got {amount}; \
                     to give a discount back, roll the redemption back"
                ),
            });
        }
        if let Some(existing) = self.counting(order_id) {
            self.check_owner(customer_id)?;
            if existing.amount == amount {
                return Ok(self.clone());
            }
            return Err(Error::RedemptionConflict {
                coupon: self.coupon_id.clone(),
                order: order_id.to_string(),
                redeemed: existing.amount.to_string(),
            });
        }
        self.check_usable(customer_id, now)?;
        let mut next = self.clone();
        next.redemptions.push(Redemption {
            order_id: order_id.to_string(),
            amount,
            rolled_back: Money::zero(amount.currency()),
            at: now,
            released: false,
        });
        Ok(next)
    }

    /// Give back discount of order `order_id`'s redemption (the order was returned),
    /// returning the new record.
    ///
    /// - `None`: a full rollback. Everything that remains is rolled back and the use is
    ///   released (the coupon can be redeemed again). A full rollback of a redemption that
    ///   is already released is idempotent: it returns an identical record.
    /// - `Some(x)`: a partial return of `x` of the discount, `0 < x ≤` what remains. The use
    ///   still counts, **until the partial rollbacks reach the whole amount: then the use is
    ///   released too**, exactly as by a full rollback.
    ///
    /// The rollback applies to the order's counting redemption, or, when every redemption
    /// of the order is released, to its latest one (where nothing remains).
    ///
    /// Errors (nothing is applied): [`Error::RedemptionNotFound`] when the order never
    /// redeemed the coupon; [`Error::InvalidInput`] for a zero or negative `x` or an
    /// inconsistent record; [`Error::CurrencyMismatch`] when `x` is not in the redemption's
    /// currency; [`Error::RollbackExceedsRedemption`] when `x` is more than remains.
    pub fn rollback(&self, order_id: &str, amount: Option<Money>) -> Result<HeldCoupon, Error> {
        self.validate()?;
        if let Some(x) = amount {
            if !x.is_positive() {
                return Err(Error::InvalidInput {
                    field: "amount".into(),
                    reason: format!(
                        "a partial rollback must return a positive amount, got {x}; \
                         pass no amount to roll back everything that remains"
                    ),
                });
            }
        }
        let Some((position, redemption)) = self.target(order_id) else {
            return Err(Error::RedemptionNotFound {
                coupon: self.coupon_id.clone(),
                order: order_id.to_string(),
            });
        };
        let (rolled_back, released) = match amount {
            None if redemption.released => return Ok(self.clone()),
            None => (redemption.amount, true),
            Some(x) => {
                let remaining = redemption.remaining()?;
                if remaining.checked_cmp(&x)? == Ordering::Less {
                    return Err(Error::RollbackExceedsRedemption {
                        coupon: self.coupon_id.clone(),
                        order: order_id.to_string(),
                        requested: x.to_string(),
                        remaining: remaining.to_string(),
                    });
                }
                let total = redemption.rolled_back.checked_add(x)?;
                (total, total == redemption.amount)
            }
        };
        let mut next = self.clone();
        if let Some(slot) = next.redemptions.get_mut(position) {
            slot.rolled_back = rolled_back;
            slot.released = released;
        }
        Ok(next)
    }

    /// What a rollback of order `order_id` could still return: `amount − rolled_back` of
    /// its counting redemption, zero once it is released; `None` when the order never
    /// redeemed the coupon (or the record mixes currencies, see
    /// [`validate`](HeldCoupon::validate)).
    pub fn remaining(&self, order_id: &str) -> Option<Money> {
        self.target(order_id)
            .and_then(|(_, redemption)| redemption.remaining().ok())
    }

    /// Check that a record (for example one just decoded) is consistent; [`redeem`] and
    /// [`rollback`] call this first. [`Error::InvalidInput`] names the field when a
    /// redemption has an empty order id, a negative amount or rollback, a rollback in
    /// another currency or above the amount, `released` disagreeing with the rollback
    /// (released means the whole amount is rolled back, and a whole positive amount rolled
    /// back means released), or when two counting redemptions share an order id.
    ///
    /// More counting redemptions than `max_uses` is allowed (the limit may have been
    /// lowered); such a coupon is simply exhausted.
    ///
    /// [`redeem`]: HeldCoupon::redeem
    /// [`rollback`]: HeldCoupon::rollback
    pub fn validate(&self) -> Result<(), Error> {
        let mut counting: BTreeSet<&str> = BTreeSet::new();
        for (index, r) in self.redemptions.iter().enumerate() {
            let invalid = |name: &str, reason: String| Error::InvalidInput {
                field: format!("held_coupon.redemptions[{index}].{name}"),
                reason,
            };
            if r.order_id.is_empty() {
                return Err(invalid("order_id", "an order id is required".into()));
            }
            if r.amount.is_negative() {
                return Err(invalid(
                    "amount",
                    format!("a redeemed discount cannot be negative, got {}", r.amount),
                ));
            }
            if r.rolled_back.is_negative() {
                return Err(invalid(
                    "rolled_back",
                    format!(
                        "a rolled-back amount cannot be negative, got {}",
                        r.rolled_back
                    ),
                ));
            }
            if r.rolled_back.currency() != r.amount.currency() {
                return Err(invalid(
                    "rolled_back",
                    format!(
                        "must be in the redemption's currency {}, got {}",
                        r.amount.currency(),
                        r.rolled_back
                    ),
                ));
            }
            match r.rolled_back.checked_cmp(&r.amount)? {
                Ordering::Greater => {
                    return Err(invalid(
                        "rolled_back",
                        format!(
                            "{} is more than the redeemed {}; at most the whole amount can be rolled back",
                            r.rolled_back, r.amount
                        ),
                    ))
                }
                Ordering::Less if r.released => {
                    return Err(invalid(
                        "released",
                        format!(
                            "a released redemption has its whole amount rolled back: set rolled_back to {} or released to false",
                            r.amount
                        ),
                    ))
                }
                Ordering::Equal if !r.released && r.amount.is_positive() => {
                    return Err(invalid(
                        "released",
                        "the whole amount is rolled back, so the use is released: set released to true".into(),
                    ))
                }
                _ => {}
            }
            if r.counts() && !counting.insert(r.order_id.as_str()) {
                return Err(invalid(
                    "order_id",
                    format!(
                        "order {:?} already has a redemption that counts; an order holds at most one use of a coupon at a time",
                        r.order_id
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The counting redemption of `order_id`, if any.
    fn counting(&self, order_id: &str) -> Option<&Redemption> {
        self.redemptions
            .iter()
            .find(|r| r.counts() && r.order_id == order_id)
    }

    /// The redemption a rollback of `order_id` applies to: the counting one, else the
    /// latest released one.
    fn target(&self, order_id: &str) -> Option<(usize, &Redemption)> {
        let mut latest = None;
        for (position, r) in self.redemptions.iter().enumerate() {
            if r.order_id == order_id {
                if r.counts() {
                    return Some((position, r));
                }
                latest = Some((position, r));
            }
        }
        latest
    }

    fn check_owner(&self, customer_id: Option<&str>) -> Result<(), Error> {
        match (self.customer_id.as_deref(), customer_id) {
            (None, _) => Ok(()),
            (Some(owner), Some(customer)) if owner == customer => Ok(()),
            (Some(_), Some(_)) => Err(self
                .not_usable("it belongs to another customer; only its owner can redeem it".into())),
            (Some(_), None) => Err(self.not_usable(
                "it belongs to a customer; pass the owner's customer id to redeem it".into(),
            )),
        }
    }

    fn not_usable(&self, reason: String) -> Error {
        Error::CouponNotUsable {
            coupon: self.coupon_id.clone(),
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    fn cny() -> Currency {
        Currency::from_code("CNY").unwrap()
    }

    fn m(amount: &str) -> Money {
        Money::parse(amount, cny()).unwrap()
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn now() -> DateTime<FixedOffset> {
        at("2026-11-22T10:00:00+08:00")
    }

    fn alices() -> HeldCoupon {
        HeldCoupon {
            customer_id: Some("alice".into()),
            valid_until: Some(at("2026-12-31T00:00:00+08:00")),
            ..HeldCoupon::new("C-1", "10-off-50")
        }
    }

    fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
        r.unwrap_err().code()
    }

    #[test]
    fn redeem_is_idempotent_per_order() {
        let c = alices();
        let once = c.redeem("o-1", m("10"), Some("alice"), now()).unwrap();
        assert_eq!(once.uses(), 1);
        assert_eq!(once.redemptions.len(), 1);
        let later = at("2026-11-23T10:00:00+08:00");
        let twice = once
            .redeem("o-1", m("10.00"), Some("alice"), later)
            .unwrap();
        assert_eq!(twice, once);
        assert_eq!(twice.uses(), 1);
        // Even once expired, a retry of the same order succeeds without change.
        let expired = at("2027-01-01T00:00:00+08:00");
        assert_eq!(
            once.redeem("o-1", m("10"), Some("alice"), expired).unwrap(),
            once
        );
        // But not for someone else.
        assert_eq!(
            code(once.redeem("o-1", m("10"), Some("bob"), now())),
            "coupon_not_usable"
        );
    }

    #[test]
    fn same_order_different_amount_conflicts() {
        let once = alices()
            .redeem("o-1", m("10"), Some("alice"), now())
            .unwrap();
        let err = once
            .redeem("o-1", m("12"), Some("alice"), now())
            .unwrap_err();
        assert_eq!(err.code(), "redemption_conflict");
        assert!(err.to_string().contains("10.00 CNY"), "{err}");
        // Also after a partial rollback: the recorded amount is what a retry must repeat.
        let partly = once.rollback("o-1", Some(m("3"))).unwrap();
        assert_eq!(
            partly.redeem("o-1", m("10"), Some("alice"), now()).unwrap(),
            partly
        );
        assert_eq!(
            code(partly.redeem("o-1", m("7"), Some("alice"), now())),
            "redemption_conflict"
        );
    }

    #[test]
    fn exhausted_after_max_uses() {
        let c = HeldCoupon {
            max_uses: 2,
            ..alices()
        };
        let c = c.redeem("o-1", m("5"), Some("alice"), now()).unwrap();
        let c = c.redeem("o-2", m("5"), Some("alice"), now()).unwrap();
        assert_eq!(c.uses(), 2);
        let err = c.redeem("o-3", m("5"), Some("alice"), now()).unwrap_err();
        assert_eq!(
            err,
            Error::CouponExhausted {
                coupon: "C-1".into(),
                used: 2,
                max_uses: 2
            }
        );
        assert_eq!(
            code(c.check_usable(Some("alice"), now())),
            "coupon_exhausted"
        );
        let zero = HeldCoupon {
            max_uses: 0,
            ..HeldCoupon::new("C-0", "p")
        };
        assert_eq!(code(zero.check_usable(None, now())), "coupon_exhausted");
    }

    #[test]
    fn only_the_owner_may_redeem() {
        let c = alices();
        let err = c.redeem("o-1", m("5"), Some("bob"), now()).unwrap_err();
        assert_eq!(err.code(), "coupon_not_usable");
        assert!(err.to_string().contains("another customer"), "{err}");
        assert!(!err.to_string().contains("alice"), "owner leaked: {err}");
        let err = c.redeem("o-1", m("5"), None, now()).unwrap_err();
        assert_eq!(err.code(), "coupon_not_usable");
        assert!(err.to_string().contains("customer id"), "{err}");
        // A bearer coupon is anyone's.
        let bearer = HeldCoupon::new("C-2", "p");
        assert!(bearer.redeem("o-1", m("5"), None, now()).is_ok());
        assert!(bearer.redeem("o-1", m("5"), Some("bob"), now()).is_ok());
    }

    #[test]
    fn expired_at_valid_until() {
        let c = alices();
        let until = at("2026-12-31T00:00:00+08:00");
        let just_before = at("2026-12-30T23:59:59+08:00");
        assert!(c.check_usable(Some("alice"), just_before).is_ok());
        let err = c.redeem("o-1", m("5"), Some("alice"), until).unwrap_err();
        assert_eq!(err.code(), "coupon_not_usable");
        assert!(err.to_string().contains("expired"), "{err}");
        // The same instant in another offset is the same instant.
        let utc = at("2026-12-30T16:00:00+00:00");
        assert_eq!(
            code(c.check_usable(Some("alice"), utc)),
            "coupon_not_usable"
        );
    }

    #[test]
    fn full_rollback_releases_the_use() {
        let used = alices()
            .redeem("o-1", m("10"), Some("alice"), now())
            .unwrap();
        let back = used.rollback("o-1", None).unwrap();
        assert_eq!(back.uses(), 0);
        let r = &back.redemptions[0];
        assert_eq!((r.rolled_back, r.released), (m("10"), true));
        assert_eq!(back.remaining("o-1"), Some(m("0")));
        // Idempotent.
        assert_eq!(back.rollback("o-1", None).unwrap(), back);
        // Nothing left to return partially.
        assert_eq!(
            code(back.rollback("o-1", Some(m("1")))),
            "rollback_exceeds_redemption"
        );
        // Another order may use it now, or the same order again.
        assert!(back.redeem("o-2", m("10"), Some("alice"), now()).is_ok());
        let again = back.redeem("o-1", m("8"), Some("alice"), now()).unwrap();
        assert_eq!(again.uses(), 1);
        assert_eq!(again.redemptions.len(), 2);
        assert_eq!(again.remaining("o-1"), Some(m("8")));
        // A rollback now targets the counting redemption.
        let again_back = again.rollback("o-1", None).unwrap();
        assert_eq!(again_back.uses(), 0);
        assert_eq!(again_back.redemptions[1].rolled_back, m("8"));
    }

    #[test]
    fn partial_rollbacks_reaching_the_amount_release_the_use() {
        let used = alices()
            .redeem("o-1", m("5.00"), Some("alice"), now())
            .unwrap();
        let part = used.rollback("o-1", Some(m("3.00"))).unwrap();
        assert_eq!(part.uses(), 1);
        assert_eq!(part.remaining("o-1"), Some(m("2.00")));
        assert!(!part.redemptions[0].released);
        let all = part.rollback("o-1", Some(m("2.00"))).unwrap();
        assert_eq!(all.uses(), 0);
        assert!(all.redemptions[0].released);
        assert_eq!(all.redemptions[0].rolled_back, m("5.00"));
        assert_eq!(all, used.rollback("o-1", None).unwrap());
        // A full rollback after partial ones returns the rest.
        let rest = part.rollback("o-1", None).unwrap();
        assert_eq!(rest, all);
    }

    #[test]
    fn partial_rollback_errors() {
        let used = alices()
            .redeem("o-1", m("5.00"), Some("alice"), now())
            .unwrap();
        let part = used.rollback("o-1", Some(m("3.00"))).unwrap();
        let err = part.rollback("o-1", Some(m("2.01"))).unwrap_err();
        assert_eq!(
            err,
            Error::RollbackExceedsRedemption {
                coupon: "C-1".into(),
                order: "o-1".into(),
                requested: "2.01 CNY".into(),
                remaining: "2.00 CNY".into(),
            }
        );
        assert_eq!(code(part.rollback("o-1", Some(m("0")))), "invalid_input");
        assert_eq!(code(part.rollback("o-1", Some(m("-1")))), "invalid_input");
        let usd = Money::parse("1", Currency::from_code("USD").unwrap()).unwrap();
        assert_eq!(code(part.rollback("o-1", Some(usd))), "currency_mismatch");
    }

    #[test]
    fn rollback_of_an_unknown_order_is_not_found() {
        let used = alices()
            .redeem("o-1", m("5"), Some("alice"), now())
            .unwrap();
        let err = used.rollback("o-9", None).unwrap_err();
        assert_eq!(
            err,
            Error::RedemptionNotFound {
                coupon: "C-1".into(),
                order: "o-9".into()
            }
        );
        assert_eq!(
            code(used.rollback("o-9", Some(m("1")))),
            "redemption_not_found"
        );
        assert_eq!(used.remaining("o-9"), None);
    }

    #[test]
    fn zero_amount_redemptions_count_until_released() {
        // A gift coupon gives no discount on the cart, but still spends a use.
        let used = alices()
            .redeem("o-1", m("0"), Some("alice"), now())
            .unwrap();
        assert_eq!(used.uses(), 1);
        assert_eq!(
            code(used.check_usable(Some("alice"), now())),
            "coupon_exhausted"
        );
        assert_eq!(
            code(used.rollback("o-1", Some(m("0.01")))),
            "rollback_exceeds_redemption"
        );
        let back = used.rollback("o-1", None).unwrap();
        assert_eq!(back.uses(), 0);
        assert!(back.redemptions[0].released);
    }

    #[test]
    fn bad_input_is_invalid_input() {
        let c = alices();
        assert_eq!(
            code(c.redeem("o-1", m("-1"), Some("alice"), now())),
            "invalid_input"
        );
        assert_eq!(
            code(c.redeem("", m("1"), Some("alice"), now())),
            "invalid_input"
        );
    }

    #[test]
    fn inconsistent_records_are_rejected() {
        let used = alices()
            .redeem("o-1", m("5"), Some("alice"), now())
            .unwrap();
        let field = |c: &HeldCoupon| match c.rollback("o-1", None) {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let mut over = used.clone();
        over.redemptions[0].rolled_back = m("6");
        assert_eq!(field(&over), "held_coupon.redemptions[0].rolled_back");
        let mut half_released = used.clone();
        half_released.redemptions[0].released = true;
        assert_eq!(field(&half_released), "held_coupon.redemptions[0].released");
        let mut unreleased = used.clone();
        unreleased.redemptions[0].rolled_back = m("5");
        assert_eq!(field(&unreleased), "held_coupon.redemptions[0].released");
        let mut twice = used.clone();
        twice.redemptions.push(used.redemptions[0].clone());
        assert_eq!(field(&twice), "held_coupon.redemptions[1].order_id");
        let mut mixed = used.clone();
        mixed.redemptions[0].rolled_back = Money::zero(Currency::from_code("USD").unwrap());
        assert_eq!(field(&mixed), "held_coupon.redemptions[0].rolled_back");
        assert_eq!(mixed.remaining("o-1"), None);
        assert!(used.validate().is_ok());
    }

    #[test]
    fn wire_shape_round_trips() {
        let c = alices()
            .redeem("o-1", m("10"), Some("alice"), now())
            .unwrap()
            .rollback("o-1", Some(m("2.5")))
            .unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"coupon_id":"C-1","promotion_id":"10-off-50","customer_id":"alice","max_uses":1,"#,
                r#""valid_until":"2026-12-31T00:00:00+08:00","redemptions":[{"order_id":"o-1","#,
                r#""amount":{"amount":"10.00","currency":"CNY"},"#,
                r#""rolled_back":{"amount":"2.50","currency":"CNY"},"#,
                r#""at":"2026-11-22T10:00:00+08:00"}]}"#
            )
        );
        let back: HeldCoupon = crate::decode(&json).unwrap();
        assert_eq!(back, c);

        let released = c.rollback("o-1", None).unwrap();
        let json = serde_json::to_value(&released).unwrap();
        assert_eq!(json["redemptions"][0]["released"], serde_json::json!(true));
        let back: HeldCoupon = serde_json::from_value(json).unwrap();
        assert_eq!(back, released);

        // Defaults: one use, no redemptions, bearer, no expiry.
        let minimal: HeldCoupon = crate::decode(r#"{"coupon_id":"C","promotion_id":"p"}"#).unwrap();
        assert_eq!(minimal, HeldCoupon::new("C", "p"));
        assert_eq!(
            serde_json::to_string(&minimal).unwrap(),
            r#"{"coupon_id":"C","promotion_id":"p","max_uses":1,"redemptions":[]}"#
        );
        // Unknown fields and JSON numbers for money are rejected.
        let unknown =
            crate::decode::<HeldCoupon>(r#"{"coupon_id":"C","promotion_id":"p","uses":1}"#);
        assert_eq!(code(unknown), "invalid_json");
        let number = crate::decode::<HeldCoupon>(
            r#"{"coupon_id":"C","promotion_id":"p","redemptions":[{"order_id":"o","amount":{"amount":1,"currency":"CNY"},"rolled_back":{"amount":"0","currency":"CNY"},"at":"2026-11-22T10:00:00+08:00"}]}"#,
        );
        assert_eq!(code(number), "number_for_money");
    }

    #[derive(Debug, Clone)]
    enum Op {
        Redeem {
            order: u8,
            cents: i64,
            customer: Option<&'static str>,
            minute: i64,
        },
        Rollback {
            order: u8,
            cents: Option<i64>,
            usd: bool,
        },
    }

    fn op() -> impl Strategy<Value = Op> {
        let customer =
            prop_oneof![1 => Just(None), 4 => Just(Some("alice")), 1 => Just(Some("bob"))];
        prop_oneof![
            (0u8..3, -100i64..1000, customer, 0i64..600).prop_map(
                |(order, cents, customer, minute)| Op::Redeem {
                    order,
                    cents: if cents < 0 { cents } else { cents % 4 * 250 },
                    customer,
                    minute,
                }
            ),
            (
                0u8..6,
                prop::option::of(-100i64..1000),
                prop::bool::weighted(0.05)
            )
                .prop_map(|(order, cents, usd)| Op::Rollback {
                    order,
                    cents: cents.map(|c| if c < 0 { c } else { c % 5 * 100 }),
                    usd,
                }),
        ]
    }

    proptest! {
        #[test]
        fn random_lifecycles_keep_the_invariants(
            max_uses in 0u32..4,
            owned in any::<bool>(),
            ops in prop::collection::vec(op(), 0..40),
        ) {
            let start = at("2026-11-22T10:00:00+08:00");
            let mut coupon = HeldCoupon {
                max_uses,
                customer_id: owned.then(|| "alice".to_string()),
                valid_until: Some(start + chrono::Duration::minutes(480)),
                ..HeldCoupon::new("C", "p")
            };
            let usd = Currency::from_code("USD").unwrap();
            for op in ops {
                let before = coupon.clone();
                let result = match &op {
                    Op::Redeem { order, cents, customer, minute } => coupon.redeem(
                        &format!("o-{order}"),
                        Money::from_minor(i128::from(*cents), cny()).unwrap(),
                        *customer,
                        start + chrono::Duration::minutes(*minute),
                    ),
                    Op::Rollback { order, cents, usd: in_usd } => coupon.rollback(
                        &format!("o-{order}"),
                        cents.map(|c| {
                            Money::from_minor(i128::from(c), if *in_usd { usd } else { cny() })
                                .unwrap()
                        }),
                    ),
                };
                prop_assert_eq!(&coupon, &before);
                match result {
                    Ok(next) => {
                        prop_assert!(next.uses() <= next.max_uses, "{:?} -> {:?}", op, next);
                        prop_assert!(next.validate().is_ok(), "{:?} -> {:?}", op, next);
                        for r in &next.redemptions {
                            prop_assert!(r.rolled_back.checked_cmp(&r.amount).unwrap().is_le());
                            prop_assert!(!r.rolled_back.is_negative());
                            prop_assert_eq!(r.released, !r.counts());
                        }
                        // History is only appended to, never rewritten.
                        prop_assert!(next.redemptions.len() >= before.redemptions.len());
                        for (old, new) in before.redemptions.iter().zip(&next.redemptions) {
                            prop_assert_eq!(&old.order_id, &new.order_id);
                            prop_assert_eq!(old.amount, new.amount);
                            prop_assert!(old.rolled_back.checked_cmp(&new.rolled_back).unwrap().is_le());
                            prop_assert!(!old.released || new.released);
                        }
                        let json = serde_json::to_string(&next).unwrap();
                        prop_assert_eq!(&crate::decode::<HeldCoupon>(&json).unwrap(), &next);
                        // Replaying a successful redeem changes nothing.
                        if let Op::Redeem { order, cents, customer, minute } = &op {
                            let again = next.redeem(
                                &format!("o-{order}"),
                                Money::from_minor(i128::from(*cents), cny()).unwrap(),
                                *customer,
                                start + chrono::Duration::minutes(*minute),
                            );
                            prop_assert_eq!(again.as_ref(), Ok(&next));
                        }
                        coupon = next;
                    }
                    Err(e) => {
                        prop_assert!(crate::ERROR_CODES.contains(&e.code()));
                    }
                }
            }
        }
    }
}
