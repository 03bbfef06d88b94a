// The four O2O flows through the typed JS API: the four examples of the README (a group-buy
// voucher redeemed in store, a store QR code with home delivery, a showroom try before an app
// purchase, a store poster with a WeChat order eaten in the store), each checked against its
// flow's definition; list order and time offsets that change nothing; incomplete, not-O2O and
// ambiguous journeys; the definitions as data; and the flow errors as O2OError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { call, classify, flowDefinition, O2OError } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const tp = (channel, stage, at, extra = {}) => ({ channel, stage, at, ...extra });
const evidence = (...parts) => parts.map(([index, counted_as]) => ({ index, counted_as }));
const FLOWS = ['online_to_offline', 'offline_to_online', 'online_to_offline_to_online', 'offline_to_online_to_offline'];


// --- the four examples -----------------------------------------------------------------------

const EXAMPLES = [
  {
    name: '1: an online ad, a group-buy voucher paid online, redeemed in the store (Meituan / Dianping)',
    flow: 'online_to_offline',
    lifecycle: 'voucher',
    touchpoints: [
      tp('online', 'marketing', '2026-05-01T10:00:00+08:00', { kind: 'ad_click' }),
      tp('online', 'transaction', '2026-05-01T10:05:00+08:00', { kind: 'group_buy_paid' }),
      tp('offline', 'experience', '2026-05-03T19:00:00+08:00', { kind: 'voucher_redeemed' }),
    ],
    evidence: evidence([0, 'first_touch'], [1, 'transaction'], [2, 'consumption']),
  },
  {
    name: "2: a store's QR code, an order in the online mall, home delivery (Suning)",
    flow: 'offline_to_online',
    lifecycle: 'bound_store_order',
    touchpoints: [
      tp('offline', 'marketing', '2026-05-02T15:40:00+08:00', { kind: 'qr_scan' }),
      tp('online', 'transaction', '2026-05-02T21:05:00+08:00', { kind: 'mall_order' }),
      tp('offline', 'fulfilment', '2026-05-03T10:30:00+08:00', { kind: 'home_delivery' }),
    ],
    evidence: evidence([0, 'first_touch'], [1, 'transaction'], [2, 'consumption']),
  },
  {
    name: '3: an online ad, a try in a showroom, a purchase in the app (JD)',
    flow: 'online_to_offline_to_online',
    lifecycle: 'showroom_order',
    touchpoints: [
      tp('online', 'marketing', '2026-05-01T09:00:00+08:00', { kind: 'ad_view' }),
      tp('offline', 'experience', '2026-05-02T14:00:00+08:00', { kind: 'showroom_try' }),
      tp('online', 'transaction', '2026-05-02T20:00:00+08:00', { kind: 'app_order' }),
    ],
    evidence: evidence([0, 'first_touch'], [1, 'experience'], [2, 'transaction']),
  },
  {
    name: "4: a store poster, a WeChat order, dinner in the store (Papa John's)",
    flow: 'offline_to_online_to_offline',
    lifecycle: 'store_order',
    touchpoints: [
      tp('offline', 'marketing', '2026-05-04T11:50:00+08:00', { kind: 'poster' }),
      tp('online', 'transaction', '2026-05-04T11:55:00+08:00', { kind: 'wechat_order' }),
      tp('offline', 'experience', '2026-05-04T12:10:00+08:00', { kind: 'dine_in' }),
    ],
    evidence: evidence([0, 'first_touch'], [1, 'transaction'], [2, 'consumption']),
  },
];

for (const example of EXAMPLES) {
  test(`flow ${example.name}`, () => {
    const result = classify({ touchpoints: example.touchpoints });
    assert.deepEqual(result, { result: 'classified', flow: example.flow, evidence: example.evidence });
    assert.deepEqual(call('flow.classify', { touchpoints: example.touchpoints }), result);
    // Each cited touchpoint fits its step of the flow's definition (channel and stage).
    const definition = flowDefinition({ flow: result.flow });
    assert.equal(definition.lifecycle, example.lifecycle);
    for (const { index, counted_as } of result.evidence) {
      const step = definition.steps.find((s) => s.part === counted_as);
      assert.ok(step, `${example.flow} has a ${counted_as} step`);
      const touchpoint = example.touchpoints[index];
      if ('channel' in step) assert.equal(touchpoint.channel, step.channel, `touchpoint ${index}`);
      assert.ok(step.stages.includes(touchpoint.stage), `touchpoint ${index}`);
    }
  });
}

