// Compiled with `tsc --noEmit --strict -p tsconfig.json` by the tests: it uses the public
// API through the package's own name (so the `types` condition of package.json is what is
// checked) and asserts, with @ts-expect-error, what the types must refuse.
import init, {
  addMoney,
  allocate,
  allocateBatch,
  quoteBatch,
  groupbuyProgressBatch,
  type AllocateBatch,
  type AllocateBatchItem,
  type QuoteBatch,
  type ProgressBatch,
  type ItemError,
  call,
  currency,
  ERROR_CODES,
  FUNCTIONS,
  multiplyMoney,
  O2OError,
  parseMoney,
  quote,
  redeemCoupon,
  rollbackCoupon,
  validateCoupon,
  groupbuyOpen,
  groupbuyProgress,
  groupbuyReplay,
  groupbuySimulate,
  groupbuyStep,
  ROUNDING_MODES,
  roundToStep,
  subtractMoney,
  version,
  type Allocation,
  type AllocationPart,
  type AllocationRequest,
  type CurrencyDescription,
  type Decimal,
  type ErrorCategory,
  type ErrorCode,
  type FunctionName,
  type Money,
  type Rounding,
  type AppliedDiscount,
  type Cart,
  type CartLine,
  type Channel,
  type CouponSelection,
  type Day,
  type Discount,
  type DiscountType,
  type Hint,
  type HintCode,
  type Promotion,
  type Quote,
  type QuoteContext,
  type QuoteRequest,
  type ReasonCode,
  type Rejection,
  type Schedule,
  type TimeSlot,
  type UnitRun,
  type CouponValidation,
  type HeldCoupon,
  type HeldCouponRecord,
  type Redemption,
  type ErrorDetails,
  type GroupBuyCampaign,
  type GroupBuyEffect,
  type GroupBuyEffectType,
  type GroupBuyEvent,
  type GroupBuyKindType,
  type GroupBuyOutcome,
  type GroupBuyProgress,
  type GroupBuyReplay,
  type GroupBuyState,
  type GroupBuyStateRecord,
  type GroupBuyStatus,
  type GroupBuyStep,
  type FailureReason,
  type OutcomeKind,
  type Participation,
  type ProgressHint,
  type ProgressHintCode,
  type SimulationReport,
  type TeamSimulation,
  type TimedEvent,
  split,
  splitBatch,
  splitRefund,
  splitPool,
  attribute,
  attributeShapley,
  bind,
  settle,
  type AttributionModel,
  type AttributionModelType,
  type Attribution,
  type BindingState,
  type BindOutcome,
  type BuiltInRole,
  type Clawback,
  type Ledger,
  type LedgerLine,
  type LineKind,
  type Party,
  type Pay,
  type PayType,
  type PoolSplit,
  type RefundPolicy,
  type Role,
  type Rule,
  type Settlement,
  type ShapleyAttribution,
  type SplitBase,
  type SplitBatch,
  type SplitOrder,
  type SplitPlan,
  type Statement,
  type Touchpoint,
  assign,
  cardApply,
  cardReplay,
  pointsReplay,
  pointsRedeem,
  normalize,
  priceParity,
  type Assignment,
  type AssignPolicy,
  type AssignRequest,
  type ChosenStore,
  type FeeTable,
  type Location,
  type OpeningHours,
  type PassedOver,
  type PassReason,
  type PassReasonCode,
  type ServiceArea,
  type Store,
  type TieBreak,
  type CardEntry,
  type CardEntryKind,
  type CardEvent,
  type CardEventType,
  type CardReplay,
  type CardRules,
  type CardSpec,
  type CardState,
  type CardStateRecord,
  type CardStep,
  type PointsEvent,
  type PointsProgram,
  type PointsRedemption,
  type PointsReplay,
  type PointsState,
  type PointsStateRecord,
  type TimedCardEvent,
  type TimedPointsEvent,
  type CanonicalOrder,
  type Commission,
  type CounterPayload,
  type Intake,
  type IntakeStatus,
  type MarketplacePayload,
  type NormalizeRequest,
  type ParityReport,
  type ParityRequest,
  type PhonePayload,
  type SourceFee,
  type SourcePayload,
  type Tolerance,
  issueCode,
  issueCodes,
  verifyCode,
  classify,
  flowDefinition,
  voucherOrderOpen,
  voucherOrderReplay,
  storeOrderOpen,
  storeOrderReplay,
  storeOrderStep,
  voucherOrderStep,
  type DealRefundPolicy,
  type LifecycleActor,
  type TimedVoucherCommand,
  type VoucherDeal,
  type VoucherOrderCommand,
  type VoucherOrderEffect,
  type VoucherOrderReplay,
  type VoucherOrderReplayRequest,
  type VoucherOrderState,
  type VoucherOrderStateRecord,
  type VoucherOrderStatus,
  type VoucherOrderStep,
  type VoucherOrderStepRequest,
  type Handover,
  type SalesChannel,
  type StoreOrderCommand,
  type StoreOrderEffect,
  type StoreOrderPolicy,
  type StoreOrderReplay,
  type StoreOrderReplayRequest,
  type StoreOrderState,
  type StoreOrderStateRecord,
  type StoreOrderStatus,
  type StoreOrderStep,
  type StoreOrderStepRequest,
  type TimedStoreOrderCommand,
  type AmbiguityReason,
  type CheckDigit,
  type Classification,
  type ClassificationResult,
  type CodeSpec,
  type Evidence,
  type Flow,
  type FlowDefinition,
  type FlowDefinitionRequest,
  type FlowStep,
  type Journey,
  type JourneyChannel,
  type JourneyPart,
  type JourneyStage,
  type JourneyTouchpoint,
  type LifecycleKind,
  type Verification,
  type VoucherBatchRequest,
  type VoucherCode,
  type VoucherIssueRequest,
  type VoucherKey,
  type VoucherRejection,
  type VoucherScope,
  type VoucherVerifyRequest,
} from 'o2okit';

export async function example(): Promise<string[]> {
  await init();
  const total: Money = { amount: '99.99', currency: 'CNY' };
  const request: AllocationRequest = { total, weights: ['75', 25] };
  const split: Allocation = allocate(request);
  const first: AllocationPart | undefined = split.parts[0];
  const leftover: number = split.leftover_units;
  const flags: boolean[] = split.parts.map((p) => p.extra_unit || p.capped);
  const shares: Decimal[] = split.parts.map((p) => p.exact_share + p.remainder + p.weight);

  allocate({ total, weights: ['1', '1'], caps: [{ amount: '10.00', currency: 'CNY' }, null], step: '0.05' });

  const cny: CurrencyDescription = currency('CNY');
  const minor: number = cny.minor_units;
  const parsed: Money = parseMoney('0.125', 'CNY', 'half_up');
  const sum: Money = addMoney(parsed, parseMoney('1', 'CNY'));
  const diff: Money = subtractMoney(sum, parsed);
  const fee: Money = multiplyMoney(diff, '0.006', 'half_up');
  const cash: Money = roundToStep(fee, '0.05');
  const viaCall: Allocation = call('allocate', request);
  const viaCallMoney: Money = call('money.parse', { amount: '1', currency: 'USD' });
  const anything: unknown = call('money.divide', {});

  const modes: readonly Rounding[] = ROUNDING_MODES;
  const names: readonly FunctionName[] = FUNCTIONS;
  const codes: readonly ErrorCode[] = ERROR_CODES;

  try {
    parseMoney('1.005', 'CNY');
  } catch (err) {
    if (err instanceof O2OError) {
      const code: ErrorCode = err.code;
      const category: ErrorCategory = err.category;
      const message: string = err.details.message;
      const asError: Error = err;
      return [code, category, message, asError.message];
    }
    throw err;
  }

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  parseMoney(12.5, 'CNY');
  // @ts-expect-error a money amount must be a string, not a number
  allocate({ total: { amount: 100, currency: 'JPY' }, weights: [1] });
  // @ts-expect-error not a rounding mode
  parseMoney('1', 'CNY', 'half_odd');
  // @ts-expect-error weights are required
  allocate({ total });
  // @ts-expect-error not an error code
  const bad: ErrorCode = 'no_such_code';
  // @ts-expect-error the input of 'currency' is {code}
  call('currency', 'CNY');

  return [
    ...quoteExample(),
    ...couponExample(),
    ...groupBuyExample(),
    version(),
    String(first?.amount.amount),
    String(leftover),
    String(flags),
    shares.join(),
    String(minor),
    cash.amount,
    viaCall.total.currency,
    viaCallMoney.amount,
    String(anything),
    modes.join(),
    names.join(),
    codes.join(),
    String(bad),
  ];
}

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

