import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaToType } from './schema-to-type.ts';

const compact = (schema: unknown) => schemaToType(schema, { detail: 'compact' }).replace(/\s+/g, ' ');
const full = (schema: unknown) => schemaToType(schema, { detail: 'full' });

test('primitives, enums, consts, type arrays and OpenAPI nullable', () => {
  assert.equal(compact({ type: 'string' }), 'string');
  assert.equal(compact({ type: 'integer' }), 'number');
  assert.equal(compact({ enum: ['a', 'b', 3, null] }), '"a"|"b"|3|null');
  assert.equal(compact({ const: 'x' }), '"x"');
  assert.equal(compact({ type: ['string', 'null'] }), 'string | null');
  assert.equal(compact({ type: 'string', nullable: true }), 'string | null');
  assert.equal(compact({ enum: ['a'], nullable: true }), '"a"|null');
  assert.equal(compact({}), 'unknown');
  assert.equal(compact(true), 'unknown');
  assert.equal(compact(false), 'never');
});

test('objects: required, optional, quoted keys, index signatures and patternProperties', () => {
  const type = compact({
    type: 'object',
    properties: { id: { type: 'string' }, 'x-count': { type: 'number' } },
    required: ['id'],
  });
  assert.equal(type, '{ id: string; "x-count"?: number }');
  assert.equal(compact({ type: 'object' }), 'Record<string, unknown>');
  assert.equal(
    compact({ type: 'object', additionalProperties: { type: 'number' } }),
    '{ [key: string]: number }',
  );
  assert.equal(compact({ type: 'object', additionalProperties: false }), 'Record<string, never>');
  assert.equal(
    compact({ type: 'object', patternProperties: { '^x-': { type: 'string' } } }),
    '{ [key: string]: string }',
  );
  assert.match(
    full({ type: 'object', patternProperties: { '^x-': { type: 'string' } } }),
    /\/\*\* Keys matching \/\^x-\/ \*\/ \[key: string\]: string/,
  );
  // Named properties must fit the index signature, so it admits their types too.
  assert.equal(
    compact({
      type: 'object',
      properties: { a: { type: 'boolean' } },
      additionalProperties: { type: 'number' },
    }),
    '{ a?: boolean; [key: string]: number | boolean | undefined }',
  );
  // A required key the schema does not describe must still be there.
  assert.equal(compact({ type: 'object', required: ['id'] }), '{ id: unknown }');
});

test('arrays and tuples: prefixItems, draft-07 item arrays, minItems', () => {
  assert.equal(compact({ type: 'array', items: { type: ['string', 'number'] } }), '(string | number)[]');
  assert.equal(
    compact({ type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } }),
    '{ a?: string }[]',
  );
  assert.equal(compact({ type: 'array' }), 'unknown[]');
  assert.equal(compact({ type: 'array', prefixItems: [{ type: 'string' }], items: false }), '[string]');
  assert.equal(
    compact({
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      items: { type: 'boolean' },
      minItems: 1,
    }),
    '[string, number?, ...boolean[]]',
  );
  assert.equal(
    compact({ type: 'array', items: [{ type: 'string' }, { type: 'number' }] }),
    '[string, number]',
  );
  assert.equal(
    compact({ type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'number' } }),
    '[string, ...number[]]',
  );
});

test('anyOf, oneOf and allOf (plain objects merge into one)', () => {
  assert.equal(compact({ anyOf: [{ type: 'string' }, { type: 'null' }] }), 'string | null');
  assert.equal(
    compact({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { type: 'object', properties: { b: { type: 'number' } } },
      ],
    }),
    '{ a: string; b?: number }',
  );
  assert.equal(
    compact({ allOf: [{ type: 'object', additionalProperties: { type: 'string' } }, { required: ['a'] }] }),
    '{ [key: string]: string }',
  );
});

test('local $refs resolve; recursive ones end in unknown without a namespace to name them in', () => {
  const schema = {
    type: 'object',
    properties: {
      root: { $ref: '#/$defs/node' },
      legacy: { $ref: '#/definitions/leaf' },
      remote: { $ref: 'https://x/y' },
      broken: { $ref: '#/$defs/%E0%A4%A' },
    },
    $defs: {
      node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } },
    },
    definitions: { leaf: { type: 'boolean' } },
  };
  assert.equal(
    compact(schema),
    // Too long for one line: a member per line (whitespace collapsed here).
    '{ root?: { children?: unknown[] }; legacy?: boolean; remote?: unknown; broken?: unknown; }',
  );
});

