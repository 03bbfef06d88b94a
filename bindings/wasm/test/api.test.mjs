// The JS surface itself: numbers and bigints, errors, entry points, constants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as o2o from 'o2okit';
import init, {
  addMoney,
  allocate,
  call,
  currency,
  multiplyMoney,
  O2OError,
  parseMoney,
  quote,
  redeemCoupon,
  rollbackCoupon,
  roundToStep,
  subtractMoney,
  validateCoupon,
} from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const amounts = (allocation) => allocation.parts.map((p) => p.amount.amount);


test('99.99 CNY split 75:25 is 74.99 / 25.00', () => {
  const split = allocate({ total: cny('99.99'), weights: ['75', '25'] });
  assert.deepEqual(amounts(split), ['74.99', '25.00']);
  assert.equal(split.leftover_units, 1);
  assert.deepEqual(split.parts.map((p) => p.extra_unit), [false, true]);
  assert.deepEqual(split.unit, cny('0.01'));
});

test('integer JS numbers are fine as weights, steps and factors', () => {
  assert.deepEqual(amounts(allocate({ total: cny('99.99'), weights: [75, 25] })), ['74.99', '25.00']);
  assert.deepEqual(multiplyMoney(cny('1.50'), 3), cny('4.50'));
  assert.deepEqual(roundToStep({ amount: '1499', currency: 'JPY' }, 10), { amount: '1500', currency: 'JPY' });
});

test('a JS number as a money amount is rejected, never converted', () => {
  const err = throwsCode(() => parseMoney(12.5, 'CNY'), 'number_for_money');
  assert.equal(err.category, 'money');
  assert.match(err.message, /12\.5/);
  throwsCode(() => parseMoney(12, 'CNY'), 'number_for_money');
  throwsCode(() => allocate({ total: { amount: 0.1, currency: 'CNY' }, weights: ['1'] }), 'number_for_money');
  throwsCode(() => addMoney({ amount: 0.1, currency: 'CNY' }, cny('0.20')), 'number_for_money');
  throwsCode(() => allocate({ total: cny('1.00'), weights: ['1'], caps: [{ amount: 1, currency: 'CNY' }] }), 'number_for_money');
});

test('a non-integer JS number as a weight or factor is rejected', () => {
  const err = throwsCode(() => allocate({ total: cny('1.00'), weights: [0.5, 0.5] }), 'invalid_decimal');
  assert.match(err.message, /string/);
  throwsCode(() => multiplyMoney(cny('1.00'), 0.1), 'invalid_decimal');
  throwsCode(() => allocate({ total: cny('1.00'), weights: [1e21] }), 'invalid_decimal');
});

test('a bigint is rejected with an O2OError, not a TypeError', () => {
  const err = throwsCode(() => allocate({ total: cny('1.00'), weights: [1n, 2n] }), 'invalid_decimal');
  assert.equal(err.category, 'money');
  assert.match(err.message, /bigint/);
  assert.deepEqual(err.details, { code: 'invalid_decimal', category: 'money', message: err.message });
  throwsCode(() => parseMoney(5n, 'CNY'), 'invalid_decimal');
  throwsCode(() => multiplyMoney(cny('1.00'), 2n), 'invalid_decimal');
});

test('NaN and Infinity are rejected instead of becoming null', () => {
  throwsCode(() => allocate({ total: cny('1.00'), weights: [NaN, 1] }), 'invalid_decimal');
  throwsCode(() => multiplyMoney(cny('1.00'), Infinity), 'invalid_decimal');
  throwsCode(() => parseMoney(-Infinity, 'CNY'), 'invalid_decimal');
});

test('input JSON cannot carry is an invalid_json O2OError', () => {
  const cyclic = { total: cny('1.00'), weights: ['1'] };
  cyclic.self = cyclic;
  const err = throwsCode(() => allocate(cyclic), 'invalid_json');
  assert.equal(err.category, 'input');
  throwsCode(() => call('allocate', undefined), 'invalid_json');
  throwsCode(() => allocate({ total: cny('1.00'), weights: ['1'], wieghts: ['1'] }), 'invalid_json');
  throwsCode(() => allocate('99.99'), 'invalid_json');
});

