// Group-buy through the typed JS API: the three hand-computed cases, progress hints, and
// bad input (numbers for money, Dates for times, terminal states, replay errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import {
  addMoney,
  call,
  groupbuyOpen,
  groupbuyProgress,
  groupbuyReplay,
  groupbuySimulate,
  groupbuyStep,
  O2OError,
} from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });


// Step through a log one event at a time, as a server storing the state would.
function stepAll(campaign, log) {
  let state = groupbuyOpen(campaign);
  const effects = [];
  const outcomes = [];
  for (const { at, event } of log) {
    const step = groupbuyStep(state, event, at);
    state = step.state;
    effects.push(...step.effects);
    outcomes.push(step.outcome);
  }
  return { state, effects, outcomes };
}

const sum = (amounts) => amounts.reduce((a, b) => addMoney(a, b));

// --- hand-computed case 1: a tipping point below its minimum -----------------------------

const spaDay = {
  id: 'spa-day',
  deadline: '2026-12-01T00:00:00+08:00',
  kind: { type: 'tipping_point', min_participants: 10, price: cny('199.00') },
};
const nineJoinAndPay = [];
for (let i = 1; i <= 9; i++) {
  const at = `2026-11-22T10:0${i}:00+08:00`;
  nineJoinAndPay.push({ at, event: { type: 'join', key: `j${i}`, customer_id: `c${i}` } });
  nineJoinAndPay.push({ at, event: { type: 'payment_confirmed', key: `p${i}`, participation_id: `p${i}` } });
}
const atDeadline = { at: '2026-12-01T00:00:00+08:00', event: { type: 'tick' } };

test('tipping point: min 10 with 9 paid at the deadline fails with 9 full refunds', () => {
  const replay = groupbuyReplay(spaDay, [...nineJoinAndPay, atDeadline]);
  assert.equal(replay.state.status, 'failed');
  assert.equal(replay.state.failure_reason, 'below_minimum');
  assert.equal(replay.state.ended_at, '2026-12-01T00:00:00+08:00');
  assert.equal(replay.outcomes.length, 19);
  assert.deepEqual(replay.outcomes.at(-1), {
    kind: 'ticked',
    resolved: [{ status: 'failed', reason: 'below_minimum' }],
  });
  // The deadline's effects: 9 full refunds in joining order, then one notification.
  const decided = replay.effects.slice(9);
  assert.deepEqual(
    decided.slice(0, 9),
    Array.from({ length: 9 }, (_, i) => ({ type: 'refund_full', participation_id: `p${i + 1}`, customer_id: `c${i + 1}`, amount: cny('199.00') })),
  );
  assert.deepEqual(decided[9], { type: 'notify_failure', reason: 'below_minimum' });
  assert.equal(decided.length, 10);
  assert.deepEqual(sum(decided.slice(0, 9).map((e) => e.amount)), cny('1791.00'));
  assert.ok(replay.state.participations.every((p) => p.status === 'refunded' && p.refunded.amount === '199.00'));
  // Stepping one event at a time gives exactly the replay.
  assert.deepEqual(stepAll(spaDay, [...nineJoinAndPay, atDeadline]), replay);
  // One second earlier the deal is still open.
  const before = groupbuyReplay(spaDay, [...nineJoinAndPay, { at: '2026-11-30T23:59:59+08:00', event: { type: 'tick' } }]);
  assert.equal(before.state.status, 'open');
});

// --- hand-computed case 2: a team window is half-open ------------------------------------

const hotpot = {
  id: 'hotpot-for-3',
  deadline: '2026-12-01T00:00:00+08:00',
  kind: { type: 'team_buy', size: 3, window_seconds: 86400, price: cny('99.00'), leader_price: cny('89.00') },
};

