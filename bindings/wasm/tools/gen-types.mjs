// Write the package's TypeScript declarations from the core's JSON Schema:
//
//     node tools/gen-types.mjs           # writes index.d.ts (and storefront.d.ts, see ENTRIES)
//     node tools/gen-types.mjs --check   # fails when a written file differs (test/types.test.mjs)
//
// The wire types come from schema/o2okit.schema.json (generated from the core's serde types)
// through json-schema-to-typescript; the API (functions with their docs, O2OError, constants,
// a few aliases) is the hand-written types/api.d.ts. The schema describes what the core
// *accepts*; what it *returns* always carries the fields that have a default (they are
// serialized even when equal to it), and its decimals are always strings. So each wire type
// that the functions return is generated in an output form too: the same name when the type
// is only ever returned, `<Name>Record` when it is also taken as input and the two forms
// differ (a `GroupBuyState` goes in, a `GroupBuyStateRecord` comes out: every field present).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { compile } from 'json-schema-to-typescript';

import { ERROR_CODES, FUNCTIONS } from '../js/api.mjs';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../../schema/o2okit.schema.json', import.meta.url));
const TEMPLATE = `${HERE}types/api.d.ts`;

// Each wire function: its input and its output, as schema type names (`$Name`, mapped to
// the output form for outputs) or TypeScript written out.
const WIRE = {
  allocate: ['$AllocationRequest', '$Allocation'],
  'allocate.batch': ['$AllocateBatchRequest', '$AllocateBatch'],
  currency: ['{ code: CurrencyCode }', '$CurrencyDescription'],
  'money.parse': ['{ amount: Decimal; currency: CurrencyCode; rounding?: Rounding }', '$Money'],
  'money.add': ['{ a: Money; b: Money }', '$Money'],
  'money.sub': ['{ a: Money; b: Money }', '$Money'],
  'money.multiply': ['{ money: Money; factor: Decimal | number; rounding?: Rounding }', '$Money'],
  'money.round_to_step': ['{ money: Money; step: Decimal | number; rounding?: Rounding }', '$Money'],
  quote: ['$QuoteRequest', '$Quote'],
  'quote.batch': ['$QuoteBatchRequest', '$QuoteBatch'],
  'coupon.validate': ['ValidateCouponInput', '$CouponValidation'],
  'coupon.redeem': ['RedeemCouponInput', '$HeldCoupon'],
  'coupon.rollback': ['RollbackCouponInput', '$HeldCoupon'],
  'groupbuy.open': ['GroupBuyOpenInput', '$GroupBuyState'],
  'groupbuy.step': ['GroupBuyStepInput', '$GroupBuyStep'],
  'groupbuy.replay': ['GroupBuyReplayInput', '$GroupBuyReplay'],
  'groupbuy.progress': ['GroupBuyProgressInput', '$GroupBuyProgress'],
  'groupbuy.progress_batch': ['$ProgressBatchRequest', '$ProgressBatch'],
  'groupbuy.simulate': ['$TeamSimulation', '$SimulationReport'],
  split: ['$SplitRequest', '$Ledger'],
  'split.batch': ['$SplitBatchRequest', '$SplitBatch'],
  'split.refund': ['$RefundRequest', '$Clawback'],
  'split.pool': ['$PoolRequest', '$PoolSplit'],
  attribute: ['$AttributionRequest', '$Attribution'],
  'attribute.shapley': ['$ShapleyRequest', '$ShapleyAttribution'],
  bind: ['$BindRequest', '$BindingState'],
  settle: ['$SettleRequest', '$Settlement'],
  'store.assign': ['$AssignRequest', '$Assignment'],
  'card.apply': ['CardApplyInput', '$CardStep'],
  'card.replay': ['$CardReplayRequest', '$CardReplay'],
  'points.replay': ['$PointsReplayRequest', '$PointsReplay'],
  'points.redeem': ['$PointsRedeemRequest', '$PointsRedemption'],
  'order.normalize': ['$NormalizeRequest', '$Intake'],
  'price.parity': ['$ParityRequest', '$ParityReport'],
  'voucher.issue': ['$VoucherIssueRequest', '$VoucherCode'],
  'voucher.issue_batch': ['$VoucherBatchRequest', '$VoucherCode[]'],
  'voucher.verify': ['$VoucherVerifyRequest', '$Verification'],
  'flow.classify': ['$Journey', '$Classification'],
  'flow.definition': ['$FlowDefinitionRequest', '$FlowDefinition'],
  'voucher_order.open': ['$VoucherOrderOpenRequest', '$VoucherOrderState'],
  'voucher_order.step': ['$VoucherOrderStepRequest', '$VoucherOrderStep'],
  'voucher_order.replay': ['$VoucherOrderReplayRequest', '$VoucherOrderReplay'],
  'store_order.open': ['$StoreOrderOpenRequest', '$StoreOrderState'],
  'store_order.step': ['$StoreOrderStepRequest', '$StoreOrderStep'],
  'store_order.replay': ['$StoreOrderReplayRequest', '$StoreOrderReplay'],
};

