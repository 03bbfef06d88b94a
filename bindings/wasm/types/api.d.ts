// The hand-written part of the declarations: the API (functions, errors, constants) and a
// few aliases. tools/gen-types.mjs writes index.d.ts (and storefront.d.ts) from it: the wire
// types generated from the core's JSON Schema first, then this file (for storefront.d.ts,
// only the blocks of the functions that entry exports: each block starts with `//@@` and
// the wire names it needs, `*` for every entry). Edit this file, not index.d.ts.

//@@ *
/**
 * An exact decimal written as a string: `"12.30"`, `"-5"`, `"1E-7"`. No spaces, no
 * thousands separators. Money amounts must be strings; a JS `number` is rejected with the
 * code `number_for_money`.
 */
export type Decimal = string;

/**
 * An instant as an RFC 3339 string with an offset: `"2026-11-22T10:00:00+08:00"` or
 * `"2026-11-22T02:00:00Z"`. A JS `Date` is not accepted (`invalid_json`): pass
 * `date.toISOString()` (UTC) or a string with the store's offset.
 */
export type Rfc3339 = string;
/** An ISO 4217 currency code such as `"CNY"`, `"JPY"` or `"KWD"` (case-insensitive on input). */
export type CurrencyCode = Currency;

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
 * inconsistent carts, promotions, contexts, campaigns or states), and `internal` (a bug of
 * o2okit: a panic or a trap of the WebAssembly module, code `internal`; the module is
 * restarted and stays usable).
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
  | 'lifecycle'
  | 'internal';

//@@ *
/*@generated ErrorCode, FunctionName, FunctionInputs, FunctionOutputs@*/

//@@ *
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

//@@ *
/** The `type` of each kind of discount. */
export type DiscountType = Discount['type'];
/** The `type` of each kind of group-buy campaign. */
export type GroupBuyKindType = GroupBuyKind['type'];
/** The `type` of each group-buy event. */
export type GroupBuyEventType = GroupBuyEvent['type'];
/** The `type` of each group-buy effect. */
export type GroupBuyEffectType = GroupBuyEffect['type'];
/** The `type` of each way to pay a rule. */
export type PayType = Pay['type'];
/** The `type` of each attribution model. */
export type AttributionModelType = AttributionModel['type'];
/** The `code` of each reason a store was passed over. */
export type PassReasonCode = PassReason['code'];
/** The `type` of each stored-value card event. */
export type CardEventType = CardEvent['type'];
/** The `type` of each points event. */
export type PointsEventType = PointsEvent['type'];
/** The `result` of each kind of classification. */
export type ClassificationResult = Classification['result'];

//@@ order.normalize
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

//@@ coupon.redeem,coupon.rollback,coupon.validate
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

//@@ groupbuy.open,groupbuy.step,groupbuy.replay,groupbuy.progress
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

//@@ card.apply
/** The input of `cardApply` (wire `card.apply`): one event applied to a stored state. */
export interface CardApplyInput {
  card: CardState;
  rules?: CardRules;
  event: CardEvent;
  at: Rfc3339;
}

//@@ *
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


//@@ allocate
/**
 * Split money by weights with the largest remainder method on whole minor units (or cash
 * steps). The parts always add up to the total; equal remainders go to the earlier party.
 */
export function allocate(request: AllocationRequest): Allocation;

//@@ allocate.batch
/**
 * Many allocations in one call (one crossing into the WebAssembly module): each result is
 * what `allocate` gives for that request, `{ allocation }`, or only the parts' amounts
 * `{ amounts: ['33.34', …] }` with `detail: 'amounts'`, or `{ error }` for a request that
 * fails (the others are still computed). At most 100,000 requests.
 */
export function allocateBatch(requests: AllocationRequest[], detail?: BatchDetail): AllocateBatch;

//@@ currency
/** Look up an ISO 4217 currency (case-insensitive). */
export function currency(code: CurrencyCode): CurrencyDescription;

//@@ money.parse
/**
 * Parse an exact decimal string as money. More decimals than the currency allows is an
 * error (`too_many_decimals`) unless a rounding mode is given.
 */
export function parseMoney(amount: Decimal, currency: CurrencyCode, rounding?: Rounding): Money;

//@@ money.add
/** `a + b`; both in the same currency (`currency_mismatch` otherwise). */
export function addMoney(a: Money, b: Money): Money;

//@@ money.sub
/** `a - b`; both in the same currency (`currency_mismatch` otherwise). */
export function subtractMoney(a: Money, b: Money): Money;

//@@ money.multiply
/** `money × factor`, rounded to the minor unit (default `half_even`). */
export function multiplyMoney(money: Money, factor: Decimal | number, rounding?: Rounding): Money;

