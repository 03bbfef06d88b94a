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
  | 'campaign_ended'
  | 'campaign_not_started'
  | 'deadline_passed'
  | 'team_expired'
  | 'team_ended'
  | 'team_full'
  | 'campaign_full'
  | 'customer_limit_reached'
  | 'already_member'
  | 'unknown_team'
  | 'unknown_participation'
  | 'participation_not_pending'
  | 'participation_not_active'
  | 'payment_mismatch'
  | 'idempotency_conflict'
  | 'time_out_of_order'
  | 'event_not_allowed'
  | 'simulation_too_large'
  | 'invalid_plan'
  | 'invalid_order'
  | 'missing_party'
  | 'split_exceeds_total'
  | 'refund_exceeds_paid'
  | 'invalid_attribution'
  | 'too_many_channels'
  | 'invalid_binding'
  | 'invalid_pool'
  | 'invalid_store'
  | 'invalid_location'
  | 'insufficient_balance'
  | 'card_closed'
  | 'balance_limit_exceeded'
  | 'spend_not_found'
  | 'refund_exceeds_spend'
  | 'insufficient_points'
  | 'events_out_of_order'
  | 'invalid_membership'
  | 'invalid_source_order'
  | 'amounts_do_not_reconcile'
  | 'conflicting_duplicate'
  | 'invalid_parity_check'
  | 'invalid_voucher_key'
  | 'invalid_voucher_spec'
  | 'invalid_voucher_scope'
  | 'invalid_voucher_code'
  | 'invalid_journey'
  | 'command_not_allowed'
  | 'store_not_allowed'
  | 'outside_validity'
  | 'no_uses_left'
  | 'reversal_window_passed'
  | 'already_settled'
  | 'already_reversed'
  | 'refund_not_allowed'
  | 'unknown_voucher'
  | 'unknown_redemption'
  | 'amount_mismatch'
  | 'invalid_deal'
  | 'invalid_store_order_policy'
  | 'unknown_channel'
  | 'no_store_available'
  | 'invalid_json'
  | 'unknown_function'
  | 'not_in_build';

/**
 * The broad family of an error: `currency` (look-up, mismatch), `money` (amounts, decimals,
 * rounding, steps), `allocation` (weights, caps), `promotion` (time zones, held coupons),
 * `groupbuy` (rejected group-buy events and simulations), `split` (revenue split plans,
 * orders, refunds, attribution, bindings and pools), `store` (store assignment: stores,
 * areas, hours, locations), `membership` (stored-value cards and points), `intake` (order
 * intake and price parity), `voucher` (voucher keys, code specs and serials, scopes and
 * malformed codes, from `issueCode`, `issueCodes` and `verifyCode`), `flow` (journeys
 * given to `classify`), `lifecycle` (order lifecycles: commands not allowed, guards, from
 * the `voucherOrder*` and `storeOrder*` functions) and `input` (wire decoding, unknown functions, duplicate ids,
 * inconsistent carts, promotions, contexts, campaigns or states).
 */
export type ErrorCategory =
  | 'currency'
  | 'money'
  | 'allocation'
  | 'input'
  | 'promotion'
  | 'groupbuy'
  | 'split'
  | 'store'
  | 'membership'
  | 'intake'
  | 'voucher'
  | 'flow'
  | 'lifecycle';

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
  | 'coupon.rollback'
  | 'groupbuy.open'
  | 'groupbuy.step'
  | 'groupbuy.replay'
  | 'groupbuy.progress'
  | 'groupbuy.simulate'
  | 'split'
  | 'split.batch'
  | 'split.refund'
  | 'split.pool'
  | 'attribute'
  | 'attribute.shapley'
  | 'bind'
  | 'settle'
  | 'store.assign'
  | 'card.apply'
  | 'card.replay'
  | 'points.replay'
  | 'points.redeem'
  | 'order.normalize'
  | 'price.parity'
  | 'voucher.issue'
  | 'voucher.issue_batch'
  | 'voucher.verify'
  | 'flow.classify'
  | 'flow.definition'
  | 'voucher_order.open'
  | 'voucher_order.step'
  | 'voucher_order.replay'
  | 'store_order.open'
  | 'store_order.step'
  | 'store_order.replay';

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
  role: Role;
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

// ---------------------------------------------------------------------------------------
// Group-buy: `groupbuyOpen`, `groupbuyStep`, `groupbuyReplay`, `groupbuyProgress`,
// `groupbuySimulate`. A campaign is a pure state machine: the caller stores the
// `GroupBuyState`, passes it with an event and the time (`now`, an RFC 3339 string: o2okit
// reads no clock), and gets the next state plus the effects to carry out (charge, void,
// refund, vouchers, notifications). Windows are half-open: a team opened at `t` with window
// `W` takes members while `now < t + W`; a campaign takes joins while `now < deadline`.
// The shapes mirror crates/o2okit/src/groupbuy/ and the JSON Schema (test/schema.test.mjs).
// ---------------------------------------------------------------------------------------

/**
 * A group-buy campaign as the merchant defines it. `groupbuyOpen` validates it
 * (`invalid_input` naming the field, or `currency_mismatch`) and returns the initial state.
 */
export interface GroupBuyCampaign {
  /** The campaign id (non-empty). */
  id: string;
  /** Tipping point, team buy or ladder, with its prices. */
  kind: GroupBuyKind;
  /** No event but `tick` is taken before this instant; absent: open from the start. */
  starts_at?: Rfc3339 | null;
  /**
   * The end of the campaign (exclusive). A tipping point or a ladder is decided here; a team
   * buy opens no team from here on, while teams opened before keep their full window.
   */
  deadline: Rfc3339;
  /** The most places the whole campaign sells (places awaiting payment count); absent: no limit. */
  max_participants?: number | null;
  /**
   * The most places one customer may hold over the whole campaign (a purchase limit: places
   * pending or paid count, also in succeeded deals; places given up free up again).
   */
  per_customer_limit?: number | null;
  /** Vouchers issued per paid participation on success (0, the default, issues none). */
  vouchers_per_participant?: number;
}

/**
 * Groupon style: the deal happens when at least `min_participants` have paid at the
 * deadline; below it everyone is refunded in full. Reaching `max_participants` (all paid)
 * ends it early as a success.
 */
export interface TippingPointKind {
  type: 'tipping_point';
  /** The price of one place. */
  price: Money;
  /** Paid places needed at the deadline (at least 1). */
  min_participants: number;
}

/**
 * 拼团: a leader opens a team of `size`; members join within `window_seconds` of the moment
 * the team opened; the team succeeds when `size` places are paid and fails at the end of its
 * window (full refund) unless `virtual_fill` applies. Any number of teams run at once.
 */
export interface TeamBuyKind {
  type: 'team_buy';
  /** Members needed, the leader included (2 to 10,000). */
  size: number;
  /** How long a team takes members, from its opening (1 s to 366 days). */
  window_seconds: number;
  /** The price a member pays. */
  price: Money;
  /** The price the team's opener pays (团长价); absent: `price`. */
  leader_price?: Money | null;
  /** Opt-in: a team with `min_real` paid members at the end of its window succeeds anyway. */
  virtual_fill?: VirtualFill | null;
}

/**
 * 阶梯团: the price falls as participation passes thresholds. Members pay the tier price for
 * the count including themselves; at the deadline everyone who paid more than the final
 * price is refunded the difference. The deal needs the first tier's `min_participants`.
 */
export interface LadderKind {
  type: 'ladder';
  /** 1 to 100 tiers by ascending `min_participants` with strictly falling prices. */
  tiers: LadderTier[];
}

/** The three kinds of group-buy, discriminated by `type`. */
export type GroupBuyKind = TippingPointKind | TeamBuyKind | LadderKind;

/** `tipping_point`, `team_buy` or `ladder`. */
export type GroupBuyKindType = GroupBuyKind['type'];

/** One price tier of a ladder: from `min_participants` places on, the price is `price`. */
export interface LadderTier {
  /** At least 1. */
  min_participants: number;
  price: Money;
}

/**
 * An explicit virtual-fill policy: a team ending its window with at least `min_real` (and
 * fewer than `size`) paid members succeeds, the missing places filled by the platform;
 * always reported as `virtual_fill: { real, filled }`.
 */
export interface VirtualFill {
  /** Paid members needed at the end of the window (1 ≤ min_real < size). */
  min_real: number;
}

/** How a virtually filled team was completed: `real + filled` = the team size. */
export interface VirtualFillReport {
  /** Paid members. */
  real: number;
  /** Places filled by the platform. */
  filled: number;
}

/**
 * Where a campaign, a team or a deal stands. `open` is the only non-terminal status;
 * the others absorb every further event (`campaign_ended`).
 */
export type GroupBuyStatus = 'open' | 'succeeded' | 'failed' | 'cancelled' | 'closed';

/** Why a deal or a team did not succeed. */
export type FailureReason = 'below_minimum' | 'expired' | 'closed' | 'cancelled' | 'everyone_left';

/** Where one place stands: `pending` and `paid` hold it. */
export type ParticipationStatus = 'pending' | 'paid' | 'left' | 'lapsed' | 'refunded';

/** One place taken by one customer. */
export interface Participation {
  /** `p1`, `p2`, … in the order places were taken. */
  id: string;
  customer_id: string;
  /** The team (team buy). */
  team_id?: string | null;
  /** The amount charged when the place was taken. */
  price: Money;
  status: ParticipationStatus;
  /** When the place was taken. */
  joined_at: Rfc3339;
  /** When its payment was confirmed. */
  paid_at?: Rfc3339 | null;
  /** What was refunded to it (in full, or a ladder difference); absent: nothing. */
  refunded?: Money | null;
}

/** One team of a team buy. */
export interface Team {
  /** `t1`, `t2`, … in the order teams were opened. */
  id: string;
  /** `open` while forming, then `succeeded`, `failed` or `cancelled`. */
  status: GroupBuyStatus;
  /** When the leader opened it. */
  opened_at: Rfc3339;
  /** `opened_at + window_seconds`: the team takes members while `now < expires_at`. */
  expires_at: Rfc3339;
  /** The leader's participation (by succession, the earliest remaining member); absent once everyone left. */
  leader?: string | null;
  /** Every participation that joined, in order (also those that left). */
  members: string[];
  /** When it succeeded, failed or was cancelled. */
  ended_at?: Rfc3339 | null;
  failure_reason?: FailureReason | null;
  /** Present when it succeeded by virtual fill. */
  virtual_fill?: VirtualFillReport | null;
}

/**
 * The whole state of a campaign: a plain value the caller stores and passes back. o2okit
 * never keeps it; every step returns a new one (the input is not modified).
 */
export interface GroupBuyState {
  /** The definition. */
  campaign: GroupBuyCampaign;
  /** `open`, or how it ended. */
  status: GroupBuyStatus;
  /** The time of the last applied event (events must not go back before it: `time_out_of_order`). */
  as_of?: Rfc3339 | null;
  /** When it ended. */
  ended_at?: Rfc3339 | null;
  /** Why the deal failed or was cancelled. */
  failure_reason?: FailureReason | null;
  /** The ladder's final price, once it succeeded. */
  final_price?: Money | null;
  /** The teams (team buy), in opening order; absent when none. */
  teams?: Team[];
  /** Every place ever taken, in order. */
  participations?: Participation[];
  /** Every applied command, in order (what makes a retry a `duplicate`); absent when none. */
  processed?: GroupBuyEvent[];
}

/** A `GroupBuyState` as the core returns it: `participations` is always present. */
export type GroupBuyStateRecord = GroupBuyState & { participations: Participation[] };

/** A customer opens a new team and becomes its leader (team buy only); the window starts now. */
export interface OpenTeamEvent {
  type: 'open_team';
  /** Idempotency key. */
  key: string;
  /** The leader. */
  customer_id: string;
}

/** A customer takes a place: in the team `team_id` (team buy, required) or in the campaign (no `team_id`). */
export interface JoinEvent {
  type: 'join';
  key: string;
  customer_id: string;
  team_id?: string | null;
}

/** A participant leaves before success: a paid place is refunded in full, a pending one has its charge voided. */
export interface LeaveEvent {
  type: 'leave';
  key: string;
  /** From the `charge` effect. */
  participation_id: string;
}

/** The payment of a participation's charge arrived. */
export interface PaymentConfirmedEvent {
  type: 'payment_confirmed';
  key: string;
  participation_id: string;
  /** The amount paid; when given it must equal the amount charged (`payment_mismatch`). */
  amount?: Money | null;
}

/** The merchant cancels one forming team (`team_id`) or, without it, the whole campaign. */
export interface CancelEvent {
  type: 'cancel';
  key: string;
  team_id?: string | null;
}

/** The merchant ends the campaign now, as if its deadline had come. */
export interface CloseEvent {
  type: 'close';
  key: string;
}

/** Time passes: windows and deadlines up to `now` take effect (no key: naturally idempotent). */
export interface TickEvent {
  type: 'tick';
}

/**
 * One event of a campaign, discriminated by `type`. Every command but `tick` carries an
 * idempotency `key`: the same command again is a `duplicate` (no change, no effects); the
 * same key for another command is `idempotency_conflict`. Its time is the `now` given with
 * it (or the `at` of a `TimedEvent`).
 */
export type GroupBuyEvent =
  | OpenTeamEvent
  | JoinEvent
  | LeaveEvent
  | PaymentConfirmedEvent
  | CancelEvent
  | CloseEvent
  | TickEvent;

/** Every event type. */
export type GroupBuyEventType = GroupBuyEvent['type'];

/** An event with the instant it happened: one entry of an event log for `groupbuyReplay`. */
export interface TimedEvent {
  at: Rfc3339;
  event: GroupBuyEvent;
}

/** Collect `amount` for a new place; confirm it with a `payment_confirmed` event. */
export interface ChargeEffect {
  type: 'charge';
  participation_id: string;
  customer_id: string;
  team_id?: string;
  /** The leader price for a team's opener, the ladder tier price for the count including the joiner, else the price. */
  amount: Money;
}

/** Stop collecting a charge that was never confirmed (a leave, the end of a window or deadline, a cancellation). */
export interface VoidChargeEffect {
  type: 'void_charge';
  participation_id: string;
  customer_id: string;
  amount: Money;
}

/** Give back everything a participation paid (a leave, a failed deal or team, a cancellation). */
export interface RefundFullEffect {
  type: 'refund_full';
  participation_id: string;
  customer_id: string;
  amount: Money;
}

/** A ladder closed at a lower price than this participation paid: give back `paid − final_price`. */
export interface RefundDifferenceEffect {
  type: 'refund_difference';
  participation_id: string;
  customer_id: string;
  paid: Money;
  final_price: Money;
  amount: Money;
}

/** Issue `count` vouchers to a paid participation of a successful deal or team. */
export interface IssueVouchersEffect {
  type: 'issue_vouchers';
  participation_id: string;
  customer_id: string;
  count: number;
}

