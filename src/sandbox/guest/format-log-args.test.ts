// The console renderer is plain JavaScript, so it is checked here in-process against Node's own util.format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format } from 'node:util';
import { formatLogArgs } from './format-log-args.ts';
import { programStack } from './program-stack.ts';

// In the guest `programStack` is injected next to the renderer; here it has to be a global.
Object.assign(globalThis, { programStack });

class Point {
  x = 1;
  y = 'two';
}

test('renders values exactly like util.format', () => {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  circular.list = [circular];
  const cases: unknown[][] = [
    [{ a: 1, b: [1, 2] }],
    ['text', 1, true, null, undefined],
    [{ single: "it's", double: 'a"b', newline: 'x\ny' }],
    [{ a: { b: { c: { d: 1 } } } }],
    [[[[[1]]]]],
    [circular],
    [
      new Map<unknown, unknown>([
        ['a', 1],
        ['b', { c: 2 }],
      ]),
    ],
    [new Set([1, 'x'])],
    [new Date(0)],
    [Symbol('s'), 10n, -0, Number.NaN],
    [function named() {}, () => {}, async function asyncNamed() {}, class Klass {}],
    [new Point()],
    [Object.assign(Object.create(null) as object, { a: 1 })],
    // eslint-disable-next-line no-sparse-arrays -- holes are what is being rendered
    [[1, , 3]],
    [Array.from({ length: 120 }, (_, index) => index)],
    [Array.from({ length: 30 }, (_, index) => index * 1000)],
    [Array.from({ length: 10 }, (_, index) => `item${index}`)],
    [{ 'key-with-dash': 1, valid_id: 2, [Symbol('k')]: 3 }],
    [new Uint8Array([1, 2, 3])],
    [/ab+c/gi],
    [{ long: 'x'.repeat(50), other: 'y'.repeat(40) }],
    ['%s is %d years, %i, %f %j %%', 'Bob', 42.5, 42.5, '1.5', { a: 1 }],
    [
      {
        get getter() {
          return 1;
        },
        set setter(_value: number) {},
      },
    ],
    [[], {}, new Map(), new Set()],
    [Array.from({ length: 8 }, (_, index) => ({ id: index }))],
    [{ nested: new Map([[{ key: 1 }, new Set([1])]]) }],
    [new ArrayBuffer(3)],
    [[undefined, null]],
  ];
  for (const args of cases) assert.equal(formatLogArgs(args), format(...args));
});

test('renders errors as their stack, keeping only the program frames', () => {
  const error = new TypeError('bad');
  error.stack = 'TypeError: bad\n    at run (program.js:3:9)\n    at deliver (codemode-prelude.js:1:1)';
  assert.equal(formatLogArgs([error]), 'TypeError: bad\n    at run (program.js:3:9)');
  const bare = new Error('no frames');
  bare.stack = 'Error: no frames\n    at host.js:1:1';
  assert.equal(formatLogArgs([bare]), '[Error: no frames]');
  const withData = Object.assign(new Error('failed'), { server: 'github' });
  withData.stack = 'Error: failed\n    at program.js:1:1';
  assert.equal(formatLogArgs([withData]), "Error: failed\n    at program.js:1:1 {\n  server: 'github'\n}");
});
