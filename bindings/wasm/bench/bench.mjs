// `npm run bench`: the npm package's headline figures, each beside its baseline in the same
// run (contenders timed in alternating rounds, so that a busy machine slows them alike; the
// best round of each is the figure, the median beside it):
//
// - `quote` of a 20-line delivery cart with 10 candidate promotions (item, order and delivery
//   kinds, a gift, four held coupons in two groups: the best-for-customer search runs),
//   through the typed API, beside where its time goes (the raw module call with the JSON
//   text in and out, JSON.stringify of the request, JSON.parse of the quote);
// - `allocate` of 1234.56 CNY over five weights: one typed call, and per allocation in the
//   batch form (`allocateBatch(requests, 'amounts')`, 1,000 per call), against dinero.js
//   `allocate` (pure JS; the weights give both libraries the same parts, checked first);
// - the gzipped size of each built `.wasm` (the full entry `o2okit`, and `o2okit/storefront`
//   once it is built).
//
// The last line is the one issue 16 names:
//     quote_us=<n> allocate_batch_vs_dinero=<ratio> storefront_kb=<n> full_kb=<n>
// Run after build.sh. Optional arguments: quote iterations per round (default 1000),
// allocate iterations per round (default 20000).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { allocate as dineroAllocate, CNY, dinero, toDecimal } from 'dinero.js';

import { allocate, allocateBatch, quote, version } from 'o2okit';

import { QUOTE_REQUEST } from './quote_request.mjs';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');
const QUOTE_ITERATIONS = Number(process.argv[2] ?? 1000);
const ALLOCATE_ITERATIONS = Number(process.argv[3] ?? 20000);
const ROUNDS = 7;

let sink = 0;
// Each contender: `fn` called `calls` times per round, doing `per` operations per call; the
// figure is µs per operation.
function timeAlternating(title, contenders) {
  console.log(`\n${title}`);
  for (const { fn, calls } of contenders) for (let i = 0; i < Math.max(1, Math.floor(calls / 10)); i++) sink += fn() ? 1 : 0; // warm-up
  const perOp = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    contenders.forEach(({ fn, calls, per = 1 }, k) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) sink += fn() ? 1 : 0;
      perOp[k].push(Number(process.hrtime.bigint() - start) / calls / per / 1000);
    });
  }
  return Object.fromEntries(
    contenders.map(({ key, label }, k) => {
      const runs = perOp[k].sort((x, y) => x - y);
      const best = runs[0];
      const median = runs[Math.floor(ROUNDS / 2)];
      console.log(`  ${label.padEnd(60)} ${best.toFixed(2).padStart(9)} µs best, ${median.toFixed(2).padStart(9)} median`);
      return [key, best];
    }),
  );
}

// ---- quote --------------------------------------------------------------------------------
const requestJson = JSON.stringify(QUOTE_REQUEST);
const requestBytes = new TextEncoder().encode(requestJson);
const q = quote(QUOTE_REQUEST);
const quoteJson = wasm.call('quote', requestJson);
assert.deepEqual(JSON.parse(quoteJson), q);
assert.equal(q.lines.length, 20);
assert.ok(q.discounts.length >= 5 && q.selection.candidates === 10, 'several promotions apply after a search');
console.log(
  `node ${process.version}, o2okit ${version()}; quote: 20 lines, 10 promotions: ${q.discounts.length} applied, ` +
    `${q.rejected.length} rejected; request ${requestJson.length} bytes, quote ${quoteJson.length} bytes of JSON`,
);
const calls = QUOTE_ITERATIONS;
const qt = timeAlternating(`quote (${ROUNDS} rounds of ${QUOTE_ITERATIONS} calls)`, [
  { key: 'typed', label: 'quote(request) (typed API)', fn: () => quote(QUOTE_REQUEST), calls },
  { key: 'bytes', label: "wasm.callBytes('quote', utf8) (JSON text in and out)", fn: () => wasm.callBytes('quote', requestBytes), calls },
  { key: 'str', label: "wasm.call('quote', string) (wasm-bindgen string passing)", fn: () => wasm.call('quote', requestJson), calls },
  { key: 'stringify', label: 'JSON.stringify(request)', fn: () => JSON.stringify(QUOTE_REQUEST), calls },
  { key: 'parse', label: 'JSON.parse(quote)', fn: () => JSON.parse(quoteJson), calls },
]);
console.log(
  `  where the typed call's time goes: the module (decode, quote, encode) ${pct(qt.bytes, qt.typed)}, ` +
    `JSON.parse of the quote ${pct(qt.parse, qt.typed)}, JSON.stringify and its checks ${pct(qt.typed - qt.bytes - qt.parse, qt.typed)}`,
);

