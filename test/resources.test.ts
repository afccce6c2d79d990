// Resource exhaustion through the whole engine: each hostile program ends with a clear error near its limit, and a
// hostile program running beside normal ones does not break them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { toolsServer } from './helpers/run-cli.ts';

const LIMITS = {
  timeoutMs: 1_500,
  memoryMb: 64,
  maxToolCalls: 200,
  maxResultBytes: 64 * 1024,
  maxLogBytes: 16 * 1024,
};
let codemode: CodeMode;
before(async () => {
  codemode = await createCodeMode({
    config: { mcpServers: { tools: toolsServer() } },
    limits: LIMITS,
    check: 'off',
  });
});
after(async () => {
  await codemode?.close();
});

/** A case may raise the time limit so that the limit it is about is the one that ends it, even on a loaded machine. */
const CASES: { name: string; program: string; error: RegExp; withinMs: number; timeoutMs?: number }[] = [
  { name: 'a synchronous loop', program: 'while (true) {}', error: /LimitError.*1500 ms/, withinMs: 5_000 },
  {
    name: 'a loop in microtasks',
    program: 'const spin = () => Promise.resolve().then(spin); spin(); await new Promise(() => {});',
    error: /LimitError/,
    withinMs: 5_000,
  },
  {
    name: 'a loop after a tool call',
    program: 'await tools.echo({ value: 1 }); while (true) {}',
    error: /LimitError/,
    withinMs: 5_000,
  },
  {
    name: 'a promise that never settles',
    program: 'await new Promise(() => {});',
    error: /LimitError/,
    withinMs: 5_000,
  },
  {
    name: 'gradual memory growth',
    program: 'const keep = []; while (true) keep.push(new Array(1e5).fill(Math.random()));',
    error: /LimitError.*memory|SandboxCrashError/i,
    // Garbage collection near the memory limit is slow on a busy machine: 1.5 s could run out first.
    timeoutMs: 10_000,
    withinMs: 12_000,
  },
  {
    name: 'one huge array',
    program: 'return new Array(2 ** 27).fill(0).length;',
    error: /LimitError|SandboxCrashError|RangeError/,
    withinMs: 10_000,
  },
  {
    name: 'string doubling',
    program: 'let s = "x"; while (true) s += s; return s.length;',
    error: /LimitError|RangeError|SandboxCrashError/,
    withinMs: 10_000,
  },
  {
    name: 'huge JSON',
    program:
      'const rows = Array.from({ length: 2e6 }, (_, i) => ({ i, text: "row " + i })); return JSON.stringify(rows).length;',
    error: /LimitError|RangeError|SandboxCrashError/,
    withinMs: 10_000,
  },
  {
    name: 'deep recursion',
    program: 'const f = (n) => f(n + 1) + 1; return f(0);',
    error: /RangeError: Maximum call stack/,
    withinMs: 5_000,
  },
  {
    name: 'a promise flood',
    program:
      'const all = []; for (let i = 0; i < 1e8; i++) all.push(new Promise(() => {})); await Promise.all(all);',
    error: /LimitError|SandboxCrashError/,
    withinMs: 10_000,
  },
  {
    name: 'more tool calls than allowed',
    program: 'await Promise.all(Array.from({ length: 500 }, () => tools.echo({ value: 1 })));',
    error: /LimitError.*200 tool calls/,
    withinMs: 5_000,
  },
  {
    name: 'a giant result',
    program: 'return "x".repeat(1e6);',
    error: /LimitError.*result/,
    withinMs: 5_000,
  },
  {
    name: 'a cyclic result',
    program: 'const a = {}; a.a = a; return a;',
    error: /circular|cyclic/i,
    withinMs: 5_000,
  },
  { name: 'a BigInt result', program: 'return 10n;', error: /BigInt/, withinMs: 5_000 },
];

describe('each exhaustion ends with a clear error near its limit, and the next run works', () => {
  for (const { name, program, error, withinMs, timeoutMs } of CASES) {
    test(name, async () => {
      const started = Date.now();
      const outcome = await codemode.execute(
        program,
        timeoutMs === undefined ? {} : { limits: { timeoutMs } },
      );
      assert.equal(outcome.ok, false, JSON.stringify(outcome).slice(0, 300));
      if (!outcome.ok) assert.match(`${outcome.error.name}: ${outcome.error.message}`, error);
      assert.ok(Date.now() - started < withinMs, `took ${Date.now() - started} ms`);
      const next = await codemode.execute('return 21 * 2;');
      assert.deepEqual(next.ok && next.result, 42);
    });
  }

  test('a console flood is cut at the log limit with a note, and the result still comes back', async () => {
    const outcome = await codemode.execute(
      'for (let i = 0; i < 1e5; i++) console.log("line " + i); return "done";',
    );
    assert.deepEqual(outcome.ok && outcome.result, 'done');
    const bytes = outcome.logs.reduce((sum, line) => sum + line.length, 0);
    assert.ok(bytes <= LIMITS.maxLogBytes + 200, `${bytes} bytes of logs`);
    assert.match(outcome.logs.at(-1) ?? '', /dropped|cut|limit/i);
  });

  test('a function result is not serializable: a clear error or null, never a crash', async () => {
    const outcome = await codemode.execute('return () => 1;');
    if (!outcome.ok) assert.match(outcome.error.message, /function|serializ|JSON/i);
    else assert.equal(outcome.result, null);
  });
});

test('a hostile program beside normal ones does not break or stall them', async () => {
  const hostile = codemode.execute('while (true) {}');
  const started = Date.now();
  const normal = await Promise.all(
    Array.from({ length: 10 }, (_, i) => codemode.execute(`return (await tools.echo({ value: ${i} })) * 2;`)),
  );
  const normalMs = Date.now() - started;
  assert.deepEqual(
    normal.map((outcome) => outcome.ok && outcome.result),
    Array.from({ length: 10 }, (_, i) => i * 2),
  );
  assert.ok(normalMs < LIMITS.timeoutMs, `normal programs took ${normalMs} ms beside the hostile one`);
  const ended = await hostile;
  assert.equal(ended.ok, false);
});
