// Store assignment through the typed JS API: the hand-computed A/B/C case (the nearest store
// that is open and has the stock, with every other store's reasons), polygons with the
// boundary rule, fee tiers by started kilometre, road distances, splitting, an order no store
// can take, and bad input (locations, stores, money as numbers, Dates).
//
// Distances are along the meridian through (31.2304, 121.4737): with the mean earth radius
// 6,371,008.8 m one degree of latitude is 111,194.93 m, so 0.0108° is 1,200.9 m → 1201 m.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { assign, call, O2OError } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const HERE = { lat: 31.2304, lng: 121.4737 };
const north = (degrees) => ({ lat: Number((HERE.lat + degrees).toFixed(6)), lng: HERE.lng });
const NOW = '2026-03-02T10:00:00+08:00'; // a Monday, 10:00 in Shanghai
const hours = (open, close) => ({ time_zone: 'Asia/Shanghai', weekly: [{ open, close }] });
const radius = (radius_m) => ({ type: 'radius', radius_m });
const fees = {
  base_distance_m: 3000,
  base_fee: cny('5.00'),
  base_eta_minutes: 30,
  per_km_fee: cny('1.00'),
  per_km_eta_minutes: 10,
};
const milk = (quantity) => ({ location: HERE, items: [{ product_id: 'milk', quantity }] });


// --- the hand-computed case: A at 1.2 km is chosen, B is out of stock, C is closed ----------

const A = { id: 'A', location: north(0.0108), area: radius(3000), hours: hours('08:00', '22:00'), stock: { milk: 5 } };
const B = { id: 'B', location: north(0.0072), area: radius(3000), hours: hours('08:00', '22:00'), stock: { milk: 0 } };
const C = { id: 'C', location: north(0.0225), area: radius(3000), hours: hours('07:00', '09:00'), stock: { milk: 9 } };
const abc = { order: milk(2), stores: [A, B, C], now: NOW, policy: { fees } };

test('A (1201 m, open, in stock) is chosen; B (801 m) is out of stock, C (2502 m) is closed', () => {
  const result = assign(abc);
  assert.equal(result.status, 'assigned');
  assert.deepEqual(result.chosen, [
    { store_id: 'A', distance_m: 1201, distance_source: 'haversine', fee: cny('5.00'), eta_minutes: 30, items: ['milk'] },
  ]);
  assert.deepEqual([result.fee, result.eta_minutes], [cny('5.00'), 30]);
  assert.deepEqual(result.passed_over, [
    { store_id: 'B', distance_m: 801, reasons: [{ code: 'out_of_stock', short: [{ product_id: 'milk', wanted: 2, available: 0 }] }] },
    // Closed at 10:00: the next opening is 07:00 the next morning, with the store's offset.
    { store_id: 'C', distance_m: 2502, reasons: [{ code: 'closed', next_open: '2026-03-03T07:00:00+08:00' }] },
  ]);
  // The golden vector and the CLI example say the same; so does the wire-level call.
  const vector = JSON.parse(readFileSync(new URL('../../../testdata/vectors/stores.json', import.meta.url), 'utf8')).cases.find(
    (c) => c.name === 'store-abc-nearest-open-in-stock',
  );
  assert.deepEqual(vector.input, abc);
  assert.deepEqual(result, vector.expected);
  assert.deepEqual(call('store.assign', abc), result);
  const example = JSON.parse(readFileSync(new URL('../../../examples/stores/assign.json', import.meta.url), 'utf8'));
  assert.deepEqual(assign(example).chosen.map((c) => c.store_id), ['A']);
});

test('restocked B is nearer and wins; A is then only farther', () => {
  const result = assign({ ...abc, stores: [A, { ...B, stock: { milk: 2 } }, C] });
  assert.deepEqual(result.chosen.map((c) => [c.store_id, c.distance_m]), [['B', 801]]);
  assert.deepEqual(
    result.passed_over.map((p) => [p.store_id, p.reasons.map((r) => r.code)]),
    [['A', ['farther']], ['C', ['closed']]],
  );
});