/** The deal (no `team_id`) or a team succeeded. */
export interface NotifySuccessEffect {
  type: 'notify_success';
  team_id?: string;
  /** Paid participants (real people, never virtual places). */
  participants: number;
  /** Present when the success is a virtual fill. */
  virtual_fill?: VirtualFillReport;
  /** The ladder's final price. */
  final_price?: Money;
}

/** The deal (no `team_id`) or a team failed or was cancelled (every payer has a `refund_full` before this). */
export interface NotifyFailureEffect {
  type: 'notify_failure';
  team_id?: string;
  reason: FailureReason;
}

/**
 * One thing the caller must do after a step, discriminated by `type`; o2okit moves no money.
 * Order: effects of time passing first (teams whose windows ended, in opening order; then the
 * deadline), then the event's; per decided deal or team, money effects in joining order,
 * then one notification.
 */
export type GroupBuyEffect =
  | ChargeEffect
  | VoidChargeEffect
  | RefundFullEffect
  | RefundDifferenceEffect
  | IssueVouchersEffect
  | NotifySuccessEffect
  | NotifyFailureEffect;

/** Every effect type. */
export type GroupBuyEffectType = GroupBuyEffect['type'];

/** The kind of an outcome. */
export type OutcomeKind = 'opened_team' | 'joined' | 'left' | 'paid' | 'cancelled' | 'closed' | 'ticked' | 'duplicate';

/** A deal, a team or the campaign that ended in a step. */
export interface Resolution {
  /** The team; absent for the campaign (or its deal). */
  team_id?: string;
  status: GroupBuyStatus;
  reason?: FailureReason;
  virtual_fill?: VirtualFillReport;
  final_price?: Money;
}

/** What an accepted event did. */
export interface GroupBuyOutcome {
  kind: OutcomeKind;
  /** For `duplicate`: the repeated key. */
  key?: string;
  /** The participation the event created or acted on. */
  participation_id?: string;
  /** The team the event created or acted on. */
  team_id?: string;
  /** After a leader left: the participation that became leader. */
  new_leader?: string;
  /** Deals, teams and the campaign that ended in this step, in the order of their effects. */
  resolved?: Resolution[];
}

/** The result of `groupbuyStep`: the new state, what to do, and what happened. */
export interface GroupBuyStep {
  /** The state after the event (equal to the input for a `duplicate`). */
  state: GroupBuyStateRecord;
  effects: GroupBuyEffect[];
  outcome: GroupBuyOutcome;
}

/** The result of `groupbuyReplay`. */
export interface GroupBuyReplay {
  /** The state after the last event. */
  state: GroupBuyStateRecord;
  /** Every effect of every event, in order. */
  effects: GroupBuyEffect[];
  /** One outcome per event, in order. */
  outcomes: GroupBuyOutcome[];
}

/** The kind of a progress hint. */
export type ProgressHintCode =
  | 'not_started'
  | 'people_needed'
  | 'next_tier'
  | 'lowest_price'
  | 'deal_on'
  | 'full'
  | 'awaiting_payment'
  | 'ended';

/**
 * What to tell the customer: a stable code, its parameters, and a plain-English message
 * such as "2 more people needed within 3 h 12 min" or "1 more to reach 80.00" (amounts in
 * messages are bare decimals; `price` carries the money for formatting with a symbol).
 */
export interface ProgressHint {
  code: ProgressHintCode;
  message: string;
  /** People (places) still needed. */
  needed?: number;
  /** Whole seconds left. */
  remaining_seconds?: number;
  /** The price the hint is about. */
  price?: Money;
}

/** Where one team stands. */
export interface TeamProgress {
  team_id: string;
  status: GroupBuyStatus;
  leader?: string;
  /** Places held (paid or awaiting payment). */
  count: number;
  paid: number;
  pending: number;
  size: number;
  /** `size − count`. */
  needed: number;
  /** `floor(100 × count / size)`. */
  percent: number;
  /** Whole seconds until the window ends; absent once the team has ended. */
  remaining_seconds?: number;
  virtual_fill?: VirtualFillReport;
  hint?: ProgressHint;
}

/**
 * Where a campaign stands at `now`, for a progress bar. Counts are places held (paid or
 * awaiting payment); `percent` is `floor(100 × count / target)`, at most 100.
 */
export interface GroupBuyProgress {
  campaign_id: string;
  kind: GroupBuyKindType;
  /** The status at `now` (as if a `tick` had been applied). */
  status: GroupBuyStatus;
  now: Rfc3339;
  count: number;
  paid: number;
  pending: number;
  /** Places the deal needs (tipping point: its minimum; ladder: its first tier); absent for a team buy. */
  target?: number;
  needed?: number;
  percent?: number;
  /** Whole seconds until the deadline; absent once the campaign has ended. */
  remaining_seconds?: number;
  /** The campaign price, or the ladder tier for `count`. */
  current_price?: Money;
  /** What the next place would be charged. */
  join_price?: Money;
  /** The ladder's next lower price, and the count at which it applies. */
  next_price?: Money;
  next_tier_at?: number;
  /** The ladder's final price, once it succeeded. */
  final_price?: Money;
  hint?: ProgressHint;
  /** Every team of a team buy, in opening order. */
  teams?: TeamProgress[];
}

/** The input of `groupbuySimulate`: team sizes to try, one window, and the observed teams. */
export interface TeamSimulation {
  /** Team sizes to try (each 2 to 10,000; at most 1,000 sizes). */
  sizes: number[];
  /** The window every team gets, from its opening (1 s to 366 days). */
  window_seconds: number;
  /** Apply this virtual-fill rule at the end of each window. */
  virtual_fill?: VirtualFill | null;
  /** A success rate to meet, 0 to 1 (`'0.8'`); a whole JS number (`1`) is accepted, `0.8` is not (`invalid_decimal`). */
  target_success_rate?: Decimal | number | null;
  /** The observed teams (1 to 1,000,000; at most 10,000,000 joins in all). */
  teams: SimulatedTeam[];
}

/** One observed team: join times as RFC 3339 instants (with `opened_at`), as whole seconds after the opening, or both. */
export interface SimulatedTeam {
  opened_at?: Rfc3339 | null;
  join_times?: Rfc3339[];
  join_offsets?: number[];
}

/** How teams of one size would have done. */
export interface SizeResult {
  size: number;
  /** Teams that succeeded, virtual fills included. */
  succeeded: number;
  virtually_filled: number;
  failed: number;
  /** `succeeded / teams`, rounded down to 4 decimals (`'0.8000'`). */
  success_rate: Decimal;
  /** With a target: whether the exact rate meets it. */
  meets_target?: boolean;
}

/** The answer of `groupbuySimulate`. */
export interface SimulationReport {
  /** Teams simulated. */
  teams: number;
  /** One result per size, in the order asked. */
  results: SizeResult[];
  /** With a target: the largest size whose rate meets it, if any does. */
  largest_size_meeting_target?: number;
}

/** The input of `groupbuy.open` (the wire function behind `groupbuyOpen`). */
export interface GroupBuyOpenInput {
  campaign: GroupBuyCampaign;
}

/** The input of `groupbuy.step`. */
export interface GroupBuyStepInput {
  state: GroupBuyState;
  event: GroupBuyEvent;
  /** The time of the event: an RFC 3339 string, not a `Date`. */
  now: Rfc3339;
}

/** The input of `groupbuy.replay`. */
export interface GroupBuyReplayInput {
  campaign: GroupBuyCampaign;
  /** In time order (default none). */
  events?: TimedEvent[];
}

/** The input of `groupbuy.progress`. */
export interface GroupBuyProgressInput {
  state: GroupBuyState;
  now: Rfc3339;
}

// ---------------------------------------------------------------------------------------
// Revenue split: `split`, `splitBatch`, `splitRefund`, `splitPool`, `attribute`,
// `attributeShapley`, `bind`, `settle`. A plan is an ordered waterfall of rules, each a
// percent (or fixed amount, tier, clamp, cap) of a named base, paid to a party by role; what
// the rules leave goes to the remainder party (the merchant by default). Discounts funded by
// anyone but the remainder party are subsidies: added back to the gross and charged to their
// funder on a line of their own. Every ledger adds up exactly to what the customer paid. The
// shapes mirror crates/o2okit/src/split/ and the JSON Schema (test/schema.test.mjs).
// ---------------------------------------------------------------------------------------

/** The built-in roles (the seed's commercial roles, the platform, and the people around a store). */
export type BuiltInRole =
  | 'platform'
  | 'merchant'
  | 'supplier'
  | 'marketing'
  | 'logistics'
  | 'service_provider'
  | 'payment_processor'
  | 'store'
  | 'store_staff'
  | 'referrer'
  | 'influencer';

/**
 * What a party does for an order: a built-in name or any other non-empty custom name
 * (`'brand'`, `'franchisor'`, …; an empty or blank name is `invalid_json`). The
 * `(string & {})` keeps editors suggesting the built-in names.
 */
export type Role = BuiltInRole | (string & {});

/** A role filled by a named party: `{ role: 'store', party_id: 'store-042' }`. */
export interface Party {
  role: Role;
  party_id: string;
}

/**
 * Who a rule (or the remainder) pays: the party filling `role` in the order, then in the
 * plan (`missing_party` when neither names one); or the fixed `party_id`; or, with
 * `attribution`, the parties of the order's journey credited by that model (one ledger line
 * per touchpoint; an order with no creditable touchpoint pays nothing under the rule).
 */
export interface Payee {
  /** The role paid (and written on the ledger lines). */
  role: Role;
  /** A fixed party for the role, overriding the order's and the plan's parties. */
  party_id?: string | null;
  /** Credit the order's journey with this model instead of one party. */
  attribution?: AttributionModel | null;
}

/**
 * The named amount a rule is a percent of: `gross_paid` (paid plus subsidised discounts),
 * `customer_paid` (exactly what the customer paid), `goods` (gross less the delivery fee),
 * `delivery_fee` (the fee charged plus subsidised delivery discounts), `margin` (goods less
 * the order's `cost`), `remainder` (the gross less what the earlier rules paid). A negative
 * base counts as zero unless the rule sets `allow_negative`.
 */
export type SplitBase = 'gross_paid' | 'customer_paid' | 'goods' | 'delivery_fee' | 'margin' | 'remainder';

/** A percent of the base (`'8'` is 8%), rounded once with the rule's rounding. */
export interface PercentPay {
  type: 'percent';
  /** 0–100 (−100–100 with `allow_negative`); a decimal string, or a whole JS number. */
  percent: Decimal | number;
}

/** A fixed amount, whatever the base. */
export interface FixedPay {
  type: 'fixed';
  amount: Money;
}

/** A percent of the base plus a fixed amount (a card fee such as 0.6% + 0.10), added after rounding. */
export interface PercentPlusFixedPay {
  type: 'percent_plus_fixed';
  /** 0–100. */
  percent: Decimal | number;
  fixed: Money;
}

/** The percent of the highest tier reached, on the whole base; below the first tier the rule pays nothing. */
export interface TieredPay {
  type: 'tiered';
  /** What selects the tier: the rule's base amount, or the order's `volume`. */
  by: TierBy;
  /** In increasing `from` order (`invalid_plan` otherwise). */
  tiers: Tier[];
}

/** How a rule's amount is computed from its base, discriminated by `type`. */
export type Pay = PercentPay | FixedPay | PercentPlusFixedPay | TieredPay;

/** Every pay type. */
export type PayType = Pay['type'];

/** What selects the tier of a tiered rule: the base amount in currency units, or the order's `volume`. */
export type TierBy = 'amount' | 'volume';

/** One tier: from `from` (inclusive) on, pay `percent` of the whole base. */
export interface Tier {
  /** An amount in currency units (`'1000'` is 1,000.00) or a volume. */
  from: Decimal | number;
  percent: Decimal | number;
}

/** A ratio cap: the rule pays at most `percent` of `base` (the rule's own base when absent), rounded down. */
export interface RatioCap {
  /** 0–100. */
  percent: Decimal | number;
  base?: SplitBase | null;
}

/**
 * One step of the waterfall: pay `to` an amount computed by `pay` on `base`, then raise it
 * to `min`, lower it to `max`, and lower it to the ratio `cap` (rounded down, so "platform ≤
 * 30%" of 33.33 allows 9.99).
 */
export interface Rule {
  /** Unique within the plan (`duplicate_id`); written on every ledger line the rule makes. */
  id: string;
  to: Payee;
  base: SplitBase;
  pay: Pay;
  /** The least the rule pays. */
  min?: Money | null;
  /** The most the rule pays. */
  max?: Money | null;
  cap?: RatioCap | null;
  /** How the percent is rounded to the minor unit (default `half_even`). */
  rounding?: Rounding;
  /** Allow negative percents, amounts and bases (a share of a loss). Default `false`. */
  allow_negative?: boolean;
}

/** A split plan: the waterfall, the remainder's payee, and the parties that are the same for every order. */
export interface SplitPlan {
  /** A name for the plan. */
  id?: string | null;
  /** Applied in order. */
  rules: Rule[];
  /**
   * Who gets what the rules leave (default `{ role: 'merchant' }`). Discounts funded by this
   * party are price reductions; discounts funded by anyone else are subsidies.
   */
  remainder?: Payee;
  /** Parties that fill a role in every order (an order's own parties come first). */
  parties?: Party[];
}

/** What a discount reduced. */
export type DiscountOn = 'goods' | 'delivery';

/** A discount an order received, with its funder. */
export interface FundedDiscount {
  /** The promotion (written on the subsidy line). */
  promotion_id: string;
  /** The amount the customer saved. */
  amount: Money;
  funded_by: FundedBy;
  /** Default `goods`. */
  on?: DiscountOn;
}

/** One touchpoint of a journey: a channel, the party credited for it, the stage, the time. */
export interface Touchpoint {
  /** `douyin`, `wechat`, `store_qr`, `dianping`, … */
  channel: string;
  /** The party credited (the medium, the influencer, the staff member…). */
  party_id: string;
  /** Free-form; conventionally `acquire`, `nurture`, `convert`, `retain`, `share`, `serve`. */
  stage?: string | null;
  at: Rfc3339;
}

/**
 * An order to split. Give `paid` (with `delivery_fee` and `discounts` as needed) or a
 * `quote` (as returned by `quote`), whose total, charged delivery fee, discounts and gifts
 * are used.
 */
export interface SplitOrder {
  /** Written on every ledger line. */
  id: string;
  /** When it was paid (the conversion time of its journey). */
  at: Rfc3339;
  /** What the customer paid in all, delivery included. */
  paid?: Money | null;
  /** The delivery fee charged, part of `paid` (zero when absent). */
  delivery_fee?: Money | null;
  /** The discounts it received and who funds each. */
  discounts?: FundedDiscount[];
  quote?: Quote | null;
  /** The cost of the goods (for rules on the `margin` base). */
  cost?: Money | null;
  /** The parties filling this order's roles (its store, staff member, referrer…). */
  parties?: Party[];
  /** The touchpoints that led to it, oldest first. */
  journey?: Touchpoint[];
  /** A volume for tiered rules `by: 'volume'` (month-to-date orders, GMV, … as you count it). */
  volume?: Decimal | number | null;
}

