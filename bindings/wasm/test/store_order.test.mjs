// The store-order lifecycle (flows 2, 3 and 4) through the typed JS API: a Suning-style QR scan
// then a delivered online order (bound store and staff credited), a JD-style showroom
// experience then an order routed to the nearest partner store with stock (the experience store
// credited), a Papa John's-style mini-program order eaten in the store (the channel's fee
// first); cancel, void, refunds after settlement with clawback, a duplicate, the wrong actor and
// the other errors as O2OError (with `details.event_index` from a replay); numbers rejected for
// money; CJS, ESM and web agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { call, storeOrderOpen, storeOrderReplay, storeOrderStep } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const at = (day, time = '10:00:00') => `2026-${day}T${time}+08:00`;
const cmd = (type, key, actor, fields = {}) => ({ type, key, actor, ...fields });
const pct = (id, role, percent, party_id) => ({
  id,
  to: party_id === undefined ? { role } : { role, party_id },
  base: 'gross_paid',
  pay: { type: 'percent', percent },
});
const lines = (effect) =>
  (effect.type === 'settle' ? effect.ledger : effect.clawback).lines.map((l) => [l.role, l.party_id, l.amount.amount]);
// Cents, as integers: exact sums of decimal strings.
const cents = (money) => Math.round(Number(money.amount) * 100);
const netsToZero = ({ totals: t }) => cents(t.charged) === cents(t.refunded) + cents(t.settled) - cents(t.clawed_back);

const SUNING = {
  id: 'suning-qr',
  flow: 'offline_to_online',
  currency: 'CNY',
  plan: { rules: [pct('bound', 'bound_store', '3'), pct('staff', 'store_staff', '1')], remainder: { role: 'merchant', party_id: 'suning' } },
};
const JD = {
  id: 'jd-showroom',
  flow: 'online_to_offline_to_online',
  currency: 'CNY',
  plan: {
    rules: [
      pct('platform', 'platform', '5', 'jd'),
      pct('experience', 'experience_store', '4'),
      { id: 'fulfilment', to: { role: 'store' }, base: 'gross_paid', pay: { type: 'fixed', amount: cny('8.00') } },
    ],
    remainder: { role: 'merchant', party_id: 'jd-retail' },
  },
  partner_stores: [
    { id: 'jd-a', location: { lat: 39.9132, lng: 116.4074 }, area: { type: 'radius', radius_m: 3000 }, stock: { tv: 0 } },
    { id: 'jd-b', location: { lat: 39.9222, lng: 116.4074 }, area: { type: 'radius', radius_m: 3000 }, stock: { tv: 2 } },
    { id: 'jd-c', location: { lat: 39.9312, lng: 116.4074 }, area: { type: 'radius', radius_m: 5000 }, stock: { tv: 5 } },
  ],
};
const PAPA = {
  id: 'papa',
  flow: 'offline_to_online_to_offline',
  currency: 'CNY',
  plan: { rules: [pct('store', 'store', '10')], remainder: { role: 'merchant', party_id: 'papa-johns' } },
  channels: [
    { id: 'wechat', kind: 'mini_program', fee: { type: 'percent', percent: '0.6' }, fee_to: { role: 'payment_processor', party_id: 'wxpay' } },
    { id: 'own_app', kind: 'own_app' },
  ],
  cancel_minutes: 5,
};
const PLACE = cmd('place', 'p', 'customer', { channel: 'wechat', amount: cny('88.00'), fulfilment: 'dine_in', store_id: 'xuhui' });
const papaLog = (...extra) =>
  [
    [at('03-06', '12:00:00'), PLACE],
    [at('03-06', '12:01:00'), cmd('accept', 'a', 'staff')],
    [at('03-06', '12:15:00'), cmd('ready', 'r', 'staff')],
    [at('03-06', '12:16:00'), cmd('complete', 'c', 'staff')],
    [at('03-06', '23:00:00'), cmd('settle', 's', 'platform')],
    ...extra,
  ].map(([when, command]) => ({ at: when, command }));
const replay = (policy, commands) => storeOrderReplay({ policy, order_id: 'o-1', customer_id: 'ann', commands });
const open = (policy) => storeOrderOpen({ policy, order_id: 'o-1', customer_id: 'ann' });
const step = (state, policy, command, now) => storeOrderStep({ state, policy, command, now });