//@@ money.round_to_step
/** Round to a whole number of cash steps such as CHF `"0.05"` (default `half_even`). */
export function roundToStep(money: Money, step: Decimal | number, rounding?: Rounding): Money;

//@@ quote
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

//@@ quote.batch
/**
 * Several carts priced under the same promotions and context in one call: each result is
 * `{ quote }` (what `quote` gives for that cart) or `{ error }`. At most 100,000 carts.
 */
export function quoteBatch(request: QuoteBatchRequest): QuoteBatch;

//@@ coupon.validate
/**
 * Whether a held coupon can be used on this order and for how much, with no side effect:
 * usable by `context.customer.id` at `context.now` (else `problem`), and would its promotion
 * apply, quoted with only this coupon selected beside the automatic offers (else
 * `rejection`, with a hint). Throws `invalid_input` when the coupon's promotion is not among
 * `promotions`, and any error of `quote`.
 */
export function validateCoupon(input: ValidateCouponInput): CouponValidation;

//@@ coupon.redeem
/**
 * Record that an order used the coupon, returning the new record to store. Idempotent per
 * order id: while that order's redemption counts, the same amount returns an identical
 * record (a retry never spends a second use) and another amount throws
 * `redemption_conflict`. Throws `coupon_not_usable` (expired, not the owner),
 * `coupon_exhausted` (no uses left), `invalid_input` (empty order id, negative amount,
 * inconsistent record), all in the `promotion` category except `invalid_input`.
 */
export function redeemCoupon(input: RedeemCouponInput): HeldCouponRecord;

//@@ coupon.rollback
/**
 * Give back discount of an order's redemption (the order was returned), returning the new
 * record: a full rollback without `amount` (releases the use; idempotent), or a partial one
 * (releases the use once the returns reach the whole amount; not idempotent). Throws
 * `redemption_not_found`, `rollback_exceeds_redemption`, `currency_mismatch`, `invalid_input`.
 */
export function rollbackCoupon(input: RollbackCouponInput): HeldCouponRecord;

//@@ groupbuy.open
/**
 * Validate a group-buy campaign and return its initial state (`open`, no teams, no
 * participations), to store and pass to `groupbuyStep`. Throws `invalid_input` (naming the
 * field) or `currency_mismatch` for a bad definition.
 */
export function groupbuyOpen(campaign: GroupBuyCampaign): GroupBuyStateRecord;

//@@ groupbuy.step
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

//@@ groupbuy.replay
/**
 * Replay an event log (in time order) from the campaign's opening: the same state, effects
 * and outcomes as stepping each event with its `at` as `now`, only faster. The first rejected
 * event stops the replay: the error has that event's code and `details.event_index`, its
 * zero-based position.
 */
export function groupbuyReplay(campaign: GroupBuyCampaign, events: TimedEvent[]): GroupBuyReplay;

//@@ groupbuy.progress
/**
 * Where a campaign stands at `now`: counts (places held, paid, pending), what is still
 * needed, the time left, the ladder's current and next price, and a hint, for the campaign
 * and each team. Read-only; windows and deadlines up to `now` count as if ticked.
 */
export function groupbuyProgress(state: GroupBuyState, now: Rfc3339): GroupBuyProgress;

//@@ groupbuy.progress_batch
/**
 * Where many group-buy campaigns stand at `now`, in one call: each result is
 * `{ progress }` (what `groupbuyProgress` gives for that state) or `{ error }`.
 */
export function groupbuyProgressBatch(states: GroupBuyState[], now: Rfc3339): ProgressBatch;

//@@ groupbuy.simulate
/**
 * For each team size, how many observed teams would have succeeded (or by virtual fill)
 * or failed, from their join times; with `target_success_rate`, the largest size that meets
 * it. Throws `simulation_too_large` beyond the documented limits, `invalid_input` for bad
 * sizes, windows, rates or join times.
 */
export function groupbuySimulate(spec: TeamSimulation): SimulationReport;

//@@ split
/**
 * Split what an order paid between the roles that made it happen: the plan's rules in order
 * (percent, fixed, percent plus fixed, min/max clamp, tiered, ratio cap, each on a named
 * base), then the remainder, then one subsidy line per discount funded by someone other than
 * the remainder party. The lines add up exactly to `paid`. Throws `invalid_plan`,
 * `duplicate_id`, `invalid_order`, `missing_party`, `split_exceeds_total` (naming the rule),
 * `invalid_attribution`, `currency_mismatch`.
 */
export function split(order: SplitOrder, plan: SplitPlan): Ledger;

//@@ split.batch
/**
 * Split many orders with one plan, compiled once. An order that fails does not stop the
 * others: it is listed in `errors` with its index, code and message. Throws only for a bad
 * plan or undecodable input.
 */