test('team of 3 opened at 10:00 with a 24 h window: 09:59:59 next day joins, 10:00:01 does not', () => {
  const opened = groupbuyStep(groupbuyOpen(hotpot), { type: 'open_team', key: 'k1', customer_id: 'ann' }, '2026-11-22T10:00:00+08:00');
  assert.deepEqual(opened.outcome, { kind: 'opened_team', participation_id: 'p1', team_id: 't1' });
  assert.deepEqual(opened.effects, [{ type: 'charge', participation_id: 'p1', customer_id: 'ann', team_id: 't1', amount: cny('89.00') }]);
  assert.equal(opened.state.teams[0].expires_at, '2026-11-23T10:00:00+08:00');

  const join = { type: 'join', key: 'k2', customer_id: 'bo', team_id: 't1' };
  const inTime = groupbuyStep(opened.state, join, '2026-11-23T09:59:59+08:00');
  assert.deepEqual(inTime.outcome, { kind: 'joined', participation_id: 'p2', team_id: 't1' });
  assert.deepEqual(inTime.effects, [{ type: 'charge', participation_id: 'p2', customer_id: 'bo', team_id: 't1', amount: cny('99.00') }]);
  assert.equal(inTime.state.teams[0].status, 'open');

  const late = throwsCode(() => groupbuyStep(opened.state, join, '2026-11-23T10:00:01+08:00'), 'team_expired');
  assert.equal(late.category, 'groupbuy');
  assert.match(late.message, /2026-11-23T10:00:00\+08:00/);
  assert.equal('event_index' in late.details, false, 'a step error has no event_index');
  // At exactly opened_at + 24 h the window has ended too (half-open).
  throwsCode(() => groupbuyStep(opened.state, join, '2026-11-23T10:00:00+08:00'), 'team_expired');
  // The rejected step changed nothing: the stored state still takes the in-time join.
  assert.deepEqual(groupbuyStep(opened.state, join, '2026-11-23T09:59:59+08:00'), inTime);
});

// --- hand-computed case 3: a ladder refunds the differences ------------------------------

const ladder = {
  id: 'tea-ladder',
  deadline: '2026-12-01T00:00:00+08:00',
  kind: {
    type: 'ladder',
    tiers: [
      { min_participants: 1, price: cny('100.00') },
      { min_participants: 5, price: cny('90.00') },
      { min_participants: 10, price: cny('80.00') },
    ],
  },
};
const joinAndPay = (n) => {
  const log = [];
  for (let i = 1; i <= n; i++) {
    const at = `2026-11-22T10:00:${String(i).padStart(2, '0')}+08:00`;
    log.push({ at, event: { type: 'join', key: `j${i}`, customer_id: `c${i}` } });
    log.push({ at, event: { type: 'payment_confirmed', key: `p${i}`, participation_id: `p${i}` } });
  }
  return log;
};

test('ladder 1+ 100, 5+ 90, 10+ 80 closing with 10 members (100×4, 90×5, 80×1) refunds 130.00', () => {
  const replay = groupbuyReplay(ladder, [...joinAndPay(10), atDeadline]);
  const paid = replay.state.participations.map((p) => p.price.amount);
  assert.deepEqual(paid, ['100.00', '100.00', '100.00', '100.00', '90.00', '90.00', '90.00', '90.00', '90.00', '80.00']);
  assert.equal(replay.state.status, 'succeeded');
  assert.deepEqual(replay.state.final_price, cny('80.00'));
  const refunds = replay.effects.filter((e) => e.type === 'refund_difference');
  assert.deepEqual(
    refunds.map((e) => [e.participation_id, e.paid.amount, e.final_price.amount, e.amount.amount]),
    [
      ['p1', '100.00', '80.00', '20.00'],
      ['p2', '100.00', '80.00', '20.00'],
      ['p3', '100.00', '80.00', '20.00'],
      ['p4', '100.00', '80.00', '20.00'],
      ['p5', '90.00', '80.00', '10.00'],
      ['p6', '90.00', '80.00', '10.00'],
      ['p7', '90.00', '80.00', '10.00'],
      ['p8', '90.00', '80.00', '10.00'],
      ['p9', '90.00', '80.00', '10.00'],
    ],
  );
  assert.deepEqual(sum(refunds.map((e) => e.amount)), cny('130.00'));
  assert.deepEqual(replay.effects.at(-1), { type: 'notify_success', participants: 10, final_price: cny('80.00') });
  assert.equal(replay.effects.some((e) => e.type.startsWith('refund_') && e.participation_id === 'p10'), false);
  assert.deepEqual(stepAll(ladder, [...joinAndPay(10), atDeadline]), replay);
});