// A realistic quote: a delivery order with item, order, delivery and gift promotions and
// two held coupons, best for the customer.
export function quoteExample(): string[] {
  const lines: CartLine[] = [
    { id: 'l1', product_id: 'latte', categories: ['coffee'], unit_price: cny('30.00'), quantity: '3' },
    { id: 'l2', product_id: 'croissant', categories: ['bakery'], unit_price: cny('12.50'), quantity: 2 },
    { id: 'l3', product_id: 'beans-kg', unit_price: cny('160.00'), quantity: '0.25' },
    { id: 'l4', product_id: 'gift-card', unit_price: cny('100.00'), quantity: '1', promotable: false },
  ];
  const cart: Cart = { lines, delivery_fee: cny('6.00') };
  const happyHour: TimeSlot = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] satisfies Day[], start: '14:00', end: '17:00' };
  const schedule: Schedule = {
    valid_from: '2026-11-01T00:00:00+08:00',
    valid_until: '2026-12-01T00:00:00+08:00',
    time_zone: 'Asia/Shanghai',
    slots: [happyHour],
  };
  const discounts: Discount[] = [
    { type: 'percent_off_items', percent: '20' },
    { type: 'amount_off_items', amount: cny('2.00') },
    { type: 'fixed_price', price: cny('9.90') },
    { type: 'fixed_price', price: cny('20.00'), per: 'bundle', bundle_size: 2 },
    { type: 'nth_item', n: 2, percent: '50' },
    { type: 'buy_x_get_y', buy: 2, get: 1, percent: 100, reward: 'cheapest_first', max_applications: 1 },
    { type: 'member_price', prices: [{ product_id: 'latte', price: cny('25.00') }] },
    { type: 'percent_off_order', percent: '10' },
    { type: 'amount_off_order', amount: cny('5.00') },
    { type: 'no_threshold', amount: cny('3.00') },
    { type: 'threshold', tiers: [{ min_spend: cny('150.00'), off: cny('20.00') }, { min_spend: cny('300.00'), off: cny('50.00') }] },
    { type: 'repeating', step: cny('100.00'), off: cny('10.00'), cap: cny('30.00') },
    { type: 'delivery', percent: '100' },
    { type: 'delivery', amount: cny('3.00') },
    { type: 'gift', product_id: 'tote-bag', value: cny('15.00') },
  ];
  const promotions: Promotion[] = [
    {
      id: 'second-half',
      name: '第二件半价',
      discount: { type: 'nth_item', n: 2, percent: '50' },
      funded_by: { role: 'merchant' },
      conditions: { target: { products: ['latte'] }, channels: { allow: ['online_delivery', 'online_pickup'] }, schedule },
      stacking: { priority: 1, group: 'item-deals' },
    },
    {
      id: 'mj-150-20',
      trigger: 'coupon',
      discount: { type: 'threshold', tiers: [{ min_spend: cny('150.00'), off: cny('20.00') }] },
      funded_by: { role: 'platform', party_id: 'meituan' },
      max_discount: cny('20.00'),
      conditions: { min_subtotal: cny('50.00'), first_order_only: false, per_customer_limit: 1, usage_limit: 10000 },
      stacking: { group: 'platform-coupons', stop_after: false },
      threshold_on: 'original',
    },
    {
      id: 'new-member',
      trigger: 'coupon',
      discount: { type: 'no_threshold', amount: cny('8.00') },
      funded_by: { role: 'brand' },
      conditions: { member_tiers: ['gold'], stores: { deny: ['s-9'] }, min_quantity: '2' },
      stacking: { group: 'platform-coupons', exclusive: false },
      base: 'original',
    },
    { id: 'free-delivery', discount: discounts[12]!, funded_by: { role: 'platform' } },
    { id: 'tote', discount: discounts[14]!, funded_by: { role: 'supplier' } },
  ];
  const coupons: CouponSelection = { mode: 'best_for_customer' };
  const context: QuoteContext = {
    now: '2026-11-23T15:00:00+08:00',
    channel: 'online_delivery' satisfies Channel,
    store_id: 's-1',
    customer: { id: 'c-42', member_tier: 'gold', first_order: false },
    usage: [{ promotion_id: 'mj-150-20', total: 120, customer: 0 }],
    coupons,
  };
  const request: QuoteRequest = { cart, promotions, context };
  const q: Quote = quote(request);
  const viaCall: Quote = call('quote', request);
  quote({ cart, context: { now: new Date(0).toISOString(), channel: 'dine_in', coupons: { mode: 'explicit', coupons: ['new-member'] } } });

  const applied: AppliedDiscount | undefined = q.discounts[0];
  const kind: string | undefined = applied?.kind;
  const discountType: DiscountType = 'nth_item';
  const shares: string[] = q.discounts.flatMap((d) => d.lines.map((l) => `${l.line_id}:${l.amount.amount}`));
  const units: UnitRun[] = q.lines.flatMap((l) => l.units);
  const unitNets: string[] = units.map((u) => `${u.count}x${u.net.amount}`);
  const delivery: string = q.delivery ? q.delivery.charged.amount : 'none';
  const gifts: string[] = (q.gifts ?? []).map((g) => `${g.product_id}x${g.quantity} (${g.funded_by.role})`);
  const reasons: ReasonCode[] = q.rejected.map((r: Rejection) => r.reason);
  const hints: Hint[] = q.rejected.flatMap((r) => (r.hint ? [r.hint] : []));
  const hintCodes: HintCode[] = hints.map((h) => h.code);
  const hintText: string[] = hints.map((h) => h.message + (h.amount?.amount ?? '') + (h.quantity ?? '') + (h.at ?? ''));
  const params: string[] = q.rejected.map((r) => r.params?.['required'] ?? '');
  const mode: string = q.selection.mode;
  const optimal: boolean = q.selection.optimal;
  const evaluations: number = q.selection.evaluations + q.selection.candidates;

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  quote({ cart: { lines: [{ id: 'x', product_id: 'p', unit_price: { amount: 30, currency: 'CNY' }, quantity: '1' }] }, context });
  quote({
    cart,
    // @ts-expect-error not a discount type
    promotions: [{ id: 'x', discount: { type: 'half_price', percent: '50' }, funded_by: { role: 'merchant' } }],
    context,
  });
  // @ts-expect-error `now` is an RFC 3339 string, not a Date
  quote({ cart, context: { now: new Date(), channel: 'in_store' } });
  // @ts-expect-error not a channel
  quote({ cart, context: { now: '2026-11-22T10:00:00Z', channel: 'delivery' } });
  // (A bundle price without bundle_size, or a delivery discount with both a percent and an
  // amount, are refused at run time with invalid_input: the JSON Schema the types are
  // generated from does not say it, so the types no longer do.)
  // @ts-expect-error nth_item needs `n`
  const noN: Discount = { type: 'nth_item', percent: '50' };
  // @ts-expect-error explicit coupon selection lists the coupons
  const explicit: CouponSelection = { mode: 'explicit' };
  // @ts-expect-error funded_by is required
  const unfunded: Promotion = { id: 'x', discount: { type: 'no_threshold', amount: cny('1.00') } };
  // @ts-expect-error not a reason code
  const badReason: ReasonCode = 'too_expensive';

  return [
    String(discounts.length),
    viaCall.total.amount,
    String(kind),
    shares.join(),
    unitNets.join(),
    delivery,
    gifts.join(),
    reasons.join(),
    hintCodes.join(),
    hintText.join(),
    params.join(),
    mode,
    String(optimal),
    String(evaluations),
    discountType,
    String(noN),
    String(explicit),
    String(unfunded),
    badReason,
  ];
}