test('every reason of a store is listed, in the documented order', () => {
  const tired = { ...B, id: 'D', daily_capacity: 10, used_today: 10, hours: hours('07:00', '09:00') };
  const far = { ...A, id: 'E', location: north(0.1) };
  const result = assign({ order: { ...milk(2), subtotal: cny('10.00') }, stores: [tired, far], now: NOW, policy: { fees: { ...fees, min_order: cny('20.00') } } });
  assert.equal(result.status, 'unassigned');
  assert.deepEqual(result.chosen, []);
  assert.equal('fee' in result, false);
  const [d, e] = result.passed_over;
  assert.deepEqual(d.reasons.map((r) => r.code), ['closed', 'out_of_stock', 'at_capacity', 'below_minimum_order']);
  assert.deepEqual(d.reasons[2], { code: 'at_capacity', daily_capacity: 10, used_today: 10 });
  assert.deepEqual(d.reasons[3], { code: 'below_minimum_order', min_order: cny('20.00') });
  // Out of the area: no distance, and (under the default explain: all) its other checks still run.
  assert.equal('distance_m' in e, false);
  assert.deepEqual(e.reasons, [{ code: 'out_of_area' }, { code: 'below_minimum_order', min_order: cny('20.00') }]);
  // explain: nearby stops at out_of_area for a store that does not serve the address.
  const nearby = assign({ order: { ...milk(2), subtotal: cny('10.00') }, stores: [tired, far], now: NOW, policy: { explain: 'nearby' } });
  assert.deepEqual(nearby.passed_over[1].reasons, [{ code: 'out_of_area' }]);
});

test('an overnight interval belongs to the day it starts', () => {
  // Sunday 22:00 to Monday 02:00: open at 01:30 on Monday, closed at 02:00.
  const night = { id: 'N', location: north(0.0108), area: radius(3000), hours: { time_zone: 'Asia/Shanghai', weekly: [{ days: ['sun'], open: '22:00', close: '02:00' }] } };
  assert.equal(assign({ order: milk(1), stores: [night], now: '2026-03-02T01:30:00+08:00' }).status, 'assigned');
  const closed = assign({ order: milk(1), stores: [night], now: '2026-03-02T02:00:00+08:00' });
  assert.deepEqual(closed.passed_over[0].reasons, [{ code: 'closed', next_open: '2026-03-08T22:00:00+08:00' }]);
});

test('a polygon serves its edges and vertices, not a point just outside', () => {
  // A square of 0.02° around the address's longitude; the address lies on its southern edge.
  const square = [
    { lat: 31.2304, lng: 121.4637 },
    { lat: 31.2304, lng: 121.4837 },
    { lat: 31.2504, lng: 121.4837 },
    { lat: 31.2504, lng: 121.4637 },
  ];
  const store = { id: 'P', location: north(0.01), area: { type: 'polygons', polygons: [square] } };
  assert.equal(assign({ order: milk(1), stores: [store], now: NOW }).status, 'assigned');
  const vertex = { location: { lat: 31.2304, lng: 121.4637 }, items: [{ product_id: 'milk', quantity: 1 }] };
  assert.equal(assign({ order: vertex, stores: [store], now: NOW }).status, 'assigned');
  const outside = { location: { lat: 31.2303, lng: 121.4737 }, items: [{ product_id: 'milk', quantity: 1 }] };
  assert.deepEqual(assign({ order: outside, stores: [store], now: NOW }).passed_over[0].reasons, [{ code: 'out_of_area' }]);
});

test('fees: a started kilometre counts whole (4.2 km on a 3 km base is 7.00 and 50 min)', () => {
  const store = { id: 'F', location: north(0.0378), area: radius(5000), fees };
  const [chosen] = assign({ order: milk(1), stores: [store], now: NOW }).chosen;
  assert.equal(chosen.distance_m, 4203);
  assert.deepEqual([chosen.fee, chosen.eta_minutes], [cny('7.00'), 50]);
  // A road distance from the caller replaces the haversine one for ranking and fees.
  const road = assign({ order: milk(1), stores: [{ ...store, road: { distance_m: 6100, eta_minutes: 41 } }], now: NOW }).chosen[0];
  assert.deepEqual([road.distance_m, road.distance_source, road.fee, road.eta_minutes], [6100, 'road', cny('9.00'), 41]);
});

