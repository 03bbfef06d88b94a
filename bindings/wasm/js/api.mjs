// The typed JavaScript API of o2okit, shared by the Node (CommonJS and ESM) and browser
// entry points. It holds no money logic: every function is
//
//     JSON.parse(wasm.callBytes(name, utf8(JSON.stringify(input))))
//
// so JavaScript decodes through exactly the same code path as Rust, the CLI and the golden
// vectors. In particular a JS `number` given as a money amount reaches the core as a JSON
// number and is rejected there with the code `number_for_money`: it is never converted.
//
// Speed (see README, Performance): the input is checked for what JSON cannot carry exactly
// by one walk over it and then written by a plain JSON.stringify (a replacer function would
// run for every key and halve its speed); the JSON text goes to the module as UTF-8 bytes
// written by TextEncoder.encodeInto into a reused buffer (one native copy; wasm-bindgen's own
// string passing copies character by character in JS).
//
// This file is the single source: build.sh derives pkg/node/api.cjs from it for require(),
// so it may only use `export function`, `export class` and `export const` declarations.

/** The wire names of the functions `call` knows (the core's `o2okit::FUNCTIONS`). */
export const FUNCTIONS = Object.freeze([
  'allocate',
  'allocate.batch',
  'currency',
  'money.parse',
  'money.add',
  'money.sub',
  'money.multiply',
  'money.round_to_step',
  'quote',
  'quote.batch',
  'coupon.validate',
  'coupon.redeem',
  'coupon.rollback',
  'groupbuy.open',
  'groupbuy.step',
  'groupbuy.replay',
  'groupbuy.progress',
  'groupbuy.progress_batch',
  'groupbuy.simulate',
  'split',
  'split.batch',
  'split.refund',
  'split.pool',
  'attribute',
  'attribute.shapley',
  'bind',
  'settle',
  'store.assign',
  'card.apply',
  'card.replay',
  'points.replay',
  'points.redeem',
  'order.normalize',
  'price.parity',
  'voucher.issue',
  'voucher.issue_batch',
  'voucher.verify',
  'flow.classify',
  'flow.definition',
  'voucher_order.open',
  'voucher_order.step',
  'voucher_order.replay',
  'store_order.open',
  'store_order.step',
  'store_order.replay',
]);

/** Every rounding mode; `half_even` (banker's rounding) is the default. */
export const ROUNDING_MODES = Object.freeze([
  'half_even',
  'half_up',
  'half_down',
  'up',
  'down',
  'ceiling',
  'floor',
]);

/** Every stable error code (the core's `o2okit::ERROR_CODES`). */
export const ERROR_CODES = Object.freeze([
  'unknown_currency',
  'currency_mismatch',
  'amount_out_of_range',
  'invalid_decimal',
  'too_many_decimals',
  'number_for_money',
  'unknown_rounding',
  'invalid_step',
  'not_on_step',
  'empty_weights',
  'zero_weights',
  'negative_weight',
  'length_mismatch',
  'negative_cap',
  'caps_insufficient',
  'invalid_input',
  'duplicate_id',
  'invalid_quantity',
  'too_many_units',
  'unknown_time_zone',
  'coupon_exhausted',
  'coupon_not_usable',
  'redemption_conflict',
  'redemption_not_found',
  'rollback_exceeds_redemption',
  'campaign_ended',
  'campaign_not_started',
  'deadline_passed',
  'team_expired',
  'team_ended',
  'team_full',
  'campaign_full',
  'customer_limit_reached',
  'already_member',
  'unknown_team',
  'unknown_participation',
  'participation_not_pending',
  'participation_not_active',
  'payment_mismatch',
  'idempotency_conflict',
  'time_out_of_order',
  'event_not_allowed',
  'simulation_too_large',
  'invalid_plan',
  'invalid_order',
  'missing_party',
  'split_exceeds_total',
  'refund_exceeds_paid',
  'invalid_attribution',
  'too_many_channels',
  'invalid_binding',
  'invalid_pool',
  'invalid_store',
  'invalid_location',
  'insufficient_balance',
  'card_closed',
  'balance_limit_exceeded',
  'spend_not_found',
  'refund_exceeds_spend',
  'insufficient_points',
  'events_out_of_order',
  'invalid_membership',
  'invalid_source_order',
  'amounts_do_not_reconcile',
  'conflicting_duplicate',
  'invalid_parity_check',
  'invalid_voucher_key',
  'invalid_voucher_spec',
  'invalid_voucher_scope',
  'invalid_voucher_code',
  'invalid_journey',
  'command_not_allowed',
  'store_not_allowed',
  'outside_validity',
  'no_uses_left',
  'reversal_window_passed',
  'already_settled',
  'already_reversed',
  'refund_not_allowed',
  'unknown_voucher',
  'unknown_redemption',
  'amount_mismatch',
  'invalid_deal',
  'invalid_store_order_policy',
  'unknown_channel',
  'no_store_available',
  'invalid_json',
  'unknown_function',
  'not_in_build',
]);