// The held-coupon lifecycle: validate, redeem, roll back; the record goes round.
export function couponExample(): string[] {
  const stored: HeldCoupon = { coupon_id: 'cpn-1', promotion_id: 'mj-100-10', customer_id: 'alice', valid_until: '2026-12-31T00:00:00+08:00' };
  const cart: Cart = { lines: [{ id: 'a', product_id: 'pizza', unit_price: cny('120.00'), quantity: '1' }] };
  const promotions: Promotion[] = [
    {
      id: 'mj-100-10',
      trigger: 'coupon',
      discount: { type: 'threshold', tiers: [{ min_spend: cny('100.00'), off: cny('10.00') }] },
      funded_by: { role: 'platform' },
    },
  ];
  const now = '2026-11-22T10:00:00+08:00';
  const check: CouponValidation = validateCoupon({ coupon: stored, cart, promotions, context: { now, channel: 'online_delivery', customer: { id: 'alice' } } });
  const why: string = check.valid ? (check.discount?.amount ?? '') : (check.problem?.code ?? check.rejection?.reason ?? '');
  const used: HeldCouponRecord = redeemCoupon({ coupon: stored, order_id: 'o-1', amount: check.discount ?? cny('0.00'), customer_id: 'alice', now });
  const first: Redemption | undefined = used.redemptions[0];
  const uses: number = used.max_uses;
  const part: HeldCouponRecord = rollbackCoupon({ coupon: used, order_id: 'o-1', amount: cny('4.00') });
  const full: HeldCoupon = rollbackCoupon({ coupon: part, order_id: 'o-1' });
  const viaCall: HeldCouponRecord = call('coupon.redeem', { coupon: full, order_id: 'o-2', amount: cny('10.00'), now });

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  redeemCoupon({ coupon: stored, order_id: 'o-1', amount: { amount: 10, currency: 'CNY' }, now });
  // @ts-expect-error `now` is an RFC 3339 string, not a Date
  redeemCoupon({ coupon: stored, order_id: 'o-1', amount: cny('10.00'), now: new Date() });
  // @ts-expect-error an order id is required
  rollbackCoupon({ coupon: used });
  // @ts-expect-error `uses` is not a field of a held coupon (it is derived from the redemptions)
  const counted: HeldCoupon = { coupon_id: 'c', promotion_id: 'p', uses: 1 };

  return [why, String(first?.released), String(uses), String(full.redemptions?.length), viaCall.coupon_id, String(counted)];
}

// A team buy step by step, a ladder replayed, progress, a simulation; effects narrowed by type.
export function groupBuyExample(): string[] {
  const campaign: GroupBuyCampaign = {
    id: 'hotpot-for-3',
    deadline: '2026-12-01T00:00:00+08:00',
    kind: { type: 'team_buy', size: 3, window_seconds: 86400, price: cny('99.00'), leader_price: cny('89.00'), virtual_fill: { min_real: 2 } },
    per_customer_limit: 2,
    max_participants: 300,
    vouchers_per_participant: 1,
  };
  const s0: GroupBuyStateRecord = groupbuyOpen(campaign);
  const open: GroupBuyEvent = { type: 'open_team', key: 'k1', customer_id: 'ann' };
  const s1: GroupBuyStep = groupbuyStep(s0, open, '2026-11-22T10:00:00+08:00');
  const teamId: string = s1.outcome.team_id ?? 't1';
  const s2 = groupbuyStep(s1.state, { type: 'join', key: 'k2', customer_id: 'bo', team_id: teamId }, '2026-11-22T11:00:00+08:00');
  const s3 = groupbuyStep(s2.state, { type: 'payment_confirmed', key: 'k3', participation_id: 'p1', amount: cny('89.00') }, '2026-11-22T11:01:00+08:00');
  const stored: GroupBuyState = s3.state;
  const places: Participation[] = s3.state.participations;
  const status: GroupBuyStatus = stored.status;

  // Effects are a union narrowed by `type`.
  const todo: string[] = s3.effects.map((effect: GroupBuyEffect) => {
    switch (effect.type) {
      case 'charge':
        return `charge ${effect.customer_id} ${effect.amount.amount}`;
      case 'void_charge':
      case 'refund_full':
        return `${effect.type} ${effect.amount.amount}`;
      case 'refund_difference':
        return `refund ${effect.paid.amount} - ${effect.final_price.amount} = ${effect.amount.amount}`;
      case 'issue_vouchers':
        return `vouchers x${effect.count}`;
      case 'notify_success':
        return `success ${effect.participants} ${effect.virtual_fill?.filled ?? 0} ${effect.final_price?.amount ?? ''}`;
      case 'notify_failure': {
        const reason: FailureReason = effect.reason;
        return `failure ${reason}`;
      }
    }
  });
  const effectTypes: GroupBuyEffectType[] = s3.effects.map((e) => e.type);
  const outcome: GroupBuyOutcome = s3.outcome;
  const kind: OutcomeKind = outcome.kind;
  const resolved: GroupBuyStatus[] = (outcome.resolved ?? []).map((r) => r.status);

  const log: TimedEvent[] = [
    { at: '2026-11-22T10:00:00+08:00', event: { type: 'join', key: 'j1', customer_id: 'c1' } },
    { at: '2026-11-22T10:00:01+08:00', event: { type: 'payment_confirmed', key: 'p1', participation_id: 'p1' } },
    { at: '2026-11-22T12:00:00+08:00', event: { type: 'cancel', key: 'x', team_id: null } },
    { at: '2026-12-01T00:00:00+08:00', event: { type: 'tick' } },
  ];
  const ladder: GroupBuyCampaign = {
    id: 'tea',
    deadline: '2026-12-01T00:00:00+08:00',
    kind: { type: 'ladder', tiers: [{ min_participants: 1, price: cny('100.00') }, { min_participants: 5, price: cny('90.00') }] },
  };
  const replay: GroupBuyReplay = groupbuyReplay(ladder, log);
  const viaCall: GroupBuyReplay = call('groupbuy.replay', { campaign: ladder, events: log });
  const progress: GroupBuyProgress = groupbuyProgress(replay.state, '2026-11-30T00:00:00+08:00');
  const progressKind: string = progress.kind;
  const kindType: GroupBuyKindType = 'ladder';
  const hint: ProgressHint | undefined = progress.hint ?? progress.teams?.[0]?.hint ?? undefined;
  const hintCode: ProgressHintCode | undefined = hint?.code;
  const spec: TeamSimulation = { sizes: [2, 3], window_seconds: 3600, target_success_rate: '0.8', teams: [{ join_offsets: [60] }, { opened_at: '2026-11-22T10:00:00+08:00', join_times: ['2026-11-22T10:30:00+08:00'] }] };
  const report: SimulationReport = groupbuySimulate(spec);
  const rates: string[] = report.results.map((r) => `${r.size}:${r.success_rate}:${r.meets_target ?? ''}`);

  let eventIndex = -1;
  try {
    groupbuyReplay(ladder, log);
  } catch (err) {
    if (err instanceof O2OError && err.category === 'groupbuy') {
      const details: ErrorDetails = err.details;
      eventIndex = details.event_index ?? -1;
    }
  }

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  groupbuyOpen({ ...campaign, kind: { type: 'tipping_point', min_participants: 10, price: { amount: 199, currency: 'CNY' } } });
  // @ts-expect-error `now` is an RFC 3339 string, not a Date
  groupbuyStep(stored, open, new Date());
  // @ts-expect-error `now` is an RFC 3339 string, not a timestamp
  groupbuyProgress(stored, Date.now());
  // @ts-expect-error every command but tick needs an idempotency key
  const keyless: GroupBuyEvent = { type: 'join', customer_id: 'ann' };
  // @ts-expect-error not an event type
  const badEvent: GroupBuyEvent = { type: 'join_team', key: 'k', customer_id: 'ann' };
  // @ts-expect-error a team buy needs a window
  const noWindow: GroupBuyCampaign = { id: 'x', deadline: '2026-12-01T00:00:00Z', kind: { type: 'team_buy', size: 3, price: cny('1.00') } };
  // @ts-expect-error a timed event's `at` is an RFC 3339 string
  const dated: TimedEvent = { at: new Date(), event: { type: 'tick' } };
  // @ts-expect-error a rate is an exact decimal string (or a whole number), never boolean
  const badRate: TeamSimulation = { sizes: [2], window_seconds: 60, target_success_rate: true, teams: [] };
  // @ts-expect-error not a group-buy status
  const badStatus: GroupBuyStatus = 'expired';

  return [
    String(places.length),
    status,
    todo.join(),
    effectTypes.join(),
    kind,
    resolved.join(),
    viaCall.outcomes.length.toString(),
    progressKind,
    kindType,
    String(hintCode),
    rates.join(),
    String(eventIndex),
    String(keyless),
    String(badEvent),
    String(noWindow),
    String(dated),
    String(badRate),
    badStatus,
  ];
}

