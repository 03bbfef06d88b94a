// index.d.ts and test/types-check.ts must compile with `tsc --noEmit --strict`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

test('tsc --noEmit --strict accepts index.d.ts and test/types-check.ts', { skip: !existsSync(tsc) && 'typescript is not installed (run npm ci)' }, () => {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '-p', 'tsconfig.json'], {
    cwd: here,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
});