export function splitBatch(plan: SplitPlan, orders: SplitOrder[]): SplitBatch;

//@@ split.refund
/**
 * Claw a refund back from the shares of an order's split: one line per ledger line, each
 * the negative of what it gives back. Refunds are cumulative (`refunded_before`), so the
 * parts of several partial refunds add up to the full split. Throws `refund_exceeds_paid`
 * and the errors of `split`.
 */
export function splitRefund(request: RefundRequest): Clawback;

//@@ split.pool
/**
 * Share a pool: `members_percent` of it between the members by weight (largest remainder),
 * the rest to the keeper. Throws `invalid_pool`, `negative_weight`.
 */
export function splitPool(request: PoolRequest): PoolSplit;

//@@ attribute
/**
 * Credit a pool to the touchpoints of a journey by a model (first touch, last touch, linear,
 * time decay, position-based); the shares add up to the pool. Throws `invalid_attribution`.
 */
export function attribute(request: AttributionRequest): Attribution;

//@@ attribute.shapley
/**
 * Shapley values of the channels over a batch of journeys (closed form, exact, or sampled
 * with a fixed seed), and a pool split by them. Throws `too_many_channels`,
 * `invalid_attribution`.
 */
export function attributeShapley(request: ShapleyRequest): ShapleyAttribution;

//@@ bind
/**
 * Who a customer is bound to at `now` under a first-wins or last-wins rule with an optional
 * lock window and expiry, and what each event did. Throws `invalid_binding`.
 */
export function bind(request: BindRequest): BindingState;

//@@ settle
/**
 * Statements per party, currency and period (`all`, `day`, `week`, `month` in a time zone)
 * from ledger lines of splits and clawbacks. Throws `unknown_time_zone`.
 */
export function settle(request: SettleRequest): Settlement;

//@@ store.assign
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

//@@ card.apply
/**
 * Apply one event (top-up, spend, refund, close) at `at` to a stored-value card and return the
 * next state (to store) and the ledger entry. Pure: on an error nothing has changed. Throws
 * `insufficient_balance`, `balance_limit_exceeded`, `card_closed`, `spend_not_found`,
 * `refund_exceeds_spend`, `events_out_of_order`, `invalid_membership` (category `membership`),
 * `idempotency_conflict` (a top-up key reused with another amount), `currency_mismatch`.
 */
export function cardApply(input: CardApplyInput): CardStep;

//@@ card.replay
/**
 * Replay a card's event log from its opening: the same state and entries as `cardApply` on each
 * event, and the totals. The first rejected event stops the replay; its error carries
 * `details.event_index`.
 */
export function cardReplay(request: CardReplayRequest): CardReplay;

//@@ points.replay
/**
 * Replay a points log from an empty account: lots (expiring on the programme's calendar in its
 * time zone), the ledger, totals and breakage per period. Each event first expires the lots due
 * at its time; `until` expires what is due after the last event. The first rejected event
 * (`insufficient_points`, `events_out_of_order`) stops the replay with `details.event_index`.
 */
export function pointsReplay(request: PointsReplayRequest): PointsReplay;

//@@ points.redeem
/**
 * Redeem points from a stored state at `at` (soonest-expiring lots first, after expiring what
 * is due) and turn them into an amount-off `Promotion` funded by the programme's payer, ready
 * for `quote`. Throws `insufficient_points`, `events_out_of_order`, `invalid_membership` (no
 * `point_value`).
 */
export function pointsRedeem(request: PointsRedeemRequest): PointsRedemption;

//@@ order.normalize
/**
 * Map an order from any source (till, own app, mini-program, marketplace, phone) into one
 * `CanonicalOrder` with a deterministic id (UUID v5) and fingerprint. With `seen`, a
 * resubmission with the same content is `status: 'duplicate'`; the same external id with other
 * content throws `conflicting_duplicate`. Throws `amounts_do_not_reconcile`,
 * `invalid_source_order` (category `intake`), `currency_mismatch`, `unknown_currency`.
 */
export function normalize<S extends Source>(request: { source: S; payload: SourcePayloads[S]; seen?: SeenOrder[] }): Intake;

//@@ price.parity
/**
 * Compare observed prices per product and currency across channels and stores: min, max,
 * spread, a reference price, and every observation beyond the tolerance (inclusive), higher or
 * lower and by how much. Throws `invalid_parity_check` (category `intake`), `currency_mismatch`
 * (a tolerance in another currency).
 */
export function priceParity(request: ParityRequest): ParityReport;

