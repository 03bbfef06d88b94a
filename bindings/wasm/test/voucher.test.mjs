// Voucher codes through the typed JS API: the README's code for serial 42, batches equal to
// single issues, verification (valid, expired at the instant, mismatch for another store, deal
// or key, bad check digit), codes recomputed independently with node's own HMAC-SHA256, serials
// as JS numbers (exact up to 15 digits; anything beyond Number.MAX_SAFE_INTEGER rejected, never
// rounded), and the voucher errors as O2OError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { call, issueCode, issueCodes, O2OError, verifyCode } from 'o2okit';
import { throwsCode } from './support/errors.mjs';

const require = createRequire(import.meta.url);

// The README's key: the bytes 0, 1, …, 31 as hex.
const KEY = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const SCOPE = { store_id: 'S1', deal_id: 'hotpot-for-2', expires_at: '2026-04-01T00:00:00+08:00' };
const NOW = '2026-03-15T12:00:00+08:00';
const CODE_42 = '000000424805447021344';


// --- an independent reference: node's HMAC-SHA256 over the documented message -----------------
//
// tag "o2okit-voucher-v1", digits, serial_digits, store and deal ids (0x00, or 0x01 + u32 BE
// length + UTF-8), expiry (0x00, or 0x01 + i64 BE Unix seconds + u32 BE nanoseconds), serial
// u64 BE; the MAC truncated as in HOTP but 8 bytes wide with the top bit cleared; the last
// `digits` decimal digits; a Damm or Luhn check digit over serial and MAC digits.

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];
const damm = (digits) => [...digits].reduce((interim, d) => DAMM[interim][Number(d)], 0);
function luhn(digits) {
  let total = 0;
  [...digits].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    total += d;
  });
  return (10 - (total % 10)) % 10;
}