/** Whether a line comes from an order's split or from a refund's clawback. */
export type Entry = 'split' | 'clawback';

/** What made a ledger line: a rule, the remainder, or a subsidy (a discount charged to its funder). */
export type LineKind = 'rule' | 'remainder' | 'subsidy';

/** One line of a ledger: a flat record, so a list of them is a table (and the input of `settle`). */
export interface LedgerLine {
  order_id: string;
  /** The order time for a split, the refund time for a clawback. */
  at: Rfc3339;
  entry: Entry;
  kind: LineKind;
  /** The rule id, `remainder`, or the promotion id of a subsidy. */
  rule: string;
  party_id: string;
  role: Role;
  /** The base the rule was computed on (`goods` or `delivery_fee` for a subsidy; `remainder` for the remainder). */
  base?: SplitBase | null;
  /** The value of that base for this order (for checking the rule by hand). */
  base_amount?: Money | null;
  /** For an attributed rule: the touchpoint's position in the journey. */
  touchpoint?: number | null;
  /** For an attributed rule: the touchpoint's channel. */
  channel?: string | null;
  /** What the party receives (negative: what it pays, such as a subsidy or a clawback). */
  amount: Money;
}

/**
 * The ledger of one order: rule lines in plan order (an attributed rule: one per touchpoint),
 * the remainder, then one subsidy line per subsidised discount. The lines add up exactly to `paid`.
 */
export interface Ledger {
  order_id: string;
  at: Rfc3339;
  paid: Money;
  /** Paid plus the subsidised discounts: what the rules and the remainder share. */
  gross: Money;
  delivery_fee: Money;
  lines: LedgerLine[];
}

/** The input of `split` (the wire function behind `split(order, plan)`). */
export interface SplitRequest {
  order: SplitOrder;
  plan: SplitPlan;
}

/** The input of `split.batch` (behind `splitBatch(plan, orders)`): the plan is compiled once. */
export interface SplitBatchRequest {
  plan: SplitPlan;
  orders: SplitOrder[];
}

/** An order of a batch that could not be split. */
export interface BatchError {
  /** Its position in the batch. */
  index: number;
  order_id: string;
  code: ErrorCode;
  message: string;
}

/** The result of `splitBatch`: a failing order does not stop the others. */
export interface SplitBatch {
  /** One per order that split, in the orders' order. */
  ledgers: Ledger[];
  /** One per order that failed, in the orders' order. */
  errors: BatchError[];
}

/**
 * Whether the delivery fee can be refunded after delivery: `refundable` (the default) or
 * `kept_once_delivered` (at most `paid − delivery_fee` is refundable, and the lines on the
 * `delivery_fee` base are not clawed back).
 */
export type DeliveryRefund = 'refundable' | 'kept_once_delivered';

/** Which shares a refund claws back. */
export interface RefundPolicy {
  /** Rules whose shares are never clawed back (a processor fee, say): the remainder party refunds their part. */
  non_refundable_rules?: string[];
  /** Roles whose rule shares are never clawed back. */
  non_refundable_roles?: Role[];
  /** Default `refundable`. */
  delivery?: DeliveryRefund;
}

/** The input of `splitRefund`: the original order and plan, what was refunded before, and this refund. */
export interface RefundRequest {
  order: SplitOrder;
  plan: SplitPlan;
  /** Refunded by earlier refunds (default zero): refunds are cumulative, so the parts always add up. */
  refunded_before?: Money | null;
  /** Refunded now. */
  refund: Money;
  at: Rfc3339;
  /** Whether the order was delivered (default `false`). */
  delivered?: boolean;
  policy?: RefundPolicy;
}

/** The clawback of one refund: one line per line of the original ledger, each the negative of what it gives back. */
export interface Clawback {
  order_id: string;
  at: Rfc3339;
  /** Refunded now (the lines add up to its negative). */
  refund: Money;
  refunded_before: Money;
  /** This refund included. */
  refunded_total: Money;
  /** The most that can be refunded. */
  refundable: Money;
  /** `entry: 'clawback'`. */
  lines: LedgerLine[];
}

/** One member of a pool. */
export interface PoolMember {
  party_id: string;
  /** Default `store_staff`. */
  role?: Role;
  /** A non-negative weight such as an order count (`negative_weight` otherwise). */
  weight: Decimal | number;
}

/** The input of `splitPool`: a pool, the percent shared by the members by weight, and who keeps the rest. */
export interface PoolRequest {
  /** The pool (a store's e-commerce profit share, say). */
  pool: Money;
  /** `'80'` is 80%. */
  members_percent: Decimal | number;
  /** Who keeps the rest (usually the store). */
  keeper: Party;
  members: PoolMember[];
}

/** One member's share of a pool. */
export interface PoolShare {
  party_id: string;
  role: Role;
  weight: Decimal;
  amount: Money;
}

/** A pool split between its members (largest remainder) and its keeper. */
export interface PoolSplit {
  pool: Money;
  /** The members' part, before it is shared. */
  members_total: Money;
  /** The keeper's part. */
  kept: Money;
  keeper: Party;
  /** One per member, in the given order. */
  shares: PoolShare[];
}

/** All credit to the first touch. */
export interface FirstTouchModel {
  type: 'first_touch';
}

/** All credit to the last touch. */
export interface LastTouchModel {
  type: 'last_touch';
}

/** Equal credit to every touch. */
export interface LinearModel {
  type: 'linear';
}

/** Credit halving every `half_life_seconds` before the conversion (integer maths, no float). */
export interface TimeDecayModel {
  type: 'time_decay';
  /** Default 604800 (7 days). */
  half_life_seconds?: number;
}

/** U-shaped: `first_percent` to the first touch, `last_percent` to the last, the rest to the touches in between. */
export interface PositionBasedModel {
  type: 'position_based';
  /** Default `'40'`. */
  first_percent?: Decimal | number;
  /** Default `'40'`. */
  last_percent?: Decimal | number;
}

/**
 * How a pool is credited to the touchpoints of a journey, discriminated by `type`. The pool
 * is split by exact integer weights with the largest remainder method (ties to the earlier
 * touch), so the shares always add up to it.
 */
export type AttributionModel = FirstTouchModel | LastTouchModel | LinearModel | TimeDecayModel | PositionBasedModel;

/** Every attribution model type. */
export type AttributionModelType = AttributionModel['type'];

/** The input of `attribute`. */
export interface AttributionRequest {
  /** The amount to credit. */
  pool: Money;
  /** Oldest first, none after `converted_at` (`invalid_attribution`). */
  journey: Touchpoint[];
  /** When the journey converted (the order time). */
  converted_at: Rfc3339;
  model: AttributionModel;
}

/** One touchpoint's share of a pool. */
export interface TouchShare {
  /** Position in the journey (0 = first). */
  touchpoint: number;
  channel: string;
  party_id: string;
  stage?: string;
  /** Its fraction of the credit, truncated to 18 decimals; for reading only (the amounts come from exact weights). */
  credit: Decimal;
  amount: Money;
}

/** A pool credited to the touchpoints of a journey. */
export interface Attribution {
  pool: Money;
  /** The model used, with its defaults filled in. */
  model: AttributionModel;
  /** One per touchpoint, in journey order; they add up to the pool. */
  shares: TouchShare[];
}

/** One journey (or `count` identical ones) of a Shapley batch. */
export interface ShapleyJourney {
  /** The channels touched, in any order (repeats count once). */
  channels: string[];
  /** Whether it ended in an order (default `false`). */
  converted?: boolean;
  /** How many identical journeys this stands for (default 1). */
  count?: number;
}

/**
 * The worth of a coalition of channels: `conversions` (the default; the conversions of the
 * journeys whose channels all lie in it) or `conversion_rate`.
 */
export type ShapleyGame = 'conversions' | 'conversion_rate';

/** How the Shapley values were computed. */
export type ShapleyMethod = 'closed_form' | 'exact' | 'sampled';

/** The input of `attributeShapley`. */
export interface ShapleyRequest {
  journeys: ShapleyJourney[];
  /** Default `conversions`. */
  game?: ShapleyGame;
  /** A pool to split between the channels by their values (negative values count as zero). */
  pool?: Money | null;
}

/** One channel's Shapley value and share of the pool. */
export interface ChannelValue {
  channel: string;
  /** Truncated to 18 decimals. */
  value: Decimal;
  /** Present when a pool was given. */
  amount?: Money;
}

/** Shapley values of the channels, and a pool split by them. */
export interface ShapleyAttribution {
  game: ShapleyGame;
  method: ShapleyMethod;
  /** Journeys in the batch (counting `count`). */
  journeys: number;
  conversions: number;
  /** `v(all channels) − v(∅)`: what the values add up to (up to truncation). */
  total: Decimal;
  /** One per channel, by channel name. */
  channels: ChannelValue[];
}

/** One bind event: the customer scanned a party's code, was registered by a staff member, … */
export interface BindEvent {
  party_id: string;
  at: Rfc3339;
}

/** Which bind event wins: the first (until the binding expires) or the last (except during the lock window). */
export type BindPolicy = 'first_wins' | 'last_wins';

/** A binding rule: the policy, the role bound, a lock window and an expiry. */
export interface BindRule {
  policy: BindPolicy;
  /** Default `store_staff`. */
  role?: Role;
  /** `last_wins` only (`invalid_binding` otherwise): no take-over for this many seconds after the bound party's latest event. */
  lock_seconds?: number | null;
  /** The binding ends this many seconds after the bound party's latest event (none: never). */
  expiry_seconds?: number | null;
}

/** The input of `bind`: one customer's bind events, the rule, and the instant asked about. */
export interface BindRequest {
  /** In any order. */
  events: BindEvent[];
  rule: BindRule;
  /** Events after it are not yet known. */
  now: Rfc3339;
}

/** The outcome of a bind event. */
export type BindOutcome = 'bound' | 'renewed' | 'rebound' | 'ignored_first_wins' | 'ignored_locked' | 'after_now';

/** A binding in force. */
export interface Binding {
  party_id: string;
  role: Role;
  bound_at: Rfc3339;
  /** Its latest event (expiry and lock count from here). */
  renewed_at: Rfc3339;
  expires_at?: Rfc3339;
  locked_until?: Rfc3339;
}

/** What one bind event did. */
export interface BindDecision {
  /** The event's position in the request. */
  event: number;
  party_id: string;
  at: Rfc3339;
  outcome: BindOutcome;
}

/** Who the customer is bound to at `now`, and what each event did. */
export interface BindingState {
  /** The binding in force at `now`; `null` when unbound or expired (always present in a result). */
  binding?: Binding | null;
  /** One per event, in the order applied (by time, then as given). */
  decisions: BindDecision[];
}

/** The length of a settlement period: `all` (the default), `day`, `week` (ISO, Monday to Sunday) or `month`. */
export type Period = 'all' | 'day' | 'week' | 'month';

/** The input of `settle`. */
export interface SettleRequest {
  /** Ledger lines of splits and clawbacks, in any order. */
  lines: LedgerLine[];
  /** Default `all`. */
  period?: Period;
  /** The IANA time zone the periods are cut in (default `UTC`). */
  time_zone?: string | null;
}

/** A party's total in one role. */
export interface RoleTotal {
  role: Role;
  total: Money;
  line_count: number;
}

/** What one party is owed (or owes) in one currency over one period, and the lines behind it. */
export interface Statement {
  party_id: string;
  currency: CurrencyCode;
  /** The period's key: `all`, `2026-11-22`, `2026-W47`, `2026-11`. */
  period: string;
  /** Credits plus debits. */
  total: Money;
  /** The sum of the positive lines. */
  credits: Money;
  /** The sum of the negative lines (subsidies, clawbacks). */
  debits: Money;
  line_count: number;
  /** Distinct orders. */
  order_count: number;
  /** By role name. */
  roles: RoleTotal[];
  /** By time, then order id, then the rest of the line. */
  lines: LedgerLine[];
}

/** Statements, sorted by party, currency and period. */
export interface Settlement {
  period: Period;
  time_zone: string;
  statements: Statement[];
}

// --- store assignment ----------------------------------------------------------------------

/**
 * A point in **WGS-84** degrees (the GPS datum): `{ lat: 31.2304, lng: 121.4737 }`. Coordinates
 * are plain JS numbers (they are not money); latitude in −90…90, longitude in −180…180, both
 * finite (`invalid_location` otherwise). Maps in mainland China show GCJ-02 coordinates, offset
 * by 100–700 m: convert them to WGS-84 before calling, o2okit does not.
 */
export interface Location {
  /** Degrees, north positive. */
  lat: number;
  /** Degrees, east positive. */
  lng: number;
}

/** One order line of an assignment. */
export interface AssignItem {
  /** As in the stores' `stock`; each product once per order. */
  product_id: string;
  /** Units wanted, a positive whole number (`invalid_store` for zero). */
  quantity: number;
}

/** The order to place: where it goes and what it holds. */
export interface AssignOrder {
  /** The delivery address. */
  location: Location;
  /** At most 64 lines. */
  items: AssignItem[];
  /** Checked against a zone's `min_order` (not checked when absent). */
  subtotal?: Money | null;
}

/** A circle around the store: served when the haversine distance, rounded to whole metres, is at most `radius_m`. */
export interface RadiusArea {
  type: 'radius';
  /** Positive (`invalid_store` for zero). */
  radius_m: number;
}

/** One or more polygons of WGS-84 vertices: a point inside, **on an edge or on a vertex** is served. */
export interface PolygonsArea {
  type: 'polygons';
  /**
   * Each polygon one outer ring of at least three distinct vertices, in either winding (repeating
   * the first vertex is optional); no holes: use several polygons.
   */
  polygons: Location[][];
}

/** Where a store delivers, discriminated by `type`. */
export type ServiceArea = RadiusArea | PolygonsArea;

/**
 * One weekly interval, `"HH:MM"` local time, open inclusive, close exclusive (`"24:00"` allowed).
 * A close not after the open runs **overnight** and belongs to the day it starts: `22:00`–`02:00`
 * on `fri` is open from Friday 22:00 to Saturday 02:00.
 */
export interface OpeningInterval {
  /** The days the interval starts on (none = every day). */
  days?: Day[];
  open: string;
  close: string;
}

/** Special hours for one local date (`"YYYY-MM-DD"`), replacing the weekly ones; no intervals = closed. */
export interface SpecialDay {
  date: string;
  /** The intervals of that date (without `days`). */
  intervals?: OpeningInterval[];
}

/** When a store is open, in the local time of an IANA time zone (`unknown_time_zone` otherwise). */
export interface OpeningHours {
  /** `'Asia/Shanghai'`, … */
  time_zone: string;
  weekly?: OpeningInterval[];
  /** Local dates (`"YYYY-MM-DD"`) closed all day. */
  closed_dates?: string[];
  special?: SpecialDay[];
}

