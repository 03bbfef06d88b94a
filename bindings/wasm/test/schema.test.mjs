// index.d.ts is hand-written; the core's JSON Schema (schema/o2okit.schema.json, generated
// from the serde types and kept current by the core's CI) is not. This test reads both and
// checks that every wire type declared in index.d.ts has exactly the schema's properties,
// optional where the schema does not require them, and that every string union lists the
// schema's values. (Property *types* are checked by hand and by test/types-check.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const SCHEMA = new URL('../../../schema/o2okit.schema.json', import.meta.url);
const DTS = new URL('../index.d.ts', import.meta.url);
const TS = fileURLToPath(new URL('../node_modules/typescript/lib/typescript.js', import.meta.url));
const skip = (!existsSync(TS) && 'typescript is not installed (run npm ci)') || (!existsSync(SCHEMA) && 'schema/o2okit.schema.json not found');

// Names of index.d.ts that are not the schema's: d.ts name -> schema $defs name.
const RENAMED = { Rfc3339: null, Decimal: null, CurrencyCode: null, ErrorCode: null, ErrorCategory: null, FunctionName: null };

function declarations(ts) {
  const source = ts.createSourceFile('index.d.ts', readFileSync(DTS, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map(); // name -> Map(property -> optional)
  const aliases = new Map(); // name -> TypeNode
  for (const node of source.statements) {
    if (ts.isInterfaceDeclaration(node)) {
      const props = new Map();
      for (const m of node.members) {
        if (ts.isPropertySignature(m)) props.set(m.name.getText(source), m.questionToken !== undefined);
      }
      interfaces.set(node.name.text, props);
    } else if (ts.isTypeAliasDeclaration(node)) {
      aliases.set(node.name.text, node.type);
    }
  }
  return { ts, source, interfaces, aliases };
}

// A type literal or interface reference as Map(property -> optional), plus its string tags.
function objectShape(decl, node) {
  const { ts, source, interfaces } = decl;
  if (ts.isTypeReferenceNode(node)) {
    const props = interfaces.get(node.typeName.getText(source));
    assert.ok(props, `${node.getText(source)} is not an interface of index.d.ts`);
    return props;
  }
  assert.ok(ts.isTypeLiteralNode(node), `unexpected type ${node.getText(source)}`);
  return new Map(node.members.map((m) => [m.name.getText(source), m.questionToken !== undefined]));
}

// The string literal a member of a tagged union gives its tag property.
function tagOf(decl, node, tag) {
  const { ts, source } = decl;
  const members = ts.isTypeReferenceNode(node)
    ? source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === node.typeName.getText(source)).members
    : node.members;
  const m = members.find((x) => x.name.getText(source) === tag);
  assert.ok(m && ts.isLiteralTypeNode(m.type), `${node.getText(source)}: no literal ${tag}`);
  return m.type.literal.text;
}

function stringLiterals(decl, node) {
  const { ts, source } = decl;
  const members = ts.isUnionTypeNode(node) ? node.types : [node];
  return members.map((t) => {
    assert.ok(ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal), `not a string literal: ${t.getText(source)}`);
    return t.literal.text;
  });
}

function schemaObject(def) {
  const required = new Set(def.required ?? []);
  return new Map(Object.keys(def.properties ?? {}).map((k) => [k, !required.has(k)]));
}

const sorted = (map) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));