// Revenue split: a plan, an order, its ledger, a refund, a pool, attribution, binding,
// settlement.
export function splitExample(): string[] {
  const processor: Rule = {
    id: 'processor',
    to: { role: 'payment_processor', party_id: 'wxpay' },
    base: 'customer_paid',
    pay: { type: 'percent_plus_fixed', percent: '0.6', fixed: cny('0.10') },
  };
  const platform: Rule = {
    id: 'platform',
    to: { role: 'platform' },
    base: 'gross_paid',
    pay: { type: 'tiered', by: 'amount', tiers: [{ from: '0', percent: '8' }, { from: 1000, percent: '6' }] },
    cap: { percent: '30', base: 'goods' },
    min: cny('0.50'),
    rounding: 'half_up',
  };
  const channel: Rule = {
    id: 'channel',
    to: { role: 'marketing', attribution: { type: 'time_decay', half_life_seconds: 86400 } },
    base: 'goods',
    pay: { type: 'percent', percent: 2 },
  };
  const brand: Role = 'brand'; // a custom role is any other name
  const builtIn: BuiltInRole = 'store_staff';
  const parties: Party[] = [{ role: 'platform', party_id: 'mall' }, { role: 'merchant', party_id: 'noodle-house' }, { role: brand, party_id: 'acme' }];
  const plan: SplitPlan = { id: 'standard', rules: [processor, platform, channel], remainder: { role: 'merchant' }, parties };
  const journey: Touchpoint[] = [
    { channel: 'douyin', party_id: 'kol-amy', stage: 'acquire', at: '2026-11-20T12:00:00+08:00' },
    { channel: 'store_qr', party_id: 'li', at: '2026-11-22T11:00:00+08:00' },
  ];
  const order: SplitOrder = {
    id: 'o-1',
    at: '2026-11-22T12:00:00+08:00',
    paid: cny('90.00'),
    delivery_fee: cny('5.00'),
    discounts: [{ promotion_id: 'p-10', amount: cny('10.00'), funded_by: { role: 'platform', party_id: 'mall' }, on: 'goods' }],
    parties: [{ role: builtIn, party_id: 'li' }],
    journey,
    volume: '120',
  };
  const ledger: Ledger = split(order, plan);
  const rows: string[] = ledger.lines.map((line: LedgerLine) => {
    const kind: LineKind = line.kind;
    const base: SplitBase | null | undefined = line.base;
    return `${kind} ${line.rule} ${line.role} ${line.party_id} ${line.amount.amount} ${base ?? ''} ${line.touchpoint ?? ''}`;
  });
  const viaCall: Ledger = call('split', { order, plan });
  const batch: SplitBatch = splitBatch(plan, [order, { id: 'o-2', at: '2026-11-22T13:00:00+08:00', paid: cny('20.00') }]);
  const failed: string[] = batch.errors.map((e) => e.code);

  const policy: RefundPolicy = { non_refundable_rules: ['processor'], non_refundable_roles: ['logistics'], delivery: 'kept_once_delivered' };
  const refund: Clawback = splitRefund({ order, plan, refund: cny('30.00'), at: '2026-11-25T09:00:00+08:00', delivered: true, policy });
  const pool: PoolSplit = splitPool({
    pool: cny('1000.00'),
    members_percent: '80',
    keeper: { role: 'store', party_id: 'store-7' },
    members: [{ party_id: 'li', weight: '120' }, { party_id: 'wang', weight: 75, role: 'store_staff' }],
  });
  const model: AttributionModel = { type: 'position_based', first_percent: '30', last_percent: 50 };
  const modelType: AttributionModelType = model.type;
  const credited: Attribution = attribute({ pool: cny('10.00'), journey, converted_at: order.at, model });
  const shapley: ShapleyAttribution = attributeShapley({ journeys: [{ channels: ['search'], converted: true, count: 3 }, { channels: [] }], game: 'conversion_rate', pool: null });
  const bound: BindingState = bind({
    events: [{ party_id: 'li', at: '2026-11-01T10:00:00+08:00' }],
    rule: { policy: 'last_wins', role: 'referrer', lock_seconds: 604800, expiry_seconds: null },
    now: '2026-11-22T10:00:00+08:00',
  });
  const outcomes: BindOutcome[] = bound.decisions.map((d) => d.outcome);
  const boundTo: string = bound.binding?.party_id ?? 'nobody';
  const settlement: Settlement = settle({ lines: [...ledger.lines, ...refund.lines], period: 'month', time_zone: 'Asia/Shanghai' });
  const statement: Statement | undefined = settlement.statements[0];
  const payType: PayType = (processor.pay satisfies Pay).type;

  let category: ErrorCategory = 'split';
  try {
    split({ ...order, paid: cny('1.00') }, plan);
  } catch (err) {
    if (err instanceof O2OError && err.code === 'split_exceeds_total') category = err.category;
  }

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  split({ id: 'x', at: '2026-11-22T12:00:00+08:00', paid: { amount: 100, currency: 'CNY' } }, plan);
  // @ts-expect-error a fixed pay needs money, not a number
  const badFixed: Pay = { type: 'fixed', amount: 5 };
  // @ts-expect-error not a pay type
  const badPay: Pay = { type: 'percentage', percent: '8' };
  // @ts-expect-error not a base
  const badBase: SplitBase = 'net';
  // @ts-expect-error not an attribution model
  const badModel: AttributionModel = { type: 'u_shaped' };
  // @ts-expect-error an order's time is an RFC 3339 string, not a Date
  const dated: SplitOrder = { id: 'x', at: new Date() };
  // @ts-expect-error split takes the order and the plan, not one request object
  split({ order, plan });
  // @ts-expect-error the pool's keeper is a party, not an id
  splitPool({ pool: cny('1.00'), members_percent: '80', keeper: 'store-7', members: [] });
  // @ts-expect-error not a settlement period
  settle({ lines: [], period: 'year' });

  return [
    ...rows,
    String(viaCall.lines.length),
    failed.join(),
    refund.refundable.amount,
    pool.kept.amount,
    modelType,
    credited.shares.map((s) => `${s.credit}:${s.stage ?? ''}`).join(),
    `${shapley.method} ${shapley.channels.map((c) => c.amount?.amount ?? c.value).join()}`,
    outcomes.join(),
    boundTo,
    `${statement?.period} ${statement?.currency} ${statement?.roles.map((r) => r.role).join()}`,
    payType,
    category,
    String(badFixed),
    String(badPay),
    badBase,
    String(badModel),
    String(dated),
  ];
}

