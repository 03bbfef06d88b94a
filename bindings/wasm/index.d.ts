// Type declarations of the npm package `o2okit` (hand-written; they mirror the core's wire
// format, see testdata/vectors/README.md in the repository).

/**
 * An exact decimal written as a string: `"12.30"`, `"-5"`, `"1E-7"`. No spaces, no
 * thousands separators. Money amounts must be strings; a JS `number` is rejected with the
 * code `number_for_money`.
 */
export type Decimal = string;

/** An ISO 4217 currency code such as `"CNY"`, `"JPY"` or `"KWD"` (case-insensitive on input). */
export type CurrencyCode = string;

/**
 * An exact amount of money. Outputs always carry exactly the currency's minor units
 * (`"12.30"` for CNY, `"1500"` for JPY, `"10.000"` for KWD).
 */
export interface Money {
  amount: Decimal;
  currency: CurrencyCode;
}

/** A rounding mode; `half_even` (banker's rounding) is the default everywhere. */
export type Rounding = 'half_even' | 'half_up' | 'half_down' | 'up' | 'down' | 'ceiling' | 'floor';

/** Every stable error code. Codes are never renamed or reused once released. */
export type ErrorCode =
  | 'unknown_currency'
  | 'currency_mismatch'
  | 'amount_out_of_range'
  | 'invalid_decimal'
  | 'too_many_decimals'
  | 'number_for_money'
  | 'unknown_rounding'
  | 'invalid_step'
  | 'not_on_step'
  | 'empty_weights'
  | 'zero_weights'
  | 'negative_weight'
  | 'length_mismatch'
  | 'negative_cap'
  | 'caps_insufficient'
  | 'invalid_input'
  | 'duplicate_id'
  | 'invalid_quantity'
  | 'too_many_units'
  | 'unknown_time_zone'
  | 'coupon_exhausted'
  | 'coupon_not_usable'
  | 'redemption_conflict'
  | 'redemption_not_found'
  | 'rollback_exceeds_redemption'
  | 'invalid_json'
  | 'unknown_function';

/**
 * The broad family of an error: `currency` (look-up, mismatch), `money` (amounts, decimals,
 * rounding, steps), `allocation` (weights, caps), `promotion` (time zones, held coupons) and
 * `input` (wire decoding, unknown functions, inconsistent carts, promotions or contexts).
 */
export type ErrorCategory = 'currency' | 'money' | 'allocation' | 'input' | 'promotion';

/** The wire names of the functions `call` knows. */
export type FunctionName =
  | 'allocate'
  | 'currency'
  | 'money.parse'
  | 'money.add'
  | 'money.sub'
  | 'money.multiply'
  | 'money.round_to_step'
  | 'quote'
  | 'coupon.validate'
  | 'coupon.redeem'
  | 'coupon.rollback';

/** What to split, and how: the input of `allocate`. */
export interface AllocationRequest {
  /** The amount to split (may be negative: it then splits symmetrically). */
  total: Money;
  /**
   * One non-negative weight per party, as decimal strings. Whole JS numbers are accepted
   * too; a non-integer number is rejected (`invalid_decimal`): write `"0.5"`, not `0.5`.
   */
  weights: (Decimal | number)[];
  /** Optional maximum per party (`null` for no cap); same length as `weights`. */
  caps?: (Money | null)[];
  /** Optional cash step such as `"0.05"`: split in whole steps instead of minor units. */
  step?: Decimal;
}

/** One party's part of an allocation, with its explanation. */
export interface AllocationPart {
  /** The amount allocated to this party. */
  amount: Money;
  /** The weight it was given, as a decimal string. */
  weight: Decimal;
  /**
   * Its exact proportional share, signed like the total (20 decimals, truncated). For a
   * capped party, its cap.
   */
  exact_share: Decimal;
  /** The fractional part of its share, as a fraction of one unit (0 ≤ r < 1). */
  remainder: Decimal;
  /** Whether it received one of the leftover units. */
  extra_unit: boolean;
  /** Whether its cap limited it. */
  capped: boolean;
}

