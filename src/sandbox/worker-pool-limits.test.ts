// Every limit ends a run with a clear error near its value, and the pool keeps working afterwards. Real processes.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CodeModeError } from '../errors.ts';
import { resolveLimits } from './limits.ts';
import type { GuestToolCall, SandboxLimits, SandboxRunResult } from './types.ts';
import { createWorkerPool } from './worker-pool.ts';

const pool = createWorkerPool({ size: 2 });
after(() => pool.close());

let aborted = 0;
async function callTool(call: GuestToolCall, signal: AbortSignal): Promise<unknown> {
  if (call.method === 'never') {
    signal.addEventListener('abort', () => (aborted += 1));
    return new Promise(() => {});
  }
  await sleep(5);
  return call.args ?? null;
}

function run(
  code: string,
  limits: Partial<SandboxLimits> = {},
  signal?: AbortSignal,
): Promise<SandboxRunResult> {
  const request = { code, namespaces: { tools: ['wait', 'never'] }, limits: resolveLimits(limits), callTool };
  return pool.run(signal ? { ...request, signal } : request);
}

/** Runs `code`, expects it to fail with `name`, and checks the pool still runs the next program. */
async function endsWith(name: string, code: string, limits: Partial<SandboxLimits>, signal?: AbortSignal) {
  const started = performance.now();
  const outcome = await run(code, limits, signal);
  const elapsed = performance.now() - started;
  assert.ok(!outcome.ok, `expected ${name}, got ${JSON.stringify(outcome)}`);
  assert.equal(outcome.error.name, name, JSON.stringify(outcome.error));
  const next = await run('return "still working"');
  assert.deepEqual(next, { ok: true, result: 'still working', logs: [], toolCalls: 0 });
  return { ...outcome, elapsed };
}

describe('time', { timeout: 20_000 }, () => {
  const TIMEOUT = 300;
  const message = `the program ran longer than the ${TIMEOUT} ms timeout`;

  test('a synchronous infinite loop', async () => {
    const { error, elapsed, logs } = await endsWith('LimitError', 'console.log("start"); while (true) {}', {
      timeoutMs: TIMEOUT,
    });
    assert.deepEqual(error, { name: 'LimitError', message, limit: 'timeoutMs' });
    assert.deepEqual(logs, ['start']);
    // The upper bound leaves room for a loaded machine; what it rules out is a loop that only a later, coarser
    // mechanism (the worker's replacement, the test's own timeout) would end.
    assert.ok(elapsed >= TIMEOUT && elapsed < TIMEOUT + 1_500, `ended after ${elapsed} ms`);
  });

  test('a loop that starts after a tool call returns', async () => {
    const { error, elapsed, toolCalls } = await endsWith('LimitError', 'await tools.wait({}); for (;;) {}', {
      timeoutMs: TIMEOUT,
    });
    assert.equal(error.message, message);
    assert.equal(toolCalls, 1);
    assert.ok(elapsed >= TIMEOUT && elapsed < TIMEOUT + 1_500, `ended after ${elapsed} ms`);
  });

  test('a promise that never settles', async () => {
    const { error, elapsed } = await endsWith('LimitError', 'await new Promise(() => {})', {
      timeoutMs: TIMEOUT,
    });
    assert.equal(error.message, message);
    assert.ok(elapsed >= TIMEOUT && elapsed < TIMEOUT + 1_500, `ended after ${elapsed} ms`);
  });

  test('a microtask loop', async () => {
    const { error } = await endsWith('LimitError', 'for (;;) await null', { timeoutMs: TIMEOUT });
    assert.equal(error.message, message);
  });
});

describe('memory', { timeout: 30_000 }, () => {
  test('a gradual leak hits the memory limit', async () => {
    const { error } = await endsWith(
      'LimitError',
      'const kept = []; for (;;) kept.push(new Array(10_000).fill(1))',
      {
        memoryMb: 32,
        timeoutMs: 10_000,
      },
    );
    assert.deepEqual(error, {
      name: 'LimitError',
      message: 'the program used more than the 32 MB memory limit',
      limit: 'memoryMb',
    });
  });

  test('a leak between tool calls hits the memory limit', async () => {
    const { error } = await endsWith(
      'LimitError',
      'const kept = []; for (;;) { kept.push(new Array(100_000).fill(1)); await tools.wait({}); }',
      {
        memoryMb: 32,
        timeoutMs: 10_000,
      },
    );
    assert.equal(error.limit, 'memoryMb');
  });

  test('one huge allocation crashes the worker: a clear error, logs so far, and a replaced worker', async () => {
    const { error, logs } = await endsWith(
      'SandboxCrashError',
      'console.log("before"); new Array(2 ** 27).fill(0)',
      {
        memoryMb: 64,
        timeoutMs: 10_000,
      },
    );
    assert.match(
      error.message,
      /the sandbox worker crashed .*most likely ran out of memory — the limit is 64 MB/,
    );
    assert.deepEqual(logs, ['before']);
  });
});

