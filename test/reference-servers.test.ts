// The library API against the real reference servers from npm: their declarations compile, and programs use them,
// over stdio and (server-everything) over Streamable HTTP.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { compileDeclarations } from './helpers/compile-declarations.ts';
import { temporaryDirectory } from './helpers/run-cli.ts';
import {
  everythingServer,
  filesystemServer,
  type HttpFixture,
  memoryServer,
  startEverythingHttp,
} from './fixtures/upstream/servers.ts';

let directory: string;
let files: string;
let everythingHttp: HttpFixture;
let codemode: CodeMode;

before(async () => {
  directory = temporaryDirectory('reference');
  files = join(directory, 'files');
  mkdirSync(files);
  for (const [name, amount] of [
    ['a.csv', 3],
    ['b.csv', 4],
  ] as const) {
    writeFileSync(
      join(files, name),
      `item,amount\n${Array.from({ length: amount }, (_, i) => `x${i},${i + 1}`).join('\n')}\n`,
    );
  }
  everythingHttp = await startEverythingHttp('streamableHttp');
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        memory: memoryServer(join(directory, 'memory.jsonl')),
        filesystem: filesystemServer(files),
        everything: everythingServer(),
        'everything-http': { url: everythingHttp.url },
      },
    },
  });
});

after(async () => {
  await codemode?.close();
  await everythingHttp?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('declarations of the reference servers', () => {
  for (const server of ['memory', 'filesystem', 'everything', 'everything-http']) {
    test(`${server} compiles with tsc, in full and compact detail`, () => {
      for (const detail of ['full', 'compact'] as const) {
        const declarations = codemode.types({ server, detail });
        assert.match(declarations, /declare namespace \w+ \{/);
        assert.deepEqual(compileDeclarations(declarations), []);
      }
    });
  }

  test('a typed program against all of them type-checks, and a wrong one does not', () => {
    const declarations = codemode.types();
    const program = `
      const graph = await memory.read_graph({});
      const names: string[] = graph.entities.map((entity) => entity.name);
      const listing = await filesystem.list_directory({ path: '.' });
      return { names, listing, sum: await everything_http.get_sum({ a: 1, b: 2 }) };`;
    assert.deepEqual(compileDeclarations(declarations, program), []);
    const wrong = `await memory.create_entities({ entities: [{ name: 1 }] });`;
    assert.notDeepEqual(compileDeclarations(declarations, wrong), []);
  });
});

describe('programs against the reference servers', () => {
  test('memory: create entities and relations, then query the graph', async () => {
    const outcome = await codemode.execute(`
      await memory.create_entities({ entities: ['Ada', 'Charles'].map((name) => ({ name, entityType: 'person', observations: [] })) });
      await memory.create_relations({ relations: [{ from: 'Ada', to: 'Charles', relationType: 'worked with' }] });
      const found = await memory.search_nodes({ query: 'Ada' });
      return { entities: found.entities.map((e) => e.name), relations: (await memory.read_graph({})).relations.length };`);
    assert.deepEqual(outcome, {
      ...outcome,
      ok: true,
      result: { entities: ['Ada'], relations: 1 },
      toolCalls: 4,
    });
  });

  test('filesystem: read every file and aggregate in the program', async () => {
    const outcome = await codemode.execute(`
      const root = ${JSON.stringify(files)};
      const { content } = await filesystem.list_directory({ path: root });
      const names = content.split('\\n').filter((line) => line.startsWith('[FILE]')).map((line) => line.slice(7));
      const texts = await Promise.all(names.map((name) => filesystem.read_text_file({ path: root + '/' + name })));
      let total = 0;
      for (const { content } of texts) for (const row of content.trim().split('\\n').slice(1)) total += Number(row.split(',')[1]);
      return { files: names.length, total };`);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.deepEqual(outcome.ok && outcome.result, { files: 2, total: 1 + 2 + 3 + (1 + 2 + 3 + 4) });
  });

  test('everything over Streamable HTTP: tools answer, and a failing call is a catchable ToolError', async () => {
    const outcome = await codemode.execute(`
      const sum = await everything_http.get_sum({ a: 20, b: 22 });
      let caught = null;
      try { await filesystem.read_text_file({ path: '/etc/passwd' }); }
      catch (error) { caught = { toolError: error instanceof ToolError, server: error.server, tool: error.tool }; }
      return { sum, caught };`);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    const result = (outcome.ok ? outcome.result : {}) as { sum: unknown; caught: unknown };
    assert.match(JSON.stringify(result.sum), /42/);
    assert.deepEqual(result.caught, { toolError: true, server: 'filesystem', tool: 'read_text_file' });
  });
});
