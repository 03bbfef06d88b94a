// Smoke test run by build.sh right after wasm-opt: the optimized modules must still load
// and compute, through every entry point (CommonJS, Node ESM, browser ESM).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { strict as assert } from 'node:assert';

const require = createRequire(import.meta.url);
const request = { total: { amount: '99.99', currency: 'CNY' }, weights: ['75', '25'] };
const amounts = (allocation) => allocation.parts.map((p) => p.amount.amount);

const cjs = require('../js/node.cjs');
assert.deepEqual(amounts(cjs.allocate(request)), ['74.99', '25.00']);
assert.throws(() => cjs.parseMoney(12.5, 'CNY'), { code: 'number_for_money' });
// 第二件半价 in a Shanghai happy hour: the promotions engine and the tz database survived wasm-opt.
const q = cjs.quote({
  cart: { lines: [{ id: 'a', product_id: 'latte', unit_price: { amount: '30.00', currency: 'CNY' }, quantity: '3' }] },
  promotions: [
    {
      id: 'second-half',
      discount: { type: 'nth_item', n: 2, percent: '50' },
      funded_by: { role: 'merchant' },
      conditions: { schedule: { time_zone: 'Asia/Shanghai', slots: [{ start: '14:00', end: '17:00' }] } },
    },
  ],
  context: { now: '2026-11-22T07:00:00Z', channel: 'in_store' },
});
assert.equal(q.total.amount, '75.00');
// Group-buy: a ladder of 1+ 100.00 and 2+ 80.00 closing with two paid members refunds 20.00.
const ladder = {
  id: 'smoke',
  deadline: '2026-12-01T00:00:00+08:00',
  kind: {
    type: 'ladder',
    tiers: [
      { min_participants: 1, price: { amount: '100.00', currency: 'CNY' } },
      { min_participants: 2, price: { amount: '80.00', currency: 'CNY' } },
    ],
  },
};
const log = ['a', 'b'].flatMap((c, i) => [
  { at: '2026-11-22T10:00:00+08:00', event: { type: 'join', key: `j${c}`, customer_id: c } },
  { at: '2026-11-22T10:00:00+08:00', event: { type: 'payment_confirmed', key: `p${c}`, participation_id: `p${i + 1}` } },
]);
const replay = cjs.groupbuyReplay(ladder, [...log, { at: '2026-12-01T00:00:00+08:00', event: { type: 'tick' } }]);
assert.deepEqual(replay.effects.filter((e) => e.type === 'refund_difference').map((e) => e.amount.amount), ['20.00']);
assert.throws(() => cjs.groupbuyReplay(ladder, [log[1]]), (e) => e.code === 'unknown_participation' && e.details.event_index === 0);
// Revenue split: the 100.00 waterfall leaves 84.40 to the merchant; time decay (integer maths)
// credits a 10.00 pool over two touches one half-life apart 6.67 / 3.33.
const cny = (amount) => ({ amount, currency: 'CNY' });
const ledger = cjs.split(
  { id: 'o-1', at: '2026-11-22T12:00:00+08:00', paid: cny('100.00') },
  {
    rules: [
      { id: 'processor', to: { role: 'payment_processor', party_id: 'wxpay' }, base: 'customer_paid', pay: { type: 'percent', percent: '0.6' } },
      { id: 'platform', to: { role: 'platform', party_id: 'mall' }, base: 'gross_paid', pay: { type: 'percent', percent: '8' } },
      { id: 'delivery', to: { role: 'logistics', party_id: 'rider-co' }, base: 'gross_paid', pay: { type: 'fixed', amount: cny('5.00') } },
      { id: 'channel', to: { role: 'marketing', party_id: 'douyin' }, base: 'gross_paid', pay: { type: 'percent', percent: '2' } },
    ],
    parties: [{ role: 'merchant', party_id: 'noodle-house' }],
  },
);
assert.deepEqual(ledger.lines.map((l) => l.amount.amount), ['0.60', '8.00', '5.00', '2.00', '84.40']);
const decay = cjs.attribute({
  pool: cny('10.00'),
  journey: [
    { channel: 'douyin', party_id: 'kol', at: '2026-11-15T12:00:00+08:00' },
    { channel: 'store_qr', party_id: 'li', at: '2026-11-22T12:00:00+08:00' },
  ],
  converted_at: '2026-11-22T12:00:00+08:00',
  model: { type: 'time_decay' },
});
assert.deepEqual(decay.shares.map((s) => s.amount.amount), ['3.33', '6.67']);

