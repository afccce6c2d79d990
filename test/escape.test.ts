// Hostile programs against the real sandbox: every way out we know of, each required to fail closed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { ESCAPES } from './fixtures/hostile/escape-programs.ts';
import { REPO_ROOT, temporaryDirectory, toolsServer } from './helpers/run-cli.ts';

/** Long enough for every normal program here; the blocking ones end at this limit. */
const HOSTILE_TIMEOUT_MS = 2_000;

const canary = randomBytes(24).toString('hex');
let canaryPath: string;
let listener: Server;
let connections = 0;
let codemode: CodeMode;
let hostGlobals: string[];
let hostObjectPrototype: string[];
let hostArrayPrototype: string[];

before(async () => {
  canaryPath = join(temporaryDirectory('escape'), 'canary.txt');
  writeFileSync(canaryPath, canary);
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  codemode = await createCodeMode({
    config: { mcpServers: { tools: toolsServer() } },
    limits: { timeoutMs: HOSTILE_TIMEOUT_MS },
    check: 'off',
  });
  hostGlobals = Object.getOwnPropertyNames(globalThis).sort();
  hostObjectPrototype = Object.getOwnPropertyNames(Object.prototype).sort();
  hostArrayPrototype = Object.getOwnPropertyNames(Array.prototype).sort();
});

after(async () => {
  await codemode?.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

describe('escape attempts fail closed', () => {
  test('there are at least 60 of them', () => assert.ok(ESCAPES.length >= 60));

  for (const hostile of ESCAPES) {
    test(hostile.name, async () => {
      const port = String((listener.address() as AddressInfo).port);
      const program = hostile.program.replaceAll('CANARY_PATH', canaryPath).replaceAll('CANARY_PORT', port);
      const outcome = await codemode.execute(program);
      const text = JSON.stringify(outcome);
      assert.ok(!text.includes(canary), 'the canary file was read');
      assert.ok(!text.includes(REPO_ROOT) && !text.includes('node_modules'), `a host path leaked: ${text}`);
      assert.doesNotMatch(text, /isolated-vm|node:internal|ESCAPED/, text);
      if (hostile.expect && 'result' in hostile.expect) {
        assert.deepEqual(outcome.ok ? outcome.result : outcome.error, hostile.expect.result);
      }
      if (hostile.expect && 'error' in hostile.expect) {
        assert.equal(outcome.ok, false, text);
        if (!outcome.ok)
          assert.match(`${outcome.error.name}: ${outcome.error.message}`, new RegExp(hostile.expect.error));
      }
      // The host is as it was, and the sandbox still works for the next program.
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), hostObjectPrototype);
      assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), hostArrayPrototype);
      assert.deepEqual(Object.getOwnPropertyNames(globalThis).sort(), hostGlobals);
      const next = await codemode.execute(
        'return [1, 2].map((n) => n * 2).join(",") + JSON.stringify({ a: 1 });',
      );
      assert.deepEqual(next.ok && next.result, '2,4{"a":1}');
    });
  }

  test('the canary listener never saw a connection', () => {
    assert.equal(connections, 0);
  });

  test('a polluted prototype in one program is gone in the next', async () => {
    await codemode.execute('Object.prototype.leftover = 1; return 1;');
    const outcome = await codemode.execute('return ({}).leftover === undefined;');
    assert.deepEqual(outcome.ok && outcome.result, true);
  });
});
