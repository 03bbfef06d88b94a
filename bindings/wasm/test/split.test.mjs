// Revenue split through the typed JS API: the hand-computed cases (a waterfall on 100.00, a
// position-based channel pool, a staff pool), a subsidised coupon through split, refund and
// settlement, bindings, and bad input (numbers for money, Dates for times, rules over the
// total).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import {
  addMoney,
  attribute,
  attributeShapley,
  bind,
  call,
  O2OError,
  settle,
  split,
  splitBatch,
  splitPool,
  splitRefund,
} from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const amounts = (items) => items.map((x) => x.amount.amount);
const sum = (items) => items.map((x) => x.amount).reduce((a, b) => addMoney(a, b));


// --- hand-computed case 1: a waterfall on 100.00 ---------------------------------------

const AT = '2026-11-22T12:00:00+08:00';
const plan = {
  rules: [
    { id: 'processor', to: { role: 'payment_processor', party_id: 'wxpay' }, base: 'customer_paid', pay: { type: 'percent', percent: '0.6' } },
    { id: 'platform', to: { role: 'platform', party_id: 'mall' }, base: 'gross_paid', pay: { type: 'percent', percent: '8' } },
    { id: 'delivery', to: { role: 'logistics', party_id: 'rider-co' }, base: 'gross_paid', pay: { type: 'fixed', amount: cny('5.00') } },
    { id: 'channel', to: { role: 'marketing', party_id: 'douyin' }, base: 'gross_paid', pay: { type: 'percent', percent: '2' } },
  ],
  parties: [{ role: 'merchant', party_id: 'noodle-house' }],
};
const order = { id: 'o-1', at: AT, paid: cny('100.00') };

test('waterfall on 100.00: 0.60 / 8.00 / 5.00 / 2.00, merchant remainder 84.40', () => {
  const ledger = split(order, plan);
  assert.deepEqual(
    ledger.lines.map((l) => [l.kind, l.rule, l.role, l.party_id, l.amount.amount]),
    [
      ['rule', 'processor', 'payment_processor', 'wxpay', '0.60'],
      ['rule', 'platform', 'platform', 'mall', '8.00'],
      ['rule', 'delivery', 'logistics', 'rider-co', '5.00'],
      ['rule', 'channel', 'marketing', 'douyin', '2.00'],
      ['remainder', 'remainder', 'merchant', 'noodle-house', '84.40'],
    ],
  );
  assert.deepEqual([ledger.paid, ledger.gross, ledger.delivery_fee], [cny('100.00'), cny('100.00'), cny('0.00')]);
  assert.deepEqual(sum(ledger.lines), ledger.paid);
  assert.ok(ledger.lines.every((l) => l.entry === 'split' && l.order_id === 'o-1' && l.at === AT));
  assert.deepEqual(ledger.lines[4].base_amount, cny('84.40'));
  // The same through the wire-level call and through a batch of one.
  assert.deepEqual(call('split', { order, plan }), ledger);
  assert.deepEqual(splitBatch(plan, [order]), { ledgers: [ledger], errors: [] });
});

test('a batch reports a failing order and splits the others', () => {
  const orders = [order, { id: 'small', at: AT, paid: cny('3.00') }, { ...order, id: 'o-2' }];
  const batch = splitBatch(plan, orders);
  assert.deepEqual(batch.ledgers.map((l) => l.order_id), ['o-1', 'o-2']);
  assert.equal(batch.errors.length, 1);
  const [error] = batch.errors;
  assert.deepEqual([error.index, error.order_id, error.code], [1, 'small', 'split_exceeds_total']);
  assert.match(error.message, /delivery/);
  assert.deepEqual(amounts(batch.ledgers[1].lines), ['0.60', '8.00', '5.00', '2.00', '84.40']);
});

// --- hand-computed case 2: a position-based channel pool -------------------------------

