import type { Catalog } from '../catalog/types.ts';
import { CodeModeError } from '../errors.ts';
import { resolveLimits } from '../sandbox/limits.ts';
import { GuestError } from '../sandbox/guest-error.ts';
import type { GuestToolCall, Sandbox, SandboxLimits } from '../sandbox/types.ts';
import type { ToolCallResult } from '../upstream/types.ts';
import type { UpstreamManager } from '../upstream/upstream-manager.ts';
import type { ExecutionResult } from './execution-result.ts';
import { explainError } from './explain-error.ts';
import { blankExportDefault, normalizeProgram, stripFences } from './normalize-program.ts';
import type { ToolValidator } from './tool-validator.ts';
import type { CheckDiagnostic } from '../check/diagnostics.ts';
import { formatDiagnostics } from '../check/diagnostics.ts';
import { stripTypes } from './strip-types.ts';
import { toolError, toolValue } from './tool-value.ts';

/** What one execution needs: the catalog as it is now, where to run, and how to reach the servers. */
export interface ExecutionContext {
  catalog: Catalog;
  sandbox: Sandbox;
  upstreams: Pick<UpstreamManager, 'callTool'>;
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal | undefined;
  /** Called after each tool call settles, with how many have settled so far (for progress reports). */
  onToolCallSettled?: ((settled: number) => void) | undefined;
  /** Type-checks the program first: `strict` refuses to run it on type errors, `warn` runs it and reports them. */
  typeCheck?: { mode: 'strict' | 'warn'; check: ProgramChecker } | undefined;
  /** Checks tool arguments before they reach a server, and results against their output schema. */
  validator?: ToolValidator | undefined;
  /** What a result failing its `outputSchema` does: an error in the program (default), a log line, or nothing. */
  outputValidation?: 'error' | 'warn' | 'off' | undefined;
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

  const stripped = stripTypes(stripFences(program));
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

  const code = normalizeProgram(stripped.code);
  let diagnostics: CheckDiagnostic[] | undefined;
  if (context.typeCheck) {
    const source = blankExportDefault(stripFences(program));
    diagnostics = await context.typeCheck.check(source, { expression: code !== stripped.code });
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

  const deadline = Date.now() + limits.timeoutMs;
  const warnings: string[] = [];
  let settled = 0;
  const onSettled = context.onToolCallSettled;
  const outcome = await context.sandbox.run({
    code,
    namespaces: context.catalog.namespaces(),
    limits,
    signal: context.signal,
    callTool: onSettled
      ? (call, signal) =>
          callTool(context, call, signal, deadline, warnings).finally(() => onSettled(++settled))
      : (call, signal) => callTool(context, call, signal, deadline, warnings),
  });
  const logs =
    warnings.length === 0 ? outcome.logs : [...outcome.logs, ...warnings.map((line) => `[codemode] ${line}`)];
  const extra = diagnostics ? { diagnostics } : {};
  if (outcome.ok) {
    const result = outcome.result ?? null;
    return { ok: true, result, logs, toolCalls: outcome.toolCalls, durationMs: elapsed(), ...extra };
  }
  const error = explainError(outcome.error, context.catalog);
  return { ok: false, error, logs, toolCalls: outcome.toolCalls, durationMs: elapsed(), ...extra };
}

/** One tool call from the program; resolves with the value the program gets or rejects with a guest error. */
async function callTool(
  context: ExecutionContext,
  call: GuestToolCall,
  signal: AbortSignal,
  deadline: number,
  warnings: string[],
): Promise<unknown> {
  const entry = context.catalog.find(call.namespace, call.method);
  if (!entry) throw guestError('TypeError', `${call.namespace}.${call.method} is not a tool`);
  const label = `${call.namespace}.${call.method}`;
  const args = call.args ?? {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    const got = Array.isArray(args) ? 'an array' : typeof args;
    throw guestError('TypeError', `${label} takes one object argument, got ${got}`);
  }
  // Wrong arguments never reach the server: the program hears what is wrong, where, in its own terms.
  const invalid = context.validator?.checkInput(entry, args);
  if (invalid !== undefined) throw guestError('TypeError', `${label}: ${invalid}`);
  let result: ToolCallResult;
  try {
    result = await context.upstreams.callTool(
      entry.server,
      entry.definition.name,
      args as Record<string, unknown>,
      {
        signal,
        timeoutMs: Math.max(1, deadline - Date.now()),
      },
    );
  } catch (error) {
    if (!CodeModeError.isInstance(error)) throw error;
    // Failures to reach the server are ToolErrors too, so a program catches every failed call the same way.
    throw guestError('ToolError', error.message, {
      server: entry.server,
      tool: entry.definition.name,
      code: error.code,
    });
  }
  if (result.isError) throw toolError(entry.server, entry.definition.name, result);
  const mode = context.outputValidation ?? 'error';
  if (mode !== 'off' && result.structuredContent !== undefined) {
    const wrong = context.validator?.checkOutput(entry, result.structuredContent);
    if (wrong !== undefined) {
      const message = `${label} returned a result that does not match its outputSchema: ${wrong}`;
      if (mode === 'error')
        throw guestError('ToolError', message, {
          server: entry.server,
          tool: entry.definition.name,
          code: 'OUTPUT_INVALID',
        });
      warnings.push(message);
    }
  }
  return toolValue(result);
}

function guestError(name: string, message: string, data?: Record<string, unknown>): GuestError {
  return new GuestError(name, message, data);
}