// Store assignment: stores with areas, hours, stock and fees; the assignment and its reasons.
export function storesExample(): string[] {
  const here: Location = { lat: 31.2304, lng: 121.4737 };
  const hours: OpeningHours = {
    time_zone: 'Asia/Shanghai',
    weekly: [{ open: '08:00', close: '22:00' }, { days: ['fri', 'sat'], open: '22:00', close: '02:00' }],
    closed_dates: ['2026-02-17'],
    special: [{ date: '2026-02-18', intervals: [{ open: '10:00', close: '16:00' }] }, { date: '2026-02-19' }],
  };
  const fees: FeeTable = { base_distance_m: 3000, base_fee: cny('5.00'), base_eta_minutes: 30, per_km_fee: cny('1.00'), per_km_eta_minutes: 10, min_order: cny('20.00') };
  const square: ServiceArea = { type: 'polygons', polygons: [[here, { lat: 31.25, lng: 121.4737 }, { lat: 31.25, lng: 121.49 }]] };
  const stores: Store[] = [
    { id: 'A', location: { lat: 31.2412, lng: 121.4737 }, area: { type: 'radius', radius_m: 3000 }, hours, stock: { milk: 5 } },
    { id: 'B', location: here, area: square, daily_capacity: 100, used_today: 12, fees, road: { distance_m: 1800, eta_minutes: null } },
    { id: 'C', location: here, area: square, hours: null, stock: null },
  ];
  const policy: AssignPolicy = { tie_breaks: ['eta', 'fee', 'spare_capacity', 'store_id'], split: 'fewest_stores', explain: 'nearby', fees: null };
  const request: AssignRequest = { order: { location: here, items: [{ product_id: 'milk', quantity: 2 }], subtotal: cny('36.00') }, stores, now: '2026-03-02T10:00:00+08:00', policy };
  const result: Assignment = assign(request);
  const chosen: ChosenStore | undefined = result.chosen[0];
  const viaCall: Assignment = call('store.assign', request);
  const explained: string[] = result.passed_over.map((p: PassedOver) =>
    p.reasons
      .map((reason: PassReason) => {
        // Narrowed by the `code` tag.
        switch (reason.code) {
          case 'closed':
            return `closed until ${reason.next_open ?? '?'}`;
          case 'out_of_stock':
            return reason.short.map((s) => `${s.product_id} ${s.available}/${s.wanted}`).join();
          case 'at_capacity':
            return `${reason.used_today}/${reason.daily_capacity}`;
          case 'below_minimum_order':
            return reason.min_order.amount;
          case 'tie_break': {
            const by: TieBreak = reason.by;
            return by;
          }
          default: {
            const code: PassReasonCode = reason.code;
            return code;
          }
        }
      })
      .join(';'),
  );

  let category: ErrorCategory = 'store';
  try {
    assign({ ...request, order: { location: { lat: 91, lng: 0 }, items: [] } });
  } catch (err) {
    if (err instanceof O2OError && err.code === 'invalid_location') category = err.category;
  }

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  assign({ ...request, order: { ...request.order, subtotal: { amount: 36, currency: 'CNY' } } });
  // @ts-expect-error coordinates are numbers, not strings
  const textual: Location = { lat: '31.2304', lng: '121.4737' };
  // @ts-expect-error a radius area needs its radius
  const noRadius: ServiceArea = { type: 'radius' };
  // @ts-expect-error not an area type
  const circle: ServiceArea = { type: 'circle', radius_m: 3000 };
  // @ts-expect-error `now` is an RFC 3339 string, not a Date
  assign({ ...request, now: new Date() });
  // @ts-expect-error not a tie-break
  const badTie: TieBreak = 'distance';
  // @ts-expect-error assign takes one request object
  assign(request.order, stores, request.now);

  return [
    result.status,
    `${chosen?.store_id} ${chosen?.distance_m} ${chosen?.distance_source} ${chosen?.fee?.amount ?? ''} ${chosen?.eta_minutes ?? ''}`,
    ...explained,
    String(viaCall.passed_over.length),
    category,
    String(textual),
    String(noRadius),
    String(circle),
    badTie,
  ];
}

// Membership: a stored-value card stepped and replayed; points replayed and redeemed.
export function membershipExample(): string[] {
  const rules: CardRules = {
    bonus_tiers: [{ min_top_up: cny('100.00'), bonus: cny('20.00') }, { min_top_up: cny('300.00'), bonus: cny('50.00') }],
    spend_policy: 'proportional',
    min_top_up: cny('10.00'),
  };
  const spec: CardSpec = { id: 'card-1', currency: 'CNY', kind: 'anonymous', limits: { max_balance: cny('1000.00') } };
  const events: TimedCardEvent[] = [
    { at: '2026-03-01T10:00:00+08:00', event: { type: 'top_up', amount: cny('100.00'), key: 'pay-1' } },
    { at: '2026-03-02T10:00:00+08:00', event: { type: 'spend', order_id: 'o1', amount: cny('60.00') } },
    { at: '2026-03-03T10:00:00+08:00', event: { type: 'refund', order_id: 'o1', amount: cny('30.00') } },
    { at: '2026-03-04T10:00:00+08:00', event: { type: 'close' } },
  ];
  const replay: CardReplay = cardReplay({ card: spec, rules, events });
  const stored: CardStateRecord = replay.card;
  const entries: string[] = replay.entries.map((e: CardEntry) => {
    const kind: CardEntryKind = e.kind;
    return `${kind} ${e.principal_delta.amount} ${e.bonus_delta.amount} ${e.forfeited_bonus?.amount ?? ''} ${e.order_id ?? e.key ?? ''}`;
  });
  const fresh: CardState = { id: 'card-2', currency: 'CNY', principal: cny('0.00'), bonus: cny('0.00') };
  const topUp: CardEvent = { type: 'top_up', amount: cny('100.00') };
  const step: CardStep = cardApply({ card: fresh, rules, event: topUp, at: '2026-03-01T10:00:00+08:00' });
  const next: CardStep = cardApply({ card: step.card, event: { type: 'spend', order_id: 'o1', amount: cny('0.01') }, at: '2026-03-01T11:00:00+08:00' });
  const eventType: CardEventType = topUp.type;
  const viaCall: CardStep = call('card.apply', { card: fresh, event: topUp, at: '2026-03-01T10:00:00+08:00' });

  const program: PointsProgram = {
    earn: [
      { type: 'per_amount', points: 1, per: cny('10.00') },
      { type: 'per_visit', points: 5 },
      { type: 'per_category', category: 'tea', points: 2, per: cny('20.00') },
    ],
    expiry: { months_after: 6, at: 'end_of_month' },
    time_zone: 'Asia/Shanghai',
    point_value: cny('0.01'),
    funded_by: { role: 'platform', party_id: 'mall' },
    breakage_period: 'year',
  };
  const log: TimedPointsEvent[] = [
    { at: '2026-01-15T10:00:00+08:00', event: { type: 'earn', order_id: 'o1', amount: cny('105.00'), lines: [{ category: 'tea', amount: cny('40.00') }] } },
    { at: '2026-02-10T10:00:00+08:00', event: { type: 'redeem', points: 3 } },
    { at: '2026-08-01T00:00:00+08:00', event: { type: 'tick' } },
  ];
  const points: PointsReplay = pointsReplay({ program, events: log, until: '2026-09-01T00:00:00+08:00' });
  const state: PointsStateRecord = points.state;
  const input: PointsState = { lots: state.lots, balance: state.balance, as_of: state.as_of ?? null };
  const redemption: PointsRedemption = pointsRedeem({ state: input, program, points: 1, at: '2026-09-02T00:00:00+08:00', order_id: null });
  const promotion: Promotion = redemption.promotion;
  const breakage: string[] = points.breakage.map((b) => `${b.period} ${b.points} ${b.value?.amount ?? ''}`);
  const eventKinds: PointsEvent['type'][] = log.map((e) => e.event.type);

  let eventIndex = -1;
  let category: ErrorCategory = 'membership';
  try {
    cardReplay({ card: spec, events: [...events, { at: '2026-03-05T10:00:00+08:00', event: { type: 'close' } }] });
  } catch (err) {
    if (err instanceof O2OError && err.code === 'card_closed') {
      category = err.category;
      eventIndex = err.details.event_index ?? -1;
    }
  }

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  const numeric: CardEvent = { type: 'spend', order_id: 'o1', amount: { amount: 60, currency: 'CNY' } };
  // @ts-expect-error a spend names its order
  const anonymousSpend: CardEvent = { type: 'spend', amount: cny('60.00') };
  // @ts-expect-error not a card event
  const withdraw: CardEvent = { type: 'withdraw', amount: cny('1.00') };
  // @ts-expect-error not a spend policy
  const badPolicy: CardRules = { spend_policy: 'bonus_last' };
  // @ts-expect-error a card event's time is an RFC 3339 string, not a Date
  cardApply({ card: fresh, event: topUp, at: new Date() });
  // @ts-expect-error points are numbers, not strings
  const textPoints: PointsEvent = { type: 'redeem', points: '300' };
  // @ts-expect-error not an earn rule
  const badEarn: PointsProgram = { earn: [{ type: 'per_item', points: 1 }] };

  return [
    stored.status,
    stored.kind,
    `${replay.totals.paid_out.amount} ${replay.totals.bonus_forfeited.amount}`,
    ...entries,
    `${next.card.principal.amount} ${next.card.bonus.amount} ${next.entry.kind}`,
    eventType,
    viaCall.entry.kind,
    `${points.totals.earned} ${points.totals.redeemed} ${points.totals.expired} ${state.balance}`,
    ...breakage,
    `${redemption.discount.amount} ${promotion.id} ${redemption.taken.map((t) => `${t.lot_id}:${t.points}`).join()}`,
    eventKinds.join(),
    `${category} ${eventIndex}`,
    String(numeric),
    String(anonymousSpend),
    String(withdraw),
    String(badPolicy),
    String(textPoints),
    String(badEarn),
  ];
}