test('unknown currency', () => {
  const err = throwsCode(() => currency('XYZ'), 'unknown_currency');
  assert.equal(err.category, 'currency');
  assert.match(err.message, /XYZ/);
  throwsCode(() => parseMoney('1', 'ABC'), 'unknown_currency');
  throwsCode(() => allocate({ total: { amount: '1', currency: 'EURO' }, weights: ['1'] }), 'unknown_currency');
  assert.deepEqual(currency('kwd'), { code: 'KWD', minor_units: 3, name: 'Kuwaiti Dinar' });
});

test('mixing currencies is an error, never a conversion', () => {
  const usd = { amount: '1.00', currency: 'USD' };
  const err = throwsCode(() => addMoney(cny('1.00'), usd), 'currency_mismatch');
  assert.equal(err.category, 'currency');
  assert.match(err.message, /CNY/);
  assert.match(err.message, /USD/);
  throwsCode(() => subtractMoney(cny('1.00'), usd), 'currency_mismatch');
  throwsCode(() => allocate({ total: cny('1.00'), weights: ['1', '1'], caps: [usd, null] }), 'currency_mismatch');
});

test('errors are real Errors with code, category, details and a stack', () => {
  const err = throwsCode(() => allocate({ total: cny('1.00'), weights: [] }), 'empty_weights');
  assert.equal(err.category, 'allocation');
  assert.deepEqual(err.details, { code: 'empty_weights', category: 'allocation', message: err.message });
  assert.equal(typeof err.stack, 'string');
  assert.match(String(err), /^O2OError: no weights given/);
  assert.equal(Object.prototype.toString.call(err), '[object Error]');
});

test('unknown functions', () => {
  const err = throwsCode(() => call('money.divide', {}), 'unknown_function');
  assert.match(err.message, /money\.add/);
  throwsCode(() => call(42, {}), 'unknown_function');
});

test('the raw wasm export throws a js_sys Error carrying the same fields', () => {
  const wasm = require('../pkg/node/o2okit_wasm.js');
  let caught;
  try {
    wasm.call('currency', '{"code": "XYZ"}');
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, 'unknown_currency');
  assert.equal(caught.category, 'currency');
  assert.deepEqual(caught.details, { code: 'unknown_currency', category: 'currency', message: caught.message });
  assert.equal(wasm.call('currency', '{"code": "JPY"}'), '{"code":"JPY","minor_units":0,"name":"Yen"}');
});

test('rounding modes are passed through, half_even by default', () => {
  assert.deepEqual(parseMoney('0.125', 'CNY', 'half_up'), cny('0.13'));
  assert.deepEqual(parseMoney('0.125', 'CNY', 'half_even'), cny('0.12'));
  assert.deepEqual(multiplyMoney(cny('0.25'), '0.5'), cny('0.12'));
  assert.deepEqual(roundToStep({ amount: '2.33', currency: 'CHF' }, '0.05'), { amount: '2.35', currency: 'CHF' });
  throwsCode(() => parseMoney('0.125', 'CNY'), 'too_many_decimals');
  throwsCode(() => parseMoney('0.125', 'CNY', 'half_odd'), 'unknown_rounding');
  throwsCode(() => multiplyMoney(cny('1.00'), '2', 'HALF_UP'), 'unknown_rounding');
});

