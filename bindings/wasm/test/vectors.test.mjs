// Runs every case of every testdata/vectors/*.json file through the typed JS function that
// matches its wire `function` (or `call` when there is none), one test per case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import * as o2o from 'o2okit';

const VECTORS = new URL('../../../testdata/vectors/', import.meta.url);

// The typed function for each wire name, called the way a JS user would call it.
const TYPED = {
  allocate: (input) => o2o.allocate(input),
  'allocate.batch': (input) => o2o.allocateBatch(input.requests, input.detail),
  currency: (input) => o2o.currency(input.code),
  'money.parse': (input) => o2o.parseMoney(input.amount, input.currency, input.rounding),
  'money.add': (input) => o2o.addMoney(input.a, input.b),
  'money.sub': (input) => o2o.subtractMoney(input.a, input.b),
  'money.multiply': (input) => o2o.multiplyMoney(input.money, input.factor, input.rounding),
  'money.round_to_step': (input) => o2o.roundToStep(input.money, input.step, input.rounding),
  quote: (input) => o2o.quote(input),
  'quote.batch': (input) => o2o.quoteBatch(input),
  'coupon.validate': (input) => o2o.validateCoupon(input),
  'coupon.redeem': (input) => o2o.redeemCoupon(input),
  'coupon.rollback': (input) => o2o.rollbackCoupon(input),
  'groupbuy.open': (input) => o2o.groupbuyOpen(input.campaign),
  'groupbuy.step': (input) => o2o.groupbuyStep(input.state, input.event, input.now),
  'groupbuy.replay': (input) => o2o.groupbuyReplay(input.campaign, input.events),
  'groupbuy.progress': (input) => o2o.groupbuyProgress(input.state, input.now),
  'groupbuy.progress_batch': (input) => o2o.groupbuyProgressBatch(input.states, input.now),
  'groupbuy.simulate': (input) => o2o.groupbuySimulate(input),
  split: (input) => o2o.split(input.order, input.plan),
  'split.batch': (input) => o2o.splitBatch(input.plan, input.orders),
  'split.refund': (input) => o2o.splitRefund(input),
  'split.pool': (input) => o2o.splitPool(input),
  attribute: (input) => o2o.attribute(input),
  'attribute.shapley': (input) => o2o.attributeShapley(input),
  bind: (input) => o2o.bind(input),
  settle: (input) => o2o.settle(input),
  'store.assign': (input) => o2o.assign(input),
  'card.apply': (input) => o2o.cardApply(input),
  'card.replay': (input) => o2o.cardReplay(input),
  'points.replay': (input) => o2o.pointsReplay(input),
  'points.redeem': (input) => o2o.pointsRedeem(input),
  'order.normalize': (input) => o2o.normalize(input),
  'price.parity': (input) => o2o.priceParity(input),
  'voucher.issue': (input) => o2o.issueCode(input),
  'voucher.issue_batch': (input) => o2o.issueCodes(input),
  'voucher.verify': (input) => o2o.verifyCode(input),
  'flow.classify': (input) => o2o.classify(input),
  'flow.definition': (input) => o2o.flowDefinition(input),
  'voucher_order.open': (input) => o2o.voucherOrderOpen(input),
  'voucher_order.step': (input) => o2o.voucherOrderStep(input),
  'voucher_order.replay': (input) => o2o.voucherOrderReplay(input),
  'store_order.open': (input) => o2o.storeOrderOpen(input),
  'store_order.step': (input) => o2o.storeOrderStep(input),
  'store_order.replay': (input) => o2o.storeOrderReplay(input),
};

// The functions that replay an event log: an error raised by one event of the log names it
// (`details.event_index`). Errors found before any event runs (a bad campaign, card, rules or
// programme, a decoding error) have none.
const REPLAYS = new Set(['groupbuy.replay', 'card.replay', 'points.replay', 'voucher_order.replay', 'store_order.replay']);

test('every wire function has a typed JS function', () => {
  assert.deepEqual(Object.keys(TYPED).sort(), [...o2o.FUNCTIONS].sort());
});

const files = readdirSync(VECTORS)
  .filter((name) => name.endsWith('.json'))
  .sort();

test('the vector files are found', () => {
  assert.ok(files.length > 0, `no *.json in ${VECTORS.pathname}`);
});

// Every vector file and the fewest cases it may hold (shared with the Rust and Python runners).
test('every vector file is there with its cases', () => {
  const { min_cases: minimum } = JSON.parse(readFileSync(new URL('../vector-files.json', VECTORS), 'utf8'));
  assert.deepEqual([...files].sort(), Object.keys(minimum).sort(), 'the vector files and testdata/vector-files.json disagree');
  for (const [file, fewest] of Object.entries(minimum)) {
    const { cases } = JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8'));
    assert.ok(cases.length >= fewest, `${file} holds ${cases.length} cases, fewer than ${fewest}`);
  }
});

const seen = new Set();
for (const file of files) {
  const { cases } = JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8'));
  assert.ok(Array.isArray(cases) && cases.length > 0, `${file}: no cases`);
  for (const c of cases) {
    assert.ok(!seen.has(c.name), `duplicate case name ${c.name}`);
    seen.add(c.name);
    const run = TYPED[c.function] ?? ((input) => o2o.call(c.function, input));
    test(`${file}: ${c.name}`, () => {
      assert.ok(('expected' in c) !== ('error' in c), 'a case has exactly one of expected / error');
      if ('expected' in c) {
        assert.deepStrictEqual(run(c.input), c.expected);
      } else {
        assert.throws(
          () => run(c.input),
          (err) => {
            assert.ok(err instanceof Error, 'a real Error');
            assert.ok(err instanceof o2o.O2OError, 'an O2OError');
            assert.equal(err.code, c.error, err.message);
            assert.ok(o2o.ERROR_CODES.includes(err.code));
            assert.equal(err.details.code, err.code);
            assert.equal(err.details.category, err.category);
            assert.equal(err.details.message, err.message);
            // A rejected event of a replayed log (a group-buy or membership rejection) is
            // named by its position; nothing else carries an event_index.
            const byEvent = ['groupbuy', 'membership'].includes(err.category) && err.code !== 'invalid_membership';
            if (REPLAYS.has(c.function) && (byEvent || 'event_index' in err.details)) {
              // A voucher or store order's log is its `commands`; the others' their `events`.
              const log = c.input.events ?? c.input.commands;
              assert.ok(Number.isInteger(err.details.event_index), 'details.event_index');
              assert.ok(err.details.event_index >= 0 && err.details.event_index < log.length);
              assert.match(err.message, new RegExp(`^event #${err.details.event_index} of the log was rejected: `));
            } else {
              assert.equal('event_index' in err.details, false);
            }
            return true;
          },
        );
      }
      // The same case through the wire-level `call` gives the same answer.
      if ('expected' in c) {
        assert.deepStrictEqual(o2o.call(c.function, c.input), c.expected);
      } else {
        assert.throws(() => o2o.call(c.function, c.input), { code: c.error });
      }
    });
  }
}