// Order intake and price parity: every source's payload tied to its source; duplicates; parity.
export function intakeExample(): string[] {
  const marketplace: MarketplacePayload = {
    platform: 'mt',
    platform_order_id: '9001',
    shop_id: 's-3',
    buyer_id: 'b-5',
    address: 'Room 5, 88 Road',
    ordered_at: '2026-05-04T12:10:00+08:00',
    items: [{ item_code: 'set-a', quantity: 2, list_price: cny('50.00') }],
    merchant_discount: cny('10.00'),
    platform_subsidy: null,
    delivery: { by: 'platform_rider', fee: cny('4.00') },
    user_paid: cny('94.00'),
    commission: { rate: '18' },
  };
  const counter: CounterPayload = {
    receipt_no: 'R-0042',
    store_id: 's-1',
    cashier_id: 'c-7',
    rung_at: '2026-05-01T12:00:00+08:00',
    items: [{ sku: 'tea', qty: 2, price: cny('8.00') }, { sku: 'apples', qty: '0.350', price: cny('12.90') }],
    till_discount: cny('0.52'),
    tender: { method: 'cash', received: cny('50.00'), change: cny('30.00') },
  };
  const phone: PhonePayload = {
    call_id: 'call-1',
    store_id: 's-1',
    caller_phone: '138 0000 0000',
    taken_by: 'wang',
    called_at: '2026-05-01T18:00:00+08:00',
    fulfilment: 'delivery',
    address_text: '5 Garden Lane',
    items: [{ product_id: 'dumplings', qty: 2, unit_price: cny('18.00') }],
    delivery_fee: cny('3.00'),
    amount_due: cny('39.00'),
  };
  const first: Intake = normalize({ source: 'marketplace', payload: marketplace });
  const order: CanonicalOrder = first.order;
  const again: Intake = normalize({ source: 'marketplace', payload: marketplace, seen: [{ id: order.id, fingerprint: first.fingerprint }] });
  const status: IntakeStatus = again.status;
  const till: Intake = normalize({ source: 'store_counter', payload: counter });
  const variant: SourcePayload = { source: 'phone', payload: phone };
  const byPhone: Intake = normalize(variant);
  const request: NormalizeRequest = { source: 'store_counter', payload: counter };
  const viaCall: Intake = call('order.normalize', request);
  const fees: string[] = (order.fees ?? []).map((f: SourceFee) => `${f.id} ${f.party.role} ${f.amount.amount} ${f.base} ${f.percent ?? ''}`);
  const commission: Commission = { amount: cny('15.00') };

  const tolerance: Tolerance = { percent: '5' };
  const parityRequest: ParityRequest = {
    observations: [
      { product_id: 'tv-55', channel: 'online_delivery', price: cny('2999.00') },
      { product_id: 'tv-55', channel: 'in_store', store_id: 'nj-1', price: cny('3199.00'), at: '2026-05-01T10:00:00+08:00' },
    ],
    tolerance,
    reference: 'online_delivery',
  };
  const report: ParityReport = priceParity(parityRequest);
  const deviations: string[] = report.products.flatMap((p) =>
    (p.deviations ?? []).map((d) => `${p.product_id} ${p.reference_basis} #${d.index} ${d.direction} ${d.difference.amount} ${d.percent ?? ''}`),
  );

  let category: ErrorCategory = 'intake';
  try {
    normalize({ source: 'marketplace', payload: { ...marketplace, user_paid: cny('95.00') } });
  } catch (err) {
    if (err instanceof O2OError && err.code === 'amounts_do_not_reconcile') category = err.category;
  }

  // What the types refuse.
  // @ts-expect-error the payload must have its source's shape
  normalize({ source: 'phone', payload: marketplace });
  // @ts-expect-error not a source
  normalize({ source: 'kiosk', payload: counter });
  // @ts-expect-error a money amount must be a string, not a number
  const numeric: PhonePayload = { ...phone, amount_due: { amount: 39, currency: 'CNY' } };
  // @ts-expect-error a commission is a rate or an amount, not a number
  const badCommission: Commission = 18;
  // @ts-expect-error a tolerance is an amount or a percent
  const badTolerance: Tolerance = { ratio: '0.05' };
  // @ts-expect-error not a channel
  priceParity({ observations: [], reference: 'online' });

  return [
    `${order.id} ${order.channel} ${order.scope ?? ''} ${order.customer?.id ?? ''} ${order.subtotal.amount} ${order.paid.amount}`,
    status,
    `${till.order.lines.map((l) => l.quantity).join()} ${till.order.payment_method ?? ''}`,
    byPhone.order.customer?.phone ?? '',
    viaCall.fingerprint,
    ...fees,
    String(commission),
    `${report.observations} ${report.products_at_parity} ${report.products_deviating}`,
    ...deviations,
    category,
    String(numeric),
    String(badCommission),
    String(badTolerance),
  ];
}