// --- progress hints ----------------------------------------------------------------------

test('progress: counts, percent and the hint text', () => {
  const team = groupbuyReplay(hotpot, [{ at: '2026-11-22T10:00:00+08:00', event: { type: 'open_team', key: 'k1', customer_id: 'ann' } }]);
  const progress = groupbuyProgress(team.state, '2026-11-23T06:48:00+08:00');
  assert.equal(progress.kind, 'team_buy');
  assert.equal(progress.status, 'open');
  const [t1] = progress.teams;
  assert.deepEqual([t1.count, t1.paid, t1.pending, t1.needed, t1.percent, t1.remaining_seconds], [1, 0, 1, 2, 33, 11520]);
  assert.deepEqual(t1.hint, { code: 'people_needed', message: '2 more people needed within 3 h 12 min', needed: 2, remaining_seconds: 11520 });
  // After the window: the view shows the failure (the stored state is not changed).
  const after = groupbuyProgress(team.state, '2026-11-23T10:00:00+08:00');
  assert.deepEqual(after.teams[0].hint, { code: 'ended', message: 'the team failed: everyone who paid is refunded in full' });
  assert.equal(team.state.teams[0].status, 'open');

  const nine = groupbuyReplay(ladder, joinAndPay(9)).state;
  const ladderProgress = groupbuyProgress(nine, '2026-11-30T20:48:00+08:00');
  assert.deepEqual([ladderProgress.count, ladderProgress.target, ladderProgress.percent], [9, 1, 100]);
  assert.deepEqual(ladderProgress.current_price, cny('90.00'));
  assert.deepEqual(ladderProgress.join_price, cny('80.00'));
  assert.deepEqual([ladderProgress.next_price, ladderProgress.next_tier_at], [cny('80.00'), 10]);
  assert.deepEqual(ladderProgress.hint, { code: 'next_tier', message: '1 more to reach 80.00', needed: 1, remaining_seconds: 11520, price: cny('80.00') });
  const ten = groupbuyReplay(ladder, joinAndPay(10)).state;
  assert.deepEqual(groupbuyProgress(ten, '2026-11-22T12:00:00+08:00').hint, { code: 'lowest_price', message: 'lowest price reached: 80.00', price: cny('80.00') });

  const spa = groupbuyReplay(spaDay, nineJoinAndPay).state;
  assert.deepEqual(groupbuyProgress(spa, '2026-11-30T22:00:00+08:00').hint, {
    code: 'people_needed',
    message: '1 more person needed within 2 h',
    needed: 1,
    remaining_seconds: 7200,
  });
  // The same through the wire-level call.
  assert.deepEqual(call('groupbuy.progress', { state: nine, now: '2026-11-30T20:48:00+08:00' }), ladderProgress);
});

test('simulate: which team size makes the target', () => {
  const spec = {
    sizes: [2, 3, 4],
    window_seconds: 3600,
    target_success_rate: '0.5',
    teams: [{ join_offsets: [60, 120, 7200] }, { join_offsets: [30] }, { join_offsets: [] }],
  };
  const report = groupbuySimulate(spec);
  assert.equal(report.teams, 3);
  assert.deepEqual(report.results.map((r) => [r.size, r.succeeded, r.failed, r.success_rate, r.meets_target]), [
    [2, 2, 1, '0.6666', true],
    [3, 1, 2, '0.3333', false],
    [4, 0, 3, '0.0000', false],
  ]);
  assert.equal(report.largest_size_meeting_target, 2);
  // A rate is an exact decimal: a whole JS number is fine, 0.5 is not.
  assert.equal(groupbuySimulate({ ...spec, target_success_rate: 1 }).largest_size_meeting_target, undefined);
  throwsCode(() => groupbuySimulate({ ...spec, target_success_rate: 0.5 }), 'invalid_decimal');
  const tooMany = throwsCode(() => groupbuySimulate({ ...spec, sizes: Array.from({ length: 1001 }, () => 2) }), 'simulation_too_large');
  assert.equal(tooMany.category, 'groupbuy');
});

// --- bad input ---------------------------------------------------------------------------