test('the four examples are the golden vectors', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../../../testdata/vectors/flows.json', import.meta.url), 'utf8'));
  const vectors = cases.filter((c) => /^flow-[1-4]-/.test(c.name) && c.name !== 'flow-1-input-order-does-not-matter');
  assert.deepEqual(
    vectors.map((c) => [c.input.touchpoints, c.expected.flow]),
    EXAMPLES.map((e) => [e.touchpoints, e.flow]),
  );
});

test('the list order and the offsets the times are written with change nothing', () => {
  const [, , , dineIn] = EXAMPLES;
  // Reversed: the same flow, the evidence naming the touchpoints by their new positions.
  const reversed = classify({ touchpoints: [...dineIn.touchpoints].reverse() });
  assert.deepEqual(reversed, { result: 'classified', flow: dineIn.flow, evidence: evidence([2, 'first_touch'], [1, 'transaction'], [0, 'consumption']) });
  // The same instants in UTC and in Tokyo time.
  const shifted = [
    tp('offline', 'marketing', '2026-05-04T03:50:00Z'),
    tp('online', 'transaction', '2026-05-04T12:55:00+09:00'),
    tp('offline', 'experience', '2026-05-04T04:10:00Z'),
  ];
  assert.deepEqual(classify({ touchpoints: shifted }), { result: 'classified', flow: dineIn.flow, evidence: dineIn.evidence });
  // party, id and kind are carried, never read.
  const annotated = dineIn.touchpoints.map((t, i) => ({ ...t, id: `t${i}`, party: { role: 'store', party_id: 'nj-1' } }));
  assert.deepEqual(classify({ touchpoints: annotated }), classify({ touchpoints: dineIn.touchpoints }));
  // Only the stage tells flow 4 from flow 2: a delivery instead of the dinner.
  const delivered = dineIn.touchpoints.map((t, i) => (i === 2 ? { ...t, stage: 'fulfilment' } : t));
  assert.equal(classify({ touchpoints: delivered }).flow, 'offline_to_online');
});

// --- journeys that are not (yet) one of the four ---------------------------------------------

test('incomplete journeys name what is missing and the flows still possible', () => {
  assert.deepEqual(classify({ touchpoints: [] }), {
    result: 'incomplete',
    missing: ['first_touch', 'transaction', 'consumption'],
    candidates: FLOWS,
    evidence: [],
  });
  // Won in a store and paid online, not yet consumed: flow 2 or 4.
  assert.deepEqual(classify({ touchpoints: EXAMPLES[3].touchpoints.slice(0, 2) }), {
    result: 'incomplete',
    missing: ['consumption'],
    candidates: ['offline_to_online', 'offline_to_online_to_offline'],
    evidence: evidence([0, 'first_touch'], [1, 'transaction']),
  });
  // Paid online and eaten in the store, but where the customer was won is not known.
  assert.deepEqual(classify({ touchpoints: EXAMPLES[3].touchpoints.slice(1) }), {
    result: 'incomplete',
    missing: ['first_touch'],
    candidates: ['online_to_offline', 'offline_to_online_to_offline'],
    evidence: evidence([0, 'transaction'], [1, 'consumption']),
  });
  // An online ad and a showroom try, no purchase yet: only flow 3.
  assert.deepEqual(classify({ touchpoints: EXAMPLES[2].touchpoints.slice(0, 2) }), {
    result: 'incomplete',
    missing: ['transaction'],
    candidates: ['online_to_offline_to_online'],
    evidence: evidence([0, 'first_touch'], [1, 'experience']),
  });
});

