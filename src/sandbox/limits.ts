import { CodeModeError } from '../errors.ts';
import type { SandboxLimits } from './types.ts';

/**
 * Wall-clock budget of one run, tool calls included. Long enough for a program that chains a few dozen real tool
 * calls (each 100 ms to 1 s over the network); short enough that a stuck program frees its worker and the model hears
 * back well inside the 60 s request timeout many MCP clients use.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * V8 heap of the isolate. isolated-vm's own default: programs orchestrate tool results (JSON), which rarely need more
 * than tens of MB, and every pooled worker may hold this much at once. isolated-vm sizes the young generation from
 * this limit (2 MB at 128 MB), so allocation-heavy JSON work runs ~1.3x slower than in Node here and ~1.1x at 512 MB
 * (npm run bench, guest-compute): raise it for programs that churn through large results.
 */
export const DEFAULT_MEMORY_MB = 128;

/**
 * The longest timeout accepted: a run longer than a day is a mistake, and the watchdog timers must stay within
 * setTimeout's 2^31 - 1 ms range.
 */
export const MAX_TIMEOUT_MS = 86_400_000;

/** isolated-vm refuses isolates below 8 MB; the prelude alone needs a few. */
export const MIN_MEMORY_MB = 8;

/**
 * Tool calls in one run. A loop over a few thousand items (one call each) is a legitimate program; ten thousand still
 * stops a runaway loop from hammering an upstream server. The bridge itself costs ~50 ms for that many calls.
 */
export const DEFAULT_MAX_TOOL_CALLS = 10_000;

/**
 * JSON size of the result. The result goes back to a model: 256 KiB is ~64k tokens, already a third of a large
 * context window — past that a program should return less (the point of Code Mode), and the error says so.
 */
export const DEFAULT_MAX_RESULT_BYTES = 256 * 1024;

/** Captured console output. Logs are for progress and debugging, not data: 64 KiB is ~16k tokens. */
export const DEFAULT_MAX_LOG_BYTES = 64 * 1024;

/** The limits a run gets when the caller sets none. */
export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  timeoutMs: DEFAULT_TIMEOUT_MS,
  memoryMb: DEFAULT_MEMORY_MB,
  maxToolCalls: DEFAULT_MAX_TOOL_CALLS,
  maxResultBytes: DEFAULT_MAX_RESULT_BYTES,
  maxLogBytes: DEFAULT_MAX_LOG_BYTES,
});

/** What each limit must be, and how to say it in an error. */
const RULES: Record<keyof SandboxLimits, { min: number; max?: number; integer: boolean; unit: string }> = {
  timeoutMs: {
    min: Number.MIN_VALUE,
    max: MAX_TIMEOUT_MS,
    integer: false,
    unit: `a positive number of milliseconds, at most ${MAX_TIMEOUT_MS} (a day)`,
  },
  memoryMb: { min: MIN_MEMORY_MB, integer: false, unit: `a number of megabytes, at least ${MIN_MEMORY_MB}` },
  // Zero is meaningful here: an operator can allow computation but no tool calls at all.
  maxToolCalls: { min: 0, integer: true, unit: 'a whole number of calls, 0 or more' },
  maxResultBytes: { min: 1, integer: true, unit: 'a positive whole number of bytes' },
  maxLogBytes: { min: 1, integer: true, unit: 'a positive whole number of bytes' },
};

/**
 * Fills the limits a caller left out with {@link DEFAULT_LIMITS} and checks the ones it set. `undefined` means "the
 * default", so option objects can be spread without filtering.
 *
 * @throws CodeModeError `USAGE` naming the limit, what it must be and what it got (NaN, negative, unknown key...).
 * @example
 * ```ts
 * resolveLimits({ timeoutMs: 2_000 }); // { timeoutMs: 2000, memoryMb: 128, maxToolCalls: 10000, ... }
 * resolveLimits({ memoryMb: 0 }); // throws: limits.memoryMb must be a number of megabytes, at least 8; got 0
 * ```
 */
export function resolveLimits(partial: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(partial)) {
    if (!Object.hasOwn(RULES, key)) {
      const known = Object.keys(RULES).join(', ');
      throw new CodeModeError('USAGE', `limits.${key} is not a limit; the limits are ${known}`, {
        details: { limit: key },
      });
    }
    if (value === undefined) continue;
    const name = key as keyof SandboxLimits;
    const rule = RULES[name];
    const valid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= rule.min &&
      value <= (rule.max ?? Number.MAX_VALUE) &&
      (!rule.integer || Number.isInteger(value));
    if (!valid) {
      throw new CodeModeError('USAGE', `limits.${name} must be ${rule.unit}; got ${describe(value)}`, {
        details: { limit: name, value },
      });
    }
    limits[name] = value;
  }
  return limits;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeof value;
}
