// Time `allocate` of 1234.56 CNY over five weights: the npm package `o2okit` (WebAssembly)
// against dinero.js (v2, pure JS). Not a test: run it with `node bench/bench_allocate.mjs`
// after build.sh and `npm ci`. Optional argument: iterations per round (default 50000).
//
// The two libraries hand out leftover units differently: o2okit by largest remainder
// (ties to the earlier party), dinero.js by largest ratio. The weights 49:30:11:6:4 are
// chosen so that both rules give the same parts (two leftover cents), and that is checked
// before timing.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { allocate as dineroAllocate, CNY, dinero, toDecimal } from 'dinero.js';

import { allocate, version } from 'o2okit';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');

const ITERATIONS = Number(process.argv[2] ?? 50000);
const ROUNDS = 5;
const WEIGHTS = [49, 30, 11, 6, 4];

const request = { total: { amount: '1234.56', currency: 'CNY' }, weights: WEIGHTS.map(String) };
const requestJson = JSON.stringify(request);
const total = dinero({ amount: 123456, currency: CNY });

// Same answer from both before anything is timed.
const ours = allocate(request).parts.map((p) => p.amount.amount);
const theirs = dineroAllocate(total, WEIGHTS).map((d) => toDecimal(d));
assert.deepEqual(ours, theirs, 'o2okit and dinero.js disagree');
assert.deepEqual(ours, ['604.94', '370.37', '135.80', '74.07', '49.38']);

let sink = 0;
function time(label, fn) {
  for (let i = 0; i < Math.min(ITERATIONS, 5000); i++) sink += fn() ? 1 : 0; // warm-up
  const perCall = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) sink += fn() ? 1 : 0;
    const ns = Number(process.hrtime.bigint() - start);
    perCall.push(ns / ITERATIONS / 1000);
  }
  perCall.sort((a, b) => a - b);
  const median = perCall[Math.floor(ROUNDS / 2)];
  console.log(`${label.padEnd(44)} ${median.toFixed(3).padStart(8)} µs/call  (median of ${ROUNDS} x ${ITERATIONS})`);
  return median;
}

console.log(`node ${process.version}, o2okit ${version()}, dinero.js 2; 1234.56 CNY over ${WEIGHTS.join(':')}`);
const o2o = time('o2okit allocate (typed JS API)', () => allocate(request));
const raw = time('o2okit wasm call (JSON string in and out)', () => wasm.call('allocate', requestJson));
const din = time('dinero.js allocate', () => dineroAllocate(total, WEIGHTS));
const dinDec = time('dinero.js allocate + toDecimal of each part', () =>
  dineroAllocate(total, WEIGHTS).map((d) => toDecimal(d)),
);
console.log(`ratio o2okit / dinero.js: ${(o2o / din).toFixed(2)}x (typed API), ${(o2o / dinDec).toFixed(2)}x (against allocate + toDecimal)`);
console.log(`JSON encode/decode share of the o2okit call: ${(((o2o - raw) / o2o) * 100).toFixed(0)}%`);
if (sink < 0) console.log(sink);
