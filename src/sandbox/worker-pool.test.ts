// Programs through the real pool: child processes, isolated-vm isolates, the batched bridge. No mocks.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveLimits } from './limits.ts';
import type { GuestToolCall, SandboxLimits, SandboxRunResult } from './types.ts';
import { createWorkerPool } from './worker-pool.ts';

// One worker, so that every run lands on the same process: isolation between runs is really tested.
const pool = createWorkerPool({ size: 1 });
after(() => pool.close());

const received: GuestToolCall[] = [];

/** The host tools the programs call. Like the engine, they reject with plain GuestErrorShape objects. */
/* eslint-disable @typescript-eslint/only-throw-error -- a GuestErrorShape is the contract, not an Error */
async function callTool(call: GuestToolCall): Promise<unknown> {
  received.push(call);
  const args = (call.args ?? {}) as Record<string, unknown>;
  switch (call.method) {
    case 'echo':
      return args;
    case 'nothing':
      return undefined;
    case 'wait':
      await sleep(Number(args.ms ?? 10));
      return args.value ?? null;
    case 'fail':
      throw {
        name: 'ToolError',
        message: 'issue not found',
        data: { server: 'github', tool: 'get_issue', content: [{ type: 'text', text: 'issue not found' }] },
      };
    case 'throttle':
      throw { name: 'RateLimitError', message: 'slow down', data: { retryAfter: 3 } };
    case 'typeError':
      throw { name: 'TypeError', message: 'bad argument' };
    default:
      throw new Error(`no tool ${call.method}`);
  }
}

/* eslint-enable @typescript-eslint/only-throw-error */

const NAMESPACES = { tools: ['echo', 'nothing', 'wait', 'fail', 'throttle', 'typeError', 'crash'] };

function run(code: string, limits: Partial<SandboxLimits> = {}): Promise<SandboxRunResult> {
  return pool.run({
    code,
    namespaces: NAMESPACES,
    limits: resolveLimits({ timeoutMs: 5_000, ...limits }),
    callTool,
  });
}