// ---- allocate -----------------------------------------------------------------------------
const WEIGHTS = [49, 30, 11, 6, 4];
const request = { total: { amount: '1234.56', currency: 'CNY' }, weights: WEIGHTS.map(String) };
const total = dinero({ amount: 123456, currency: CNY });
const ours = allocate(request).parts.map((p) => p.amount.amount);
const theirs = dineroAllocate(total, WEIGHTS).map((d) => toDecimal(d));
assert.deepEqual(ours, theirs, 'o2okit and dinero.js disagree');
assert.deepEqual(ours, ['604.94', '370.37', '135.80', '74.07', '49.38']);
const BATCH = 1000;
const batch = Array.from({ length: BATCH }, () => request);
assert.deepEqual(allocateBatch(batch, 'amounts').results[BATCH - 1], { amounts: ours });
const n = ALLOCATE_ITERATIONS;
const at = timeAlternating(`allocate 1234.56 CNY over ${WEIGHTS.join(':')} (${ROUNDS} rounds of ${n} allocations)`, [
  { key: 'dinero', label: 'dinero.js allocate (baseline)', fn: () => dineroAllocate(total, WEIGHTS), calls: n },
  { key: 'dineroDec', label: 'dinero.js allocate + toDecimal of each part', fn: () => dineroAllocate(total, WEIGHTS).map((d) => toDecimal(d)), calls: n },
  { key: 'single', label: 'allocate(request) (typed API, one call each)', fn: () => allocate(request), calls: n },
  { key: 'batch', label: `allocateBatch(${BATCH} requests, 'amounts'), per allocation`, fn: () => allocateBatch(batch, 'amounts'), calls: Math.max(1, n / BATCH), per: BATCH },
  { key: 'batchFull', label: `allocateBatch(${BATCH} requests) (full), per allocation`, fn: () => allocateBatch(batch), calls: Math.max(1, n / BATCH), per: BATCH },
]);
console.log(
  `  single allocate: ${(at.single / at.dinero).toFixed(2)}x dinero.js allocate (${(at.single / at.dineroDec).toFixed(2)}x with toDecimal); ` +
    `batch form: ${(at.batch / at.dinero).toFixed(2)}x per allocation`,
);

// ---- sizes --------------------------------------------------------------------------------
// Gzipped as build.sh measures it (gzip -9), KB = 1,024 bytes.
function gzippedKb(path) {
  const file = fileURLToPath(new URL(path, import.meta.url));
  if (!existsSync(file)) return null;
  const gz = spawnSync('gzip', ['-9', '-c', file]);
  const bytes = gz.status === 0 ? gz.stdout.length : gzipSync(readFileSync(file), { level: 9 }).length;
  return bytes / 1024;
}
const full = gzippedKb('../pkg/web/o2okit_wasm_bg.wasm');
const storefront = gzippedKb('../pkg/storefront/web/o2okit_wasm_bg.wasm');
console.log(`\nsizes (gzip -9): full ${full === null ? 'not built' : `${full.toFixed(1)} KB`}, storefront ${storefront === null ? 'not built' : `${storefront.toFixed(1)} KB`}`);

if (sink < 0) console.log(sink);
const kb = (x) => (x === null ? 'none' : x.toFixed(1));
console.log(`quote_us=${qt.typed.toFixed(1)} allocate_batch_vs_dinero=${(at.batch / at.dinero).toFixed(2)} storefront_kb=${kb(storefront)} full_kb=${kb(full)}`);

function pct(part, whole) {
  return `${((part / whole) * 100).toFixed(0)}%`;
}