const journey = [
  { channel: 'douyin', party_id: 'kol-amy', at: '2026-11-01T12:00:00+08:00', stage: 'acquire' },
  { channel: 'wechat', party_id: 'mall-oa', at: '2026-11-08T12:00:00+08:00', stage: 'nurture' },
  { channel: 'dianping', party_id: 'dp-media', at: '2026-11-15T12:00:00+08:00' },
  { channel: 'store_qr', party_id: 'li', at: '2026-11-22T12:00:00+08:00', stage: 'convert' },
];

test('position-based attribution of 10.00 over four touches: 4.00 / 1.00 / 1.00 / 4.00', () => {
  const credited = attribute({ pool: cny('10.00'), journey, converted_at: AT, model: { type: 'position_based' } });
  assert.deepEqual(amounts(credited.shares), ['4.00', '1.00', '1.00', '4.00']);
  assert.deepEqual(credited.shares.map((s) => s.credit), ['0.4', '0.1', '0.1', '0.4']);
  assert.deepEqual(credited.shares.map((s) => s.party_id), ['kol-amy', 'mall-oa', 'dp-media', 'li']);
  assert.deepEqual(credited.shares.map((s) => s.touchpoint), [0, 1, 2, 3]);
  // A touch without a stage has none in its share (absent, not null).
  assert.equal('stage' in credited.shares[2], false);
  // The model comes back with its defaults filled in.
  assert.deepEqual(credited.model, { type: 'position_based', first_percent: '40', last_percent: '40' });
  assert.deepEqual(sum(credited.shares), cny('10.00'));
  // Time decay with the default 7-day half-life: newer touches get more, and it still adds up.
  const decay = attribute({ pool: cny('10.00'), journey, converted_at: AT, model: { type: 'time_decay' } });
  assert.deepEqual(amounts(decay.shares), ['0.67', '1.33', '2.67', '5.33']);
  assert.deepEqual(decay.model, { type: 'time_decay', half_life_seconds: 604800 });
});

test('a plan can pay a channel pool to the journey: one ledger line per touchpoint', () => {
  const pooled = {
    rules: [{ id: 'channel', to: { role: 'marketing', attribution: { type: 'position_based' } }, base: 'gross_paid', pay: { type: 'percent', percent: '10' } }],
    parties: [{ role: 'merchant', party_id: 'noodle-house' }],
  };
  const ledger = split({ ...order, journey }, pooled);
  assert.deepEqual(
    ledger.lines.map((l) => [l.party_id, l.touchpoint ?? null, l.channel ?? null, l.amount.amount]),
    [
      ['kol-amy', 0, 'douyin', '4.00'],
      ['mall-oa', 1, 'wechat', '1.00'],
      ['dp-media', 2, 'dianping', '1.00'],
      ['li', 3, 'store_qr', '4.00'],
      ['noodle-house', null, null, '90.00'],
    ],
  );
  // Without a journey the rule pays nothing and the pool stays with the remainder.
  assert.deepEqual(amounts(split(order, pooled).lines), ['100.00']);
});

// --- hand-computed case 3: a staff pool ------------------------------------------------

test('staff pool: 80% of 1,000.00 by orders 120:75:5 is 480.00 / 300.00 / 20.00, 200.00 kept', () => {
  const pool = splitPool({
    pool: cny('1000.00'),
    members_percent: '80',
    keeper: { role: 'store', party_id: 'store-7' },
    members: [
      { party_id: 'li', weight: '120' },
      { party_id: 'wang', weight: 75 },
      { party_id: 'zhao', weight: '5' },
    ],
  });
  assert.deepEqual(amounts(pool.shares), ['480.00', '300.00', '20.00']);
  assert.deepEqual(pool.members_total, cny('800.00'));
  assert.deepEqual(pool.kept, cny('200.00'));
  assert.deepEqual(pool.keeper, { role: 'store', party_id: 'store-7' });
  // Roles default to store_staff; weights come back as decimal strings.
  assert.deepEqual(pool.shares.map((s) => [s.role, s.weight]), [['store_staff', '120'], ['store_staff', '75'], ['store_staff', '5']]);
  assert.deepEqual(addMoney(sum(pool.shares), pool.kept), pool.pool);
  throwsCode(() => splitPool({ pool: cny('10.00'), members_percent: '101', keeper: { role: 'store', party_id: 's' }, members: [] }), 'invalid_pool', 'split');
  throwsCode(() => splitPool({ pool: cny('10.00'), members_percent: '80', keeper: { role: 'store', party_id: 's' }, members: [{ party_id: 'li', weight: '-1' }] }), 'negative_weight', 'allocation');
});

