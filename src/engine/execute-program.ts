import { resolveLimits } from '../sandbox/limits.ts';
import type { Sandbox, SandboxLimits, SandboxRunRequest, SandboxRunResult } from '../sandbox/types.ts';
import { CodeModeError } from '../errors.ts';
import { type CallContext, callTool } from './call-tool.ts';
import type { ExecutionResult } from './execution-result.ts';
import { explainError } from './explain-error.ts';
import { CALL_PREFIX, exportDefaultAsReturn, normalizeProgram, stripFences } from './normalize-program.ts';
import { locateRunError } from './program-position.ts';
import type { CheckDiagnostic } from '../check/diagnostics.ts';
import { formatDiagnostics } from '../check/diagnostics.ts';
import { stripTypes } from './strip-types.ts';

/** What one execution needs: the catalog as it is now, where to run, how to reach the servers, and the rules. */
export interface ExecutionContext extends CallContext {
  sandbox: Sandbox;
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal | undefined;
  /** Called after each tool call settles, with how many have settled so far (for progress reports). */
  onToolCallSettled?: ((settled: number) => void) | undefined;
  /** Type-checks the program first: `strict` refuses to run it on type errors, `warn` runs it and reports them. */
  typeCheck?: { mode: 'strict' | 'warn'; check: ProgramChecker } | undefined;
}

/** Type-checks a program (TypeScript, as written, fences removed) against the catalog's API. */
export type ProgramChecker = (
  program: string,
  options: { expression: boolean },
) => Promise<CheckDiagnostic[]>;

/**
 * Runs one program: strips fences and TypeScript, normalizes it to a function body, runs it in the sandbox with the
 * catalog's namespaces, and answers its tool calls from the upstream servers.
 */
export async function executeProgram(program: string, context: ExecutionContext): Promise<ExecutionResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const limits = resolveLimits(context.limits);

  // `export default` becomes `return` first: stripping parses the program as a function body, where export is an error.
  const fenceless = stripFences(program);
  const source = exportDefaultAsReturn(fenceless);
  const stripped = stripTypes(source);
  if ('error' in stripped) {
    const { message, line, column } = stripped.error;
    return {
      ok: false,
      error: { name: 'SyntaxError', message, line, column },
      logs: [],
      toolCalls: 0,
      durationMs: 0,
    };
  }

  const exported = source !== fenceless;
  const code = normalizeProgram(stripped.code, { exported });
  const wrapping = {
    firstLinePrefix: code === stripped.code ? 0 : CALL_PREFIX.length,
    lines: source.split('\n').length,
  };
  let diagnostics: CheckDiagnostic[] | undefined;
  if (context.typeCheck) {
    // An exported function is checked as returned, not called: it needs no arguments.
    const expression = !exported && code !== stripped.code;
    diagnostics = await context.typeCheck.check(source, { expression });
    if (diagnostics.length > 0 && context.typeCheck.mode === 'strict') {
      const count = `${diagnostics.length} type error${diagnostics.length === 1 ? '' : 's'}`;
      const [first] = diagnostics;
      return {
        ok: false,
        error: {
          name: 'TypeCheckError',
          message: `${count}; nothing ran:\n${formatDiagnostics(diagnostics)}`,
          ...(first && { line: first.line, column: first.column }),
          diagnostics,
        },
        logs: [],
        toolCalls: 0,
        durationMs: elapsed(),
      };
    }
    if (diagnostics.length === 0) diagnostics = undefined;
  }

  const run = { deadline: Date.now() + limits.timeoutMs, startedAt, warnings: [] as string[] };
  const warnings = run.warnings;
  let settled = 0;
  const onSettled = context.onToolCallSettled;
  const outcome = await runInSandbox(context.sandbox, {
    code,
    namespaces: context.catalog.namespaces(),
    limits,
    signal: context.signal,
    callTool: onSettled
      ? (call, signal) => callTool(context, call, signal, run).finally(() => onSettled(++settled))
      : (call, signal) => callTool(context, call, signal, run),
  });
  const logs =
    warnings.length === 0 ? outcome.logs : [...outcome.logs, ...warnings.map((line) => `[codemode] ${line}`)];
  const extra = diagnostics ? { diagnostics } : {};
  if (outcome.ok) {
    const result = outcome.result ?? null;
    return { ok: true, result, logs, toolCalls: outcome.toolCalls, durationMs: elapsed(), ...extra };
  }
  const error = explainError(locateRunError(outcome.error, wrapping), context.catalog);
  return { ok: false, error, logs, toolCalls: outcome.toolCalls, durationMs: elapsed(), ...extra };
}

/** The sandbox's own failures (busy past its queue, closed) become a failed envelope: execute never throws for them. */
async function runInSandbox(sandbox: Sandbox, request: SandboxRunRequest): Promise<SandboxRunResult> {
  try {
    return await sandbox.run(request);
  } catch (error) {
    if (!CodeModeError.isInstance(error) || error.code !== 'SANDBOX_FAILURE') throw error;
    const busy = error.details?.reason === 'busy';
    return {
      ok: false,
      error: { name: busy ? 'BusyError' : 'SandboxError', message: error.message },
      logs: [],
      toolCalls: 0,
    };
  }
}