/** The result of `allocate`: the parts, in the order of the weights; they add up to `total`. */
export interface Allocation {
  /** The amount that was split. */
  total: Money;
  /** The unit the split was made in: the currency's minor unit or the cash step. */
  unit: Money;
  /** How many leftover units were handed out by largest remainder. */
  leftover_units: number;
  /** One part per weight, in the same order. */
  parts: AllocationPart[];
}

/** What `currency(code)` returns. */
export interface CurrencyDescription {
  /** The ISO 4217 code, upper case. */
  code: CurrencyCode;
  /** Decimals of the minor unit (JPY 0, CNY 2, KWD 3). */
  minor_units: number;
  /** The ISO 4217 English name. */
  name: string;
}

// ---------------------------------------------------------------------------------------
// Promotions: `quote(request)`. The shapes mirror the core's serde types (crates/o2okit/src/
// promo/) and its JSON Schema (schema/o2okit.schema.json); test/schema.test.mjs checks the
// property names, optionality and string unions below against that schema. Unknown fields
// are rejected everywhere (`invalid_json`).
// ---------------------------------------------------------------------------------------

/**
 * An instant as an RFC 3339 string with an offset: `"2026-11-22T10:00:00+08:00"` or
 * `"2026-11-22T02:00:00Z"`. A JS `Date` is not accepted (`invalid_json`): pass
 * `date.toISOString()` (UTC) or a string with the store's offset.
 */
export type Rfc3339 = string;

/** What is being bought: the input cart of `quote`. All money in one currency. */
export interface Cart {
  /** The lines, in the order the customer sees them (at least one). */
  lines: CartLine[];
  /** The delivery fee before any delivery discount (none for pickup, in-store, dine-in). */
  delivery_fee?: Money | null;
}

/**
 * One line of a cart. A whole-number quantity is that many separate units (each can
 * qualify for or receive a unit-based offer such as 第二件半价); a fractional quantity is a
 * weighed good (1.25 kg), priced as one unit of `unit_price × quantity` (half-even).
 */
export interface CartLine {
  /** Unique within the cart (`duplicate_id` otherwise). */
  id: string;
  /** The product (SKU) id that promotions target. */
  product_id: string;
  /** Category ids that promotions can target. */
  categories?: string[];
  /** Price of one unit (or of one unit of weight); zero or more. */
  unit_price: Money;
  /**
   * A positive integer, or a positive decimal for weighed goods: `"3"`, `"1.25"`, or a whole
   * JS number (`3`); a non-integer number is rejected (`invalid_decimal`).
   */
  quantity: Decimal | number;
  /** `false` excludes the line from every promotion (tobacco, gift cards, deposits). Default `true`. */
  promotable?: boolean;
}

/** How a promotion is triggered: `automatic` offers apply whenever eligible; a `coupon` is held by the customer and selected. */
export type Trigger = 'automatic' | 'coupon';

/** Prices after earlier discounts (`discounted`, the default) or the list prices (`original`). */
export type Base = 'discounted' | 'original';

/** The pipeline level of a discount: item, then order, then delivery. */
export type Level = 'item' | 'order' | 'delivery';

/** Which units a buy-x-get-y offer rewards first. */
export type RewardOrder = 'cheapest_first' | 'most_expensive_first';

/** A fixed price per targeted unit (`item`) or per bundle of `bundle_size` units. */
export type FixedPricePer = 'item' | 'bundle';

/** A promotion: an automatic offer or a coupon the customer holds. */
export interface Promotion {
  /** Unique among the promotions of a quote (`duplicate_id` otherwise). */
  id: string;
  /** A label for receipts. */
  name?: string | null;
  /** Default `automatic`. */
  trigger?: Trigger;
  /** What the promotion gives. */
  discount: Discount;
  /** Who pays for every discounted cent. */
  funded_by: FundedBy;
  /** The most this promotion may take off one order. */
  max_discount?: Money | null;
  /** When, where and to whom it applies (default: always, everywhere, everyone). */
  conditions?: Conditions;
  /** How it combines with other promotions. */
  stacking?: Stacking;
  /** Computed on prices after earlier discounts (default) or on the list prices. */
  base?: Base;
  /** Spend thresholds checked on the discounted (default) or the original subtotal. */
  threshold_on?: Base;
}