// Voucher codes: issue one and a batch, verify (valid, expired, mismatch); serials are numbers.
export function voucherExample(): string[] {
  const key: VoucherKey = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
  const scope: VoucherScope = { store_id: 'S1', deal_id: 'hotpot-for-2', expires_at: '2026-04-01T00:00:00+08:00' };
  const check: CheckDigit = 'luhn';
  const spec: CodeSpec = { digits: 8, serial_digits: 6, check };
  const request: VoucherIssueRequest = { key, serial: 42, scope };
  const issued: VoucherCode = issueCode(request);
  const serial: number = issued.serial;
  const batchRequest: VoucherBatchRequest = { key, first_serial: 100, count: 3, spec };
  const batch: VoucherCode[] = issueCodes(batchRequest);
  const verifyRequest: VoucherVerifyRequest = { key, code: issued.code, now: '2026-03-15T12:00:00+08:00', scope };
  const ok: Verification = verifyCode(verifyRequest);
  const late: Verification = verifyCode({ ...verifyRequest, now: '2026-04-01T00:00:00+08:00' });
  const reason: VoucherRejection | undefined = late.reason ?? undefined;
  const elsewhere: Verification = verifyCode({ ...verifyRequest, scope: { ...scope, store_id: 'S2' } });
  const unscoped: VoucherCode = issueCode({ key, serial: 7, spec: {}, scope: { store_id: null, expires_at: null } });
  const viaCall: VoucherCode[] = call('voucher.issue_batch', batchRequest);
  const verified: Verification = call('voucher.verify', verifyRequest);

  let category: ErrorCategory = 'voucher';
  try {
    verifyCode({ ...verifyRequest, code: '12345' });
  } catch (err) {
    if (err instanceof O2OError && err.code === 'invalid_voucher_code') category = err.category;
  }

  // What the types refuse.
  // @ts-expect-error a serial is a number, not a string
  const textSerial: VoucherIssueRequest = { key, serial: '42' };
  // @ts-expect-error a serial is a number, not a bigint
  const bigSerial: VoucherIssueRequest = { key, serial: 42n };
  // @ts-expect-error not a check digit
  const crc: CodeSpec = { check: 'crc32' };
  // @ts-expect-error a batch starts at first_serial
  const noStart: VoucherBatchRequest = { key, count: 3 };
  // @ts-expect-error the time of a check is an RFC 3339 string, not a Date
  verifyCode({ key, code: issued.code, now: new Date() });
  // @ts-expect-error not a rejection reason
  const forged: VoucherRejection = 'forged';

  return [
    `${serial} ${issued.code}`,
    ...batch.map((c) => `${c.serial} ${c.code}`),
    `${ok.valid} ${ok.serial ?? ''} ${reason ?? ''} ${late.serial ?? ''} ${elsewhere.reason ?? ''}`,
    unscoped.code,
    `${viaCall.length} ${verified.valid}`,
    category,
    String(textSerial),
    String(bigSerial),
    String(crc),
    String(noStart),
    forged,
  ];
}

// The four flows: classify journeys (narrowed by result) and read a flow's definition.
export function flowExample(): string[] {
  const channel: JourneyChannel = 'offline';
  const stage: JourneyStage = 'marketing';
  const touchpoints: JourneyTouchpoint[] = [
    { channel, stage, at: '2026-05-02T15:40:00+08:00', kind: 'qr_scan', party: { role: 'store', party_id: 'nj-1' } },
    { channel: 'online', stage: 'transaction', at: '2026-05-02T21:05:00+08:00', id: 't2', kind: null },
    { channel: 'offline', stage: 'fulfilment', at: '2026-05-03T10:30:00+08:00', party: null },
  ];
  const journey: Journey = { touchpoints };
  const describe = (c: Classification): string => {
    switch (c.result) {
      case 'classified': {
        const flow: Flow = c.flow;
        return `${flow} ${c.evidence.map((e: Evidence) => `${e.index}:${e.counted_as}`).join()}`;
      }
      case 'not_o2o':
        return `not O2O (${c.channel})`;
      case 'incomplete': {
        const missing: JourneyPart[] = c.missing;
        return `missing ${missing.join()}; could be ${c.candidates.join()}`;
      }
      case 'ambiguous': {
        const why: AmbiguityReason = c.reason;
        return `${why} at ${c.touchpoints.join()}`;
      }
    }
  };
  const classified: Classification = classify(journey);
  const result: ClassificationResult = classified.result;
  const empty: Classification = classify({ touchpoints: [] });
  const viaCall: Classification = call('flow.classify', journey);

  const request: FlowDefinitionRequest = { flow: 'offline_to_online' };
  const definition: FlowDefinition = flowDefinition(request);
  const steps: string[] = definition.steps.map((s: FlowStep) => `${s.part} ${s.channel ?? 'either'} ${s.stages.join('/')} ${s.required}`);
  const lifecycle: LifecycleKind = definition.lifecycle;
  const roles: Role[] = definition.roles;
  const all: FlowDefinition[] = (['online_to_offline', 'online_to_offline_to_online'] as Flow[]).map((flow) => call('flow.definition', { flow }));

  let category: ErrorCategory = 'flow';
  try {
    classify({ touchpoints: [{ channel, stage, at: '2026-05-01T10:00:00+08:00', party: { role: 'store', party_id: '' } }] });
  } catch (err) {
    if (err instanceof O2OError && err.code === 'invalid_journey') category = err.category;
  }

  // What the types refuse.
  // @ts-expect-error only a classified result has a flow: narrow by result first
  const unnarrowed: Flow = classified.flow;
  // @ts-expect-error not a journey channel (the promotion Channel names are finer)
  const web: JourneyTouchpoint = { channel: 'online_delivery', stage, at: '2026-05-01T10:00:00+08:00' };
  // @ts-expect-error not a stage
  const browse: JourneyStage = 'browse';
  // @ts-expect-error a touchpoint's time is an RFC 3339 string, not a Date
  const dated: JourneyTouchpoint = { channel, stage, at: new Date() };
  // @ts-expect-error not one of the four flows
  flowDefinition({ flow: 'offline_only' });

  return [
    describe(classified),
    result,
    describe(empty),
    describe(viaCall),
    ...steps,
    `${lifecycle} ${roles.join()} ${all.map((d) => d.lifecycle).join()}`,
    category,
    String(unnarrowed),
    String(web),
    browse,
    String(dated),
  ];
}

