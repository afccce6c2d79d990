// The peer bench's failure reports (bench/peers/run-one.ts): what the benchmarks page says of a runtime that died must be
// what killed it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ChildOutcome, failure } from '../bench/peers/run-one.ts';
import { firstLine } from '../bench/peers/workloads.ts';

const outcome = (fields: Partial<ChildOutcome>): ChildOutcome => ({
  pid: 1,
  messages: [],
  exit: 'signal SIGABRT',
  stderr: '',
  endedAt: 0,
  killed: false,
  ...fields,
});

test('a host that died of a V8 out-of-memory abort is reported with its telling line', () => {
  const stderr =
    '<--- Last few GCs --->\n[1:0x1] 2706 ms: Mark-Compact\n<--- JS stacktrace --->\nis_heap_oom = 1\nAborted\n';
  assert.equal(
    failure(outcome({ stderr }), 60_000),
    'the host process died (signal SIGABRT): is_heap_oom = 1',
  );
});

test('a child killed at the cap, or one that reported an error, says so', () => {
  assert.equal(failure(outcome({ killed: true }), 60_000), 'no answer within 60 s: the process was killed');
  assert.equal(failure(outcome({ messages: [{ kind: 'error', error: 'TypeError: x' }] }), 1), 'TypeError: x');
});

test('firstLine keeps the error name once and only the first non-empty line', () => {
  assert.equal(firstLine(new Error('LimitError: too long\n  at x')), 'LimitError: too long');
  assert.equal(firstLine(new TypeError('bad')), 'TypeError: bad');
  assert.equal(firstLine('plain\nmore'), 'plain');
});
