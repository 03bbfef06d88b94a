// Browser smoke test: headless Chromium loads test/browser/index.html, which imports the
// browser entry (js/web.mjs over pkg/web), fetches the .wasm, splits 99.99 CNY, quotes
// 第二件半价 inside a Shanghai happy hour, replays a group-buy team, splits an order with a
// platform-funded coupon, assigns an order to the nearest open store with the stock, issues and
// verifies a voucher code, classifies a journey and replays a flow 1 voucher order and a flow 4
// store order.
// Without Chromium (Debian: apt-get install chromium) it is skipped with a loud warning, and
// fails under CI=true (test/support/chromium.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, CHROMIUM_FLAGS, skipWithoutChromium } from './support/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://localhost').pathname));
    const file = join(ROOT, path);
    if (!file.startsWith(ROOT) || !existsSync(file) || !TYPES[extname(file)]) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const skip = skipWithoutChromium('the browser entry test');

test('the browser entry works in headless Chromium', { skip, timeout: 90_000 }, async () => {
  const server = await serve();
  const profile = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'o2okit-chromium-'));
  try {
    const url = `http://127.0.0.1:${server.address().port}/test/browser/index.html`;
    const args = [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      '--virtual-time-budget=20000',
      '--dump-dom',
      url,
    ];
    const dom = await new Promise((resolve, reject) => {
      execFile(chromium, args, { timeout: 60_000, maxBuffer: 1 << 22 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const match = dom.match(/<pre id="result">([^<]*)<\/pre>/);
    assert.ok(match, `no result in the page:\n${dom}`);
    const text = match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const result = JSON.parse(text);
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(result.amounts, ['74.99', '25.00']);
    assert.equal(result.quoteTotal, '75.00');
    assert.equal(result.teamStatus, 'succeeded');
    assert.deepEqual(result.replayError, { code: 'team_ended', category: 'groupbuy', eventIndex: 4 });
    assert.deepEqual(result.ledgerAmounts, ['8.00', '92.00', '-10.00']);
    assert.deepEqual(result.chosen, ['A 1201']);
    assert.deepEqual(result.passedOver, ['B out_of_stock', 'C closed']);
    assert.equal(result.voucher, '000000424805447021344');
    assert.deepEqual(result.verification, { valid: false, serial: 42, reason: 'expired' });
    assert.equal(result.flow, 'offline_to_online_to_offline');
    assert.deepEqual(result.voucherResult, { status: 'partially_redeemed', duplicates: [2], settled: '66.67' });
    assert.deepEqual(result.storeResult, { status: 'closed', ledger: ['wxpay 0.53', 'xuhui 8.80', 'papa-johns 78.67'] });
    assert.deepEqual(result.error, { code: 'number_for_money', isError: true, isO2OError: true });
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