export function voucherOrderExample(): string[] {
  const cny = (amount: string): Money => ({ amount, currency: 'CNY' });
  const refund: DealRefundPolicy = 'any_time';
  const deal: VoucherDeal = {
    id: 'hotpot-for-2',
    price: cny('100.00'),
    vouchers: 2,
    uses: 3,
    valid_from: '2026-03-01T00:00:00+08:00',
    valid_until: '2026-04-01T00:00:00+08:00',
    stores: ['S1', 'S2'],
    refund,
    reversal_minutes: 10,
    plan: { rules: [], remainder: { role: 'merchant', party_id: 'hotpot-house' } },
  };
  const opened: VoucherOrderStateRecord = voucherOrderOpen({ deal, order_id: 'o-1', customer_id: 'ann' });
  const asInput: VoucherOrderState = opened;
  const left: number = opened.vouchers.length + (asInput.vouchers?.length ?? 0);
  const actor: LifecycleActor = 'customer';
  const pay: VoucherOrderCommand = { type: 'pay', key: 'pay-1', actor, amount: cny('200.00') };
  const request: VoucherOrderStepRequest = { state: opened, deal, command: pay, now: '2026-03-01T09:00:00+08:00' };
  const step: VoucherOrderStep = voucherOrderStep(request);
  const status: VoucherOrderStatus = step.state.status;
  const describe = (e: VoucherOrderEffect): string => {
    switch (e.type) {
      case 'charge':
      case 'refund':
        return `${e.type} ${e.customer_id} ${e.amount.amount}`;
      case 'issue_voucher':
        return `${e.voucher} x${e.uses} ${e.code ?? ''}`;
      case 'redeemed':
      case 'reversed':
        return `${e.type} ${e.redemption} ${e.count} ${e.amount.amount}`;
      case 'breakage':
        return `breakage ${e.uses} ${e.amount.amount}`;
      case 'settle':
        return e.ledger.lines.map((l) => `${l.party_id} ${l.amount.amount}`).join();
    }
  };
  const commands: TimedVoucherCommand[] = [
    { at: '2026-03-01T09:00:00+08:00', command: pay },
    { at: '2026-03-05T19:00:00+08:00', command: { type: 'redeem', key: 'r-1', actor: 'staff', voucher: 'o-1/v1', store_id: 'S1', count: 2 } },
  ];
  const replayRequest: VoucherOrderReplayRequest = { deal, order_id: 'o-1', customer_id: 'ann', commands };
  const replay: VoucherOrderReplay = voucherOrderReplay(replayRequest);
  const duplicates: number[] = replay.duplicates ?? [];
  const viaCall: VoucherOrderReplay = call('voucher_order.replay', replayRequest);
  const viaCallStep: VoucherOrderStep = call('voucher_order.step', request);

  let eventIndex = -1;
  try {
    voucherOrderReplay({ ...replayRequest, commands: [...commands, { at: '2026-03-06T10:00:00+08:00', command: { type: 'reverse', key: 'x', actor: 'staff', redemption: 'r-1' } }] });
  } catch (err) {
    if (err instanceof O2OError && err.category === 'lifecycle') eventIndex = err.details.event_index ?? -1;
  }

  // What the types refuse.
  // @ts-expect-error not a refund policy
  const never: DealRefundPolicy = 'never';
  // @ts-expect-error not an actor
  const robot: LifecycleActor = 'robot';
  // @ts-expect-error a redeem names its store
  const noStore: VoucherOrderCommand = { type: 'redeem', key: 'r', actor: 'staff', voucher: 'o-1/v1' };
  // @ts-expect-error money is a Money object, not a number
  const numeric: VoucherOrderCommand = { type: 'pay', key: 'p', actor: 'customer', amount: 200 };

  return [
    status,
    String(left),
    ...step.effects.map(describe),
    ...replay.effects.map(describe),
    String(duplicates.length),
    viaCall.state.status,
    viaCallStep.state.status,
    String(eventIndex),
    String(never),
    String(robot),
    String(noStore),
    String(numeric),
  ];
}

export function storeOrderExample(): string[] {
  const cny = (amount: string): Money => ({ amount, currency: 'CNY' });
  const wechat: SalesChannel = {
    id: 'wechat',
    kind: 'mini_program',
    fee: { type: 'percent', percent: '0.6' },
    fee_to: { role: 'payment_processor', party_id: 'wxpay' },
  };
  const policy: StoreOrderPolicy = {
    id: 'papa',
    flow: 'offline_to_online_to_offline',
    currency: 'CNY',
    plan: { rules: [], remainder: { role: 'merchant', party_id: 'papa-johns' } },
    channels: [wechat],
    cancel_minutes: 5,
  };
  const opened: StoreOrderStateRecord = storeOrderOpen({ policy, order_id: 'o-1', customer_id: 'ann' });
  const asInput: StoreOrderState = opened;
  const place: StoreOrderCommand = {
    type: 'place',
    key: 'p',
    actor: 'customer',
    channel: 'wechat',
    amount: cny('88.00'),
    fulfilment: 'dine_in',
    store_id: 'xuhui',
  };
  const request: StoreOrderStepRequest = { state: asInput, policy, command: place, now: '2026-03-06T12:00:00+08:00' };
  const step: StoreOrderStep = storeOrderStep(request);
  const status: StoreOrderStatus = step.state.status;
  const describe = (e: StoreOrderEffect): string => {
    switch (e.type) {
      case 'bind':
        return `${e.binding.role} ${e.binding.party_id}`;
      case 'assign_store':
        return `${e.store_id} ${e.distance_m} ${e.passed_over.length}`;
      case 'charge':
      case 'refund':
        return `${e.type} ${e.customer_id} ${e.amount.amount}`;
      case 'completed': {
        const how: Handover = e.handover;
        return `${e.store_id} ${how}`;
      }
      case 'settle':
        return e.ledger.lines.map((l) => `${l.party_id} ${l.amount.amount}`).join();
      case 'clawback':
        return e.clawback.lines.map((l) => `${l.party_id} ${l.amount.amount}`).join();
    }
  };
  const commands: TimedStoreOrderCommand[] = [
    { at: '2026-03-06T12:00:00+08:00', command: place },
    { at: '2026-03-06T12:01:00+08:00', command: { type: 'accept', key: 'a', actor: 'staff' } },
    { at: '2026-03-06T12:02:00+08:00', command: { type: 'dispatch', key: 'd', actor: 'logistics' } },
    { at: '2026-03-06T12:03:00+08:00', command: { type: 'refund', key: 'f', actor: 'platform', amount: cny('1.00') } },
  ];
  const replayRequest: StoreOrderReplayRequest = { policy, order_id: 'o-1', customer_id: 'ann', commands };
  let eventIndex = -1;
  let replayed: StoreOrderReplay | undefined;
  try {
    replayed = storeOrderReplay(replayRequest);
  } catch (err) {
    if (err instanceof O2OError && err.category === 'lifecycle') eventIndex = err.details.event_index ?? -1;
  }
  const viaCall: StoreOrderStep = call('store_order.step', request);
  const viaOpen: StoreOrderStateRecord = call('store_order.open', { policy, order_id: 'o-2', customer_id: 'bo' });

  // What the types refuse.
  // @ts-expect-error not a fulfilment
  const drone: StoreOrderCommand = { ...place, fulfilment: 'drone' };
  // @ts-expect-error money is a Money object, not a number
  const numeric: StoreOrderCommand = { type: 'place', key: 'p', actor: 'customer', amount: 88, fulfilment: 'pickup' };
  // @ts-expect-error a place says how it is fulfilled
  const noFulfilment: StoreOrderCommand = { type: 'place', key: 'p', actor: 'customer', amount: cny('1.00') };
  // @ts-expect-error not a store-order status
  const lost: StoreOrderStatus = 'lost';

  return [
    status,
    String(opened.processed.length + (asInput.processed?.length ?? 0)),
    ...step.effects.map(describe),
    ...(replayed?.effects ?? []).map(describe),
    String(replayed?.duplicates?.length ?? 0),
    viaCall.state.status,
    viaOpen.status,
    String(eventIndex),
    String(drone),
    String(numeric),
    String(noFulfilment),
    String(lost),
  ];
}

// The batch forms: one call for an array, a result per item (the value or its error).
export function batches(state: GroupBuyStateRecord, cart: Cart, context: QuoteContext): string[] {
  const total: Money = { amount: '99.99', currency: 'CNY' };
  const full: AllocateBatch = allocateBatch([{ total, weights: ['75', '25'] }]);
  const amounts: AllocateBatch = allocateBatch([{ total, weights: ['1', 2] }], 'amounts');
  const texts: string[] = amounts.results.flatMap((r: AllocateBatchItem) => ('amounts' in r ? r.amounts : []));
  const errors: ItemError[] = full.results.flatMap((r) => ('error' in r ? [r.error] : []));
  const quotes: QuoteBatch = quoteBatch({ carts: [cart, cart], promotions: [], context });
  const totals: string[] = quotes.results.map((r) => ('quote' in r ? r.quote.total.amount : r.error.code));
  const progress: ProgressBatch = groupbuyProgressBatch([state], '2026-11-22T10:00:00+08:00');
  const counts: number[] = progress.results.map((r) => ('progress' in r ? r.progress.count : -1));
  const viaCall: AllocateBatch = call('allocate.batch', { requests: [], detail: 'full' });
  // @ts-expect-error the detail is full or amounts
  allocateBatch([], 'parts');
  // @ts-expect-error quoteBatch takes carts, not one cart
  quoteBatch({ cart, context });
  return [...texts, ...errors.map((e) => e.code), ...totals, ...counts.map(String), String(viaCall.results.length)];
}