test('commerce in one channel is not O2O', () => {
  const eTicket = [
    tp('online', 'marketing', '2026-05-01T10:00:00+08:00'),
    tp('online', 'transaction', '2026-05-01T10:05:00+08:00'),
    tp('online', 'fulfilment', '2026-05-01T10:06:00+08:00', { kind: 'e_ticket' }),
  ];
  assert.deepEqual(classify({ touchpoints: eTicket }), {
    result: 'not_o2o',
    channel: 'online',
    evidence: evidence([0, 'first_touch'], [1, 'transaction'], [2, 'consumption']),
  });
  const atTheCounter = [tp('online', 'marketing', '2026-05-01T10:00:00+08:00'), tp('offline', 'transaction', '2026-05-02T10:05:00+08:00')];
  assert.deepEqual(classify({ touchpoints: atTheCounter }), { result: 'not_o2o', channel: 'offline', evidence: evidence([1, 'transaction']) });
});

test('ambiguous journeys name the touchpoints in conflict', () => {
  const both = [
    tp('offline', 'marketing', '2026-05-01T10:00:00+08:00'),
    tp('online', 'transaction', '2026-05-01T10:05:00+08:00'),
    tp('offline', 'transaction', '2026-05-01T10:05:00+08:00'),
    tp('offline', 'experience', '2026-05-01T12:00:00+08:00'),
  ];
  assert.deepEqual(classify({ touchpoints: both }), {
    result: 'ambiguous',
    reason: 'conflicting_transactions',
    candidates: ['offline_to_online_to_offline'],
    touchpoints: [1, 2],
  });
  // Won online and offline at the same instant (10:00 in Shanghai is 02:00 UTC): flow 1 or 4.
  const twoFirstTouches = [
    tp('online', 'marketing', '2026-05-01T10:00:00+08:00'),
    tp('offline', 'marketing', '2026-05-01T02:00:00Z'),
    tp('online', 'transaction', '2026-05-01T10:05:00+08:00'),
    tp('offline', 'experience', '2026-05-01T12:00:00+08:00'),
  ];
  assert.deepEqual(classify({ touchpoints: twoFirstTouches }), {
    result: 'ambiguous',
    reason: 'simultaneous_touchpoints',
    candidates: ['online_to_offline', 'offline_to_online_to_offline'],
    touchpoints: [0, 1],
  });
  // A store visit at the very instant of the online purchase: a try before it (flow 3) or a
  // redemption after it (flow 1)?
  const sameInstant = [
    tp('online', 'marketing', '2026-05-01T10:00:00+08:00'),
    tp('online', 'transaction', '2026-05-01T10:05:00+08:00'),
    tp('offline', 'experience', '2026-05-01T10:05:00+08:00'),
  ];
  assert.deepEqual(classify({ touchpoints: sameInstant }), {
    result: 'ambiguous',
    reason: 'simultaneous_touchpoints',
    candidates: ['online_to_offline', 'online_to_offline_to_online'],
    touchpoints: [1, 2],
  });
});

// --- definitions -----------------------------------------------------------------------------

test('each flow as data: steps, roles, lifecycle', () => {
  const definitions = FLOWS.map((flow) => flowDefinition({ flow }));
  assert.deepEqual(definitions.map((d) => d.flow), FLOWS);
  assert.deepEqual(definitions.map((d) => d.lifecycle), ['voucher', 'bound_store_order', 'showroom_order', 'store_order']);
  assert.deepEqual(definitions.map((d) => d.roles), [
    ['platform', 'marketing', 'payment_processor', 'merchant', 'store'],
    ['store', 'store_staff', 'platform', 'merchant', 'logistics'],
    ['platform', 'marketing', 'store', 'merchant', 'logistics'],
    ['store', 'platform', 'payment_processor', 'merchant'],
  ]);
  // Where the customer is won, and that every flow takes the money online.
  assert.deepEqual(definitions.map((d) => d.steps[0].channel), ['online', 'offline', 'online', 'offline']);
  for (const d of definitions) {
    assert.deepEqual(d.steps.find((s) => s.part === 'transaction'), { part: 'transaction', channel: 'online', stages: ['transaction'], required: true });
  }
  // Flow 3's offline experience comes before the purchase; its consumption is optional and in
  // either channel (no channel property at all).
  assert.deepEqual(definitions[2].steps.map((s) => [s.part, s.required]), [
    ['first_touch', true],
    ['experience', true],
    ['transaction', true],
    ['consumption', false],
  ]);
  assert.equal('channel' in definitions[2].steps[3], false);
  // Flow 2 is consumed in either channel, flow 4 only by an offline experience.
  assert.deepEqual(definitions[1].steps[2], { part: 'consumption', stages: ['experience', 'fulfilment'], required: true });
  assert.deepEqual(definitions[3].steps[2], { part: 'consumption', channel: 'offline', stages: ['experience'], required: true });
  assert.deepEqual(call('flow.definition', { flow: 'online_to_offline' }), definitions[0]);
});

