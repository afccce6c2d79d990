import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  everythingServer,
  filesystemServer,
  fixtureServer,
  memoryServer,
} from '../../test/fixtures/upstream/servers.ts';
import { ProcessReaper } from './process-reaper.ts';
import { connectStdio } from './stdio-connection.ts';
import type { SdkConnection } from './sdk-connection.ts';

let directory: string;
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'codemode-upstream-'));
});
after(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Rejects with a CodeModeError of this code whose message contains every fragment. */
async function rejectsWith(promise: Promise<unknown>, code: string, ...fragments: string[]): Promise<void> {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.code, code, error.message);
    for (const fragment of fragments)
      assert.ok(error.message.includes(fragment), `${error.message} ∌ ${fragment}`);
    return true;
  });
}

function text(result: { content: { type: string; text?: unknown }[] }): string {
  return result.content.map((item) => (item.type === 'text' ? String(item.text) : '')).join('');
}

test('server-memory: lists its tools, creates entities and reads them back', async () => {
  const memory = await connectStdio('memory', memoryServer(join(directory, 'memory.jsonl')));
  try {
    const tools = await memory.listTools();
    assert.ok(tools.some((tool) => tool.name === 'create_entities'));
    assert.ok(tools.every((tool) => tool.inputSchema.type === 'object'));
    await memory.callTool('create_entities', {
      entities: [{ name: 'Ada', entityType: 'person', observations: ['wrote the first program'] }],
    });
    const graph = await memory.callTool('read_graph', {});
    assert.match(text(graph), /"name":\s*"Ada"/);
  } finally {
    await memory.close();
  }
});

test('server-filesystem: writes and reads a file; a path outside the root is an isError result, not a throw', async () => {
  const filesystem = await connectStdio('filesystem', filesystemServer(directory));
  try {
    assert.equal(
      (await filesystem.listTools()).filter((tool) => tool.outputSchema !== undefined).length > 0,
      true,
    );
    const path = join(directory, 'note.txt');
    const written = await filesystem.callTool('write_file', { path, content: 'hello codemode' });
    assert.notEqual(written.isError, true, text(written));
    assert.equal(await readFile(path, 'utf8'), 'hello codemode');
    const read = await filesystem.callTool('read_text_file', { path });
    assert.equal(read.structuredContent?.content, 'hello codemode');
    const outside = await filesystem.callTool('read_text_file', { path: '/etc/hostname' });
    assert.equal(outside.isError, true);
    assert.match(text(outside), /denied|outside|not allowed/i);
  } finally {
    await filesystem.close();
  }
});

describe('server-everything over stdio', () => {
  let everything: SdkConnection;
  before(async () => {
    everything = await connectStdio('everything', everythingServer());
  });
  after(() => everything.close());

  test('lists tools and calls one with structured content', async () => {
    const names = (await everything.listTools()).map((tool) => tool.name);
    assert.ok(names.includes('get-sum') && names.includes('trigger-long-running-operation'));
    assert.match(text(await everything.callTool('get-sum', { a: 2, b: 3 })), /5/);
    const weather = await everything.callTool('get-structured-content', { location: 'New York' });
    assert.equal(typeof weather.structuredContent?.temperature, 'number');
  });

  test('a call past its timeout is UPSTREAM_TIMEOUT naming server and tool; the connection stays usable', async () => {
    const started = Date.now();
    await rejectsWith(
      everything.callTool('trigger-long-running-operation', { duration: 10, steps: 10 }, { timeoutMs: 200 }),
      'UPSTREAM_TIMEOUT',
      'tool "trigger-long-running-operation" of server "everything"',
      '200 ms',
    );
    assert.ok(Date.now() - started < 2_000);
    assert.match(text(await everything.callTool('echo', { message: 'still here' })), /still here/);
  });

  test('an unknown tool comes back as the server reports it (isError for SDK v1 servers)', async () => {
    const result = await everything.callTool('no_such_tool', {});
    assert.equal(result.isError, true);
  });
});

describe('fixture server over stdio', () => {
  let fixture: SdkConnection;
  before(async () => {
    fixture = await connectStdio('fixture', fixtureServer('--page-size', '3', '--filler', '7'));
  });
  after(() => fixture.close());

  test('listTools follows every nextCursor page', async () => {
    const names = (await fixture.listTools()).map((tool) => tool.name);
    assert.equal(names.length, 15);
    assert.deepEqual(names.slice(-2), ['filler_5', 'filler_6']);
  });

  test('structuredContent that violates its outputSchema passes through raw', async () => {
    const result = await fixture.callTool('bad_output', {});
    assert.deepEqual(result.structuredContent, { count: 'many' });
  });

  test('an isError result is returned, not thrown', async () => {
    const result = await fixture.callTool('fail', {});
    assert.equal(result.isError, true);
    assert.equal(text(result), 'it failed on purpose');
  });

  test('JSON-RPC errors: an unknown tool is NOT_FOUND, another error names server and tool', async () => {
    await rejectsWith(fixture.callTool('nope', {}), 'NOT_FOUND', 'server "fixture" has no tool "nope"');
    await rejectsWith(
      fixture.callTool('refuse', {}),
      'UPSTREAM_UNAVAILABLE',
      'tool "refuse" of server "fixture"',
      'database is locked',
    );
  });

  test('aborting a call rejects with CANCELLED and the server receives notifications/cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await rejectsWith(
      fixture.callTool('sleep', { ms: 10_000 }, { signal: controller.signal }),
      'CANCELLED',
      'tool "sleep"',
    );
    assert.equal(text(await fixture.callTool('cancellations', {})), '1');
    const aborted = AbortSignal.abort();
    await rejectsWith(fixture.callTool('echo', { text: 'x' }, { signal: aborted }), 'CANCELLED');
  });

  test('a tool that adds a tool triggers onToolsChanged, and the new tool is listed', async () => {
    const changed = new Promise<void>((resolve) => fixture.onToolsChanged(resolve));
    await fixture.callTool('add_tool', { name: 'fresh' });
    await changed;
    assert.ok((await fixture.listTools()).some((tool) => tool.name === 'fresh'));
  });
});