/** Percent off each targeted line (item level, 折扣). */
export interface PercentOffItemsDiscount {
  type: 'percent_off_items';
  /** 0–100: `"20"` is 20% off (8折). */
  percent: Decimal | number;
}

/** An amount off each targeted unit, never below zero (item level, 立减 per item). */
export interface AmountOffItemsDiscount {
  type: 'amount_off_items';
  amount: Money;
}

/** Each targeted unit costs `price` (item level). */
export interface FixedPriceItemDiscount {
  type: 'fixed_price';
  price: Money;
  per?: 'item';
  bundle_size?: number | null;
}

/** Every `bundle_size` targeted units cost `price` together, most expensive units first (item level). */
export interface FixedPriceBundleDiscount {
  type: 'fixed_price';
  price: Money;
  per: 'bundle';
  /** Units in a bundle, at least 1. */
  bundle_size: number;
}

/** Every n-th targeted unit at `percent` off (第二件半价: `n: 2, percent: "50"`; item level). */
export interface NthItemDiscount {
  type: 'nth_item';
  /** At least 1. */
  n: number;
  /** 0–100 (100 = free). */
  percent: Decimal | number;
}

/** Buy `buy` targeted units, get `get` units at `percent` off (item level). */
export interface BuyXGetYDiscount {
  type: 'buy_x_get_y';
  /** At least 1. */
  buy: number;
  /** At least 1. */
  get: number;
  /** 0–100 (100 = free). */
  percent: Decimal | number;
  /** Default `cheapest_first`. */
  reward?: RewardOrder;
  /** The most times the offer repeats in one order (default: as often as possible). */
  max_applications?: number | null;
}

/** Member prices by product (item level; usually with a `member_tiers` condition). */
export interface MemberPriceDiscount {
  type: 'member_price';
  prices: MemberPriceEntry[];
}

/** Percent off the targeted lines' subtotal (order level). */
export interface PercentOffOrderDiscount {
  type: 'percent_off_order';
  /** 0–100. */
  percent: Decimal | number;
}

/** An amount off the order (立减; order level). */
export interface AmountOffOrderDiscount {
  type: 'amount_off_order';
  amount: Money;
}

/** A coupon with no threshold (无门槛券): an amount off the order (order level). */
export interface NoThresholdDiscount {
  type: 'no_threshold';
  amount: Money;
}

/** Spend thresholds (满减): the highest tier reached applies (order level). */
export interface ThresholdDiscount {
  type: 'threshold';
  /** At least one tier, in any order. */
  tiers: ThresholdTier[];
}

/** Every full `step` spent takes `off` off (每满100减10), up to `cap` (order level). */
export interface RepeatingDiscount {
  type: 'repeating';
  /** Positive. */
  step: Money;
  off: Money;
  cap?: Money | null;
}

/** A percent off the delivery fee (100 = free delivery). */
export interface DeliveryPercentDiscount {
  type: 'delivery';
  /** 0–100. */
  percent: Decimal | number;
  amount?: null;
}

/** An amount off the delivery fee. */
export interface DeliveryAmountDiscount {
  type: 'delivery';
  amount: Money;
  percent?: null;
}

/** A free gift added to the order; its value is reported, it does not change the total (order level). */
export interface GiftDiscount {
  type: 'gift';
  /** The gift's product id. */
  product_id: string;
  /** How many (default 1). */
  quantity?: number;
  /** What the funder pays for it. */
  value: Money;
}

