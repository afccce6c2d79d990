import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locateRunError } from './program-position.ts';

test('the innermost program frame gives line and column; positions stay where the program has them', () => {
  const located = locateRunError(
    {
      name: 'TypeError',
      message: 'x is undefined',
      stack: 'TypeError: x is undefined\n    at helper (program.js:2:17)\n    at program.js:5:8',
    },
    { firstLinePrefix: 0, lines: 5 },
  );
  assert.deepEqual([located.line, located.column], [2, 17]);
  assert.equal(
    located.stack,
    'TypeError: x is undefined\n    at helper (program.js:2:17)\n    at program.js:5:8',
  );
});

test("a lone function's call wrapper is taken out: first-line columns shift back, its own frames go", () => {
  const located = locateRunError(
    {
      name: 'Error',
      message: 'boom',
      // The program `async () => { throw new Error('boom') }` ran behind a 74-character wrapper.
      stack: 'Error: boom\n    at program.js:1:95\n    at program.js:1:57\n    at program.js:2:1',
    },
    { firstLinePrefix: 74, lines: 1 },
  );
  assert.deepEqual([located.line, located.column], [1, 21]);
  assert.equal(located.stack, 'Error: boom\n    at program.js:1:21');
});

test('a position the sandbox reported is mapped too; an error without one stays as it is', () => {
  const syntax = locateRunError(
    { name: 'SyntaxError', message: 'Unexpected token', line: 1, column: 80 },
    { firstLinePrefix: 74, lines: 3 },
  );
  assert.deepEqual([syntax.line, syntax.column], [1, 6]);
  const limit = { name: 'LimitError', message: 'timed out', limit: 'timeoutMs' };
  assert.deepEqual(locateRunError(limit, { firstLinePrefix: 0, lines: 1 }), limit);
});
