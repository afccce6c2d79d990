import {
  INVALID_PARAMS,
  METHOD_NOT_FOUND,
  ProtocolError,
  SdkError,
  SdkErrorCode,
} from '@modelcontextprotocol/client';
import { CodeModeError } from '../errors.ts';
import type { CodeModeErrorCode } from '../errors.ts';

/**
 * The code for a JSON-RPC error a server answered a call with (bad arguments, an internal error). errors.ts has no
 * code for "the server refused" yet; UPSTREAM_UNAVAILABLE is the closest, and `details.rpcCode` keeps the original.
 */
const SERVER_REFUSED_CODE: CodeModeErrorCode = 'UPSTREAM_UNAVAILABLE';

/** Longest server-supplied text copied into a message: enough to be useful, short enough for one line. */
const MAX_SERVER_TEXT = 300;

/** What a failed request was, for messages that name it. */
export interface RequestContext {
  server: string;
  /** The tool, for tools/call. */
  tool?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Maps whatever the SDK threw for a request into a CodeModeError whose message names the server and tool:
 * UPSTREAM_TIMEOUT, CANCELLED, NOT_FOUND (unknown tool or method), UPSTREAM_UNAVAILABLE (connection gone, bad
 * answer, or a JSON-RPC error from the server).
 */
export function toRequestError(error: unknown, context: RequestContext): CodeModeError {
  if (CodeModeError.isInstance(error)) return error;
  const what =
    context.tool === undefined
      ? `server "${context.server}"`
      : `tool "${context.tool}" of server "${context.server}"`;
  const details = { server: context.server, ...(context.tool === undefined ? {} : { tool: context.tool }) };
  if (context.signal?.aborted) {
    return new CodeModeError('CANCELLED', `call to ${what} was cancelled`, { details, cause: error });
  }
  if (error instanceof SdkError) {
    if (error.code === SdkErrorCode.RequestTimeout) {
      return new CodeModeError(
        'UPSTREAM_TIMEOUT',
        `${what} did not answer within ${formatMs(context.timeoutMs)}`,
        {
          details: { ...details, timeoutMs: context.timeoutMs },
          cause: error,
        },
      );
    }
    if (error.code === SdkErrorCode.ConnectionClosed || error.code === SdkErrorCode.NotConnected) {
      return new CodeModeError(
        'UPSTREAM_UNAVAILABLE',
        `server "${context.server}" closed the connection during the call to ${what}`,
        {
          details,
          cause: error,
        },
      );
    }
    return new CodeModeError('UPSTREAM_UNAVAILABLE', `${what} failed: ${clip(error.message)}`, {
      details,
      cause: error,
    });
  }
  if (error instanceof ProtocolError) {
    const rpc = { ...details, rpcCode: error.code };
    if (isUnknownTool(error) && context.tool !== undefined) {
      return new CodeModeError('NOT_FOUND', `server "${context.server}" has no tool "${context.tool}"`, {
        details: rpc,
        cause: error,
      });
    }
    if (error.code === METHOD_NOT_FOUND) {
      return new CodeModeError('NOT_FOUND', `server "${context.server}" does not support this request`, {
        details: rpc,
        cause: error,
      });
    }
    return new CodeModeError(
      SERVER_REFUSED_CODE,
      `${what} answered with an error: ${clip(stripPrefix(error.message))}`,
      {
        details: rpc,
        cause: error,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CodeModeError('UPSTREAM_UNAVAILABLE', `${what} failed: ${clip(message)}`, {
    details,
    cause: error,
  });
}

/** "1.5 s", "60 s", "250 ms": timeouts as people read them. */
export function formatMs(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Keeps server text to one short line. */
export function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_SERVER_TEXT ? line : `${line.slice(0, MAX_SERVER_TEXT - 1)}…`;
}

/** Servers say "Tool x not found" / "Unknown tool: x" with InvalidParams (the SDKs' own wording) or MethodNotFound. */
function isUnknownTool(error: ProtocolError): boolean {
  const invalid = error.code === INVALID_PARAMS || error.code === METHOD_NOT_FOUND;
  return invalid && /unknown tool|tool .*not found|not found.*tool/i.test(error.message);
}

/** The SDK prefixes "MCP error -32602: "; the code is in details already. */
function stripPrefix(message: string): string {
  return message.replace(/^MCP error -?\d+:\s*/, '');
}