// --- a platform-funded coupon: split, refund half, settle ------------------------------

test('a platform-funded coupon is a subsidy; a half refund claws back; settlement nets it', () => {
  const couponPlan = {
    rules: [{ id: 'platform', to: { role: 'platform', party_id: 'mall' }, base: 'gross_paid', pay: { type: 'percent', percent: '8' } }],
    parties: [{ role: 'merchant', party_id: 'noodle-house' }],
  };
  const coupon = { promotion_id: 'p-10', amount: cny('10.00'), funded_by: { role: 'platform', party_id: 'mall' } };
  const paidOrder = { id: 'o-1', at: AT, paid: cny('90.00'), discounts: [coupon] };
  const ledger = split(paidOrder, couponPlan);
  assert.deepEqual(ledger.gross, cny('100.00'));
  assert.deepEqual(
    ledger.lines.map((l) => [l.kind, l.rule, l.party_id, l.amount.amount]),
    [
      ['rule', 'platform', 'mall', '8.00'],
      ['remainder', 'remainder', 'noodle-house', '92.00'],
      ['subsidy', 'p-10', 'mall', '-10.00'],
    ],
  );
  assert.deepEqual(sum(ledger.lines), cny('90.00'));

  const refund = splitRefund({ order: paidOrder, plan: couponPlan, refund: cny('45.00'), at: '2026-11-25T09:00:00+08:00' });
  assert.deepEqual(amounts(refund.lines), ['-4.00', '-46.00', '5.00']);
  assert.ok(refund.lines.every((l) => l.entry === 'clawback'));
  assert.deepEqual([refund.refunded_before, refund.refunded_total, refund.refundable], [cny('0.00'), cny('45.00'), cny('90.00')]);
  assert.deepEqual(sum(refund.lines), cny('-45.00'));
  // Refunds are cumulative: the rest of the order claws back the rest of every share.
  const rest = splitRefund({ order: paidOrder, plan: couponPlan, refunded_before: cny('45.00'), refund: cny('45.00'), at: '2026-11-26T09:00:00+08:00' });
  assert.deepEqual(amounts(rest.lines), ['-4.00', '-46.00', '5.00']);
  throwsCode(() => splitRefund({ order: paidOrder, plan: couponPlan, refunded_before: cny('90.00'), refund: cny('0.01'), at: '2026-11-26T09:00:00+08:00' }), 'refund_exceeds_paid', 'split');

  const settlement = settle({ lines: [...ledger.lines, ...refund.lines], period: 'day', time_zone: 'Asia/Shanghai' });
  assert.equal(settlement.time_zone, 'Asia/Shanghai');
  assert.deepEqual(
    settlement.statements.map((s) => [s.party_id, s.period, s.total.amount, s.credits.amount, s.debits.amount, s.line_count]),
    [
      ['mall', '2026-11-22', '-2.00', '8.00', '-10.00', 2],
      ['mall', '2026-11-25', '1.00', '5.00', '-4.00', 2],
      ['noodle-house', '2026-11-22', '92.00', '92.00', '0.00', 1],
      ['noodle-house', '2026-11-25', '-46.00', '0.00', '-46.00', 1],
    ],
  );
  assert.deepEqual(settlement.statements[0].roles, [{ role: 'platform', total: cny('-2.00'), line_count: 2 }]);
  throwsCode(() => settle({ lines: ledger.lines, period: 'day', time_zone: 'Mars/Olympus' }), 'unknown_time_zone');
});

