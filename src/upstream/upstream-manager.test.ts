import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeModeConfig, StdioServerConfig } from '../config/types.ts';
import { fixtureServer, memoryServer } from '../../test/fixtures/upstream/servers.ts';
import { connectUpstream } from './connect-upstream.ts';
import { createUpstreamManager } from './upstream-manager.ts';
import type { UpstreamManager } from './upstream-manager.ts';

const stdio = (server: StdioServerConfig) => ({ kind: 'stdio' as const, ...server });

function text(result: { content: { type: string; text?: unknown }[] }): string {
  return result.content.map((item) => (item.type === 'text' ? String(item.text) : '')).join('');
}

describe('a manager with healthy and broken servers', () => {
  let directory: string;
  let manager: UpstreamManager;
  const attempts: Record<string, number> = {};
  const changes: string[] = [];
  let startMs = 0;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'codemode-manager-'));
    const config: CodeModeConfig = {
      servers: {
        fixture: stdio(fixtureServer('--page-size', '2')),
        broken: stdio(fixtureServer('--exit-at-once')),
        memory: stdio(memoryServer(join(directory, 'memory.jsonl'))),
        silent: stdio(fixtureServer('--silent')),
        ghost: { kind: 'stdio', command: 'codemode-no-such-command', args: [], env: {} },
      },
    };
    manager = createUpstreamManager(config, {
      // The real connector, counted: how many times each server was started.
      connect: (name, server, options) => {
        attempts[name] = (attempts[name] ?? 0) + 1;
        // Only `silent` needs the short timeout; the others get room for a slow start on a loaded machine, so
        // `broken` is always seen to exit rather than to time out.
        const connectTimeoutMs = name === 'silent' ? 800 : 10_000;
        return connectUpstream(name, server, { ...options, connectTimeoutMs });
      },
    });
    manager.onToolsChanged(() => changes.push('changed'));
    const started = Date.now();
    await manager.start();
    startMs = Date.now() - started;
  });
  after(async () => {
    await manager.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('connects in parallel: the slow failure does not delay the others, and start never rejects', () => {
    assert.ok(startMs < 3_000, `start took ${startMs} ms`);
  });

  test('tool lists come in config order, only for servers that listed tools', () => {
    const lists = manager.toolLists();
    assert.deepEqual(
      lists.map((list) => list.server),
      ['fixture', 'memory'],
    );
    assert.ok(lists[0]!.tools.some((tool) => tool.name === 'whoami'));
  });

  test('each failure names its server and says why', () => {
    const failures = Object.fromEntries(
      manager.failures().map(({ server, error }) => [server, error.message]),
    );
    assert.deepEqual(Object.keys(failures), ['broken', 'silent', 'ghost']);
    assert.match(failures.broken!, /^server "broken" .*exited with code 3.*cannot open database/);
    assert.match(failures.silent!, /^server "silent" did not answer initialize within 800 ms/);
    assert.match(failures.ghost!, /^server "ghost": command "codemode-no-such-command" not found/);
    const states = Object.fromEntries(manager.status().map((status) => [status.server, status.state]));
    assert.deepEqual(states, {
      fixture: 'connected',
      broken: 'failed',
      memory: 'connected',
      silent: 'failed',
      ghost: 'failed',
    });
  });

  test('calls reach the right server; unknown servers are NOT_FOUND', async () => {
    assert.equal(text(await manager.callTool('fixture', 'echo', { text: 'hi' })), '"hi"');
    assert.match(text(await manager.callTool('memory', 'read_graph', {})), /entities/);
    await assert.rejects(manager.callTool('nowhere', 'echo', {}), {
      code: 'NOT_FOUND',
      message: 'no server "nowhere" is configured (configured: fixture, broken, memory, silent, ghost)',
    });
  });

  test('a failed server is not restarted on every call: within the retry delay, calls fail at once', async () => {
    const before = attempts.broken;
    await assert.rejects(manager.callTool('broken', 'echo', {}), {
      code: 'UPSTREAM_UNAVAILABLE',
      message: /server "broken"/,
    });
    await assert.rejects(manager.callTool('broken', 'echo', {}), { code: 'UPSTREAM_UNAVAILABLE' });
    assert.equal(attempts.broken, before);
  });

  test('list_changed re-lists the server and emits one change', async () => {
    changes.length = 0;
    await manager.callTool('fixture', 'add_tool', { name: 'late_addition' });
    const deadline = Date.now() + 2_000;
    while (
      !manager.toolLists()[0]!.tools.some((tool) => tool.name === 'late_addition') &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(manager.toolLists()[0]!.tools.some((tool) => tool.name === 'late_addition'));
    assert.deepEqual(changes, ['changed']);
  });

  test('a server that died keeps its tools listed and is restarted by the next call', async () => {
    const before = manager.status().find((status) => status.server === 'fixture')!.pid;
    await manager.callTool('fixture', 'crash', {});
    const deadline = Date.now() + 2_000;
    while (manager.status()[0]!.state !== 'disconnected' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(manager.status()[0]!.state, 'disconnected');
    assert.match(manager.status()[0]!.error?.message ?? '', /exited with code 1/);
    assert.deepEqual(
      manager.toolLists().map((list) => list.server),
      ['fixture', 'memory'],
    );
    const whoami = JSON.parse(text(await manager.callTool('fixture', 'whoami', {}))) as { pid: number };
    assert.notEqual(whoami.pid, before);
    assert.equal(manager.status()[0]!.state, 'connected');
    // The restarted server no longer has the tool added at runtime: the list follows the server.
    assert.ok(!manager.toolLists()[0]!.tools.some((tool) => tool.name === 'late_addition'));
  });
});

test('refresh restarts a dead server; close ends every server and later calls fail', async () => {
  const manager = createUpstreamManager({ servers: { fixture: stdio(fixtureServer()) } });
  await manager.start();
  const first = manager.status()[0]!.pid!;
  await manager.callTool('fixture', 'crash', {});
  const deadline = Date.now() + 2_000;
  while (manager.status()[0]!.state !== 'disconnected' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const lists = await manager.refresh();
  assert.equal(lists[0]?.server, 'fixture');
  const second = manager.status()[0]!.pid!;
  assert.notEqual(second, first);
  await manager.close();
  assert.equal(manager.status()[0]!.state, 'closed');
  assert.throws(() => process.kill(second, 0), { code: 'ESRCH' });
  await assert.rejects(manager.callTool('fixture', 'echo', { text: 'x' }), { code: 'UPSTREAM_UNAVAILABLE' });
});

test('a call whose server is still starting is bounded by the call timeout and signal', async () => {
  const manager = createUpstreamManager(
    { servers: { silent: stdio(fixtureServer('--silent')) } },
    { connectTimeoutMs: 5_000 },
  );
  try {
    await assert.rejects(manager.callTool('silent', 'echo', {}, { timeoutMs: 200 }), {
      code: 'UPSTREAM_TIMEOUT',
      message: 'server "silent" did not start within the 200 ms of the call to tool "echo"',
    });
    await assert.rejects(manager.callTool('silent', 'echo', {}, { signal: AbortSignal.timeout(100) }), {
      code: 'CANCELLED',
    });
  } finally {
    await manager.close();
  }
});