test('flow 2: a staff QR touch, then a delivered order credits the bound store and staff member', () => {
  let state = open(SUNING);
  assert.equal(state.status, 'created');
  const effects = [];
  const statuses = [];
  for (const [now, command] of [
    [at('11-01', '15:00:00'), cmd('touch', 't', 'staff', { store_id: 'xinjiekou', staff_id: 'li', channel: 'store_qr' })],
    [at('11-11', '12:00:00'), cmd('place', 'p', 'customer', { amount: cny('1000.00'), fulfilment: 'delivery', store_id: 'hunan-rd', address: { lat: 32.05, lng: 118.78 } })],
    [at('11-11', '12:01:00'), cmd('accept', 'a', 'staff')],
    [at('11-11', '12:15:00'), cmd('ready', 'r', 'staff')],
    [at('11-11', '12:20:00'), cmd('dispatch', 'd', 'logistics')],
    [at('11-11', '12:50:00'), cmd('complete', 'c', 'logistics')],
    [at('11-18', '23:00:00'), cmd('settle', 's', 'platform')],
  ]) {
    const s = step(state, SUNING, command, now);
    assert.equal(s.duplicate, false);
    state = s.state;
    statuses.push(state.status);
    effects.push(...s.effects);
  }
  assert.deepEqual(statuses, ['created', 'received', 'in_preparation', 'ready', 'out_for_delivery', 'completed', 'closed']);
  assert.equal(effects[0].type, 'bind');
  assert.equal(effects.find((e) => e.type === 'completed').handover, 'delivered');
  assert.deepEqual(lines(effects.at(-1)), [
    ['bound_store', 'xinjiekou', '30.00'],
    ['store_staff', 'li', '10.00'],
    ['merchant', 'suning', '960.00'],
  ]);
  assert.ok(netsToZero(state));
});

test('flow 3: a showroom experience, then an order routed to the nearest partner store with stock', () => {
  const log = [
    { at: at('06-01', '14:00:00'), command: cmd('touch', 't1', 'customer', { store_id: 'jd-showroom-sanlitun', channel: 'showroom' }) },
    {
      at: at('06-02', '12:00:00'),
      command: cmd('place', 'p', 'customer', { amount: cny('4999.00'), fulfilment: 'delivery', address: { lat: 39.9042, lng: 116.4074 }, items: [{ product_id: 'tv', quantity: 1 }] }),
    },
    { at: at('06-02', '12:01:00'), command: cmd('accept', 'a', 'staff') },
    { at: at('06-02', '12:15:00'), command: cmd('ready', 'r', 'staff') },
    { at: at('06-02', '12:20:00'), command: cmd('dispatch', 'd', 'logistics') },
    { at: at('06-02', '12:50:00'), command: cmd('complete', 'c', 'logistics') },
    { at: at('06-09', '23:00:00'), command: cmd('settle', 's', 'platform') },
  ];
  const r = replay(JD, log);
  assert.equal(r.state.status, 'closed');
  const assign = r.effects.find((e) => e.type === 'assign_store');
  assert.equal(assign.store_id, 'jd-b');
  assert.equal(assign.distance_m, 2002);
  assert.deepEqual(Object.fromEntries(assign.passed_over.map((p) => [p.store_id, p.reasons.map((x) => x.code)])), { 'jd-a': ['out_of_stock'], 'jd-c': ['farther'] });
  assert.deepEqual(lines(r.effects.at(-1)), [
    ['platform', 'jd', '249.95'],
    ['experience_store', 'jd-showroom-sanlitun', '199.96'],
    ['store', 'jd-b', '8.00'],
    ['merchant', 'jd-retail', '4541.09'],
  ]);
  assert.ok(netsToZero(r.state));
  const empty = { ...JD, partner_stores: JD.partner_stores.map((s) => ({ ...s, stock: { tv: 0 } })) };
  const err = throwsCode(() => replay(empty, log), 'no_store_available', 'lifecycle');
  assert.equal(err.details.event_index, 1);
});

