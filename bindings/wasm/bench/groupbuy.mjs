// Replay 100,000 teams with 10 joins each, the shape of crates/o2okit/benches/groupbuy.rs:
// 1,000 team-buy campaigns of 100 teams of 10 (the opener and 9 more), opened a minute
// apart and filling in interleaved order, every join paid a second later: 2,000,000 events
// (`open_team`, `join`, `payment_confirmed`), every team succeeding with vouchers.
//
// In the same run, alternating rounds of:
//   - the typed JS API: groupbuyReplay(campaign, log), log as JS objects (JSON.stringify of
//     the log, the wasm call, JSON.parse of the replay: state, effects and outcomes);
//   - the raw wasm export: wasm.call('groupbuy.replay', json) on JSON prebuilt before timing
//     (JSON string in, JSON string out, nothing parsed in JS).
// Prints events per second for each and their ratio. Not a test: run it with
// `node bench/groupbuy.mjs` after build.sh. Optional arguments: campaigns (default 1000),
// rounds (default 3).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { groupbuyReplay, version } from 'o2okit';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/o2okit_wasm.js');

const CAMPAIGNS = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 3);
const TEAMS_PER_CAMPAIGN = 100;
const TEAM_SIZE = 10;

const campaign = {
  id: 'bench',
  deadline: '2026-12-31T00:00:00+08:00',
  kind: {
    type: 'team_buy',
    size: 10,
    window_seconds: 86400,
    price: { amount: '19.90', currency: 'CNY' },
    leader_price: { amount: '9.90', currency: 'CNY' },
  },
  vouchers_per_participant: 1,
};

// Seconds after 2026-11-22T10:00:00+08:00 as an RFC 3339 string in +08:00.
const START_MS = Date.parse('2026-11-22T10:00:00+08:00');
const EIGHT_HOURS_MS = 8 * 3600 * 1000;
const at = (seconds) => new Date(START_MS + seconds * 1000 + EIGHT_HOURS_MS).toISOString().slice(0, 19) + '+08:00';

// One campaign's log: team t opens at t minutes; its member j joins 37 × j seconds later and
// pays one second after joining; participation ids follow the joins in time order; events
// sorted by time (no two events share an instant).
function log(c) {
  const joins = [];
  for (let t = 0; t < TEAMS_PER_CAMPAIGN; t++) {
    for (let j = 0; j < TEAM_SIZE; j++) joins.push([t * 60 + 37 * j, t, j]);
  }
  joins.sort((a, b) => a[0] - b[0]);
  const events = [];
  joins.forEach(([seconds, t, j], i) => {
    const customer_id = `c${c}-${t}-${j}`;
    const event = j === 0 ? { type: 'open_team', key: `o${t}`, customer_id } : { type: 'join', key: `j${t}-${j}`, customer_id, team_id: `t${t + 1}` };
    events.push([seconds, { at: at(seconds), event }]);
    events.push([seconds + 1, { at: at(seconds + 1), event: { type: 'payment_confirmed', key: `p${i + 1}`, participation_id: `p${i + 1}` } }]);
  });
  events.sort((a, b) => a[0] - b[0]);
  return events.map(([, e]) => e);
}

const logs = Array.from({ length: CAMPAIGNS }, (_, c) => log(c));
const jsons = logs.map((events) => JSON.stringify({ campaign, events }));
const events = logs.reduce((n, l) => n + l.length, 0);
assert.equal(events, CAMPAIGNS * TEAMS_PER_CAMPAIGN * TEAM_SIZE * 2);

// Sanity before timing: both paths give the same replay, and every team succeeds.
const first = groupbuyReplay(campaign, logs[0]);
assert.deepEqual(JSON.parse(wasm.call('groupbuy.replay', jsons[0])), first);
assert.equal(first.state.teams.length, TEAMS_PER_CAMPAIGN);
assert.ok(first.state.teams.every((t) => t.status === 'succeeded'));
const outputBytes = wasm.call('groupbuy.replay', jsons[0]).length;
console.log(
  `node ${process.version}, o2okit ${version()}; ${CAMPAIGNS} campaigns x ${TEAMS_PER_CAMPAIGN} teams x ${TEAM_SIZE} joins: ` +
    `${events.toLocaleString('en')} events; one campaign: ${first.effects.length} effects, ${first.state.participations.length} participations, ` +
    `log ${jsons[0].length.toLocaleString('en')} bytes of JSON in, replay ${outputBytes.toLocaleString('en')} bytes out`,
);

let sink = 0;
const contenders = [
  {
    label: 'groupbuyReplay (typed JS API)',
    run: () => {
      for (const l of logs) sink += groupbuyReplay(campaign, l).outcomes.length;
    },
  },
  {
    label: "wasm.call('groupbuy.replay', json) (prebuilt JSON)",
    run: () => {
      for (const json of jsons) sink += wasm.call('groupbuy.replay', json).length;
    },
  },
];
// Alternating rounds, so that a busy machine slows both alike; best and median reported.
const seconds = contenders.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  contenders.forEach(({ run }, k) => {
    const start = process.hrtime.bigint();
    run();
    seconds[k].push(Number(process.hrtime.bigint() - start) / 1e9);
  });
}
const best = contenders.map(({ label }, k) => {
  const runs = seconds[k].sort((x, y) => x - y);
  const fastest = runs[0];
  const median = runs[Math.floor(runs.length / 2)];
  const rate = (s) => Math.round(events / s).toLocaleString('en').padStart(10);
  console.log(`${label.padEnd(52)} ${rate(fastest)} events/s best, ${rate(median)} median (${fastest.toFixed(2)} s per ${events.toLocaleString('en')} events, ${ROUNDS} rounds)`);
  return fastest;
});
const [typed, raw] = best;
const RUST_NATIVE = 660_000; // crates/o2okit/benches/groupbuy.rs on the shared 2-core machine (commit 820f7d2)
console.log(
  `ratio typed / raw: ${(typed / raw).toFixed(2)}x the time (JSON.stringify of the log and JSON.parse of the replay in JS: ` +
    `${(((typed - raw) / typed) * 100).toFixed(0)}% of the typed call); raw wasm / native Rust groupbuy_replay ` +
    `(${(RUST_NATIVE / 1e6).toFixed(2)} M events/s, typed structs, no JSON): ${(events / raw / RUST_NATIVE).toFixed(2)}x the rate`,
);
if (sink < 0) console.log(sink);