// Store assignment (geo polygons, libm haversine), membership and intake (uuid v5 / SHA-1):
// the new domains survived wasm-opt too.
const square = [
  { lat: 31.2304, lng: 121.4637 },
  { lat: 31.2304, lng: 121.4837 },
  { lat: 31.2504, lng: 121.4837 },
];
const assigned = cjs.assign({
  order: { location: { lat: 31.2304, lng: 121.4737 }, items: [{ product_id: 'milk', quantity: 1 }] },
  stores: [
    { id: 'edge', location: { lat: 31.2404, lng: 121.4737 }, area: { type: 'polygons', polygons: [square] } },
    { id: 'near', location: { lat: 31.2376, lng: 121.4737 }, area: { type: 'radius', radius_m: 3000 }, stock: { milk: 0 } },
  ],
  now: '2026-03-02T10:00:00+08:00',
});
assert.deepEqual(assigned.chosen.map((c) => [c.store_id, c.distance_m]), [['edge', 1112]]);
const card = cjs.cardReplay({
  card: { id: 'c1', currency: 'CNY' },
  rules: { bonus_tiers: [{ min_top_up: cny('100.00'), bonus: cny('20.00') }] },
  events: [
    { at: '2026-03-01T10:00:00+08:00', event: { type: 'top_up', amount: cny('100.00') } },
    { at: '2026-03-02T10:00:00+08:00', event: { type: 'spend', order_id: 'o1', amount: cny('60.00') } },
  ],
});
assert.deepEqual([card.card.principal.amount, card.card.bonus.amount], ['50.00', '10.00']);
const phoneOrder = {
  source: 'phone',
  payload: {
    call_id: 'c-1',
    store_id: 's-1',
    caller_phone: '13800000000',
    taken_by: 'wang',
    called_at: '2026-05-01T18:00:00+08:00',
    fulfilment: 'pickup',
    items: [{ product_id: 'dumplings', qty: 2, unit_price: cny('18.00') }],
    amount_due: cny('36.00'),
  },
};
const intake = cjs.normalize(phoneOrder);
assert.match(intake.order.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
assert.equal(cjs.normalize({ ...phoneOrder, seen: [{ id: intake.order.id, fingerprint: intake.fingerprint }] }).status, 'duplicate');

// Voucher codes (HMAC-SHA256 via RustCrypto) and flow classification survived wasm-opt too.
const key = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const scope = { store_id: 'S1', deal_id: 'hotpot-for-2', expires_at: '2026-04-01T00:00:00+08:00' };
assert.equal(cjs.issueCode({ key, serial: 42, scope }).code, '000000424805447021344');
assert.deepEqual(cjs.verifyCode({ key, code: '00000042 4805 4470 2134 4', scope, now: '2026-03-15T12:00:00+08:00' }), { valid: true, serial: 42 });
const journey = {
  touchpoints: [
    { channel: 'offline', stage: 'marketing', at: '2026-05-02T15:40:00+08:00' },
    { channel: 'online', stage: 'transaction', at: '2026-05-02T21:05:00+08:00' },
    { channel: 'offline', stage: 'fulfilment', at: '2026-05-03T10:30:00+08:00' },
  ],
};
assert.equal(cjs.classify(journey).flow, 'offline_to_online');

const esm = await import('../js/node.mjs');
assert.deepEqual(amounts(esm.allocate(request)), ['74.99', '25.00']);

const web = await import('../js/web.mjs');
await web.default(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
assert.deepEqual(amounts(web.allocate(request)), ['74.99', '25.00']);
assert.throws(() => web.currency('XYZ'), { code: 'unknown_currency' });

// The storefront build (o2okit/storefront), when built (O2OKIT_STOREFRONT=1): the same quote
// and allocation through every entry point, and a function it does not have answers not_in_build.
const storefrontBuilt = existsSync(new URL('../pkg/storefront/web/o2okit_wasm_bg.wasm', import.meta.url));
if (storefrontBuilt) {
  const sf = require('../js/storefront/node.cjs');
  assert.deepEqual(amounts(sf.allocate(request)), ['74.99', '25.00']);
  assert.equal(sf.quote({ cart: { lines: [{ id: 'a', product_id: 'latte', unit_price: { amount: '30.00', currency: 'CNY' }, quantity: '3' }] },
    promotions: [{ id: 'second-half', discount: { type: 'nth_item', n: 2, percent: '50' }, funded_by: { role: 'merchant' },
      conditions: { schedule: { time_zone: 'Asia/Shanghai', slots: [{ start: '14:00', end: '17:00' }] } } }],
    context: { now: '2026-11-22T07:00:00Z', channel: 'in_store' } }).total.amount, '75.00');
  assert.deepEqual(sf.verifyCode({ key, code: '00000042 4805 4470 2134 4', scope, now: '2026-03-15T12:00:00+08:00' }), { valid: true, serial: 42 });
  assert.throws(() => sf.call('split', {}), { code: 'not_in_build' });
  const sfEsm = await import('../js/storefront/node.mjs');
  assert.deepEqual(amounts(sfEsm.allocate(request)), ['74.99', '25.00']);
  const sfWeb = await import('../js/storefront/web.mjs');
  await sfWeb.default(readFileSync(new URL('../pkg/storefront/web/o2okit_wasm_bg.wasm', import.meta.url)));
  assert.deepEqual(amounts(sfWeb.allocate(request)), ['74.99', '25.00']);
  assert.throws(() => sfWeb.call('store.assign', {}), { code: 'not_in_build' });

}

console.log(`smoke test passed (o2okit ${cjs.version()}, ${storefrontBuilt ? 'both builds' : 'the full build'})`);
