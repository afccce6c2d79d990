import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolError, toolValue } from './tool-value.ts';

test('structuredContent wins over content', () => {
  const value = toolValue({ content: [{ type: 'text', text: '{"a":1}' }], structuredContent: { b: 2 } });
  assert.deepEqual(value, { b: 2 });
});

test('text content is parsed as JSON when it is JSON, kept as text otherwise', () => {
  assert.deepEqual(toolValue({ content: [{ type: 'text', text: ' {"a":[1,2]} ' }] }), { a: [1, 2] });
  assert.equal(toolValue({ content: [{ type: 'text', text: 'hello' }] }), 'hello');
  assert.equal(
    toolValue({
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    }),
    'a\nb',
  );
  assert.deepEqual(
    toolValue({
      content: [
        { type: 'text', text: '[1,' },
        { type: 'text', text: '2]' },
      ],
    }),
    [1, 2],
  );
});

test('mixed content is returned as the content array', () => {
  const content = [
    { type: 'text', text: 'x' },
    { type: 'image', data: 'AAAA', mimeType: 'image/png' },
  ];
  assert.deepEqual(toolValue({ content }), content);
});

test('isError becomes a ToolError shape with the text as message', () => {
  const error = toolError('fs', 'read_file', {
    content: [{ type: 'text', text: 'ENOENT: no such file' }],
    isError: true,
  });
  assert.equal(error.name, 'ToolError');
  assert.equal(error.message, 'ENOENT: no such file');
  assert.deepEqual(error.data?.server, 'fs');
  assert.equal(toolError('fs', 'x', { content: [], isError: true }).message, 'fs.x reported an error');
});