test('index.d.ts declares the wire types exactly as the core\'s JSON Schema', { skip }, () => {
  const decl = declarations(require(TS));
  const { $defs: defs } = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  const checked = new Set();

  // Plain objects: same properties, same optionality.
  for (const [name, props] of decl.interfaces) {
    const def = defs[name];
    if (!def || !def.properties) continue;
    assert.deepEqual(sorted(props), sorted(schemaObject(def)), `interface ${name} (property -> optional)`);
    checked.add(name);
  }

  for (const [name, node] of decl.aliases) {
    if (name in RENAMED) continue;
    const def = defs[name];
    if (def && def.anyOf && def.anyOf.every((v) => v.$ref)) {
      // A union of named types (PayloadShape): the same names, in the same order.
      const refs = def.anyOf.map((v) => v.$ref.replace('#/$defs/', ''));
      const members = decl.ts.isUnionTypeNode(node) ? node.types : [node];
      assert.deepEqual(members.map((t) => t.getText(decl.source)), refs, `type ${name}`);
      checked.add(name);
      continue;
    }
    if (def && !def.oneOf && def.type === 'string') {
      // An open string type such as Role (a built-in name or any custom one): declared as
      // an alias; its built-in names are compared by their own test below.
      checked.add(name);
      continue;
    }
    if (!def || !def.oneOf) continue;
    checked.add(name);
    const stringEnum = def.oneOf.every((v) => v.type === 'string' && 'const' in v);
    if (stringEnum) {
      assert.deepEqual(stringLiterals(decl, node), def.oneOf.map((v) => v.const), `type ${name}`);
      continue;
    }
    // A tagged union: group the d.ts members by tag; a property is optional when some member
    // with that tag leaves it out or marks it optional (Discount splits fixed_price and
    // delivery into two members each, to say more than the schema can).
    const tag = Object.keys(def.oneOf[0].properties).find((k) => def.oneOf.every((v) => 'const' in (v.properties[k] ?? {})));
    if (!tag) {
      // An untagged union (Commission, Tolerance): told apart by their properties; each member
      // of the d.ts union is exactly one of the schema's objects, in the same order.
      const members = decl.ts.isUnionTypeNode(node) ? node.types : [node];
      assert.equal(members.length, def.oneOf.length, `${name}: one d.ts member per schema variant`);
      members.forEach((member, i) => {
        assert.deepEqual(sorted(objectShape(decl, member)), sorted(schemaObject(def.oneOf[i])), `${name} variant ${i} (property -> optional)`);
      });
      continue;
    }
    const ours = new Map();
    for (const member of decl.ts.isUnionTypeNode(node) ? node.types : [node]) {
      const value = tagOf(decl, member, tag);
      const shape = objectShape(decl, member);
      const merged = ours.get(value);
      if (!merged) {
        ours.set(value, new Map(shape));
        continue;
      }
      for (const [k, opt] of shape) merged.set(k, merged.has(k) ? merged.get(k) || opt : true);
      for (const k of merged.keys()) if (!shape.has(k)) merged.set(k, true);
    }
    const theirs = new Map(def.oneOf.map((v) => [v.properties[tag].const, schemaObject(v)]));
    assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort(), `${name}: the ${tag} values`);
    for (const [value, shape] of theirs) {
      assert.deepEqual(sorted(ours.get(value)), sorted(shape), `${name} with ${tag} ${value} (property -> optional)`);
    }
  }

  // Every wire type of the schema is declared (under its own name).
  const missing = Object.keys(defs).filter((n) => !checked.has(n) && !['Currency', 'DecimalString'].includes(n));
  assert.deepEqual(missing, [], 'schema types with no matching declaration in index.d.ts');
});

test('the discount kinds of index.d.ts are the schema\'s', { skip }, () => {
  const decl = declarations(require(TS));
  const { $defs: defs } = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  const kinds = defs.Discount.oneOf.map((v) => v.properties.type.const);
  assert.deepEqual(kinds, [
    'percent_off_items',
    'amount_off_items',
    'fixed_price',
    'nth_item',
    'buy_x_get_y',
    'member_price',
    'percent_off_order',
    'amount_off_order',
    'no_threshold',
    'threshold',
    'repeating',
    'delivery',
    'gift',
  ]);
  const node = decl.aliases.get('Discount');
  const ours = [...new Set(node.types.map((t) => tagOf(decl, t, 'type')))];
  assert.deepEqual(ours, kinds);
});

test('the built-in roles of index.d.ts are the schema\'s, and Role stays open to custom names', { skip }, () => {
  const decl = declarations(require(TS));
  const { $defs: defs } = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  assert.equal(defs.Role.type, 'string');
  const listed = defs.Role.description.match(/built-in name \(([^)]*)\)/);
  assert.ok(listed, `no list of built-in names in the schema's Role: ${defs.Role.description}`);
  const builtIn = listed[1].split(',').map((n) => n.trim());
  assert.deepEqual(stringLiterals(decl, decl.aliases.get('BuiltInRole')), builtIn);
  const role = decl.aliases.get('Role');
  assert.ok(decl.ts.isUnionTypeNode(role), 'Role is a union');
  assert.deepEqual(role.types.map((t) => t.getText(decl.source)), ['BuiltInRole', '(string & {})']);
});

test('the pay types and attribution models of index.d.ts are the schema\'s', { skip }, () => {
  const decl = declarations(require(TS));
  const { $defs: defs } = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  for (const [name, kinds] of [
    ['Pay', ['percent', 'fixed', 'percent_plus_fixed', 'tiered']],
    ['AttributionModel', ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based']],
  ]) {
    assert.deepEqual(defs[name].oneOf.map((v) => v.properties.type.const), kinds, `schema ${name}`);
    assert.deepEqual(decl.aliases.get(name).types.map((t) => tagOf(decl, t, 'type')), kinds, `index.d.ts ${name}`);
  }
});
