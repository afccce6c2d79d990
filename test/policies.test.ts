// Policies and the audit log, end to end over real servers: what programs can see and call, approval of destructive
// calls, a concurrency cap per server, and one audit line per execution with no secrets in it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { filesystemServer, memoryServer } from './fixtures/upstream/servers.ts';
import { type GatewayProcess, startGateway } from './helpers/gateway-process.ts';
import { temporaryDirectory, toolsServer, writeConfig } from './helpers/run-cli.ts';

let directory: string;
let codemode: CodeMode;
const SECRET = 'sk-test-0123456789abcdef';

before(async () => {
  directory = temporaryDirectory('policies');
  writeFileSync(join(directory, 'keep.txt'), 'original');
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        memory: {
          ...memoryServer(join(directory, 'memory.jsonl')),
          env: { MEMORY_FILE_PATH: join(directory, 'memory.jsonl'), API_KEY: SECRET },
        },
        filesystem: filesystemServer(directory),
        tools: toolsServer(),
      },
      codemode: {
        policies: {
          '*': { maxConcurrency: 32 },
          memory: { deny: ['delete_*'] },
          filesystem: { destructive: 'ask' },
          tools: { allow: ['sleep', 'echo'], maxConcurrency: 4 },
        },
        audit: { file: join(directory, 'audit', 'codemode.jsonl'), maxBytes: 4000, keep: 2 },
      },
    },
    check: 'off',
  });
});
after(async () => {
  await codemode?.close();
});

describe('policies', () => {
  test('deny and allow lists decide which tools exist', () => {
    const tools = codemode
      .catalog()
      .servers.map((server) => [server.namespace, server.tools.map((tool) => tool.method)]);
    const byServer = Object.fromEntries(tools) as Record<string, string[]>;
    assert.ok(!byServer.memory?.some((name) => name.startsWith('delete_')));
    assert.ok(byServer.memory?.includes('create_entities'));
    assert.deepEqual(byServer.tools?.sort(), ['echo', 'sleep']);
    assert.doesNotMatch(codemode.types(), /delete_entities|function fail\(/);
  });

  test('a destructive call without a way to ask is refused and never reaches the server', async () => {
    const outcome = await codemode.execute(
      `try { await filesystem.write_file({ path: ${JSON.stringify(join(directory, 'keep.txt'))}, content: 'overwritten' }); }
       catch (error) { return { name: error.name, code: error.code, message: error.message }; }`,
    );
    assert.equal(outcome.ok, true);
    const result = (outcome.ok ? outcome.result : {}) as { name: string; code: string; message: string };
    assert.equal(result.code, 'NOT_APPROVED');
    assert.match(result.message, /filesystem\.write_file is destructive and needs the user's approval/);
    assert.equal(readFileSync(join(directory, 'keep.txt'), 'utf8'), 'original');
  });

  test('an approver decides: no keeps the file, yes writes it', async () => {
    const write = `await filesystem.write_file({ path: ${JSON.stringify(join(directory, 'keep.txt'))}, content: 'approved' }); return 'written';`;
    const asked: string[] = [];
    const refused = await codemode.execute(write, {
      approve: ({ server, tool }) => (asked.push(`${server}.${tool}`), Promise.resolve(false)),
    });
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.error.message : '', /was not approved by the user/);
    const approved = await codemode.execute(write, { approve: () => Promise.resolve(true) });
    assert.deepEqual(approved.ok && approved.result, 'written');
    assert.equal(readFileSync(join(directory, 'keep.txt'), 'utf8'), 'approved');
    assert.deepEqual(asked, ['filesystem.write_file']);
  });

  test('a read-only tool needs no approval', async () => {
    const outcome = await codemode.execute(
      `return (await filesystem.read_text_file({ path: ${JSON.stringify(join(directory, 'keep.txt'))} })).content;`,
    );
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
  });

  test('the concurrency cap queues a fan-out instead of flooding the server', async () => {
    const outcome = await codemode.execute(
      'const t = Date.now(); await Promise.all(Array.from({ length: 20 }, () => tools.sleep({ ms: 50 }))); return Date.now() - t;',
    );
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    // 20 calls of 50 ms, 4 at a time: 5 waves.
    assert.ok(Number(outcome.ok && outcome.result) >= 240, `took ${String(outcome.ok && outcome.result)} ms`);
  });
});

describe('audit log', () => {
  test('one line per execution: program, calls with digests and timing, outcome; secrets masked', async () => {
    const file = join(directory, 'audit', 'codemode.jsonl');
    await codemode.execute(
      `await tools.echo({ value: ${JSON.stringify(SECRET)} }); await tools.echo({ value: 2 }); return 1;`,
    );
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const entry = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown> & {
      calls: Record<string, unknown>[];
    };
    assert.match(String(entry.id), /^[0-9a-f-]{36}$/);
    assert.equal(entry.ok, true);
    assert.equal(entry.calls.length, 2);
    assert.deepEqual(Object.keys(entry.calls[0] ?? {}).sort(), [
      'argsDigest',
      'durationMs',
      'outcome',
      'server',
      'startMs',
      'tool',
    ]);
    assert.match(String(entry.program), /\[secret\]/);
    assert.ok(!readFileSync(file, 'utf8').includes(SECRET), 'the secret never reaches the log');
  });

  test('refused calls and failures are recorded, and the log rotates by size', async () => {
    for (let index = 0; index < 12; index++) await codemode.execute(`return ${index};`);
    const file = join(directory, 'audit', 'codemode.jsonl');
    assert.ok(existsSync(`${file}.1`));
    assert.ok(!existsSync(`${file}.3`), 'only `keep` rotated files remain');
    await codemode.execute(`await filesystem.write_file({ path: 'x', content: 'y' });`);
    const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '{}') as {
      ok: boolean;
      error: { name: string };
      calls: { outcome: string }[];
    };
    assert.equal(last.ok, false);
    assert.equal(last.error.name, 'ToolError');
    assert.equal(last.calls[0]?.outcome, 'refused');
  });
});

describe('approval through the gateway (MCP elicitation)', () => {
  let gateway: GatewayProcess;
  before(async () => {
    const config = writeConfig(temporaryDirectory('elicitation'), { files: filesystemServer(directory) });
    const withPolicy = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      config,
      JSON.stringify({ ...withPolicy, codemode: { policies: { files: { destructive: 'ask' } } } }),
    );
    gateway = await startGateway(['--config', config]);
  });
  after(async () => {
    await gateway?.stop();
  });

  test('a client that supports elicitation is asked, and its answer decides', async () => {
    const client = new Client({ name: 'approver', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    const questions: string[] = [];
    let answer = false;
    client.setRequestHandler('elicitation/create', (request) => {
      questions.push(String(request.params.message));
      return { action: 'accept', content: { approve: answer } };
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url)));
    const path = JSON.stringify(join(directory, 'elicited.txt'));
    const code = `await files.write_file({ path: ${path}, content: 'hi' }); return 'written';`;
    const refused = await client.callTool({ name: 'execute', arguments: { code } });
    assert.equal(refused.isError, true);
    assert.match((refused.content as { text: string }[])[0]?.text ?? '', /was not approved by the user/);
    answer = true;
    const approved = await client.callTool({ name: 'execute', arguments: { code } });
    assert.match((approved.content as { text: string }[])[0]?.text ?? '', /"written"/);
    assert.equal(questions.length, 2);
    assert.match(questions[0] ?? '', /files\.write_file \(marked destructive\)/);
    await client.close();
  });
});
