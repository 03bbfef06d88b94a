// Order intake and price parity through the typed JS API: a marketplace order normalized
// (commission, platform subsidy, rider fee), its resubmission detected as a duplicate and a
// conflicting one refused; a till receipt with a weighed item; reconciliation; parity with
// amount and percent tolerances at their edges; bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { addMoney, call, normalize, O2OError, priceParity, split } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;


// --- a marketplace order ---------------------------------------------------------------------

// 2 × 50.00 + 6.00 = 106.00 at list price; the shop's own 10.00 off; the platform's 5.00
// subsidy; 4.00 to the platform's riders: the customer pays 106 − 10 − 5 + 4 = 95.00.
const payload = {
  platform: 'mt',
  platform_order_id: '9001',
  shop_id: 's-3',
  buyer_id: 'b-5',
  address: 'Room 5, 88 Road',
  ordered_at: '2026-05-04T12:10:00+08:00',
  items: [
    { item_code: 'set-a', quantity: 2, list_price: cny('50.00') },
    { item_code: 'drink', quantity: 1, list_price: cny('6.00') },
  ],
  merchant_discount: cny('10.00'),
  platform_subsidy: cny('5.00'),
  delivery: { by: 'platform_rider', fee: cny('4.00') },
  user_paid: cny('95.00'),
  commission: { rate: '18' },
};

test('a marketplace order becomes one canonical order with its fees', () => {
  const intake = normalize({ source: 'marketplace', payload });
  assert.equal(intake.status, 'new');
  assert.match(intake.fingerprint, UUID_V5);
  const order = intake.order;
  assert.match(order.id, UUID_V5);
  assert.deepEqual(
    [order.source, order.scope, order.external_id, order.channel, order.store_id, order.placed_at, order.currency],
    ['marketplace', 'mt', '9001', 'online_delivery', 's-3', '2026-05-04T12:10:00+08:00', 'CNY'],
  );
  assert.deepEqual(order.customer, { id: 'b-5', address: 'Room 5, 88 Road' });
  assert.deepEqual(order.lines.map((l) => [l.id, l.product_id, l.unit_price.amount, l.quantity]), [
    ['1', 'set-a', '50.00', '2'],
    ['2', 'drink', '6.00', '1'],
  ]);
  assert.deepEqual([order.subtotal, order.delivery_fee, order.paid], [cny('106.00'), cny('4.00'), cny('95.00')]);
  assert.deepEqual(order.discounts, [
    { promotion_id: 'merchant_discount', amount: cny('10.00'), funded_by: { role: 'merchant' }, on: 'goods' },
    { promotion_id: 'platform_subsidy', amount: cny('5.00'), funded_by: { role: 'platform', party_id: 'mt' }, on: 'goods' },
  ]);
  // The commission is 18% of the goods after the shop's own discount (the platform's subsidy
  // counts as paid): 18% of 96.00 = 17.28. The riders' fee goes to the platform as logistics.
  assert.deepEqual(order.fees, [
    { id: 'commission', party: { role: 'platform', party_id: 'mt' }, amount: cny('17.28'), base: 'goods', percent: '18' },
    { id: 'platform_delivery', party: { role: 'logistics', party_id: 'mt' }, amount: cny('4.00'), base: 'delivery_fee' },
  ]);
  assert.deepEqual(order.parties, [{ role: 'store', party_id: 's-3' }]);
  // Deterministic: the same submission gets the same id and fingerprint, here and in the vectors.
  assert.deepEqual(normalize({ source: 'marketplace', payload }), intake);
  assert.deepEqual(call('order.normalize', { source: 'marketplace', payload }), intake);
  const vectors = JSON.parse(readFileSync(new URL('../../../testdata/vectors/intake.json', import.meta.url), 'utf8')).cases;
  assert.deepEqual(intake, vectors.find((c) => c.name === 'intake-marketplace-commission-subsidy-and-rider').expected);
});

