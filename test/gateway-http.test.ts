// The gateway over Streamable HTTP, driven by real clients: the MCP SDK client of both protocol eras and the
// Inspector CLI, against `codemode serve --http` as a child process with real upstream servers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { VersionNegotiationMode } from '@modelcontextprotocol/client';
import { type GatewayProcess, startGateway } from './helpers/gateway-process.ts';
import {
  REPO_ROOT,
  referenceServer,
  temporaryDirectory,
  toolsServer,
  writeConfig,
} from './helpers/run-cli.ts';

const run = promisify(execFile);

/** A POST with exactly these headers (Host included), by node:http. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
let gateway: GatewayProcess;
let directory: string;

before(async () => {
  directory = temporaryDirectory('gateway-http');
  const config = writeConfig(directory, {
    memory: { ...referenceServer('memory'), env: { MEMORY_FILE_PATH: join(directory, 'memory.jsonl') } },
    tools: toolsServer(),
  });
  gateway = await startGateway(['--config', config]);
});
after(async () => {
  await gateway?.stop();
});

async function connect(mode: VersionNegotiationMode): Promise<Client> {
  const client = new Client({ name: 'gateway-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url)));
  return client;
}

function text(result: { content: unknown }): string {
  return (result.content as { type: string; text: string }[]).map((item) => item.text).join('\n');
}

for (const [era, mode] of [
  ['2025 (initialize)', 'legacy'],
  ['2026-07-28 (stateless)', { pin: '2026-07-28' }],
] as const) {
  describe(`SDK client, ${era}`, () => {
    let client: Client;
    before(async () => {
      client = await connect(mode);
    });
    after(async () => {
      await client?.close();
    });

    test('lists search, describe and execute', async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((tool) => tool.name),
        ['search', 'describe', 'execute'],
      );
    });

    test('search finds a tool and shows its declaration', async () => {
      const result = await client.callTool({
        name: 'search',
        arguments: { query: 'create entities in the graph' },
      });
      assert.match(text(result), /declare namespace memory \{[\s\S]*function create_entities\(/);
    });

    test('execute runs a program over real servers and reports result, logs and calls', async () => {
      const code = `
        await memory.create_entities({ entities: [{ name: 'Ada', entityType: 'person', observations: [] }] });
        const graph = await memory.read_graph({});
        console.log('entities', graph.entities.length);
        return graph.entities.map((e) => e.name);`;
      const result = await client.callTool({ name: 'execute', arguments: { code } });
      assert.equal(result.isError, undefined, text(result));
      assert.match(text(result), /"Ada"/);
      assert.match(text(result), /Logs:\nentities \d+/);
      assert.match(text(result), /\(2 tool calls, \d+ ms\)/);
    });

    test('a malformed program is a tool error that says where', async () => {
      const result = await client.callTool({ name: 'execute', arguments: { code: 'return 1 +* 2;' } });
      assert.equal(result.isError, true);
      assert.match(text(result), /SyntaxError: .* \(line 1, column \d+\)\n\nFix the syntax/);
    });

    test('describe of an unknown tool is refused with close matches, and the gateway keeps serving', async () => {
      const result = await client.callTool({ name: 'describe', arguments: { names: ['memory.readgraph'] } });
      assert.equal(result.isError, true);
      assert.match(text(result), /Unknown: "memory.readgraph" \(did you mean memory.read_graph\?\)/);
      const ok = await client.callTool({ name: 'describe', arguments: { names: ['memory.read_graph'] } });
      assert.match(text(ok), /function read_graph\(/);
    });
  });
}

test('progress notifications report tool calls done', async () => {
  const client = await connect('legacy');
  try {
    const progress: number[] = [];
    const result = await client.callTool(
      {
        name: 'execute',
        arguments: { code: 'for (let i = 0; i < 6; i++) await tools.sleep({ ms: 60 }); return "done";' },
      },
      { onprogress: (update) => progress.push(update.progress) },
    );
    assert.match(text(result), /"done"/);
    assert.ok(progress.length >= 2, `progress updates: ${JSON.stringify(progress)}`);
    assert.ok(progress.every((value, index) => index === 0 || value > (progress[index - 1] ?? 0)));
  } finally {
    await client.close();
  }
});

for (const [era, mode] of [
  ['2025', 'legacy'],
  ['2026-07-28', { pin: '2026-07-28' }],
] as const) {
  test(`a ${era} client's cancellation stops the program, and the gateway keeps serving`, async () => {
    const client = await connect(mode);
    try {
      const controller = new AbortController();
      const code = `while (true) await memory.create_entities({ entities: [{ name: 'n' + Math.random(), entityType: 'cancel-${era}', observations: [] }] });`;
      // Cancelled once the program has made a few calls (progress reports each one), not after a fixed delay: on a
      // loaded machine the program may not have started by then.
      const pending = client.callTool(
        { name: 'execute', arguments: { code } },
        { signal: controller.signal, onprogress: (update) => update.progress >= 3 && controller.abort() },
      );
      const fallback = setTimeout(() => controller.abort(), 10_000);
      await assert.rejects(pending);
      clearTimeout(fallback);
      const count = async () => {
        const result = await client.callTool({
          name: 'execute',
          arguments: {
            code: `return (await memory.read_graph({})).entities.filter((e) => e.entityType === 'cancel-${era}').length`,
          },
        });
        return Number(text(result).split('\n')[0]);
      };
      const before = await count();
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(before > 0);
      assert.equal(await count(), before, 'no more calls after the cancellation');
    } finally {
      await client.close();
    }
  });
}

test('an upstream tool-list change reaches search at once', async () => {
  const client = await connect('legacy');
  try {
    await client.callTool({
      name: 'execute',
      arguments: { code: 'await tools.add_tool({ name: "frobnicate_widgets" })' },
    });
    let found = '';
    for (let attempt = 0; attempt < 20 && !found.includes('frobnicate_widgets'); attempt++) {
      found = text(await client.callTool({ name: 'search', arguments: { query: 'frobnicate widgets' } }));
      if (!found.includes('frobnicate_widgets')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(found, /function frobnicate_widgets\(/);
  } finally {
    await client.close();
  }
});

describe('Inspector CLI as a third-party client', () => {
  // inspector-cli looks for its package.json relative to the working directory: run it from one level below a
  // directory that has a package.json, as it expects.
  const cli = (...args: string[]) =>
    run(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/@modelcontextprotocol/inspector-cli/build/index.js'),
        gateway.url,
        '--transport',
        'http',
        ...args,
      ],
      { cwd: join(REPO_ROOT, 'src'), timeout: 30_000 },
    );

  test('--method tools/list', async () => {
    const { stdout } = await cli('--method', 'tools/list');
    const { tools } = JSON.parse(stdout) as { tools: { name: string }[] };
    assert.deepEqual(
      tools.map((tool) => tool.name),
      ['search', 'describe', 'execute'],
    );
  });

  test('--method tools/call on execute', async () => {
    const { stdout } = await cli(
      '--method',
      'tools/call',
      '--tool-name',
      'execute',
      '--tool-arg',
      'code=return [1, 2, 3].map((n) => n * 2)',
    );
    const result = JSON.parse(stdout) as { content: { text: string }[] };
    assert.match(result.content[0]?.text ?? '', /\[\s*2,\s*4,\s*6\s*\]/);
  });
});

describe('HTTP security', () => {
  const post = (headers: Record<string, string>, body = '{}') =>
    fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    });

  test('a foreign Host header is refused (DNS rebinding), and the gateway keeps serving', async () => {
    // fetch cannot set Host: a raw node:http request can.
    const { status, body } = await rawPost(
      gateway.url,
      { host: 'evil.example', 'content-type': 'application/json' },
      '{}',
    );
    assert.equal(status, 403);
    assert.match(body, /Invalid Host: evil\.example/);
    const foreignOrigin = await post({ origin: 'http://evil.example' });
    assert.equal(foreignOrigin.status, 403);
    const client = await connect('legacy');
    assert.equal((await client.listTools()).tools.length, 3);
    await client.close();
  });

  test('a body over the limit is refused with 413', async () => {
    const response = await post({}, JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) }));
    assert.equal(response.status, 413);
  });

  test('other paths are 404', async () => {
    const response = await fetch(gateway.url.replace('/mcp', '/other'));
    assert.equal(response.status, 404);
  });
});
