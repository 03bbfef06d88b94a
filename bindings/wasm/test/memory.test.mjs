// 100,000 failing calls in a loop leave the WebAssembly memory bounded: an error is built,
// thrown to JS and dropped, and nothing of it stays in the module (no leaked buffers, no
// growing table of JS values). Measured on the published build (pkg/node): the memory after
// the loop is at most one 64 KiB page above what it was after a warm-up of 1,000 calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { allocate, call, O2OError, quote } from 'o2okit';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');

const cny = (amount) => ({ amount, currency: 'CNY' });
// A mix of failures: decoding (a JSON number for money, malformed JSON shape, an unknown
// function), domain errors of allocate and of quote.
const BAD = [
  () => allocate({ total: { amount: 12.5, currency: 'CNY' }, weights: ['1'] }),
  () => allocate({ total: cny('1.00'), weights: ['0'] }),
  () => allocate({ total: cny('1.00'), weights: ['1', '-1'], extra: true }),
  () => call('no.such.function', {}),
  () => quote({ cart: { lines: [{ id: 'a', product_id: 'a', unit_price: cny('1.00'), quantity: '-1' }] }, context: { now: '2026-11-22T10:00:00+08:00', channel: 'in_store' } }),
];

function failAll(n) {
  let codes = 0;
  for (let i = 0; i < n; i++) {
    try {
      BAD[i % BAD.length]();
    } catch (err) {
      if (err instanceof O2OError) codes += 1;
    }
  }
  return codes;
}

test('100,000 failing calls leave the wasm memory bounded', { timeout: 600_000 }, () => {
  assert.equal(failAll(1000), 1000);
  const before = wasm.memoryPages();
  assert.equal(failAll(100_000), 100_000);
  const after = wasm.memoryPages();
  console.log(`wasm memory: ${before * 64} KiB after 1,000 failing calls, ${after * 64} KiB after 100,000 more`);
  assert.ok(after - before <= 1, `the memory grew from ${before} to ${after} pages of 64 KiB`);
  // And the module still computes.
  assert.deepEqual(allocate({ total: cny('99.99'), weights: ['75', '25'] }).parts.map((p) => p.amount.amount), ['74.99', '25.00']);
});
