import type { Catalog } from '../catalog/types.ts';
import { CodeModeError } from '../errors.ts';
import { resolveLimits } from '../sandbox/limits.ts';
import { GuestError } from '../sandbox/guest-error.ts';
import type { GuestToolCall, Sandbox, SandboxLimits } from '../sandbox/types.ts';
import type { UpstreamManager } from '../upstream/upstream-manager.ts';
import type { ExecutionResult } from './execution-result.ts';
import { explainError } from './explain-error.ts';
import { normalizeProgram, stripFences } from './normalize-program.ts';
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
}

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

  const deadline = Date.now() + limits.timeoutMs;
  let settled = 0;
  const onSettled = context.onToolCallSettled;
  const outcome = await context.sandbox.run({
    code: normalizeProgram(stripped.code),
    namespaces: context.catalog.namespaces(),
    limits,
    signal: context.signal,
    callTool: onSettled
      ? (call, signal) => callTool(context, call, signal, deadline).finally(() => onSettled(++settled))
      : (call, signal) => callTool(context, call, signal, deadline),
  });
  if (outcome.ok) {
    return {
      ok: true,
      result: outcome.result ?? null,
      logs: outcome.logs,
      toolCalls: outcome.toolCalls,
      durationMs: elapsed(),
    };
  }
  return {
    ok: false,
    error: explainError(outcome.error, context.catalog),
    logs: outcome.logs,
    toolCalls: outcome.toolCalls,
    durationMs: elapsed(),
  };
}

/** One tool call from the program; resolves with the value the program gets or rejects with a guest error shape. */
async function callTool(
  context: ExecutionContext,
  call: GuestToolCall,
  signal: AbortSignal,
  deadline: number,
): Promise<unknown> {
  const entry = context.catalog.find(call.namespace, call.method);
  if (!entry) {
    throw guestError('TypeError', `${call.namespace}.${call.method} is not a tool`);
  }
  const args = call.args ?? {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw guestError(
      'TypeError',
      `${call.namespace}.${call.method} takes one object argument, got ${Array.isArray(args) ? 'an array' : typeof args}`,
    );
  }
  try {
    const result = await context.upstreams.callTool(
      entry.server,
      entry.definition.name,
      args as Record<string, unknown>,
      {
        signal,
        timeoutMs: Math.max(1, deadline - Date.now()),
      },
    );
    if (result.isError) throw toolError(entry.server, entry.definition.name, result);
    return toolValue(result);
  } catch (error) {
    if (!CodeModeError.isInstance(error)) throw error;
    // Failures to reach the server are ToolErrors too, so a program catches every failed call the same way.
    throw guestError('ToolError', error.message, {
      server: entry.server,
      tool: entry.definition.name,
      code: error.code,
    });
  }
}

function guestError(name: string, message: string, data?: Record<string, unknown>): GuestError {
  return new GuestError(name, message, data);
}
