import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from './parse-config.ts';

const options = { source: 'codemode.json', baseDir: '/configs' };

test('the "codemode" object carries the check mode and output validation; both are optional', () => {
  assert.deepEqual(parseConfig({ mcpServers: {} }, options).settings, undefined);
  assert.deepEqual(parseConfig({ mcpServers: {}, codemode: {} }, options).settings, {});
  const { settings } = parseConfig(
    { mcpServers: {}, codemode: { check: 'warn', outputValidation: 'off' } },
    options,
  );
  assert.deepEqual(settings, { check: 'warn', outputValidation: 'off' });
});

test('bad settings are errors that name their JSON path and what is allowed', () => {
  for (const [codemode, message] of [
    [[], 'codemode.json: codemode: expected an object, got array'],
    [{ check: 'loose' }, 'codemode.json: codemode.check: expected "strict", "warn", "off", got "loose"'],
    [{ check: true }, 'codemode.json: codemode.check: expected "strict", "warn", "off", got true'],
    [
      { outputValidation: 'warning' },
      'codemode.json: codemode.outputValidation: expected "error", "warn", "off", got "warning"',
    ],
    [
      { checks: 'strict' },
      'codemode.json: codemode.checks: unknown setting (did you mean "check"?) (known: check, outputValidation,',
    ],
  ] as const) {
    assert.throws(
      () => parseConfig({ mcpServers: {}, codemode }, options),
      (error: Error) => error.message.startsWith(message),
      JSON.stringify(codemode),
    );
  }
});

test('workers: a whole number of sandbox processes, 1 to 64', () => {
  assert.deepEqual(parseConfig({ mcpServers: {}, codemode: { workers: 12 } }, options).settings, {
    workers: 12,
  });
  for (const [workers, message] of [
    [0, 'codemode.json: codemode.workers: expected a positive whole number, got 0'],
    [2.5, 'codemode.json: codemode.workers: expected a positive whole number, got 2.5'],
    ['4', 'codemode.json: codemode.workers: expected a positive whole number, got "4"'],
    [1000, 'codemode.json: codemode.workers: at most 64 worker processes, got 1000'],
  ] as const) {
    assert.throws(
      () => parseConfig({ mcpServers: {}, codemode: { workers } }, options),
      (error: Error) => error.message === message,
      JSON.stringify(workers),
    );
  }
});