test('a resubmission is a duplicate; the same external id with other content is refused', () => {
  const first = normalize({ source: 'marketplace', payload });
  const seen = [
    { id: '4ffa8d51-265c-5d03-bfe8-70195f348b85', fingerprint: '00000000-0000-0000-0000-000000000000' },
    { id: first.order.id, fingerprint: first.fingerprint },
  ];
  const again = normalize({ source: 'marketplace', payload: { ...payload }, seen });
  assert.equal(again.status, 'duplicate');
  assert.deepEqual({ ...again, status: 'new' }, first);
  // Key order in the payload does not matter: the fingerprint is of the canonical order.
  const reordered = Object.fromEntries(Object.entries(payload).reverse());
  assert.equal(normalize({ source: 'marketplace', payload: reordered, seen }).status, 'duplicate');
  // The platform changed the amounts of order 9001: not a retry, a conflict.
  const changed = { ...payload, items: [payload.items[0]], user_paid: cny('89.00') };
  const err = throwsCode(() => normalize({ source: 'marketplace', payload: changed, seen }), 'conflicting_duplicate', 'intake');
  assert.match(err.message, new RegExp(first.order.id));
  // Without what was seen, it is simply a new order with the same id and another fingerprint.
  const fresh = normalize({ source: 'marketplace', payload: changed });
  assert.equal(fresh.order.id, first.order.id);
  assert.notEqual(fresh.fingerprint, first.fingerprint);
  // The same order number from another platform is another order.
  const other = normalize({ source: 'marketplace', payload: { ...payload, platform: 'eleme' }, seen });
  assert.equal(other.status, 'new');
  assert.notEqual(other.order.id, first.order.id);
});

test('the canonical order splits with the source fees as fixed rules, adding up to what was paid', () => {
  const { order } = normalize({ source: 'marketplace', payload });
  const ledger = split(
    { id: order.id, at: order.placed_at, paid: order.paid, delivery_fee: order.delivery_fee, discounts: order.discounts, parties: order.parties },
    {
      rules: order.fees.map((fee) => ({ id: fee.id, to: fee.party, base: fee.base, pay: { type: 'fixed', amount: fee.amount } })),
      remainder: { role: 'merchant', party_id: 'shop' },
    },
  );
  // The merchant's own discount is a price reduction; the platform's subsidy is charged to it.
  assert.deepEqual(
    ledger.lines.map((l) => [l.kind, l.role, l.party_id, l.amount.amount]),
    [
      ['rule', 'platform', 'mt', '17.28'],
      ['rule', 'logistics', 'mt', '4.00'],
      ['remainder', 'merchant', 'shop', '78.72'],
      ['subsidy', 'platform', 'mt', '-5.00'],
    ],
  );
  assert.deepEqual(ledger.gross, cny('100.00'));
  assert.deepEqual(ledger.lines.map((l) => l.amount).reduce((a, b) => addMoney(a, b)), order.paid);
});

test('a till receipt: a weighed item, a till discount and the change', () => {
  const receipt = {
    receipt_no: 'R-0042',
    store_id: 's-1',
    cashier_id: 'c-7',
    rung_at: '2026-05-01T12:00:00+08:00',
    member_id: 'm-88',
    items: [
      { sku: 'tea', qty: 2, price: cny('8.00') },
      { sku: 'apples', qty: '0.350', price: cny('12.90') },
    ],
    till_discount: cny('0.52'),
    tender: { method: 'cash', received: cny('50.00'), change: cny('30.00') },
  };
  const { order } = normalize({ source: 'store_counter', payload: receipt });
  // 16.00 + 0.35 × 12.90 (4.515 → 4.52 half-even) = 20.52; less 0.52 = 20.00 = 50.00 − 30.00.
  assert.deepEqual([order.subtotal, order.paid, order.channel, order.scope, order.payment_method], [cny('20.52'), cny('20.00'), 'in_store', 's-1', 'cash']);
  assert.deepEqual(order.lines.map((l) => l.quantity), ['2', '0.35']);
  assert.deepEqual(order.parties, [{ role: 'store', party_id: 's-1' }, { role: 'store_staff', party_id: 'c-7' }]);
  assert.equal(normalize({ source: 'store_counter', payload: { ...receipt, dine_in: true } }).order.channel, 'dine_in');
  // Receipt numbers are unique per store: the same number in another store is another order.
  assert.notEqual(normalize({ source: 'store_counter', payload: { ...receipt, store_id: 's-2' } }).order.id, order.id);
  // Amounts must reconcile to the cent.
  const err = throwsCode(() => normalize({ source: 'store_counter', payload: { ...receipt, till_discount: cny('0.51') } }), 'amounts_do_not_reconcile', 'intake');
  assert.match(err.message, /20\.00/);
});

