/** Limits for one program run. Every field has a default in `limits.ts`. */
export interface SandboxLimits {
  /** Wall-clock budget for the whole run, tool calls included. */
  timeoutMs: number;
  /** V8 heap limit of the isolate. */
  memoryMb: number;
  /** Tool calls allowed in one run; the call past it ends the run with a LimitError. */
  maxToolCalls: number;
  /** Size of the JSON-serialized result. */
  maxResultBytes: number;
  /** Total size of captured console output; past it, output is cut with a marker. */
  maxLogBytes: number;
}

/** A tool call made by the program, as the host receives it. */
export interface GuestToolCall {
  /** The namespace identifier (a sanitized server name). */
  namespace: string;
  /** The method identifier (a sanitized tool name). */
  method: string;
  /** The argument, already a plain JSON value (copied out of the isolate). */
  args: unknown;
}

/** Thrown (or rejected) by a host tool handler: reaches the program as an instance of the guest's error class `name`. */
export interface GuestErrorShape {
  name: string;
  message: string;
  /** Extra JSON data attached to the guest error (e.g. a ToolError's `content`). */
  data?: Record<string, unknown>;
}

export interface SandboxRunRequest {
  /**
   * Plain JavaScript: the body of an async function (top-level await, `return`). The sandbox wraps it; no
   * TypeScript, no fences — the engine normalizes before this point.
   */
  code: string;
  /** What the program sees as globals: namespace identifier -> method identifiers. */
  namespaces: Record<string, string[]>;
  limits: SandboxLimits;
  /** Runs one tool call on the host. Resolve with the value the program gets; reject with a GuestErrorShape. */
  callTool(call: GuestToolCall, signal: AbortSignal): Promise<unknown>;
  /** Aborting ends the run at once (the isolate is disposed). */
  signal?: AbortSignal;
}

/**
 * The error names a failed run reports: `RuntimeError` (the program threw; the thrown error's own name is kept when it
 * has one, e.g. `TypeError`, `ToolError`), `SyntaxError`, `LimitError` (time, memory, tool calls, result size),
 * `SandboxCrashError` (the worker process died) and `CancelledError`.
 */
export type SandboxErrorName = string;

/** Why a run failed. Short and actionable: never a host path or a host stack. */
export interface SandboxRunError {
  name: SandboxErrorName;
  message: string;
  /** The program's own frames only (`program.js:LINE:COLUMN`, lines counted in the program as the engine passed it). */
  stack?: string;
  /** Which limit ended the run, for a LimitError. */
  limit?: keyof SandboxLimits;
  /** Where a SyntaxError is, 1-based, in the program as the engine passed it. */
  line?: number;
  column?: number;
}

export type SandboxRunResult =
  | { ok: true; result: unknown; logs: string[]; toolCalls: number }
  | { ok: false; error: SandboxRunError; logs: string[]; toolCalls: number };

/** The seam the engine runs programs through. The isolated-vm worker pool is the one implementation. */
export interface Sandbox {
  run(request: SandboxRunRequest): Promise<SandboxRunResult>;
  close(): Promise<void>;
}
