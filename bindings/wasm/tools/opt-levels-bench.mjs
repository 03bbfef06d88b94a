// Raw wasm `call` timing of one wasm-bindgen nodejs build (used by tools/opt-levels.sh): quote
// of the 20-line, 10-promotion cart of bench/bench_quote.mjs and allocate of 1234.56 CNY over
// five weights, JSON string in and out, no JS wrapper. Prints one line:
//   quote_us=<median µs> allocate_us=<median µs>
// Usage: node tools/opt-levels-bench.mjs path/to/o2okit_wasm.js [iterations]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const wasm = require(process.argv[2]);
const ITERATIONS = Number(process.argv[3] ?? 300);
const ROUNDS = 7;

// The quote request of bench/bench_quote.mjs, taken from its source so both stay the same.
const source = readFileSync(fileURLToPath(new URL('../bench/bench_quote.mjs', import.meta.url)), 'utf8');
const start = source.indexOf('const cny =');
const end = source.indexOf('const requestJson');
const quoteRequest = new Function(`${source.slice(start, end)}; return request;`)();
const quoteJson = JSON.stringify(quoteRequest);
const allocateJson = JSON.stringify({ total: { amount: '1234.56', currency: 'CNY' }, weights: ['49', '30', '11', '6', '4'] });

const q = JSON.parse(wasm.call('quote', quoteJson));
assert.equal(q.lines.length, 20);
const a = JSON.parse(wasm.call('allocate', allocateJson));
assert.deepEqual(a.parts.map((p) => p.amount.amount), ['604.94', '370.37', '135.80', '74.07', '49.38']);

function median(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 200); i++) fn();
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    runs.push(Number(process.hrtime.bigint() - t0) / iterations / 1000);
  }
  runs.sort((x, y) => x - y);
  return runs[Math.floor(ROUNDS / 2)];
}
const quoteUs = median(() => wasm.call('quote', quoteJson), ITERATIONS);
const allocateUs = median(() => wasm.call('allocate', allocateJson), ITERATIONS * 20);
console.log(`quote_us=${quoteUs.toFixed(1)} allocate_us=${allocateUs.toFixed(2)}`);
