// Membership through the typed JS API: stored-value cards (top-up bonus tiers, principal and
// bonus kept apart, proportional spends with the odd cent from principal, refunds, closing,
// keyed retries) and points (earning, expiry on a local calendar across a month boundary,
// oldest-first redemption as a funded promotion for quote), and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { call, cardApply, cardReplay, O2OError, pointsRedeem, pointsReplay, quote } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });


// --- stored-value cards -----------------------------------------------------------------------

const rules = {
  bonus_tiers: [
    { min_top_up: cny('100.00'), bonus: cny('20.00') },
    { min_top_up: cny('300.00'), bonus: cny('50.00') },
  ],
};
const card = { id: 'card-1', currency: 'CNY' };
const at = (day, time = '10:00:00') => `2026-03-${String(day).padStart(2, '0')}T${time}+08:00`;
const topUp = (amount, key) => (key === undefined ? { type: 'top_up', amount: cny(amount) } : { type: 'top_up', amount: cny(amount), key });
const spend = (order_id, amount) => ({ type: 'spend', order_id, amount: cny(amount) });
const refund = (order_id, amount) => ({ type: 'refund', order_id, amount: cny(amount) });

test('top up 100.00 (bonus 20.00), spend 60.00: 50.00 principal and 10.00 bonus are left', () => {
  const replay = cardReplay({ card, rules, events: [{ at: at(1), event: topUp('100.00') }, { at: at(2), event: spend('o1', '60.00') }] });
  assert.deepEqual([replay.card.principal.amount, replay.card.bonus.amount], ['50.00', '10.00']);
  assert.deepEqual([replay.card.kind, replay.card.status, replay.card.as_of], ['registered', 'open', at(2)]);
  assert.deepEqual(
    replay.entries.map((e) => [e.kind, e.amount.amount, e.principal_delta.amount, e.bonus_delta.amount, e.principal.amount, e.bonus.amount]),
    [
      ['top_up', '100.00', '100.00', '20.00', '100.00', '20.00'],
      // 60.00 in the ratio 100 : 20 of the balances: 50.00 from principal, 10.00 from bonus.
      ['spend', '60.00', '-50.00', '-10.00', '50.00', '10.00'],
    ],
  );
  assert.deepEqual(replay.card.spends, [
    { order_id: 'o1', principal: cny('50.00'), bonus: cny('10.00'), refunded_principal: cny('0.00'), refunded_bonus: cny('0.00') },
  ]);
  assert.deepEqual([replay.totals.topped_up, replay.totals.bonus_granted, replay.totals.spent_principal, replay.totals.spent_bonus], [
    cny('100.00'),
    cny('20.00'),
    cny('50.00'),
    cny('10.00'),
  ]);
  // The same, one event at a time: the state each step returns is the one to store.
  const first = cardApply({ card: { ...card, principal: cny('0.00'), bonus: cny('0.00') }, rules, event: topUp('100.00'), at: at(1) });
  const second = cardApply({ card: first.card, rules, event: spend('o1', '60.00'), at: at(2) });
  assert.deepEqual(second.card, replay.card);
  assert.deepEqual([first.entry, second.entry], replay.entries);
  assert.deepEqual(call('card.apply', { card: first.card, rules, event: spend('o1', '60.00'), at: at(2) }), second);
});

test('the highest tier reached applies once: 250.00 earns 20.00, 1000.00 earns 50.00', () => {
  const replay = cardReplay({ card, rules, events: [{ at: at(1), event: topUp('250.00') }, { at: at(2), event: topUp('1000.00') }, { at: at(3), event: topUp('99.99') }] });
  assert.deepEqual(replay.entries.map((e) => e.bonus_delta.amount), ['20.00', '50.00', '0.00']);
  assert.deepEqual([replay.card.principal, replay.card.bonus], [cny('1349.99'), cny('70.00')]);
});