// Schema types the hand-written inputs of types/api.d.ts use (they are inputs too).
const TEMPLATE_INPUTS = ['HeldCoupon', 'Cart', 'Promotion', 'QuoteContext', 'Money', 'GroupBuyCampaign', 'GroupBuyState', 'GroupBuyEvent', 'TimedEvent', 'CardState', 'CardRules', 'CardEvent', 'Rounding'];

// The declaration files: each with the wire functions its entry point exports. The
// storefront entry (`o2okit/storefront`) joins here once its build exists.
const ENTRIES = [{ file: 'index.d.ts', functions: FUNCTIONS }];

const DECIMAL_REF = '#/$defs/DecimalString';

function refName(ref) {
  return ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : null;
}

// Every `$ref` target inside `node`.
function refsOf(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') out.add(refName(node.$ref));
    for (const value of Object.values(node)) refsOf(value, out);
  }
  return out;
}

function reachable(defs, roots) {
  const seen = new Set();
  const todo = [...roots];
  while (todo.length) {
    const name = todo.pop();
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    for (const r of refsOf(defs[name])) todo.push(r);
  }
  return seen;
}

// Whether an object schema (or one of its variants) has a property with a default that the
// schema does not require: always present in what the core returns.
function hasDefaulted(node) {
  if (Array.isArray(node)) return node.some(hasDefaulted);
  if (!node || typeof node !== 'object') return false;
  if (node.properties) {
    const required = new Set(node.required ?? []);
    if (Object.entries(node.properties).some(([k, v]) => !required.has(k) && v && 'default' in v)) return true;
  }
  return Object.entries(node).some(([k, v]) => k !== 'properties' && hasDefaulted(v)) ||
    Object.values(node.properties ?? {}).some(hasDefaulted);
}

// The output form of a schema node: defaulted properties required, decimals as strings,
// references to types whose output form differs renamed. Every reference becomes the type's
// name (`tsType`), so that a reference with its own description (schemars writes the field's
// doc beside the `$ref`) documents the field instead of being copied as a new type.
function toOutput(node, outName) {
  if (Array.isArray(node)) return node.map((n) => toOutput(n, outName));
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [k, v] of Object.entries(node)) copy[k] = k === 'default' || k === 'examples' ? v : toOutput(v, outName);
  if (typeof node.$ref === 'string') {
    const name = refName(node.$ref);
    if (node.$ref === DECIMAL_REF) return withoutRef(copy, { tsType: 'Decimal' });
    return withoutRef(copy, { tsType: outName.get(name) ?? name });
  }
  if (node.properties) {
    const required = new Set(node.required ?? []);
    for (const [k, v] of Object.entries(node.properties)) if (v && 'default' in v) required.add(k);
    copy.required = [...Object.keys(node.properties)].filter((k) => required.has(k));
  }
  return copy;
}

// Input form: decimals are strings, or JS integers where the core accepts a JSON integer.
function toInput(node) {
  if (Array.isArray(node)) return node.map(toInput);
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [k, v] of Object.entries(node)) copy[k] = k === 'default' || k === 'examples' ? v : toInput(v);
  if (node.$ref === DECIMAL_REF) return withoutRef(copy, { tsType: '(Decimal | number)' });
  if (typeof node.$ref === 'string') return withoutRef(copy, { tsType: refName(node.$ref) });
  return copy;
}

function withoutRef(node, replacement) {
  const { $ref: _ref, ...rest } = node;
  return { ...rest, ...replacement };
}