test('a JS number as money is rejected with number_for_money, never converted', () => {
  const err = throwsCode(() => groupbuyOpen({ ...spaDay, kind: { ...spaDay.kind, price: { amount: 199, currency: 'CNY' } } }), 'number_for_money');
  assert.equal(err.category, 'money');
  assert.match(err.message, /199/);
  const state = groupbuyReplay(spaDay, nineJoinAndPay.slice(0, 1)).state;
  throwsCode(
    () => groupbuyStep(state, { type: 'payment_confirmed', key: 'p1', participation_id: 'p1', amount: { amount: 199, currency: 'CNY' } }, '2026-11-22T10:05:00+08:00'),
    'number_for_money',
  );
  // In a replayed log it fails while decoding the whole input, before any event runs: the
  // error has no event_index (the message gives the JSON position).
  const inLog = throwsCode(
    () =>
      groupbuyReplay(spaDay, [
        ...nineJoinAndPay.slice(0, 1),
        { at: '2026-11-22T10:05:00+08:00', event: { type: 'payment_confirmed', key: 'p1', participation_id: 'p1', amount: { amount: 199.0, currency: 'CNY' } } },
      ]),
    'number_for_money',
  );
  assert.equal('event_index' in inLog.details, false);
  // The exact amount as a string confirms the payment.
  const paid = groupbuyStep(state, { type: 'payment_confirmed', key: 'p1', participation_id: 'p1', amount: cny('199.00') }, '2026-11-22T10:05:00+08:00');
  assert.equal(paid.outcome.kind, 'paid');
  throwsCode(() => groupbuyStep(state, { type: 'payment_confirmed', key: 'p1', participation_id: 'p1', amount: cny('198.00') }, '2026-11-22T10:05:00+08:00'), 'payment_mismatch');
});

test('times are RFC 3339 strings: a Date is rejected', () => {
  const state = groupbuyOpen(spaDay);
  const join = { type: 'join', key: 'j1', customer_id: 'ann' };
  const err = throwsCode(() => groupbuyStep(state, join, new Date('2026-11-22T02:00:00Z')), 'invalid_json');
  assert.equal(err.category, 'input');
  assert.match(err.message, /"now"/);
  throwsCode(() => groupbuyProgress(state, new Date()), 'invalid_json');
  throwsCode(() => groupbuyReplay(spaDay, [{ at: new Date('2026-11-22T02:00:00Z'), event: join }]), 'invalid_json');
  throwsCode(() => groupbuyOpen({ ...spaDay, deadline: new Date('2026-12-01T00:00:00+08:00') }), 'invalid_json');
  throwsCode(() => groupbuyStep(state, join, Date.parse('2026-11-22T02:00:00Z')), 'invalid_json');
  // The string a Date gives is fine.
  assert.equal(groupbuyStep(state, join, new Date('2026-11-22T02:00:00Z').toISOString()).state.participations[0].joined_at, '2026-11-22T02:00:00Z');
});

test('a terminal state absorbs every event: campaign_ended', () => {
  const failed = groupbuyReplay(spaDay, [...nineJoinAndPay, atDeadline]).state;
  const err = throwsCode(() => groupbuyStep(failed, { type: 'join', key: 'late', customer_id: 'zoe' }, '2026-12-02T00:00:00+08:00'), 'campaign_ended');
  assert.equal(err.category, 'groupbuy');
  assert.deepEqual(err.details, { code: 'campaign_ended', category: 'groupbuy', message: err.message });
  assert.match(err.message, /spa-day/);
  assert.match(err.message, /failed/);
  throwsCode(() => groupbuyStep(failed, { type: 'tick' }, '2026-12-02T00:00:00+08:00'), 'campaign_ended');
  // A retry of a command applied before is still a harmless duplicate.
  const retry = groupbuyStep(failed, nineJoinAndPay[0].event, '2026-12-02T00:00:00+08:00');
  assert.deepEqual(retry, { state: failed, effects: [], outcome: { kind: 'duplicate', key: 'j1' } });
});