/**
 * A delivery fee and ETA table by distance: up to `base_distance_m` the base fee and ETA; each
 * further **started** kilometre adds `per_km_fee` and `per_km_eta_minutes` (4.2 km on a 3 km
 * base is two more kilometres).
 */
export interface FeeTable {
  base_distance_m: number;
  base_fee: Money;
  base_eta_minutes: number;
  per_km_fee: Money;
  per_km_eta_minutes: number;
  /** The smallest order subtotal the zone delivers (checked when the order gives a `subtotal`). */
  min_order?: Money | null;
}

/** A road distance (and optionally an ETA) from the caller's routing service, for one store and this order. */
export interface RoadEstimate {
  /** Replaces the haversine distance for ranking and fees (the area is still checked in a straight line). */
  distance_m: number;
  /** Replaces the fee table's ETA. */
  eta_minutes?: number | null;
}

/**
 * A store that may fulfil orders. Only `id`, `location` and `area` are required: no `hours` =
 * always open, no `stock` = not tracked (with a `stock` map, a product not in it has none), no
 * `daily_capacity` = no limit, no `fees` = the policy's table (or no fee).
 */
export interface Store {
  /** Unique among the stores (`invalid_store`). */
  id: string;
  location: Location;
  area: ServiceArea;
  hours?: OpeningHours | null;
  /** Units in stock per product id. */
  stock?: { [product_id: string]: number } | null;
  /** Orders it can take per day. */
  daily_capacity?: number | null;
  /** Orders already taken today (default 0). */
  used_today?: number;
  fees?: FeeTable | null;
  road?: RoadEstimate | null;
}

/** A tie-break between eligible stores at the **same** distance (whole metres). */
export type TieBreak = 'eta' | 'fee' | 'spare_capacity' | 'store_id' | 'input_order';

/** `never` (one store or none, the default) or `fewest_stores` (cover the lines with the fewest stores, each line whole from one). */
export type SplitPolicy = 'never' | 'fewest_stores';

/**
 * How much to explain: `all` (every reason for every store, the default) or `nearby` (a store
 * whose area does not serve the address gets only `out_of_area`; the choice is the same).
 */
export type Explain = 'all' | 'nearby';

/** How to choose among eligible stores, whether to split, and how much to explain. */
export interface AssignPolicy {
  /** Applied in order after distance (distance always comes first); input order is the last resort. */
  tie_breaks?: TieBreak[];
  /** Default `never`. */
  split?: SplitPolicy;
  /** Default `all`. */
  explain?: Explain;
  /** The fee table for stores without their own. */
  fees?: FeeTable | null;
}

/** The input of `assign` (wire `store.assign`). */
export interface AssignRequest {
  order: AssignOrder;
  stores: Store[];
  /** The time of the order: opening hours are checked at this instant. */
  now: Rfc3339;
  policy?: AssignPolicy;
}

/** `assigned` (one store), `split` (several, only under `split: 'fewest_stores'`) or `unassigned` (no store can: not an error). */
export type AssignStatus = 'assigned' | 'split' | 'unassigned';

/** Where a distance came from: `haversine` (great-circle, whole metres) or `road` (the store's `road.distance_m`). */
export type DistanceSource = 'haversine' | 'road';

/** A chosen store. */
export interface ChosenStore {
  store_id: string;
  /** Used for ranking and fees, whole metres. */
  distance_m: number;
  distance_source: DistanceSource;
  /** When it has a fee table. */
  fee?: Money;
  /** The road ETA if given, else the fee table's. */
  eta_minutes?: number;
  /** The product ids of the lines it fulfils, in order-line order. */
  items: string[];
}

/** An order line a store cannot fill. */
export interface Shortage {
  product_id: string;
  wanted: number;
  available: number;
}

/** The store's service area does not include the address. */
export interface OutOfAreaReason {
  code: 'out_of_area';
}

/** The store is closed at `now`. */
export interface ClosedReason {
  code: 'closed';
  /** When it next opens (store-local offset), if within 14 days. */
  next_open?: Rfc3339;
}

/** The store lacks some of the items. */
export interface OutOfStockReason {
  code: 'out_of_stock';
  short: Shortage[];
}

/** The store has taken all the orders it can today. */
export interface AtCapacityReason {
  code: 'at_capacity';
  daily_capacity: number;
  used_today: number;
}

/** The order subtotal is below the zone's minimum order. */
export interface BelowMinimumOrderReason {
  code: 'below_minimum_order';
  min_order: Money;
}

/** Eligible, but a nearer eligible store was chosen. */
export interface FartherReason {
  code: 'farther';
}

/** Eligible and as near as the chosen store: the tie-break `by` decided. */
export interface TieBreakReason {
  code: 'tie_break';
  by: TieBreak;
}

/**
 * One reason a store was passed over, discriminated by `code`. A store can have several,
 * listed in this order: `out_of_area`, `closed`, `out_of_stock`, `at_capacity`,
 * `below_minimum_order`, then (for a store that passed every filter) `farther` or `tie_break`.
 */
export type PassReason =
  | OutOfAreaReason
  | ClosedReason
  | OutOfStockReason
  | AtCapacityReason
  | BelowMinimumOrderReason
  | FartherReason
  | TieBreakReason;

/** Every pass-over reason code. */
export type PassReasonCode = PassReason['code'];

/** A store that was not chosen, with every reason. */
export interface PassedOver {
  store_id: string;
  /** The ranking distance, for stores whose area serves the address. */
  distance_m?: number;
  /** Never empty. */
  reasons: PassReason[];
}

/** Where an order goes, and why every other store did not get it: each input store is in `chosen` or in `passed_over`, once. */
export interface Assignment {
  status: AssignStatus;
  /** Nearest first; empty when `unassigned`. */
  chosen: ChosenStore[];
  /** The total delivery fee, when every chosen store has a fee table. */
  fee?: Money;
  /** The longest ETA of the chosen stores, when all have one. */
  eta_minutes?: number;
  /** In input order. */
  passed_over: PassedOver[];
}

// --- membership: stored-value cards ----------------------------------------------------------

/** 记名卡 `registered` (the default) or 不记名卡 `anonymous`; o2okit attaches no rule to it by itself. */
export type CardKind = 'registered' | 'anonymous';

/** A card's limits: inputs, o2okit hard-codes no regulator's figure. */
export interface CardLimits {
  /** The most principal plus bonus the card may hold after a top-up (`balance_limit_exceeded` otherwise). */
  max_balance?: Money | null;
}

/** A top-up of at least `min_top_up` earns `bonus`. */
export interface BonusTier {
  min_top_up: Money;
  bonus: Money;
}

/**
 * How a spend is taken from principal (本金) and bonus (赠送金): `proportional` (the default; in
 * the ratio of the balances, the bonus share rounded **down**, so the odd cent comes out of
 * principal), `bonus_first` or `principal_first`.
 */
export type SpendPolicy = 'proportional' | 'bonus_first' | 'principal_first';

/**
 * The rules of a stored-value card programme (储值卡). Tiers do not repeat and do not add up: of
 * the tiers a top-up reaches, the highest applies, once (100 → 20 and 300 → 50: 250.00 earns
 * 20.00, 1,000.00 earns 50.00).
 */
export interface CardRules {
  /** In any order; thresholds distinct. */
  bonus_tiers?: BonusTier[];
  /** Default `proportional`. */
  spend_policy?: SpendPolicy;
  /** The smallest top-up accepted (none: any positive amount). */
  min_top_up?: Money | null;
}

/** A new card: the input of `cardReplay`. */
export interface CardSpec {
  id: string;
  /** The currency of every amount on the card. */
  currency: CurrencyCode;
  /** Default `registered`. */
  kind?: CardKind;
  limits?: CardLimits;
}

/** `open` (takes top-ups, spends and refunds) or `closed` (takes nothing more). */
export type CardStatus = 'open' | 'closed';

/** What one order spent from the card, and how much of it was refunded so far. */
export interface CardSpend {
  order_id: string;
  principal: Money;
  bonus: Money;
  refunded_principal: Money;
  refunded_bonus: Money;
}

/** A keyed top-up, remembered so that a retry is recognised. */
export interface KeyedTopUp {
  key: string;
  amount: Money;
}

/**
 * The whole state of a stored-value card, a plain value *you* store: principal (本金) and
 * bonus (赠送金) apart (principal + bonus is the balance), the spends refunds may return to,
 * and the keys of keyed top-ups. `cardApply` returns the next one.
 */
export interface CardState {
  id: string;
  currency: CurrencyCode;
  /** Default `registered`. */
  kind?: CardKind;
  limits?: CardLimits;
  /** Default `open`. */
  status?: CardStatus;
  /** Money the holder paid in and gets back on closing. */
  principal: Money;
  /** Credited by top-up tiers; spendable, never paid out. */
  bonus: Money;
  spends?: CardSpend[];
  top_ups?: KeyedTopUp[];
  /** The time of the last applied event; the next must not be earlier (`events_out_of_order`). */
  as_of?: Rfc3339 | null;
}

/** A `CardState` as o2okit returns it: `kind` and `status` always present. */
export type CardStateRecord = CardState & { kind: CardKind; status: CardStatus };

/**
 * The holder pays `amount` in: principal, plus the bonus of the highest tier reached. With a
 * `key`, a retry with the same amount is a `duplicate` entry (nothing changes); the same key
 * with another amount is `idempotency_conflict`.
 */
export interface TopUpEvent {
  type: 'top_up';
  amount: Money;
  key?: string | null;
}

/** An order pays `amount` from the card, split between principal and bonus by the spend policy; one spend per order id. */
export interface SpendEvent {
  type: 'spend';
  order_id: string;
  amount: Money;
}

/** Part or all of an order's spend comes back, to principal and bonus in the proportion the spend took them (cumulatively). */
export interface CardRefundEvent {
  type: 'refund';
  order_id: string;
  amount: Money;
}

/** The card is closed: principal paid out, bonus forfeited (and reported); nothing more is taken (`card_closed`). */
export interface CardCloseEvent {
  type: 'close';
}

/** One event of a stored-value card, discriminated by `type`. Its time is the `at` given with it. */
export type CardEvent = TopUpEvent | SpendEvent | CardRefundEvent | CardCloseEvent;

/** Every card event type. */
export type CardEventType = CardEvent['type'];

/** A card event with its time: one entry of a card's event log. */
export interface TimedCardEvent {
  at: Rfc3339;
  event: CardEvent;
}

/** What a card ledger entry records (`duplicate`: a retried keyed top-up, nothing changed). */
export type CardEntryKind = 'top_up' | 'duplicate' | 'spend' | 'refund' | 'close';

/** One line of a card's ledger: the deltas and the balances after; the deltas of all entries add up to the balances. */
export interface CardEntry {
  at: Rfc3339;
  kind: CardEntryKind;
  /** Of a spend or refund. */
  order_id?: string;
  /** Of a keyed top-up. */
  key?: string;
  /** The money moved with the holder: paid in, spent, refunded, or paid out on closing. */
  amount: Money;
  /** Negative for spends and closing. */
  principal_delta: Money;
  bonus_delta: Money;
  /** Principal after. */
  principal: Money;
  /** Bonus after. */
  bonus: Money;
  /** On closing: the bonus forfeited. */
  forfeited_bonus?: Money;
}

/** The input of `cardApply` (wire `card.apply`): one event applied to a stored state. */
export interface CardApplyInput {
  card: CardState;
  rules?: CardRules;
  event: CardEvent;
  at: Rfc3339;
}

/** The result of `cardApply`: the next state (to store) and the event's ledger entry. */
export interface CardStep {
  card: CardStateRecord;
  entry: CardEntry;
}

/** The input of `cardReplay` (wire `card.replay`): a card's whole event log from its opening. */
export interface CardReplayRequest {
  card: CardSpec;
  rules?: CardRules;
  /** In time order. */
  events?: TimedCardEvent[];
}

/**
 * Sums of a card's ledger, reconciling to the cent: `principal = topped_up − spent_principal +
 * refunded_principal − paid_out`, `bonus = bonus_granted − spent_bonus + refunded_bonus −
 * bonus_forfeited`.
 */
export interface CardTotals {
  topped_up: Money;
  bonus_granted: Money;
  spent_principal: Money;
  spent_bonus: Money;
  refunded_principal: Money;
  refunded_bonus: Money;
  paid_out: Money;
  bonus_forfeited: Money;
  principal: Money;
  bonus: Money;
}

/** The result of `cardReplay`. */
export interface CardReplay {
  card: CardStateRecord;
  /** One per event, in order. */
  entries: CardEntry[];
  totals: CardTotals;
}

// --- membership: points ------------------------------------------------------------------------

/** `points` for every full `per` of the purchase amount, rounded down (1 per 10.00: 10 points on 105.00, none on 9.99). */
export interface PerAmountEarn {
  type: 'per_amount';
  points: number;
  per: Money;
}

/** `points` for every purchase, whatever its amount. */
export interface PerVisitEarn {
  type: 'per_visit';
  points: number;
}

/** `points` for every full `per` of the purchase lines in `category` (summed first, then rounded down). */
export interface PerCategoryEarn {
  type: 'per_category';
  category: string;
  points: number;
  per: Money;
}

/** How a purchase earns points, discriminated by `type`; the points of every rule add up. */
export type EarnRule = PerAmountEarn | PerVisitEarn | PerCategoryEarn;

/** End of the target month (the default) or of its year (年底清零). */
export type ExpiryAt = 'end_of_month' | 'end_of_year';

/**
 * When earned points expire, on the programme's local calendar: the month of earning plus
 * `months_after`, at its end (`end_of_month`) or its year's end, i.e. at local midnight
 * starting the next month (or year). Usable while `now < expires_at`: `{ months_after: 6 }` for
 * points earned any day of January 2026 in Asia/Shanghai expire at `2026-08-01T00:00:00+08:00`.
 */
export interface ExpiryRule {
  /** 0 to 1,200. */
  months_after: number;
  /** Default `end_of_month`. */
  at?: ExpiryAt;
}

/** The periods breakage is reported by: `month` (`'2026-07'`, the default), `year` (`'2026'`) or `all`. */
export type BreakagePeriod = 'month' | 'year' | 'all';

/** A points programme (积分). */
export interface PointsProgram {
  earn?: EarnRule[];
  /** None: points never expire. */
  expiry?: ExpiryRule | null;
  /** IANA time zone of the calendar rules and breakage periods (default `'UTC'`). */
  time_zone?: string;
  /** What one point is worth when redeemed (required by `pointsRedeem`) and as breakage value. */
  point_value?: Money | null;
  /** Who funds a redemption's discount (default `{ role: 'merchant' }`). */
  funded_by?: FundedBy | null;
  /** Default `month`. */
  breakage_period?: BreakagePeriod;
}

/** Points earned together: one earning time, one expiry. */
export interface PointsLot {
  /** `l1`, `l2`, … in order of earning. */
  id: string;
  earned_at: Rfc3339;
  /** None: never. */
  expires_at?: Rfc3339 | null;
  points: number;
  /** Not yet redeemed or expired. */
  remaining: number;
  order_id?: string | null;
}

