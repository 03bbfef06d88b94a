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

const esm = await import('../js/node.mjs');
assert.deepEqual(amounts(esm.allocate(request)), ['74.99', '25.00']);

const web = await import('../js/web.mjs');
await web.default(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
assert.deepEqual(amounts(web.allocate(request)), ['74.99', '25.00']);
assert.throws(() => web.currency('XYZ'), { code: 'unknown_currency' });

console.log(`smoke test passed (o2okit ${cjs.version()})`);
