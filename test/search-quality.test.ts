// Search quality: natural-language queries a user would ask, with the intended tool in the top 3.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { searchIndexOf } from '../src/catalog/search-index.ts';
import type { Catalog } from '../src/catalog/types.ts';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import { everythingServer, filesystemServer, memoryServer } from './fixtures/upstream/servers.ts';
import { temporaryDirectory } from './helpers/run-cli.ts';

const GITHUB_FIXTURE = new URL('../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);
const GITHUB_QUERIES = new URL('./fixtures/search/github-queries.json', import.meta.url);
const REQUIRED_TOP3_SHARE = 0.9;

/** Runs the queries; returns the misses as readable lines and the share found in the top 3. */
function top3(catalog: Catalog, queries: [query: string, tool: string][]) {
  const index = searchIndexOf(catalog);
  const misses: string[] = [];
  for (const [query, expected] of queries) {
    const names = index.search(query, { limit: 3 }).map((hit) => hit.tool.definition.name);
    if (!names.includes(expected)) misses.push(`"${query}" -> ${names.join(', ')} (wanted ${expected})`);
  }
  return { misses, share: 1 - misses.length / queries.length };
}

test(
  "GitHub's 117 tools: at least 90% of 40 queries find their tool in the top 3",
  {
    skip: existsSync(GITHUB_FIXTURE)
      ? false
      : 'needs ../shared/fixtures (present in CI, not in a fresh clone)',
  },
  () => {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    const queries = JSON.parse(readFileSync(GITHUB_QUERIES, 'utf8')) as [string, string][];
    assert.ok(queries.length >= 30);
    const { misses, share } = top3(buildCatalog([{ server: 'github', tools }]), queries);
    assert.ok(
      share >= REQUIRED_TOP3_SHARE,
      `${Math.round(share * 100)}% in the top 3; misses:\n${misses.join('\n')}`,
    );
  },
);

let directory: string;
let codemode: CodeMode;
before(async () => {
  directory = temporaryDirectory('search');
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        memory: memoryServer(join(directory, 'memory.jsonl')),
        filesystem: filesystemServer(directory),
        everything: everythingServer(),
      },
    },
  });
});
after(async () => {
  await codemode?.close();
});

test('the reference servers (installed by npm): at least 90% of queries find their tool in the top 3', () => {
  const queries: [string, string][] = [
    ['remember a new person in the knowledge graph', 'create_entities'],
    ['link two entities with a relation', 'create_relations'],
    ['add facts about an existing entity', 'add_observations'],
    ['dump the whole knowledge graph', 'read_graph'],
    ['find nodes matching a word', 'search_nodes'],
    ['forget an entity', 'delete_entities'],
    ['read a text file', 'read_text_file'],
    ['write text to a file', 'write_file'],
    ['make a new folder', 'create_directory'],
    ['list what is in a directory', 'list_directory'],
    ['move or rename a file', 'move_file'],
    ['find files matching a glob pattern', 'search_files'],
    ['size and modification time of a file', 'get_file_info'],
    ['which directories am I allowed to access', 'list_allowed_directories'],
    ['add two numbers', 'get-sum'],
    ['echo a message back', 'echo'],
  ];
  const { misses, share } = top3(codemode.catalog(), queries);
  assert.ok(
    share >= REQUIRED_TOP3_SHARE,
    `${Math.round(share * 100)}% in the top 3; misses:\n${misses.join('\n')}`,
  );
});

test('a query naming the tool exactly ranks it first, and a server filter holds', () => {
  const index = searchIndexOf(codemode.catalog());
  assert.equal(index.search('memory.read_graph')[0]?.tool.method, 'read_graph');
  assert.equal(index.search('get-sum')[0]?.tool.definition.name, 'get-sum');
  assert.ok(index.search('read', { server: 'filesystem' }).every((hit) => hit.tool.server === 'filesystem'));
  assert.deepEqual(index.search('zzzz qqqq'), []);
});
