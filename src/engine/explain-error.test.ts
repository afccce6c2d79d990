import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from '../catalog/build-catalog.ts';
import { explainError } from './explain-error.ts';

const tool = (name: string) => ({ name, inputSchema: { type: 'object' } });
const catalog = buildCatalog([
  { server: 'memory', tools: [tool('read_graph'), tool('create_entities')] },
  { server: 'filesystem', tools: [tool('read_text_file')] },
]);

test('an unknown method names the closest tool and the namespace’s tools', () => {
  const explained = explainError(
    { name: 'TypeError', message: 'memory.readGraph is not a function' },
    catalog,
  );
  assert.equal(
    explained.message,
    'memory.readGraph is not a function: no such tool (did you mean memory.read_graph?); memory has: read_graph, create_entities',
  );
});

test('an unknown namespace names the closest and lists them', () => {
  const explained = explainError({ name: 'ReferenceError', message: 'memroy is not defined' }, catalog);
  assert.equal(
    explained.message,
    'memroy is not defined (did you mean memory?); namespaces: memory, filesystem',
  );
});

test('other errors pass through untouched', () => {
  const error = { name: 'TypeError', message: 'x.y is not a function' };
  assert.equal(explainError(error, catalog), error);
  const other = { name: 'ToolError', message: 'memory.read_graph is not a function' };
  assert.equal(explainError(other, catalog), other);
});
