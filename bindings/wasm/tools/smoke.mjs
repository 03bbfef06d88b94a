// Smoke test run by build.sh right after wasm-opt: the optimized modules must still load
// and compute, through every entry point (CommonJS, Node ESM, browser ESM).
import { readFileSync } from 'node:fs';
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

const esm = await import('../js/node.mjs');
assert.deepEqual(amounts(esm.allocate(request)), ['74.99', '25.00']);

const web = await import('../js/web.mjs');
await web.default(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
assert.deepEqual(amounts(web.allocate(request)), ['74.99', '25.00']);
assert.throws(() => web.currency('XYZ'), { code: 'unknown_currency' });

console.log(`smoke test passed (o2okit ${cjs.version()})`);
