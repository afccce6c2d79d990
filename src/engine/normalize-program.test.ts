import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportDefaultAsReturn, normalizeProgram, stripFences } from './normalize-program.ts';
import { stripTypes } from './strip-types.ts';

test('fences around the whole program are stripped (lines keep their numbers), others are kept', () => {
  assert.equal(stripFences('```ts\nreturn 1\n```'), '\nreturn 1');
  assert.equal(stripFences('```typescript\nconst a = 1;\nreturn a;\n```\n'), '\nconst a = 1;\nreturn a;');
  assert.equal(stripFences('\n\n  ```js\nreturn 2\n```'), '\n\n\nreturn 2');
  assert.equal(stripFences('return "```"'), 'return "```"');
});

test('a program body is kept as it is', () => {
  assert.equal(normalizeProgram('return 1'), 'return 1');
  const body = 'async function main() { return 3 }\nreturn await main()';
  assert.equal(normalizeProgram(body), body);
});

test('a lone function or export default function is called, on the same lines', () => {
  for (const source of [
    'async () => { return 1 }',
    'export default async function main() { return 2 }',
    'async function main() {\n  return 3\n};',
    '(async () => 4)()',
  ]) {
    const normalized = normalizeProgram(source);
    assert.match(normalized, /^return await \(\(value\) =>/, source);
    assert.equal(normalized.split('\n').length, source.replace(/;$/, '').split('\n').length + 1, source);
  }
});

test('types are stripped keeping every position', () => {
  const result = stripTypes(
    'const x: number = 1;\ninterface A { a: string }\nreturn x as unknown as number;',
  );
  assert.ok('code' in result);
  assert.equal(result.code.split('\n').length, 3);
  assert.equal(result.code.indexOf('= 1'), 'const x: number = 1'.indexOf('= 1'));
});

test('syntax errors carry the line and column in the program as written', () => {
  const result = stripTypes('const a = 1;\nreturn a +* 2');
  assert.ok('error' in result);
  assert.deepEqual([result.error.line, result.error.column], [2, 11]);
  const first = stripTypes('const x: number = ;');
  assert.ok('error' in first);
  assert.deepEqual([first.error.line, first.error.column], [1, 19]);
});

test('export default becomes a return for stripping and checking, and is called all the same', () => {
  for (const source of [
    'export default function () { return 7 }',
    'export default async () => {\n  return 6;\n}',
    '  export default async function main(): Promise<number> { return 5 }',
  ]) {
    const returned = exportDefaultAsReturn(source);
    assert.equal(returned.length, source.length, 'columns stay');
    assert.match(returned, /^\s*return\s+/);
    const stripped = stripTypes(returned);
    assert.ok('code' in stripped, source);
    assert.match(normalizeProgram(stripped.code, { exported: true }), /^return await \(\(value\) =>/, source);
  }
});
