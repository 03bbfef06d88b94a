// The npm entry point `o2okit/storefront`: a smaller WebAssembly module built from the same core
// with fewer cargo features. It must compute exactly what the full build computes for every
// function it has (every golden vector of those functions, through both builds), have the time
// zones of its markets (the others name the full entry), and answer a function of the full build with the clear error `not_in_build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';

import * as full from 'o2okit';
import * as storefront from '../js/storefront/node.mjs';

import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);
const VECTORS = new URL('../../../testdata/vectors/', import.meta.url);

// What a shopping page needs: money, allocation, quote and coupons, group-buy, voucher codes
// (verify, check digits) and flow classification.
const STOREFRONT_FUNCTIONS = [
  'allocate',
  'currency',
  'money.parse',
  'money.add',
  'money.sub',
  'money.multiply',
  'money.round_to_step',
  'quote',
  'coupon.validate',
  'coupon.redeem',
  'coupon.rollback',
  'groupbuy.open',
  'groupbuy.step',
  'groupbuy.replay',
  'groupbuy.progress',
  'groupbuy.simulate',
  'voucher.issue',
  'voucher.issue_batch',
  'voucher.verify',
  'flow.classify',
  'flow.definition',
];

// The typed function of each storefront wire name.
const TYPED = {
  allocate: 'allocate',
  currency: 'currency',
  'money.parse': 'parseMoney',
  'money.add': 'addMoney',
  'money.sub': 'subtractMoney',
  'money.multiply': 'multiplyMoney',
  'money.round_to_step': 'roundToStep',
  quote: 'quote',
  'coupon.validate': 'validateCoupon',
  'coupon.redeem': 'redeemCoupon',
  'coupon.rollback': 'rollbackCoupon',
  'groupbuy.open': 'groupbuyOpen',
  'groupbuy.step': 'groupbuyStep',
  'groupbuy.replay': 'groupbuyReplay',
  'groupbuy.progress': 'groupbuyProgress',
  'groupbuy.simulate': 'groupbuySimulate',
  'voucher.issue': 'issueCode',
  'voucher.issue_batch': 'issueCodes',
  'voucher.verify': 'verifyCode',
  'flow.classify': 'classify',
  'flow.definition': 'flowDefinition',
};

function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (err) {
    return { code: err.code, category: err.category, message: err.message, details: err.details };
  }
}

test('the storefront lists its functions, a subset of the full build, the same in every entry', async () => {
  assert.deepEqual([...storefront.FUNCTIONS], STOREFRONT_FUNCTIONS);
  const cjs = require('o2okit/storefront');
  assert.deepEqual([...cjs.FUNCTIONS], STOREFRONT_FUNCTIONS);
  const wasm = require('../pkg/storefront/node/o2okit_wasm.js');
  assert.deepEqual(wasm.functions(), STOREFRONT_FUNCTIONS);
  const web = await import('../js/storefront/web.mjs');
  assert.deepEqual([...web.FUNCTIONS], STOREFRONT_FUNCTIONS);
  for (const name of STOREFRONT_FUNCTIONS) assert.ok(full.FUNCTIONS.includes(name), name);
  assert.ok(full.FUNCTIONS.length > STOREFRONT_FUNCTIONS.length);
  // The typed functions of the storefront, and only those, are exported.
  const typed = Object.values(TYPED).sort();
  const exported = Object.keys(storefront)
    .filter((k) => typeof storefront[k] === 'function' && !['call', 'version', 'init', 'initSync', 'default', 'O2OError'].includes(k))
    .sort();
  assert.deepEqual(exported, typed);
  assert.equal(storefront.split, undefined);
  assert.equal(storefront.version(), full.version());
  assert.deepEqual([...storefront.ERROR_CODES], [...full.ERROR_CODES]);
  assert.deepEqual([...storefront.ROUNDING_MODES], [...full.ROUNDING_MODES]);
  // One O2OError class for both entry points.
  assert.equal(storefront.O2OError, full.O2OError);
});

test('a function of the full build fails in the storefront with not_in_build, naming its feature and the full entry', () => {
  const missing = full.FUNCTIONS.filter((name) => !STOREFRONT_FUNCTIONS.includes(name));
  assert.ok(missing.includes('split') && missing.includes('store.assign') && missing.includes('store_order.step'));
  const features = new Map([
    ['split', 'split'],
    ['settle', 'split'],
    ['store.assign', 'stores'],
    ['card.replay', 'membership'],
    ['order.normalize', 'intake'],
    ['price.parity', 'intake'],
    ['voucher_order.step', 'lifecycles'],
    ['store_order.replay', 'lifecycles'],
  ]);
  for (const name of missing) {
    const err = throwsCode(() => storefront.call(name, {}), 'not_in_build', 'input');
    assert.ok(err.message.includes(JSON.stringify(name)), err.message);
    assert.match(err.message, /cargo feature "[a-z]+"/);
    assert.ok(err.message.includes('"o2okit"'), err.message);
    if (features.has(name)) assert.ok(err.message.includes(`cargo feature "${features.get(name)}"`), err.message);
    // The full build has it: the same empty input fails there on decoding, not on dispatch.
    assert.notEqual(outcome(() => full.call(name, {})).code, 'not_in_build');
  }
  // A name neither build knows is still unknown_function, listing the storefront's functions.
  const err = throwsCode(() => storefront.call('money.divide', {}), 'unknown_function', 'input');
  assert.ok(err.message.includes('flow.classify') && !err.message.includes('store.assign'), err.message);
});