test('a replay error names the rejected event: details.event_index', () => {
  const small = { ...spaDay, kind: { ...spaDay.kind, min_participants: 2 }, max_participants: 2 };
  const log = [
    { at: '2026-11-22T10:00:00+08:00', event: { type: 'join', key: 'a', customer_id: 'ann' } },
    { at: '2026-11-22T10:01:00+08:00', event: { type: 'join', key: 'b', customer_id: 'bo' } },
    { at: '2026-11-22T10:02:00+08:00', event: { type: 'join', key: 'c', customer_id: 'cy' } },
  ];
  const err = throwsCode(() => groupbuyReplay(small, log), 'campaign_full');
  assert.equal(err.category, 'groupbuy');
  assert.equal(err.details.event_index, 2);
  assert.deepEqual(Object.keys(err.details).sort(), ['category', 'code', 'event_index', 'message']);
  assert.match(err.message, /^event #2 of the log was rejected: /);
  // Through call, and from the raw wasm export (a js_sys::Error), the same.
  assert.throws(() => call('groupbuy.replay', { campaign: small, events: log }), (e) => e.details.event_index === 2 && e.code === 'campaign_full');
  const wasm = require('../pkg/node/o2okit_wasm.js');
  let raw;
  try {
    wasm.call('groupbuy.replay', JSON.stringify({ campaign: small, events: log }));
  } catch (e) {
    raw = e;
  }
  assert.ok(raw instanceof Error);
  assert.deepEqual([raw.code, raw.category, raw.details.event_index], ['campaign_full', 'groupbuy', 2]);
  // Other errors at other positions.
  const t = throwsCode(() => groupbuyReplay(small, [log[0], { at: '2026-11-22T09:00:00+08:00', event: { type: 'tick' } }]), 'time_out_of_order');
  assert.equal(t.details.event_index, 1);
  const k = throwsCode(() => groupbuyReplay(small, [log[0], { ...log[1], event: { ...log[1].event, key: 'a' } }]), 'idempotency_conflict');
  assert.equal(k.details.event_index, 1);
  // An invalid campaign fails before any event: no event_index.
  const bad = throwsCode(() => groupbuyReplay({ ...small, id: '' }, log), 'invalid_input');
  assert.equal(bad.category, 'input');
  assert.equal('event_index' in bad.details, false);
});

test('wrong shapes are invalid_json; an inconsistent state is invalid_input', () => {
  const state = groupbuyOpen(hotpot);
  throwsCode(() => groupbuyStep(state, { type: 'join_team', key: 'k', customer_id: 'ann' }, '2026-11-22T10:00:00+08:00'), 'invalid_json');
  throwsCode(() => groupbuyStep(state, { type: 'join', customer_id: 'ann', team_id: 't1' }, '2026-11-22T10:00:00+08:00'), 'invalid_json');
  throwsCode(() => groupbuyOpen({ ...hotpot, colour: 'red' }), 'invalid_json');
  throwsCode(() => groupbuyStep(state, { type: 'join', key: '', customer_id: 'ann', team_id: 't1' }, '2026-11-22T10:00:00+08:00'), 'invalid_input');
  const opened = groupbuyStep(state, { type: 'open_team', key: 'k1', customer_id: 'ann' }, '2026-11-22T10:00:00+08:00').state;
  const tampered = { ...opened, participations: [{ ...opened.participations[0], id: 'p7' }] };
  const err = throwsCode(() => groupbuyStep(tampered, { type: 'tick' }, '2026-11-22T11:00:00+08:00'), 'invalid_input');
  assert.match(err.message, /participations\[0\]\.id/);
  const e2 = throwsCode(() => groupbuyStep(state, { type: 'join', key: 'k', customer_id: 'ann' }, '2026-11-22T10:00:00+08:00'), 'event_not_allowed');
  assert.equal(e2.category, 'groupbuy');
});

test('the group-buy functions are on every entry point', async () => {
  const cjs = require('o2okit');
  for (const name of ['groupbuyOpen', 'groupbuyStep', 'groupbuyReplay', 'groupbuyProgress', 'groupbuySimulate']) {
    assert.equal(typeof cjs[name], 'function', name);
  }
  assert.equal(cjs.groupbuyReplay, groupbuyReplay);
  const web = await import('../js/web.mjs');
  const { readFileSync } = await import('node:fs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  assert.deepEqual(web.groupbuyReplay(ladder, [...joinAndPay(10), atDeadline]), groupbuyReplay(ladder, [...joinAndPay(10), atDeadline]));
});
