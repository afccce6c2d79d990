// `node scripts/capture-catalogs.ts`: lists the tools of the real servers npm installs (Notion's MCP server and the
// reference servers) and writes each raw tools/list to test/fixtures/catalogs/NAME.json as `{ source, tools }`, the
// shape of the shared GitHub fixture. The typegen tests (goldens, completeness, the token budget) then run on these
// files: fast, offline, and unchanged until a package upgrade is captured on purpose.
//
// It speaks plain JSON-RPC over stdio rather than going through codemode's own client, so the fixture is exactly what
// the server sends (icons, annotations, _meta and all), not what an SDK kept of it.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

/** A server that has not answered a request in this long is broken; the script stops rather than hangs. */
const REQUEST_TIMEOUT_MS = 30_000;

const require = createRequire(import.meta.url);
const OUTPUT = new URL('../test/fixtures/catalogs/', import.meta.url);
// A scratch directory: the filesystem server needs a root, the memory server a file. Neither shows in the schemas.
const scratch = mkdtempSync(join(tmpdir(), 'codemode-capture-'));

interface Target {
  /** The fixture's file name (without .json) and the server's name in tests. */
  name: string;
  package: string;
  args: string[];
  env?: Record<string, string>;
}

const TARGETS: Target[] = [
  { name: 'notion', package: '@notionhq/notion-mcp-server', args: [] },
  {
    name: 'memory',
    package: '@modelcontextprotocol/server-memory',
    args: [],
    env: { MEMORY_FILE_PATH: join(scratch, 'memory.jsonl') },
  },
  { name: 'filesystem', package: '@modelcontextprotocol/server-filesystem', args: [scratch] },
  { name: 'everything', package: '@modelcontextprotocol/server-everything', args: ['stdio'] },
];

/** The installed package's version and the file its bin runs. */
function packageEntry(name: string): { version: string; entry: string } {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    bin: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0];
  if (bin === undefined) throw new Error(`${name} has no bin`);
  return { version: manifest.version, entry: join(dirname(manifestPath), bin) };
}

/** A minimal JSON-RPC client over a child's stdio (newline-delimited messages, as MCP's stdio transport sends). */
function rpc(child: ChildProcessWithoutNullStreams): (method: string, params?: unknown) => Promise<unknown> {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let buffer = '';
  let nextId = 1;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) continue;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    }
  });
  return (method, params) => {
    const id = nextId++;
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), REQUEST_TIMEOUT_MS);
      pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  };
}

async function capture(target: Target): Promise<{ source: string; tools: unknown[] }> {
  const { version, entry } = packageEntry(target.package);
  const child = spawn(process.execPath, [entry, ...target.args], {
    env: { ...process.env, ...target.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.resume();
  const request = rpc(child);
  try {
    await request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'codemode-capture', version: '0' },
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const tools: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = (await request('tools/list', cursor ? { cursor } : {})) as {
        tools: unknown[];
        nextCursor?: string;
      };
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return { source: `${target.package}@${version} tools/list`, tools };
  } finally {
    child.kill();
  }
}

for (const target of TARGETS) {
  const fixture = await capture(target);
  const file = new URL(`${target.name}.json`, OUTPUT);
  // Formatted as the repository's prettier check expects, so a fresh capture passes `npm run lint` as it is.
  const options = { ...(await resolveConfig(fileURLToPath(file))), parser: 'json' };
  writeFileSync(file, await format(JSON.stringify(fixture), options));
  process.stdout.write(`${target.name}: ${fixture.tools.length} tools (${fixture.source})\n`);
}