test('the constants mirror the core', () => {
  const wasm = require('../pkg/node/o2okit_wasm.js');
  assert.deepEqual([...o2o.FUNCTIONS], wasm.functions());
  assert.deepEqual([...o2o.ERROR_CODES], wasm.errorCodes());
  assert.deepEqual([...o2o.ROUNDING_MODES], wasm.roundingModes());
  assert.ok(Object.isFrozen(o2o.FUNCTIONS));
  assert.equal(o2o.version(), JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
});

test('index.d.ts lists the same error codes, rounding modes and function names', () => {
  const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8');
  const union = (name) => {
    const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
    assert.ok(m, `type ${name} not found in index.d.ts`);
    return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  };
  // `internal` is the code of a panic or a trap of the module (a bug), not one of the core's.
  assert.deepEqual(union('ErrorCode'), [...o2o.ERROR_CODES, 'internal']);
  assert.deepEqual(union('Rounding'), [...o2o.ROUNDING_MODES]);
  assert.deepEqual(union('FunctionName'), [...o2o.FUNCTIONS]);
});

// --- promotions -------------------------------------------------------------------------

const NOW = '2026-11-22T10:00:00+08:00';
const latte = (quantity, unitPrice = '30.00') => ({
  id: 'a',
  product_id: 'latte',
  unit_price: cny(unitPrice),
  quantity,
});
const secondHalfPrice = {
  id: 'second-half',
  name: '第二件半价',
  discount: { type: 'nth_item', n: 2, percent: '50' },
  funded_by: { role: 'merchant' },
};
const context = (extra = {}) => ({ now: NOW, channel: 'in_store', ...extra });

test('第二件半价: 3 × 30.00 is 15.00 off, 75.00 to pay', () => {
  const q = quote({ cart: { lines: [latte('3')] }, promotions: [secondHalfPrice], context: context() });
  assert.deepEqual(q.subtotal, cny('90.00'));
  assert.deepEqual(q.discount_total, cny('15.00'));
  assert.deepEqual(q.total, cny('75.00'));
  assert.equal(q.discounts.length, 1);
  const [d] = q.discounts;
  assert.equal(d.promotion_id, 'second-half');
  assert.equal(d.kind, 'nth_item');
  assert.equal(d.level, 'item');
  assert.deepEqual(d.amount, cny('15.00'));
  assert.deepEqual(d.funded_by, { role: 'merchant' });
  assert.deepEqual(d.lines, [{ line_id: 'a', amount: cny('15.00') }]);
  // Per-unit net prices: 30.00, 15.00, 30.00 (the second unit is the discounted one).
  const [line] = q.lines;
  assert.equal(line.quantity, '3');
  assert.deepEqual(line.net, cny('75.00'));
  assert.deepEqual(
    line.units.map((u) => [u.count, u.net.amount]),
    [
      [1, '30.00'],
      [1, '15.00'],
      [1, '30.00'],
    ],
  );
  assert.deepEqual(q.rejected, []);
  assert.equal(q.selection.mode, 'best_for_customer');
  assert.equal(q.selection.optimal, true);
  assert.deepEqual(q.selection.saving, cny('15.00'));
  assert.equal('gifts' in q, false, 'no gifts: the field is absent, not empty');
  assert.equal('delivery' in q, false, 'no delivery fee: no delivery part');
  // A whole JS number is a fine quantity (it is not money); the result is the same.
  assert.deepEqual(quote({ cart: { lines: [latte(3)] }, promotions: [secondHalfPrice], context: context() }), q);
  // The same through the wire-level call.
  assert.deepEqual(call('quote', { cart: { lines: [latte('3')] }, promotions: [secondHalfPrice], context: context() }), q);
});

test('a rejected promotion says why, with a hint', () => {
  const threshold = {
    id: 'mj-150-20',
    discount: { type: 'threshold', tiers: [{ min_spend: cny('150.00'), off: cny('20.00') }] },
    funded_by: { role: 'platform' },
  };
  const q = quote({ cart: { lines: [latte('3')] }, promotions: [threshold], context: context() });
  assert.deepEqual(q.total, cny('90.00'));
  assert.deepEqual(q.rejected, [
    {
      promotion_id: 'mj-150-20',
      reason: 'min_spend_not_met',
      params: { required: '150.00', actual: '90.00' },
      hint: { code: 'add_amount', amount: cny('60.00'), message: 'add 60.00 more to unlock' },
    },
  ]);
});

test('a JS number as a cart price or a promotion amount is rejected with number_for_money', () => {
  const err = throwsCode(
    () => quote({ cart: { lines: [{ ...latte('3'), unit_price: { amount: 30, currency: 'CNY' } }] }, promotions: [], context: context() }),
    'number_for_money',
  );
  assert.equal(err.category, 'money');
  assert.match(err.message, /30/);
  throwsCode(
    () =>
      quote({
        cart: { lines: [latte('3')] },
        promotions: [{ id: 'x', discount: { type: 'amount_off_order', amount: { amount: 5.5, currency: 'CNY' } }, funded_by: { role: 'merchant' } }],
        context: context(),
      }),
    'number_for_money',
  );
  throwsCode(() => quote({ cart: { lines: [latte('3')], delivery_fee: { amount: 6, currency: 'CNY' } }, context: context() }), 'number_for_money');
  // A non-integer JS number where a decimal (not money) goes is refused too.
  throwsCode(() => quote({ cart: { lines: [latte(1.5)] }, context: context() }), 'invalid_decimal');
  throwsCode(
    () => quote({ cart: { lines: [latte('3')] }, promotions: [{ ...secondHalfPrice, discount: { type: 'nth_item', n: 2, percent: 50.5 } }], context: context() }),
    'invalid_decimal',
  );
});

test('a Date for `now` is rejected: times are RFC 3339 strings', () => {
  const request = (now) => ({ cart: { lines: [latte('3')] }, promotions: [secondHalfPrice], context: { now, channel: 'in_store' } });
  const err = throwsCode(() => quote(request(new Date('2026-11-22T02:00:00Z'))), 'invalid_json');
  assert.equal(err.category, 'input');
  assert.match(err.message, /"now"/);
  assert.match(err.message, /RFC 3339/);
  assert.deepEqual(err.details, { code: 'invalid_json', category: 'input', message: err.message });
  // An invalid Date (toJSON gives null) and a Date inside a schedule are refused the same way.
  throwsCode(() => quote(request(new Date(NaN))), 'invalid_json');
  const scheduled = { ...secondHalfPrice, conditions: { schedule: { valid_from: new Date('2026-11-01T00:00:00Z') } } };
  const err2 = throwsCode(() => quote({ ...request(NOW), promotions: [scheduled] }), 'invalid_json');
  assert.match(err2.message, /"valid_from"/);
  // Anything else that is not an RFC 3339 string fails in the core, with the same code.
  throwsCode(() => quote(request(Date.parse('2026-11-22T02:00:00Z'))), 'invalid_json');
  throwsCode(() => quote(request('2026-11-22 10:00')), 'invalid_json');
  throwsCode(() => quote(request({ iso: NOW })), 'invalid_json');
  // The string a Date gives is fine.
  const q = quote(request(new Date('2026-11-22T02:00:00Z').toISOString()));
  assert.deepEqual(q.total, cny('75.00'));
});

test('promotion errors carry category "promotion"', () => {
  const happyHour = {
    ...secondHalfPrice,
    conditions: { schedule: { time_zone: 'Mars/Olympus', slots: [{ start: '14:00', end: '17:00' }] } },
  };
  const err = throwsCode(() => quote({ cart: { lines: [latte('3')] }, promotions: [happyHour], context: context() }), 'unknown_time_zone');
  assert.equal(err.category, 'promotion');
  assert.match(err.message, /Mars\/Olympus/);
  assert.deepEqual(err.details, { code: 'unknown_time_zone', category: 'promotion', message: err.message });
  // Every promotion-category code the core lists is known to the JS side.
  for (const code of ['unknown_time_zone', 'coupon_exhausted', 'coupon_not_usable', 'redemption_conflict', 'redemption_not_found', 'rollback_exceeds_redemption']) {
    assert.ok(o2o.ERROR_CODES.includes(code), code);
  }
});

test('inconsistent carts and promotions are input errors', () => {
  let err = throwsCode(() => quote({ cart: { lines: [] }, context: context() }), 'invalid_input');
  assert.equal(err.category, 'input');
  err = throwsCode(() => quote({ cart: { lines: [latte('3'), latte('1')] }, context: context() }), 'duplicate_id');
  assert.equal(err.category, 'input');
  throwsCode(() => quote({ cart: { lines: [latte('0')] }, context: context() }), 'invalid_quantity');
  throwsCode(() => quote({ cart: { lines: [latte('10001')] }, context: context() }), 'too_many_units');
  throwsCode(() => quote({ cart: { lines: [latte('3')] }, promotions: [secondHalfPrice, secondHalfPrice], context: context() }), 'duplicate_id');
  throwsCode(
    () => quote({ cart: { lines: [latte('3')] }, promotions: [{ ...secondHalfPrice, discount: { type: 'nth_item', n: 2, percent: '150' } }], context: context() }),
    'invalid_input',
  );
  throwsCode(() => quote({ cart: { lines: [{ ...latte('1'), unit_price: { amount: '1.00', currency: 'USD' } }, { ...latte('1'), id: 'b' }] }, context: context() }), 'currency_mismatch');
  // Wrong shapes: an unknown discount type, an unknown field, a missing context.
  throwsCode(() => quote({ cart: { lines: [latte('3')] }, promotions: [{ ...secondHalfPrice, discount: { type: 'half_price' } }], context: context() }), 'invalid_json');
  throwsCode(() => quote({ cart: { lines: [latte('3')] }, context: context({ chanel: 'in_store' }) }), 'invalid_json');
  throwsCode(() => quote({ cart: { lines: [latte('3')] } }), 'invalid_json');
});

// --- held coupons -----------------------------------------------------------------------

const heldCoupon = {
  coupon_id: 'cpn-1',
  promotion_id: 'mj-100-10',
  customer_id: 'alice',
  valid_until: '2026-12-31T00:00:00+08:00',
};
const mj100 = {
  id: 'mj-100-10',
  trigger: 'coupon',
  discount: { type: 'threshold', tiers: [{ min_spend: cny('100.00'), off: cny('10.00') }] },
  funded_by: { role: 'platform' },
};

test('a held coupon: validate, redeem (idempotent), roll back partly, then fully', () => {
  const order = (price) => ({
    coupon: heldCoupon,
    cart: { lines: [{ id: 'a', product_id: 'pizza', unit_price: cny(price), quantity: '1' }] },
    promotions: [mj100],
    context: { now: NOW, channel: 'online_delivery', customer: { id: 'alice' } },
  });
  assert.deepEqual(validateCoupon(order('120.00')), { coupon_id: 'cpn-1', promotion_id: 'mj-100-10', valid: true, discount: cny('10.00') });
  const short = validateCoupon(order('60.00'));
  assert.equal(short.valid, false);
  assert.equal(short.rejection.reason, 'min_spend_not_met');
  assert.deepEqual(short.rejection.hint.amount, cny('40.00'));
  // Not alice's order: a problem with the coupon itself, reported, not thrown.
  const bob = validateCoupon({ ...order('120.00'), context: { now: NOW, channel: 'online_delivery', customer: { id: 'bob' } } });
  assert.equal(bob.valid, false);
  assert.equal(bob.problem.code, 'coupon_not_usable');

  const used = redeemCoupon({ coupon: heldCoupon, order_id: 'o-1', amount: cny('10.00'), customer_id: 'alice', now: NOW });
  assert.equal(used.max_uses, 1);
  assert.deepEqual(used.redemptions, [{ order_id: 'o-1', amount: cny('10.00'), rolled_back: cny('0.00'), at: NOW }]);
  // The input record is untouched, and a retry of the same order changes nothing.
  assert.equal('redemptions' in heldCoupon, false);
  assert.deepEqual(redeemCoupon({ coupon: used, order_id: 'o-1', amount: cny('10.00'), customer_id: 'alice', now: NOW }), used);

  const part = rollbackCoupon({ coupon: used, order_id: 'o-1', amount: cny('4.00') });
  assert.deepEqual(part.redemptions[0].rolled_back, cny('4.00'));
  assert.equal('released' in part.redemptions[0], false);
  const full = rollbackCoupon({ coupon: part, order_id: 'o-1' });
  assert.deepEqual(full.redemptions[0].rolled_back, cny('10.00'));
  assert.equal(full.redemptions[0].released, true);
  assert.deepEqual(rollbackCoupon({ coupon: full, order_id: 'o-1' }), full, 'a full rollback is idempotent');
  // The use is given back: another order may redeem it now.
  assert.equal(redeemCoupon({ coupon: full, order_id: 'o-2', amount: cny('10.00'), customer_id: 'alice', now: NOW }).redemptions.length, 2);
});

test('held-coupon errors carry category "promotion"', () => {
  const used = redeemCoupon({ coupon: heldCoupon, order_id: 'o-1', amount: cny('10.00'), customer_id: 'alice', now: NOW });
  const cases = [
    [() => redeemCoupon({ coupon: used, order_id: 'o-2', amount: cny('10.00'), customer_id: 'alice', now: NOW }), 'coupon_exhausted'],
    [() => redeemCoupon({ coupon: heldCoupon, order_id: 'o-1', amount: cny('10.00'), customer_id: 'bob', now: NOW }), 'coupon_not_usable'],
    [() => redeemCoupon({ coupon: heldCoupon, order_id: 'o-1', amount: cny('10.00'), customer_id: 'alice', now: '2027-01-01T00:00:00+08:00' }), 'coupon_not_usable'],
    [() => redeemCoupon({ coupon: used, order_id: 'o-1', amount: cny('9.00'), customer_id: 'alice', now: NOW }), 'redemption_conflict'],
    [() => rollbackCoupon({ coupon: used, order_id: 'o-9' }), 'redemption_not_found'],
    [() => rollbackCoupon({ coupon: used, order_id: 'o-1', amount: cny('10.01') }), 'rollback_exceeds_redemption'],
  ];
  for (const [fn, code] of cases) {
    const err = throwsCode(fn, code);
    assert.equal(err.category, 'promotion', code);
    assert.deepEqual(err.details, { code, category: 'promotion', message: err.message });
  }
  // Bad input stays in the input category.
  assert.equal(throwsCode(() => rollbackCoupon({ coupon: used, order_id: 'o-1', amount: cny('0.00') }), 'invalid_input').category, 'input');
  assert.equal(
    throwsCode(() => validateCoupon({ coupon: heldCoupon, cart: { lines: [latte('1')] }, promotions: [], context: context() }), 'invalid_input').category,
    'input',
  );
  // Money is a string and a time is an RFC 3339 string here too.
  throwsCode(() => redeemCoupon({ coupon: heldCoupon, order_id: 'o-1', amount: { amount: 10, currency: 'CNY' }, customer_id: 'alice', now: NOW }), 'number_for_money');
  const err = throwsCode(() => redeemCoupon({ coupon: heldCoupon, order_id: 'o-1', amount: cny('10.00'), customer_id: 'alice', now: new Date() }), 'invalid_json');
  assert.match(err.message, /"now"/);
  throwsCode(() => redeemCoupon({ coupon: { ...heldCoupon, valid_until: new Date('2026-12-31') }, order_id: 'o-1', amount: cny('10.00'), now: NOW }), 'invalid_json');
});

const PUBLIC_NAMES = [
  'ERROR_CODES',
  'FUNCTIONS',
  'O2OError',
  'ROUNDING_MODES',
  'addMoney',
  'allocate',
  'allocateBatch',
  'assign',
  'attribute',
  'attributeShapley',
  'bind',
  'call',
  'cardApply',
  'cardReplay',
  'classify',
  'currency',
  'default',
  'flowDefinition',
  'groupbuyOpen',
  'groupbuyProgress',
  'groupbuyProgressBatch',
  'groupbuyReplay',
  'groupbuySimulate',
  'groupbuyStep',
  'init',
  'initSync',
  'issueCode',
  'issueCodes',
  'multiplyMoney',
  'normalize',
  'parseMoney',
  'pointsRedeem',
  'pointsReplay',
  'priceParity',
  'quote',
  'quoteBatch',
  'redeemCoupon',
  'rollbackCoupon',
  'roundToStep',
  'settle',
  'split',
  'splitBatch',
  'splitPool',
  'splitRefund',
  'storeOrderOpen',
  'storeOrderReplay',
  'storeOrderStep',
  'subtractMoney',
  'validateCoupon',
  'verifyCode',
  'version',
  'voucherOrderOpen',
  'voucherOrderReplay',
  'voucherOrderStep',
];

test('the ESM and CommonJS entry points both load and agree', async () => {
  const request = { total: cny('99.99'), weights: ['75', '25'] };
  const cjs = require('o2okit');
  assert.deepEqual(amounts(cjs.allocate(request)), ['74.99', '25.00']);
  assert.deepEqual(Object.keys(cjs).sort(), PUBLIC_NAMES);
  assert.deepEqual(Object.keys(o2o).sort(), PUBLIC_NAMES);
  // One instance and one error class behind both.
  assert.equal(cjs.O2OError, O2OError);
  assert.equal(cjs.allocate, allocate);
  await init();
  assert.equal(typeof cjs.default, 'function');
});

test('the browser entry point works in Node once initialized', async () => {
  const web = await import('../js/web.mjs');
  assert.deepEqual(Object.keys(web).sort(), PUBLIC_NAMES);
  const bytes = readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url));
  // Before init: a clear error, not a TypeError from deep inside the glue.
  if (!(await isWebReady(web))) {
    assert.throws(() => web.currency('CNY'), /await init\(\)/);
  }
  await Promise.all([web.default(bytes), web.init(bytes)]);
  assert.deepEqual(amounts(web.allocate({ total: cny('99.99'), weights: ['75', '25'] })), ['74.99', '25.00']);
  let caught;
  try {
    web.parseMoney(12.5, 'CNY');
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof web.O2OError);
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, 'number_for_money');
  assert.equal(web.version(), o2o.version());
});

async function isWebReady(web) {
  try {
    web.version();
    return true;
  } catch {
    return false;
  }
}

test('the package exports map points at the right files', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.name, 'o2okit');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  const root = pkg.exports['.'];
  assert.deepEqual(Object.keys(root), ['types', 'node', 'browser', 'default']);
  assert.equal(require.resolve('o2okit'), new URL('../js/node.cjs', import.meta.url).pathname);
});
