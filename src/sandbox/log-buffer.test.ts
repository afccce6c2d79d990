import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogBuffer, logLimitMarker } from './log-buffer.ts';

test('LogBuffer keeps lines up to the byte limit, cuts the crossing line, and counts the rest', () => {
  const logs = new LogBuffer(10);
  logs.add('12345');
  logs.add('abcdefgh');
  logs.add('dropped');
  assert.deepEqual(logs.take(), { lines: ['12345', 'abcde'], droppedLines: 2, droppedBytes: 3 + 7 });
  logs.add('more');
  assert.deepEqual(logs.take(), { lines: [], droppedLines: 3, droppedBytes: 14 });
  assert.equal(
    logLimitMarker(3, 14, 10),
    '[logs truncated: 14 more bytes from 3 console calls past the 10-byte maxLogBytes limit]',
  );
});

test('LogBuffer counts UTF-8 bytes and never splits a character', () => {
  const logs = new LogBuffer(5);
  logs.add('ééé'); // 6 bytes: only two characters fit
  assert.deepEqual(logs.take().lines, ['éé']);
});
