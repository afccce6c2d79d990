import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compileDeclarations } from '../../test/helpers/compile-declarations.ts';
import { buildCatalog } from '../catalog/build-catalog.ts';
import type { ToolDefinition } from '../upstream/types.ts';
import { PRELUDE_DECLARATIONS, declarationsForTools, generateDeclarations } from './generate-declarations.ts';

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
  // `$ref: "#"` makes the input a recursive type: declared once by name.
  assert.match(declarations, /type DeleteInput = \{/);
  assert.match(declarations, /function delete_\(input: DeleteInput\)/);
  // A name changed beyond `-` -> `_` is noted; `get-sum` -> `get_sum` is not.
  assert.match(declarations, /@mcpName "delete"/);
  assert.doesNotMatch(declarations, /@mcpName "get-sum"/);
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

test('declarationsForTools: a subset of tools is complete on its own, and like the whole where nothing is shared', () => {
  const catalog = buildCatalog([{ server: 'calc', tools: HOSTILE_TOOLS }]);
  const tools = catalog.servers[0]?.tools ?? [];
  for (const tool of tools) {
    const alone = declarationsForTools([tool]);
    assert.deepEqual(compileDeclarations(`${PRELUDE_DECLARATIONS}\n${alone}`), [], alone);
  }
  const last = tools.at(-1);
  assert.ok(last);
  const body = declarationsForTools([last]).split('\n').slice(1, -2).join('\n');
  assert.ok(generateDeclarations(catalog).includes(body));
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
  assert.match(declarations, /type Block = \{ text: string; children\?: Block\[\] \};/);
  // `$ref: "#"`: the tool's input refers to itself, named after the tool.
  assert.match(declarations, /type CreatePageInput = \{ root\?: Block; parent\?: CreatePageInput \};/);
  assert.match(declarations, /function create_page\(input\?: CreatePageInput\)/);
  const nested =
    'await notion.create_page({ root: { text: "a", children: [{ text: "b", children: [{ text: "c" }] }] } });';
  assert.deepEqual(compileDeclarations(declarations, nested), []);
  const wrong = 'await notion.create_page({ root: { text: "a", children: [{ txt: "b" }] } });';
  assert.match(compileDeclarations(declarations, wrong).join('\n'), /'txt' does not exist in type 'Block'/);
});

test('schemas built in code (a cycle, a BigInt) still give declarations that compile', () => {
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.properties = { self: cyclic, big: { type: 'number', maximum: 10n } };
  // Not through buildCatalog, whose version digest is JSON: the generator alone must cope.
  const tools = ['a', 'b', 'c'].map((name) => ({
    server: 'code',
    namespace: 'code',
    method: name,
    definition: {
      name,
      inputSchema: { type: 'object', properties: { shared: cyclic, plain: { type: 'string' } } },
    },
  }));
  const declarations = declarationsForTools(tools);
  assert.match(declarations, /function a\(/);
  assert.deepEqual(compileDeclarations(`${PRELUDE_DECLARATIONS}\n${declarations}`), []);
});

test('recursion TypeScript would reject as circular is cut to unknown, the rest kept', () => {
  const $defs = {
    a: { anyOf: [{ $ref: '#/$defs/b' }, { type: 'null' }] },
    b: { anyOf: [{ $ref: '#/$defs/a' }, { type: 'string' }] },
    list: { type: 'object', properties: { next: { $ref: '#/$defs/list' } } },
    nested: {
      anyOf: [{ prefixItems: [{ prefixItems: [{ $ref: '#/$defs/nested' }] }] }, { prefixItems: [] }],
    },
  };
  const properties = Object.fromEntries(
    Object.keys($defs).map((name) => [name, { $ref: `#/$defs/${name}` }]),
  );
  const declarations = generateDeclarations(
    buildCatalog([
      { server: 'r', tools: [{ name: 't', inputSchema: { type: 'object', properties, $defs } }] },
    ]),
  );
  assert.deepEqual(compileDeclarations(declarations), [], declarations);
  assert.match(declarations, /type List = \{ next\?: List \};/);
});

test('input is optional only when a call without it is valid: required keys under allOf, $ref or every oneOf count', () => {
  const schemas: Record<string, { schema: Record<string, unknown>; optional: boolean }> = {
    plain: {
      schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
      optional: false,
    },
    none: { schema: { type: 'object', properties: { a: { type: 'string' } } }, optional: true },
    all_of: {
      schema: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }] },
      optional: false,
    },
    ref: {
      schema: {
        $ref: '#/$defs/Query',
        $defs: { Query: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
      },
      optional: false,
    },
    either: {
      schema: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        oneOf: [{ required: ['id'] }, { required: ['name'] }],
      },
      optional: false,
    },
    maybe: {
      schema: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ required: ['a'] }, {}] },
      optional: true,
    },
    cycle: { schema: { $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/a' } } }, optional: true },
  };
  const tools = Object.entries(schemas).map(([name, { schema }]) => ({ name, inputSchema: schema }));
  const declarations = generateDeclarations(buildCatalog([{ server: 's', tools }]), { detail: 'compact' });
  for (const [name, { optional }] of Object.entries(schemas)) {
    assert.match(declarations, new RegExp(`function ${name}\\(input${optional ? '\\?' : ''}: `), name);
  }
  // A call without input is refused by the type check where the server would refuse it.
  assert.notDeepEqual(compileDeclarations(declarations, 'await s.either();'), []);
  assert.deepEqual(compileDeclarations(declarations, 'await s.either({ id: "x" }); await s.none();'), []);
});