// --- errors ----------------------------------------------------------------------------------

test('journey errors are O2OErrors with the category flow', () => {
  const err = throwsCode(
    () => classify({ touchpoints: [tp('online', 'marketing', '2026-05-01T10:00:00+08:00', { party: { role: 'marketing_channel', party_id: '' } })] }),
    'invalid_journey',
    'flow',
  );
  assert.match(err.message, /touchpoints\[0\]\.party\.party_id/);
  const repeated = throwsCode(
    () => classify({ touchpoints: [tp('online', 'marketing', '2026-05-01T10:00:00+08:00', { id: 't1' }), tp('online', 'transaction', '2026-05-01T10:05:00+08:00', { id: 't1' })] }),
    'invalid_journey',
    'flow',
  );
  assert.match(repeated.message, /touchpoints\[1\]\.id/);
  throwsCode(() => classify({ touchpoints: [tp('online', 'marketing', '2026-05-01T10:00:00+08:00', { kind: ' ' })] }), 'invalid_journey', 'flow');
  // An empty role name is refused while decoding, as everywhere a Role is read.
  throwsCode(() => classify({ touchpoints: [tp('online', 'marketing', '2026-05-01T10:00:00+08:00', { party: { role: ' ', party_id: 'x' } })] }), 'invalid_json', 'input');
  const tooLong = Array.from({ length: 10_001 }, () => tp('online', 'marketing', '2026-05-01T10:00:00+08:00'));
  throwsCode(() => classify({ touchpoints: tooLong }), 'invalid_journey', 'flow');
  assert.equal(classify({ touchpoints: tooLong.slice(1) }).result, 'incomplete');
  // Wire-level mistakes stay in the input category; a Date is refused rather than converted.
  throwsCode(() => classify({ touchpoints: [tp('online', 'marketing', new Date('2026-05-01T02:00:00Z'))] }), 'invalid_json', 'input');
  throwsCode(() => classify({ touchpoints: [tp('web', 'marketing', '2026-05-01T10:00:00+08:00')] }), 'invalid_json', 'input');
  throwsCode(() => classify({ touchpoints: [tp('online', 'browse', '2026-05-01T10:00:00+08:00')] }), 'invalid_json', 'input');
  throwsCode(() => classify({ touchpoints: [tp('online', 'marketing', '2026-05-01 10:00')] }), 'invalid_json', 'input');
  throwsCode(() => classify([]), 'invalid_json', 'input');
  throwsCode(() => flowDefinition({ flow: 'offline_only' }), 'invalid_json', 'input');
  throwsCode(() => flowDefinition({ flow: 1 }), 'invalid_json', 'input');
});

test('classify and flowDefinition are on every entry point', async () => {
  const cjs = require('o2okit');
  assert.equal(cjs.classify, classify);
  assert.equal(cjs.flowDefinition, flowDefinition);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  assert.deepEqual(web.classify({ touchpoints: EXAMPLES[0].touchpoints }), classify({ touchpoints: EXAMPLES[0].touchpoints }));
  assert.deepEqual(web.flowDefinition({ flow: 'offline_to_online' }), flowDefinition({ flow: 'offline_to_online' }));
});