/** What a promotion gives, discriminated by `type`. */
export type Discount =
  | PercentOffItemsDiscount
  | AmountOffItemsDiscount
  | FixedPriceItemDiscount
  | FixedPriceBundleDiscount
  | NthItemDiscount
  | BuyXGetYDiscount
  | MemberPriceDiscount
  | PercentOffOrderDiscount
  | AmountOffOrderDiscount
  | NoThresholdDiscount
  | ThresholdDiscount
  | RepeatingDiscount
  | DeliveryPercentDiscount
  | DeliveryAmountDiscount
  | GiftDiscount;

/** Every discount kind (the `type` of a `Discount`, the `kind` of an `AppliedDiscount`). */
export type DiscountType = Discount['type'];

/** A member price for one product. */
export interface MemberPriceEntry {
  product_id: string;
  /** The member's price per unit. */
  price: Money;
}

/** One tier of a 满减: spend at least `min_spend`, get `off` off. */
export interface ThresholdTier {
  min_spend: Money;
  off: Money;
}

/** Who pays for a discount (the revenue split charges each discounted cent to its payer). */
export interface FundedBy {
  /** `platform`, `merchant`, `brand`, `supplier`, `influencer`, … (any role name). */
  role: string;
  /** The paying party, when the role alone does not name it. */
  party_id?: string | null;
}

/** When, where and to whom a promotion applies. */
export interface Conditions {
  /** Minimum subtotal of the targeted lines (on the `threshold_on` base). */
  min_subtotal?: Money | null;
  /** Minimum quantity of targeted units. */
  min_quantity?: Decimal | number | null;
  /** Which lines the promotion looks at (default: every promotable line). */
  target?: Target;
  /** Only for a customer's first order. */
  first_order_only?: boolean;
  /** Only for members of these tiers (empty = anyone). */
  member_tiers?: string[];
  /** Channels allowed or denied. */
  channels?: ChannelRule;
  /** Stores allowed or denied (an allow list needs the context's `store_id`). */
  stores?: StoreRule;
  /** Validity window and local time slots. */
  schedule?: Schedule;
  /** Maximum redemptions by everyone (checked against the context's `usage`). */
  usage_limit?: number | null;
  /** Maximum redemptions per customer. */
  per_customer_limit?: number | null;
}

/** Included products or categories (none listed = every promotable line), minus the exclusions (which win). */
export interface Target {
  products?: string[];
  categories?: string[];
  exclude_products?: string[];
  exclude_categories?: string[];
}

/** How the order reaches the customer. */
export type Channel =
  | 'online_delivery' // 外卖
  | 'online_pickup' // 自提
  | 'in_store' // 到店
  | 'dine_in'; // 堂食

/** Channels a promotion is allowed in (empty = all), or denied in. */
export interface ChannelRule {
  allow?: Channel[];
  deny?: Channel[];
}

/** Stores a promotion is allowed in (empty = all), or denied in. */
export interface StoreRule {
  allow?: string[];
  deny?: string[];
}

/** A promotion's validity: a window of instants, plus local time slots in an IANA time zone. */
export interface Schedule {
  /** Valid from this instant (inclusive). */
  valid_from?: Rfc3339 | null;
  /** Valid until this instant (exclusive). */
  valid_until?: Rfc3339 | null;
  /** IANA time zone of the slots, required when there are slots: `"Asia/Shanghai"` (`unknown_time_zone` otherwise). */
  time_zone?: string | null;
  /** Local time slots (none = any time inside the window). */
  slots?: TimeSlot[];
}

/** A day of the week. */
export type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A local time slot from `start` (inclusive) to `end` (exclusive), `"HH:MM"`, on the days it
 * starts (none = every day). An end not after the start runs overnight (`"22:00"`–`"02:00"`).
 */
export interface TimeSlot {
  days?: Day[];
  start: string;
  end: string;
}

/** How a promotion combines with others. */
export interface Stacking {
  /** Applies alone. */
  exclusive?: boolean;
  /** Order within its pipeline level (lower first; default 0). */
  priority?: number;
  /** At most one promotion of a group applies (the best for the customer). */
  group?: string | null;
  /** No later promotion in the pipeline applies once this one has. */
  stop_after?: boolean;
}

