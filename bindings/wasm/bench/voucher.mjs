// Issue 1,000,000 voucher codes through issueCodes in batches of 100,000 (the most one call
// issues) and verify 100,000 of them through verifyCode, the shape of
// crates/o2okit/benches/voucher.rs: the default spec (12 MAC digits, 8 serial digits, Damm),
// the README's key and scope (store S1, deal hotpot-for-2, an expiry).
//
// In the same run, alternating rounds of:
//   - issueCodes({ key, first_serial, count: 100000, scope }) × 10: typed calls (JSON.parse of
//     100,000 { serial, code } objects each);
//   - the raw wasm export: wasm.call('voucher.issue_batch', json) × 10 on JSON prebuilt before
//     timing (nothing parsed in JS);
//   - verifyCode({ key, code, scope, now }) once per code, 100,000 typed calls;
//   - the baseline: node's own HMAC-SHA256 (crypto.createHmac('sha256', key)) over the same
//     1,000,000 messages (the documented voucher message: tag, widths, scope, serial), digest
//     only: no truncation, no digits, no check digit, no JSON.
// Prints codes per second for each and the ratios. Not a test: run it with
// `node bench/voucher.mjs` after build.sh. Optional arguments: codes to issue (default
// 1000000, a multiple of 100000), codes to verify (default 100000), rounds (default 3).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

import { issueCode, issueCodes, verifyCode, version } from 'o2okit';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');

const ISSUE = Number(process.argv[2] ?? 1_000_000);
const VERIFY = Number(process.argv[3] ?? 100_000);
const ROUNDS = Number(process.argv[4] ?? 3);
const BATCH = 100_000;
assert.ok(ISSUE % BATCH === 0 && ISSUE > 0, `codes to issue must be a multiple of ${BATCH}`);
assert.ok(VERIFY <= ISSUE, 'verify at most the codes issued');

const key = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const scope = { store_id: 'S1', deal_id: 'hotpot-for-2', expires_at: '2026-04-01T00:00:00+08:00' };
const NOW = '2026-03-15T12:00:00+08:00';
const batches = Array.from({ length: ISSUE / BATCH }, (_, b) => ({ key, first_serial: b * BATCH, count: BATCH, scope }));
const batchJson = batches.map((request) => JSON.stringify(request));

// The voucher message of the default spec and this scope (see `voucher_message` in the core):
// the same prefix for every serial, then the serial as u64 big-endian.
function id(text) {
  const bytes = Buffer.from(text, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([Buffer.from([1]), len, bytes]);
}
const expiry = Buffer.alloc(13);
expiry[0] = 1;
expiry.writeBigInt64BE(BigInt(Date.parse(scope.expires_at) / 1000), 1);
const prefix = Buffer.concat([Buffer.from('o2okit-voucher-v1', 'ascii'), Buffer.from([12, 8]), id(scope.store_id), id(scope.deal_id), expiry]);
const message = Buffer.alloc(prefix.length + 8);
prefix.copy(message);
const keyBytes = Buffer.from(key, 'hex');
function hmac(serial) {
  message.writeBigUInt64BE(BigInt(serial), prefix.length);
  return createHmac('sha256', keyBytes).update(message).digest();
}

// Sanity before timing: the batch is the single codes; the baseline HMACs the very messages
// the codes come from (its truncation gives the codes' MAC digits); every code verifies.
const first = issueCodes({ ...batches[0], count: 1000 });
assert.deepEqual(first[42], issueCode({ key, serial: 42, scope }));
assert.equal(first[42].code, '000000424805447021344');
for (const c of first.slice(0, 100)) {
  const mac = hmac(c.serial);
  const value = mac.readBigUInt64BE(mac[31] & 0x0f) & 0x7fff_ffff_ffff_ffffn;
  assert.equal(c.code.slice(8, 20), String(value % 10n ** 12n).padStart(12, '0'));
  assert.deepEqual(verifyCode({ key, code: c.code, scope, now: NOW }), { valid: true, serial: c.serial });
}
assert.deepEqual(JSON.parse(wasm.call('voucher.issue_batch', JSON.stringify({ ...batches[0], count: 1000 }))), first);
const toVerify = issueCodes({ key, first_serial: 0, count: Math.min(VERIFY, BATCH), scope });
while (toVerify.length < VERIFY) toVerify.push(...issueCodes({ key, first_serial: toVerify.length, count: Math.min(VERIFY - toVerify.length, BATCH), scope }));
const codes = toVerify.map((c) => c.code);
console.log(
  `node ${process.version}, o2okit ${version()}; issue ${ISSUE.toLocaleString('en')} codes in batches of ${BATCH.toLocaleString('en')}, ` +
    `verify ${VERIFY.toLocaleString('en')}; default spec (21 digits), scoped; one batch is ${batchJson[0].length} bytes of JSON in, ` +
    `${wasm.call('voucher.issue_batch', batchJson[0]).length.toLocaleString('en')} out`,
);

let sink = 0;
const contenders = [
  {
    label: 'issueCodes, batches of 100,000 (typed)',
    count: ISSUE,
    run: () => {
      for (const request of batches) sink += issueCodes(request).length;
    },
  },
  {
    label: "wasm.call('voucher.issue_batch', json)",
    count: ISSUE,
    run: () => {
      for (const json of batchJson) sink += wasm.call('voucher.issue_batch', json).length;
    },
  },
  {
    label: 'verifyCode per code (typed)',
    count: VERIFY,
    run: () => {
      let valid = 0;
      for (const code of codes) if (verifyCode({ key, code, scope, now: NOW }).valid) valid++;
      assert.equal(valid, VERIFY);
      sink += valid;
    },
  },
  {
    label: "node crypto.createHmac('sha256') per message",
    count: ISSUE,
    run: () => {
      for (let serial = 0; serial < ISSUE; serial++) sink += hmac(serial)[31];
    },
  },
];
// Alternating rounds, so that a busy machine slows all alike; best and median reported.
const seconds = contenders.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  contenders.forEach(({ run }, k) => {
    const start = process.hrtime.bigint();
    run();
    seconds[k].push(Number(process.hrtime.bigint() - start) / 1e9);
  });
}
const rates = contenders.map(({ label, count }, k) => {
  const runs = seconds[k].sort((x, y) => x - y);
  const fastest = runs[0];
  const median = runs[Math.floor(runs.length / 2)];
  const rate = (s) => Math.round(count / s).toLocaleString('en').padStart(10);
  console.log(`${label.padEnd(46)} ${rate(fastest)} codes/s best, ${rate(median)} median (${fastest.toFixed(2)} s per ${count.toLocaleString('en')}, ${ROUNDS} rounds)`);
  return count / fastest;
});
const [issue, raw, verify, baseline] = rates;
// crates/o2okit/benches/voucher.rs on the shared 2-core machine (README, Voucher codes):
// issuing 3.7 M codes/s in batches, verifying 2.8 M/s, a bare HMAC-SHA256 6.0 M/s.
const RUST_BATCH = 3_700_000;
console.log(
  `ratios (rate): issueCodes / node HMAC ${(issue / baseline).toFixed(2)}x; verifyCode / node HMAC ${(verify / baseline).toFixed(2)}x; ` +
    `issueCodes / raw call ${(issue / raw).toFixed(2)}x (JSON.parse of the codes: ${((1 - issue / raw) * 100).toFixed(0)}% of the typed call's time); ` +
    `raw call / native Rust issue_codes (~${(RUST_BATCH / 1e6).toFixed(1)} M codes/s, no JSON): ${(raw / RUST_BATCH).toFixed(2)}x`,
);
if (sink < 0) console.log(sink);
