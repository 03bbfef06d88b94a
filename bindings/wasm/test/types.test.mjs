// The declarations: index.d.ts is generated (tools/gen-types.mjs: the wire types from the
// core's JSON Schema, the API from types/api.d.ts); it must be current, and it and
// test/types-check.ts (a strict consumer of the package) must compile with
// `tsc --noEmit --strict`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { FUNCTIONS } from 'o2okit';

const here = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const generator = fileURLToPath(new URL('../node_modules/json-schema-to-typescript/package.json', import.meta.url));
const missing = (!existsSync(tsc) || !existsSync(generator)) && 'typescript or json-schema-to-typescript is not installed (run npm ci)';

test('index.d.ts is what tools/gen-types.mjs writes from the schema', { skip: missing }, () => {
  const result = spawnSync(process.execPath, ['tools/gen-types.mjs', '--check'], { cwd: here, encoding: 'utf8' });
  assert.equal(result.status, 0, `stale declarations:\n${result.stdout}${result.stderr}`);
});

test('index.d.ts declares a typed function for every wire function', () => {
  const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8');
  for (const name of FUNCTIONS) {
    assert.match(dts, new RegExp(`^  '${name.replace('.', '\\.')}': `, 'm'), `FunctionInputs / FunctionOutputs lack ${name}`);
  }
  assert.doesNotMatch(dts, /referenced by `WireTypes`/);
});

test('tsc --noEmit --strict accepts index.d.ts and test/types-check.ts', { skip: missing }, () => {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '-p', 'tsconfig.json'], {
    cwd: here,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
});
