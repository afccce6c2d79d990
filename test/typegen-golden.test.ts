// Golden declarations of real catalogs listed live (Notion's 24 $ref-heavy tools and the reference servers): byte for
// byte what the last reviewed run produced, and they compile with tsc. `UPDATE_GOLDENS=1 npm test` rewrites them after
// an intended change; the diff is the review.
import assert from 'node:assert/strict';
import { packageBin as findPackageBin } from '../src/cli/package-bin.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { compileDeclarations } from './helpers/compile-declarations.ts';
import { temporaryDirectory } from './helpers/run-cli.ts';

const GOLDENS = new URL('./fixtures/catalogs/', import.meta.url);

function packageBin(name: string): string {
  const entry = findPackageBin(name);
  if (entry === undefined) throw new Error(`${name} is not installed`);
  return entry;
}

let codemode: CodeMode;
let directory: string;
before(async () => {
  directory = temporaryDirectory('golden');
  const server = (name: string, ...args: string[]) => ({
    command: process.execPath,
    args: [packageBin(name), ...args],
  });
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        notion: server('@notionhq/notion-mcp-server'),
        memory: {
          ...server('@modelcontextprotocol/server-memory'),
          env: { MEMORY_FILE_PATH: join(directory, 'm.jsonl') },
        },
        filesystem: server('@modelcontextprotocol/server-filesystem', directory),
        everything: server('@modelcontextprotocol/server-everything', 'stdio'),
      },
    },
    check: 'off',
    observeOutputs: false,
  });
});
after(async () => {
  await codemode?.close();
});

for (const server of ['notion', 'memory', 'filesystem', 'everything']) {
  for (const detail of ['full', 'compact'] as const) {
    test(`${server} (${detail}): matches its golden and compiles`, () => {
      const declarations = codemode.types({ server, detail });
      assert.deepEqual(compileDeclarations(declarations), []);
      const golden = new URL(`${server}.${detail}.d.ts.golden`, GOLDENS);
      if (process.env.UPDATE_GOLDENS === '1' || !existsSync(golden)) writeFileSync(golden, declarations);
      assert.equal(declarations, readFileSync(golden, 'utf8'));
    });
  }
}

test('Notion: 24 tools, with its $ref-heavy schemas expanded rather than left unknown', () => {
  const declarations = codemode.types({ server: 'notion' });
  assert.equal(codemode.catalog().servers.find((entry) => entry.server === 'notion')?.tools.length, 24);
  const unknowns = declarations.match(/\bunknown\b/g)?.length ?? 0;
  const functions = declarations.match(/\bfunction \w+\(/g)?.length ?? 0;
  assert.equal(functions, 24);
  // Outputs are undeclared (unknown) by Notion: anything beyond one per function is an input left untyped.
  assert.ok(unknowns - functions < 40, `${unknowns} unknowns`);
});