test('a server that dies fires onClose with its exit status', async () => {
  const fixture = await connectStdio('fixture', fixtureServer());
  const closed = new Promise<Error | undefined>((resolve) => fixture.onClose(resolve));
  await fixture.callTool('crash', {});
  const error = await closed;
  assert.match(
    error?.message ?? '',
    /server "fixture" closed the connection: the process exited with code 1/,
  );
  await rejectsWith(
    fixture.callTool('echo', { text: 'x' }),
    'UPSTREAM_UNAVAILABLE',
    'server "fixture" closed the connection',
  );
  await fixture.close();
});

test('a server that exits at once is UPSTREAM_UNAVAILABLE with its last stderr lines', async () => {
  await rejectsWith(
    connectStdio('broken', fixtureServer('--exit-at-once')),
    'UPSTREAM_UNAVAILABLE',
    'server "broken"',
    'exited with code 3',
    'Error: cannot open database /nowhere/db.sqlite',
  );
});

/** Remembers the groups it was given, so a test can check they are gone. */
class RecordingReaper extends ProcessReaper {
  readonly registered: number[] = [];
  override register(pgid: number): void {
    this.registered.push(pgid);
    super.register(pgid);
  }
}

test('a server that never answers initialize fails after the connect timeout, and its process is ended', async () => {
  const reaper = new RecordingReaper();
  const started = Date.now();
  await rejectsWith(
    connectStdio('silent', fixtureServer('--silent'), { connectTimeoutMs: 300, reaper }),
    'UPSTREAM_UNAVAILABLE',
    'server "silent" did not answer initialize within 300 ms',
  );
  assert.ok(Date.now() - started < 3_000);
  assert.equal(reaper.registered.length, 1);
  assert.throws(() => process.kill(reaper.registered[0]!, 0), { code: 'ESRCH' });
});

test('a server started by npx that does not answer in time may still be downloading: the error says so', async () => {
  // A stand-in `npx` that starts the silent fixture: what a first `npx -y pkg` looks like while it downloads.
  const silent = fixtureServer('--silent');
  const npx = join(directory, 'npx');
  await writeFile(
    npx,
    `#!/bin/sh\nexec ${[silent.command, ...silent.args].map((arg) => `'${arg}'`).join(' ')}\n`,
  );
  await chmod(npx, 0o755);
  const config = { command: npx, args: ['-y', 'some-mcp-server', '--token', 'secret-value'], env: {} };
  await rejectsWith(
    connectStdio('slow', config, { connectTimeoutMs: 300 }),
    'UPSTREAM_UNAVAILABLE',
    'server "slow" did not answer initialize within 300 ms',
    `(npx may still be downloading the package on a first run: start \`${npx} -y some-mcp-server\` by hand once`,
  );
  await assert.rejects(connectStdio('slow', config, { connectTimeoutMs: 300 }), (error: Error) => {
    assert.doesNotMatch(error.message, /secret-value/, 'arguments after the package are not quoted');
    return true;
  });
  await assert.rejects(connectStdio('silent', silent, { connectTimeoutMs: 300 }), (error: Error) => {
    assert.doesNotMatch(error.message, /downloading/, 'only package runners get the hint');
    return true;
  });
});

test('a missing command or working directory is a clear UPSTREAM_UNAVAILABLE', async () => {
  await rejectsWith(
    connectStdio('ghost', { command: 'codemode-no-such-command', args: [], env: {} }),
    'UPSTREAM_UNAVAILABLE',
    'server "ghost": command "codemode-no-such-command" not found',
  );
  await rejectsWith(
    connectStdio('lost', { ...fixtureServer(), cwd: join(directory, 'missing') }),
    'UPSTREAM_UNAVAILABLE',
    'working directory',
    'does not exist',
  );
});

test("stderr lines reach onStderrLine (and never our stdout); close ends the server's process", async () => {
  const lines: string[] = [];
  const memory = await connectStdio('memory', memoryServer(join(directory, 'memory2.jsonl')), {
    onStderrLine: (line) => lines.push(line),
  });
  const { pid } = memory;
  assert.ok(pid !== undefined);
  await memory.close();
  assert.ok(
    lines.some((line) => /running on stdio/i.test(line)),
    lines.join('\n'),
  );
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
});
