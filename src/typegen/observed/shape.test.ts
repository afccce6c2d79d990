import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileDeclarations } from '../../../test/helpers/compile-declarations.ts';
import { type Shape, merge, renderShape, shapeOf } from './shape.ts';

const render = (...values: unknown[]) =>
  renderShape(
    values.map((value) => shapeOf(value)).reduce<Shape | undefined>((a, b) => merge(a, b), undefined),
  ).replace(/\s+/g, ' ');

test('values become types; fields seen only sometimes become optional', () => {
  assert.equal(render({ id: 1, name: 'a', tags: ['x'] }), '{ id: number; name: string; tags: string[] }');
  assert.equal(render({ id: 1, name: 'a' }, { id: 2 }), '{ id: number; name?: string }');
  assert.equal(render([{ a: 1 }, { a: 2, b: true }]), '{ a: number; b?: boolean }[]');
  assert.equal(render('text', 3), 'string | number');
  assert.equal(render(null, { a: 1 }), 'null | { a: number }');
  assert.equal(render([]), 'unknown[]');
  assert.equal(render({ 'odd key': 1 }), '{ "odd key": number }');
  assert.equal(render([1, 'a']), '(number | string)[]');
});

test('wide unions and huge objects give up gracefully', () => {
  assert.equal(render(1, 'a', true, null, [1], { a: 1 }), 'unknown');
  const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
  assert.equal(render(wide), 'Record<string, unknown>');
});

test('any JSON values give a type that compiles and admits them', () => {
  fc.assert(
    fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 }), (values) => {
      const type = renderShape(
        values.map((value) => shapeOf(value)).reduce<Shape | undefined>((a, b) => merge(a, b), undefined),
      );
      const checks = values.map((value, i) => `const v${i}: T = ${JSON.stringify(value)};`).join('\n');
      const errors = compileDeclarations(`type T = ${type};`, checks);
      assert.deepEqual(errors, [], `${type}\n${checks}`);
    }),
    { numRuns: 40 },
  );
});
