// The gateway over stdio, as Claude Desktop, Claude Code and Cursor start it: the MCP SDK client of both protocol
// eras spawns `codemode serve`, uses it, and closing the client ends it and its upstream servers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import type { VersionNegotiationMode } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { REPO_ROOT, referenceServer, temporaryDirectory, writeConfig } from './helpers/run-cli.ts';

let config: string;
let directory: string;
before(() => {
  directory = temporaryDirectory('gateway-stdio');
  config = writeConfig(directory, {
    memory: { ...referenceServer('memory'), env: { MEMORY_FILE_PATH: join(directory, 'memory.jsonl') } },
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const [era, mode] of [
  ['2025 (initialize)', 'legacy'],
  ['2026-07-28', { pin: '2026-07-28' }],
] as const satisfies [string, VersionNegotiationMode][]) {
  test(`SDK client over stdio, ${era}: list, search, execute, then close ends everything`, async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(REPO_ROOT, 'bin', 'codemode.js'), 'serve', '--config', config],
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    await client.connect(transport);
    const pid = transport.pid;
    assert.ok(pid);
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((tool) => tool.name),
      ['search', 'describe', 'execute'],
    );
    const search = await client.callTool({
      name: 'search',
      arguments: { query: 'read the graph', detail: 'names' },
    });
    assert.match((search.content as { text: string }[])[0]?.text ?? '', /memory\.read_graph — /);
    const result = await client.callTool({
      name: 'execute',
      arguments: { code: 'const g = await memory.read_graph({}); return { entities: g.entities.length };' },
    });
    assert.match((result.content as { text: string }[])[0]?.text ?? '', /"entities":0/);
    await client.close();
    for (let attempt = 0; attempt < 50 && isRunning(pid); attempt++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(isRunning(pid), false, 'codemode serve exited when its client closed');
  });
}
