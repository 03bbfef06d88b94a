// The batch forms (allocateBatch, quoteBatch, groupbuyProgressBatch): one call for an array,
// each result exactly what the single call gives (its value, or its error's code, category
// and message), in order; a failing item never fails the others. The golden cases are in
// testdata/vectors/batch.json (run by vectors.test.mjs); these check the JS surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  allocate,
  allocateBatch,
  groupbuyOpen,
  groupbuyProgress,
  groupbuyProgressBatch,
  groupbuyStep,
  quote,
  quoteBatch,
  O2OError,
} from 'o2okit';

import { throwsCode } from './support/errors.mjs';

const cny = (amount) => ({ amount, currency: 'CNY' });

// What the single call gives: its value, or its error as a batch item carries it. An item
// that does not decode is decoded on its own, so its message has no line and column (they
// would point into the whole batch's JSON); the code, category and text are the same.
function single(fn) {
  try {
    return { value: fn() };
  } catch (err) {
    assert.ok(err instanceof O2OError, String(err));
    return { error: { code: err.code, category: err.category, message: err.message.replace(/ at line \d+ column \d+$/, '') } };
  }
}

test('allocateBatch gives, item by item, what allocate gives', () => {
  const requests = [
    { total: cny('99.99'), weights: ['75', '25'] },
    { total: { amount: '100', currency: 'JPY' }, weights: ['1', '1', '1'] },
    { total: cny('1.00'), weights: ['0', '0'] },
    { total: cny('1.00'), weights: ['1', '-1'] },
    { total: { amount: '1.00', currency: 'XYZ' }, weights: ['1'] },
    { total: cny('0.07'), weights: ['22', '39', '4'] },
  ];
  const full = allocateBatch(requests).results;
  const amounts = allocateBatch(requests, 'amounts').results;
  assert.equal(full.length, requests.length);
  requests.forEach((request, i) => {
    const one = single(() => allocate(request));
    if ('value' in one) {
      assert.deepEqual(full[i], { allocation: one.value });
      assert.deepEqual(amounts[i], { amounts: one.value.parts.map((p) => p.amount.amount) });
    } else {
      assert.deepEqual(full[i], { error: one.error });
      assert.deepEqual(amounts[i], { error: one.error });
    }
  });
  assert.deepEqual(amounts[0], { amounts: ['74.99', '25.00'] });
  assert.equal(amounts[2].error.code, 'zero_weights');
});

test('a request that does not decode fails alone, with the code the single call gives', () => {
  const out = allocateBatch([{ total: { amount: 12.5, currency: 'CNY' }, weights: ['1'] }, { total: cny('1.00'), weights: ['1'] }], 'amounts');
  assert.equal(out.results[0].error.code, 'number_for_money');
  assert.equal(out.results[0].error.category, 'money');
  assert.deepEqual(out.results[1], { amounts: ['1.00'] });
  // NaN never reaches the core: the JS layer refuses it for the whole call, as for allocate.
  throwsCode(() => allocateBatch([{ total: cny('1.00'), weights: [NaN] }]), 'invalid_decimal');
  // A batch that is not a list of requests, or an unknown detail, fails as a whole.
  throwsCode(() => allocateBatch({ total: cny('1.00'), weights: ['1'] }), 'invalid_json');
  throwsCode(() => allocateBatch([], 'parts'), 'invalid_json');
  assert.deepEqual(allocateBatch([]), { results: [] });
});

test('quoteBatch prices several carts under one set of promotions', () => {
  const promotions = [
    {
      id: 'mj',
      trigger: 'coupon',
      discount: { type: 'threshold', tiers: [{ min_spend: cny('100.00'), off: cny('10.00') }] },
      funded_by: { role: 'platform', party_id: 'meituan' },
    },
    { id: 'half', discount: { type: 'nth_item', n: 2, percent: '50' }, funded_by: { role: 'merchant' }, conditions: { target: { products: ['latte'] } } },
  ];
  const context = { now: '2026-11-22T10:00:00+08:00', channel: 'online_pickup' };
  const line = (product_id, price, quantity) => ({ id: product_id, product_id, unit_price: cny(price), quantity });
  const carts = [
    { lines: [line('latte', '30.00', '2')] },
    { lines: [line('latte', '30.00', '4'), line('beans', '60.00', '1')] },
    { lines: [] },
    { lines: [line('latte', '30.00', '0')] },
  ];
  const results = quoteBatch({ carts, promotions, context }).results;
  assert.equal(results.length, carts.length);
  carts.forEach((cart, i) => {
    const one = single(() => quote({ cart, promotions, context }));
    assert.deepEqual(results[i], 'value' in one ? { quote: one.value } : { error: one.error });
  });
  assert.equal(results[0].quote.total.amount, '45.00');
  assert.equal(results[1].quote.total.amount, '140.00'); // 180.00 − 30.00 (2 half lattes) − 10.00
  assert.deepEqual([results[2].error.code, results[3].error.code], ['invalid_input', 'invalid_quantity']);
});

test('groupbuyProgressBatch: where many campaigns stand at one instant', () => {
  const campaign = (id, min) => ({
    id,
    kind: { type: 'tipping_point', price: cny('59.90'), min_participants: min },
    deadline: '2026-11-30T00:00:00+08:00',
  });
  const open = groupbuyOpen(campaign('yoga', 2));
  const joined = groupbuyStep(open, { type: 'join', key: 'j1', customer_id: 'ann' }, '2026-11-22T10:00:00+08:00').state;
  const states = [open, joined, groupbuyOpen(campaign('pilates', 5)), { ...joined, status: 'nonsense' }];
  const now = '2026-11-22T12:00:00+08:00';
  const results = groupbuyProgressBatch(states, now).results;
  states.forEach((state, i) => {
    const one = single(() => groupbuyProgress(state, now));
    assert.deepEqual(results[i], 'value' in one ? { progress: one.value } : { error: one.error });
  });
  assert.deepEqual(results.slice(0, 3).map((r) => [r.progress.count, r.progress.needed]), [[0, 2], [1, 1], [0, 5]]);
  assert.equal(results[3].error.code, 'invalid_json');
});