function field(id) {
  if (id === undefined || id === null) return Buffer.from([0]);
  const bytes = Buffer.from(id, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([Buffer.from([1]), len, bytes]);
}

function referenceCode(key, { digits = 12, serial_digits = 8, check = 'damm' } = {}, scope = {}, serial) {
  const expiry = Buffer.alloc(13);
  if (scope.expires_at) {
    expiry[0] = 1;
    expiry.writeBigInt64BE(BigInt(Date.parse(scope.expires_at) / 1000), 1); // whole seconds here
  }
  const tail = Buffer.alloc(8);
  tail.writeBigUInt64BE(BigInt(serial));
  const message = Buffer.concat([
    Buffer.from('o2okit-voucher-v1', 'ascii'),
    Buffer.from([digits, serial_digits]),
    field(scope.store_id),
    field(scope.deal_id),
    scope.expires_at ? expiry : Buffer.from([0]),
    tail,
  ]);
  const mac = createHmac('sha256', Buffer.from(key, 'hex')).update(message).digest();
  const offset = mac[31] & 0x0f;
  const value = mac.readBigUInt64BE(offset) & 0x7fff_ffff_ffff_ffffn;
  const body = String(serial).padStart(serial_digits, '0') + String(value % 10n ** BigInt(digits)).padStart(digits, '0');
  if (check === 'damm') return body + damm(body);
  if (check === 'luhn') return body + luhn(body);
  assert.equal(check, 'none', 'the reference does Damm, Luhn and none');
  return body;
}

// --- issuing ---------------------------------------------------------------------------------

test("the README's code: serial 42 for store S1, deal hotpot-for-2, expiring 2026-04-01 in Shanghai", () => {
  const issued = issueCode({ key: KEY, serial: 42, scope: SCOPE });
  assert.deepEqual(issued, { serial: 42, code: CODE_42 });
  // Serial (8 digits) · MAC digits (12) · Damm check digit.
  assert.deepEqual([issued.code.slice(0, 8), issued.code.slice(8, 20), issued.code.slice(20)], ['00000042', '480544702134', '4']);
  assert.equal(damm(issued.code), 0, 'a Damm-checked number has interim digit 0');
  assert.equal(referenceCode(KEY, {}, SCOPE, 42), CODE_42);
  // The golden vector and the wire-level call say the same; the default spec may be spelled out.
  const vector = JSON.parse(readFileSync(new URL('../../../testdata/vectors/vouchers.json', import.meta.url), 'utf8')).cases.find(
    (c) => c.name === 'voucher-issue-scoped-default-spec',
  );
  assert.deepEqual(vector.input, { key: KEY, serial: 42, scope: SCOPE });
  assert.deepEqual(vector.expected, issued);
  assert.deepEqual(call('voucher.issue', { key: KEY, serial: 42, scope: SCOPE }), issued);
  assert.deepEqual(issueCode({ key: KEY, serial: 42, scope: SCOPE, spec: { digits: 12, serial_digits: 8, check: 'damm' } }), issued);
  assert.deepEqual(issueCode({ key: KEY, serial: 42, scope: SCOPE, spec: {} }), issued);
  // Hex in either case is the same key; the expiry's offset does not matter, only its instant.
  assert.deepEqual(issueCode({ key: KEY.toUpperCase(), serial: 42, scope: SCOPE }), issued);
  assert.deepEqual(issueCode({ key: KEY, serial: 42, scope: { ...SCOPE, expires_at: '2026-03-31T16:00:00Z' } }), issued);
});

test('the scope is bound into the code: another store, deal, expiry or none gives another code', () => {
  const codes = [
    SCOPE,
    { ...SCOPE, store_id: 'S2' },
    { ...SCOPE, deal_id: 'hotpot-for-4' },
    { ...SCOPE, expires_at: '2026-04-01T00:00:01+08:00' },
    {},
    { store_id: '门店-上海-01' },
  ].map((scope) => issueCode({ key: KEY, serial: 42, scope }).code);
  assert.equal(new Set(codes).size, codes.length);
  assert.deepEqual([codes[1], codes[4]], ['000000428064873466992', '000000427500369728831']);
  // Ids are bound as UTF-8 bytes: node's HMAC over the same bytes agrees.
  assert.equal(codes[5], referenceCode(KEY, {}, { store_id: '门店-上海-01' }, 42));
  // An absent scope is the empty one; nulls mean absent.
  assert.equal(issueCode({ key: KEY, serial: 42 }).code, codes[4]);
  assert.equal(issueCode({ key: KEY, serial: 42, scope: { store_id: null, deal_id: null, expires_at: null } }).code, codes[4]);
});

test('issueCodes gives the codes of issueCode one by one, in serial order, and node:crypto agrees', () => {
  const spec = { digits: 8, serial_digits: 6, check: 'luhn' };
  const batch = issueCodes({ key: KEY, first_serial: 100, count: 3, spec });
  assert.deepEqual(batch, [
    { serial: 100, code: '000100750423335' },
    { serial: 101, code: '000101381758297' },
    { serial: 102, code: '000102077628638' },
  ]);
  for (const c of batch) {
    assert.deepEqual(issueCode({ key: KEY, serial: c.serial, spec }), c);
    assert.equal(luhn(c.code.slice(0, -1)), Number(c.code.at(-1)));
  }
  // 1,000 default codes for the README's scope, each recomputed with node's HMAC-SHA256.
  const many = issueCodes({ key: KEY, first_serial: 99_999_000, count: 1000, scope: SCOPE });
  assert.equal(many.length, 1000);
  many.forEach((c, i) => {
    assert.equal(c.serial, 99_999_000 + i);
    assert.equal(c.code, referenceCode(KEY, {}, SCOPE, c.serial));
  });
  assert.deepEqual(issueCodes({ key: KEY, first_serial: 5, count: 0 }), []);
  // A six-digit code without a check digit, and the largest serial of a 1-digit spec.
  assert.deepEqual(issueCode({ key: KEY, serial: 7, spec: { digits: 6, serial_digits: 1, check: 'none' } }), { serial: 7, code: '7204343' });
  assert.equal(referenceCode(KEY, { digits: 6, serial_digits: 1, check: 'none' }, {}, 9), issueCode({ key: KEY, serial: 9, spec: { digits: 6, serial_digits: 1, check: 'none' } }).code);
});

// --- verifying -------------------------------------------------------------------------------

const verify = (code, extra = {}) => verifyCode({ key: KEY, code, scope: SCOPE, now: NOW, ...extra });

test('a genuine code is valid with its serial, however it is grouped', () => {
  assert.deepEqual(verify(CODE_42), { valid: true, serial: 42 });
  assert.deepEqual(verify('00000042 4805 4470 2134 4'), { valid: true, serial: 42 });
  assert.deepEqual(verify('00000042-480544-702134-4'), { valid: true, serial: 42 });
  assert.deepEqual(call('voucher.verify', { key: KEY, code: CODE_42, scope: SCOPE, now: NOW }), { valid: true, serial: 42 });
});

test('expired at the instant of expires_at, valid one second before, whatever the offset of now', () => {
  assert.deepEqual(verify(CODE_42, { now: '2026-03-31T23:59:59+08:00' }), { valid: true, serial: 42 });
  assert.deepEqual(verify(CODE_42, { now: '2026-04-01T00:00:00+08:00' }), { valid: false, serial: 42, reason: 'expired' });
  assert.deepEqual(verify(CODE_42, { now: '2026-03-31T16:00:00Z' }), { valid: false, serial: 42, reason: 'expired' });
  assert.deepEqual(verify(CODE_42, { now: '2026-03-31T15:59:59Z' }), { valid: true, serial: 42 });
});

test('another store, deal, expiry or key is a mismatch, like a forged code, and names no serial', () => {
  const mismatch = { valid: false, reason: 'mismatch' };
  assert.deepEqual(verify(CODE_42, { scope: { ...SCOPE, store_id: 'S2' } }), mismatch);
  assert.deepEqual(verify(CODE_42, { scope: { ...SCOPE, deal_id: 'hotpot-for-4' } }), mismatch);
  assert.deepEqual(verify(CODE_42, { scope: { ...SCOPE, expires_at: '2026-05-01T00:00:00+08:00' } }), mismatch);
  assert.deepEqual(verify(CODE_42, { scope: {} }), mismatch);
  assert.deepEqual(verify(CODE_42, { key: 'ff'.repeat(16) }), mismatch);
  // Serial 43 with 42's MAC digits and a recomputed (valid) check digit: a forgery.
  const forged = `00000043480544702134`;
  assert.deepEqual(verify(forged + damm(forged)), mismatch);
});

test('a single wrong digit or a swap fails the check digit before the MAC is looked at', () => {
  const badCheck = { valid: false, reason: 'bad_check_digit' };
  assert.deepEqual(verify('000000424805447021374'), badCheck);
  // Damm catches every single-digit error and every adjacent transposition.
  for (let i = 0; i < CODE_42.length; i++) {
    const digit = Number(CODE_42[i]);
    const typo = CODE_42.slice(0, i) + ((digit + 1) % 10) + CODE_42.slice(i + 1);
    assert.deepEqual(verify(typo), badCheck, `digit ${i} changed`);
    if (i + 1 < CODE_42.length && CODE_42[i] !== CODE_42[i + 1]) {
      const swapped = CODE_42.slice(0, i) + CODE_42[i + 1] + CODE_42[i] + CODE_42.slice(i + 2);
      assert.deepEqual(verify(swapped), badCheck, `digits ${i} and ${i + 1} swapped`);
    }
  }
  // Even a wrong check digit on a code for another store is reported as a typo first.
  assert.deepEqual(verify('000000424805447021345', { scope: { store_id: 'S2' } }), badCheck);
});

// --- serials are JS numbers ------------------------------------------------------------------

test('serials are exact JS numbers up to 15 digits; beyond MAX_SAFE_INTEGER they are rejected, never rounded', () => {
  const wide = { digits: 18, serial_digits: 15, check: 'damm' };
  const top = 999_999_999_999_999; // 10^15 − 1 < Number.MAX_SAFE_INTEGER
  const issued = issueCode({ key: KEY, serial: top, spec: wide });
  assert.equal(issued.serial, top);
  assert.ok(Number.isSafeInteger(issued.serial));
  assert.equal(issued.code.slice(0, 15), String(top));
  assert.equal(issued.code, referenceCode(KEY, wide, {}, top));
  assert.deepEqual(verifyCode({ key: KEY, code: issued.code, spec: wide, now: NOW }), { valid: true, serial: top });
  assert.deepEqual(issueCodes({ key: KEY, first_serial: top - 1, count: 2, spec: wide }).map((c) => c.serial), [top - 1, top]);
  // 10^15 needs 16 digits, more than any spec has.
  throwsCode(() => issueCode({ key: KEY, serial: 1e15, spec: wide }), 'invalid_voucher_spec', 'voucher');
  throwsCode(() => issueCodes({ key: KEY, first_serial: top, count: 2, spec: wide }), 'invalid_voucher_spec', 'voucher');
  throwsCode(() => issueCode({ key: KEY, serial: 1, spec: { serial_digits: 16 } }), 'invalid_voucher_spec', 'voucher');
  // A JS number beyond MAX_SAFE_INTEGER may already have been rounded (2^53 + 1 is 2^53 here):
  // it is at least 2^53 > 10^15, so the core refuses it as too wide, whatever the spec.
  for (const serial of [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 60]) {
    const err = throwsCode(() => issueCode({ key: KEY, serial, spec: wide }), 'invalid_voucher_spec', 'voucher');
    assert.match(err.message, /does not fit in 15 serial digits/);
    throwsCode(() => issueCodes({ key: KEY, first_serial: serial, count: 1, spec: wide }), 'invalid_voucher_spec', 'voucher');
  }
  throwsCode(() => issueCodes({ key: KEY, first_serial: 0, count: Number.MAX_SAFE_INTEGER + 2 }), 'invalid_voucher_spec', 'voucher');
  // From 2^64 on, JSON carries a number serde does not read as a u64; fractions and negatives
  // are not serials either; a bigint is refused before the core, like anywhere in the input.
  throwsCode(() => issueCode({ key: KEY, serial: 2 ** 64 }), 'invalid_json', 'input');
  throwsCode(() => issueCode({ key: KEY, serial: 42.5 }), 'invalid_json', 'input');
  throwsCode(() => issueCode({ key: KEY, serial: -1 }), 'invalid_json', 'input');
  throwsCode(() => issueCode({ key: KEY, serial: '42' }), 'invalid_json', 'input');
  const big = throwsCode(() => issueCode({ key: KEY, serial: 42n }), 'invalid_decimal', 'money');
  assert.match(big.message, /bigint/);
});

// --- errors ----------------------------------------------------------------------------------

test('voucher errors are O2OErrors with the category voucher', () => {
  throwsCode(() => issueCode({ key: '00'.repeat(15), serial: 1 }), 'invalid_voucher_key', 'voucher');
  throwsCode(() => issueCode({ key: 'z'.repeat(32), serial: 1 }), 'invalid_voucher_key', 'voucher');
  throwsCode(() => issueCode({ key: KEY.slice(1), serial: 1 }), 'invalid_voucher_key', 'voucher');
  throwsCode(() => issueCode({ key: KEY, serial: 1, spec: { digits: 5 } }), 'invalid_voucher_spec', 'voucher');
  throwsCode(() => issueCode({ key: KEY, serial: 1, spec: { digits: 19 } }), 'invalid_voucher_spec', 'voucher');
  throwsCode(() => issueCode({ key: KEY, serial: 100_000_000 }), 'invalid_voucher_spec', 'voucher');
  throwsCode(() => issueCodes({ key: KEY, first_serial: 0, count: 100_001 }), 'invalid_voucher_spec', 'voucher');
  throwsCode(() => issueCode({ key: KEY, serial: 1, scope: { store_id: '' } }), 'invalid_voucher_scope', 'voucher');
  throwsCode(() => issueCode({ key: KEY, serial: 1, scope: { deal_id: 'x'.repeat(257) } }), 'invalid_voucher_scope', 'voucher');
  // A malformed code is an error; its message never repeats the code.
  for (const code of ['12345', '00000042480544702134x', `${CODE_42}0`, '']) {
    const err = throwsCode(() => verify(code), 'invalid_voucher_code', 'voucher');
    if (code.length > 4) assert.equal(err.message.includes(code), false, 'the code is not echoed');
  }
  // The same key and scope checks apply when verifying.
  throwsCode(() => verify(CODE_42, { key: 'abc' }), 'invalid_voucher_key', 'voucher');
  throwsCode(() => verify(CODE_42, { scope: { store_id: '' } }), 'invalid_voucher_scope', 'voucher');
  // Wire-level mistakes stay in the input category; a Date is refused rather than converted.
  throwsCode(() => verify(CODE_42, { now: new Date('2026-03-15T04:00:00Z') }), 'invalid_json', 'input');
  throwsCode(() => issueCode({ key: KEY, serial: 1, scope: { expires_at: new Date('2026-04-01') } }), 'invalid_json', 'input');
  throwsCode(() => issueCode({ key: KEY, serial: 1, spec: { check: 'crc32' } }), 'invalid_json', 'input');
  throwsCode(() => issueCode({ key: KEY, serial: 1, scope: { store: 'S1' } }), 'invalid_json', 'input');
  throwsCode(() => verifyCode({ key: KEY, code: CODE_42 }), 'invalid_json', 'input');
});

test('the voucher functions are on every entry point', async () => {
  const cjs = require('o2okit');
  assert.equal(cjs.issueCode, issueCode);
  assert.equal(cjs.issueCodes, issueCodes);
  assert.equal(cjs.verifyCode, verifyCode);
  const web = await import('../js/web.mjs');
  await web.init(readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url)));
  assert.deepEqual(web.issueCode({ key: KEY, serial: 42, scope: SCOPE }), { serial: 42, code: CODE_42 });
  assert.deepEqual(web.issueCodes({ key: KEY, first_serial: 42, count: 1, scope: SCOPE }), [{ serial: 42, code: CODE_42 }]);
  assert.deepEqual(web.verifyCode({ key: KEY, code: CODE_42, scope: SCOPE, now: NOW }), { valid: true, serial: 42 });
});