describe('cancellation', { timeout: 10_000 }, () => {
  test('aborting a program stuck in a loop', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, elapsed } = await endsWith(
      'CancelledError',
      'while (true) {}',
      { timeoutMs: 5_000 },
      controller.signal,
    );
    assert.equal(error.message, 'the run was cancelled');
    assert.ok(elapsed < 1_000, `ended after ${elapsed} ms`);
  });

  test('aborting a program waiting on a tool aborts the tool call too', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const before = aborted;
    const { elapsed } = await endsWith(
      'CancelledError',
      'await tools.never({})',
      { timeoutMs: 5_000 },
      controller.signal,
    );
    assert.ok(elapsed < 1_000, `ended after ${elapsed} ms`);
    assert.equal(aborted, before + 1);
  });

  test('an already aborted signal never starts the program', async () => {
    const outcome = await run('return 1', {}, AbortSignal.abort());
    assert.equal(outcome.ok, false);
  });
});

describe('the pool', { timeout: 20_000 }, () => {
  test('queues programs in order past its size, and refuses past the queue bound', async () => {
    const small = createWorkerPool({ size: 1, maxQueue: 1 });
    try {
      const order: string[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const request = (name: string) => ({
        code: `await tools.gate({}); return "${name}"`,
        namespaces: { tools: ['gate'] },
        limits: resolveLimits({ timeoutMs: 5_000 }),
        callTool: async () => {
          order.push(name);
          await gate;
          return null;
        },
      });
      const first = small.run(request('first'));
      const second = small.run(request('second'));
      await assert.rejects(small.run(request('third')), (error: unknown) => {
        assert.ok(CodeModeError.isInstance(error) && error.code === 'SANDBOX_FAILURE');
        assert.match(
          error.message,
          /the sandbox is busy: all 1 workers are taken and 1 programs are already waiting; try again later/,
        );
        assert.equal(error.details?.reason, 'busy');
        return true;
      });
      release();
      assert.deepEqual([(await first).ok, (await second).ok], [true, true]);
      assert.deepEqual(order, ['first', 'second']);
    } finally {
      await small.close();
    }
  });

  test('starts workers lazily without prestart, and warm() starts the rest', async () => {
    const lazy = createWorkerPool({ size: 2, prestart: 0 });
    try {
      const limits = resolveLimits();
      const runs = await Promise.all(
        [1, 2].map((n) => lazy.run({ code: `return ${n}`, namespaces: {}, limits, callTool })),
      );
      assert.deepEqual(
        runs.map((outcome) => outcome.ok && outcome.result),
        [1, 2],
      );
      await lazy.warm();
    } finally {
      await lazy.close();
    }
  });

  test('close() ends the workers, cancels what waits, and refuses new runs', async () => {
    const closing = createWorkerPool({ size: 1 });
    const running = closing.run({
      code: 'while (true) {}',
      namespaces: {},
      limits: resolveLimits({ timeoutMs: 5_000 }),
      callTool,
    });
    await sleep(200);
    await closing.close();
    const outcome = await running;
    assert.ok(!outcome.ok && outcome.error.name === 'CancelledError' && /closed/.test(outcome.error.message));
    await assert.rejects(
      closing.run({ code: 'return 1', namespaces: {}, limits: resolveLimits(), callTool }),
      /the sandbox is closed/,
    );
  });

  test(
    'workers exit when their parent dies',
    { skip: process.platform !== 'linux' && 'reads /proc' },
    async () => {
      const host = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `
      const { createWorkerPool } = await import(${JSON.stringify(new URL('./worker-pool.ts', import.meta.url).href)});
      const pool = createWorkerPool({ size: 2 });
      await pool.warm();
      console.log('ready');
      setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => host.stdout.once('data', () => resolve()));
      const workers = childrenOf(host.pid ?? 0);
      assert.equal(workers.length, 2);
      host.kill('SIGKILL');
      const deadline = Date.now() + 5_000;
      while (workers.some(alive) && Date.now() < deadline) await sleep(50);
      assert.deepEqual(workers.filter(alive), []);
    },
  );
});

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A zombie (state Z) is gone as far as we care: it runs nothing and holds no memory. */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
