// The online → offline voucher order lifecycle through the typed JS API: a Meituan-style hotpot
// voucher (100.00 for 3 uses, two per order) paid, redeemed by count, reversed inside the window,
// settled through the split and expired; redeeming twice with the same key; reversal outside the
// window and after settlement; the refund policies; lifecycle errors as O2OError (with
// `details.event_index` from a replay); numbers rejected for money; CJS, ESM and web agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { call, verifyCode, voucherOrderOpen, voucherOrderReplay, voucherOrderStep } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const at = (day, time = '10:00:00') => `2026-${day}T${time}+08:00`;

const DEAL = {
  id: 'hotpot-for-2',
  price: cny('100.00'),
  vouchers: 2,
  uses: 3,
  valid_from: at('03-01', '00:00:00'),
  valid_until: at('04-01', '00:00:00'),
  stores: ['S1', 'S2'],
  refund: 'any_time',
  reversal_minutes: 10,
  plan: {
    rules: [{ id: 'platform', to: { role: 'platform', party_id: 'meituan' }, base: 'gross_paid', pay: { type: 'percent', percent: '8' } }],
    remainder: { role: 'merchant', party_id: 'hotpot-house' },
  },
};
const PAY = { type: 'pay', key: 'pay-1', actor: 'customer', amount: cny('200.00') };
const redeem = (key, count = 1, extra = {}) => ({ type: 'redeem', key, actor: 'staff', voucher: 'o-1/v1', store_id: 'S1', count, ...extra });
const reverse = (key, redemption) => ({ type: 'reverse', key, actor: 'staff', redemption });
const settle = (key) => ({ type: 'settle', key, actor: 'platform' });
const expire = (key) => ({ type: 'expire', key, actor: 'scheduler' });

function step(state, command, now, deal = DEAL) {
  return voucherOrderStep({ state, deal, command, now });
}
function paid(deal = DEAL) {
  return step(voucherOrderOpen({ deal, order_id: 'o-1', customer_id: 'ann' }), PAY, at('03-01', '09:00:00'), deal).state;
}
function redeemedTwo() {
  return step(paid(), redeem('r-1', 2), at('03-05', '19:00:00')).state;
}

test('open, pay: a charge of 200.00 and two vouchers', () => {
  const opened = voucherOrderOpen({ deal: DEAL, order_id: 'o-1', customer_id: 'ann' });
  assert.equal(opened.status, 'created');
  const s = step(opened, PAY, at('03-01', '09:00:00'));
  assert.deepEqual(s.effects.map((e) => e.type), ['charge', 'issue_voucher', 'issue_voucher']);
  assert.deepEqual(s.effects[0].amount, cny('200.00'));
  assert.equal(s.state.status, 'issued');
  assert.equal(s.duplicate, false);
});

test('redeeming twice with the same key applies once', () => {
  const once = step(paid(), redeem('r-1'), at('03-05', '19:00:00'));
  const twice = step(once.state, redeem('r-1'), at('03-05', '19:01:00'));
  assert.equal(twice.duplicate, true);
  assert.deepEqual(twice.state, once.state);
  assert.deepEqual(twice.effects, once.effects);
  assert.equal(once.state.vouchers[0].uses_left, 2);
  throwsCode(() => step(once.state, redeem('r-1', 2), at('03-05', '19:02:00')), 'idempotency_conflict', 'groupbuy');
});

test('a multi-use voucher redeemed one use at a time: 33.33, 33.34, 33.33', () => {
  let state = paid();
  const amounts = [];
  for (const [i, day] of ['03-02', '03-03', '03-04'].entries()) {
    const s = step(state, redeem(`r-${i}`), at(day));
    amounts.push(s.effects[0].amount.amount);
    state = s.state;
  }
  assert.deepEqual(amounts, ['33.33', '33.34', '33.33']);
  assert.equal(state.vouchers[0].value_left.amount, '0.00');
});

test('reversal inside the window, outside it, and after settlement', () => {
  const inside = step(redeemedTwo(), reverse('x-1', 'r-1'), at('03-05', '19:09:59'));
  assert.deepEqual(inside.effects, [{ type: 'reversed', voucher: 'o-1/v1', redemption: 'r-1', count: 2, amount: cny('66.67') }]);
  assert.equal(inside.state.status, 'issued');
  const late = throwsCode(() => step(redeemedTwo(), reverse('x-1', 'r-1'), at('03-05', '19:10:00')), 'reversal_window_passed', 'lifecycle');
  assert.equal(late.details.event_index, undefined);
  const settled = step(redeemedTwo(), settle('s-1'), at('03-05', '19:20:00'));
  assert.deepEqual(
    settled.effects[0].ledger.lines.map((l) => [l.party_id, l.amount.amount]),
    [['meituan', '5.33'], ['hotpot-house', '61.34']],
  );
  throwsCode(() => step(settled.state, reverse('x-1', 'r-1'), at('03-05', '19:21:00')), 'already_settled', 'lifecycle');
});

test('refund any_time; at_expiry refunds only at expiry; none is breakage', () => {
  const refund = { type: 'refund', key: 'rf-1', actor: 'customer' };
  const any = step(redeemedTwo(), refund, at('03-06'));
  assert.deepEqual(any.effects.map((e) => e.amount.amount), ['33.33', '100.00']);
  for (const policy of ['at_expiry', 'none']) {
    const deal = { ...DEAL, refund: policy };
    const state = step(paid(deal), redeem('r-1', 2), at('03-05'), deal).state;
    throwsCode(() => step(state, refund, at('03-06'), deal), 'refund_not_allowed', 'lifecycle');
    const expired = step(state, expire('e-1'), at('04-01', '00:00:00'), deal);
    assert.deepEqual(expired.effects.map((e) => e.type), policy === 'none' ? ['breakage', 'breakage'] : ['refund', 'refund']);
  }
});