test('descriptions become JSDoc in full detail, with */ defused, and tags for what a type cannot say', () => {
  const type = full({
    type: 'object',
    properties: { q: { type: 'string', description: 'A query */ console.log(1) /*', default: 'x' } },
  });
  assert.match(type, /\/\*\* A query \*\\\/ console\.log\(1\) \/\* @default "x" \*\/ q\?: string/);
  assert.equal(type.match(/\*\//g)?.length, 1, 'exactly one comment end');
  const tagged = full({
    type: 'object',
    properties: {
      page: { type: 'integer', minimum: 1, maximum: 100, default: 1 },
      id: { type: 'string', format: 'uuid', pattern: '^\\d+$', deprecated: true },
      flag: { type: 'boolean', default: false },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 5 },
    },
  });
  assert.match(tagged, /\/\*\* @minimum 1 @maximum 100 @default 1 \*\/ page\?: number;/);
  assert.match(tagged, /\/\*\* @format uuid @pattern \^\\d\+\$ @deprecated \*\/ id\?: string;/);
  assert.match(tagged, /\/\*\* @default false \*\/ flag\?: boolean;/);
  assert.match(tagged, /\/\*\* @maxItems 5 @uniqueItems \*\/ tags\?: string\[\];/);
});

test("a property without a description takes its definition's or its one described variant's", () => {
  const type = full({
    type: 'object',
    properties: {
      sort: { anyOf: [{ type: 'object', description: 'How to sort', properties: {} }, { type: 'string' }] },
      parent: { $ref: '#/$defs/parent' },
    },
    $defs: { parent: { type: 'string', description: 'The parent page' } },
  });
  assert.match(type, /\/\*\* How to sort \*\/ sort\?: Record<string, unknown> \| string;/);
  assert.match(type, /\/\*\* The parent page \*\/ parent\?: string;/);
});

test('a doc comment with braces or bars does not confuse union wrapping', () => {
  const type = compact({
    type: 'array',
    items: {
      anyOf: [
        { type: 'object', properties: { a: { type: 'string', description: 'x } | y' } } },
        { type: 'null' },
      ],
    },
  });
  assert.equal(type, '({ a?: string } | null)[]');
});

test('anyOf that only adds required lists keeps the object type', () => {
  const type = compact({
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'string' } },
    anyOf: [{ required: ['a'] }, { required: ['b'] }],
  });
  assert.equal(type, '{ a?: string; b?: string }');
});

test("a property's title documents it only when it says more than the property's name (Pydantic's do not)", () => {
  const type = full({
    type: 'object',
    properties: {
      max_results: { type: 'integer', title: 'Max Results', default: 10 },
      q: { type: 'string', title: 'Search terms, in any language' },
      sort: { type: 'string', title: 'Sort', description: 'Field to sort by' },
    },
  });
  assert.doesNotMatch(type, /Max Results/);
  assert.match(type, /\/\*\* @default 10 \*\/ max_results\?: number/);
  assert.match(type, /\/\*\* Search terms, in any language \*\/ q\?: string/);
  assert.match(type, /\/\*\* Field to sort by \*\/ sort\?: string/);
});

test('allOf beside a oneOf of required lists keeps the allOf type', () => {
  const type = compact({
    allOf: [
      { type: 'object', properties: { id: { type: 'string' } } },
      { type: 'object', properties: { name: { type: 'string' } } },
    ],
    oneOf: [{ required: ['id'] }, { required: ['name'] }],
  });
  assert.equal(type, '{ id?: string; name?: string }');
});

test('garbage in, a type out: nothing a server sends makes it throw', () => {
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.properties = { self: cyclic };
  for (const schema of [
    null,
    42,
    'string',
    [],
    { type: 42 },
    { type: 'object', properties: [] },
    { type: 'object', required: 'a' },
    { enum: 'a' },
    { enum: [{ a: 1 }] },
    { enum: [] },
    { anyOf: [] },
    { const: Number.NaN },
    { $ref: 5 },
    { $ref: '#/properties/__proto__' },
    { type: 'array', prefixItems: 'x', items: 7 },
    { minimum: 10n, type: 'number' },
    cyclic,
  ]) {
    assert.equal(typeof full(schema), 'string');
  }
  assert.equal(compact({ enum: [] }), 'never');
  assert.equal(compact({ const: Number.NaN }), 'number');
});
