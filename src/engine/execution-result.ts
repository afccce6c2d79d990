import type { CheckDiagnostic } from '../check/diagnostics.ts';

/**
 * What one execution returns: the same object `codemode run --json` prints and the gateway's execute tool reports.
 * `logs` holds one string per console call.
 */
export type ExecutionResult = ExecutionSuccess | ExecutionFailure;

export interface ExecutionSuccess {
  ok: true;
  /** The program's return value (JSON); `null` when it returned nothing. */
  result: unknown;
  logs: string[];
  /** Tool calls the program made. */
  toolCalls: number;
  durationMs: number;
  /** Type errors found before the run, in `warn` mode (in `strict` mode they stop the run instead). */
  diagnostics?: CheckDiagnostic[];
}

export interface ExecutionFailure {
  ok: false;
  error: ExecutionError;
  logs: string[];
  toolCalls: number;
  durationMs: number;
  /** Type errors found before the run, in `warn` mode. */
  diagnostics?: CheckDiagnostic[];
}

export interface ExecutionError {
  /** `SyntaxError`, `LimitError`, `ToolError`, `TypeError`, `SandboxCrashError`, `CancelledError`, ... */
  name: string;
  /** Short and actionable; never a host path or host stack. */
  message: string;
  /** Where in the program as written (1-based), when known. */
  line?: number;
  column?: number;
  /** The program's own stack frames, when it threw. */
  stack?: string;
  /** Which limit ended the run, for a LimitError. */
  limit?: string;
  /** For a TypeCheckError: every type error, in the program's lines and columns. */
  diagnostics?: CheckDiagnostic[];
}