/**
 * A member's points, a plain value *you* store: every lot (used-up ones too) and the balance,
 * the sum of the lots' `remaining`. Points are JS numbers: exact up to 2^53 − 1.
 */
export interface PointsState {
  lots?: PointsLot[];
  balance?: number;
  /** The time of the last applied event. */
  as_of?: Rfc3339 | null;
}

/** A `PointsState` as o2okit returns it: `lots` and `balance` always present. */
export type PointsStateRecord = PointsState & { lots: PointsLot[]; balance: number };

/** A purchase line for `per_category` rules. */
export interface EarnLine {
  category: string;
  amount: Money;
}

/** A purchase (a visit): earns points by the programme's rules, as one new lot. */
export interface EarnEvent {
  type: 'earn';
  order_id?: string | null;
  /** The amount paid. */
  amount: Money;
  lines?: EarnLine[];
}

/** Points spent, soonest-expiring lots first (`insufficient_points` beyond the usable balance). */
export interface RedeemEvent {
  type: 'redeem';
  points: number;
  order_id?: string | null;
}

/** Time passes: lots whose expiry has come expire. */
export interface PointsTickEvent {
  type: 'tick';
}

/** One event of a points account, discriminated by `type`. */
export type PointsEvent = EarnEvent | RedeemEvent | PointsTickEvent;

/** Every points event type. */
export type PointsEventType = PointsEvent['type'];

/** A points event with its time. */
export interface TimedPointsEvent {
  at: Rfc3339;
  event: PointsEvent;
}

/** The input of `pointsReplay` (wire `points.replay`). */
export interface PointsReplayRequest {
  program: PointsProgram;
  /** In time order (`events_out_of_order` otherwise). */
  events?: TimedPointsEvent[];
  /** Expire everything due up to this time after the last event (not before it). */
  until?: Rfc3339 | null;
}

/** `earn` adds, `redeem` and `expire` take away. */
export type PointsEntryKind = 'earn' | 'redeem' | 'expire';

/** Points taken from (or added as) one lot. */
export interface LotTake {
  lot_id: string;
  points: number;
}

/** One line of the points ledger. */
export interface PointsEntry {
  /** The event's time, or for an expiry the lot's `expires_at`. */
  at: Rfc3339;
  kind: PointsEntryKind;
  /** Points moved (unsigned: `kind` says the direction). */
  points: number;
  /** The balance after. */
  balance: number;
  order_id?: string;
  /** The lots touched (the new lot of an earn). */
  lots?: LotTake[];
}

/** Sums of a points ledger: `earned = redeemed + expired + balance`. */
export interface PointsTotals {
  earned: number;
  redeemed: number;
  expired: number;
  balance: number;
}

/** Points that expired in one period, and their value when the programme has a `point_value`. */
export interface Breakage {
  /** `'2026-07'`, `'2026'` or `'all'`. */
  period: string;
  points: number;
  value?: Money;
}

/** The result of `pointsReplay`. */
export interface PointsReplay {
  state: PointsStateRecord;
  /** Earn, redeem and expire entries in time order. */
  entries: PointsEntry[];
  totals: PointsTotals;
  breakage: Breakage[];
}

/** The input of `pointsRedeem` (wire `points.redeem`). */
export interface PointsRedeemRequest {
  state: PointsState;
  /** Must have a `point_value` (`invalid_membership`). */
  program: PointsProgram;
  points: number;
  at: Rfc3339;
  /** The order the discount is for. */
  order_id?: string | null;
}

/** The result of `pointsRedeem`. */
export interface PointsRedemption {
  /** After the expiries due at `at` and the redemption. */
  state: PointsStateRecord;
  /** Expiries due at `at`, then the `redeem` entry. */
  entries: PointsEntry[];
  /** Soonest-expiring first. */
  taken: LotTake[];
  /** Points × point value. */
  discount: Money;
  /** The discount as an automatic `amount_off_order` promotion funded by the programme's payer: pass it to `quote`. */
  promotion: Promotion;
}

// --- order intake and price parity ---------------------------------------------------------------

/**
 * Where an order was taken: `store_counter` (到店 till), `own_app`, `mini_program` (a super-app
 * mini-program), `marketplace` (a Dianping/Meituan-style platform), `phone`.
 */
export type Source = 'store_counter' | 'own_app' | 'mini_program' | 'marketplace' | 'phone';

/** `delivery` (channel `online_delivery`, needs an address), `pickup` (`online_pickup`) or `dine_in`. */
export type Fulfilment = 'delivery' | 'pickup' | 'dine_in';

/** One scanned item of a receipt. */
export interface CounterItem {
  sku: string;
  /** Positive; a decimal for weighed goods (`'0.350'` kg), or a whole JS number. */
  qty: Decimal | number;
  /** The unit price (or the price per unit of weight). */
  price: Money;
}

/** How the customer paid at the till: what they paid is `received − change`. */
export interface Tender {
  /** `cash`, `card`, `wallet`, `stored_value`, … */
  method: string;
  received: Money;
  change?: Money | null;
}

/** A sale rung up at a store's till (source `store_counter`); receipt numbers are unique per store. */
export interface CounterPayload {
  receipt_no: string;
  store_id: string;
  cashier_id: string;
  /** Who made the sale, when not the cashier (fills `store_staff`). */
  staff_id?: string | null;
  rung_at: Rfc3339;
  /** Channel `dine_in` rather than `in_store` (default `false`). */
  dine_in?: boolean;
  member_id?: string | null;
  items: CounterItem[];
  /** Keyed in at the till, funded by the merchant. */
  till_discount?: Money | null;
  tender: Tender;
}

/** An order from the merchant's own app or web shop (source `own_app`): lines − discounts + delivery fee = paid. */
export interface OwnAppPayload {
  /** Unique for the merchant. */
  order_no: string;
  store_id: string;
  customer_id?: string | null;
  phone?: string | null;
  /** Needed for a delivery. */
  address?: string | null;
  placed_at: Rfc3339;
  fulfilment: Fulfilment;
  /** Ids unique. */
  lines: CartLine[];
  /** The discounts of the app's quote, with their funders. */
  discounts?: FundedDiscount[];
  /** Before delivery discounts. */
  delivery_fee?: Money | null;
  paid: Money;
  payment_method?: string | null;
}

/** One goods entry of a mini-program order. */
export interface MiniProgramGoods {
  goods_id: string;
  /** At least 1. */
  count: number;
  price: Money;
}

/** A merchant coupon used in a mini-program order (funded by the merchant). */
export interface MiniProgramCoupon {
  coupon_id: string;
  amount: Money;
}

/** The payment service's fee: `rate` percent of what the customer paid, rounded half-even. */
export interface PayFee {
  /** The processor's party id. */
  processor: string;
  /** 0–100 (`'0.6'` is 0.6%). */
  rate: Decimal | number;
}

/** An order in the merchant's mini-program inside a super-app (source `mini_program`; o2okit's own shape). */
export interface MiniProgramPayload {
  /** The scope of `out_trade_no`. */
  app_id: string;
  out_trade_no: string;
  store_id: string;
  openid: string;
  created_at: Rfc3339;
  mode: Fulfilment;
  table_no?: string | null;
  address?: string | null;
  goods: MiniProgramGoods[];
  coupon?: MiniProgramCoupon | null;
  delivery_fee?: Money | null;
  /** What the customer paid. */
  total_fee: Money;
  pay_fee?: PayFee | null;
}

/** One item of a marketplace order, at list price. */
export interface MarketplaceItem {
  item_code: string;
  /** At least 1. */
  quantity: number;
  list_price: Money;
}

/** `platform_rider` (the fee goes to the platform as `logistics`), `merchant` (the shop keeps it) or `pickup`. */
export type DeliveryBy = 'platform_rider' | 'merchant' | 'pickup';

/** Who delivers a marketplace order, and the fee the customer paid for it. */
export interface MarketplaceDelivery {
  by: DeliveryBy;
  /** None for pickup (`invalid_source_order` with one). */
  fee?: Money | null;
}

/** A commission of `rate` percent (0–100) of the goods base, rounded half-even. */
export interface RateCommission {
  rate: Decimal | number;
}

/** The platform's own commission figure. */
export interface AmountCommission {
  amount: Money;
}

/** A marketplace commission: a rate or the platform's figure (an untagged union: one property or the other). */
export type Commission = RateCommission | AmountCommission;

/** An order from a third-party local-services platform (source `marketplace`; o2okit's own shape). */
export interface MarketplacePayload {
  /** The platform's party id: the scope of the order id and the payee of its fees. */
  platform: string;
  platform_order_id: string;
  shop_id: string;
  buyer_id?: string | null;
  buyer_phone?: string | null;
  address?: string | null;
  ordered_at: Rfc3339;
  items: MarketplaceItem[];
  /** The shop's own discount (a price reduction). */
  merchant_discount?: Money | null;
  /** The platform's discount (a subsidy charged to the platform in the split). */
  platform_subsidy?: Money | null;
  delivery: MarketplaceDelivery;
  /** What the customer paid the platform. */
  user_paid: Money;
  commission: Commission;
}

/** One item of a phone order. */
export interface PhoneItem {
  product_id: string;
  /** At least 1. */
  qty: number;
  unit_price: Money;
}

/** An order taken by phone (source `phone`); call ids are unique per store. */
export interface PhonePayload {
  call_id: string;
  store_id: string;
  caller_phone: string;
  /** The staff member who took the call (fills `store_staff`). */
  taken_by: string;
  called_at: Rfc3339;
  fulfilment: Fulfilment;
  /** As the caller said it; needed for a delivery. */
  address_text?: string | null;
  items: PhoneItem[];
  delivery_fee?: Money | null;
  /** Items plus delivery fee, paid on delivery or at pickup. */
  amount_due: Money;
}

/** Any source's payload (`NormalizeRequest` ties each to its `source`). */
export type PayloadShape = CounterPayload | OwnAppPayload | MiniProgramPayload | MarketplacePayload | PhonePayload;

/** The payload shape of each source. */
export interface SourcePayloads {
  store_counter: CounterPayload;
  own_app: OwnAppPayload;
  mini_program: MiniProgramPayload;
  marketplace: MarketplacePayload;
  phone: PhonePayload;
}

/** A source with its payload, one variant per source: `{ source: 'marketplace', payload: MarketplacePayload }`, … */
export type SourcePayload = { [S in Source]: { source: S; payload: SourcePayloads[S] } }[Source];

/** An order intake issued before, as the caller recorded it. */
export interface SeenOrder {
  /** The canonical id issued. */
  id: string;
  fingerprint: string;
}

/**
 * The input of `normalize` (wire `order.normalize`). The payload must have its source's shape
 * (the type parameter, inferred from `source`, checks it at compile time; `invalid_json` at run
 * time).
 */
export interface NormalizeRequest<S extends Source = Source> {
  source: S;
  payload: SourcePayloads[S];
  /** What intake issued before, for duplicate detection. */
  seen?: SeenOrder[];
}

/** The customer of a canonical order, as far as the source knows them. */
export interface OrderCustomer {
  /** Member id, app user, mini-program user, platform buyer. */
  id?: string;
  phone?: string;
  /** Free text. */
  address?: string;
}

/**
 * A fee a source takes from an order, paid to a role (marketplace `commission` to `platform`,
 * `platform_delivery` to `logistics`, `payment_fee` to `payment_processor`), computed once at
 * intake: `percent` of `base` rounded half-even, or the source's own figure (no `percent`).
 */
export interface SourceFee {
  /** The rule id in the split. */
  id: string;
  party: Party;
  amount: Money;
  base: SplitBase;
  percent?: Decimal;
}

/**
 * An order from any source, normalised. The amounts always reconcile: `subtotal − discounts +
 * delivery_fee = paid`, to the minor unit, in `currency`.
 */
export interface CanonicalOrder {
  /** A name-based UUID (v5) of the source, the scope and the external id: the same submission always gets the same id. */
  id: string;
  source: Source;
  /** Who issued the external id (the store, the mini-program's app id, the platform); none for the own app. */
  scope?: string;
  external_id: string;
  channel: Channel;
  /** For a marketplace: the shop id. */
  store_id: string;
  /** Absent when the source knows nothing of the customer. */
  customer?: OrderCustomer;
  placed_at: Rfc3339;
  currency: CurrencyCode;
  /** Cart lines that `quote` prices (ids `'1'`, `'2'`, … unless the source gave its own); quantities as decimal strings. */
  lines: CartLine[];
  subtotal: Money;
  /** Each with its funder; a platform subsidy becomes a subsidy in the split. */
  discounts?: FundedDiscount[];
  delivery_fee?: Money;
  /** What the customer paid (or owes, for a phone order paid on collection). */
  paid: Money;
  payment_method?: string;
  /** Its `store` and the `store_staff` member who took it. */
  parties?: Party[];
  fees?: SourceFee[];
}

/** `new` (record `order.id` and `fingerprint`) or `duplicate` (the same order again: nothing to do). */
export type IntakeStatus = 'new' | 'duplicate';

/** The result of `normalize`. */
export interface Intake {
  status: IntakeStatus;
  /** A UUID v5 of the order's canonical JSON: record it with the id. */
  fingerprint: string;
  order: CanonicalOrder;
}

/** A price seen for a product in a channel (and store). */
export interface PriceObservation {
  product_id: string;
  channel: Channel;
  /** For a store's own price. */
  store_id?: string | null;
  /** One unit. */
  price: Money;
  /** Carried, not compared. */
  at?: Rfc3339 | null;
}

/** At most this much above or below the reference (inclusive). */
export interface AmountTolerance {
  amount: Money;
}

/** At most this percent of the reference price above or below (inclusive; `'2'` is 2%). */
export interface PercentTolerance {
  percent: Decimal | number;
}

/** How far a price may be from the reference and still be at parity (an untagged union: one property or the other). */
export type Tolerance = AmountTolerance | PercentTolerance;

/** The input of `priceParity` (wire `price.parity`). */
export interface ParityRequest {
  observations: PriceObservation[];
  /** Default: none, every difference is a deviation. */
  tolerance?: Tolerance | null;
  /** The channel whose most common price is the reference (default: the most common price of all). */
  reference?: Channel | null;
}

/** `channel` (the requested reference channel's prices) or `all_observations`. */
export type ReferenceBasis = 'channel' | 'all_observations';

/** Above or below the reference. */
export type Direction = 'higher' | 'lower';

/** A price beyond the tolerance. */
export interface Deviation {
  /** The observation's position in the request. */
  index: number;
  channel: Channel;
  store_id?: string;
  price: Money;
  /** `price − reference` (negative when lower). */
  difference: Money;
  /** In percent of the reference, rounded half-even to 2 decimals (absent when the reference is zero). */
  percent?: Decimal;
  direction: Direction;
}

