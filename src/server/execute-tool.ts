import type { CodeMode } from '../engine/create-code-mode.ts';
import type { Approver } from '../engine/call-tool.ts';
import type { ExecutionResult } from '../engine/execution-result.ts';
import { formatDiagnostics } from '../check/diagnostics.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';
import { clipToBudget } from './token-budget.ts';
import { type ToolResult, usageResult } from './tool-result.ts';

/** What execute needs from the MCP request: cancellation and a way to report progress. */
export interface ExecuteRequest {
  signal: AbortSignal;
  /** Reports tool calls settled so far; absent when the client asked for no progress. */
  progress?: ((settled: number) => void) | undefined;
  /** Asks the user to approve a destructive call; absent when the client cannot be asked. */
  approve?: Approver | undefined;
}

/** execute: runs the program; a failure is a tool error whose text says what went wrong and where. */
export async function executeTool(
  codemode: CodeMode,
  args: Record<string, unknown>,
  request: ExecuteRequest,
  options: ResolvedGatewayOptions,
): Promise<ToolResult> {
  const { code, timeoutMs } = args;
  if (typeof code !== 'string' || code.trim() === '')
    return usageResult('execute needs code: the program, a string');
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1)
  ) {
    return usageResult(
      `timeoutMs must be a positive whole number of milliseconds, got ${JSON.stringify(timeoutMs)}`,
    );
  }
  const outcome = await codemode.execute(code, {
    signal: request.signal,
    ...(timeoutMs !== undefined && { limits: { timeoutMs } }),
    ...(request.progress && { onToolCallSettled: request.progress }),
    ...(request.approve && { approve: request.approve }),
  });
  return renderOutcome(outcome, options);
}

/** The envelope as text a model reads well: the result (or the error and where), then the logs, then the counts. */
export function renderOutcome(outcome: ExecutionResult, options: ResolvedGatewayOptions): ToolResult {
  const sections: string[] = [];
  if (outcome.ok) {
    // Compact JSON: models read it as well as indented JSON, and indentation costs a token or more per value (an
    // 8-row table of pairs: 123 tokens indented, 55 compact), paid again on every later turn of the conversation.
    const json = JSON.stringify(outcome.result) ?? 'null';
    sections.push(clipToBudget(json, options.resultTokens, 'result'));
  } else {
    const { name, message, line, column, stack } = outcome.error;
    // A TypeCheckError's message lists every place already.
    const where =
      line === undefined || outcome.error.diagnostics
        ? ''
        : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
    const frames = (stack ?? '').split('\n').filter((frame) => /^\s+at /.test(frame));
    sections.push(`${name}: ${message}${where}${frames.length > 0 ? `\n${frames.join('\n')}` : ''}`);
    sections.push(advice(name));
  }
  if (outcome.diagnostics) {
    sections.push(`Type warnings (the program ran anyway):\n${formatDiagnostics(outcome.diagnostics)}`);
  }
  if (outcome.logs.length > 0) {
    sections.push(`Logs:\n${clipToBudget(outcome.logs.join('\n'), options.resultTokens, 'logs')}`);
  }
  sections.push(
    `(${outcome.toolCalls} tool call${outcome.toolCalls === 1 ? '' : 's'}, ${outcome.durationMs} ms)`,
  );
  return { content: [{ type: 'text', text: sections.join('\n\n') }], ...(!outcome.ok && { isError: true }) };
}

/** One line on what to do next, by kind of failure. */
function advice(name: string): string {
  switch (name) {
    case 'SyntaxError':
      return 'Fix the syntax and run execute again.';
    case 'TypeCheckError':
      return 'Fix the types (describe shows the exact declarations) and run execute again.';
    case 'LimitError':
      return 'Do less per run (fewer calls, smaller data, return less), or raise timeoutMs if the work is legitimately long.';
    case 'ToolError':
      return 'A tool call failed: catch ToolError to handle it, or fix the arguments (describe shows them).';
    case 'CancelledError':
      return 'The run was cancelled.';
    default:
      return 'Fix the program and run execute again; search and describe show the available tools.';
  }
}