test('refunds go back in the proportion the spend took; closing pays out principal and forfeits bonus', () => {
  const events = [
    { at: at(1), event: topUp('100.00') },
    { at: at(2), event: spend('o1', '60.00') },
    { at: at(3), event: refund('o1', '30.00') },
    { at: at(4), event: { type: 'close' } },
  ];
  const replay = cardReplay({ card, rules, events });
  const [, , back, closed] = replay.entries;
  assert.deepEqual([back.principal_delta, back.bonus_delta], [cny('25.00'), cny('5.00')]);
  assert.deepEqual([closed.kind, closed.amount, closed.principal_delta, closed.forfeited_bonus], ['close', cny('75.00'), cny('-75.00'), cny('15.00')]);
  assert.deepEqual([replay.totals.paid_out, replay.totals.bonus_forfeited], [cny('75.00'), cny('15.00')]);
  assert.deepEqual([replay.card.status, replay.card.principal, replay.card.bonus], ['closed', cny('0.00'), cny('0.00')]);
  // The totals reconcile: principal = topped up − spent + refunded − paid out.
  const t = replay.totals;
  assert.equal(Number(t.topped_up.amount) - Number(t.spent_principal.amount) + Number(t.refunded_principal.amount) - Number(t.paid_out.amount), 0);
  // Closed: nothing more (the error names the event of the log).
  const err = throwsCode(() => cardReplay({ card, rules, events: [...events, { at: at(5), event: topUp('10.00') }] }), 'card_closed', 'membership');
  assert.equal(err.details.event_index, 4);
  assert.match(err.message, /^event #4 of the log was rejected: /);
});

test('the odd cent of a proportional spend comes out of principal; other policies on request', () => {
  const held = { ...card, principal: cny('100.00'), bonus: cny('20.00'), as_of: at(1) };
  const cent = cardApply({ card: held, rules, event: spend('o1', '0.01'), at: at(2) });
  assert.deepEqual([cent.entry.principal_delta, cent.entry.bonus_delta], [cny('-0.01'), cny('0.00')]);
  // 0.07 of 120.00: the bonus share 0.0116… is rounded down to 0.01, principal takes 0.06.
  const seven = cardApply({ card: held, rules, event: spend('o1', '0.07'), at: at(2) });
  assert.deepEqual([seven.entry.principal_delta, seven.entry.bonus_delta], [cny('-0.06'), cny('-0.01')]);
  const bonusFirst = cardApply({ card: held, rules: { ...rules, spend_policy: 'bonus_first' }, event: spend('o1', '30.00'), at: at(2) });
  assert.deepEqual([bonusFirst.card.principal, bonusFirst.card.bonus], [cny('90.00'), cny('0.00')]);
  const principalFirst = cardApply({ card: held, rules: { ...rules, spend_policy: 'principal_first' }, event: spend('o1', '30.00'), at: at(2) });
  assert.deepEqual([principalFirst.card.principal, principalFirst.card.bonus], [cny('70.00'), cny('20.00')]);
  // The input state is not modified.
  assert.deepEqual(held, { ...card, principal: cny('100.00'), bonus: cny('20.00'), as_of: at(1) });
});

test('a keyed top-up retried is a duplicate; the same key with another amount conflicts', () => {
  const events = [{ at: at(1), event: topUp('100.00', 'pay-1') }, { at: at(1, '10:00:05'), event: topUp('100.00', 'pay-1') }];
  const replay = cardReplay({ card, rules, events });
  assert.deepEqual(replay.entries.map((e) => e.kind), ['top_up', 'duplicate']);
  assert.deepEqual([replay.card.principal, replay.card.bonus], [cny('100.00'), cny('20.00')]);
  assert.deepEqual(replay.card.top_ups, [{ key: 'pay-1', amount: cny('100.00') }]);
  const err = throwsCode(() => cardReplay({ card, rules, events: [events[0], { at: at(2), event: topUp('200.00', 'pay-1') }] }), 'idempotency_conflict', 'groupbuy');
  assert.equal(err.details.event_index, 1);
});

test('card errors carry the membership category', () => {
  const held = { ...card, principal: cny('50.00'), bonus: cny('10.00'), spends: [{ order_id: 'o1', principal: cny('50.00'), bonus: cny('10.00'), refunded_principal: cny('0.00'), refunded_bonus: cny('0.00') }], as_of: at(2) };
  throwsCode(() => cardApply({ card: held, rules, event: spend('o2', '60.01'), at: at(3) }), 'insufficient_balance', 'membership');
  throwsCode(() => cardApply({ card: held, rules, event: refund('o9', '1.00'), at: at(3) }), 'spend_not_found', 'membership');
  throwsCode(() => cardApply({ card: held, rules, event: refund('o1', '60.01'), at: at(3) }), 'refund_exceeds_spend', 'membership');
  throwsCode(() => cardApply({ card: held, rules, event: spend('o2', '1.00'), at: at(1) }), 'events_out_of_order', 'membership');
  throwsCode(() => cardApply({ card: held, rules, event: spend('o2', '0.00'), at: at(3) }), 'invalid_membership', 'membership');
  // A closed card holds nothing; any event on it is refused.
  const closed = { ...card, status: 'closed', principal: cny('0.00'), bonus: cny('0.00'), as_of: at(2) };
  throwsCode(() => cardApply({ card: closed, rules, event: topUp('10.00'), at: at(3) }), 'card_closed', 'membership');
  throwsCode(() => cardApply({ card: { ...held, status: 'closed' }, rules, event: spend('o2', '1.00'), at: at(3) }), 'invalid_membership', 'membership');
  const limited = { ...card, kind: 'anonymous', limits: { max_balance: cny('1000.00') } };
  const err = throwsCode(() => cardReplay({ card: limited, rules, events: [{ at: at(1), event: topUp('900.00') }, { at: at(2), event: topUp('100.00') }] }), 'balance_limit_exceeded', 'membership');
  assert.equal(err.details.event_index, 1); // 900 + 50 bonus + 100 + 20 bonus > 1000
  throwsCode(() => cardApply({ card: held, rules, event: { type: 'spend', order_id: 'o2', amount: { amount: '1.00', currency: 'USD' } }, at: at(3) }), 'currency_mismatch', 'currency');
  // Rules that cannot be right fail before any event runs: no event_index.
  const dup = throwsCode(() => cardReplay({ card, rules: { bonus_tiers: [rules.bonus_tiers[0], rules.bonus_tiers[0]] }, events: [] }), 'invalid_membership', 'membership');
  assert.equal('event_index' in dup.details, false);
});

// --- points -----------------------------------------------------------------------------------

const program = {
  earn: [{ type: 'per_amount', points: 1, per: cny('10.00') }],
  expiry: { months_after: 6, at: 'end_of_month' },
  time_zone: 'Asia/Shanghai',
};
const earn = (amount, order_id) => ({ type: 'earn', amount: cny(amount), order_id });

test('105.00 earns 10 points (rounded down), 9.99 earns none (and makes no entry or lot)', () => {
  const replay = pointsReplay({ program, events: [{ at: '2026-01-15T10:00:00+08:00', event: earn('105.00', 'o1') }, { at: '2026-01-16T10:00:00+08:00', event: earn('9.99', 'o2') }] });
  assert.deepEqual(replay.entries.map((e) => [e.kind, e.points, e.balance, e.lots]), [['earn', 10, 10, [{ lot_id: 'l1', points: 10 }]]]);
  assert.deepEqual(replay.state, {
    lots: [{ id: 'l1', earned_at: '2026-01-15T10:00:00+08:00', expires_at: '2026-08-01T00:00:00+08:00', points: 10, remaining: 10, order_id: 'o1' }],
    balance: 10,
    as_of: '2026-01-16T10:00:00+08:00',
  });
});

test('expiry across a month boundary: 23:30 on 31 January and 00:30 on 1 February expire a month apart', () => {
  const log = [
    { at: '2026-01-31T23:30:00+08:00', event: earn('50.00', 'o1') }, // January in Shanghai: expires 2026-08-01 00:00
    { at: '2026-02-01T00:30:00+08:00', event: earn('30.00', 'o2') }, // February in Shanghai: expires 2026-09-01 00:00
  ];
  const replay = pointsReplay({ program, events: log, until: '2026-09-01T00:00:00+08:00' });
  assert.deepEqual(replay.state.lots.map((l) => [l.id, l.points, l.expires_at, l.remaining]), [
    ['l1', 5, '2026-08-01T00:00:00+08:00', 0],
    ['l2', 3, '2026-09-01T00:00:00+08:00', 0],
  ]);
  assert.deepEqual(replay.entries.filter((e) => e.kind === 'expire').map((e) => [e.at, e.points, e.order_id]), [
    ['2026-08-01T00:00:00+08:00', 5, 'o1'],
    ['2026-09-01T00:00:00+08:00', 3, 'o2'],
  ]);
  assert.deepEqual(replay.totals, { earned: 8, redeemed: 0, expired: 8, balance: 0 });
  // Breakage by month: what expired at local midnight starting August is July's.
  assert.deepEqual(replay.breakage, [{ period: '2026-07', points: 5 }, { period: '2026-08', points: 3 }]);

  // Usable until the last second of July; gone at midnight.
  const lastSecond = pointsReplay({ program, events: [...log, { at: '2026-07-31T23:59:59+08:00', event: { type: 'redeem', points: 8 } }] });
  assert.equal(lastSecond.state.balance, 0);
  assert.deepEqual(lastSecond.entries.at(-1).lots, [{ lot_id: 'l1', points: 5 }, { lot_id: 'l2', points: 3 }]);
  const err = throwsCode(() => pointsReplay({ program, events: [...log, { at: '2026-08-01T00:00:00+08:00', event: { type: 'redeem', points: 8 } }] }), 'insufficient_points', 'membership');
  assert.equal(err.details.event_index, 2);

  // The calendar is the programme's: in UTC both purchases fall in January (00:30 on 1 February
  // in Shanghai is 16:30 on 31 January UTC) and expire together at 2026-08-01T00:00:00Z.
  const utc = pointsReplay({ program: { ...program, time_zone: 'UTC' }, events: log });
  assert.deepEqual(utc.state.lots.map((l) => Date.parse(l.expires_at)), [Date.parse('2026-08-01T00:00:00Z'), Date.parse('2026-08-01T00:00:00Z')]);
});

test('redeeming takes the soonest-expiring lots first and becomes a funded promotion for quote', () => {
  const funded = { ...program, point_value: cny('0.01'), funded_by: { role: 'platform', party_id: 'mall' } };
  const earned = pointsReplay({
    program: funded,
    events: [{ at: '2026-01-15T10:00:00+08:00', event: earn('105.00', 'o1') }, { at: '2026-02-10T10:00:00+08:00', event: earn('5000.00', 'o2') }],
  });
  assert.equal(earned.state.balance, 510);
  const redeemed = pointsRedeem({ state: earned.state, program: funded, points: 300, at: '2026-03-01T12:00:00+08:00', order_id: 'o9' });
  assert.deepEqual(redeemed.taken, [{ lot_id: 'l1', points: 10 }, { lot_id: 'l2', points: 290 }]);
  assert.deepEqual([redeemed.discount, redeemed.state.balance], [cny('3.00'), 210]);
  assert.deepEqual(redeemed.entries.map((e) => [e.kind, e.points, e.balance, e.order_id]), [['redeem', 300, 210, 'o9']]);
  assert.deepEqual(redeemed.promotion.discount, { type: 'amount_off_order', amount: cny('3.00') });
  assert.deepEqual(redeemed.promotion.funded_by, { role: 'platform', party_id: 'mall' });
  // The promotion goes straight into quote: 3.00 off, paid by the platform.
  const q = quote({
    cart: { lines: [{ id: 'a', product_id: 'latte', unit_price: cny('30.00'), quantity: '1' }] },
    promotions: [redeemed.promotion],
    context: { now: '2026-03-01T12:00:00+08:00', channel: 'in_store' },
  });
  assert.deepEqual([q.discount_total, q.total], [cny('3.00'), cny('27.00')]);
  assert.deepEqual(q.discounts[0].funded_by, { role: 'platform', party_id: 'mall' });
  // Redeeming is pure: the stored state is unchanged, and too many points is an error.
  assert.equal(earned.state.balance, 510);
  throwsCode(() => pointsRedeem({ state: earned.state, program: funded, points: 511, at: '2026-03-01T12:00:00+08:00' }), 'insufficient_points', 'membership');
  throwsCode(() => pointsRedeem({ state: earned.state, program, points: 1, at: '2026-03-01T12:00:00+08:00' }), 'invalid_membership', 'membership');
  throwsCode(() => pointsRedeem({ state: earned.state, program: funded, points: 1, at: '2026-02-01T12:00:00+08:00' }), 'events_out_of_order', 'membership');
});

test('points errors: events out of order name their event, an unknown zone fails up front', () => {
  const err = throwsCode(
    () => pointsReplay({ program, events: [{ at: '2026-02-01T10:00:00+08:00', event: earn('10.00') }, { at: '2026-01-01T10:00:00+08:00', event: earn('10.00') }] }),
    'events_out_of_order',
    'membership',
  );
  assert.equal(err.details.event_index, 1);
  const zone = throwsCode(() => pointsReplay({ program: { ...program, time_zone: 'Mars/Olympus' }, events: [] }), 'unknown_time_zone', 'promotion');
  assert.equal('event_index' in zone.details, false);
});

test('money is a string, points and times are what they say', () => {
  throwsCode(() => cardApply({ card: { ...card, principal: cny('0.00'), bonus: cny('0.00') }, rules, event: { type: 'top_up', amount: { amount: 100, currency: 'CNY' } }, at: at(1) }), 'number_for_money', 'money');
  throwsCode(() => cardReplay({ card, rules: { bonus_tiers: [{ min_top_up: { amount: 100, currency: 'CNY' }, bonus: cny('20.00') }] } }), 'number_for_money');
  throwsCode(() => pointsReplay({ program: { ...program, point_value: { amount: 0.01, currency: 'CNY' } }, events: [] }), 'number_for_money');
  const dated = throwsCode(() => cardApply({ card: { ...card, principal: cny('0.00'), bonus: cny('0.00') }, rules, event: topUp('1.00'), at: new Date() }), 'invalid_json', 'input');
  assert.match(dated.message, /"at"/);
  throwsCode(() => pointsReplay({ program, events: [{ at: '2026-01-01T00:00:00Z', event: { type: 'redeem', points: '3' } }] }), 'invalid_json', 'input');
  throwsCode(() => pointsReplay({ program, events: [{ at: '2026-01-01T00:00:00Z', event: { type: 'redeem', points: 2n } }] }), 'invalid_decimal');
  throwsCode(() => cardReplay({ card, events: [{ at: at(1), event: { type: 'withdraw', amount: cny('1.00') } }] }), 'invalid_json', 'input');
});

test('the membership functions are on every entry point', async () => {
  const names = ['cardApply', 'cardReplay', 'pointsReplay', 'pointsRedeem'];
  const cjs = require('o2okit');
  for (const name of names) assert.equal(typeof cjs[name], 'function', name);
  assert.equal(cjs.cardReplay, cardReplay);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  for (const name of names) assert.equal(typeof web[name], 'function', name);
  const request = { card, rules, events: [{ at: at(1), event: topUp('100.00') }] };
  assert.deepEqual(web.cardReplay(request), cardReplay(request));
});
