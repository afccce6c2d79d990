import { formatLogArgs } from './format-log-args.ts';
import { guestPrelude } from './guest-prelude.ts';
import { jsonLossChecker } from './json-loss.ts';
import { programStack } from './program-stack.ts';

/**
 * The prelude as one script for the isolate; its completion value is the `guestPrelude` function. Built from the
 * functions' own source text, so the guest code is type-checked and linted like the rest (type stripping and `tsc`
 * both leave plain JavaScript behind).
 */
export const PRELUDE_SOURCE = [
  '(() => {',
  "'use strict';",
  programStack.toString(),
  formatLogArgs.toString(),
  jsonLossChecker.toString(),
  guestPrelude.toString(),
  'return guestPrelude;',
  '})()',
].join('\n');