test('an order no single store can fill is split only under fewest_stores', () => {
  const order = { location: HERE, items: [{ product_id: 'milk', quantity: 1 }, { product_id: 'bread', quantity: 1 }] };
  const stores = [
    { id: 'M', location: north(0.005), area: radius(3000), stock: { milk: 3 } },
    { id: 'K', location: north(0.01), area: radius(3000), stock: { bread: 3 } },
  ];
  assert.equal(assign({ order, stores, now: NOW }).status, 'unassigned');
  const split = assign({ order, stores, now: NOW, policy: { split: 'fewest_stores' } });
  assert.equal(split.status, 'split');
  assert.deepEqual(split.chosen.map((c) => [c.store_id, c.items]), [['M', ['milk']], ['K', ['bread']]]);
  assert.deepEqual(split.passed_over, []);
});

test('ties at the same distance: input order by default, or the policy\'s tie-breaks', () => {
  const twin = (id, used_today) => ({ id, location: north(0.01), area: radius(3000), daily_capacity: 50, used_today });
  const stores = [twin('T1', 40), twin('T2', 10)];
  const byInput = assign({ order: milk(1), stores, now: NOW });
  assert.equal(byInput.chosen[0].store_id, 'T1');
  assert.deepEqual(byInput.passed_over[0].reasons, [{ code: 'tie_break', by: 'input_order' }]);
  const bySpare = assign({ order: milk(1), stores, now: NOW, policy: { tie_breaks: ['spare_capacity'] } });
  assert.equal(bySpare.chosen[0].store_id, 'T2');
  assert.deepEqual(bySpare.passed_over[0].reasons, [{ code: 'tie_break', by: 'spare_capacity' }]);
});

// --- errors ------------------------------------------------------------------------------------

test('store errors are real Errors with code and category "store"', () => {
  const bad = throwsCode(() => assign({ ...abc, order: { ...milk(1), location: { lat: 91, lng: 0 } } }), 'invalid_location', 'store');
  assert.match(bad.message, /lat/);
  throwsCode(() => assign({ ...abc, stores: [A, { ...B, id: 'A' }] }), 'invalid_store', 'store');
  throwsCode(() => assign({ ...abc, stores: [{ ...A, area: radius(0) }] }), 'invalid_store', 'store');
  throwsCode(() => assign({ ...abc, stores: [{ ...A, area: { type: 'polygons', polygons: [] } }] }), 'invalid_store', 'store');
  throwsCode(() => assign({ ...abc, order: milk(0) }), 'invalid_store', 'store');
  throwsCode(() => assign({ ...abc, stores: [{ ...A, hours: { time_zone: 'Mars/Olympus' } }] }), 'unknown_time_zone', 'promotion');
  throwsCode(() => assign({ ...abc, order: { ...milk(1), subtotal: { amount: '10.00', currency: 'USD' } } }), 'currency_mismatch', 'currency');
  // From the raw wasm export (a js_sys::Error) the same fields.
  const wasm = require('../pkg/node/o2okit_wasm.js');
  let raw;
  try {
    wasm.call('store.assign', JSON.stringify({ ...abc, order: { ...milk(1), location: { lat: 0, lng: 181 } } }));
  } catch (e) {
    raw = e;
  }
  assert.ok(raw instanceof Error);
  assert.deepEqual([raw.code, raw.category, raw.details.category], ['invalid_location', 'store', 'store']);
});

test('coordinates are numbers, money is a string, times are RFC 3339 strings', () => {
  throwsCode(() => assign({ ...abc, order: { ...milk(1), subtotal: { amount: 36, currency: 'CNY' } } }), 'number_for_money', 'money');
  throwsCode(() => assign({ ...abc, policy: { fees: { ...fees, base_fee: { amount: 5, currency: 'CNY' } } } }), 'number_for_money');
  throwsCode(() => assign({ ...abc, order: { ...milk(1), location: { lat: '31.2304', lng: 121.4737 } } }), 'invalid_json', 'input');
  throwsCode(() => assign({ ...abc, order: { ...milk(1), location: { lat: NaN, lng: 121.4737 } } }), 'invalid_decimal');
  const err = throwsCode(() => assign({ ...abc, now: new Date('2026-03-02T02:00:00Z') }), 'invalid_json', 'input');
  assert.match(err.message, /"now"/);
  throwsCode(() => assign({ ...abc, colour: 'red' }), 'invalid_json', 'input');
});

test('assign is on every entry point', async () => {
  const cjs = require('o2okit');
  assert.equal(cjs.assign, assign);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  assert.deepEqual(web.assign(abc), assign(abc));
});
