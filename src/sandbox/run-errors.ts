import type { SandboxLimits, SandboxRunError } from './types.ts';

/** The limits that end a run (the log limit only cuts output). */
export type EndingLimit = Exclude<keyof SandboxLimits, 'maxLogBytes'>;

/**
 * A LimitError naming the limit and its value, e.g. `the program ran longer than the 2000 ms timeout`.
 * `size` is the measured amount for limits that have one (the result's bytes).
 */
export function limitError(limit: EndingLimit, limits: SandboxLimits, size?: number): SandboxRunError {
  const value = limits[limit];
  const messages: Record<EndingLimit, string> = {
    timeoutMs: `the program ran longer than the ${value} ms timeout`,
    memoryMb: `the program used more than the ${value} MB memory limit`,
    maxToolCalls: `the program made more than ${value} tool calls (the maxToolCalls limit)`,
    maxResultBytes:
      `the result is ${size ?? 'more than ' + value} bytes of JSON, over the ${value}-byte limit; ` +
      'return less (only the fields and items you need, or a summary)',
  };
  return { name: 'LimitError', message: messages[limit], limit };
}

/**
 * The worker process died under the program. A V8 abort (SIGABRT/SIGTRAP) or heap messages on its stderr almost
 * always mean one huge allocation: isolated-vm cannot turn that into a catchable error (its issue #527).
 */
export function crashError(
  exit: { code: number | null; signal: NodeJS.Signals | null; stderr: string },
  memoryMb: number,
): SandboxRunError {
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
  const outOfMemory =
    exit.signal === 'SIGABRT' ||
    exit.signal === 'SIGTRAP' ||
    exit.code === 134 ||
    /out of memory|heap_oom|heap limit|allocation failed|oom/i.test(exit.stderr);
  const message = outOfMemory
    ? `the sandbox worker crashed (${how}): the program most likely ran out of memory — the limit is ${memoryMb} MB, ` +
      'and one huge allocation such as new Array(2 ** 27) ends the worker at once; work on less data at a time'
    : `the sandbox worker crashed (${how}) while running the program`;
  return { name: 'SandboxCrashError', message };
}

/** The caller aborted the run, or the pool closed under it. */
export function cancelledError(reason = 'the run was cancelled'): SandboxRunError {
  return { name: 'CancelledError', message: reason };
}

/** Something inside the sandbox machinery failed (never the program's fault, never a host stack). */
export function sandboxError(message: string): SandboxRunError {
  return { name: 'SandboxError', message };
}
