// Replay 100,000 flow 4 store order lifecycles through storeOrderReplay, the shape of
// crates/o2okit/benches/store_order.rs and bindings/python/bench/bench_lifecycle.py: a WeChat
// mini-program order of 88.00 CNY eaten in the store (0.6% channel fee, 10% to the store, the
// rest to the merchant), 5 commands each: place, accept, ready, complete, settle.
//
// In the same run, alternating rounds of:
//   - storeOrderReplay({ policy, order_id, customer_id, commands }): typed calls (JSON.stringify
//     of the request, JSON.parse of the result);
//   - the baseline: the raw wasm export, wasm.call('store_order.replay', json) on JSON prebuilt
//     before timing (nothing stringified or parsed in JS).
// Prints lifecycles and events per second for each and the ratio. Not a test: run it with
// `node bench/store_order.mjs` after build.sh. Optional arguments: lifecycles (default
// 100000), rounds (default 3).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { storeOrderReplay, version } from 'o2okit';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');

const LIFECYCLES = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const EVENTS = 5;

const cny = (amount) => ({ amount, currency: 'CNY' });
const policy = {
  id: 'papa',
  flow: 'offline_to_online_to_offline',
  currency: 'CNY',
  plan: { rules: [{ id: 'store', to: { role: 'store' }, base: 'gross_paid', pay: { type: 'percent', percent: '10' } }], remainder: { role: 'merchant', party_id: 'papa-johns' } },
  channels: [{ id: 'wechat', kind: 'mini_program', fee: { type: 'percent', percent: '0.6' }, fee_to: { role: 'payment_processor', party_id: 'wxpay' } }],
  cancel_minutes: 5,
};
const START = Date.parse('2026-03-01T01:00:00Z');
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
function request(n) {
  const placed = START + (n % 86_400) * 1000;
  const at = (minutes) => iso(placed + minutes * 60_000);
  return {
    policy,
    order_id: `o-${n}`,
    customer_id: `c-${n}`,
    commands: [
      { at: at(0), command: { type: 'place', key: 'p', actor: 'customer', channel: 'wechat', amount: cny('88.00'), fulfilment: 'dine_in', store_id: `s-${n % 50}` } },
      { at: at(1), command: { type: 'accept', key: 'a', actor: 'staff' } },
      { at: at(15), command: { type: 'ready', key: 'r', actor: 'staff' } },
      { at: at(16), command: { type: 'complete', key: 'c', actor: 'staff' } },
      { at: at(660), command: { type: 'settle', key: 's', actor: 'platform' } },
    ],
  };
}

const requests = Array.from({ length: LIFECYCLES }, (_, n) => request(n));
const texts = requests.map((r) => JSON.stringify(r));

const first = storeOrderReplay(requests[0]);
assert.equal(first.state.status, 'closed');
assert.deepEqual(first.effects[2].ledger.lines.map((l) => [l.party_id, l.amount.amount]), [['wxpay', '0.53'], ['s-0', '8.80'], ['papa-johns', '78.67']]);
assert.deepEqual(JSON.parse(wasm.call('store_order.replay', texts[0])), first);

const best = { typed: Infinity, raw: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  let t0 = performance.now();
  for (const r of requests) storeOrderReplay(r);
  best.typed = Math.min(best.typed, (performance.now() - t0) / 1000);
  t0 = performance.now();
  for (const t of texts) wasm.call('store_order.replay', t);
  best.raw = Math.min(best.raw, (performance.now() - t0) / 1000);
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(`o2okit ${version()}, node ${process.version}: ${fmt(LIFECYCLES)} lifecycles x ${EVENTS} commands, best of ${ROUNDS}`);
for (const [name, label] of [['typed', 'storeOrderReplay(request)'], ['raw', "wasm.call('store_order.replay', json) baseline"]]) {
  console.log(`  ${label.padEnd(48)}: ${best[name].toFixed(2)} s  ${fmt(LIFECYCLES / best[name]).padStart(8)} lifecycles/s  ${fmt((LIFECYCLES * EVENTS) / best[name]).padStart(9)} events/s`);
}
console.log(`  ratio storeOrderReplay / raw call                : ${(best.typed / best.raw).toFixed(2)}x`);