/** What the engine knows about the customer. */
export interface Customer {
  /** Needed for per-customer limits and held coupons. */
  id?: string | null;
  /** The membership tier, if a member. */
  member_tier?: string | null;
  /** Whether this would be the customer's first order. */
  first_order?: boolean;
}

/** How often a promotion has been used so far (the engine stores nothing). */
export interface UsageCount {
  promotion_id: string;
  /** Redemptions by everyone (default 0). */
  total?: number;
  /** Redemptions by this customer (default 0). */
  customer?: number;
}

/**
 * Which held coupons to apply: the combination that saves the customer the most (the
 * default), or exactly the listed ones (by promotion id).
 */
export type CouponSelection = { mode: 'best_for_customer' } | { mode: 'explicit'; coupons: string[] };

/** The time, channel, store, customer and usage a quote is computed for. */
export interface QuoteContext {
  /** The instant of the quote (the engine reads no clock): an RFC 3339 string, not a `Date`. */
  now: Rfc3339;
  channel: Channel;
  /** The store that fulfils the order, if known. */
  store_id?: string | null;
  customer?: Customer;
  /** Usage so far, per promotion (missing = zero). */
  usage?: UsageCount[];
  /** Default `{ mode: 'best_for_customer' }`. */
  coupons?: CouponSelection;
}

/** The input of `quote`. */
export interface QuoteRequest {
  cart: Cart;
  /** Automatic promotions and the customer's coupons (default none). */
  promotions?: Promotion[];
  context: QuoteContext;
}

/**
 * A priced cart. `total = subtotal − discount_total + delivery.charged`, never negative;
 * every applied discount's line shares sum exactly to its amount.
 */
export interface Quote {
  /** The lines at their original prices. */
  subtotal: Money;
  /** Every applied discount, in pipeline order. */
  discounts: AppliedDiscount[];
  /** The sum of the item and order discounts (delivery discounts are in `delivery`). */
  discount_total: Money;
  /** Present when the cart has a delivery fee. */
  delivery?: DeliveryQuote;
  /** What the customer pays. */
  total: Money;
  /** Each line with its discount and net prices, in cart order. */
  lines: QuotedLine[];
  /** Free gifts (absent when none). */
  gifts?: GiftItem[];
  /** Promotions that did not apply, with reasons and hints. */
  rejected: Rejection[];
  /** How the applied combination was chosen. */
  selection: SelectionReport;
}

/** One applied discount. */
export interface AppliedDiscount {
  promotion_id: string;
  kind: DiscountType;
  level: Level;
  /** The amount taken off (for a delivery discount, off the fee). */
  amount: Money;
  funded_by: FundedBy;
  base: Base;
  /** Its spread over the lines; shares sum exactly to `amount` (empty for delivery discounts and gifts). */
  lines: LineShare[];
  /** An upsell, e.g. "add 30.00 more to get 50.00 off". */
  hint?: Hint;
}

/** A discount's share on one line. */
export interface LineShare {
  line_id: string;
  amount: Money;
}

/** The delivery part of a quote. */
export interface DeliveryQuote {
  /** Before discounts. */
  fee: Money;
  discount: Money;
  /** What is charged. */
  charged: Money;
}

/** One line of a quote. */
export interface QuotedLine {
  line_id: string;
  quantity: Decimal;
  /** The line at its original price. */
  original: Money;
  /** Every discount on it. */
  discount: Money;
  /** `original − discount`. */
  net: Money;
  /** Net price per unit, as runs of equal prices in unit order (a weighed line is one unit). */
  units: UnitRun[];
}

/** `count` consecutive units with the same net price. */
export interface UnitRun {
  count: number;
  net: Money;
}

/** A free gift. */
export interface GiftItem {
  promotion_id: string;
  product_id: string;
  quantity: number;
  /** Its value, paid by `funded_by`. */
  value: Money;
  funded_by: FundedBy;
}