//@@ voucher.issue
/**
 * Issue the voucher code of one serial: `serial · MAC digits · check digit`, the MAC an
 * HMAC-SHA256 of the spec, the scope and the serial under `key`, truncated as in HOTP. A store
 * verifies it offline with `verifyCode` and the same key, spec and scope. Throws
 * `invalid_voucher_key`, `invalid_voucher_spec` (bad digits, or a serial that does not fit in
 * `serial_digits`), `invalid_voucher_scope` (category `voucher`).
 */
export function issueCode(request: VoucherIssueRequest): VoucherCode;

//@@ voucher.issue_batch
/**
 * Issue the codes of `count` consecutive serials from `first_serial` (at most 100,000 per
 * call), in serial order: the same codes as `issueCode` one by one, faster. Throws what
 * `issueCode` throws.
 */
export function issueCodes(request: VoucherBatchRequest): VoucherCode[];

//@@ voucher.verify
/**
 * Verify a presented code offline at `now`: check digit first (`bad_check_digit`), then the MAC
 * digits recomputed for the given scope and compared in constant time (`mismatch`), then the
 * expiry (`expired`). A rejected code is a result, not an error; a malformed one (wrong length,
 * a character other than digits, spaces and hyphens) throws `invalid_voucher_code`, and a bad
 * key, spec or scope throws as in `issueCode`.
 */
export function verifyCode(request: VoucherVerifyRequest): Verification;

//@@ flow.classify
/**
 * Read which of the four O2O flows a journey followed from its touchpoints (in any order): the
 * first transaction, where the customer was won before it, any offline experience before it,
 * and what followed it. Not every journey is one of the four: the result may be `not_o2o`,
 * `incomplete` (with the missing parts and the candidates) or `ambiguous`. Throws
 * `invalid_journey` (category `flow`: an empty party id, an empty `id` or `kind`, a repeated
 * touchpoint id, more than 10,000 touchpoints).
 */
export function classify(journey: Journey): Classification;

//@@ flow.definition
/** One of the four flows as data: its steps (part, channel, stages), roles and lifecycle. */
export function flowDefinition(request: FlowDefinitionRequest): FlowDefinition;

//@@ voucher_order.open
/**
 * Open an online → offline voucher order (flow 1) for a deal: status `created`, nothing paid.
 * Throws `invalid_deal` (category `lifecycle`), `invalid_input` (an empty order or customer id).
 */
export function voucherOrderOpen(request: VoucherOrderOpenRequest): VoucherOrderStateRecord;

//@@ voucher_order.step
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

//@@ voucher_order.replay
/**
 * Open a voucher order and apply a command log: the same as `voucherOrderStep` on each command.
 * The first rejected command stops the replay; its error carries `details.event_index`.
 */
export function voucherOrderReplay(request: VoucherOrderReplayRequest): VoucherOrderReplay;

//@@ store_order.open
/**
 * Open a store order (flows 2, 3 and 4) under a policy: status `created`, nothing paid. Throws
 * `invalid_store_order_policy` (category `lifecycle`; also for flow 1, the voucher order),
 * `invalid_input` (an empty order or customer id).
 */
export function storeOrderOpen(request: StoreOrderOpenRequest): StoreOrderStateRecord;

//@@ store_order.step
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

//@@ store_order.replay
/**
 * Open a store order and apply a command log: the same as `storeOrderStep` on each command.
 * The first rejected command stops the replay; its error carries `details.event_index`.
 */
export function storeOrderReplay(request: StoreOrderReplayRequest): StoreOrderReplay;

//@@ *
/**
 * Call a function by its wire name with its wire input (the JSON shape, as an object). A
 * known name is typed by `FunctionInputs` / `FunctionOutputs`; any other name is accepted
 * (and fails at run time with `unknown_function`).
 */
export function call<F extends FunctionName>(functionName: F, input: FunctionInputs[F]): FunctionOutputs[F];
export function call<S extends string>(functionName: S & (S extends FunctionName ? never : S), input: unknown): unknown;

//@@ *
/** The version of the o2okit core inside the WebAssembly module. */
export function version(): string;

//@@ *
/** The wire names of the functions `call` knows. */
export const FUNCTIONS: readonly FunctionName[];

//@@ *
/** Every rounding mode, the default (`half_even`) first. */
export const ROUNDING_MODES: readonly Rounding[];

//@@ *
/** Every stable error code. */
export const ERROR_CODES: readonly ErrorCode[];

//@@ *
/** What `init` accepts: a URL or path to fetch, a Response, the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

//@@ *
/**
 * Load the WebAssembly module (browser entry; a no-op in Node, where it loads on import).
 * Without an argument the `.wasm` file is fetched from next to the package's glue code.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;
export { init };

//@@ *
/** Load the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;