test('intake errors carry the intake category', () => {
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, user_paid: cny('94.00') } }), 'amounts_do_not_reconcile', 'intake');
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, items: [] } }), 'invalid_source_order', 'intake');
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, platform_order_id: '' } }), 'invalid_source_order', 'intake');
  // A delivery needs an address (a marketplace order may leave it to the platform).
  const phoneCall = { call_id: 'c-1', store_id: 's-1', caller_phone: '13800000000', taken_by: 'wang', called_at: '2026-05-01T18:00:00+08:00', fulfilment: 'delivery', items: [{ product_id: 'dumplings', qty: 2, unit_price: cny('18.00') }], amount_due: cny('36.00') };
  throwsCode(() => normalize({ source: 'phone', payload: phoneCall }), 'invalid_source_order', 'intake');
  assert.deepEqual(normalize({ source: 'phone', payload: { ...phoneCall, address_text: '5 Garden Lane' } }).order.customer, { phone: '13800000000', address: '5 Garden Lane' });
  assert.equal(normalize({ source: 'marketplace', payload: { ...payload, address: undefined } }).order.channel, 'online_delivery');
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, delivery: { by: 'pickup', fee: cny('4.00') } } }), 'invalid_source_order', 'intake');
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, user_paid: { amount: '95.00', currency: 'USD' } } }), 'currency_mismatch', 'currency');
  // A payload of another source does not decode.
  throwsCode(() => normalize({ source: 'phone', payload }), 'invalid_json', 'input');
  throwsCode(() => normalize({ source: 'kiosk', payload }), 'invalid_json', 'input');
});

test('money is a string and times are RFC 3339 strings', () => {
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, user_paid: { amount: 95, currency: 'CNY' } } }), 'number_for_money', 'money');
  throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, commission: { rate: 0.18 } } }), 'invalid_decimal');
  const err = throwsCode(() => normalize({ source: 'marketplace', payload: { ...payload, ordered_at: new Date() } }), 'invalid_json', 'input');
  assert.match(err.message, /"ordered_at"/);
});

// --- price parity ------------------------------------------------------------------------------

const tv = (channel, price, store_id) => ({ product_id: 'tv-55', channel, price: cny(price), ...(store_id ? { store_id } : {}) });

test('parity: deviations from the online price, higher and lower, in amount and percent', () => {
  const report = priceParity({
    reference: 'online_delivery',
    observations: [tv('online_delivery', '2999.00'), tv('in_store', '3199.00', 'nj-1'), tv('in_store', '2899.00', 'nj-2'), tv('online_pickup', '2999.00')],
  });
  assert.deepEqual([report.observations, report.products_at_parity, report.products_deviating], [4, 0, 1]);
  const [p] = report.products;
  assert.deepEqual([p.min, p.max, p.spread, p.reference, p.reference_basis, p.at_parity, p.matching], [
    cny('2899.00'),
    cny('3199.00'),
    cny('300.00'),
    cny('2999.00'),
    'channel',
    false,
    [0, 3],
  ]);
  // 200 / 2999 = 6.668…% → 6.67; −100 / 2999 = −3.334…% → −3.33.
  assert.deepEqual(p.deviations.map((d) => [d.index, d.store_id, d.difference.amount, d.percent, d.direction]), [
    [1, 'nj-1', '200.00', '6.67', 'higher'],
    [2, 'nj-2', '-100.00', '-3.33', 'lower'],
  ]);
  assert.deepEqual(call('price.parity', { reference: 'online_delivery', observations: [tv('online_delivery', '2999.00')] }).products[0].at_parity, true);
});

