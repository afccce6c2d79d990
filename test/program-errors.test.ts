// Run-time errors in the program's own terms: positions in the program as written (through fences, TypeScript,
// export default and a lone function's wrapper), frames of the program only, and a result JSON cannot carry named
// by its path. Also: the type checker's built-ins are the sandbox's, neither more nor fewer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { toolsServer } from './helpers/run-cli.ts';

let codemode: CodeMode;
before(async () => {
  codemode = await createCodeMode({
    config: { mcpServers: { tools: toolsServer() } },
    observeOutputs: false,
  });
});
after(async () => {
  await codemode?.close();
});

/** The failed run's error; fails the test when the run succeeded. */
async function failure(program: string, check: 'strict' | 'off' = 'strict') {
  const outcome = await codemode.execute(program, { check });
  assert.equal(outcome.ok, false, `expected a failure: ${JSON.stringify(outcome)}`);
  if (outcome.ok) throw new Error('unreachable');
  return outcome.error;
}

describe('run-time errors point at the program as written', () => {
  for (const [shape, program, line, column] of [
    ['a body with types', 'const a: number = 1;\nconst b = null as any;\nreturn b.x;', 3, 10],
    [
      'a fenced body',
      '```ts\n\ninterface A { x: number }\nconst b = null as any as A;\n  return b.x;\n```',
      5,
      12,
    ],
    [
      'export default',
      'export default async function main() {\n  const b: any = null;\n  return b.x;\n}',
      3,
      12,
    ],
    ['a lone arrow, one line', 'async () => { const b: any = null; return b.x; }', 1, 45],
    ['a lone arrow, lines', 'async () => {\n  const b: any = null;\n  return b.x;\n}', 3, 12],
    ['a helper', 'function helper(v: any) {\n  return v.deep.x;\n}\nreturn helper({});', 2, 17],
  ] as const) {
    test(shape, async () => {
      const error = await failure(program);
      assert.equal(error.name, 'TypeError');
      assert.deepEqual([error.line, error.column], [line, column]);
      const frames = (error.stack ?? '').split('\n').slice(1);
      assert.ok(
        frames.length > 0 && frames.every((frame) => /^ {4}at .*program\.js:\d+:\d+\)?$/.test(frame)),
      );
      assert.match(frames[0] ?? '', new RegExp(`program\\.js:${line}:${column}\\)?$`));
    });
  }

  test('a failed tool call points at the line that made it', async () => {
    const error = await failure('const a = 1;\nawait tools.fail({ message: "nope" });');
    assert.equal(error.name, 'ToolError');
    assert.equal(error.line, 2);
    assert.doesNotMatch(error.stack ?? '', /prelude|node:|\/src\//);
  });

  test('arguments that break the schema never reach the server, and the error says where and what', async () => {
    const error = await failure('const ms: any = "10";\nawait tools.sleep({ ms });');
    assert.equal(error.name, 'TypeError');
    assert.equal(error.message, 'tools.sleep: input.ms must be number (got string)');
    assert.equal(error.line, 2);
  });
});

describe("the program's result must survive JSON", () => {
  for (const [what, program, message] of [
    [
      'a function',
      'return { total: 3, format: (n: number) => `${n}` };',
      /a function at result\.format; JSON has no functions/,
    ],
    ['a function in an array', 'return { steps: [1, () => 2] };', /a function at result\.steps\[1\]/],
    [
      'a Map',
      'const byType = new Map([["a", 1]]);\nreturn { byType };',
      /a Map at result\.byType, which JSON turns into \{\}; convert it first \(Object\.fromEntries\(map\)/,
    ],
    ['a Set', 'return [new Set([1])];', /a Set at result\[0\], which JSON turns into \{\}/],
    [
      'an Error',
      'try { await tools.fail({ message: "x" }); } catch (error) { return { ok: false, error }; }',
      /an Error at result\.error, which JSON turns into \{\}; return what you need of it \(error\.message\)/,
    ],
    [
      'a cycle',
      'const node: any = { name: "a" };\nnode.self = node;\nreturn { node };',
      /a circular reference at result\.node\.self \(back to result\.node\)/,
    ],
    ['a BigInt', 'return { "big-id": 10n };', /a BigInt at result\["big-id"\]; convert it first/],
  ] as const) {
    test(what, async () => {
      const error = await failure(program, 'off');
      assert.equal(error.name, 'TypeError');
      assert.match(error.message, /^the program's result cannot be (converted to|returned as) JSON: /);
      assert.match(error.message, message);
    });
  }

  test('what JSON carries faithfully passes: dates, undefined fields, toJSON, class instances', async () => {
    const outcome = await codemode.execute(
      'class Point { x = 1; }\nreturn { at: new Date(0), gone: undefined, custom: { toJSON: () => "c" }, point: new Point() };',
      { check: 'off' },
    );
    assert.deepEqual(outcome.ok && outcome.result, {
      at: '1970-01-01T00:00:00.000Z',
      custom: 'c',
      point: { x: 1 },
    });
  });
});

describe('the checker knows exactly the built-ins the sandbox has', () => {
  test('what it accepts runs', async () => {
    const outcome = await codemode.execute(
      [
        'const grouped = Object.groupBy([1, 2, 3], (n) => (n % 2 ? "odd" : "even"));',
        'const { promise, resolve } = Promise.withResolvers<number>();',
        'resolve(1);',
        'const union = new Set([1]).union(new Set([2]));',
        'const doubled = union.values().map((n) => n * 2).toArray();',
        'const fromAsync = await Array.fromAsync([promise]);',
        'return { odd: grouped.odd, doubled, fromAsync, last: [1, 2].findLast((n) => n > 0), sorted: [2, 1].toSorted() };',
      ].join('\n'),
      { check: 'strict' },
    );
    assert.deepEqual(outcome.ok && outcome.result, {
      odd: [1, 3],
      doubled: [2, 4],
      fromAsync: [1],
      last: 2,
      sorted: [1, 2],
    });
  });

  test('what it refuses is missing at run time too', async () => {
    for (const expression of [
      'Promise.try',
      'RegExp.escape',
      'globalThis.Float16Array',
      'globalThis.structuredClone',
      'globalThis.setTimeout',
    ]) {
      const outcome = await codemode.execute(`return typeof ${expression};`, { check: 'off' });
      assert.equal(outcome.ok && outcome.result, 'undefined', expression);
    }
    for (const program of [
      'return Promise.try(() => 1);',
      'return RegExp.escape("a");',
      'return new Float16Array(1);',
      'return structuredClone(1);',
    ]) {
      assert.equal((await failure(program)).name, 'TypeCheckError', program);
    }
  });
});
