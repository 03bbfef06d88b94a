// The live demo page (examples/web) in headless Chromium, driven by Playwright (playwright-core
// with Debian's /usr/bin/chromium; never a downloaded browser). It loads the page, picks
// coupons and quantities as a customer would, types a voucher code with a wrong digit and with
// two digits swapped, and checks what the page shows (totals, discounts and who funds them,
// rejected coupons with their hints, the group-buy progress and countdown, the split bar)
// against examples/web/expected.json: golden values written by hand that
// crates/o2okit/tests/web_demo.rs checks against the Rust core, so nothing here is blessed by
// the browser. It saves a screenshot under test-output/ and checks that it is a real PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium as chromiumPath, CHROMIUM_FLAGS, skipWithoutChromium } from './support/chromium.mjs';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const WEB = new URL('../../../examples/web/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', WEB), 'utf8'));
const shop = JSON.parse(readFileSync(new URL('shop.json', WEB), 'utf8'));
const OUTPUT = join(HERE, 'test-output');

const skip = skipWithoutChromium('the demo page test');

const yuan = (amount) => `¥${amount}`;
const cents = (amount) => BigInt(amount.replace('-', '').replace('.', '')) * (amount.startsWith('-') ? -1n : 1n);

// Bring the page to a scenario: coupon mode and choice, then the quantities.
async function setScenario(page, scenario) {
  const best = scenario.coupons === 'best';
  await page.getByTestId(best ? 'mode-best' : 'mode-choose').check();
  if (!best) {
    for (const id of shop.coupons) {
      const box = page.getByTestId(`coupon-${id}`);
      if ((await box.isChecked()) !== scenario.coupons.includes(id)) await box.click();
    }
  }
  for (const line of shop.cart.lines) {
    const want = Number(scenario.quantities[line.id] ?? line.quantity);
    for (;;) {
      const have = Number(await page.getByTestId(`qty-${line.id}`).textContent());
      if (have === want) break;
      await page.getByTestId(have < want ? `more-${line.id}` : `less-${line.id}`).click();
    }
  }
}

async function checkScenario(page, scenario) {
  const name = scenario.name;
  assert.equal(await page.getByTestId('subtotal').textContent(), yuan(scenario.subtotal), `${name}: subtotal`);
  assert.equal(await page.getByTestId('total').textContent(), yuan(scenario.total), `${name}: total`);
  const applied = await page.getByTestId('applied-item').evaluateAll((items) =>
    items.map((li) => ({
      promotion_id: li.dataset.promotion,
      amount: li.querySelector('[data-testid=amount]').textContent,
      funded_by: li.querySelector('[data-testid=funded-by]').textContent,
    })),
  );
  assert.deepEqual(
    applied,
    scenario.applied.map((a) => ({
      promotion_id: a.promotion_id,
      amount: `−¥${a.amount}`,
      funded_by: `funded by ${a.funded_by.role}${a.funded_by.party_id ? ` · ${a.funded_by.party_id}` : ''}`,
    })),
    `${name}: applied discounts and who funds them`,
  );
  const rejected = await page.getByTestId('rejected-item').evaluateAll((items) =>
    items.map((li) => {
      const hint = li.querySelector('[data-testid=hint]');
      return { promotion_id: li.dataset.promotion, reason: li.dataset.reason, ...(hint ? { hint: hint.textContent } : {}) };
    }),
  );
  assert.deepEqual(
    rejected,
    scenario.rejected.map((r) => ({ promotion_id: r.promotion_id, reason: r.reason, ...(r.hint ? { hint: r.hint.text } : {}) })),
    `${name}: rejected coupons and their hints`,
  );
  // The split bar: its parts add up, to the cent, to what there is to share.
  const parts = await page.getByTestId('split-part').evaluateAll((els) => els.map((e) => e.dataset.amount));
  assert.ok(parts.length >= 3, `${name}: a split bar`);
  const note = await page.getByTestId('split-note').textContent();
  const gross = note.match(/¥([\d.]+) to share/)[1];
  assert.equal(parts.reduce((sum, a) => sum + cents(a), 0n), cents(gross), `${name}: the split adds up`);
}

test('the demo page in headless Chromium shows what the Rust core computes', { skip, timeout: 180_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const { start } = await import(new URL('serve.mjs', WEB));
  const { server, url } = await start({ port: 0 });
  mkdirSync(OUTPUT, { recursive: true });
  const profile = mkdtempSync(join(process.env.TMPDIR || OUTPUT, 'o2okit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    viewport: { width: 800, height: 1400 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));

    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    assert.ok(requests.every((r) => r.startsWith(url)), `only local requests: ${requests.join(', ')}`);

    for (const scenario of expected.scenarios) {
      await setScenario(page, scenario);
      await checkScenario(page, scenario);
    }

    // The group-buy card: 2 of 3, one more person, and the countdown ticking from 22:35:00.
    const gb = expected.groupbuy;
    assert.equal(await page.getByTestId('gb-count').textContent(), `${gb.count} of ${gb.size} joined`);
    assert.equal(await page.getByTestId('gb-hint').textContent(), '1 more person needed');
    assert.equal(await page.getByTestId('gb-progress').getAttribute('aria-valuenow'), String(gb.percent));
    const left = async () => {
      const [h, m, s] = (await page.getByTestId('gb-countdown').textContent()).split(':').map(Number);
      return h * 3600 + m * 60 + s;
    };
    const first = await left();
    assert.ok(first <= gb.remaining_seconds && first > gb.remaining_seconds - 120, `countdown ${first}`);
    await page.waitForFunction((before) => {
      const [h, m, s] = document.querySelector('[data-testid=gb-countdown]').textContent.split(':').map(Number);
      return h * 3600 + m * 60 + s < before;
    }, first, { timeout: 10_000 });

    // The voucher check: a mistyped digit and two swapped digits are caught on the page, with
    // no request; the right code passes the check digit.
    const input = page.getByTestId('voucher-input');
    const result = page.getByTestId('voucher-result');
    assert.equal(await page.getByTestId('voucher-sample').textContent(), expected.voucher.code);
    const before = requests.length;
    for (const typo of expected.voucher.typos) {
      await input.fill(typo);
      assert.equal(await result.getAttribute('data-state'), 'typo', typo);
      assert.match(await result.textContent(), /check digit does not match/);
    }
    await input.fill(expected.voucher.code.slice(0, 12));
    assert.equal(await result.textContent(), `${21 - 12} more digits…`);
    await input.fill(expected.voucher.code);
    assert.equal(await result.getAttribute('data-state'), 'ok');
    assert.equal(requests.length, before, 'checking codes made no request');

    // Back to the opening scenario for the screenshot.
    await setScenario(page, expected.scenarios[0]);
    await checkScenario(page, expected.scenarios[0]);
    const png = join(OUTPUT, 'demo.png');
    await page.screenshot({ path: png, fullPage: true });
    const bytes = readFileSync(png);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.ok(bytes.readUInt32BE(16) >= 400 && bytes.readUInt32BE(20) >= 400, 'a real page-sized image');
    assert.ok(bytes.length > 10_000, `${bytes.length} bytes`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
