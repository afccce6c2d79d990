import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeModeError } from '../errors.ts';
import { DEFAULT_LIMITS, resolveLimits } from './limits.ts';

test('resolveLimits fills what is left out with the defaults', () => {
  assert.deepEqual(resolveLimits(), DEFAULT_LIMITS);
  assert.deepEqual(resolveLimits({ timeoutMs: 2_000, memoryMb: undefined }), {
    ...DEFAULT_LIMITS,
    timeoutMs: 2_000,
  });
  assert.equal(resolveLimits({ maxToolCalls: 0 }).maxToolCalls, 0);
});

test('resolveLimits rejects bad values, naming the limit, the rule and the value', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { timeoutMs: Number.NaN },
      /limits\.timeoutMs must be a positive number of milliseconds, at most 86400000 \(a day\); got NaN/,
    ],
    [{ timeoutMs: 2 ** 31 }, /limits\.timeoutMs .*got 2147483648/],
    [{ timeoutMs: 0 }, /limits\.timeoutMs .*got 0/],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, /got Infinity/],
    [{ memoryMb: 4 }, /limits\.memoryMb must be a number of megabytes, at least 8; got 4/],
    [{ maxToolCalls: -1 }, /limits\.maxToolCalls .*got -1/],
    [{ maxToolCalls: 1.5 }, /whole number/],
    [{ maxResultBytes: '10' }, /limits\.maxResultBytes .*got "10"/],
    [{ maxLogBytes: null }, /limits\.maxLogBytes .*got null/],
    [{ timeout: 5 }, /limits\.timeout is not a limit; the limits are timeoutMs, memoryMb/],
  ];
  for (const [partial, message] of cases) {
    assert.throws(
      () => resolveLimits(partial),
      (error: unknown) =>
        CodeModeError.isInstance(error) && error.code === 'USAGE' && message.test(error.message),
      JSON.stringify(partial),
    );
  }
});