/**
 * The error every o2okit function throws. `code` is the core's stable error code,
 * `category` its family (`currency`, `money`, `allocation`, `promotion`, `groupbuy`,
 * `split`, `store`, `membership`, `intake`, `voucher`, `flow`, `lifecycle`, `input`) and `details` the object
 * `{code, category, message}` the core describes the error with (plus `event_index` when an
 * event of a replayed log was rejected).
 */
export class O2OError extends Error {
  constructor(message, code, category, details) {
    super(message);
    const cat = category === undefined ? categoryOfJsError(code) : category;
    this.name = 'O2OError';
    this.code = code;
    this.category = cat;
    this.details = details === undefined ? { code, category: cat, message } : details;
  }
}

// Categories of the few errors raised on the JS side, before the core sees the input, and of
// `internal` (a bug of o2okit: a panic or a trap of the WebAssembly module).
function categoryOfJsError(code) {
  if (code === 'internal') return 'internal';
  return code === 'invalid_decimal' ? 'money' : 'input';
}

function describeKey(key) {
  return key === '' ? '' : ` (at ${JSON.stringify(String(key))})`;
}

// JSON.stringify replacer: refuse what JSON cannot carry exactly, instead of a TypeError
// (bigint) or a silent `null` (NaN, Infinity), and a `Date`, which JSON.stringify would
// silently turn into a UTC string through its toJSON (`this[key]` is the value before that):
// times are RFC 3339 strings, chosen by the caller, never converted here.
function exactJsonReplacer(key, value) {
  const raw = this[key];
  if (raw !== value && isDate(raw)) {
    const message = `invalid input${describeKey(key)}: a JS Date is not accepted; pass an RFC 3339 string such as "2026-11-22T10:00:00+08:00" (date.toISOString() gives one in UTC)`;
    throw new O2OError(message, 'invalid_json');
  }
  if (typeof value === 'bigint') {
    const message = `invalid decimal ${value}n${describeKey(key)}: a JS bigint is not accepted; write a plain decimal string such as "12.30" or "-5"`;
    throw new O2OError(message, 'invalid_decimal');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const message = `invalid decimal ${value}${describeKey(key)}: it is not a finite number; write a plain decimal string such as "12.30" or "-5"`;
    throw new O2OError(message, 'invalid_decimal');
  }
  return value;
}

function isDate(x) {
  return typeof x === 'object' && x !== null && Object.prototype.toString.call(x) === '[object Date]';
}

// Whether JSON.stringify(value) can run without the replacer: no bigint, no NaN or
// Infinity, no Date or other object with a toJSON method anywhere in it. A false answer only
// costs speed (the replacer then runs and gives the exact error, or the same text); nesting
// deeper than 512 (or a cycle) also takes the replacer's path.
function plainJson(value, depth) {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value);
    case 'bigint':
      return false;
    case 'object': {
      if (value === null) return true;
      if (depth > 512) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!plainJson(value[i], depth + 1)) return false;
        return true;
      }
      if (typeof value.toJSON === 'function') return false;
      for (const key in value) if (!plainJson(value[key], depth + 1)) return false;
      return true;
    }
    default:
      return true;
  }
}

function encode(input) {
  if (plainJson(input, 0)) {
    const json = JSON.stringify(input);
    if (json !== undefined) return json;
  }
  let json;
  try {
    json = JSON.stringify(input, exactJsonReplacer);
  } catch (err) {
    if (err instanceof O2OError) throw err;
    throw new O2OError(`invalid input: it cannot be written as JSON (${err && err.message})`, 'invalid_json');
  }
  if (json === undefined) {
    throw new O2OError(`invalid input: expected a JSON value, got ${typeof input}`, 'invalid_json');
  }
  return json;
}

// The UTF-8 bytes of a JSON text, written into a reused buffer (a view of it is returned:
// the module copies it before anything else runs). Texts above 1 MB get a buffer of their own
// rather than keeping a large one alive.
const utf8Encoder = new TextEncoder();
let utf8Buffer = new Uint8Array(0);
function utf8(json) {
  const most = json.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
  if (most > 1 << 20) return utf8Encoder.encode(json);
  if (utf8Buffer.length < most) utf8Buffer = new Uint8Array(Math.max(most, 4096));
  const { written } = utf8Encoder.encodeInto(json, utf8Buffer);
  return utf8Buffer.subarray(0, written);
}

