import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StderrTail } from './stderr-tail.ts';

test('splits chunks into lines across chunk boundaries and flushes the last partial line', () => {
  const tail = new StderrTail(1_000);
  assert.deepEqual(tail.push('star'), []);
  assert.deepEqual(tail.push('ting\r\nready\nhal'), ['starting', 'ready']);
  assert.deepEqual(tail.flush(), ['hal']);
  assert.deepEqual(tail.flush(), []);
});

test('keeps only the last characters and quotes the last non-empty lines on one line', () => {
  const tail = new StderrTail(20);
  tail.push('a very long first line that is dropped\n\nError: boom\n  at x\n');
  assert.equal(tail.lastLines(2), 'Error: boom | at x');
  assert.equal(tail.lastLines(1), 'at x');
});