/** How the applied combination was chosen. */
export interface SelectionReport {
  mode: CouponSelection['mode'];
  /** Whether it is proven to save the most (false when the bounded search hit its limit). */
  optimal: boolean;
  /** Promotions that passed the static checks and were considered. */
  candidates: number;
  /** Pipeline evaluations spent. */
  evaluations: number;
  /** The customer's saving: discounts, delivery discounts and gift values. */
  saving: Money;
}

/** Why a promotion did not apply (a stable code). */
export type ReasonCode =
  | 'not_started'
  | 'expired'
  | 'not_in_time_slot'
  | 'wrong_channel'
  | 'wrong_store'
  | 'not_first_order'
  | 'member_tier_required'
  | 'usage_limit_reached'
  | 'per_customer_limit_reached'
  | 'not_targetable'
  | 'min_quantity_not_met'
  | 'min_spend_not_met'
  | 'nothing_to_discount'
  | 'stopped_by_prior_discount'
  | 'lost_to_better_combination'
  | 'excluded_by_exclusive'
  | 'not_selected'
  | 'search_bound_reached';

/** Why one promotion did not apply. */
export interface Rejection {
  promotion_id: string;
  reason: ReasonCode;
  /** The reason's parameters (`required`, `actual`, `by`, `valid_from`, …), as strings; absent when none. */
  params?: { [name: string]: string };
  /** What would make it apply, where something would. */
  hint?: Hint;
}

/** The kind of a hint. */
export type HintCode = 'add_amount' | 'add_items' | 'wait_until';

/** What would make a promotion apply, for the customer to see. */
export interface Hint {
  code: HintCode;
  /** For `add_amount`: how much more to spend. */
  amount?: Money;
  /** For `add_items`: how many more units. */
  quantity?: Decimal;
  /** For `wait_until`: when it becomes valid. */
  at?: Rfc3339;
  /** The hint in plain English ("add 40.00 more to unlock"). */
  message: string;
}

// ---------------------------------------------------------------------------------------
// Held coupons: `validateCoupon`, `redeemCoupon`, `rollbackCoupon`. The caller stores the
// record; every function returns a new one (or throws, and nothing has changed).
// ---------------------------------------------------------------------------------------

/**
 * A coupon a customer holds: which promotion it applies (a `Promotion` with
 * `trigger: 'coupon'`), who may use it, how often and until when, and every order that
 * redeemed it. The caller stores it; `redeemCoupon` and `rollbackCoupon` return the next
 * version.
 */
export interface HeldCoupon {
  /** This coupon instance (for example the code the customer holds). */
  coupon_id: string;
  /** The promotion it applies. */
  promotion_id: string;
  /** Its owner; only the owner may redeem it. Absent for a bearer coupon, which anyone may redeem. */
  customer_id?: string | null;
  /** How many redemptions may count at once (default 1). */
  max_uses?: number;
  /** Usable until this instant (exclusive); absent: it never expires. */
  valid_until?: Rfc3339 | null;
  /** Every redemption, oldest first, released ones included (default none). */
  redemptions?: Redemption[];
}

/** A `HeldCoupon` as the core returns it: `max_uses` and `redemptions` are always present. */
export type HeldCouponRecord = HeldCoupon & { max_uses: number; redemptions: Redemption[] };

/**
 * One order's use of a held coupon. It counts as a use until it is released: by a full
 * rollback, or when partial rollbacks have returned the whole `amount`.
 */
export interface Redemption {
  order_id: string;
  /** The discount the coupon gave on that order (zero for a gift coupon). */
  amount: Money;
  /** The discount returned so far (never above `amount`). */
  rolled_back: Money;
  /** When it was redeemed. */
  at: Rfc3339;
  /** `true` once the use is given back; absent when `false`. */
  released?: boolean;
}

