import type { JsonSchema } from '../json-schema.ts';

/** One tool as an upstream server lists it (the MCP `Tool` shape, reduced to what codemode uses). */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations?: {
    title?: string;
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
}

/** A content item of a tool result (text, image, audio, resource link, embedded resource). */
export type ContentItem = { type: string; [key: string]: unknown };

/** What `tools/call` returns. */
export interface ToolCallResult {
  content: ContentItem[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface ToolCallOptions {
  /** Aborting cancels the call (a `notifications/cancelled` goes to the server). */
  signal?: AbortSignal;
  /** Per-call timeout in milliseconds; defaults to the connection's `DEFAULT_CALL_TIMEOUT_MS`. */
  timeoutMs?: number;
}

/**
 * The seam between codemode and one upstream MCP server. One implementation per transport family lives beside this
 * file; nothing above the capability layer knows which transport is in use.
 */
export interface UpstreamConnection {
  /** The server's config key. */
  readonly name: string;
  /** Every tool the server offers, all pages followed. */
  listTools(): Promise<ToolDefinition[]>;
  /** Calls one tool. Rejects with a CodeModeError (UPSTREAM_TIMEOUT, CANCELLED, UPSTREAM_UNAVAILABLE) on failure. */
  callTool(tool: string, args: Record<string, unknown>, options?: ToolCallOptions): Promise<ToolCallResult>;
  /** Subscribes to `notifications/tools/list_changed`; returns the unsubscribe function. */
  onToolsChanged(listener: () => void): () => void;
  /** Subscribes to the connection closing unexpectedly (process exit, stream end). */
  onClose(listener: (error?: Error) => void): () => void;
  /** Closes the connection and, for stdio, ends the child process (and its process group). */
  close(): Promise<void>;
}
