//! The one error type of the crate.

use std::fmt;

/// Everything that can go wrong in o2okit.
///
/// Every variant has a stable, machine-readable [`code`](Error::code) (snake_case, never
/// renamed once released) and a message a person can act on. The Python binding raises
/// `O2OError` subclasses carrying the same `.code`; the JS binding throws an `Error` whose
/// `code` property is the same string.
///
/// ```
/// use o2okit::{Currency, Error};
/// let err = Currency::from_code("XYZ").unwrap_err();
/// assert_eq!(err.code(), "unknown_currency");
/// assert!(err.to_string().contains("XYZ"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The currency code is not an active ISO 4217 code known to o2okit.
    #[error("unknown currency code {code:?}: use an active ISO 4217 code such as \"CNY\", \"USD\" or \"JPY\"")]
    UnknownCurrency {
        /// The code as given.
        code: String,
    },

    /// Two amounts in different currencies were combined. o2okit never converts.
    #[error("currency mismatch: {left} and {right} cannot be combined; convert explicitly before combining")]
    CurrencyMismatch {
        /// The currency of the left-hand operand (or of the total).
        left: String,
        /// The currency of the right-hand operand (or of the part).
        right: String,
    },

    /// A value does not fit in the exact decimal range (about 28 significant digits).
    #[error("amount out of range: {detail}; amounts must stay within 28 significant digits")]
    AmountOutOfRange {
        /// What overflowed.
        detail: String,
    },

    /// A string is not a plain decimal number.
    #[error(
        "invalid decimal {input:?}: {reason}; write a plain decimal such as \"12.30\" or \"-5\""
    )]
    InvalidDecimal {
        /// The input as given.
        input: String,
        /// Why it was rejected.
        reason: String,
    },

    /// An amount has more decimals than its currency's minor unit allows.
    #[error("{input} has more decimals than {currency} allows ({max_decimals}); round it explicitly, e.g. with a rounding mode")]
    TooManyDecimals {
        /// The amount as given.
        input: String,
        /// The currency code.
        currency: String,
        /// The currency's minor units (number of decimals allowed).
        max_decimals: u32,
    },

    /// A money amount was given as a binary number (a JSON number, a Python `float`, a JS
    /// `number`) instead of an exact decimal.
    #[error("money amount must be an exact decimal, not a binary number (got {found}); pass it as a string like \"{found}\" (or a decimal.Decimal in Python)")]
    NumberForMoney {
        /// The number as it was received.
        found: String,
    },

    /// A rounding mode name is not one of the seven known modes.
    #[error("unknown rounding mode {name:?}: use one of half_even (the default), half_up, half_down, up, down, ceiling, floor")]
    UnknownRounding {
        /// The name as given.
        name: String,
    },

    /// A cash-rounding step is not positive or is not a whole number of minor units.
    #[error("invalid cash step {step} for {currency}: a step must be positive and a whole multiple of the minor unit (e.g. 0.05)")]
    InvalidStep {
        /// The step as given.
        step: String,
        /// The currency code.
        currency: String,
    },

    /// An amount that must be a whole number of steps is not.
    #[error("{amount} is not a whole multiple of the step {step}; round it to the step first")]
    NotOnStep {
        /// The amount.
        amount: String,
        /// The step.
        step: String,
    },

    /// `allocate` was given no weights.
    #[error("no weights given: allocation needs at least one weight")]
    EmptyWeights,

    /// Every weight is zero, so there is no ratio to split by.
    #[error("all {count} weights are zero: at least one weight must be positive")]
    ZeroWeights {
        /// How many weights were given.
        count: usize,
    },

    /// A weight is negative.
    #[error("weight #{index} is negative ({weight}): weights must be zero or positive")]
    NegativeWeight {
        /// Zero-based position of the weight.
        index: usize,
        /// The weight as given.
        weight: String,
    },

    /// Two lists that must have the same length do not.
    #[error("{what}: expected {expected} entries, got {found}")]
    LengthMismatch {
        /// What was being compared.
        what: String,
        /// The expected length.
        expected: usize,
        /// The length found.
        found: usize,
    },

    /// A cap is negative.
    #[error(
        "cap #{index} is negative ({cap}): caps are maximum amounts and must be zero or positive"
    )]
    NegativeCap {
        /// Zero-based position of the cap.
        index: usize,
        /// The cap as given.
        cap: String,
    },

    /// The caps of the parties with a positive weight add up to less than the total.
    #[error("caps too small: the parties with a positive weight can take at most {capacity} of {total}; raise a cap or leave one party uncapped")]
    CapsInsufficient {
        /// The total to split.
        total: String,
        /// What the capped parties can take in all.
        capacity: String,
    },

    /// A cart, promotion or context is inconsistent; `field` says where.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// Where the problem is (for example `cart.lines[2].quantity`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// Two cart lines (or two promotions) share an id.
    #[error("duplicate {what} id {id:?}: ids must be unique")]
    DuplicateId {
        /// `line` or `promotion`.
        what: String,
        /// The repeated id.
        id: String,
    },

    /// A quantity is zero, negative or not usable.
    #[error("invalid quantity {quantity} on line {line:?}: a quantity must be a positive integer, or a positive decimal for weighed goods")]
    InvalidQuantity {
        /// The line id.
        line: String,
        /// The quantity as given.
        quantity: String,
    },

    /// The cart has more countable units than the engine handles in one quote.
    #[error(
        "the cart has {units} units, more than the {limit} one quote handles; split the order"
    )]
    TooManyUnits {
        /// Units in the cart.
        units: String,
        /// The documented limit.
        limit: u64,
    },

    /// A time zone name is not in the IANA database (or, in a build without every zone, not
    /// among the zones it was built with: see the feature `tzdb`).
    #[error(
        "unknown time zone {name:?}: use an IANA name such as \"Asia/Shanghai\"{}",
        crate::calendar::zones_hint()
    )]
    UnknownTimeZone {
        /// The name as given.
        name: String,
    },

    /// A held coupon has no uses left.
    #[error("coupon {coupon:?} has no uses left ({used} of {max_uses} used)")]
    CouponExhausted {
        /// The coupon id.
        coupon: String,
        /// Uses so far.
        used: u32,
        /// Uses allowed.
        max_uses: u32,
    },

    /// A held coupon cannot be used now (expired, wrong owner, other promotion).
    #[error("coupon {coupon:?} cannot be used: {reason}")]
    CouponNotUsable {
        /// The coupon id.
        coupon: String,
        /// Why.
        reason: String,
    },

    /// The same order redeemed the coupon before with a different amount.
    #[error("coupon {coupon:?} was already redeemed by order {order:?} for {redeemed}; a retry must repeat the same amount")]
    RedemptionConflict {
        /// The coupon id.
        coupon: String,
        /// The order id.
        order: String,
        /// The amount recorded first.
        redeemed: String,
    },

    /// A rollback names an order that never redeemed the coupon.
    #[error("coupon {coupon:?} has no redemption by order {order:?} to roll back")]
    RedemptionNotFound {
        /// The coupon id.
        coupon: String,
        /// The order id.
        order: String,
    },

    /// A partial rollback returns more discount than the redemption has left.
    #[error("cannot roll back {requested} of coupon {coupon:?} for order {order:?}: only {remaining} remains")]
    RollbackExceedsRedemption {
        /// The coupon id.
        coupon: String,
        /// The order id.
        order: String,
        /// What was asked.
        requested: String,
        /// What is left to roll back.
        remaining: String,
    },

    /// A group-buy campaign has reached a terminal state (succeeded, failed, cancelled or
    /// closed); terminal states absorb every further event.
    #[error("group-buy campaign {campaign:?} has ended ({status}); it accepts no further events: start a new campaign")]
    CampaignEnded {
        /// The campaign id.
        campaign: String,
        /// Its terminal status.
        status: String,
    },

    /// A group-buy event arrived before the campaign's start.
    #[error("group-buy campaign {campaign:?} starts at {starts_at}; retry at or after that time")]
    CampaignNotStarted {
        /// The campaign id.
        campaign: String,
        /// When it starts, RFC 3339.
        starts_at: String,
    },

    /// A join or a new team arrived at or after the campaign's deadline.
    #[error("group-buy campaign {campaign:?} took its last join before its deadline {deadline} (now is {now}); look for another campaign")]
    DeadlinePassed {
        /// The campaign id.
        campaign: String,
        /// The deadline (exclusive), RFC 3339.
        deadline: String,
        /// The time of the rejected event, RFC 3339.
        now: String,
    },

    /// A join arrived at or after the end of the team's window.
    #[error("team {team:?} stopped taking members at {expires_at} (now is {now}); join another team or open a new one")]
    TeamExpired {
        /// The team id.
        team: String,
        /// The end of its window (exclusive), RFC 3339.
        expires_at: String,
        /// The time of the rejected event, RFC 3339.
        now: String,
    },

    /// The team has already succeeded, failed or been cancelled.
    #[error("team {team:?} has ended ({status}); join another team or open a new one")]
    TeamEnded {
        /// The team id.
        team: String,
        /// Its terminal status.
        status: String,
    },

    /// Every place of the team is held (paid or awaiting payment).
    #[error(
        "team {team:?} is full ({size} of {size} places held); join another team or open a new one"
    )]
    TeamFull {
        /// The team id.
        team: String,
        /// The team size.
        size: u32,
    },

    /// Every place of the campaign (its `max_participants`) is held.
    #[error("group-buy campaign {campaign:?} is full: all {max} places are held; wait for a place to free up or look for another campaign")]
    CampaignFull {
        /// The campaign id.
        campaign: String,
        /// The campaign's `max_participants`.
        max: u32,
    },

    /// The customer already holds as many places as the campaign allows one customer.
    #[error("customer {customer:?} already holds {limit} place(s), the most one customer may hold in this campaign")]
    CustomerLimitReached {
        /// The customer id.
        customer: String,
        /// The campaign's `per_customer_limit`.
        limit: u32,
    },

    /// The customer already holds a place in this team.
    #[error("customer {customer:?} is already a member of team {team:?}; one place per customer and team")]
    AlreadyMember {
        /// The customer id.
        customer: String,
        /// The team id.
        team: String,
    },

    /// No team with this id exists in the campaign.
    #[error("no team {team:?} in this campaign; use a team id from an `opened_team` outcome (t1, t2, …)")]
    UnknownTeam {
        /// The id as given.
        team: String,
    },

    /// No participation with this id exists in the campaign.
    #[error("no participation {participation:?} in this campaign; use an id from a `charge` effect (p1, p2, …)")]
    UnknownParticipation {
        /// The id as given.
        participation: String,
    },

    /// A payment confirmation names a participation that is not awaiting payment.
    #[error("participation {participation:?} is not awaiting payment (it is {status}); if money was taken for it, refund it")]
    ParticipationNotPending {
        /// The participation id.
        participation: String,
        /// Its status.
        status: String,
    },

    /// A leave names a participation that no longer holds a place.
    #[error("participation {participation:?} holds no place (it is {status}); nothing to leave")]
    ParticipationNotActive {
        /// The participation id.
        participation: String,
        /// Its status.
        status: String,
    },

    /// A payment confirmation carries another amount than the one charged.
    #[error("participation {participation:?} was charged {expected}, but the payment confirms {found}; confirm the charged amount")]
    PaymentMismatch {
        /// The participation id.
        participation: String,
        /// The amount charged.
        expected: String,
        /// The amount confirmed.
        found: String,
    },

    /// An idempotency key was used before for a different command.
    #[error("idempotency key {key:?} was already used for a different command; use a new key for a new command")]
    IdempotencyConflict {
        /// The key.
        key: String,
    },

    /// An event's time is before the time of the previous event (of a group-buy campaign or
    /// an order lifecycle).
    #[error("event time {now} is before the last applied event ({as_of}); events must come in time order")]
    TimeOutOfOrder {
        /// The time of the rejected event, RFC 3339.
        now: String,
        /// The time of the last applied event, RFC 3339.
        as_of: String,
    },

    /// An event that this kind of campaign does not take, or an event missing what it needs.
    #[error("{event} is not allowed here: {reason}")]
    EventNotAllowed {
        /// The event type.
        event: String,
        /// Why, and what to do instead.
        reason: String,
    },

    /// A group-buy simulation is larger than the documented limits.
    #[error("the simulation has {count} {what}, more than the {limit} one call handles; split it into several calls")]
    SimulationTooLarge {
        /// What is too large (`teams`, `joins`, `sizes`).
        what: String,
        /// How many were given.
        count: u64,
        /// The documented limit.
        limit: u64,
    },

    /// A split plan is inconsistent; `field` says where.
    #[error("invalid split plan at {field}: {reason}")]
    InvalidPlan {
        /// Where the problem is (for example `rules[2].pay.percent`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// An order given to the split is inconsistent; `field` says where.
    #[error("invalid order at {field}: {reason}")]
    InvalidOrder {
        /// Where the problem is (for example `order.delivery_fee`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// No party fills a role that a rule, the remainder or a discount's funder needs.
    #[error("no party fills the role {role:?} needed by {needed_by}: name one with {{\"role\": \"{role}\", \"party_id\": \"...\"}} in the order's or the plan's parties, or give party_id where the role is used")]
    MissingParty {
        /// The role without a party.
        role: String,
        /// What needs it (`rule "platform"`, `the remainder`, `discount "coupon-1"`).
        needed_by: String,
    },

    /// The rules of a split would pay out more than the order has.
    #[error("rule {rule:?} would pay {requested} but only {available} is left of the order; lower the rule, give it a max or a cap, or order the rules differently")]
    SplitExceedsTotal {
        /// The rule that overflowed.
        rule: String,
        /// What it asked for.
        requested: String,
        /// What was left.
        available: String,
    },

    /// A refund (with the refunds before it) exceeds what can be refunded.
    #[error("cannot refund {requested} in all: only {refundable} of the order is refundable; refund at most the rest")]
    RefundExceedsPaid {
        /// Refunded before plus this refund.
        requested: String,
        /// The most that can be refunded (what was paid, less a delivered, kept delivery fee).
        refundable: String,
    },

    /// A journey or an attribution model is unusable.
    #[error("invalid attribution: {reason}")]
    InvalidAttribution {
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A Shapley attribution sees more distinct channels than it handles.
    #[error("{channels} distinct channels seen, more than the {limit} a Shapley attribution handles; group rare channels together")]
    TooManyChannels {
        /// Distinct channels seen.
        channels: u64,
        /// The documented limit.
        limit: u64,
    },

    /// An event of a replayed log was rejected; `index` is its zero-based position. The
    /// code is the code of the underlying error.
    #[error("event #{index} of the log was rejected: {error}")]
    AtEvent {
        /// Zero-based position of the rejected event in the log.
        index: usize,
        /// Why it was rejected.
        error: Box<Error>,
    },

    /// A binding rule or bind event is unusable.
    #[error("invalid binding: {reason}")]
    InvalidBinding {
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A staff pool is unusable.
    #[error("invalid pool: {reason}")]
    InvalidPool {
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// Store-assignment input (a store, its area, hours, stock, fees, or the order or
    /// policy) is inconsistent; `field` says where.
    #[error("invalid store input at {field}: {reason}")]
    InvalidStore {
        /// Where the problem is (for example `stores[2].hours.weekly[0].open`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A latitude or longitude is not a finite WGS-84 coordinate in range.
    #[error("invalid location at {field}: latitude {lat} and longitude {lng} must be finite WGS-84 degrees, latitude in -90..=90 and longitude in -180..=180 (convert GCJ-02 map coordinates to WGS-84 first)")]
    InvalidLocation {
        /// Where the coordinate is (for example `order.location`).
        field: String,
        /// The latitude as given.
        lat: String,
        /// The longitude as given.
        lng: String,
    },

    /// A stored-value card spend is larger than the card's balance.
    #[error("card {card:?} holds {available}, less than the {requested} to spend; top up first or pay the rest another way")]
    InsufficientBalance {
        /// The card id.
        card: String,
        /// The amount asked for.
        requested: String,
        /// Principal plus bonus on the card.
        available: String,
    },

    /// A stored-value card was closed; it takes no further events.
    #[error("card {card:?} is closed and takes no further events; open a new card")]
    CardClosed {
        /// The card id.
        card: String,
    },

    /// A top-up would take a card's balance above its maximum.
    #[error("top-up would take card {card:?} to {balance_after}, above its maximum balance {max_balance}; top up at most {room}")]
    BalanceLimitExceeded {
        /// The card id.
        card: String,
        /// Principal plus bonus after the top-up.
        balance_after: String,
        /// The card's maximum balance.
        max_balance: String,
        /// The most principal plus bonus that still fits.
        room: String,
    },

    /// A refund names an order that never spent on the card.
    #[error(
        "card {card:?} has no spend by order {order:?} to refund; refund the order the spend named"
    )]
    SpendNotFound {
        /// The card id.
        card: String,
        /// The order id.
        order: String,
    },

    /// A refund (with the refunds before it) exceeds what the order spent on the card.
    #[error("cannot refund {requested} of order {order:?} to card {card:?}: only {refundable} of its spend is left to refund")]
    RefundExceedsSpend {
        /// The card id.
        card: String,
        /// The order id.
        order: String,
        /// What was asked.
        requested: String,
        /// What is left to refund.
        refundable: String,
    },

    /// A points redemption asks for more points than the member holds.
    #[error("cannot redeem {requested} points: only {available} are available (after expiry); redeem at most that")]
    InsufficientPoints {
        /// Points asked for.
        requested: u64,
        /// Points available.
        available: u64,
    },

    /// A membership event is earlier than the event before it.
    #[error("event time {at} is before the last applied event ({as_of}); membership events must come in time order")]
    EventsOutOfOrder {
        /// The time of the rejected event, RFC 3339.
        at: String,
        /// The time of the last applied event, RFC 3339.
        as_of: String,
    },

    /// Card rules, a card, a points program or a membership event is unusable.
    #[error("invalid membership input at {field}: {reason}")]
    InvalidMembership {
        /// Where the problem is (for example `rules.bonus_tiers[1].bonus`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// An order from a source channel is unusable; `field` says where in its payload.
    #[error("invalid {source_name} order at {field}: {reason}")]
    InvalidSourceOrder {
        /// The source (`store_counter`, `own_app`, `mini_program`, `marketplace`, `phone`).
        source_name: String,
        /// Where the problem is (for example `payload.items[1]`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// An order's amounts do not add up: lines − discounts + delivery fee ≠ paid.
    #[error("the order does not reconcile: lines {subtotal} − discounts {discounts} + delivery {delivery_fee} is not the {paid} paid; check the prices, quantities, discounts and fees")]
    AmountsDoNotReconcile {
        /// The lines' total.
        subtotal: String,
        /// The discounts' total.
        discounts: String,
        /// The delivery fee.
        delivery_fee: String,
        /// What the source says was paid.
        paid: String,
    },

    /// An external id was submitted again with different content.
    #[error("order {external_id:?} (canonical id {id}) was taken before with other content (fingerprint {seen_fingerprint}, now {fingerprint}); a retry must repeat the same order: amend the order instead of resubmitting it")]
    ConflictingDuplicate {
        /// The canonical id.
        id: String,
        /// The source's order id.
        external_id: String,
        /// The fingerprint recorded first.
        seen_fingerprint: String,
        /// The fingerprint of this submission.
        fingerprint: String,
    },

    /// A price parity check is unusable; `field` says where.
    #[error("invalid parity check at {field}: {reason}")]
    InvalidParityCheck {
        /// Where the problem is (for example `observations[3].price`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A voucher key is unusable: not hex, or shorter than
    /// [`MIN_VOUCHER_KEY_BYTES`](crate::MIN_VOUCHER_KEY_BYTES). The message never repeats
    /// the key.
    #[error("invalid voucher key: {reason}")]
    InvalidVoucherKey {
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A voucher code spec (digits, serial width), a serial or a batch of serials is
    /// unusable; `field` says which.
    #[error("invalid voucher code spec at {field}: {reason}")]
    InvalidVoucherSpec {
        /// Where the problem is (`digits`, `serial_digits`, `serial`, `serials`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A voucher scope is unusable (an empty or over-long store or deal id).
    #[error("invalid voucher scope at {field}: {reason}")]
    InvalidVoucherScope {
        /// Where the problem is (`store_id`, `deal_id`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A voucher code (or a check-digit payload) is malformed: not digits, or not the
    /// length its spec gives. A well-formed code that fails verification is not an error
    /// but a [`Verification`](crate::Verification) with a reason. The message never
    /// repeats the code.
    #[error("malformed voucher code: {reason}")]
    InvalidVoucherCode {
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A journey given to flow classification is unusable; `field` says where.
    #[error("invalid journey at {field}: {reason}")]
    InvalidJourney {
        /// Where the problem is (for example `touchpoints[3].party.party_id`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A lifecycle command that the order's status or the command's actor does not allow.
    #[error("{command} by {actor} is not allowed while the order is {status}: {reason}; allowed now: {allowed}")]
    CommandNotAllowed {
        /// The command type.
        command: String,
        /// The actor that sent it.
        actor: String,
        /// The order's status.
        status: String,
        /// Why, and what to do instead.
        reason: String,
        /// The commands the status allows, comma separated (`none` in a terminal status).
        allowed: String,
    },

    /// A voucher was presented at a store the deal does not allow.
    #[error("store {store:?} may not redeem deal {deal:?}; allowed stores: {allowed}")]
    StoreNotAllowed {
        /// The store id as given.
        store: String,
        /// The deal id.
        deal: String,
        /// The allowed store ids, comma separated.
        allowed: String,
    },

    /// A redemption (or payment) outside the deal's validity window `[valid_from, valid_until)`.
    #[error("{now} is outside the validity of deal {deal:?} [{valid_from}, {valid_until})")]
    OutsideValidity {
        /// The deal id.
        deal: String,
        /// The time of the command, RFC 3339.
        now: String,
        /// Start of the window (inclusive), RFC 3339.
        valid_from: String,
        /// End of the window (exclusive), RFC 3339.
        valid_until: String,
    },

    /// A voucher has fewer uses left than a redemption or refund asks for.
    #[error("voucher {voucher:?} has {left} uses left, {requested} requested")]
    NoUsesLeft {
        /// The voucher id.
        voucher: String,
        /// Uses left.
        left: u32,
        /// Uses asked for.
        requested: u32,
    },

    /// A redemption can no longer be reversed: its reversal window has passed.
    #[error("redemption {redemption:?} at {at} could be reversed until {until} (exclusive); it is {now}")]
    ReversalWindowPassed {
        /// The redemption (the key of its redeem command).
        redemption: String,
        /// When it was redeemed, RFC 3339.
        at: String,
        /// End of its reversal window (exclusive), RFC 3339.
        until: String,
        /// The time of the reverse command, RFC 3339.
        now: String,
    },

    /// A redemption was already settled: it can no longer be reversed.
    #[error("redemption {redemption:?} was settled; a settled redemption is never reversed (refund it outside o2okit if needed)")]
    AlreadySettled {
        /// The redemption.
        redemption: String,
    },

    /// A redemption was already reversed.
    #[error("redemption {redemption:?} was already reversed")]
    AlreadyReversed {
        /// The redemption.
        redemption: String,
    },

    /// The deal's refund policy does not allow this refund.
    #[error("refund not allowed by the refund policy {policy}: {reason}")]
    RefundNotAllowed {
        /// The deal's refund policy.
        policy: String,
        /// Why, and what happens instead.
        reason: String,
    },

    /// A voucher id that the order does not hold.
    #[error("order {order:?} holds no voucher {voucher:?}")]
    UnknownVoucher {
        /// The order id.
        order: String,
        /// The voucher id as given.
        voucher: String,
    },

    /// A redemption key that the order does not hold.
    #[error("order {order:?} holds no redemption {redemption:?}")]
    UnknownRedemption {
        /// The order id.
        order: String,
        /// The redemption key as given.
        redemption: String,
    },

    /// A payment of another amount than the order's price.
    #[error("order {order:?} costs {expected}, but the payment is {found}; pay the exact price")]
    AmountMismatch {
        /// The order id.
        order: String,
        /// The order's price.
        expected: String,
        /// The amount paid.
        found: String,
    },

    /// A deal (its price, counts, window, stores, plan or code settings) is unusable;
    /// `field` says where.
    #[error("invalid deal at {field}: {reason}")]
    InvalidDeal {
        /// Where the problem is (for example `stores[1]`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A store-order policy (its flow, plan, channels, partner stores, binding rule or
    /// cancel rule) is unusable; `field` says where.
    #[error("invalid store-order policy at {field}: {reason}")]
    InvalidStoreOrderPolicy {
        /// Where the problem is (for example `channels[1].fee_to`).
        field: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// An order names a sales channel that the store-order policy does not list.
    #[error("order {order:?} came in on channel {channel:?}, which the policy does not list; known channels: {known}")]
    UnknownChannel {
        /// The order id.
        order: String,
        /// The channel id as given.
        channel: String,
        /// The policy's channel ids, comma separated (`none` when it lists none).
        known: String,
    },

    /// No partner store can fulfil an order routed by store assignment; nothing was applied.
    #[error("no partner store can fulfil order {order:?} now: {reasons}; try another address, later, or fewer items")]
    NoStoreAvailable {
        /// The order id.
        order: String,
        /// Why each store was passed over, as `store: reason, reason; …`.
        reasons: String,
    },

    /// The input could not be decoded from the wire format.
    #[error("{message}")]
    Decode {
        /// The stable code of the underlying problem (for example `unknown_currency`), or
        /// `invalid_json` when the JSON itself is malformed or has the wrong shape.
        code: &'static str,
        /// What went wrong and where.
        message: String,
    },

    /// The wire dispatcher was asked for a function it does not know.
    #[error("unknown function {name:?}; known functions: {known}")]
    UnknownFunction {
        /// The name as given.
        name: String,
        /// The known names, comma separated.
        known: String,
    },

    /// The wire dispatcher was asked for a function o2okit has, but not this build: the
    /// cargo feature that compiles it in is off (a slimmer build, such as the npm entry
    /// point `o2okit/storefront`).
    #[error(
        "function {function:?} is not in this build of o2okit: it needs the cargo feature \"{feature}\" (in npm, the full entry point \"o2okit\" has every function)"
    )]
    NotInBuild {
        /// The name as given.
        function: String,
        /// The cargo feature of the `o2okit` crate that has it.
        feature: &'static str,
    },
}

/// Every error code o2okit can return, in one place. Codes are stable: once released, a
/// code is never renamed or reused for another meaning.
pub const ERROR_CODES: &[&str] = &[
    "unknown_currency",
    "currency_mismatch",
    "amount_out_of_range",
    "invalid_decimal",
    "too_many_decimals",
    "number_for_money",
    "unknown_rounding",
    "invalid_step",
    "not_on_step",
    "empty_weights",
    "zero_weights",
    "negative_weight",
    "length_mismatch",
    "negative_cap",
    "caps_insufficient",
    "invalid_input",
    "duplicate_id",
    "invalid_quantity",
    "too_many_units",
    "unknown_time_zone",
    "coupon_exhausted",
    "coupon_not_usable",
    "redemption_conflict",
    "redemption_not_found",
    "rollback_exceeds_redemption",
    "campaign_ended",
    "campaign_not_started",
    "deadline_passed",
    "team_expired",
    "team_ended",
    "team_full",
    "campaign_full",
    "customer_limit_reached",
    "already_member",
    "unknown_team",
    "unknown_participation",
    "participation_not_pending",
    "participation_not_active",
    "payment_mismatch",
    "idempotency_conflict",
    "time_out_of_order",
    "event_not_allowed",
    "simulation_too_large",
    "invalid_plan",
    "invalid_order",
    "missing_party",
    "split_exceeds_total",
    "refund_exceeds_paid",
    "invalid_attribution",
    "too_many_channels",
    "invalid_binding",
    "invalid_pool",
    "invalid_store",
    "invalid_location",
    "insufficient_balance",
    "card_closed",
    "balance_limit_exceeded",
    "spend_not_found",
    "refund_exceeds_spend",
    "insufficient_points",
    "events_out_of_order",
    "invalid_membership",
    "invalid_source_order",
    "amounts_do_not_reconcile",
    "conflicting_duplicate",
    "invalid_parity_check",
    "invalid_voucher_key",
    "invalid_voucher_spec",
    "invalid_voucher_scope",
    "invalid_voucher_code",
    "invalid_journey",
    "command_not_allowed",
    "store_not_allowed",
    "outside_validity",
    "no_uses_left",
    "reversal_window_passed",
    "already_settled",
    "already_reversed",
    "refund_not_allowed",
    "unknown_voucher",
    "unknown_redemption",
    "amount_mismatch",
    "invalid_deal",
    "invalid_store_order_policy",
    "unknown_channel",
    "no_store_available",
    "invalid_json",
    "unknown_function",
    "not_in_build",
];

/// The codes of [`Error::is_conflict`]: well-formed input that the current state (or time)
/// refuses. Every other code is bad input.
const CONFLICT_CODES: &[&str] = &[
    "coupon_exhausted",
    "coupon_not_usable",
    "redemption_conflict",
    "redemption_not_found",
    "rollback_exceeds_redemption",
    "campaign_ended",
    "campaign_not_started",
    "deadline_passed",
    "team_expired",
    "team_ended",
    "team_full",
    "campaign_full",
    "customer_limit_reached",
    "already_member",
    "unknown_team",
    "unknown_participation",
    "participation_not_pending",
    "participation_not_active",
    "idempotency_conflict",
    "time_out_of_order",
    "event_not_allowed",
    "refund_exceeds_paid",
    "insufficient_balance",
    "card_closed",
    "balance_limit_exceeded",
    "spend_not_found",
    "refund_exceeds_spend",
    "insufficient_points",
    "events_out_of_order",
    "conflicting_duplicate",
    "command_not_allowed",
    "outside_validity",
    "no_uses_left",
    "reversal_window_passed",
    "already_settled",
    "already_reversed",
    "refund_not_allowed",
    "unknown_voucher",
    "unknown_redemption",
    "no_store_available",
];

/// Broad families of errors, used by the bindings to pick an exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// Currency look-up and currency mismatches.
    Currency,
    /// Amounts: parsing, decimals, range, rounding steps.
    Money,
    /// Allocation: weights and caps.
    Allocation,
    /// Wire decoding and dispatch, and inconsistent carts, promotions or contexts.
    Input,
    /// Promotions and held coupons.
    Promotion,
    /// Group-buy campaigns: rejected joins, payments and other events.
    GroupBuy,
    /// Revenue splits: plans, orders, refunds, attribution, bindings and pools.
    Split,
    /// Store assignment: stores, service areas, hours, stock, fee tiers, locations.
    Store,
    /// Membership: stored-value cards and points.
    Membership,
    /// Order intake and price parity: source payloads, reconciliation, duplicates.
    Intake,
    /// Voucher codes: keys, code specs, scopes, malformed codes.
    Voucher,
    /// The four O2O flows: journeys given to flow classification.
    Flow,
    /// Order lifecycles: rejected commands of an order's state machine and unusable deals.
    Lifecycle,
}

impl ErrorCategory {
    /// The category's stable name (`currency`, `money`, `allocation`, `promotion`,
    /// `groupbuy`, `split`, `store`, `membership`, `intake`, `voucher`, `flow`, `lifecycle`, `input`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCategory::Currency => "currency",
            ErrorCategory::Money => "money",
            ErrorCategory::Allocation => "allocation",
            ErrorCategory::Input => "input",
            ErrorCategory::Promotion => "promotion",
            ErrorCategory::GroupBuy => "groupbuy",
            ErrorCategory::Split => "split",
            ErrorCategory::Store => "store",
            ErrorCategory::Membership => "membership",
            ErrorCategory::Intake => "intake",
            ErrorCategory::Voucher => "voucher",
            ErrorCategory::Flow => "flow",
            ErrorCategory::Lifecycle => "lifecycle",
        }
    }

    fn of_code(code: &str) -> ErrorCategory {
        match code {
            "unknown_currency" | "currency_mismatch" => ErrorCategory::Currency,
            "amount_out_of_range"
            | "invalid_decimal"
            | "too_many_decimals"
            | "number_for_money"
            | "unknown_rounding"
            | "invalid_step"
            | "not_on_step" => ErrorCategory::Money,
            "empty_weights" | "zero_weights" | "negative_weight" | "negative_cap"
            | "caps_insufficient" => ErrorCategory::Allocation,
            "unknown_time_zone"
            | "coupon_exhausted"
            | "coupon_not_usable"
            | "redemption_conflict"
            | "redemption_not_found"
            | "rollback_exceeds_redemption" => ErrorCategory::Promotion,
            "campaign_ended"
            | "campaign_not_started"
            | "deadline_passed"
            | "team_expired"
            | "team_ended"
            | "team_full"
            | "campaign_full"
            | "customer_limit_reached"
            | "already_member"
            | "unknown_team"
            | "unknown_participation"
            | "participation_not_pending"
            | "participation_not_active"
            | "payment_mismatch"
            | "idempotency_conflict"
            | "time_out_of_order"
            | "event_not_allowed"
            | "simulation_too_large" => ErrorCategory::GroupBuy,
            "invalid_plan"
            | "invalid_order"
            | "missing_party"
            | "split_exceeds_total"
            | "refund_exceeds_paid"
            | "invalid_attribution"
            | "too_many_channels"
            | "invalid_binding"
            | "invalid_pool" => ErrorCategory::Split,
            "invalid_store" | "invalid_location" => ErrorCategory::Store,
            "insufficient_balance"
            | "card_closed"
            | "balance_limit_exceeded"
            | "spend_not_found"
            | "refund_exceeds_spend"
            | "insufficient_points"
            | "events_out_of_order"
            | "invalid_membership" => ErrorCategory::Membership,
            "invalid_source_order"
            | "amounts_do_not_reconcile"
            | "conflicting_duplicate"
            | "invalid_parity_check" => ErrorCategory::Intake,
            "invalid_voucher_key"
            | "invalid_voucher_spec"
            | "invalid_voucher_scope"
            | "invalid_voucher_code" => ErrorCategory::Voucher,
            "invalid_journey" => ErrorCategory::Flow,
            "command_not_allowed"
            | "store_not_allowed"
            | "outside_validity"
            | "no_uses_left"
            | "reversal_window_passed"
            | "already_settled"
            | "already_reversed"
            | "refund_not_allowed"
            | "unknown_voucher"
            | "unknown_redemption"
            | "amount_mismatch"
            | "invalid_deal"
            | "invalid_store_order_policy"
            | "unknown_channel"
            | "no_store_available" => ErrorCategory::Lifecycle,
            _ => ErrorCategory::Input,
        }
    }
}

impl fmt::Display for ErrorCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownCurrency { .. } => "unknown_currency",
            Error::CurrencyMismatch { .. } => "currency_mismatch",
            Error::AmountOutOfRange { .. } => "amount_out_of_range",
            Error::InvalidDecimal { .. } => "invalid_decimal",
            Error::TooManyDecimals { .. } => "too_many_decimals",
            Error::NumberForMoney { .. } => "number_for_money",
            Error::UnknownRounding { .. } => "unknown_rounding",
            Error::InvalidStep { .. } => "invalid_step",
            Error::NotOnStep { .. } => "not_on_step",
            Error::EmptyWeights => "empty_weights",
            Error::ZeroWeights { .. } => "zero_weights",
            Error::NegativeWeight { .. } => "negative_weight",
            Error::LengthMismatch { .. } => "length_mismatch",
            Error::NegativeCap { .. } => "negative_cap",
            Error::CapsInsufficient { .. } => "caps_insufficient",
            Error::InvalidInput { .. } => "invalid_input",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::InvalidQuantity { .. } => "invalid_quantity",
            Error::TooManyUnits { .. } => "too_many_units",
            Error::UnknownTimeZone { .. } => "unknown_time_zone",
            Error::CouponExhausted { .. } => "coupon_exhausted",
            Error::CouponNotUsable { .. } => "coupon_not_usable",
            Error::RedemptionConflict { .. } => "redemption_conflict",
            Error::RedemptionNotFound { .. } => "redemption_not_found",
            Error::RollbackExceedsRedemption { .. } => "rollback_exceeds_redemption",
            Error::CampaignEnded { .. } => "campaign_ended",
            Error::CampaignNotStarted { .. } => "campaign_not_started",
            Error::DeadlinePassed { .. } => "deadline_passed",
            Error::TeamExpired { .. } => "team_expired",
            Error::TeamEnded { .. } => "team_ended",
            Error::TeamFull { .. } => "team_full",
            Error::CampaignFull { .. } => "campaign_full",
            Error::CustomerLimitReached { .. } => "customer_limit_reached",
            Error::AlreadyMember { .. } => "already_member",
            Error::UnknownTeam { .. } => "unknown_team",
            Error::UnknownParticipation { .. } => "unknown_participation",
            Error::ParticipationNotPending { .. } => "participation_not_pending",
            Error::ParticipationNotActive { .. } => "participation_not_active",
            Error::PaymentMismatch { .. } => "payment_mismatch",
            Error::IdempotencyConflict { .. } => "idempotency_conflict",
            Error::TimeOutOfOrder { .. } => "time_out_of_order",
            Error::EventNotAllowed { .. } => "event_not_allowed",
            Error::SimulationTooLarge { .. } => "simulation_too_large",
            Error::AtEvent { error, .. } => error.code(),
            Error::InvalidPlan { .. } => "invalid_plan",
            Error::InvalidOrder { .. } => "invalid_order",
            Error::MissingParty { .. } => "missing_party",
            Error::SplitExceedsTotal { .. } => "split_exceeds_total",
            Error::RefundExceedsPaid { .. } => "refund_exceeds_paid",
            Error::InvalidAttribution { .. } => "invalid_attribution",
            Error::TooManyChannels { .. } => "too_many_channels",
            Error::InvalidBinding { .. } => "invalid_binding",
            Error::InvalidPool { .. } => "invalid_pool",
            Error::InvalidStore { .. } => "invalid_store",
            Error::InvalidLocation { .. } => "invalid_location",
            Error::InsufficientBalance { .. } => "insufficient_balance",
            Error::CardClosed { .. } => "card_closed",
            Error::BalanceLimitExceeded { .. } => "balance_limit_exceeded",
            Error::SpendNotFound { .. } => "spend_not_found",
            Error::RefundExceedsSpend { .. } => "refund_exceeds_spend",
            Error::InsufficientPoints { .. } => "insufficient_points",
            Error::EventsOutOfOrder { .. } => "events_out_of_order",
            Error::InvalidMembership { .. } => "invalid_membership",
            Error::InvalidSourceOrder { .. } => "invalid_source_order",
            Error::AmountsDoNotReconcile { .. } => "amounts_do_not_reconcile",
            Error::ConflictingDuplicate { .. } => "conflicting_duplicate",
            Error::InvalidParityCheck { .. } => "invalid_parity_check",
            Error::InvalidVoucherKey { .. } => "invalid_voucher_key",
            Error::InvalidVoucherSpec { .. } => "invalid_voucher_spec",
            Error::InvalidVoucherScope { .. } => "invalid_voucher_scope",
            Error::InvalidVoucherCode { .. } => "invalid_voucher_code",
            Error::InvalidJourney { .. } => "invalid_journey",
            Error::CommandNotAllowed { .. } => "command_not_allowed",
            Error::StoreNotAllowed { .. } => "store_not_allowed",
            Error::OutsideValidity { .. } => "outside_validity",
            Error::NoUsesLeft { .. } => "no_uses_left",
            Error::ReversalWindowPassed { .. } => "reversal_window_passed",
            Error::AlreadySettled { .. } => "already_settled",
            Error::AlreadyReversed { .. } => "already_reversed",
            Error::RefundNotAllowed { .. } => "refund_not_allowed",
            Error::UnknownVoucher { .. } => "unknown_voucher",
            Error::UnknownRedemption { .. } => "unknown_redemption",
            Error::AmountMismatch { .. } => "amount_mismatch",
            Error::InvalidDeal { .. } => "invalid_deal",
            Error::InvalidStoreOrderPolicy { .. } => "invalid_store_order_policy",
            Error::UnknownChannel { .. } => "unknown_channel",
            Error::NoStoreAvailable { .. } => "no_store_available",
            Error::Decode { code, .. } => code,
            Error::UnknownFunction { .. } => "unknown_function",
            Error::NotInBuild { .. } => "not_in_build",
        }
    }

    /// The broad family of this error (used by the bindings to choose an exception class).
    pub fn category(&self) -> ErrorCategory {
        ErrorCategory::of_code(self.code())
    }

    /// Whether the error is a *conflict*: the input is well formed, but the state it was
    /// applied to refuses it — an order's status, the uses or the balance left, earlier
    /// commands and their keys, the time (out of order, outside a validity or reversal
    /// window), a team or campaign already full or ended, something the state does not hold
    /// (yet). The same input against the same state always fails the same way; another
    /// state or time may accept it. Every other error is bad input: the request is wrong
    /// whatever the state (malformed, inconsistent with itself or with the fixed terms of
    /// a deal, plan or policy).
    ///
    /// A service keeps the two apart for its callers, e.g. HTTP 409 for a conflict and 400
    /// for bad input. An error of a replayed log ([`Error::AtEvent`]) is a conflict when the
    /// rejected event's error is one.
    ///
    /// ```
    /// use o2okit::Error;
    /// let used = Error::NoUsesLeft { voucher: "o-1/v1".into(), left: 0, requested: 1 };
    /// assert!(used.is_conflict());
    /// let wrong = Error::AmountMismatch {
    ///     order: "o-1".into(), expected: "100.00 CNY".into(), found: "99.00 CNY".into() };
    /// assert!(!wrong.is_conflict());
    /// ```
    pub fn is_conflict(&self) -> bool {
        CONFLICT_CODES.contains(&self.code())
    }

    /// A JSON object with the error's `code`, `category` and `message`: the shape the CLI
    /// prints and the bindings attach as `details`. An error of a replayed event log
    /// ([`Error::AtEvent`]) also carries `event_index`.
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut value = serde_json::json!({
            "code": self.code(),
            "category": self.category().as_str(),
            "message": self.to_string(),
        });
        if let (Some(index), Some(map)) = (self.event_index(), value.as_object_mut()) {
            map.insert("event_index".into(), index.into());
        }
        value
    }

    /// For an error of a replayed event log, the zero-based position of the rejected event.
    pub fn event_index(&self) -> Option<usize> {
        match self {
            Error::AtEvent { index, .. } => Some(*index),
            _ => None,
        }
    }

    pub(crate) fn out_of_range(detail: impl Into<String>) -> Error {
        Error::AmountOutOfRange {
            detail: detail.into(),
        }
    }

    /// Encode this error for transport through serde's string-only custom errors. The
    /// prefix is decoded again by [`Error::from_serde_message`].
    pub(crate) fn to_serde_message(&self) -> String {
        format!("[{}] {}", self.code(), self)
    }

    /// Turn a serde error message back into a typed [`Error::Decode`], recovering the code
    /// that [`Error::to_serde_message`] embedded (or `invalid_json`).
    pub(crate) fn from_serde_message(message: String) -> Error {
        let code = message
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .and_then(|(code, _)| ERROR_CODES.iter().copied().find(|known| *known == code));
        match code {
            Some(code) => {
                let prefix_len = code.len().saturating_add(3);
                let message = message.get(prefix_len..).unwrap_or(&message).to_string();
                Error::Decode { code, message }
            }
            None => Error::Decode {
                code: "invalid_json",
                message: format!("invalid input: {message}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_message_round_trip_keeps_code() {
        let err = Error::UnknownCurrency { code: "XYZ".into() };
        let back = Error::from_serde_message(err.to_serde_message());
        assert_eq!(back.code(), "unknown_currency");
        assert_eq!(back.to_string(), err.to_string());
    }

    #[test]
    fn unknown_prefix_is_invalid_json() {
        let back = Error::from_serde_message("[nope] bad".into());
        assert_eq!(back.code(), "invalid_json");
    }

    #[test]
    fn every_code_has_a_deliberate_category() {
        for code in ERROR_CODES {
            let category = ErrorCategory::of_code(code);
            let input = matches!(
                *code,
                "invalid_json"
                    | "unknown_function"
                    | "not_in_build"
                    | "length_mismatch"
                    | "invalid_input"
                    | "duplicate_id"
                    | "invalid_quantity"
                    | "too_many_units"
            );
            assert_eq!(
                category == ErrorCategory::Input,
                input,
                "{code} is {category}"
            );
        }
        assert_eq!(Error::EmptyWeights.category(), ErrorCategory::Allocation);
    }

    #[test]
    fn conflicts_are_deliberate_known_codes() {
        for code in CONFLICT_CODES {
            assert!(ERROR_CODES.contains(code), "{code} is not an error code");
        }
        // Bad input whatever the state: decoding, money, the fixed terms of a deal or plan.
        for code in [
            "invalid_json",
            "number_for_money",
            "invalid_input",
            "currency_mismatch",
            "amount_mismatch",
            "store_not_allowed",
            "unknown_channel",
            "invalid_deal",
            "invalid_store_order_policy",
            "payment_mismatch",
            "invalid_plan",
            "invalid_voucher_code",
        ] {
            assert!(!CONFLICT_CODES.contains(&code), "{code}");
        }
        let inner = Error::TimeOutOfOrder {
            now: "2026-03-01T09:00:00+08:00".into(),
            as_of: "2026-03-01T10:00:00+08:00".into(),
        };
        assert!(inner.is_conflict());
        let at_event = Error::AtEvent {
            index: 2,
            error: Box::new(inner),
        };
        assert!(at_event.is_conflict());
        assert!(!Error::EmptyWeights.is_conflict());
        assert!(!Error::from_serde_message("not json".into()).is_conflict());
    }

    #[test]
    fn groupbuy_codes_have_their_own_category() {
        let err = Error::TeamFull {
            team: "t1".into(),
            size: 3,
        };
        assert_eq!(err.category(), ErrorCategory::GroupBuy);
        assert_eq!(err.category().as_str(), "groupbuy");
        for code in ERROR_CODES {
            let groupbuy = ErrorCategory::of_code(code) == ErrorCategory::GroupBuy;
            let listed = ERROR_CODES
                .iter()
                .position(|c| c == code)
                .is_some_and(|i| (25..43).contains(&i));
            assert_eq!(groupbuy, listed, "{code}");
        }
    }

    #[test]
    fn an_event_error_keeps_the_inner_code_and_names_the_index() {
        let inner = Error::UnknownTeam { team: "t9".into() };
        let err = Error::AtEvent {
            index: 3,
            error: Box::new(inner.clone()),
        };
        assert_eq!(err.code(), "unknown_team");
        assert_eq!(err.category(), ErrorCategory::GroupBuy);
        assert_eq!(err.event_index(), Some(3));
        assert!(err
            .to_string()
            .starts_with("event #3 of the log was rejected: no team"));
        assert_eq!(err.to_json_value()["event_index"], 3);
        assert!(inner.to_json_value().get("event_index").is_none());
    }

    #[test]
    fn split_codes_are_in_the_split_category() {
        let err = Error::SplitExceedsTotal {
            rule: "platform".into(),
            requested: "9.00 CNY".into(),
            available: "8.00 CNY".into(),
        };
        assert_eq!(err.code(), "split_exceeds_total");
        assert_eq!(err.category().as_str(), "split");
        for code in [
            "invalid_plan",
            "invalid_order",
            "missing_party",
            "split_exceeds_total",
            "refund_exceeds_paid",
            "invalid_attribution",
            "too_many_channels",
            "invalid_binding",
            "invalid_pool",
        ] {
            assert!(ERROR_CODES.contains(&code), "{code}");
            assert_eq!(ErrorCategory::of_code(code), ErrorCategory::Split, "{code}");
        }
    }

    #[test]
    fn store_codes_are_in_the_store_category() {
        let err = Error::InvalidStore {
            field: "stores[0].id".into(),
            reason: "duplicate".into(),
        };
        assert_eq!(err.category().as_str(), "store");
        for code in ["invalid_store", "invalid_location"] {
            assert!(ERROR_CODES.contains(&code), "{code}");
            assert_eq!(ErrorCategory::of_code(code), ErrorCategory::Store, "{code}");
        }
    }

    #[test]
    fn membership_codes_are_in_the_membership_category() {
        let err = Error::InsufficientPoints {
            requested: 10,
            available: 3,
        };
        assert_eq!(err.code(), "insufficient_points");
        assert_eq!(err.category().as_str(), "membership");
        for code in [
            "insufficient_balance",
            "card_closed",
            "balance_limit_exceeded",
            "spend_not_found",
            "refund_exceeds_spend",
            "insufficient_points",
            "events_out_of_order",
            "invalid_membership",
        ] {
            assert!(ERROR_CODES.contains(&code), "{code}");
            assert_eq!(
                ErrorCategory::of_code(code),
                ErrorCategory::Membership,
                "{code}"
            );
        }
    }

    #[test]
    fn intake_codes_are_in_the_intake_category() {
        let err = Error::AmountsDoNotReconcile {
            subtotal: "100.00 CNY".into(),
            discounts: "15.00 CNY".into(),
            delivery_fee: "4.00 CNY".into(),
            paid: "90.00 CNY".into(),
        };
        assert_eq!(err.code(), "amounts_do_not_reconcile");
        assert_eq!(err.category().as_str(), "intake");
        for code in [
            "invalid_source_order",
            "amounts_do_not_reconcile",
            "conflicting_duplicate",
            "invalid_parity_check",
        ] {
            assert!(ERROR_CODES.contains(&code), "{code}");
            assert_eq!(
                ErrorCategory::of_code(code),
                ErrorCategory::Intake,
                "{code}"
            );
        }
    }

    #[test]
    fn voucher_codes_are_in_the_voucher_category() {
        let err = Error::InvalidVoucherCode {
            reason: "20 digits, expected 21".into(),
        };
        assert_eq!(err.code(), "invalid_voucher_code");
        assert_eq!(err.category(), ErrorCategory::Voucher);
        assert_eq!(err.category().as_str(), "voucher");
        for code in [
            "invalid_voucher_key",
            "invalid_voucher_spec",
            "invalid_voucher_scope",
            "invalid_voucher_code",
        ] {
            assert!(ERROR_CODES.contains(&code), "{code}");
            assert_eq!(
                ErrorCategory::of_code(code),
                ErrorCategory::Voucher,
                "{code}"
            );
        }
    }

    #[test]
    fn flow_codes_are_in_the_flow_category() {
        let err = Error::InvalidJourney {
            field: "touchpoints[0].party.party_id".into(),
            reason: "must not be empty".into(),
        };
        assert_eq!(err.code(), "invalid_journey");
        assert_eq!(err.category(), ErrorCategory::Flow);
        assert_eq!(err.category().as_str(), "flow");
        assert!(err.to_string().contains("touchpoints[0].party.party_id"));
        assert!(ERROR_CODES.contains(&"invalid_journey"));
        assert_eq!(
            ErrorCategory::of_code("invalid_journey"),
            ErrorCategory::Flow
        );
    }

    #[test]
    fn lifecycle_codes_are_in_the_lifecycle_category() {
        let err = Error::StoreNotAllowed {
            store: "S9".into(),
            deal: "hotpot".into(),
            allowed: "S1, S2".into(),
        };
        assert_eq!(err.code(), "store_not_allowed");
        assert_eq!(err.category(), ErrorCategory::Lifecycle);
        assert_eq!(err.category().as_str(), "lifecycle");
        assert!(err.to_string().contains("S9"));
        for code in [
            "command_not_allowed",
            "store_not_allowed",
            "outside_validity",
            "no_uses_left",
            "reversal_window_passed",
            "already_settled",
            "already_reversed",
            "refund_not_allowed",
            "unknown_voucher",
            "unknown_redemption",
            "amount_mismatch",
            "invalid_deal",
            "invalid_store_order_policy",
            "unknown_channel",
            "no_store_available",
        ] {
            assert!(ERROR_CODES.contains(&code), "{code}");
            assert_eq!(
                ErrorCategory::of_code(code),
                ErrorCategory::Lifecycle,
                "{code}"
            );
        }
    }
}