test('tolerances are inclusive: exactly at the edge is at parity, one cent beyond is not', () => {
  const check = (observations, tolerance) => priceParity({ observations, tolerance }).products[0];
  const atAmount = check([tv('online_delivery', '10.00'), tv('online_delivery', '10.00'), tv('in_store', '10.50')], { amount: cny('0.50') });
  assert.equal(atAmount.at_parity, true);
  assert.equal('deviations' in atAmount, false);
  const overAmount = check([tv('online_delivery', '10.00'), tv('online_delivery', '10.00'), tv('in_store', '10.51')], { amount: cny('0.50') });
  assert.deepEqual(overAmount.deviations.map((d) => d.index), [2]);
  // 5% of 2999.00 is 149.95.
  const atPercent = check([tv('online_delivery', '2999.00'), tv('online_delivery', '2999.00'), tv('in_store', '3148.95')], { percent: '5' });
  assert.equal(atPercent.at_parity, true);
  const overPercent = check([tv('online_delivery', '2999.00'), tv('online_delivery', '2999.00'), tv('in_store', '3148.96')], { percent: 5 });
  assert.deepEqual(overPercent.deviations.map((d) => [d.difference.amount, d.direction]), [['149.96', 'higher']]);
});

test('currencies are reported separately; a tie for the reference goes to the lower price', () => {
  const report = priceParity({
    observations: [tv('in_store', '10.00'), { product_id: 'tv-55', channel: 'in_store', price: { amount: '1.50', currency: 'USD' } }, tv('online_delivery', '9.00')],
  });
  assert.deepEqual(report.products.map((p) => [p.currency, p.count, p.reference.amount, p.reference_basis]), [
    ['CNY', 2, '9.00', 'all_observations'],
    ['USD', 1, '1.50', 'all_observations'],
  ]);
  assert.deepEqual(priceParity({ observations: [] }), { observations: 0, products_at_parity: 0, products_deviating: 0, products: [] });
});

test('parity errors carry the intake category; money is a string', () => {
  throwsCode(() => priceParity({ observations: [tv('in_store', '10.00')], tolerance: { amount: cny('-0.01') } }), 'invalid_parity_check', 'intake');
  throwsCode(() => priceParity({ observations: [tv('in_store', '10.00')], tolerance: { percent: '-1' } }), 'invalid_parity_check', 'intake');
  throwsCode(() => priceParity({ observations: [{ ...tv('in_store', '10.00'), product_id: '' }] }), 'invalid_parity_check', 'intake');
  throwsCode(() => priceParity({ observations: [tv('in_store', '10.00')], tolerance: { amount: { amount: '0.50', currency: 'USD' } } }), 'currency_mismatch', 'currency');
  throwsCode(() => priceParity({ observations: [{ ...tv('in_store', '10.00'), price: { amount: 10, currency: 'CNY' } }] }), 'number_for_money', 'money');
  throwsCode(() => priceParity({ observations: [tv('in_store', '10.00')], tolerance: { amount: cny('0.50'), percent: '2' } }), 'invalid_json', 'input');
});

test('normalize and priceParity are on every entry point', async () => {
  const cjs = require('o2okit');
  assert.equal(cjs.normalize, normalize);
  assert.equal(cjs.priceParity, priceParity);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  assert.deepEqual(web.normalize({ source: 'marketplace', payload }), normalize({ source: 'marketplace', payload }));
  assert.equal(typeof web.priceParity, 'function');
});