test('every golden vector of a storefront function gives the same result in both builds', () => {
  let compared = 0;
  for (const file of readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()) {
    const { cases } = JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8'));
    for (const c of cases) {
      if (!STOREFRONT_FUNCTIONS.includes(c.function)) continue;
      const a = outcome(() => full.call(c.function, c.input));
      const b = outcome(() => storefront.call(c.function, c.input));
      if (b.code === 'unknown_time_zone') {
        // The storefront's message adds where the other zones are.
        assert.ok(b.message.startsWith(a.message) && b.message.includes('"o2okit"'), b.message);
        assert.equal(b.details.message, b.message);
        b.message = a.message;
        b.details = { ...b.details, message: a.message };
      }
      assert.deepEqual(b, a, `${file}: ${c.name}`);
      if (c.error !== undefined) assert.equal(b.code, c.error, `${file}: ${c.name}`);
      else assert.deepEqual(b.ok, c.expected, `${file}: ${c.name}`);
      compared += 1;
    }
  }
  assert.ok(compared >= 250, `only ${compared} vectors compared`);
});

test('the typed storefront functions are the full ones', () => {
  const cny = (amount) => ({ amount, currency: 'CNY' });
  assert.deepEqual(
    storefront.allocate({ total: cny('99.99'), weights: ['75', '25'] }),
    full.allocate({ total: cny('99.99'), weights: ['75', '25'] }),
  );
  assert.deepEqual(storefront.parseMoney('12.345', 'CNY', 'half_up'), full.parseMoney('12.345', 'CNY', 'half_up'));
  throwsCode(() => storefront.parseMoney(12.5, 'CNY'), 'number_for_money');
  const journey = {
    touchpoints: [
      { channel: 'online', stage: 'marketing', at: '2026-05-02T15:40:00+08:00' },
      { channel: 'online', stage: 'transaction', at: '2026-05-02T15:45:00+08:00' },
      { channel: 'offline', stage: 'fulfilment', at: '2026-05-03T10:30:00+08:00' },
    ],
  };
  assert.deepEqual(storefront.classify(journey), full.classify(journey));
  assert.equal(storefront.classify(journey).flow, 'online_to_offline');
});

// The storefront carries the zones of its markets (build.rs of the core: UTC, the Etc/ offsets,
// mainland China, Hong Kong, Macau, Taiwan); every zone the platform's Intl knows (about 400
// in Node 20) goes through a happy hour evaluated in that zone: a zone the storefront has gives
// the full build's quote, any other fails with unknown_time_zone pointing at the full entry.
const STOREFRONT_ZONES = [
  'UTC', 'GMT', 'Etc/UTC', 'Etc/GMT-8', 'Etc/GMT+5',
  'Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC', 'Asia/Urumqi', 'Asia/Kashgar',
  'Asia/Hong_Kong', 'Hongkong', 'Asia/Macau', 'Asia/Macao', 'Asia/Taipei', 'ROC',
];
test('the storefront has its markets\' time zones with the full build\'s offsets, and names the full entry for the others', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  assert.ok(zones.length > 300);
  const request = (zone, now) => ({
    cart: { lines: [{ id: 'a', product_id: 'latte', unit_price: { amount: '30.00', currency: 'CNY' }, quantity: '2' }] },
    promotions: [
      {
        id: 'happy-hour',
        discount: { type: 'percent_off_items', percent: '20' },
        funded_by: { role: 'merchant' },
        conditions: { schedule: { time_zone: zone, slots: [{ start: '14:00', end: '17:00' }] } },
      },
    ],
    context: { now, channel: 'in_store' },
  });
  const resolved = new Set();
  let elsewhere = 0;
  let happy = 0;
  let fullPrice = 0;
  for (const zone of new Set([...zones, ...STOREFRONT_ZONES, 'Europe/Paris', 'America/New_York'])) {
    for (const now of ['2026-01-15T06:30:00Z', '2026-07-15T15:30:00Z', '2026-03-29T01:30:00Z']) {
      const a = outcome(() => full.quote(request(zone, now)));
      const b = outcome(() => storefront.quote(request(zone, now)));
      if (b.code === 'unknown_time_zone' && a.code !== 'unknown_time_zone') {
        assert.ok(!STOREFRONT_ZONES.includes(zone), `${zone} missing from the storefront`);
        assert.ok(b.message.includes('the full entry point "o2okit"'), b.message);
        elsewhere += 1;
        continue;
      }
      assert.deepEqual(b, a, `${zone} at ${now}`);
      if (a.code === 'unknown_time_zone') continue;
      resolved.add(zone);
      if (a.ok.total.amount === '48.00') happy += 1;
      else if (a.ok.total.amount === '60.00') fullPrice += 1;
      else assert.fail(`${zone} at ${now}: ${a.ok.total.amount}`);
    }
  }
  for (const zone of STOREFRONT_ZONES) assert.ok(resolved.has(zone), zone);
  assert.ok(!resolved.has('Europe/Paris') && !resolved.has('America/New_York'));
  // 2026-01-15T06:30Z is 14:30 in Shanghai: inside the happy hour.
  assert.ok(happy >= 3 && fullPrice > 10, `${happy} happy hours, ${fullPrice} full prices`);
  assert.ok(elsewhere > 300 * 3, `${elsewhere / 3} zones only in the full build`);
  // The full build has every zone Intl knows (Intl may know a name the IANA database retired).
  const unknownInFull = zones.filter((zone) => outcome(() => full.quote(request(zone, '2026-01-15T06:30:00Z'))).code === 'unknown_time_zone');
  assert.ok(unknownInFull.length <= 5, `unknown in the full build: ${unknownInFull}`);
  throwsCode(() => storefront.quote(request('Mars/Olympus_Mons', '2026-01-15T06:30:00Z')), 'unknown_time_zone');
});