async function ok(
  code: string,
  limits?: Partial<SandboxLimits>,
): Promise<Extract<SandboxRunResult, { ok: true }>> {
  const outcome = await run(code, limits);
  assert.ok(outcome.ok, `expected success, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function failed(code: string, limits?: Partial<SandboxLimits>) {
  const outcome = await run(code, limits);
  assert.ok(!outcome.ok, `expected failure, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('results', () => {
  test('a number, an object, and nothing', async () => {
    assert.equal((await ok('return 1')).result, 1);
    assert.deepEqual((await ok('return { a: [1, "x", null], b: { c: true } }')).result, {
      a: [1, 'x', null],
      b: { c: true },
    });
    const nothing = await ok('const x = 1;');
    assert.equal(nothing.result, undefined);
    assert.deepEqual(nothing, { ok: true, result: undefined, logs: [], toolCalls: 0 });
  });

  test('top-level await', async () => {
    assert.equal((await ok('const v = await Promise.resolve(20); return v + 1')).result, 21);
  });

  test('a result over maxResultBytes is a LimitError with its size and the limit', async () => {
    const { error } = await failed('return "x".repeat(2000)', { maxResultBytes: 1_000 });
    assert.equal(error.name, 'LimitError');
    assert.equal(error.limit, 'maxResultBytes');
    assert.match(error.message, /2002 bytes of JSON, over the 1000-byte limit; return less/);
  });

  test('results that are not JSON say what and where', async () => {
    const bigint = await failed('return { totals: [{ size: 1n }] }');
    assert.equal(bigint.error.name, 'TypeError');
    assert.match(bigint.error.message, /a BigInt at result\.totals\[0\]\.size/);
    const cycle = await failed('const node = { name: "a" }; node.self = node; return { node }');
    assert.match(cycle.error.message, /a circular reference at result\.node\.self \(back to result\.node\)/);
    const fn = await failed('return () => 1');
    assert.match(fn.error.message, /returned a function, which is not JSON/);
  });
});

describe('tool calls', () => {
  test('arguments and values round trip', async () => {
    received.length = 0;
    const outcome = await ok(
      'return [await tools.echo({ a: 1, nested: { list: [1, "two"] } }), await tools.nothing()]',
    );
    assert.deepEqual(outcome.result, [{ a: 1, nested: { list: [1, 'two'] } }, null]);
    assert.equal(outcome.toolCalls, 2);
    assert.deepEqual(received, [
      { namespace: 'tools', method: 'echo', args: { a: 1, nested: { list: [1, 'two'] } } },
      { namespace: 'tools', method: 'nothing', args: undefined },
    ]);
  });

  test('1,000 calls waiting 10 ms each run concurrently (well under 1 s)', async () => {
    const started = performance.now();
    const outcome = await ok(
      'const values = await Promise.all(Array.from({ length: 1000 }, (_, i) => tools.wait({ ms: 10, value: i }))); return values.reduce((a, b) => a + b, 0)',
    );
    const elapsed = performance.now() - started;
    assert.equal(outcome.result, (999 * 1000) / 2);
    assert.equal(outcome.toolCalls, 1000);
    assert.ok(elapsed < 1_000, `took ${elapsed} ms`);
  });

  test('a ToolError is caught with instanceof and carries its fields and the program line', async () => {
    const { result } = await ok(`
      try {
        await tools.fail({ id: 1 });
      } catch (error) {
        return { isToolError: error instanceof ToolError, isError: error instanceof Error, name: error.name,
          message: error.message, server: error.server, tool: error.tool, content: error.content, stack: error.stack };
      }`);
    assert.deepEqual(result, {
      isToolError: true,
      isError: true,
      name: 'ToolError',
      message: 'issue not found',
      server: 'github',
      tool: 'get_issue',
      content: [{ type: 'text', text: 'issue not found' }],
      stack: 'ToolError: issue not found\n    at async program.js:3:9',
    });
  });

  test('an uncaught ToolError ends the run with its name', async () => {
    const { error } = await failed('\nawait tools.fail({})');
    assert.deepEqual(error, {
      name: 'ToolError',
      message: 'issue not found',
      stack: 'ToolError: issue not found\n    at async program.js:2:1',
    });
  });

  test('other error names arrive as Errors with that name (builtin names as the builtin class)', async () => {
    const { result } = await ok(`
      const seen = [];
      try { await tools.throttle({}) } catch (e) { seen.push([e instanceof Error, e.name, e.message, e.retryAfter]) }
      try { await tools.typeError({}) } catch (e) { seen.push([e instanceof TypeError, e.name, e.message]) }
      try { await tools.crash({}) } catch (e) { seen.push([e instanceof Error, e.name, e.message]) }
      return seen`);
    assert.deepEqual(result, [
      [true, 'RateLimitError', 'slow down', 3],
      [true, 'TypeError', 'bad argument'],
      [true, 'Error', 'no tool crash'],
    ]);
  });

  test('an argument that is not JSON rejects in the guest without reaching the host', async () => {
    received.length = 0;
    const { result } = await ok(
      'try { await tools.echo({ n: 1n }) } catch (e) { return [e.name, e.message] }',
    );
    assert.deepEqual(result, [
      'TypeError',
      'the argument of tools.echo cannot be converted to JSON: Do not know how to serialize a BigInt',
    ]);
    assert.equal(received.length, 0);
  });

  test('a host handler that throws synchronously fails that call, like a rejection, and the run goes on', async () => {
    const outcome = await pool.run({
      code: 'const a = await tools.echo({}).catch((e) => e.message); const b = await tools.nothing({}); return [a, b];',
      namespaces: NAMESPACES,
      limits: resolveLimits({ timeoutMs: 5_000 }),
      callTool: (call) => {
        if (call.method === 'echo') throw new Error('thrown at once');
        return Promise.resolve('fine');
      },
    });
    assert.deepEqual(outcome.ok && outcome.result, ['thrown at once', 'fine']);
  });

  test('maxToolCalls ends the run at the call past the limit', async () => {
    const sequential = await failed('for (let i = 0; i < 10; i++) await tools.echo({ i })', {
      maxToolCalls: 5,
    });
    assert.deepEqual(sequential.error, {
      name: 'LimitError',
      message: 'the program made more than 5 tool calls (the maxToolCalls limit)',
      limit: 'maxToolCalls',
    });
    assert.equal(sequential.toolCalls, 5);
    const fanOut = await failed('await Promise.all(Array.from({ length: 10 }, () => tools.echo({})))', {
      maxToolCalls: 5,
    });
    assert.equal(fanOut.error.limit, 'maxToolCalls');
    assert.equal(fanOut.toolCalls, 0);
    assert.equal((await ok('return 1')).result, 1);
  });
});

describe('errors from the program', () => {
  test('a syntax error has line and column in the program as written', async () => {
    const { error } = await failed('const a = 1;\nconst b = ;');
    assert.deepEqual(error, { name: 'SyntaxError', message: "Unexpected token ';'", line: 2, column: 11 });
  });

  test('a thrown error keeps its name and only the program frames', async () => {
    const { error } = await failed('function inner() {\n  null.x;\n}\nawait tools.nothing();\ninner();');
    assert.equal(error.name, 'TypeError');
    assert.equal(error.message, "Cannot read properties of null (reading 'x')");
    assert.equal(
      error.stack,
      "TypeError: Cannot read properties of null (reading 'x')\n    at inner (program.js:2:8)\n    at program.js:5:1",
    );
  });

  test('throwing a non-Error value is a RuntimeError that shows the value', async () => {
    assert.deepEqual((await failed('throw "plain"')).error, {
      name: 'RuntimeError',
      message: 'the program threw "plain", not an Error',
    });
    assert.match((await failed('throw { code: 42 }')).error.message, /the program threw \{ code: 42 \}/);
  });
});

describe('console', () => {
  test('renders like util.inspect, one string per call, with level prefixes', async () => {
    const { logs } = await ok(`
      const cycle = { name: 'c' }; cycle.self = cycle;
      console.log('plain', 1, { a: 1, b: [1, 2], s: 'quoted' });
      console.info({ deep: { er: { still: { hidden: 1 } } } });
      console.warn(new Map([['k', { v: 1 }]]), new Set([1]));
      console.error(cycle);
      console.debug(undefined, null, () => 1, Symbol('s'), 2n);
      console.log(new Error('shown'));`);
    assert.deepEqual(logs, [
      "plain 1 { a: 1, b: [ 1, 2 ], s: 'quoted' }",
      '{ deep: { er: { still: [Object] } } }',
      "[warn] Map(1) { 'k' => { v: 1 } } Set(1) { 1 }",
      "[error] <ref *1> { name: 'c', self: [Circular *1] }",
      '[debug] undefined null [Function (anonymous)] Symbol(s) 2n',
      'Error: shown\n    at program.js:8:19',
    ]);
  });

  test('past maxLogBytes, output stops with one marker line', async () => {
    const { logs } = await ok('for (let i = 0; i < 20; i++) console.log("0123456789")', { maxLogBytes: 100 });
    assert.equal(logs.length, 11);
    assert.equal(logs[9], '0123456789');
    assert.equal(
      logs[10],
      '[logs truncated: 100 more bytes from 10 console calls past the 100-byte maxLogBytes limit]',
    );
  });

  test('logs written before a failure are kept', async () => {
    const { logs, error } = await failed(
      'console.log("before"); await tools.echo({}); console.log("after"); throw new Error("x")',
    );
    assert.equal(error.message, 'x');
    assert.deepEqual(logs, ['before', 'after']);
  });
});

describe('isolation', () => {
  test('no state leaks from one run to the next', async () => {
    await ok('globalThis.leak = 1; Object.prototype.polluted = true; Array.prototype.push = () => 0;');
    const { result } = await ok('return [typeof leak, typeof ({}).polluted, [].push(1)]');
    assert.deepEqual(result, ['undefined', 'undefined', 1]);
  });

  test('the guest sees only standard built-ins, console, ToolError and its namespaces', async () => {
    const { result } = await ok(`
      return { globals: Object.getOwnPropertyNames(globalThis).filter((name) => !/^[A-Z]/.test(name) || name === 'ToolError'),
        types: [typeof process, typeof require, typeof module, typeof global, typeof setTimeout, typeof fetch, typeof queueMicrotask],
        toolKeys: Object.getOwnPropertyNames(tools), frozen: Object.isFrozen(tools) }`);
    const { globals, types, toolKeys, frozen } = result as {
      globals: string[];
      types: string[];
      toolKeys: string[];
      frozen: boolean;
    };
    assert.deepEqual(types, Array(7).fill('undefined'));
    assert.deepEqual(toolKeys, NAMESPACES.tools);
    assert.ok(frozen);
    const standard = [
      'globalThis',
      'parseFloat',
      'parseInt',
      'undefined',
      'decodeURI',
      'decodeURIComponent',
      'encodeURI',
      'encodeURIComponent',
      'escape',
      'unescape',
      'eval',
      'isFinite',
      'isNaN',
    ];
    assert.deepEqual(globals.sort(), [...standard, 'console', 'ToolError', 'tools'].sort());
  });

  test('import() of node modules fails', async () => {
    const { error } = await failed('await import("node:fs")');
    assert.equal(error.message, 'Not supported');
    assert.equal((await failed('require("fs")')).error.message, 'require is not defined');
  });
});
