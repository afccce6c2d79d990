// Upstream servers that fail in the middle of things: the program gets an error, the server is started again on next
// use, and the other servers never notice.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { REPO_ROOT, toolsServer } from './helpers/run-cli.ts';

let codemode: CodeMode;
before(async () => {
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        faulty: {
          command: process.execPath,
          args: [join(REPO_ROOT, 'test/fixtures/hostile/faulty-server.ts')],
        },
        tools: toolsServer(),
      },
    },
    limits: { timeoutMs: 3_000 },
    check: 'off',
  });
});
after(async () => {
  await codemode?.close();
});

async function run(program: string, timeoutMs?: number) {
  const outcome = await codemode.execute(program, timeoutMs === undefined ? {} : { limits: { timeoutMs } });
  return outcome.ok
    ? { ok: true, value: outcome.result }
    : { ok: false, value: `${outcome.error.name}: ${outcome.error.message}` };
}

test('a server that exits in the middle of a call: a ToolError naming it, then a restart on next use', async () => {
  const died = await run(
    'try { await faulty.die({}); return "no error"; } catch (error) { return `${error.name} ${error.code}: ${error.message}`; }',
  );
  assert.match(String(died.value), /^ToolError UPSTREAM_UNAVAILABLE: .*faulty/);
  const other = await run('return await tools.echo({ value: "unaffected" });');
  assert.deepEqual(other, { ok: true, value: 'unaffected' });
  let again = await run('return await faulty.ok({});');
  // The restart may wait out the retry delay after a crash; within a few seconds it is back.
  for (let attempt = 0; attempt < 30 && !again.ok; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    again = await run('return await faulty.ok({});');
  }
  assert.deepEqual(again, { ok: true, value: 'ok answered' });
});

test('non-JSON lines on stdout are skipped; the answer still arrives', async () => {
  assert.deepEqual(await run('return await faulty.garbage({});'), { ok: true, value: 'garbage answered' });
});

test('a server that never answers: the call ends at the time limit, the others work meanwhile', async () => {
  const [hung, other] = await Promise.all([
    run('return await faulty.hang({});'),
    run('return await tools.echo({ value: 5 });'),
  ]);
  assert.equal(hung.ok, false);
  assert.match(String(hung.value), /LimitError|UPSTREAM_TIMEOUT|did not answer/);
  assert.deepEqual(other, { ok: true, value: 5 });
});

test('a huge result reaches the program, which can reduce it; returning it whole hits the result limit', async () => {
  // 8 MB through stdio, JSON and the bridge: seconds on a busy machine, so the time limit must not decide it.
  assert.deepEqual(await run('const text = await faulty.huge({ mb: 8 }); return text.length;', 20_000), {
    ok: true,
    value: 8 * 1024 * 1024,
  });
  const whole = await run('return await faulty.huge({ mb: 1 });');
  assert.equal(whole.ok, false);
  assert.match(String(whole.value), /LimitError.*result/);
});

test('a stderr flood does not block or break the server', async () => {
  assert.deepEqual(await run('return await faulty.flood({});'), { ok: true, value: 'flood answered' });
  assert.deepEqual(await run('return await faulty.ok({});'), { ok: true, value: 'ok answered' });
});
