// The bad-input catalogue (testdata/bad/*.json) through the npm package.
//
// A case with an `input` goes through `call` with JS values (what a JS caller passes); a
// `text` or `recipe` case (raw JSON text, or a large input built from a small declarative
// recipe) goes to the wasm module's own `call` with the text, since the JS API always writes
// its input with JSON.stringify; a `native` case (a JS number for money, NaN, Infinity)
// through the typed API. The code each case gave must be the code in the catalogue. With
// O2OKIT_BAD_RESULTS=DIR set, the codes are written to DIR/node.json for
// scripts/conformance.py, which compares the three surfaces.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import * as o2o from 'o2okit';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');

const BAD = new URL('../../../testdata/bad/', import.meta.url);
const money = (amount) => ({ amount, currency: 'CNY' });

// Values only JS can hold, through the typed API.
const NATIVE = {
  'js-number-money': () => o2o.addMoney({ amount: 12.3, currency: 'CNY' }, money('1.00')),
  'js-number-weight': () => o2o.allocate({ total: money('10.00'), weights: [0.5, '1'] }),
  'js-nan-weight': () => o2o.allocate({ total: money('10.00'), weights: [NaN, '1'] }),
  'js-infinity-factor': () => o2o.multiplyMoney(money('10.00'), Infinity),
};

// The JSON text a recipe describes: `input` written out with the string "$big" replaced by a
// large value (see testdata/bad/README.md).
function render(recipe) {
  const big = recipe.big;
  let text;
  if ('array_of' in big) {
    const item = JSON.stringify(big.array_of);
    const parts = new Array(big.count);
    for (let i = 0; i < big.count; i += 1) parts[i] = item.replaceAll('{i}', String(i));
    text = `[${parts.join(',')}]`;
  } else if ('nested_arrays' in big) {
    text = '['.repeat(big.nested_arrays) + ']'.repeat(big.nested_arrays);
  } else if ('string_of' in big) {
    text = `"${big.string_of.repeat(big.bytes)}"`;
  } else {
    throw new Error(`unknown recipe ${JSON.stringify(big)}`);
  }
  return JSON.stringify(recipe.input).replace('"$big"', () => text);
}

// The error code a call threw, `ok`, or for a case with `rejection` the code in the result.
// Anything but an error with a listed code is a failure of the package.
function outcome(c, run) {
  let result;
  try {
    result = run();
  } catch (err) {
    assert.ok(err instanceof Error, 'a real Error');
    assert.equal(typeof err.code, 'string', `an error without a code: ${err}`);
    assert.ok(o2o.ERROR_CODES.includes(err.code), err.code);
    assert.ok(err.message.length > 0, 'an error must carry a message');
    return err.code;
  }
  if ('rejection' in c) {
    const value = typeof result === 'string' ? JSON.parse(result) : result;
    return String(value[c.rejection.at] ?? 'ok');
  }
  return 'ok';
}

const files = readdirSync(BAD)
  .filter((name) => name.endsWith('.json'))
  .sort();
const cases = [];
for (const file of files) {
  const doc = JSON.parse(readFileSync(new URL(file, BAD), 'utf8'));
  for (const c of doc.cases) cases.push({ ...c, file });
}
const results = {};

test('the catalogue is complete', () => {
  assert.ok(files.length >= 10, `the catalogue has lost files: ${files}`);
  const names = cases.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, 'duplicate case names');
  const natives = new Set(cases.filter((c) => 'native' in c && (c.surfaces ?? ['node']).includes('node')).map((c) => c.native));
  assert.deepEqual([...natives].sort(), Object.keys(NATIVE).sort());
});

for (const c of cases) {
  if (!(c.surfaces ?? ['node']).includes('node')) continue;
  test(`bad/${c.file}: ${c.name}`, () => {
    assert.ok(('error' in c) !== ('rejection' in c), 'a case has one of error / rejection');
    let got;
    if ('native' in c) {
      got = outcome(c, NATIVE[c.native]);
    } else if ('input' in c) {
      got = outcome(c, () => o2o.call(c.function, c.input));
      const byText = outcome(c, () => wasm.call(c.function, JSON.stringify(c.input)));
      assert.equal(byText, got, `JS values gave ${got}, their JSON text ${byText}`);
    } else if ('text' in c) {
      got = outcome(c, () => wasm.call(c.function, c.text));
    } else {
      const text = render(c.recipe);
      got = outcome(c, () => wasm.call(c.function, text));
    }
    results[c.name] = got;
    assert.equal(got, 'error' in c ? c.error : c.rejection.code);
  });
}

after(() => {
  const dir = process.env.O2OKIT_BAD_RESULTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(join(dir, 'node.json'), JSON.stringify(sorted, null, 2));
  }
});