export async function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  const defs = schema.$defs;
  const inputRoots = new Set(TEMPLATE_INPUTS);
  const outputRoots = new Set();
  for (const [input, output] of Object.values(WIRE)) {
    for (const n of refsOfTs(input)) inputRoots.add(n);
    for (const n of refsOfTs(output)) outputRoots.add(n);
  }
  for (const n of [...inputRoots, ...outputRoots]) if (!defs[n]) throw new Error(`gen-types: ${n} is not in the schema`);
  const inputs = reachable(defs, inputRoots);
  const outputs = reachable(defs, outputRoots);

  // Which output forms differ from the schema's form: a defaulted property, a decimal, or a
  // reference to a type whose output form differs (to a fixed point).
  const differs = new Set(
    [...outputs].filter((n) => n !== 'DecimalString' && (hasDefaulted(defs[n]) || refsOf(defs[n]).has('DecimalString'))),
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of outputs) {
      if (!differs.has(n) && [...refsOf(defs[n])].some((r) => differs.has(r))) {
        differs.add(n);
        changed = true;
      }
    }
  }
  const outName = new Map();
  for (const n of differs) {
    const name = inputs.has(n) ? `${n}Record` : n;
    if (name !== n && defs[name]) throw new Error(`gen-types: ${name} is already a schema type`);
    outName.set(n, name);
  }

  const out = {};
  for (const [n, def] of Object.entries(defs)) {
    if (n === 'DecimalString') continue;
    const both = inputs.has(n) && differs.has(n);
    if (!differs.has(n) || both) out[n] = toInput(def);
    if (differs.has(n)) {
      const form = toOutput(def, outName);
      if (both) {
        form.description = `${def.description ? `${def.description}\n\n` : ''}As the core returns it: every field that has a default is present (the input form is \`${n}\`).`;
      }
      out[outName.get(n)] = form;
    }
  }
  const root = { title: 'WireTypes', type: 'object', additionalProperties: false, properties: {}, $defs: out };
  let wire = await compile(root, 'WireTypes', {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    format: true,
    style: { printWidth: 120, singleQuote: true },
  });
  wire = wire
    .replace(/\n \*\n \* This interface was referenced by `WireTypes`'s JSON-Schema\n \* via the `definition` "\w+"\.\n/g, '\n')
    .replace(/\/\*\*\n \* This interface was referenced by `WireTypes`'s JSON-Schema\n \* via the `definition` "\w+"\.\n \*\/\n/g, '')
    .replace(/\nexport interface WireTypes \{\}\n/, '\n')
    // Rust doc links read as plain code in TypeScript: [`Error::X`](crate::Error) -> `Error::X`.
    .replace(/\[(`[^`\]]+`)\]\([^)\s]*\)/g, '$1')
    .replace(/\[(`[^`\]]+`)\](?!\()/g, '$1');
  if (/referenced by `WireTypes`/.test(wire)) throw new Error('gen-types: a generator comment was left in');

  const functionTypes = (functions) => {
    const ts = (spec) => spec.replace(/\$(\w+)/g, (_, n) => n);
    const tsOut = (spec) => spec.replace(/\$(\w+)/g, (_, n) => outName.get(n) ?? n);
    const union = (items) => items.map((x) => `  | '${x}'`).join('\n');
    return [
      '/** Every stable error code (`internal`: a bug of o2okit, a panic or trap of the module). */',
      `export type ErrorCode =\n${union([...ERROR_CODES, 'internal'])};`,
      '',
      '/** The wire names of the functions `call` knows. */',
      `export type FunctionName =\n${union(functions)};`,
      '',
      '/** The input of each wire function. */',
      `export interface FunctionInputs {\n${functions.map((f) => `  '${f}': ${ts(WIRE[f][0])};`).join('\n')}\n}`,
      '',
      '/** The output of each wire function. */',
      `export interface FunctionOutputs {\n${functions.map((f) => `  '${f}': ${tsOut(WIRE[f][1])};`).join('\n')}\n}`,
    ].join('\n');
  };

  const template = readFileSync(TEMPLATE, 'utf8');
  const blocks = template.split(/^(?=\/\/@@ )/m);
  blocks.shift(); // the file's own header comment
  const files = {};
  for (const { file, functions } of ENTRIES) {
    for (const f of functions) if (!WIRE[f]) throw new Error(`gen-types: no input/output for ${f}`);
    for (const f of Object.keys(WIRE)) if (!FUNCTIONS.includes(f)) throw new Error(`gen-types: ${f} is not a wire function`);
    const wanted = new Set(functions);
    const api = blocks
      .filter((b) => {
        const names = b.slice(4, b.indexOf('\n')).split(',').map((s) => s.trim());
        return names.includes('*') || names.some((n) => wanted.has(n));
      })
      .map((b) => b.slice(b.indexOf('\n') + 1))
      .join('')
      .replace('/*@generated ErrorCode, FunctionName, FunctionInputs, FunctionOutputs@*/', functionTypes(functions));
    files[file] = [
      '// Type declarations of the npm package `o2okit`. Generated by tools/gen-types.mjs from the',
      "// core's JSON Schema (schema/o2okit.schema.json) and the hand-written API in types/api.d.ts:",
      '// do not edit; run `node tools/gen-types.mjs` (test/types.test.mjs fails when it is stale).',
      '',
      '// ---- Wire types (from the JSON Schema) ----',
      '',
      wire.trim(),
      '',
      '// ---- API (types/api.d.ts) ----',
      '',
      api.trim(),
      '',
    ]
      .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
      .join('\n');
  }
  return files;
}

// Schema type names in a TypeScript spec of WIRE (`$Name`) or in a hand-written input type.
function refsOfTs(spec) {
  return [...spec.matchAll(/\$(\w+)/g)].map((m) => m[1]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await generate();
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(files)) {
    const path = `${HERE}${file}`;
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {}
      if (current !== text) {
        console.error(`${file} is stale: run node tools/gen-types.mjs`);
        stale += 1;
      } else console.log(`${file}: up to date`);
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${file} (${text.split('\n').length} lines)`);
    }
  }
  if (stale) process.exit(1);
}