test('guards: store, validity, uses, actor, terminal status, time order, deal', () => {
  const state = paid();
  throwsCode(() => step(state, redeem('r-1', 1, { store_id: 'S9' }), at('03-05')), 'store_not_allowed', 'lifecycle');
  throwsCode(() => step(state, redeem('r-1'), at('04-01', '00:00:00')), 'outside_validity', 'lifecycle');
  throwsCode(() => step(state, redeem('r-1', 4), at('03-05')), 'no_uses_left', 'lifecycle');
  throwsCode(() => step(state, { ...redeem('r-1'), actor: 'customer' }, at('03-05')), 'command_not_allowed', 'lifecycle');
  throwsCode(() => step(state, redeem('r-1'), at('02-28')), 'time_out_of_order', 'groupbuy');
  throwsCode(() => voucherOrderOpen({ deal: { ...DEAL, stores: [] }, order_id: 'o-1', customer_id: 'ann' }), 'invalid_deal', 'lifecycle');
  const refunded = step(state, { type: 'refund', key: 'rf-1', actor: 'customer' }, at('03-02'));
  assert.equal(refunded.state.status, 'refunded');
  throwsCode(() => step(refunded.state, redeem('r-1'), at('03-03')), 'command_not_allowed', 'lifecycle');
});

test('a full lifecycle replays, nets to zero, and a rejected command names its index', () => {
  const commands = [
    { at: at('03-01', '09:00:00'), command: PAY },
    { at: at('03-05', '19:00:00'), command: redeem('r-1', 2) },
    { at: at('03-05', '19:04:00'), command: reverse('x-1', 'r-1') },
    { at: at('03-05', '19:05:00'), command: redeem('r-2') },
    { at: at('03-05', '19:05:30'), command: redeem('r-2') },
    { at: at('03-13'), command: settle('s-1') },
    { at: at('04-01', '00:00:00'), command: expire('e-1') },
  ];
  const replay = voucherOrderReplay({ deal: DEAL, order_id: 'o-1', customer_id: 'ann', commands });
  assert.deepEqual(replay.duplicates, [4]);
  assert.equal(replay.state.status, 'closed');
  const cents = (type) => replay.effects.filter((e) => e.type === type).reduce((sum, e) => sum + Math.round(Number(e.amount.amount) * 100), 0);
  assert.equal(cents('charge'), 20000);
  assert.equal(cents('charge'), cents('refund') + cents('settle') + cents('breakage'));
  assert.deepEqual(replay, call('voucher_order.replay', { deal: DEAL, order_id: 'o-1', customer_id: 'ann', commands }));
  const err = throwsCode(
    () => voucherOrderReplay({ deal: DEAL, order_id: 'o-1', customer_id: 'ann', commands: [...commands.slice(0, 2), { at: at('03-06'), command: reverse('x-1', 'r-1') }] }),
    'reversal_window_passed',
    'lifecycle',
  );
  assert.equal(err.details.event_index, 2);
});

test('a deal with codes issues codes that verifyCode accepts', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex');
  const deal = { ...DEAL, uses: 1, codes: { key } };
  const opened = voucherOrderOpen({ deal, order_id: 'o-1', customer_id: 'ann' });
  const s = step(opened, { ...PAY, serial: 500 }, at('03-01', '09:00:00'), deal);
  const issued = s.effects.filter((e) => e.type === 'issue_voucher');
  assert.deepEqual(issued.map((e) => e.serial), [500, 501]);
  for (const e of issued) {
    const scope = { deal_id: deal.id, expires_at: deal.valid_until };
    assert.deepEqual(verifyCode({ key, code: e.code, now: at('03-05'), scope }), { valid: true, serial: e.serial });
    assert.equal(verifyCode({ key, code: e.code, now: at('03-05'), scope: { ...scope, deal_id: 'other' } }).valid, false);
  }
  throwsCode(() => step(opened, PAY, at('03-01', '09:00:00'), deal), 'invalid_input', 'input');
});

test('a JS number for money is rejected, never converted', () => {
  const opened = voucherOrderOpen({ deal: DEAL, order_id: 'o-1', customer_id: 'ann' });
  throwsCode(() => step(opened, { ...PAY, amount: { amount: 200, currency: 'CNY' } }, at('03-01')), 'number_for_money', 'money');
  throwsCode(() => voucherOrderOpen({ deal: { ...DEAL, price: { amount: 100, currency: 'CNY' } }, order_id: 'o-1', customer_id: 'ann' }), 'number_for_money', 'money');
});

test('the CommonJS and web entries export the same functions', async () => {
  const cjs = require('o2okit');
  for (const name of ['voucherOrderOpen', 'voucherOrderStep', 'voucherOrderReplay']) {
    assert.equal(typeof cjs[name], 'function', name);
  }
  assert.equal(cjs.voucherOrderReplay, voucherOrderReplay);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  const request = { deal: DEAL, order_id: 'o-1', customer_id: 'ann', commands: [{ at: at('03-01', '09:00:00'), command: PAY }] };
  assert.deepEqual(web.voucherOrderReplay(request), voucherOrderReplay(request));
});