/** The prices of one product in one currency (currencies are never compared). */
export interface ProductParity {
  product_id: string;
  currency: CurrencyCode;
  count: number;
  min: Money;
  max: Money;
  /** `max − min`. */
  spread: Money;
  /** The most common price in the reference channel (or of all); a tie goes to the lower price. */
  reference: Money;
  reference_basis: ReferenceBasis;
  at_parity: boolean;
  /** Positions of the observations within the tolerance. */
  matching: number[];
  /** Absent when none. */
  deviations?: Deviation[];
}

/** The result of `priceParity`: one entry per product and currency. */
export interface ParityReport {
  observations: number;
  products_at_parity: number;
  products_deviating: number;
  /** By product id, then currency code. */
  products: ProductParity[];
}

/**
 * A secret voucher key as hex, two digits per byte, at least 16 bytes (32 random bytes
 * recommended), e.g. `'000102…1f'`. o2okit makes no keys: generate one with
 * `crypto.getRandomValues(new Uint8Array(32))` and keep it secret (`invalid_voucher_key`
 * when too short or not hex).
 */
export type VoucherKey = string;

/**
 * The check digit appended to a voucher code: `damm` (the default; every single-digit error
 * and every adjacent transposition), `luhn` (mod 10: every single-digit error, every adjacent
 * transposition but 09/90), `verhoeff` (like Damm) or `none`.
 */
export type CheckDigit = 'none' | 'damm' | 'luhn' | 'verhoeff';

/**
 * The layout of a voucher code: `serial_digits` digits of serial, then `digits` MAC digits,
 * then the check digit (if any). The default (`{}` or no `spec`) is
 * `{ digits: 12, serial_digits: 8, check: 'damm' }`: 21 digits, serials 0 to 99,999,999.
 */
export interface CodeSpec {
  /** MAC digits, 6 to 18 (default 12). */
  digits?: number;
  /** Serial digits, 1 to 15 (default 8): serials are `0` to `10 ** serial_digits − 1`, always safe integers. */
  serial_digits?: number;
  /** Default `damm`. */
  check?: CheckDigit;
}

/**
 * What a voucher code is good for; every part is optional. The scope is bound into the code's
 * HMAC, not printed in it: the store that verifies passes the same scope (its own store id,
 * the deal redeemed, the deal's expiry), so a code for store `S1` verifies at `S1` only. Ids
 * are 1 to 256 bytes of UTF-8 (`invalid_voucher_scope` otherwise).
 */
export interface VoucherScope {
  /** The store the code may be redeemed at (none = any store). */
  store_id?: string | null;
  /** The deal (product, group-buy) the code is for (none = any deal). */
  deal_id?: string | null;
  /** The first instant the code is no longer good (none = no expiry); only the instant counts, not its offset. */
  expires_at?: Rfc3339 | null;
}

/** The input of `issueCode` (wire `voucher.issue`): one code for one serial. */
export interface VoucherIssueRequest {
  key: VoucherKey;
  /**
   * The serial to issue: a whole JS number below `10 ** spec.serial_digits` (at most 15
   * digits, so always a safe integer). A larger one is rejected, never rounded: any number
   * beyond `Number.MAX_SAFE_INTEGER` is at least 2^53 > 10^15 and fails with
   * `invalid_voucher_spec` (from 2^64 on, `invalid_json`); a `bigint` is `invalid_decimal`
   * (as anywhere in the input), a fraction or a negative number `invalid_json`.
   */
  serial: number;
  /** Default `{ digits: 12, serial_digits: 8, check: 'damm' }`. */
  spec?: CodeSpec;
  /** Default: anything (no store, deal or expiry). */
  scope?: VoucherScope;
}

/** The input of `issueCodes` (wire `voucher.issue_batch`): the codes of `count` serials from `first_serial` on. */
export interface VoucherBatchRequest {
  key: VoucherKey;
  /** The first serial; every serial of the batch must fit in `spec.serial_digits`. */
  first_serial: number;
  /** How many serials, at most 100,000 per call (`invalid_voucher_spec` beyond). */
  count: number;
  spec?: CodeSpec;
  scope?: VoucherScope;
}

/**
 * An issued voucher code, e.g. `{ serial: 42, code: '000000424805447021344' }`. The code is a
 * string of ASCII digits with its leading zeros: print it as it is, or in groups (spaces and
 * hyphens are ignored by `verifyCode`).
 */
export interface VoucherCode {
  /** The serial the code was issued for (printed at its start); below 10^15, exact as a JS number. */
  serial: number;
  /** Serial digits, MAC digits, check digit. */
  code: string;
}

/** The input of `verifyCode` (wire `voucher.verify`): a presented code, checked offline. */
export interface VoucherVerifyRequest {
  key: VoucherKey;
  /** The code as presented (spaces and hyphens ignored). */
  code: string;
  /** The time of the check (o2okit reads no clock). */
  now: Rfc3339;
  /** The layout the codes were issued with. */
  spec?: CodeSpec;
  /** The scope the store redeems for (store, deal, expiry). */
  scope?: VoucherScope;
}

/**
 * Why a well-formed code was not accepted: `bad_check_digit` (most likely mistyped: ask for the
 * code again), `mismatch` (a mistyped or made-up code, or a genuine one for another store,
 * deal, expiry or key: the verifier cannot tell which) or `expired` (a genuine code at or
 * after its `expires_at`).
 */
export type VoucherRejection = 'bad_check_digit' | 'mismatch' | 'expired';

/**
 * The result of `verifyCode`: `{ valid: true, serial: 42 }`, `{ valid: false, reason:
 * 'mismatch' }`, `{ valid: false, serial: 42, reason: 'expired' }`. A valid code is genuine for
 * the scope and not expired: redeem it once (recording redeemed serials is the caller's).
 */
export interface Verification {
  valid: boolean;
  /** Present only when the MAC matched (valid or expired): the serial of a made-up code means nothing. */
  serial?: number;
  /** Present when not valid. */
  reason?: VoucherRejection;
}

/** Where a touchpoint happens: `online` (on a screen) or `offline` (in the physical world, including handing goods over). */
export type JourneyChannel = 'online' | 'offline';

/**
 * What a touchpoint is: `marketing` (the customer is reached), `experience` (using or trying
 * the product or service: a showroom try, a dinner, a redeemed voucher), `transaction` (orders
 * and pays) or `fulfilment` (handed over: a delivery, a pickup, an e-ticket).
 */
export type JourneyStage = 'marketing' | 'experience' | 'transaction' | 'fulfilment';

/**
 * One touchpoint of a journey. Only `channel`, `stage` and `at` are read by the classification;
 * `party`, `id` (unique within the journey when given) and `kind` (a free label such as
 * `'qr_scan'` or `'dine_in'`) are checked and carried.
 */
export interface JourneyTouchpoint {
  channel: JourneyChannel;
  stage: JourneyStage;
  /** Compared as instants, whatever the offset. */
  at: Rfc3339;
  /** The party behind it (a non-empty `party_id`: `invalid_journey` otherwise). */
  party?: Party | null;
  id?: string | null;
  kind?: string | null;
}

/** The input of `classify` (wire `flow.classify`): touchpoints in any order, at most 10,000; an empty journey is `incomplete`. */
export interface Journey {
  touchpoints: JourneyTouchpoint[];
}

/**
 * The four O2O flows (O2O四大模式): `online_to_offline` (1, 先线上后线下: a group-buy voucher
 * bought online, redeemed in store), `offline_to_online` (2, 先线下后线上: a store's QR code, an
 * online order, delivery or pickup), `online_to_offline_to_online` (3, 先线上后线下再线上: an online
 * ad, a try in a store, an online purchase), `offline_to_online_to_offline` (4, 先线下后线上再线下:
 * a store poster, an app order, eaten in the store).
 */
export type Flow = 'online_to_offline' | 'offline_to_online' | 'online_to_offline_to_online' | 'offline_to_online_to_offline';

/**
 * The part a touchpoint plays in deciding a flow, in journey order: `first_touch` (where the
 * customer was won), `experience` (an offline experience between an online first touch and an
 * online transaction: flow 3), `transaction` (the first one), `consumption` (after it).
 */
export type JourneyPart = 'first_touch' | 'experience' | 'transaction' | 'consumption';

/** A touchpoint that decided (part of) a classification: its position in the input list and its part. */
export interface Evidence {
  /** Zero-based, in the journey as given (not sorted by time). */
  index: number;
  counted_as: JourneyPart;
}

/**
 * Why a journey fits more than one reading: `conflicting_transactions` (transactions in both
 * channels) or `simultaneous_touchpoints` (touchpoints at one instant in different channels
 * whose order would decide).
 */
export type AmbiguityReason = 'conflicting_transactions' | 'simultaneous_touchpoints';

/** The journey followed one flow. */
export interface ClassifiedResult {
  result: 'classified';
  flow: Flow;
  /** Every touchpoint that decided it, in journey order. */
  evidence: Evidence[];
}

/** Commerce in one channel, not one of the four flows: paid offline (`offline`), or won, paid and served online (`online`). */
export interface NotO2OResult {
  result: 'not_o2o';
  channel: JourneyChannel;
  evidence: Evidence[];
}

/** A part the decision needs is absent. */
export interface IncompleteResult {
  result: 'incomplete';
  /** The absent parts, in journey order. */
  missing: JourneyPart[];
  /** The flows the journey can still become, in the seeds' order. */
  candidates: Flow[];
  /** What was found. */
  evidence: Evidence[];
}

/** The touchpoints allow more than one reading. */
export interface AmbiguousResult {
  result: 'ambiguous';
  reason: AmbiguityReason;
  /** The flows among the readings (a reading that is not O2O adds none). */
  candidates: Flow[];
  /** The positions of the touchpoints in conflict, ascending. */
  touchpoints: number[];
}

/**
 * The result of `classify`, discriminated by `result`: narrow it with
 * `switch (c.result)` or `if (c.result === 'classified') c.flow`.
 */
export type Classification = ClassifiedResult | NotO2OResult | IncompleteResult | AmbiguousResult;

/** `classified`, `not_o2o`, `incomplete` or `ambiguous`. */
export type ClassificationResult = Classification['result'];

/** The input of `flowDefinition` (wire `flow.definition`). */
export interface FlowDefinitionRequest {
  flow: Flow;
}

/**
 * One step of a flow: which touchpoints can fill a part of the journey, e.g. `{ part:
 * 'consumption', channel: 'offline', stages: ['experience', 'fulfilment'], required: true }`.
 */
export interface FlowStep {
  part: JourneyPart;
  /** Absent: either channel. */
  channel?: JourneyChannel;
  stages: JourneyStage[];
  /** Only flow 3's consumption is optional. */
  required: boolean;
}

/**
 * The lifecycle an order of a flow goes through: `voucher` (flow 1), `bound_store_order` (2),
 * `showroom_order` (3), `store_order` (4). `voucher` runs with `voucherOrderOpen`, `voucherOrderStep`,
 * `voucherOrderReplay`; the other three are one store-order state machine: `storeOrderOpen`,
 * `storeOrderStep`, `storeOrderReplay`.
 */
export type LifecycleKind = 'voucher' | 'bound_store_order' | 'showroom_order' | 'store_order';

/** The result of `flowDefinition`: a flow as data. */
export interface FlowDefinition {
  flow: Flow;
  /** In journey order. */
  steps: FlowStep[];
  /** The roles that take part, most visible first. */
  roles: Role[];
  lifecycle: LifecycleKind;
}

/** Who sends a lifecycle command; each command has exactly one (another is `command_not_allowed`). */
export type LifecycleActor = 'customer' | 'staff' | 'platform' | 'scheduler' | 'logistics';

/**
 * What happens to voucher uses nobody redeemed: `any_time` (随时退: refund on request until
 * expiry, and automatically at expiry), `at_expiry` (过期退: automatically at expiry only) or
 * `none` (unused value is breakage, paid to the merchant).
 */
export type DealRefundPolicy = 'any_time' | 'at_expiry' | 'none';

/**
 * Codes for the issued vouchers: each voucher gets `issueCode` with this key and spec, scoped to
 * the deal id and expiring at `valid_until` (verify with `scope: { deal_id, expires_at: valid_until }`).
 */
export interface DealCodes {
  key: VoucherKey;
  spec?: CodeSpec;
}

/**
 * A deal sold as prepaid vouchers (团购券): one order buys `vouchers` vouchers at `price` each,
 * each good for `uses` redemptions at the allowed stores during `[valid_from, valid_until)`.
 */
export interface VoucherDeal {
  id: string;
  /** The price of one voucher (at least one minor unit per use). */
  price: Money;
  /** Vouchers per order, 1 to 100. */
  vouchers: number;
  /** Uses per voucher, 1 to 100 (default 1). */
  uses?: number;
  valid_from: Rfc3339;
  /** Exclusive: redeem before it, expire at or after it. */
  valid_until: Rfc3339;
  /** The stores that may redeem (at least one, no repeats). */
  stores: string[];
  refund: DealRefundPolicy;
  /** Minutes after a redemption during which staff may reverse it (default 0: never; at most 10,080). */
  reversal_minutes?: number;
  /** The split of each settled redemption. */
  plan: SplitPlan;
  codes?: DealCodes;
}

/**
 * One command to a voucher order, with its idempotency `key` (the same command again is a
 * duplicate; another command under the key is `idempotency_conflict`) and its one `actor`.
 */
export type VoucherOrderCommand =
  /** The customer pays `price × vouchers`; the vouchers are issued. `serial`: the first voucher's serial, exactly when the deal has codes. */
  | { type: 'pay'; key: string; actor: LifecycleActor; amount: Money; serial?: number }
  /** Staff redeem (核销) `count` uses (default 1) of a voucher at a store; the key is the redemption's id. */
  | { type: 'redeem'; key: string; actor: LifecycleActor; voucher: string; store_id: string; staff_id?: string; count?: number }
  /** Staff reverse a redemption inside its window, before it is settled. */
  | { type: 'reverse'; key: string; actor: LifecycleActor; redemption: string }
  /** The customer refunds the open uses of the listed vouchers (all when absent); `any_time` only. */
  | { type: 'refund'; key: string; actor: LifecycleActor; vouchers?: string[] }
  /** The scheduler expires the order at or after `valid_until`. */
  | { type: 'expire'; key: string; actor: LifecycleActor }
  /** The platform settles the redemptions whose window has passed (or exactly the listed ones). */
  | { type: 'settle'; key: string; actor: LifecycleActor; redemptions?: string[] };

/** A command with its time, for `voucherOrderReplay`. */
export interface TimedVoucherCommand {
  at: Rfc3339;
  command: VoucherOrderCommand;
}

/**
 * Where a voucher order is: `created`, `issued`, `partially_redeemed`, `redeemed`; terminal and
 * absorbing: `refunded`, `expired`, `closed`.
 */
export type VoucherOrderStatus =
  | 'created'
  | 'issued'
  | 'partially_redeemed'
  | 'redeemed'
  | 'refunded'
  | 'expired'
  | 'closed';

