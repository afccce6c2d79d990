import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from '../catalog/build-catalog.ts';
import type { ToolDefinition } from '../upstream/types.ts';
import { formatDiagnostics, MAX_DIAGNOSTICS } from './diagnostics.ts';
import { TypeChecker } from './type-checker.ts';

const READ_GRAPH: ToolDefinition = {
  name: 'read_graph',
  inputSchema: { type: 'object', properties: {} },
  outputSchema: {
    type: 'object',
    properties: {
      entities: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, note: {} },
          required: ['name', 'note'],
        },
      },
    },
    required: ['entities'],
  },
};
const SEARCH: ToolDefinition = {
  name: 'search',
  inputSchema: {
    type: 'object',
    properties: { query: { type: 'string' }, mode: { enum: ['fast', 'deep'] } },
    required: ['query'],
  },
};
const catalog = buildCatalog([{ server: 'notes', tools: [READ_GRAPH, SEARCH] }]);
const checker = new TypeChecker();
const body = { expression: false };

/** The messages of the diagnostics of `program` (a function body). */
function messages(program: string, options = body): string[] {
  return checker.check(program, catalog, options).map((diagnostic) => diagnostic.message);
}

test('a correct program has no diagnostics; a mistake has one, in the program’s lines and columns', () => {
  assert.deepEqual(
    messages('const g = await notes.read_graph({});\nreturn g.entities.map((e) => e.name);'),
    [],
  );
  const [diagnostic] = checker.check('const a = 1;\nconst g = await notes.read_grap({});', catalog, body);
  assert.deepEqual(
    { line: diagnostic?.line, column: diagnostic?.column, source: diagnostic?.source },
    { line: 2, column: 23, source: 'const g = await notes.read_grap({});' },
  );
  assert.match(diagnostic?.message ?? '', /'read_grap' does not exist.*Did you mean 'read_graph'\?/);
  // Where TypeScript has no suggestion, the namespace's tools are listed.
  assert.match(
    messages('await notes.list({});')[0] ?? '',
    /'list' does not exist.* notes has: read_graph, search\.$/,
  );
});

test('the checker stays warm across programs and follows a new catalog version', () => {
  const started = performance.now();
  for (let attempt = 0; attempt < 5; attempt++) messages(`return ${attempt};`);
  assert.ok(performance.now() - started < 2_000, 'five warm checks of a small program');
  assert.match(messages('return await notes.added({});')[0] ?? '', /'added' does not exist/);
  const grown = buildCatalog([
    { server: 'notes', tools: [READ_GRAPH, SEARCH, { name: 'added', inputSchema: { type: 'object' } }] },
  ]);
  assert.notEqual(grown.version, catalog.version);
  assert.deepEqual(checker.check('return await notes.added({});', grown, body), []);
  assert.match(messages('return await notes.added({});')[0] ?? '', /'added' does not exist/);
});

test('what does not fail at run time is not reported', () => {
  for (const program of [
    // An undeclared output is any for the checker; the declarations show unknown.
    'const r = await notes.search({ query: "a" });\nreturn r.items[0].title.toUpperCase();',
    // A schema property without a type is unknown: using it, or passing it on, is the host validator's business.
    'const { entities } = await notes.read_graph();\nawait notes.search({ query: entities[0].note });',
    'const { entities } = await notes.read_graph();\nreturn entities[0].note.length;',
    // A caught value is any; possibly-undefined values, implicit any and missing returns are the program's call.
    'try { await notes.search({ query: "a" }); } catch (error) { return error.message; }',
    'const first = (await notes.read_graph()).entities.find((e) => e.name === "x");\nreturn first.name;',
    'function total(rows) { return rows.length; }\nreturn total([]);',
    'let label: string;\nif (Math.random() > 2) label = "x";\nreturn label;',
    'const found = [];\nfound.push(1);\nreturn found;',
  ]) {
    assert.deepEqual(messages(program), [], program);
  }
});

test('a lone expression is typed as the engine runs it: a function is called, anything else awaited', () => {
  const expression = { expression: true };
  assert.deepEqual(messages('async () => (await notes.read_graph()).entities.length', expression), []);
  assert.deepEqual(messages('(async () => { return 4; })();', expression), []);
  assert.deepEqual(messages('async function main() {\n  return 3;\n};', expression), []);
  const [diagnostic] = checker.check('async () => { await notes.read_grap(); }', catalog, expression);
  assert.deepEqual([diagnostic?.line, diagnostic?.column], [1, 27], 'columns on line 1 exclude the wrapper');
});

test('advice about a project setup becomes what is true in the sandbox', () => {
  for (const name of ['require("fs")', 'process.env', 'fetch("https://x")', 'Buffer.from("x")']) {
    assert.match(messages(`return ${name};`)[0] ?? '', /^Cannot find name '\w+'\. Programs run in a bare V8/);
  }
  assert.match(
    messages('return Promise.try(() => 1);')[0] ?? '',
    /'try' does not exist on type 'PromiseConstructor'\. The sandbox does not have it: its built-ins are ES2024/,
  );
  assert.match(messages('return notes.read_graph().entities;')[0] ?? '', /Did you forget to use 'await'\?$/);
  assert.match(
    messages('const [g] = notes.read_graph();')[0] ?? '',
    /Symbol\.iterator.*Did you forget to use 'await'\?$/,
  );
  assert.doesNotMatch(
    messages('const p: Promise<string> = notes.read_graph().then(() => 1);')[0] ?? '',
    /await/,
    'a Promise where another Promise is expected is not a missing await',
  );
  assert.match(
    messages('return await note.read_graph();')[0] ?? '',
    /Cannot find name 'note'\. Did you mean 'notes'\?/,
  );
  assert.match(
    messages('return await github.list();')[0] ?? '',
    /Cannot find name 'github'\. Servers: notes\./,
  );
});

test('the text lists at most MAX_DIAGNOSTICS diagnostics, each with its line', () => {
  const program = Array.from({ length: MAX_DIAGNOSTICS + 2 }, (_, index) => `nope${index}();`).join('\n');
  const text = formatDiagnostics(checker.check(program, catalog, body));
  assert.match(text, /^line 1, column 1: Cannot find name 'nope0'\..*\n {2}1 \| nope0\(\);/);
  assert.match(text, /… and 2 more$/);
});
