import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeModeError } from './errors.ts';

test('CodeModeError carries a stable code, details and cause', () => {
  const cause = new Error('root');
  const error = new CodeModeError('NOT_FOUND', 'no such tool', { details: { tool: 'x' }, cause });
  assert.equal(error.code, 'NOT_FOUND');
  assert.deepEqual(error.details, { tool: 'x' });
  assert.equal(error.cause, cause);
  assert.ok(CodeModeError.isInstance(error));
  assert.ok(!CodeModeError.isInstance(new Error('plain')));
});