// Turn the js_sys::Error thrown by the wasm module into an O2OError with the same message,
// code, category and details. A panic (thrown by the module's panic hook with the code
// `internal`) or a trap of the module (a WebAssembly.RuntimeError, or a RangeError for a
// stack overflow) leaves that instance mid-call: a fresh instance is started (`reset`) and
// the error is an O2OError with the code `internal`. Anything else is rethrown as it is.
function fromWasmError(err, reset) {
  if (err !== null && typeof err === 'object' && typeof err.code === 'string') {
    if (err.code === 'internal') reset();
    return new O2OError(err.message, err.code, err.category, err.details);
  }
  if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
    reset();
    const message = `internal error in o2okit (a bug: please report it with the input that caused it): the WebAssembly module stopped: ${err.message}; a fresh instance was started`;
    const wrapped = new O2OError(message, 'internal');
    wrapped.cause = err;
    return wrapped;
  }
  return err;
}

/**
 * Build the typed API over a loaded wasm-bindgen module: `backend` has `call(name, json)` and
 * `version()`, and may have `callBytes(name, utf8Bytes)` (used when present) and `reset()`
 * (starts a fresh instance after a panic or a trap). Used by the entry points; not part of
 * the public API.
 */
export function createApi(backend) {
  const reset = () => {
    if (typeof backend.reset === 'function') backend.reset();
  };
  const bytes = typeof backend.callBytes === 'function';
  function call(functionName, input) {
    if (typeof functionName !== 'string') {
      throw new O2OError(
        `unknown function ${String(functionName)}: the function name must be a string; known functions: ${FUNCTIONS.join(', ')}`,
        'unknown_function',
      );
    }
    const json = encode(input);
    const payload = bytes ? utf8(json) : json;
    let output;
    try {
      output = bytes ? backend.callBytes(functionName, payload) : backend.call(functionName, payload);
    } catch (err) {
      throw fromWasmError(err, reset);
    }
    return JSON.parse(output);
  }

  return {
    call,
    allocate: (request) => call('allocate', request),
    allocateBatch: (requests, detail) => call('allocate.batch', { requests, detail }),
    currency: (code) => call('currency', { code }),
    parseMoney: (amount, currency, rounding) => call('money.parse', { amount, currency, rounding }),
    addMoney: (a, b) => call('money.add', { a, b }),
    subtractMoney: (a, b) => call('money.sub', { a, b }),
    multiplyMoney: (money, factor, rounding) => call('money.multiply', { money, factor, rounding }),
    roundToStep: (money, step, rounding) => call('money.round_to_step', { money, step, rounding }),
    quote: (request) => call('quote', request),
    quoteBatch: (request) => call('quote.batch', request),
    validateCoupon: (input) => call('coupon.validate', input),
    redeemCoupon: (input) => call('coupon.redeem', input),
    rollbackCoupon: (input) => call('coupon.rollback', input),
    groupbuyOpen: (campaign) => call('groupbuy.open', { campaign }),
    groupbuyStep: (state, event, now) => call('groupbuy.step', { state, event, now }),
    groupbuyReplay: (campaign, events) => call('groupbuy.replay', { campaign, events }),
    groupbuyProgress: (state, now) => call('groupbuy.progress', { state, now }),
    groupbuyProgressBatch: (states, now) => call('groupbuy.progress_batch', { states, now }),
    groupbuySimulate: (spec) => call('groupbuy.simulate', spec),
    split: (order, plan) => call('split', { order, plan }),
    splitBatch: (plan, orders) => call('split.batch', { plan, orders }),
    splitRefund: (request) => call('split.refund', request),
    splitPool: (request) => call('split.pool', request),
    attribute: (request) => call('attribute', request),
    attributeShapley: (request) => call('attribute.shapley', request),
    bind: (request) => call('bind', request),
    settle: (request) => call('settle', request),
    assign: (request) => call('store.assign', request),
    cardApply: (input) => call('card.apply', input),
    cardReplay: (request) => call('card.replay', request),
    pointsReplay: (request) => call('points.replay', request),
    pointsRedeem: (request) => call('points.redeem', request),
    normalize: (request) => call('order.normalize', request),
    priceParity: (request) => call('price.parity', request),
    issueCode: (request) => call('voucher.issue', request),
    issueCodes: (request) => call('voucher.issue_batch', request),
    verifyCode: (request) => call('voucher.verify', request),
    classify: (journey) => call('flow.classify', journey),
    flowDefinition: (request) => call('flow.definition', request),
    voucherOrderOpen: (request) => call('voucher_order.open', request),
    voucherOrderStep: (request) => call('voucher_order.step', request),
    voucherOrderReplay: (request) => call('voucher_order.replay', request),
    storeOrderOpen: (request) => call('store_order.open', request),
    storeOrderStep: (request) => call('store_order.step', request),
    storeOrderReplay: (request) => call('store_order.replay', request),
    version: () => backend.version(),
  };
}