test('flow 4: a mini-program order eaten in the store pays the channel fee first', () => {
  const r = replay(PAPA, papaLog());
  assert.equal(r.state.status, 'closed');
  assert.deepEqual(r.effects.map((e) => e.type), ['charge', 'completed', 'settle']);
  assert.equal(r.effects[1].handover, 'served');
  assert.deepEqual(lines(r.effects[2]), [
    ['payment_processor', 'wxpay', '0.53'],
    ['store', 'xuhui', '8.80'],
    ['merchant', 'papa-johns', '78.67'],
  ]);
  assert.equal(r.effects[2].ledger.lines[0].rule, 'channel_fee');
  assert.ok(netsToZero(r.state));
  let state = open(PAPA);
  for (const { at: now, command } of papaLog()) state = step(state, PAPA, command, now).state;
  assert.deepEqual(state, r.state);
  assert.deepEqual(call('store_order.replay', { policy: PAPA, order_id: 'o-1', customer_id: 'ann', commands: papaLog() }), r);
});

test('cancel inside the window refunds in full; after it, or once cancelled, nothing is allowed', () => {
  const place = cmd('place', 'p', 'customer', { channel: 'own_app', amount: cny('59.90'), fulfilment: 'pickup', store_id: 'xuhui' });
  const placed = step(open(PAPA), PAPA, place, at('03-06', '12:00:00')).state;
  const cancel = cmd('cancel', 'x', 'customer');
  const inside = step(placed, PAPA, cancel, at('03-06', '12:04:59'));
  assert.equal(inside.state.status, 'cancelled');
  assert.deepEqual(inside.effects, [{ type: 'refund', customer_id: 'ann', amount: cny('59.90') }]);
  assert.ok(netsToZero(inside.state));
  throwsCode(() => step(placed, PAPA, cancel, at('03-06', '12:05:01')), 'command_not_allowed', 'lifecycle');
  throwsCode(() => step(inside.state, PAPA, cmd('accept', 'a', 'staff'), at('03-06', '12:06:00')), 'command_not_allowed', 'lifecycle');
});

test('void out for delivery refunds in full', () => {
  const r = replay(PAPA, [
    { at: at('03-06', '12:00:00'), command: cmd('place', 'p', 'customer', { channel: 'own_app', amount: cny('120.00'), fulfilment: 'delivery', store_id: 'xuhui', address: { lat: 31.19, lng: 121.43 } }) },
    { at: at('03-06', '12:01:00'), command: cmd('accept', 'a', 'staff') },
    { at: at('03-06', '12:15:00'), command: cmd('ready', 'r', 'staff') },
    { at: at('03-06', '12:20:00'), command: cmd('dispatch', 'd', 'logistics') },
    { at: at('03-06', '13:30:00'), command: cmd('void', 'v', 'platform', { reason: 'rider lost' }) },
  ]);
  assert.equal(r.state.status, 'voided');
  assert.deepEqual(r.effects.at(-1), { type: 'refund', customer_id: 'ann', amount: cny('120.00') });
  assert.ok(netsToZero(r.state));
});

test('refunds after settlement claw back to the cent', () => {
  const r = replay(PAPA, papaLog(
    [at('03-07'), cmd('refund', 'f1', 'customer', { amount: cny('30.00') })],
    [at('03-07', '11:00:00'), cmd('refund', 'f2', 'platform')],
  ));
  assert.equal(r.state.status, 'refunded');
  const refunds = r.effects.filter((e) => e.type === 'refund').map((e) => cents(e.amount));
  assert.deepEqual(refunds, [3000, 5800]);
  const clawbacks = r.effects.filter((e) => e.type === 'clawback');
  assert.equal(clawbacks.length, 2);
  const byParty = {};
  clawbacks.forEach((c, i) => {
    const ls = lines(c);
    assert.equal(ls.reduce((sum, [, , a]) => sum + cents({ amount: a }), 0), -refunds[i]);
    for (const [, party, a] of ls) byParty[party] = (byParty[party] ?? 0) + cents({ amount: a });
  });
  assert.deepEqual(byParty, { wxpay: -53, xuhui: -880, 'papa-johns': -7867 });
  assert.equal(r.state.totals.clawed_back.amount, '88.00');
  assert.ok(netsToZero(r.state));
  const part = replay(PAPA, papaLog([at('03-07'), cmd('refund', 'f1', 'customer', { amount: cny('30.00') })]));
  assert.equal(part.state.status, 'closed');
  throwsCode(() => replay(PAPA, papaLog([at('03-07'), cmd('refund', 'f1', 'customer', { amount: cny('88.01') })])), 'refund_exceeds_paid', 'split');
});