/** The input of `redeemCoupon`. */
export interface RedeemCouponInput {
  /** The coupon as stored. */
  coupon: HeldCoupon;
  /** The order that uses it: redeeming is idempotent per order id. */
  order_id: string;
  /** The discount it gave (the `amount` of its `AppliedDiscount`; zero for a gift), zero or more. */
  amount: Money;
  /** The customer redeeming it (required for a coupon with an owner). */
  customer_id?: string | null;
  /** The time of the redemption: an RFC 3339 string, not a `Date`. */
  now: Rfc3339;
}

/** The input of `rollbackCoupon`. */
export interface RollbackCouponInput {
  /** The coupon as stored. */
  coupon: HeldCoupon;
  /** The order that was returned. */
  order_id: string;
  /**
   * The discount to give back, `0 < amount ≤` what remains (a partial return, not
   * idempotent); absent or `null` for a full rollback (idempotent), which releases the use.
   */
  amount?: Money | null;
}

/** The input of `validateCoupon`: the coupon and the order it would be used on. */
export interface ValidateCouponInput {
  coupon: HeldCoupon;
  cart: Cart;
  /** Must include the coupon's promotion (`invalid_input` otherwise), and the automatic offers. */
  promotions?: Promotion[];
  /** The customer (`customer.id`) and the time (`now`) decide whether the coupon is usable. */
  context: QuoteContext;
}

/** Whether a held coupon can be used on an order, and for how much. */
export interface CouponValidation {
  coupon_id: string;
  promotion_id: string;
  /** Whether it would apply. */
  valid: boolean;
  /** The discount it would give, beside the automatic offers (when `valid`). */
  discount?: Money;
  /** Why its promotion would not apply to this cart, with a hint. */
  rejection?: Rejection;
  /** Why the coupon itself cannot be used (expired, another owner, no uses left). */
  problem?: CouponProblem;
}

/** A problem with the held coupon itself. */
export interface CouponProblem {
  code: 'coupon_not_usable' | 'coupon_exhausted';
  message: string;
}

/** The `details` object of an `O2OError`: what the CLI prints for an error. */
export interface ErrorDetails {
  code: ErrorCode;
  category: ErrorCategory;
  message: string;
}

/** The error every o2okit function throws (a real `Error`). */
export declare class O2OError extends Error {
  constructor(message: string, code: ErrorCode, category?: ErrorCategory, details?: ErrorDetails);
  readonly name: 'O2OError';
  /** The stable machine-readable code. */
  readonly code: ErrorCode;
  /** The broad family of the error. */
  readonly category: ErrorCategory;
  /** `{code, category, message}`. */
  readonly details: ErrorDetails;
}

/** The input of each wire function. */
export interface FunctionInputs {
  allocate: AllocationRequest;
  currency: { code: CurrencyCode };
  'money.parse': { amount: Decimal; currency: CurrencyCode; rounding?: Rounding };
  'money.add': { a: Money; b: Money };
  'money.sub': { a: Money; b: Money };
  'money.multiply': { money: Money; factor: Decimal | number; rounding?: Rounding };
  'money.round_to_step': { money: Money; step: Decimal | number; rounding?: Rounding };
  quote: QuoteRequest;
  'coupon.validate': ValidateCouponInput;
  'coupon.redeem': RedeemCouponInput;
  'coupon.rollback': RollbackCouponInput;
}

/** The output of each wire function. */
export interface FunctionOutputs {
  allocate: Allocation;
  currency: CurrencyDescription;
  'money.parse': Money;
  'money.add': Money;
  'money.sub': Money;
  'money.multiply': Money;
  'money.round_to_step': Money;
  quote: Quote;
  'coupon.validate': CouponValidation;
  'coupon.redeem': HeldCouponRecord;
  'coupon.rollback': HeldCouponRecord;
}

/**
 * Split money by weights with the largest remainder method on whole minor units (or cash
 * steps). The parts always add up to the total; equal remainders go to the earlier party.
 */
export function allocate(request: AllocationRequest): Allocation;

/** Look up an ISO 4217 currency (case-insensitive). */
export function currency(code: CurrencyCode): CurrencyDescription;

/**
 * Parse an exact decimal string as money. More decimals than the currency allows is an
 * error (`too_many_decimals`) unless a rounding mode is given.
 */
