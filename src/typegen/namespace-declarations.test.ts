// Lean output: parameters and shapes several tools share are declared once, and the result still type-checks calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileDeclarations } from '../../test/helpers/compile-declarations.ts';
import { buildCatalog } from '../catalog/build-catalog.ts';
import type { ToolDefinition } from '../upstream/types.ts';
import { generateDeclarations } from './generate-declarations.ts';

const owner = { type: 'string', description: 'Repository owner' };
const repo = { type: 'string', description: 'Repository name' };
const page = { type: 'number', description: 'Page number', minimum: 1 };

function tool(name: string, properties: Record<string, unknown>, required: string[] = []): ToolDefinition {
  return { name, description: `The ${name} tool.`, inputSchema: { type: 'object', properties, required } };
}

const declare = (tools: ToolDefinition[], server = 'github') =>
  generateDeclarations(buildCatalog([{ server, tools }]));

test('parameters the same tools take the same way form one interface; optional takers use Partial<>', () => {
  const declarations = declare([
    tool('get_issue', { owner, repo, number: { type: 'number' } }, ['owner', 'repo', 'number']),
    tool('list_issues', { owner, repo, page }, ['owner', 'repo']),
    tool('list_commits', { owner, repo, page }, ['owner', 'repo']),
    tool('search', { owner, repo, page, q: { type: 'string' } }, ['q']),
  ]);
  assert.match(
    declarations,
    /interface OwnerRepo \{\n \/\*\* Repository owner \*\/ owner: string;\n \/\*\* Repository name \*\/ repo: string;\n\}/,
  );
  assert.match(declarations, /interface Page \{ \/\*\* Page number @minimum 1 \*\/ page\?: number \}/);
  assert.match(declarations, /function get_issue\(input: OwnerRepo & \{ number: number \}\)/);
  assert.match(declarations, /function list_issues\(input: OwnerRepo & Page\)/);
  assert.match(declarations, /function search\(input: Partial<OwnerRepo> & Page & \{ q: string \}\)/);
  const good = `await github.list_issues({ owner: 'a', repo: 'b', page: 2 }); await github.search({ q: 'x' });`;
  assert.deepEqual(compileDeclarations(declarations, good), []);
  const errors = compileDeclarations(declarations, `await github.list_issues({ owner: 'a', repoo: 'b' });`);
  assert.match(errors.join('\n'), /'repoo' does not exist/);
});

test('a $defs entry several tools use is declared once, by its name', () => {
  const richText = {
    type: 'object',
    description: 'Formatted text',
    properties: {
      content: { type: 'string' },
      bold: { type: 'boolean' },
      link: { type: ['string', 'null'] },
    },
    required: ['content'],
  };
  const withDefs = (properties: Record<string, unknown>) => ({
    type: 'object' as const,
    properties,
    $defs: { richText },
  });
  const tools: ToolDefinition[] = [
    {
      name: 'create_page',
      inputSchema: withDefs({ title: { type: 'array', items: { $ref: '#/$defs/richText' } } }),
    },
    { name: 'append', inputSchema: withDefs({ text: { $ref: '#/$defs/richText' } }) },
    { name: 'comment', inputSchema: withDefs({ body: { $ref: '#/$defs/richText' } }) },
  ];
  const declarations = declare(tools, 'notion');
  assert.equal(declarations.match(/content: string/g)?.length, 1, declarations);
  assert.match(declarations, /type RichText = \{/);
  assert.match(declarations, /title\?: RichText\[\]/);
  assert.match(declarations, /\/\*\* Formatted text \*\/ text\?: RichText/);
  assert.deepEqual(
    compileDeclarations(declarations, `await notion.append({ text: { content: 'hi' } });`),
    [],
  );
});

test("an output that repeats an input's item type names it after the property (memory's entities)", () => {
  const entity = {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'The name of the entity' },
      observations: { type: 'array', items: { type: 'string' } },
    },
    required: ['name', 'observations'],
  };
  const entities = { type: 'object', properties: { entities: { type: 'array', items: entity } } };
  const declarations = declare(
    [
      { name: 'create_entities', inputSchema: entities, outputSchema: entities },
      { name: 'read_graph', inputSchema: { type: 'object', properties: {} }, outputSchema: entities },
    ],
    'memory',
  );
  assert.match(declarations, /type Entity = \{/);
  assert.match(
    declarations,
    /function create_entities\(input\?: \{ entities\?: Entity\[\] \}\): Promise<\{ entities\?: Entity\[\] \}>;/,
  );
  assert.match(declarations, /function read_graph\(input\?: \{\}\)/);
});

test('short shapes stay inline, and names never shadow what the declarations use', () => {
  const small = { type: 'object', properties: { id: { type: 'string' } } };
  const big = {
    type: 'object',
    properties: { first: { type: 'string' }, second: { type: 'number' }, third: { type: 'boolean' } },
  };
  const outputSchema = { type: 'object', properties: { record: small, promise: big } };
  const declarations = declare(['one', 'two', 'three'].map((name) => ({ ...tool(name, {}), outputSchema })));
  assert.doesNotMatch(declarations, /type Record\b/);
  assert.match(declarations, /record\?: \{ id\?: string \}/);
  assert.match(declarations, /type PromiseType = \{/);
  assert.deepEqual(compileDeclarations(declarations), []);
});

test('annotations and observed results become tags on the tool', () => {
  const catalog = buildCatalog([
    {
      server: 's',
      tools: [
        { ...tool('read', {}), annotations: { readOnlyHint: true } },
        { ...tool('drop', {}), annotations: { destructiveHint: true } },
      ],
    },
  ]);
  const declarations = generateDeclarations(catalog, {
    observed: (_server, name) => (name === 'read' ? { type: '{\n id: number;\n}', calls: 3 } : undefined),
  });
  assert.match(
    declarations,
    /\/\*\* The read tool\. @observed result type from 3 calls, not declared by the server: fields may be missing \*\//,
  );
  assert.match(declarations, /function read\(input\?: \{\}\): Promise<\{\n id: number;\n\}>;/);
  assert.match(declarations, /\/\*\* The drop tool\. @destructive \*\//);
});

test('the same catalog gives byte-identical declarations, whatever was generated before', () => {
  const tools = [
    tool('a', { owner, repo }, ['owner']),
    tool('b', { owner, repo }),
    tool('c', { owner, repo }),
  ];
  const first = declare(tools);
  declare([tool('other', { owner })]);
  assert.equal(declare(structuredClone(tools)), first);
});
