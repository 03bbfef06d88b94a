// The JS surface itself: numbers and bigints, errors, entry points, constants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as o2o from 'o2okit';
import init, {
  addMoney,
  allocate,
  call,
  currency,
  multiplyMoney,
  O2OError,
  parseMoney,
  roundToStep,
  subtractMoney,
} from 'o2okit';

const require = createRequire(import.meta.url);
const cny = (amount) => ({ amount, currency: 'CNY' });
const amounts = (allocation) => allocation.parts.map((p) => p.amount.amount);

function throwsCode(fn, code) {
  let caught;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected an error with code ${code}`);
  assert.ok(caught instanceof Error, 'a real Error');
  assert.ok(caught instanceof O2OError, 'an O2OError');
  assert.equal(caught.name, 'O2OError');
  assert.equal(caught.code, code, caught.message);
  return caught;
}

test('99.99 CNY split 75:25 is 74.99 / 25.00', () => {
  const split = allocate({ total: cny('99.99'), weights: ['75', '25'] });
  assert.deepEqual(amounts(split), ['74.99', '25.00']);
  assert.equal(split.leftover_units, 1);
  assert.deepEqual(split.parts.map((p) => p.extra_unit), [false, true]);
  assert.deepEqual(split.unit, cny('0.01'));
});

test('integer JS numbers are fine as weights, steps and factors', () => {
  assert.deepEqual(amounts(allocate({ total: cny('99.99'), weights: [75, 25] })), ['74.99', '25.00']);
  assert.deepEqual(multiplyMoney(cny('1.50'), 3), cny('4.50'));
  assert.deepEqual(roundToStep({ amount: '1499', currency: 'JPY' }, 10), { amount: '1500', currency: 'JPY' });
});

test('a JS number as a money amount is rejected, never converted', () => {
  const err = throwsCode(() => parseMoney(12.5, 'CNY'), 'number_for_money');
  assert.equal(err.category, 'money');
  assert.match(err.message, /12\.5/);
  throwsCode(() => parseMoney(12, 'CNY'), 'number_for_money');
  throwsCode(() => allocate({ total: { amount: 0.1, currency: 'CNY' }, weights: ['1'] }), 'number_for_money');
  throwsCode(() => addMoney({ amount: 0.1, currency: 'CNY' }, cny('0.20')), 'number_for_money');
  throwsCode(() => allocate({ total: cny('1.00'), weights: ['1'], caps: [{ amount: 1, currency: 'CNY' }] }), 'number_for_money');
});

test('a non-integer JS number as a weight or factor is rejected', () => {
  const err = throwsCode(() => allocate({ total: cny('1.00'), weights: [0.5, 0.5] }), 'invalid_decimal');
  assert.match(err.message, /string/);
  throwsCode(() => multiplyMoney(cny('1.00'), 0.1), 'invalid_decimal');
  throwsCode(() => allocate({ total: cny('1.00'), weights: [1e21] }), 'invalid_decimal');
});

test('a bigint is rejected with an O2OError, not a TypeError', () => {
  const err = throwsCode(() => allocate({ total: cny('1.00'), weights: [1n, 2n] }), 'invalid_decimal');
  assert.equal(err.category, 'money');
  assert.match(err.message, /bigint/);
  assert.deepEqual(err.details, { code: 'invalid_decimal', category: 'money', message: err.message });
  throwsCode(() => parseMoney(5n, 'CNY'), 'invalid_decimal');
  throwsCode(() => multiplyMoney(cny('1.00'), 2n), 'invalid_decimal');
});

test('NaN and Infinity are rejected instead of becoming null', () => {
  throwsCode(() => allocate({ total: cny('1.00'), weights: [NaN, 1] }), 'invalid_decimal');
  throwsCode(() => multiplyMoney(cny('1.00'), Infinity), 'invalid_decimal');
  throwsCode(() => parseMoney(-Infinity, 'CNY'), 'invalid_decimal');
});

test('input JSON cannot carry is an invalid_json O2OError', () => {
  const cyclic = { total: cny('1.00'), weights: ['1'] };
  cyclic.self = cyclic;
  const err = throwsCode(() => allocate(cyclic), 'invalid_json');
  assert.equal(err.category, 'input');
  throwsCode(() => call('allocate', undefined), 'invalid_json');
  throwsCode(() => allocate({ total: cny('1.00'), weights: ['1'], wieghts: ['1'] }), 'invalid_json');
  throwsCode(() => allocate('99.99'), 'invalid_json');
});

test('unknown currency', () => {
  const err = throwsCode(() => currency('XYZ'), 'unknown_currency');
  assert.equal(err.category, 'currency');
  assert.match(err.message, /XYZ/);
  throwsCode(() => parseMoney('1', 'ABC'), 'unknown_currency');
  throwsCode(() => allocate({ total: { amount: '1', currency: 'EURO' }, weights: ['1'] }), 'unknown_currency');
  assert.deepEqual(currency('kwd'), { code: 'KWD', minor_units: 3, name: 'Kuwaiti Dinar' });
});

test('mixing currencies is an error, never a conversion', () => {
  const usd = { amount: '1.00', currency: 'USD' };
  const err = throwsCode(() => addMoney(cny('1.00'), usd), 'currency_mismatch');
  assert.equal(err.category, 'currency');
  assert.match(err.message, /CNY/);
  assert.match(err.message, /USD/);
  throwsCode(() => subtractMoney(cny('1.00'), usd), 'currency_mismatch');
  throwsCode(() => allocate({ total: cny('1.00'), weights: ['1', '1'], caps: [usd, null] }), 'currency_mismatch');
});

test('errors are real Errors with code, category, details and a stack', () => {
  const err = throwsCode(() => allocate({ total: cny('1.00'), weights: [] }), 'empty_weights');
  assert.equal(err.category, 'allocation');
  assert.deepEqual(err.details, { code: 'empty_weights', category: 'allocation', message: err.message });
  assert.equal(typeof err.stack, 'string');
  assert.match(String(err), /^O2OError: no weights given/);
  assert.equal(Object.prototype.toString.call(err), '[object Error]');
});

test('unknown functions', () => {
  const err = throwsCode(() => call('money.divide', {}), 'unknown_function');
  assert.match(err.message, /money\.add/);
  throwsCode(() => call(42, {}), 'unknown_function');
});

test('the raw wasm export throws a js_sys Error carrying the same fields', () => {
  const wasm = require('../pkg/node/o2okit_wasm.js');
  let caught;
  try {
    wasm.call('currency', '{"code": "XYZ"}');
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, 'unknown_currency');
  assert.equal(caught.category, 'currency');
  assert.deepEqual(caught.details, { code: 'unknown_currency', category: 'currency', message: caught.message });
  assert.equal(wasm.call('currency', '{"code": "JPY"}'), '{"code":"JPY","minor_units":0,"name":"Yen"}');
});

test('rounding modes are passed through, half_even by default', () => {
  assert.deepEqual(parseMoney('0.125', 'CNY', 'half_up'), cny('0.13'));
  assert.deepEqual(parseMoney('0.125', 'CNY', 'half_even'), cny('0.12'));
  assert.deepEqual(multiplyMoney(cny('0.25'), '0.5'), cny('0.12'));
  assert.deepEqual(roundToStep({ amount: '2.33', currency: 'CHF' }, '0.05'), { amount: '2.35', currency: 'CHF' });
  throwsCode(() => parseMoney('0.125', 'CNY'), 'too_many_decimals');
  throwsCode(() => parseMoney('0.125', 'CNY', 'half_odd'), 'unknown_rounding');
  throwsCode(() => multiplyMoney(cny('1.00'), '2', 'HALF_UP'), 'unknown_rounding');
});

test('the constants mirror the core', () => {
  const wasm = require('../pkg/node/o2okit_wasm.js');
  assert.deepEqual([...o2o.FUNCTIONS], wasm.functions());
  assert.deepEqual([...o2o.ERROR_CODES], wasm.errorCodes());
  assert.deepEqual([...o2o.ROUNDING_MODES], wasm.roundingModes());
  assert.ok(Object.isFrozen(o2o.FUNCTIONS));
  assert.equal(o2o.version(), JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
});

test('index.d.ts lists the same error codes, rounding modes and function names', () => {
  const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8');
  const union = (name) => {
    const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
    assert.ok(m, `type ${name} not found in index.d.ts`);
    return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  };
  assert.deepEqual(union('ErrorCode'), [...o2o.ERROR_CODES]);
  assert.deepEqual(union('Rounding'), [...o2o.ROUNDING_MODES]);
  assert.deepEqual(union('FunctionName'), [...o2o.FUNCTIONS]);
});

const PUBLIC_NAMES = [
  'ERROR_CODES',
  'FUNCTIONS',
  'O2OError',
  'ROUNDING_MODES',
  'addMoney',
  'allocate',
  'call',
  'currency',
  'default',
  'init',
  'initSync',
  'multiplyMoney',
  'parseMoney',
  'roundToStep',
  'subtractMoney',
  'version',
];

test('the ESM and CommonJS entry points both load and agree', async () => {
  const request = { total: cny('99.99'), weights: ['75', '25'] };
  const cjs = require('o2okit');
  assert.deepEqual(amounts(cjs.allocate(request)), ['74.99', '25.00']);
  assert.deepEqual(Object.keys(cjs).sort(), PUBLIC_NAMES);
  assert.deepEqual(Object.keys(o2o).sort(), PUBLIC_NAMES);
  // One instance and one error class behind both.
  assert.equal(cjs.O2OError, O2OError);
  assert.equal(cjs.allocate, allocate);
  await init();
  assert.equal(typeof cjs.default, 'function');
});

test('the browser entry point works in Node once initialized', async () => {
  const web = await import('../js/web.mjs');
  assert.deepEqual(Object.keys(web).sort(), PUBLIC_NAMES);
  const bytes = readFileSync(new URL('../pkg/web/o2okit_wasm_bg.wasm', import.meta.url));
  // Before init: a clear error, not a TypeError from deep inside the glue.
  if (!(await isWebReady(web))) {
    assert.throws(() => web.currency('CNY'), /await init\(\)/);
  }
  await Promise.all([web.default(bytes), web.init(bytes)]);
  assert.deepEqual(amounts(web.allocate({ total: cny('99.99'), weights: ['75', '25'] })), ['74.99', '25.00']);
  let caught;
  try {
    web.parseMoney(12.5, 'CNY');
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof web.O2OError);
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, 'number_for_money');
  assert.equal(web.version(), o2o.version());
});

async function isWebReady(web) {
  try {
    web.version();
    return true;
  } catch {
    return false;
  }
}

test('the package exports map points at the right files', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.name, 'o2okit');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  const root = pkg.exports['.'];
  assert.deepEqual(Object.keys(root), ['types', 'node', 'browser', 'default']);
  assert.equal(require.resolve('o2okit'), new URL('../js/node.cjs', import.meta.url).pathname);
});