export function parseMoney(amount: Decimal, currency: CurrencyCode, rounding?: Rounding): Money;

/** `a + b`; both in the same currency (`currency_mismatch` otherwise). */
export function addMoney(a: Money, b: Money): Money;

/** `a - b`; both in the same currency (`currency_mismatch` otherwise). */
export function subtractMoney(a: Money, b: Money): Money;

/** `money × factor`, rounded to the minor unit (default `half_even`). */
export function multiplyMoney(money: Money, factor: Decimal | number, rounding?: Rounding): Money;

/** Round to a whole number of cash steps such as CHF `"0.05"` (default `half_even`). */
export function roundToStep(money: Money, step: Decimal | number, rounding?: Rounding): Money;

/**
 * Price a cart under promotions: item-level discounts, then order-level, then delivery;
 * among the valid combinations of automatic offers and held coupons, the one that saves the
 * customer the most (bounded search, `selection.optimal` says whether it is proven best).
 * Pure: usage counts and the time (`context.now`, an RFC 3339 string) come in with the
 * request; nothing is stored.
 *
 * Errors: `invalid_input` (empty cart, bad percent, …), `duplicate_id`, `invalid_quantity`,
 * `too_many_units` (more than 10,000 units), `currency_mismatch`, `unknown_time_zone`
 * (category `promotion`), and the decoding errors (`number_for_money`, `invalid_json`, …).
 */
export function quote(request: QuoteRequest): Quote;

/**
 * Whether a held coupon can be used on this order and for how much, with no side effect:
 * usable by `context.customer.id` at `context.now` (else `problem`), and would its promotion
 * apply, quoted with only this coupon selected beside the automatic offers (else
 * `rejection`, with a hint). Throws `invalid_input` when the coupon's promotion is not among
 * `promotions`, and any error of `quote`.
 */
export function validateCoupon(input: ValidateCouponInput): CouponValidation;

/**
 * Record that an order used the coupon, returning the new record to store. Idempotent per
 * order id: while that order's redemption counts, the same amount returns an identical
 * record (a retry never spends a second use) and another amount throws
 * `redemption_conflict`. Throws `coupon_not_usable` (expired, not the owner),
 * `coupon_exhausted` (no uses left), `invalid_input` (empty order id, negative amount,
 * inconsistent record), all in the `promotion` category except `invalid_input`.
 */
export function redeemCoupon(input: RedeemCouponInput): HeldCouponRecord;

/**
 * Give back discount of an order's redemption (the order was returned), returning the new
 * record: a full rollback without `amount` (releases the use; idempotent), or a partial one
 * (releases the use once the returns reach the whole amount; not idempotent). Throws
 * `redemption_not_found`, `rollback_exceeds_redemption`, `currency_mismatch`, `invalid_input`.
 */
export function rollbackCoupon(input: RollbackCouponInput): HeldCouponRecord;

/**
 * Call a function by its wire name with its wire input (the JSON shape, as an object). A
 * known name is typed by `FunctionInputs` / `FunctionOutputs`; any other name is accepted
 * (and fails at run time with `unknown_function`).
 */
export function call<F extends FunctionName>(functionName: F, input: FunctionInputs[F]): FunctionOutputs[F];
export function call<S extends string>(functionName: S & (S extends FunctionName ? never : S), input: unknown): unknown;

/** The version of the o2okit core inside the WebAssembly module. */
export function version(): string;

/** The wire names of the functions `call` knows. */
export const FUNCTIONS: readonly FunctionName[];
/** Every rounding mode, the default (`half_even`) first. */
export const ROUNDING_MODES: readonly Rounding[];
/** Every stable error code. */
export const ERROR_CODES: readonly ErrorCode[];

/** What `init` accepts: a URL or path to fetch, a Response, the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Load the WebAssembly module (browser entry; a no-op in Node, where it loads on import).
 * Without an argument the `.wasm` file is fetched from next to the package's glue code.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;
export { init };

/** Load the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;