// --- bindings and Shapley ----------------------------------------------------------------

test('last-wins binding with a lock window; first-wins ignores later parties', () => {
  const events = [
    { party_id: 'li', at: '2026-11-01T10:00:00+08:00' },
    { party_id: 'wang', at: '2026-11-03T10:00:00+08:00' },
    { party_id: 'wang', at: '2026-11-20T10:00:00+08:00' },
  ];
  const now = '2026-11-22T10:00:00+08:00';
  const last = bind({ events, rule: { policy: 'last_wins', lock_seconds: 604800 }, now });
  assert.equal(last.binding.party_id, 'wang');
  assert.equal(last.binding.role, 'store_staff');
  assert.equal(last.binding.locked_until, '2026-11-27T10:00:00+08:00');
  assert.deepEqual(last.decisions.map((d) => d.outcome), ['bound', 'ignored_locked', 'rebound']);
  const first = bind({ events, rule: { policy: 'first_wins', role: 'referrer' }, now });
  assert.deepEqual([first.binding.party_id, first.binding.role], ['li', 'referrer']);
  assert.deepEqual(first.decisions.map((d) => d.outcome), ['bound', 'ignored_first_wins', 'ignored_first_wins']);
  // Expired at `now`: the result says so with a null binding.
  const expired = bind({ events: events.slice(0, 1), rule: { policy: 'first_wins', expiry_seconds: 86400 }, now });
  assert.equal(expired.binding, null);
  throwsCode(() => bind({ events, rule: { policy: 'first_wins', lock_seconds: 60 }, now }), 'invalid_binding', 'split');
});

test('Shapley values split a pool between channels', () => {
  const shapley = attributeShapley({
    journeys: [
      { channels: ['search'], converted: true, count: 3 },
      { channels: ['search', 'social'], converted: true, count: 2 },
      { channels: ['social'], count: 5 },
      { channels: ['social', 'store_qr'], converted: true },
      { channels: ['store_qr'], converted: true, count: 2 },
      { channels: [], count: 4 },
    ],
    pool: cny('100.00'),
  });
  assert.deepEqual([shapley.game, shapley.method, shapley.journeys, shapley.conversions, shapley.total], ['conversions', 'closed_form', 17, 8, '8']);
  assert.deepEqual(shapley.channels.map((c) => [c.channel, c.value, c.amount.amount]), [
    ['search', '4', '50.00'],
    ['social', '1.5', '18.75'],
    ['store_qr', '2.5', '31.25'],
  ]);
  const channels = Array.from({ length: 65 }, (_, i) => `c${i}`);
  throwsCode(() => attributeShapley({ journeys: [{ channels, converted: true }] }), 'too_many_channels', 'split');
});

// --- bad input -------------------------------------------------------------------------------

test('a JS number as money is rejected with number_for_money, never converted', () => {
  const err = throwsCode(() => split({ ...order, paid: { amount: 100, currency: 'CNY' } }, plan), 'number_for_money', 'money');
  assert.match(err.message, /100/);
  const fixedAsNumber = { ...plan, rules: [{ ...plan.rules[2], pay: { type: 'fixed', amount: { amount: 5, currency: 'CNY' } } }] };
  throwsCode(() => split(order, fixedAsNumber), 'number_for_money', 'money');
  throwsCode(() => splitPool({ pool: { amount: 1000, currency: 'CNY' }, members_percent: '80', keeper: { role: 'store', party_id: 's' }, members: [] }), 'number_for_money');
  throwsCode(() => attribute({ pool: { amount: 10.5, currency: 'CNY' }, journey, converted_at: AT, model: { type: 'linear' } }), 'number_for_money');
  // A whole number is fine where the core takes a decimal (a percent), a fraction is not.
  const eight = { ...plan, rules: [{ ...plan.rules[1], pay: { type: 'percent', percent: 8 } }] };
  assert.deepEqual(amounts(split(order, eight).lines), ['8.00', '92.00']);
  throwsCode(() => split(order, { ...plan, rules: [{ ...plan.rules[0], pay: { type: 'percent', percent: 0.6 } }] }), 'invalid_decimal');
});

