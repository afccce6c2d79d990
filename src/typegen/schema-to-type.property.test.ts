// Property-based: any schema a server might send gives declarations that compile and never throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileDeclarations } from '../../test/helpers/compile-declarations.ts';
import { buildCatalog } from '../catalog/build-catalog.ts';
import { generateDeclarations } from './generate-declarations.ts';

/** Text as servers write it, including the characters that could break out of a comment or a string. */
const text = fc.oneof(
  fc.string(),
  fc.constantFrom('*/', '/*', '\\', '"', '`', '\n', '${x}', '</script>', '\u2028'),
);
const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'delete', 'a-b', '0x'),
);

const { schema } = fc.letrec<{ schema: unknown; leaf: unknown }>((tie) => ({
  leaf: fc.oneof(
    fc.record(
      { type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'null') },
      { requiredKeys: [] },
    ),
    fc.record({
      enum: fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    fc.record({ const: fc.oneof(fc.string(), fc.integer()) }),
    fc.constant({ $ref: '#/$defs/node' }),
    fc.constant({ $ref: '#/definitions/missing' }),
    fc.constantFrom(true, false, {}, { type: ['string', 'null'] }, { nullable: true, type: 'string' }),
    fc.record(
      {
        type: fc.constantFrom('string', 'integer'),
        format: text,
        pattern: text,
        minimum: fc.integer(),
        default: fc.jsonValue(),
        deprecated: fc.boolean(),
        title: text,
      },
      { requiredKeys: ['type'] },
    ),
  ),
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record(
      {
        type: fc.constant('object'),
        description: text,
        properties: fc.dictionary(name, tie('schema'), { maxKeys: 4 }),
        required: fc.array(name, { maxLength: 3 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record(
      {
        type: fc.constant('object'),
        nullable: fc.boolean(),
        patternProperties: fc.dictionary(text, tie('schema'), { maxKeys: 2 }),
        required: fc.array(name, { maxLength: 2 }),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.constant('array'), items: tie('schema') }, { requiredKeys: ['type'] }),
    fc.record(
      {
        prefixItems: fc.array(tie('schema'), { maxLength: 3 }),
        items: fc.oneof(fc.boolean(), tie('schema')),
        minItems: fc.integer({ min: -1, max: 4 }),
      },
      { requiredKeys: ['prefixItems'] },
    ),
    fc.record(
      {
        type: fc.constant('array'),
        items: fc.array(tie('schema'), { maxLength: 3 }),
        additionalItems: tie('schema'),
      },
      { requiredKeys: ['type', 'items'] },
    ),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
  ),
}));

const tool = fc.record({
  name: fc.string({ minLength: 1, maxLength: 16 }),
  description: text,
  inputSchema: fc.record({
    type: fc.constant('object' as const),
    properties: fc.dictionary(name, schema, { maxKeys: 5 }),
    $defs: fc.record({ node: schema }),
  }),
  outputSchema: fc.option(
    fc.record({
      type: fc.constant('object' as const),
      properties: fc.dictionary(name, schema, { maxKeys: 3 }),
    }),
    { nil: undefined },
  ),
});

test('random schemas: declarations are generated, deterministic, and compile', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(tool, {
        minLength: 1,
        maxLength: 4,
        selector: (t) => t.name.replace(/[^A-Za-z0-9_$]/g, '_'),
      }),
      (generated) => {
        // A copy of the first tool under another name: shapes and parameters that repeat get shared.
        const [first] = generated;
        const tools = first ? [...generated, { ...first, name: `${first.name}_copy` }] : generated;
        let catalog;
        try {
          catalog = buildCatalog([{ server: 'random', tools: tools }]);
        } catch {
          return; // two names that sanitize to one identifier: a NAME_COLLISION, tested elsewhere
        }
        for (const detail of ['full', 'compact'] as const) {
          const declarations = generateDeclarations(catalog, { detail });
          assert.equal(generateDeclarations(catalog, { detail }), declarations);
          assert.deepEqual(compileDeclarations(declarations), [], declarations);
        }
      },
    ),
    // FAST_CHECK_RUNS=1000 for a longer hunt than the suite can afford.
    { numRuns: Number(process.env.FAST_CHECK_RUNS ?? 60) },
  );
});