test('a retried command is a duplicate; another command under its key is a conflict', () => {
  const once = step(open(PAPA), PAPA, PLACE, at('03-06', '12:00:00'));
  const twice = step(once.state, PAPA, PLACE, at('03-06', '12:00:30'));
  assert.equal(twice.duplicate, true);
  assert.deepEqual(twice.effects, once.effects);
  assert.deepEqual(twice.state, once.state);
  const log = papaLog();
  log.splice(1, 0, { at: at('03-06', '12:00:30'), command: PLACE });
  const r = replay(PAPA, log);
  assert.deepEqual(r.duplicates, [1]);
  assert.deepEqual(r.effects.map((e) => e.type), ['charge', 'completed', 'settle']);
  throwsCode(() => step(once.state, PAPA, { ...PLACE, amount: cny('89.00') }, at('03-06', '12:01:00')), 'idempotency_conflict', 'groupbuy');
});

test('the wrong actor and the other guards throw lifecycle errors', () => {
  const state = open(PAPA);
  throwsCode(() => step(state, PAPA, { ...PLACE, actor: 'staff' }, at('03-06', '12:00:00')), 'command_not_allowed', 'lifecycle');
  throwsCode(() => step(state, PAPA, cmd('accept', 'a', 'staff'), at('03-06', '12:00:00')), 'command_not_allowed', 'lifecycle');
  throwsCode(() => step(state, PAPA, { ...PLACE, channel: 'meituan' }, at('03-06', '12:00:00')), 'unknown_channel', 'lifecycle');
  throwsCode(() => open({ ...PAPA, flow: 'online_to_offline' }), 'invalid_store_order_policy', 'lifecycle');
  const placed = step(state, PAPA, PLACE, at('03-06', '12:00:00')).state;
  throwsCode(() => step(placed, PAPA, cmd('accept', 'a', 'staff'), at('03-06', '11:59:00')), 'time_out_of_order', 'groupbuy');
  // Staff cannot complete a delivery (logistics does): the error names the command's position.
  const err = throwsCode(
    () =>
      replay(SUNING, [
        { at: at('11-11', '12:00:00'), command: cmd('place', 'p', 'customer', { amount: cny('10.00'), fulfilment: 'delivery', store_id: 'hunan-rd', address: { lat: 32.05, lng: 118.78 } }) },
        { at: at('11-11', '12:01:00'), command: cmd('accept', 'a', 'staff') },
        { at: at('11-11', '12:02:00'), command: cmd('ready', 'r', 'staff') },
        { at: at('11-11', '12:03:00'), command: cmd('dispatch', 'd', 'staff') },
        { at: at('11-11', '12:04:00'), command: cmd('complete', 'c', 'staff') },
      ]),
    'command_not_allowed',
    'lifecycle',
  );
  assert.equal(err.details.event_index, 4);
  assert.match(err.message, /^event #4 of the log was rejected: /);
});

test('a JS number for money is rejected, never converted', () => {
  const state = open(PAPA);
  throwsCode(() => step(state, PAPA, { ...PLACE, amount: { amount: 88, currency: 'CNY' } }, at('03-06')), 'number_for_money', 'money');
  throwsCode(() => replay(PAPA, [{ at: at('03-06'), command: { ...PLACE, amount: { amount: 88, currency: 'CNY' } } }]), 'number_for_money', 'money');
});

test('the CommonJS and web entries export the same functions', async () => {
  const cjs = require('o2okit');
  for (const name of ['storeOrderOpen', 'storeOrderStep', 'storeOrderReplay']) {
    assert.equal(typeof cjs[name], 'function', name);
  }
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  const request = { policy: PAPA, order_id: 'o-1', customer_id: 'ann', commands: papaLog() };
  assert.deepEqual(web.storeOrderReplay(request), storeOrderReplay(request));
  assert.deepEqual(cjs.storeOrderReplay(request), storeOrderReplay(request));
});