test('rules paying out more than the order is split_exceeds_total, category split', () => {
  const err = throwsCode(() => split({ ...order, paid: cny('5.00') }, plan), 'split_exceeds_total', 'split');
  assert.match(err.message, /"delivery"/);
  assert.match(err.message, /would pay 5\.00 CNY but only 4\.57 CNY is left/);
  // From the raw wasm export (a js_sys::Error) the same fields.
  const wasm = require('../pkg/node/o2okit_wasm.js');
  let raw;
  try {
    wasm.call('split', JSON.stringify({ order: { ...order, paid: cny('5.00') }, plan }));
  } catch (e) {
    raw = e;
  }
  assert.ok(raw instanceof Error);
  assert.deepEqual([raw.code, raw.category, raw.details.category], ['split_exceeds_total', 'split', 'split']);
});

test('other split errors carry their codes and categories', () => {
  throwsCode(() => split(order, { ...plan, rules: [{ ...plan.rules[1], pay: { type: 'percent', percent: '120' } }] }), 'invalid_plan', 'split');
  throwsCode(() => split(order, { ...plan, rules: [plan.rules[1], plan.rules[1]] }), 'duplicate_id', 'input');
  throwsCode(() => split(order, { ...plan, parties: [] }), 'missing_party', 'split');
  throwsCode(() => split({ ...order, delivery_fee: cny('120.00') }, plan), 'invalid_order', 'split');
  throwsCode(() => split({ ...order, paid: { amount: '100.00', currency: 'USD' } }, plan), 'currency_mismatch', 'currency');
  const late = [{ channel: 'douyin', party_id: 'kol', at: '2026-11-23T12:00:00+08:00' }];
  throwsCode(() => attribute({ pool: cny('10.00'), journey: late, converted_at: AT, model: { type: 'linear' } }), 'invalid_attribution', 'split');
  // Wrong shapes: an unknown pay type, an unknown field, an empty role.
  throwsCode(() => split(order, { ...plan, rules: [{ ...plan.rules[1], pay: { type: 'percentage', percent: '8' } }] }), 'invalid_json', 'input');
  throwsCode(() => split({ ...order, colour: 'red' }, plan), 'invalid_json', 'input');
  throwsCode(() => split(order, { ...plan, parties: [{ role: '', party_id: 'x' }] }), 'invalid_json', 'input');
});

test('a Date for a time is rejected: times are RFC 3339 strings', () => {
  const err = throwsCode(() => split({ ...order, at: new Date('2026-11-22T04:00:00Z') }, plan), 'invalid_json', 'input');
  assert.match(err.message, /"at"/);
  throwsCode(() => bind({ events: [], rule: { policy: 'first_wins' }, now: new Date() }), 'invalid_json');
  throwsCode(() => attribute({ pool: cny('1.00'), journey, converted_at: Date.now(), model: { type: 'linear' } }), 'invalid_json');
});

test('the split functions are on every entry point', async () => {
  const names = ['split', 'splitBatch', 'splitRefund', 'splitPool', 'attribute', 'attributeShapley', 'bind', 'settle'];
  const cjs = require('o2okit');
  for (const name of names) assert.equal(typeof cjs[name], 'function', name);
  assert.equal(cjs.split, split);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  for (const name of names) assert.equal(typeof web[name], 'function', name);
  assert.deepEqual(web.split(order, plan), split(order, plan));
});
