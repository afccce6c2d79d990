import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startModernServer } from '../../test/fixtures/upstream/modern-http-server.ts';
import type { ModernServer } from '../../test/fixtures/upstream/modern-http-server.ts';
import { startEverythingHttp } from '../../test/fixtures/upstream/servers.ts';
import type { HttpFixture } from '../../test/fixtures/upstream/servers.ts';
import { connectHttp } from './http-connection.ts';
import type { SdkConnection } from './sdk-connection.ts';

function text(result: { content: { type: string; text?: unknown }[] }): string {
  return result.content.map((item) => (item.type === 'text' ? String(item.text) : '')).join('');
}

async function exercise(connection: SdkConnection): Promise<void> {
  try {
    assert.equal((await connection.listTools()).length >= 13, true);
    assert.match(text(await connection.callTool('get-sum', { a: 20, b: 22 })), /42/);
  } finally {
    await connection.close();
  }
}

describe('server-everything over Streamable HTTP', () => {
  let server: HttpFixture;
  before(async () => {
    server = await startEverythingHttp('streamableHttp');
  });
  after(() => server.close());

  test('auto negotiates down to the 2025 protocol and works', async () => {
    const connection = await connectHttp('everything', { url: server.url, headers: {}, transport: 'auto' });
    assert.equal(connection.protocolVersion, '2025-11-25');
    await exercise(connection);
  });

  test('forced streamable-http works', async () => {
    await exercise(
      await connectHttp('everything', { url: server.url, headers: {}, transport: 'streamable-http' }),
    );
  });

  test('timeout and cancellation over HTTP', async () => {
    const connection = await connectHttp('everything', { url: server.url, headers: {}, transport: 'auto' });
    try {
      const slow = { duration: 10, steps: 10 };
      await assert.rejects(connection.callTool('trigger-long-running-operation', slow, { timeoutMs: 200 }), {
        code: 'UPSTREAM_TIMEOUT',
        message: 'tool "trigger-long-running-operation" of server "everything" did not answer within 200 ms',
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(
        connection.callTool('trigger-long-running-operation', slow, { signal: controller.signal }),
        {
          code: 'CANCELLED',
        },
      );
      assert.match(text(await connection.callTool('echo', { message: 'after' })), /after/);
    } finally {
      await connection.close();
    }
  });
});

describe('server-everything over SSE', () => {
  let server: HttpFixture;
  before(async () => {
    server = await startEverythingHttp('sse');
  });
  after(() => server.close());

  test('auto falls back to SSE when the Streamable HTTP POST is rejected', async () => {
    await exercise(await connectHttp('everything', { url: server.url, headers: {}, transport: 'auto' }));
  });

  test('forced sse connects directly', async () => {
    await exercise(await connectHttp('everything', { url: server.url, headers: {}, transport: 'sse' }));
  });

  test('forced streamable-http does not fall back, and says what the server answered', async () => {
    await assert.rejects(connectHttp('old', { url: server.url, headers: {}, transport: 'streamable-http' }), {
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'server "old" could not connect: HTTP 404 Not Found',
    });
  });
});

describe('a server that speaks only the 2026-07-28 protocol', () => {
  let server: ModernServer;
  before(async () => {
    server = await startModernServer();
  });
  after(() => server.close());

  test('auto negotiates the modern protocol, sending the configured headers on every request', async () => {
    const headers = { Authorization: 'Bearer modern-token' };
    const connection = await connectHttp('modern', { url: server.url, headers, transport: 'auto' });
    try {
      assert.equal(connection.protocolVersion, '2026-07-28');
      assert.deepEqual(
        (await connection.listTools()).map((tool) => tool.name),
        ['shout'],
      );
      assert.equal(text(await connection.callTool('shout', { text: 'hi' })), 'HI');
      assert.ok(server.authorizations.length >= 3);
      assert.ok(server.authorizations.every((value) => value === 'Bearer modern-token'));
    } finally {
      await connection.close();
    }
  });
});

test('nothing listening: a clear UPSTREAM_UNAVAILABLE, no SSE fallback', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  await assert.rejects(
    connectHttp('down', { url: `http://127.0.0.1:${port}/mcp`, headers: {}, transport: 'auto' }),
    {
      code: 'UPSTREAM_UNAVAILABLE',
      message: /^server "down" could not connect: connection refused \(ECONNREFUSED\)/,
    },
  );
});
