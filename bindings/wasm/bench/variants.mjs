// Speed of the module at several optimisation levels, in one run (alternating rounds):
//     node bench/variants.mjs DIR...      (each DIR from tools/build-variant.sh LEVEL DIR;
//                                          `pkg` stands for the published build in pkg/node)
// For each: the typed quote of bench/quote_request.mjs, the raw module call, and the batch
// allocate per allocation against dinero.js; and the gzipped size.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

import { allocate as dineroAllocate, CNY, dinero } from 'dinero.js';

import { QUOTE_REQUEST } from './quote_request.mjs';

const require = createRequire(import.meta.url);
const dirs = process.argv.slice(2).map((d) => (d === 'pkg' ? resolve(new URL('../pkg/node', import.meta.url).pathname) : resolve(d)));
const ROUNDS = 7;
const variants = dirs.map((dir) => {
  const wasm = require(`${dir}/o2okit_wasm.js`);
  const { createApi } = require(dir.endsWith('pkg/node') ? `${dir}/api.cjs` : `${dir}/api.cjs`);
  const api = createApi({ call: wasm.call, callBytes: wasm.callBytes, version: wasm.version, reset: wasm.__wbg_reset_state });
  const gz = spawnSync('gzip', ['-9', '-c', `${dir}/o2okit_wasm_bg.wasm`]).stdout.length;
  return { dir, wasm, api, gz };
});
const bytes = new TextEncoder().encode(JSON.stringify(QUOTE_REQUEST));
const request = { total: { amount: '1234.56', currency: 'CNY' }, weights: ['49', '30', '11', '6', '4'] };
const batch = Array.from({ length: 1000 }, () => request);
const total = dinero({ amount: 123456, currency: CNY });

let sink = 0;
function time(fn, n) {
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += fn() ? 1 : 0;
  return Number(process.hrtime.bigint() - s) / n / 1000;
}
const cases = [
  ['dinero.js allocate', null, () => dineroAllocate(total, [49, 30, 11, 6, 4]), 20000, 1],
  ...variants.flatMap((v) => [
    [`${v.dir}: quote typed`, v, () => v.api.quote(QUOTE_REQUEST), 300, 1],
    [`${v.dir}: quote raw (callBytes)`, v, () => v.wasm.callBytes('quote', bytes), 300, 1],
    [`${v.dir}: allocate typed`, v, () => v.api.allocate(request), 5000, 1],
    [`${v.dir}: allocateBatch amounts /alloc`, v, () => v.api.allocateBatch(batch, 'amounts'), 5, 1000],
  ]),
];
for (const [, , fn, n] of cases) time(fn, Math.ceil(n / 10));
const results = cases.map(() => []);
for (let r = 0; r < ROUNDS; r++) cases.forEach(([, , fn, n, per], k) => results[k].push(time(fn, n) / per));
for (const v of variants) console.log(`${v.dir}: ${v.gz} bytes gzipped (${(v.gz / 1024).toFixed(1)} KB)`);
cases.forEach(([label], k) => {
  const runs = results[k].sort((a, b) => a - b);
  console.log(`${label.padEnd(70)} ${runs[0].toFixed(2).padStart(9)} µs best, ${runs[3].toFixed(2).padStart(9)} median`);
});
if (sink < 0) console.log(sink);
