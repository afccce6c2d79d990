/**
 * The one base error of codemode. `code` is stable and machine-readable; `message` is short and says what to do.
 * Errors that travel to a model or over JSON-RPC are built from these deliberately (no host stacks or paths).
 */
export class CodeModeError extends Error {
  override name = 'CodeModeError';
  readonly code: CodeModeErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: CodeModeErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  /** True for any CodeModeError, also across module copies (checks the shape, not the prototype). */
  static isInstance(value: unknown): value is CodeModeError {
    return (
      value instanceof CodeModeError ||
      (value instanceof Error && typeof (value as { code?: unknown }).code === 'string' && 'details' in value)
    );
  }
}

export type CodeModeErrorCode =
  /** The configuration file is missing, not JSON, or has a bad value (the message names the JSON path). */
  | 'CONFIG_INVALID'
  /** A command-line flag or argument is wrong. */
  | 'USAGE'
  /** An upstream MCP server could not be started, reached or initialized. */
  | 'UPSTREAM_UNAVAILABLE'
  /** An upstream call did not answer within its timeout. */
  | 'UPSTREAM_TIMEOUT'
  /** A call was cancelled by the caller. */
  | 'CANCELLED'
  /** A server, tool or identifier is unknown. */
  | 'NOT_FOUND'
  /** Two tools or servers map to the same identifier. */
  | 'NAME_COLLISION'
  /** The sandbox could not run a program (worker failed to start, pool closed). */
  | 'SANDBOX_FAILURE';
