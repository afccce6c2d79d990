// The package as npm ships it: dist/, compiled by `npm run build` (run by `npm pack` and `npm publish` too). The rest
// of the suite runs the TypeScript sources; this builds and runs the build, the way a user imports it, against a real
// MCP server, so a module that only works under type stripping cannot ship unnoticed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { buildPackage } from '../scripts/build-package.ts';
import { REPO_ROOT } from './helpers/run-cli.ts';

const run = promisify(execFile);
const MEMORY_SERVER = join(REPO_ROOT, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');
let workspace: string;
let config: string;

before(() => {
  buildPackage();
  workspace = mkdtempSync(join(tmpdir(), 'codemode-build-'));
  config = join(workspace, 'codemode.json');
  const memory = {
    command: process.execPath,
    args: [MEMORY_SERVER],
    env: { MEMORY_FILE_PATH: join(workspace, 'memory.jsonl') },
  };
  writeFileSync(config, JSON.stringify({ mcpServers: { memory } }));
});
after(() => rmSync(workspace, { recursive: true, force: true }));

/** Runs an ES module in a child process in the repository, where `import 'codemode'` resolves through `exports`. */
async function runModule(source: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', source], {
    cwd: REPO_ROOT,
    timeout: 60_000,
  });
  return stdout;
}

test('every file package.json exports is built, and nothing in dist/ needs type stripping', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, { types: string; default: string }>;
    scripts: Record<string, string>;
  };
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    for (const file of [target.types, target.default])
      assert.ok(existsSync(join(REPO_ROOT, file)), `${subpath}: ${file} is missing`);
  }
  assert.ok(existsSync(join(REPO_ROOT, 'dist/sandbox/worker-entry.js')), 'the sandbox worker entry is built');
  assert.match(pkg.scripts.prepack ?? '', /npm run build/, 'npm pack and publish build first');
});

test('the built package runs a program, type-checked, against a real MCP server', async () => {
  const stdout = await runModule(`
    import { createCodeMode } from 'codemode';
    const codemode = await createCodeMode({ config: ${JSON.stringify(config)}, observeOutputs: false });
    try {
      const created = await codemode.execute(
        'await memory.create_entities({ entities: [{ name: "dist", entityType: "build", observations: ["works"] }] });' +
        'const graph = await memory.read_graph({}); return graph.entities.map((entity: { name: string }) => entity.name);',
      );
      const misspelt = await codemode.execute('return memory.read_grap({})');
      console.log(JSON.stringify({ created, misspelt, checkMode: codemode.checkMode }));
    } finally {
      await codemode.close();
    }
  `);
  const { created, misspelt, checkMode } = JSON.parse(stdout) as {
    created: { ok: boolean; result?: unknown; toolCalls: number };
    misspelt: { ok: boolean; toolCalls: number; error?: { name: string; message: string } };
    checkMode: string;
  };
  assert.equal(checkMode, 'strict');
  assert.deepEqual([created.ok, created.result, created.toolCalls], [true, ['dist'], 2]);
  assert.equal(misspelt.ok, false);
  assert.equal(misspelt.error?.name, 'TypeCheckError');
  assert.match(misspelt.error?.message ?? '', /Did you mean 'read_graph'/);
  assert.equal(misspelt.toolCalls, 0);
});

test("the built CLI prints the server's declarations", async () => {
  const stdout = await runModule(`
    const { main } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/cli/main.js'))});
    await main(['types', '--config', ${JSON.stringify(config)}, '--compact']);
  `);
  assert.match(stdout, /declare namespace memory \{/);
  assert.match(stdout, /function read_graph\(/);
});