/** One issued voucher (`{order_id}/v{n}`). */
export interface IssuedVoucher {
  id: string;
  serial?: number;
  code?: string;
  uses_left: number;
  /** The value of the open uses. */
  value_left: Money;
  uses_refunded: number;
  uses_lapsed: number;
}

/** One redemption (核销) of a voucher; `key` is its redeem command's key. */
export interface VoucherRedemption {
  key: string;
  voucher: string;
  store_id: string;
  staff_id?: string;
  count: number;
  amount: Money;
  at: Rfc3339;
  reversed_at?: Rfc3339;
  settled_at?: Rfc3339;
}

/** An applied command and the effects it returned (for idempotent replies). */
export interface ProcessedCommand {
  command: VoucherOrderCommand;
  effects: VoucherOrderEffect[];
}

/** Always `charged = refunded + settled + breakage + held`; nothing is held at a terminal status. */
export interface VoucherOrderTotals {
  charged: Money;
  refunded: Money;
  settled: Money;
  breakage: Money;
}

/**
 * The whole state of one voucher order: a plain value the caller stores and passes back. The
 * lists and `expired` may be left out on input (empty, `false`); the core always returns them
 * (`VoucherOrderStateRecord`).
 */
export interface VoucherOrderState {
  order_id: string;
  customer_id: string;
  deal_id: string;
  status: VoucherOrderStatus;
  /** The issued vouchers (empty until paid). */
  vouchers?: IssuedVoucher[];
  /** Every redemption, in order. */
  redemptions?: VoucherRedemption[];
  totals: VoucherOrderTotals;
  /** Whether `expire` has run. */
  expired?: boolean;
  /** The time of the last applied command. */
  as_of?: Rfc3339;
  /** Every applied command with its effects (what makes a retry a duplicate). */
  processed?: ProcessedCommand[];
}

/** A `VoucherOrderState` as the core returns it: the lists and `expired` are always present. */
export type VoucherOrderStateRecord = VoucherOrderState & {
  vouchers: IssuedVoucher[];
  redemptions: VoucherRedemption[];
  expired: boolean;
  processed: ProcessedCommand[];
};

/**
 * What a step asks the caller to do. Over a whole lifecycle `charge = Σ refund + Σ settle +
 * Σ breakage`: the money nets to zero. `issue_voucher`, `redeemed` and `reversed` move no money.
 */
export type VoucherOrderEffect =
  | { type: 'charge'; customer_id: string; amount: Money }
  | { type: 'issue_voucher'; voucher: string; uses: number; serial?: number; code?: string }
  | { type: 'redeemed'; voucher: string; redemption: string; store_id: string; count: number; amount: Money }
  | { type: 'reversed'; voucher: string; redemption: string; count: number; amount: Money }
  | { type: 'refund'; customer_id: string; voucher: string; uses: number; amount: Money }
  | { type: 'breakage'; voucher: string; uses: number; amount: Money }
  /** The ledger splits `amount` by the deal's plan; its lines add up exactly to it. */
  | { type: 'settle'; voucher: string; redemption: string; amount: Money; ledger: Ledger };

/** The input of `voucherOrderOpen` (wire `voucher_order.open`). */
export interface VoucherOrderOpenRequest {
  deal: VoucherDeal;
  order_id: string;
  customer_id: string;
}

/** The input of `voucherOrderStep` (wire `voucher_order.step`). */
export interface VoucherOrderStepRequest {
  state: VoucherOrderState;
  /** The deal the order was opened with. */
  deal: VoucherDeal;
  command: VoucherOrderCommand;
  now: Rfc3339;
}

/** The result of `voucherOrderStep`. */
export interface VoucherOrderStep {
  /** The state after the command (the input's, unchanged, for a duplicate). */
  state: VoucherOrderStateRecord;
  /** For a duplicate: the original effects, already returned once: do not carry them out again. */
  effects: VoucherOrderEffect[];
  duplicate: boolean;
}

/** The input of `voucherOrderReplay` (wire `voucher_order.replay`). */
export interface VoucherOrderReplayRequest {
  deal: VoucherDeal;
  order_id: string;
  customer_id: string;
  /** The command log, in time order (default: none). */
  commands?: TimedVoucherCommand[];
}

/** The result of `voucherOrderReplay`. */
export interface VoucherOrderReplay {
  /** The state after the last command. */
  state: VoucherOrderStateRecord;
  /** The effects of every applied command, in order (duplicates add none). */
  effects: VoucherOrderEffect[];
  /** The positions of the commands that were duplicates (absent when none). */
  duplicates?: number[];
}

/** What kind of sales channel took an order: `own_app`, `mini_program` (小程序), `third_party` (a commission-taking platform). */
export type SalesChannelKind = 'own_app' | 'mini_program' | 'third_party';

/**
 * A sales channel an order can come in on, with the fee it takes: any split `Pay` on what the
 * customer paid, paid to `fee_to` at settlement as the first rule (`channel_fee`).
 */
export interface SalesChannel {
  /** The channel id an order names (`own_app`, `wechat`, `dianping`, …). */
  id: string;
  kind: SalesChannelKind;
  /** The fee (none: free, as an own app usually is). */
  fee?: Pay | null;
  /** Who is paid the fee (required with a fee). */
  fee_to?: Party | null;
}

/**
 * The policy of a store order (flows 2, 3 and 4): `flow` (`offline_to_online`,
 * `online_to_offline_to_online` or `offline_to_online_to_offline`; `online_to_offline` is the
 * voucher order and throws `invalid_store_order_policy`), the `currency`, the split `plan` at
 * settlement (rules paying a lifecycle role the order did not fill are left out), the touch
 * `binding` rule (flows 2, 3), the sales `channels` (flow 4: at least one), the
 * `partner_stores` and `assign` policy (flow 3 routing), `cancel_minutes` (none: until the
 * store accepts; 0: never) and the `refund` policy of clawbacks.
 */
export interface StoreOrderPolicy {
  id: string;
  flow: Flow;
  currency: CurrencyCode;
  plan: SplitPlan;
  binding?: BindRule | null;
  channels?: SalesChannel[];
  partner_stores?: Store[];
  assign?: AssignPolicy;
  cancel_minutes?: number | null;
  refund?: RefundPolicy;
}

/**
 * One command to a store order, with its idempotency `key` (the same command again is a
 * duplicate; another command under the key is `idempotency_conflict`) and its `actor`.
 */
export type StoreOrderCommand =
  /** A QR scan, staff referral (flow 2) or offline experience (flow 3) before the order; customer or staff. */
  | { type: 'touch'; key: string; actor: LifecycleActor; store_id: string; staff_id?: string | null; channel?: string | null }
  /**
   * The customer places and pays. `channel`: one of the policy's (required in flow 4); `store_id`: flows 2
   * and 4 (flow 3 routes to the nearest eligible partner store); `address`: for delivery and every flow 3
   * order; `items`: for flow 3's stock check; `dine_in` only in flow 4.
   */
  | {
      type: 'place';
      key: string;
      actor: LifecycleActor;
      amount: Money;
      discounts?: FundedDiscount[];
      channel?: string | null;
      fulfilment: Fulfilment;
      store_id?: string | null;
      address?: Location | null;
      items?: AssignItem[];
    }
  /** Staff accept the order. */
  | { type: 'accept'; key: string; actor: LifecycleActor }
  /** Staff mark it ready. */
  | { type: 'ready'; key: string; actor: LifecycleActor }
  /** Staff or logistics hand a delivery to a rider. */
  | { type: 'dispatch'; key: string; actor: LifecycleActor }
  /** Logistics (a delivery) or staff (pickup, dine-in) complete it. */
  | { type: 'complete'; key: string; actor: LifecycleActor }
  /** The platform settles the paid amount through the plan. */
  | { type: 'settle'; key: string; actor: LifecycleActor }
  /** The customer cancels before the store accepts, within `cancel_minutes`: a full refund. */
  | { type: 'cancel'; key: string; actor: LifecycleActor }
  /** Staff or the platform void it before completion: a full refund. */
  | { type: 'void'; key: string; actor: LifecycleActor; reason?: string | null }
  /**
   * The customer or the platform refund after completion: the whole amount before settlement; after it
   * the rest (no `amount`) or a part, clawed back from the settled ledger.
   */
  | { type: 'refund'; key: string; actor: LifecycleActor; amount?: Money | null };

/** A command with its time, for `storeOrderReplay`. */
export interface TimedStoreOrderCommand {
  at: Rfc3339;
  command: StoreOrderCommand;
}

/**
 * Where a store order is: `created` → `received` → `in_preparation` → `ready` →
 * (`out_for_delivery`) → `completed` → `closed` (settled; still takes a `refund`); terminal and
 * absorbing: `cancelled`, `voided`, `refunded`.
 */
export type StoreOrderStatus =
  | 'created'
  | 'received'
  | 'in_preparation'
  | 'ready'
  | 'out_for_delivery'
  | 'completed'
  | 'closed'
  | 'cancelled'
  | 'voided'
  | 'refunded';

/** One in-store touch (flows 2 and 3), in the order it was recorded. */
export interface StoreTouch {
  key: string;
  store_id: string;
  staff_id?: string | null;
  /** How it happened (`store` when not given). */
  channel: string;
  actor: LifecycleActor;
  at: Rfc3339;
}

/** The order as placed: what was paid, how it is fulfilled, by which store, and who is credited. */
export interface PlacedOrder {
  amount: Money;
  discounts?: FundedDiscount[];
  channel?: string | null;
  fulfilment: Fulfilment;
  /** The fulfilling store (given, or chosen by routing in flow 3). */
  store_id: string;
  address?: Location | null;
  /** The bindings in force when it was placed (flow 2: staff and store; flow 3: the experience store). */
  bindings?: Binding[];
  /** The parties filling the order's roles at settlement (`store` and the bound parties). */
  parties: Party[];
  at: Rfc3339;
}

/** When each milestone of a store order happened. */
export interface StoreOrderMilestones {
  accepted_at?: Rfc3339 | null;
  ready_at?: Rfc3339 | null;
  dispatched_at?: Rfc3339 | null;
  completed_at?: Rfc3339 | null;
  settled_at?: Rfc3339 | null;
  cancelled_at?: Rfc3339 | null;
  voided_at?: Rfc3339 | null;
}

/** Always `charged = refunded + settled − clawed_back + held`; nothing is held in `closed` or a terminal status. */
export interface StoreOrderTotals {
  charged: Money;
  refunded: Money;
  settled: Money;
  clawed_back: Money;
}

/** An applied store-order command and the effects it returned (for idempotent replies). */
export interface ProcessedStoreCommand {
  command: StoreOrderCommand;
  effects: StoreOrderEffect[];
}

/**
 * The whole state of one store order: a plain value the caller stores and passes back. The
 * lists and `milestones` may be left out on input; the core always returns `touches`,
 * `milestones` and `processed` (`StoreOrderStateRecord`).
 */
export interface StoreOrderState {
  order_id: string;
  customer_id: string;
  policy_id: string;
  flow: Flow;
  status: StoreOrderStatus;
  /** The touches before the order (flows 2 and 3). */
  touches?: StoreTouch[];
  /** The order, once placed. */
  order?: PlacedOrder | null;
  milestones?: StoreOrderMilestones;
  /** The settled ledger (kept for clawbacks). */
  ledger?: Ledger | null;
  totals: StoreOrderTotals;
  /** The time of the last applied command. */
  as_of?: Rfc3339 | null;
  /** Every applied command with its effects (what makes a retry a duplicate). */
  processed?: ProcessedStoreCommand[];
}

/** A `StoreOrderState` as the core returns it: `milestones` and `processed` are always present. */
export type StoreOrderStateRecord = StoreOrderState & {
  milestones: StoreOrderMilestones;
  processed: ProcessedStoreCommand[];
};

/** How an order reached the customer, recorded by `complete`: `picked_up` (自提), `delivered`, `served` (堂食). */
export type Handover = 'picked_up' | 'delivered' | 'served';

/**
 * What a store-order step asks the caller to do. Over a whole lifecycle `charge = Σ refund +
 * Σ settle − Σ clawback`: the money nets to zero. `bind`, `assign_store` and `completed` move no money.
 */
export type StoreOrderEffect =
  /** A party credited by the touches (flow 2: staff and store; flow 3: the experience store). */
  | { type: 'bind'; binding: Binding }
  /** The partner store routing chose (flow 3), and why every other store was passed over. */
  | { type: 'assign_store'; store_id: string; distance_m: number; eta_minutes?: number | null; passed_over: PassedOver[] }
  | { type: 'charge'; customer_id: string; amount: Money }
  | { type: 'completed'; store_id: string; handover: Handover }
  /** The ledger splits `amount` (the channel's fee first, then the plan); its lines add up exactly to it. */
  | { type: 'settle'; amount: Money; ledger: Ledger }
  | { type: 'refund'; customer_id: string; amount: Money }
  /** Taken back from the settled parties for a refund after settlement; the lines add up to `-amount`. */
  | { type: 'clawback'; amount: Money; clawback: Clawback };

/** The input of `storeOrderOpen` (wire `store_order.open`). */
export interface StoreOrderOpenRequest {
  policy: StoreOrderPolicy;
  order_id: string;
  customer_id: string;
}

/** The input of `storeOrderStep` (wire `store_order.step`). */
export interface StoreOrderStepRequest {
  state: StoreOrderState;
  /** The policy the order was opened with. */
  policy: StoreOrderPolicy;
  command: StoreOrderCommand;
  now: Rfc3339;
}

/** The result of `storeOrderStep`. */
export interface StoreOrderStep {
  /** The state after the command (the input's, unchanged, for a duplicate). */
  state: StoreOrderStateRecord;
  /** For a duplicate: the original effects, already returned once: do not carry them out again. */
  effects: StoreOrderEffect[];
  duplicate: boolean;
}

/** The input of `storeOrderReplay` (wire `store_order.replay`). */
export interface StoreOrderReplayRequest {
  policy: StoreOrderPolicy;
  order_id: string;
  customer_id: string;
  /** The command log, in time order (default: none). */
  commands?: TimedStoreOrderCommand[];
}

/** The result of `storeOrderReplay`. */
export interface StoreOrderReplay {
  /** The state after the last command. */
  state: StoreOrderStateRecord;
  /** The effects of every applied command, in order (duplicates add none). */
  effects: StoreOrderEffect[];
  /** The positions of the commands that were duplicates (absent when none). */
  duplicates?: number[];
}

/** The `details` object of an `O2OError`: what the CLI prints for an error. */
export interface ErrorDetails {
  code: ErrorCode;
  category: ErrorCategory;
  message: string;
  /**
   * For an error of `groupbuyReplay`, `cardReplay`, `pointsReplay`, `voucherOrderReplay` or `storeOrderReplay` raised by one event of the
   * log: the zero-based position of the rejected event. Absent otherwise.
   */
  event_index?: number;
}

