import { type AuditedCall, digest } from '../audit/audit-log.ts';
import type { Catalog, CatalogTool } from '../catalog/types.ts';
import { CodeModeError } from '../errors.ts';
import type { ConcurrencyGate } from '../policy/concurrency-gate.ts';
import { GuestError } from '../sandbox/guest-error.ts';
import type { GuestToolCall } from '../sandbox/types.ts';
import type { ToolCallResult, ToolDefinition } from '../upstream/types.ts';
import type { UpstreamManager } from '../upstream/upstream-manager.ts';
import type { ToolValidator } from './tool-validator.ts';
import { toolError, toolValue } from './tool-value.ts';

/** A destructive call waiting for the user's yes or no. */
export interface ApprovalRequest {
  server: string;
  tool: string;
  args: Record<string, unknown>;
}

/** Asks the user; resolves true only for an explicit approval. */
export type Approver = (request: ApprovalRequest) => Promise<boolean>;

/** What the host needs to answer one call: where tools are, and the rules that apply to calling them. */
export interface CallContext {
  catalog: Catalog;
  upstreams: Pick<UpstreamManager, 'callTool'>;
  validator?: ToolValidator | undefined;
  outputValidation?: 'error' | 'warn' | 'off' | undefined;
  policy?: {
    gate(server: string): ConcurrencyGate;
    needsApproval(server: string, tool: ToolDefinition): boolean;
  };
  /** How a destructive call under a `destructive: "ask"` policy is approved; absent: it is refused. */
  approve?: Approver | undefined;
  /** Told of every call that was attempted, for the audit log. */
  onCall?: ((call: AuditedCall) => void) | undefined;
  /** Told of each value a tool without an `outputSchema` returned, to learn its output type. */
  onToolValue?: ((tool: CatalogTool, value: unknown) => void) | undefined;
}

/**
 * One tool call from a program: resolves with the value the program gets, or rejects with the guest error it sees.
 * In order: the tool exists, its arguments fit the schema, a destructive call is approved, a slot under the server's
 * concurrency cap is free; then the call, its result mapped and (optionally) checked against the output schema.
 */
export async function callTool(
  context: CallContext,
  call: GuestToolCall,
  signal: AbortSignal,
  run: { deadline: number; startedAt: number; warnings: string[] },
): Promise<unknown> {
  const entry = context.catalog.find(call.namespace, call.method);
  if (!entry) throw new GuestError('TypeError', `${call.namespace}.${call.method} is not a tool`);
  const label = `${call.namespace}.${call.method}`;
  const args = call.args ?? {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    const got = Array.isArray(args) ? 'an array' : typeof args;
    throw new GuestError('TypeError', `${label} takes one object argument, got ${got}`);
  }
  const started = performance.now();
  const record = (outcome: AuditedCall['outcome']) =>
    context.onCall?.({
      server: entry.server,
      tool: entry.definition.name,
      startMs: Math.round(started - run.startedAt),
      durationMs: Math.round(performance.now() - started),
      outcome,
      argsDigest: digest(args),
    });
  const data = { server: entry.server, tool: entry.definition.name };

  // Wrong arguments never reach the server: the program hears what is wrong, where, in its own terms.
  const invalid = context.validator?.checkInput(entry, args);
  if (invalid !== undefined) {
    record('refused');
    throw new GuestError('TypeError', `${label}: ${invalid}`);
  }
  if (context.policy?.needsApproval(entry.server, entry.definition)) {
    const approved = context.approve
      ? await context.approve({ ...data, args: args as Record<string, unknown> })
      : undefined;
    if (approved !== true) {
      record('refused');
      const why =
        approved === undefined
          ? "is destructive and needs the user's approval, which this client cannot be asked for (no elicitation)"
          : 'was not approved by the user';
      throw new GuestError('ToolError', `${label} ${why}; it was not called`, {
        ...data,
        code: 'NOT_APPROVED',
      });
    }
  }
  let result: ToolCallResult;
  try {
    const send = () =>
      context.upstreams.callTool(entry.server, entry.definition.name, args as Record<string, unknown>, {
        signal,
        timeoutMs: Math.max(1, run.deadline - Date.now()),
      });
    result = context.policy ? await context.policy.gate(entry.server).run(send, signal) : await send();
  } catch (error) {
    record('error');
    if (!CodeModeError.isInstance(error)) throw error;
    // Failures to reach the server are ToolErrors too, so a program catches every failed call the same way.
    throw new GuestError('ToolError', error.message, { ...data, code: error.code });
  }
  record(result.isError ? 'error' : 'ok');
  if (result.isError) throw toolError(entry.server, entry.definition.name, result);
  checkOutput(context, entry, label, result, run.warnings);
  const value = toolValue(result);
  if (!entry.definition.outputSchema) context.onToolValue?.(entry, value);
  return value;
}

function checkOutput(
  context: CallContext,
  entry: CatalogTool,
  label: string,
  result: ToolCallResult,
  warnings: string[],
): void {
  const mode = context.outputValidation ?? 'error';
  if (mode === 'off' || result.structuredContent === undefined) return;
  const wrong = context.validator?.checkOutput(entry, result.structuredContent);
  if (wrong === undefined) return;
  const message = `${label} returned a result that does not match its outputSchema: ${wrong}`;
  if (mode === 'warn') return void warnings.push(message);
  throw new GuestError('ToolError', message, {
    server: entry.server,
    tool: entry.definition.name,
    code: 'OUTPUT_INVALID',
  });
}
