import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compileDeclarations } from '../../test/helpers/compile-declarations.ts';
import { buildCatalog } from '../catalog/build-catalog.ts';
import type { ToolDefinition } from '../upstream/types.ts';
import { declarationsForTools, generateDeclarations } from './generate-declarations.ts';

const GITHUB_FIXTURE = new URL('../../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);

/** Tools whose names and schemas try every way to break the generated text. */
const HOSTILE_TOOLS: ToolDefinition[] = [
  {
    name: 'delete',
    description: 'Ends the comment early */ declare const pwned: 1; /* and goes on',
    inputSchema: {
      type: 'object',
      properties: {
        'weird key': { type: 'string', description: '*/ oops' },
        '3d': { type: 'number' },
        nested: { type: 'object', properties: { deep: { $ref: '#' } } },
        choice: { oneOf: [{ const: 'a"b' }, { type: 'array', items: { type: ['string', 'null'] } }] },
      },
      required: ['weird key'],
    },
    outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
  },
  { name: 'get-sum', inputSchema: { type: 'object' } },
  {
    name: 'no-schema-keywords',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
  },
];

test('declarations of hostile names and schemas compile, and the program sees their types', () => {
  const catalog = buildCatalog([{ server: 'class', tools: HOSTILE_TOOLS }]);
  for (const detail of ['full', 'compact'] as const) {
    const declarations = generateDeclarations(catalog, { detail });
    assert.deepEqual(compileDeclarations(declarations), [], declarations);
    assert.doesNotMatch(declarations, /^declare const pwned/m);
  }
  const declarations = generateDeclarations(catalog);
  assert.match(declarations, /declare namespace class_ \{/);
  assert.match(declarations, /function delete_\(input: \{/);
  assert.match(declarations, /MCP tool "get-sum"/);
  const good = `const r = await class_.delete_({ 'weird key': 'x' });\nconst ok: boolean = r.ok;\nreturn ok;`;
  assert.deepEqual(compileDeclarations(declarations, good), []);
  const bad = `const r = await class_.delete_({});\nconst n: number = r.ok;\nreturn n;`;
  const errors = compileDeclarations(declarations, bad);
  assert.ok(
    errors.some((e) => e.includes('weird key')),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => e.includes("'boolean' is not assignable to type 'number'")),
    errors.join('\n'),
  );
});

test('the prelude declares ToolError and console the way programs use them', () => {
  const declarations = generateDeclarations(buildCatalog([]));
  const program = `try { console.log({ a: 1 }); } catch (error) { if (error instanceof ToolError) return error.server + error.tool; }\nreturn 1;`;
  assert.deepEqual(compileDeclarations(declarations, program), []);
});

test('declarationsForTools gives the same text for a tool as the full declarations', () => {
  const catalog = buildCatalog([{ server: 'calc', tools: HOSTILE_TOOLS }]);
  const [first] = catalog.servers[0]?.tools ?? [];
  assert.ok(first);
  const one = declarationsForTools([first]);
  assert.ok(generateDeclarations(catalog).includes(one.split('\n').slice(1, -2).join('\n')));
});

test(
  "GitHub's 117 real tools compile in both details",
  {
    skip: existsSync(GITHUB_FIXTURE)
      ? false
      : 'needs ../shared/fixtures (present in CI, not in a fresh clone)',
  },
  () => {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    const catalog = buildCatalog([{ server: 'github', tools }]);
    assert.equal(catalog.servers[0]?.tools.length, 117);
    for (const detail of ['full', 'compact'] as const) {
      assert.deepEqual(compileDeclarations(generateDeclarations(catalog, { detail })), []);
    }
  },
);

test('recursive $refs become named type aliases that compile and type-check a nested value', () => {
  const tools: ToolDefinition[] = [
    {
      name: 'create-page',
      inputSchema: {
        type: 'object',
        properties: { root: { $ref: '#/$defs/block' }, parent: { $ref: '#' } },
        $defs: {
          block: {
            type: 'object',
            properties: {
              text: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/$defs/block' } },
            },
            required: ['text'],
          },
        },
      },
    },
  ];
  const declarations = generateDeclarations(buildCatalog([{ server: 'notion', tools }]));
  assert.match(
    declarations,
    /type Create_page_block = \{\s+text: string;\s+children\?: Create_page_block\[\];\s+\};/,
  );
  assert.match(declarations, /type Create_page_Self = /);
  const nested =
    'await notion.create_page({ root: { text: "a", children: [{ text: "b", children: [{ text: "c" }] }] } });';
  assert.deepEqual(compileDeclarations(declarations, nested), []);
  const wrong = 'await notion.create_page({ root: { text: "a", children: [{ txt: "b" }] } });';
  assert.match(
    compileDeclarations(declarations, wrong).join('\n'),
    /'txt' does not exist in type 'Create_page_block'/,
  );
});
