import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogTool } from '../catalog/types.ts';
import type { ToolDefinition } from '../upstream/types.ts';
import { createToolValidator } from './tool-validator.ts';

function tool(definition: Omit<ToolDefinition, 'name'>): CatalogTool {
  return { server: 's', namespace: 's', method: 't', definition: { name: 't', ...definition } };
}

const entities = tool({
  inputSchema: {
    type: 'object',
    properties: {
      entities: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, kind: { enum: ['person', 'place'] } },
          required: ['name'],
          additionalProperties: false,
        },
      },
      'page-size': { type: 'integer', minimum: 1 },
    },
    required: ['entities'],
  },
});

test('arguments that fit pass; each misfit names its path in the arguments and what was expected', () => {
  const validator = createToolValidator();
  assert.equal(validator.checkInput(entities, { entities: [{ name: 'Ada', kind: 'person' }] }), undefined);
  assert.equal(validator.checkInput(entities, {}), 'input.entities is required');
  assert.equal(
    validator.checkInput(entities, { entities: [{ name: 7 }] }),
    'input.entities[0].name must be string (got number)',
  );
  assert.equal(
    validator.checkInput(entities, { entities: [{ name: 'a', kind: 'thing' }] }),
    'input.entities[0].kind must be one of "person", "place"',
  );
  assert.equal(
    validator.checkInput(entities, { entities: [{ name: 'a', nme: 'b' }] }),
    'input.entities[0] has no property "nme"',
  );
  assert.equal(
    validator.checkInput(entities, { entities: [], 'page-size': 0 }),
    'input["page-size"] must be >= 1',
  );
});

test('more than three misfits are counted, not listed', () => {
  const message = createToolValidator().checkInput(entities, {
    entities: [{ name: 1 }, { name: 2 }, { name: 3 }, { name: 4 }, { name: 5 }],
  });
  assert.match(message ?? '', /^input\.entities\[0\]\.name must be string .*; and 2 more$/);
});

test('draft 2020-12 schemas are read as 2020-12 (prefixItems), others as draft-07', () => {
  const pair = tool({
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] } },
    },
  });
  const validator = createToolValidator();
  assert.equal(validator.checkInput(pair, { point: [1, 2] }), undefined);
  assert.equal(validator.checkInput(pair, { point: [1, 'x'] }), 'input.point[1] must be number (got string)');
});

test('outputs are checked against outputSchema; formats and unreadable schemas are never enforced', () => {
  const validator = createToolValidator();
  const counted = tool({
    inputSchema: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
    outputSchema: { type: 'object', properties: { count: { type: 'number' } }, required: ['count'] },
  });
  assert.equal(validator.checkOutput(counted, { count: 3 }), undefined);
  assert.equal(
    validator.checkOutput(counted, { count: 'three' }),
    'result.count must be number (got string)',
  );
  assert.equal(
    validator.checkInput(counted, { at: 'yesterday' }),
    undefined,
    'formats are the server’s to judge',
  );
  const broken = tool({ inputSchema: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } });
  assert.equal(
    validator.checkInput(broken, { a: 1 }),
    undefined,
    'a schema that does not compile is not enforced',
  );
  assert.equal(validator.checkOutput(tool({ inputSchema: { type: 'object' } }), 'anything'), undefined);
});
