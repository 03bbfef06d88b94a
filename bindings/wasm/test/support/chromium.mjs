// Where Debian's Chromium is, for the browser tests (never a downloaded browser), and what to
// do without it: locally the browser tests are skipped with a loud warning; under CI=true a
// missing Chromium fails, so a CI run can never pass without its browser tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromium = CANDIDATES.find((path) => path && existsSync(path));

/** The launch flags for headless Chromium on these machines (see TOOLCHAIN.md). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The `skip` option for a browser test: false when Chromium is installed; otherwise the
 * reason, printed loudly, and under CI=true an extra failing test instead of a silent skip.
 */
export function skipWithoutChromium(what) {
  if (chromium) return false;
  const reason = `Chromium is not installed (apt-get install chromium): ${what} NOT RUN`;
  console.error(`\n!!! ${reason} !!!\n`);
  if (process.env.CI === 'true') {
    test(`${what} (Chromium is required under CI=true)`, () => assert.fail(reason));
  }
  return reason;
}
