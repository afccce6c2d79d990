import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaToType } from './schema-to-type.ts';

const compact = (schema: unknown) => schemaToType(schema, { detail: 'compact' }).replace(/\s+/g, ' ');

test('primitives, enums, consts and nullable type arrays', () => {
  assert.equal(compact({ type: 'string' }), 'string');
  assert.equal(compact({ type: 'integer' }), 'number');
  assert.equal(compact({ enum: ['a', 'b', 3, null] }), '"a" | "b" | 3 | null');
  assert.equal(compact({ const: 'x' }), '"x"');
  assert.equal(compact({ type: ['string', 'null'] }), 'string | null');
  assert.equal(compact({}), 'unknown');
  assert.equal(compact(true), 'unknown');
  assert.equal(compact(false), 'never');
});

test('objects: required, optional, quoted keys and index signatures', () => {
  const type = compact({
    type: 'object',
    properties: { id: { type: 'string' }, 'x-count': { type: 'number' } },
    required: ['id'],
  });
  assert.equal(type, '{ id: string; "x-count"?: number; }');
  assert.equal(compact({ type: 'object' }), 'Record<string, unknown>');
  assert.equal(
    compact({ type: 'object', additionalProperties: { type: 'number' } }),
    '{ [key: string]: number; }',
  );
  assert.equal(compact({ type: 'object', additionalProperties: false }), '{}');
});

test('arrays of unions are parenthesized; tuples keep their items', () => {
  assert.equal(compact({ type: 'array', items: { type: ['string', 'number'] } }), '(string | number)[]');
  assert.equal(
    compact({ type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } }),
    '{ a?: string; }[]',
  );
  assert.equal(compact({ type: 'array' }), 'unknown[]');
  assert.equal(compact({ type: 'array', prefixItems: [{ type: 'string' }], items: false }), '[string]');
});

test('anyOf, oneOf and allOf', () => {
  assert.equal(compact({ anyOf: [{ type: 'string' }, { type: 'null' }] }), 'string | null');
  assert.equal(
    compact({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } } },
        { type: 'object', properties: { b: { type: 'number' } } },
      ],
    }),
    '{ a?: string; } & { b?: number; }',
  );
});

test('local $refs resolve; recursive ones end in unknown instead of looping', () => {
  const schema = {
    type: 'object',
    properties: {
      root: { $ref: '#/$defs/node' },
      legacy: { $ref: '#/definitions/leaf' },
      remote: { $ref: 'https://x/y' },
    },
    $defs: {
      node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } },
    },
    definitions: { leaf: { type: 'boolean' } },
  };
  assert.equal(compact(schema), '{ root?: { children?: unknown[]; }; legacy?: boolean; remote?: unknown; }');
});

test('descriptions become JSDoc in full detail, with */ defused', () => {
  const type = schemaToType(
    {
      type: 'object',
      properties: { q: { type: 'string', description: 'A query */ console.log(1) /*', default: 'x' } },
    },
    { detail: 'full' },
  );
  assert.match(type, /\/\*\* A query \*\\\/ console\.log\(1\) \/\* @default "x" \*\/ q\?: string;/);
  assert.equal(type.match(/\*\//g)?.length, 1, 'exactly one comment end');
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
  assert.equal(type, '({ a?: string; } | null)[]');
});

test('anyOf that only adds required lists keeps the object type', () => {
  const type = compact({
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'string' } },
    anyOf: [{ required: ['a'] }, { required: ['b'] }],
  });
  assert.equal(type, '{ a?: string; b?: string; }');
});