/** The error every o2okit function throws (a real `Error`). */
export declare class O2OError extends Error {
  constructor(message: string, code: ErrorCode, category?: ErrorCategory, details?: ErrorDetails);
  readonly name: 'O2OError';
  /** The stable machine-readable code. */
  readonly code: ErrorCode;
  /** The broad family of the error. */
  readonly category: ErrorCategory;
  /** `{code, category, message}`, plus `event_index` for a rejected event of a replayed log. */
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
  'groupbuy.open': GroupBuyOpenInput;
  'groupbuy.step': GroupBuyStepInput;
  'groupbuy.replay': GroupBuyReplayInput;
  'groupbuy.progress': GroupBuyProgressInput;
  'groupbuy.simulate': TeamSimulation;
  split: SplitRequest;
  'split.batch': SplitBatchRequest;
  'split.refund': RefundRequest;
  'split.pool': PoolRequest;
  attribute: AttributionRequest;
  'attribute.shapley': ShapleyRequest;
  bind: BindRequest;
  settle: SettleRequest;
  'store.assign': AssignRequest;
  'card.apply': CardApplyInput;
  'card.replay': CardReplayRequest;
  'points.replay': PointsReplayRequest;
  'points.redeem': PointsRedeemRequest;
  'order.normalize': NormalizeRequest;
  'price.parity': ParityRequest;
  'voucher.issue': VoucherIssueRequest;
  'voucher.issue_batch': VoucherBatchRequest;
  'voucher.verify': VoucherVerifyRequest;
  'flow.classify': Journey;
  'flow.definition': FlowDefinitionRequest;
  'voucher_order.open': VoucherOrderOpenRequest;
  'voucher_order.step': VoucherOrderStepRequest;
  'voucher_order.replay': VoucherOrderReplayRequest;
  'store_order.open': StoreOrderOpenRequest;
  'store_order.step': StoreOrderStepRequest;
  'store_order.replay': StoreOrderReplayRequest;
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
  'groupbuy.open': GroupBuyStateRecord;
  'groupbuy.step': GroupBuyStep;
  'groupbuy.replay': GroupBuyReplay;
  'groupbuy.progress': GroupBuyProgress;
  'groupbuy.simulate': SimulationReport;
  split: Ledger;
  'split.batch': SplitBatch;
  'split.refund': Clawback;
  'split.pool': PoolSplit;
  attribute: Attribution;
  'attribute.shapley': ShapleyAttribution;
  bind: BindingState;
  settle: Settlement;
  'store.assign': Assignment;
  'card.apply': CardStep;
  'card.replay': CardReplay;
  'points.replay': PointsReplay;
  'points.redeem': PointsRedemption;
  'order.normalize': Intake;
  'price.parity': ParityReport;
  'voucher.issue': VoucherCode;
  'voucher.issue_batch': VoucherCode[];
  'voucher.verify': Verification;
  'flow.classify': Classification;
  'flow.definition': FlowDefinition;
  'voucher_order.open': VoucherOrderStateRecord;
  'voucher_order.step': VoucherOrderStep;
  'voucher_order.replay': VoucherOrderReplay;
  'store_order.open': StoreOrderStateRecord;
  'store_order.step': StoreOrderStep;
  'store_order.replay': StoreOrderReplay;
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
 * Validate a group-buy campaign and return its initial state (`open`, no teams, no
 * participations), to store and pass to `groupbuyStep`. Throws `invalid_input` (naming the
 * field) or `currency_mismatch` for a bad definition.
 */
export function groupbuyOpen(campaign: GroupBuyCampaign): GroupBuyStateRecord;

/**
 * Apply one event at `now` (an RFC 3339 string) and return the new state, the effects to
 * carry out and the outcome. Pure: `state` is not modified, and on an error nothing is
 * applied. A retry of an applied command (same key, same command) is a `duplicate` with no
 * change and no effects. Throws the `groupbuy` category's codes (`campaign_ended` for a
 * terminal state, `deadline_passed`, `team_expired`, `team_full`, `campaign_full`,
 * `customer_limit_reached`, `idempotency_conflict`, `time_out_of_order`, …) and
 * `invalid_input` for an inconsistent state.
 */
export function groupbuyStep(state: GroupBuyState, event: GroupBuyEvent, now: Rfc3339): GroupBuyStep;

/**
 * Replay an event log (in time order) from the campaign's opening: the same state, effects
 * and outcomes as stepping each event with its `at` as `now`, only faster. The first rejected
 * event stops the replay: the error has that event's code and `details.event_index`, its
 * zero-based position.
 */
export function groupbuyReplay(campaign: GroupBuyCampaign, events: TimedEvent[]): GroupBuyReplay;

/**
 * Where a campaign stands at `now`: counts (places held, paid, pending), what is still
 * needed, the time left, the ladder's current and next price, and a hint, for the campaign
 * and each team. Read-only; windows and deadlines up to `now` count as if ticked.
 */
export function groupbuyProgress(state: GroupBuyState, now: Rfc3339): GroupBuyProgress;

/**
 * For each team size, how many observed teams would have succeeded (or by virtual fill)
 * or failed, from their join times; with `target_success_rate`, the largest size that meets
 * it. Throws `simulation_too_large` beyond the documented limits, `invalid_input` for bad
 * sizes, windows, rates or join times.
 */
export function groupbuySimulate(spec: TeamSimulation): SimulationReport;

/**
 * Split what an order paid between the roles that made it happen: the plan's rules in order
 * (percent, fixed, percent plus fixed, min/max clamp, tiered, ratio cap, each on a named
 * base), then the remainder, then one subsidy line per discount funded by someone other than
 * the remainder party. The lines add up exactly to `paid`. Throws `invalid_plan`,
 * `duplicate_id`, `invalid_order`, `missing_party`, `split_exceeds_total` (naming the rule),
 * `invalid_attribution`, `currency_mismatch`.
 */
export function split(order: SplitOrder, plan: SplitPlan): Ledger;

/**
 * Split many orders with one plan, compiled once. An order that fails does not stop the
 * others: it is listed in `errors` with its index, code and message. Throws only for a bad
 * plan or undecodable input.
 */
export function splitBatch(plan: SplitPlan, orders: SplitOrder[]): SplitBatch;

/**
 * Claw a refund back from the shares of an order's split: one line per ledger line, each
 * the negative of what it gives back. Refunds are cumulative (`refunded_before`), so the
 * parts of several partial refunds add up to the full split. Throws `refund_exceeds_paid`
 * and the errors of `split`.
 */
export function splitRefund(request: RefundRequest): Clawback;

/**
 * Share a pool: `members_percent` of it between the members by weight (largest remainder),
 * the rest to the keeper. Throws `invalid_pool`, `negative_weight`.
 */
export function splitPool(request: PoolRequest): PoolSplit;

/**
 * Credit a pool to the touchpoints of a journey by a model (first touch, last touch, linear,
 * time decay, position-based); the shares add up to the pool. Throws `invalid_attribution`.
 */
export function attribute(request: AttributionRequest): Attribution;

/**
 * Shapley values of the channels over a batch of journeys (closed form, exact, or sampled
 * with a fixed seed), and a pool split by them. Throws `too_many_channels`,
 * `invalid_attribution`.
 */
export function attributeShapley(request: ShapleyRequest): ShapleyAttribution;

/**
 * Who a customer is bound to at `now` under a first-wins or last-wins rule with an optional
 * lock window and expiry, and what each event did. Throws `invalid_binding`.
 */
export function bind(request: BindRequest): BindingState;

/**
 * Statements per party, currency and period (`all`, `day`, `week`, `month` in a time zone)
 * from ledger lines of splits and clawbacks. Throws `unknown_time_zone`.
 */
export function settle(request: SettleRequest): Settlement;

/**
 * The store that fulfils an order: the **nearest** (haversine, or the caller's road distance)
 * store whose area serves the address, open at `now`, with the stock and the capacity; ties by
 * the policy's `tie_breaks`, then input order. Every other store is in `passed_over` with all
 * its reasons. No eligible store is `status: 'unassigned'`, not an error. With
 * `split: 'fewest_stores'`, an order no single store can fulfil is covered by the fewest stores.
 * Throws `invalid_store`, `invalid_location` (category `store`), `unknown_time_zone`,
 * `currency_mismatch`.
 */
export function assign(request: AssignRequest): Assignment;

/**
 * Apply one event (top-up, spend, refund, close) at `at` to a stored-value card and return the
 * next state (to store) and the ledger entry. Pure: on an error nothing has changed. Throws
 * `insufficient_balance`, `balance_limit_exceeded`, `card_closed`, `spend_not_found`,
 * `refund_exceeds_spend`, `events_out_of_order`, `invalid_membership` (category `membership`),
 * `idempotency_conflict` (a top-up key reused with another amount), `currency_mismatch`.
 */
export function cardApply(input: CardApplyInput): CardStep;

/**
 * Replay a card's event log from its opening: the same state and entries as `cardApply` on each
 * event, and the totals. The first rejected event stops the replay; its error carries
 * `details.event_index`.
 */
export function cardReplay(request: CardReplayRequest): CardReplay;

/**
 * Replay a points log from an empty account: lots (expiring on the programme's calendar in its
 * time zone), the ledger, totals and breakage per period. Each event first expires the lots due
 * at its time; `until` expires what is due after the last event. The first rejected event
 * (`insufficient_points`, `events_out_of_order`) stops the replay with `details.event_index`.
 */
export function pointsReplay(request: PointsReplayRequest): PointsReplay;

/**
 * Redeem points from a stored state at `at` (soonest-expiring lots first, after expiring what
 * is due) and turn them into an amount-off `Promotion` funded by the programme's payer, ready
 * for `quote`. Throws `insufficient_points`, `events_out_of_order`, `invalid_membership` (no
 * `point_value`).
 */
export function pointsRedeem(request: PointsRedeemRequest): PointsRedemption;

/**
 * Map an order from any source (till, own app, mini-program, marketplace, phone) into one
 * `CanonicalOrder` with a deterministic id (UUID v5) and fingerprint. With `seen`, a
 * resubmission with the same content is `status: 'duplicate'`; the same external id with other
 * content throws `conflicting_duplicate`. Throws `amounts_do_not_reconcile`,
 * `invalid_source_order` (category `intake`), `currency_mismatch`, `unknown_currency`.
 */
export function normalize<S extends Source>(request: NormalizeRequest<S>): Intake;

/**
 * Compare observed prices per product and currency across channels and stores: min, max,
 * spread, a reference price, and every observation beyond the tolerance (inclusive), higher or
 * lower and by how much. Throws `invalid_parity_check` (category `intake`), `currency_mismatch`
 * (a tolerance in another currency).
 */
export function priceParity(request: ParityRequest): ParityReport;

/**
 * Issue the voucher code of one serial: `serial · MAC digits · check digit`, the MAC an
 * HMAC-SHA256 of the spec, the scope and the serial under `key`, truncated as in HOTP. A store
 * verifies it offline with `verifyCode` and the same key, spec and scope. Throws
 * `invalid_voucher_key`, `invalid_voucher_spec` (bad digits, or a serial that does not fit in
 * `serial_digits`), `invalid_voucher_scope` (category `voucher`).
 */
export function issueCode(request: VoucherIssueRequest): VoucherCode;

/**
 * Issue the codes of `count` consecutive serials from `first_serial` (at most 100,000 per
 * call), in serial order: the same codes as `issueCode` one by one, faster. Throws what
 * `issueCode` throws.
 */
export function issueCodes(request: VoucherBatchRequest): VoucherCode[];

/**
 * Verify a presented code offline at `now`: check digit first (`bad_check_digit`), then the MAC
 * digits recomputed for the given scope and compared in constant time (`mismatch`), then the
 * expiry (`expired`). A rejected code is a result, not an error; a malformed one (wrong length,
 * a character other than digits, spaces and hyphens) throws `invalid_voucher_code`, and a bad
 * key, spec or scope throws as in `issueCode`.
 */
export function verifyCode(request: VoucherVerifyRequest): Verification;

/**
 * Read which of the four O2O flows a journey followed from its touchpoints (in any order): the
 * first transaction, where the customer was won before it, any offline experience before it,
 * and what followed it. Not every journey is one of the four: the result may be `not_o2o`,
 * `incomplete` (with the missing parts and the candidates) or `ambiguous`. Throws
 * `invalid_journey` (category `flow`: an empty party id, an empty `id` or `kind`, a repeated
 * touchpoint id, more than 10,000 touchpoints).
 */
export function classify(journey: Journey): Classification;

/** One of the four flows as data: its steps (part, channel, stages), roles and lifecycle. */
export function flowDefinition(request: FlowDefinitionRequest): FlowDefinition;

/**
 * Open an online → offline voucher order (flow 1) for a deal: status `created`, nothing paid.
 * Throws `invalid_deal` (category `lifecycle`), `invalid_input` (an empty order or customer id).
 */
export function voucherOrderOpen(request: VoucherOrderOpenRequest): VoucherOrderStateRecord;

/**
 * Apply one command to a voucher order's state at `now`: the next state and the effects. The
 * identical command under a used key is `duplicate: true` (nothing applied twice); another
 * command under it throws `idempotency_conflict`. Throws (category `lifecycle`)
 * `command_not_allowed`, `store_not_allowed`, `outside_validity`, `no_uses_left`,
 * `reversal_window_passed`, `already_settled`, `already_reversed`, `refund_not_allowed`,
 * `unknown_voucher`, `unknown_redemption`, `amount_mismatch`, `invalid_deal`; and
 * `time_out_of_order`. A rejected command changes nothing.
 */
export function voucherOrderStep(request: VoucherOrderStepRequest): VoucherOrderStep;

/**
 * Open a voucher order and apply a command log: the same as `voucherOrderStep` on each command.
 * The first rejected command stops the replay; its error carries `details.event_index`.
 */
export function voucherOrderReplay(request: VoucherOrderReplayRequest): VoucherOrderReplay;

/**
 * Open a store order (flows 2, 3 and 4) under a policy: status `created`, nothing paid. Throws
 * `invalid_store_order_policy` (category `lifecycle`; also for flow 1, the voucher order),
 * `invalid_input` (an empty order or customer id).
 */
export function storeOrderOpen(request: StoreOrderOpenRequest): StoreOrderStateRecord;

/**
 * Apply one command to a store order's state at `now`: the next state and the effects. The
 * identical command under a used key is `duplicate: true` (nothing applied twice); another
 * command under it throws `idempotency_conflict`. Throws (category `lifecycle`)
 * `command_not_allowed` (the wrong actor, a status that does not take the command, a terminal
 * status, a cancel after the window), `unknown_channel`, `no_store_available` (flow 3 routing),
 * `refund_not_allowed`, `invalid_store_order_policy`; `refund_exceeds_paid` (category `split`);
 * and `time_out_of_order`. A rejected command changes nothing.
 */
export function storeOrderStep(request: StoreOrderStepRequest): StoreOrderStep;

/**
 * Open a store order and apply a command log: the same as `storeOrderStep` on each command.
 * The first rejected command stops the replay; its error carries `details.event_index`.
 */
export function storeOrderReplay(request: StoreOrderReplayRequest): StoreOrderReplay;

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
