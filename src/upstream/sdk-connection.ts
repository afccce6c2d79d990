import { readFileSync } from 'node:fs';
import { Client, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import type { CallToolResult, Tool, Transport, VersionNegotiationMode } from '@modelcontextprotocol/client';
import { CodeModeError } from '../errors.ts';
import type { ToolCallOptions, ToolCallResult, ToolDefinition, UpstreamConnection } from './types.ts';
import { clip, formatMs, toRequestError } from './upstream-error.ts';

/** Per-call timeout when the caller gives none: the SDK's own default, long enough for slow tools (search, builds). */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** How long spawn/connect plus `initialize` may take: `npx` fetching a package on first use takes many seconds. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** A `tools/list` walk (all pages) gets as long as a call. */
const LIST_TIMEOUT_MS = 60_000;
/**
 * Pages followed in one `tools/list` walk. The SDK's default (64) would reject a large server that pages finely; this
 * still stops a server whose cursor never ends.
 */
const MAX_TOOL_PAGES = 1_000;

const CLIENT_INFO = { name: 'codemode', version: packageVersion() };

/** Options of {@link connectSdkClient}. */
export interface SdkConnectOptions {
  /** The server's config key, for messages. */
  name: string;
  /** Default {@link DEFAULT_CONNECT_TIMEOUT_MS}. */
  connectTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * `legacy` (default) runs the 2025 `initialize` handshake every server in use today answers; `auto` first probes
   * for the 2026-07-28 `server/discover` and falls back to `initialize`.
   */
  negotiation?: VersionNegotiationMode | undefined;
  /** Transport-specific evidence for error messages (how a process exited, its last stderr lines). */
  diagnose?: (() => string | undefined) | undefined;
  /** What may explain a server that does not answer `initialize` in time (`npx` still downloading it). */
  slowStartHint?: string | undefined;
  /** The server process's pid, for transports that run one. */
  pid?: (() => number | undefined) | undefined;
}

/**
 * Connects an SDK client over `transport` and wraps it as an {@link UpstreamConnection}. The one place that talks to
 * the SDK client, shared by every transport.
 *
 * @throws CodeModeError UPSTREAM_UNAVAILABLE naming the server (with the transport's evidence) when it cannot connect.
 */
export async function connectSdkClient(
  transport: Transport,
  options: SdkConnectOptions,
): Promise<SdkConnection> {
  const toolsChanged = new Set<() => void>();
  const client = new Client(CLIENT_INFO, {
    capabilities: {},
    listMaxPages: MAX_TOOL_PAGES,
    versionNegotiation: { mode: options.negotiation ?? 'legacy' },
    // Through the SDK rather than a raw notification handler: on a 2026-era connection it also opens the
    // subscription that list_changed arrives on. The manager coalesces bursts, so no debounce here.
    listChanged: {
      tools: {
        autoRefresh: false,
        debounceMs: 0,
        onChanged: () => toolsChanged.forEach((listener) => listener()),
      },
    },
  });
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  try {
    await client.connect(transport, { timeout: timeoutMs, signal: options.signal });
  } catch (error) {
    // Gather the evidence first: closing the transport changes it (a silent server then "exits with code 0").
    const failure = connectError(error, options, timeoutMs);
    await Promise.allSettled([client.close(), transport.close()]);
    throw failure;
  }
  return new SdkConnection(client, toolsChanged, options);
}

/** An {@link UpstreamConnection} over a connected SDK client (any transport). */
export class SdkConnection implements UpstreamConnection {
  readonly name: string;
  readonly #client: Client;
  readonly #toolsChanged: Set<() => void>;
  readonly #closeListeners = new Set<(error?: Error) => void>();
  readonly #options: SdkConnectOptions;
  #closing = false;
  /** Why the connection ended, when the server ended it; later requests fail with this. */
  #closedBy: CodeModeError | undefined;

  constructor(client: Client, toolsChanged: Set<() => void>, options: SdkConnectOptions) {
    const { name } = options;
    this.name = name;
    this.#client = client;
    this.#toolsChanged = toolsChanged;
    this.#options = options;
    client.onclose = () => {
      if (this.#closing) return;
      this.#closing = true;
      const evidence = this.#options.diagnose?.();
      const error = new CodeModeError(
        'UPSTREAM_UNAVAILABLE',
        `server "${name}" closed the connection${evidence === undefined ? '' : `: ${evidence}`}`,
        { details: { server: name } },
      );
      this.#closedBy = error;
      for (const listener of this.#closeListeners) listener(error);
    };
    // Out-of-band noise (a stray stdout line, a failed cancellation send) must not crash codemode; calls report
    // their own failures.
    client.onerror = () => {};
  }

  /** The server process's pid (also its process group id), for stdio servers. */
  get pid(): number | undefined {
    return this.#options.pid?.();
  }

  /** The protocol version the server agreed to (e.g. `2025-11-25`). */
  get protocolVersion(): string | undefined {
    return this.#client.getNegotiatedProtocolVersion();
  }

  async listTools(): Promise<ToolDefinition[]> {
    if (this.#closedBy !== undefined) throw this.#closedBy;
    // The SDK logs to stdout (console.debug) when asked for tools a server does not offer; stdout is not ours.
    if (this.#client.getServerCapabilities()?.tools === undefined) return [];
    try {
      const { tools } = await this.#client.listTools(undefined, {
        cacheMode: 'bypass',
        timeout: LIST_TIMEOUT_MS,
      });
      return tools.map(toToolDefinition);
    } catch (error) {
      throw toRequestError(error, { server: this.name, timeoutMs: LIST_TIMEOUT_MS });
    }
  }

  async callTool(
    tool: string,
    args: Record<string, unknown>,
    options: ToolCallOptions = {},
  ): Promise<ToolCallResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const context = { server: this.name, tool, timeoutMs, signal: options.signal };
    if (options.signal?.aborted) throw toRequestError(options.signal.reason, context);
    if (this.#closedBy !== undefined) throw this.#closedBy;
    try {
      // A plain request, not client.callTool(): that one validates structuredContent against the listed
      // outputSchema and throws on a mismatch. codemode passes results through raw and checks outputs itself.
      const result = await this.#client.request(
        { method: 'tools/call', params: { name: tool, arguments: args } },
        { timeout: timeoutMs, signal: options.signal },
      );
      return toToolCallResult(result);
    } catch (error) {
      throw toRequestError(error, context);
    }
  }

  onToolsChanged(listener: () => void): () => void {
    this.#toolsChanged.add(listener);
    return () => this.#toolsChanged.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#client.close();
  }
}

function toToolDefinition(tool: Tool): ToolDefinition {
  return {
    name: tool.name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    ...(tool.description === undefined ? {} : { description: tool.description }),
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema }),
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
  };
}

function toToolCallResult(result: CallToolResult): ToolCallResult {
  const structured = result.structuredContent;
  return {
    content: result.content ?? [],
    ...(isRecord(structured) ? { structuredContent: structured } : {}),
    ...(result.isError === true ? { isError: true } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function connectError(error: unknown, options: SdkConnectOptions, timeoutMs: number): CodeModeError {
  const evidence = options.diagnose?.();
  const suffix = evidence === undefined ? '' : `: ${evidence}`;
  const details = { server: options.name };
  if (CodeModeError.isInstance(error)) {
    return new CodeModeError(error.code, `server "${options.name}": ${error.message}${suffix}`, {
      details,
      cause: error,
    });
  }
  if (options.signal?.aborted) {
    return new CodeModeError('CANCELLED', `connecting to server "${options.name}" was cancelled`, {
      details,
      cause: error,
    });
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return new CodeModeError(
      'UPSTREAM_UNAVAILABLE',
      `server "${options.name}" did not answer initialize within ${formatMs(timeoutMs)}${suffix}` +
        (options.slowStartHint === undefined ? '' : ` (${options.slowStartHint})`),
      { details: { ...details, timeoutMs }, cause: error },
    );
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    return new CodeModeError(
      'UPSTREAM_UNAVAILABLE',
      `server "${options.name}" closed the connection during startup${suffix}`,
      {
        details,
        cause: error,
      },
    );
  }
  return new CodeModeError(
    'UPSTREAM_UNAVAILABLE',
    `server "${options.name}" could not connect: ${describeFailure(error)}${suffix}`,
    {
      details,
      cause: error,
    },
  );
}

/** The most telling part of a connect failure: an HTTP status, a socket error code, else the message. */
function describeFailure(error: unknown): string {
  for (let cause: unknown = error; cause instanceof Error; cause = causeOf(cause)) {
    if (cause instanceof SdkHttpError) {
      const hint = cause.status === 401 || cause.status === 403 ? ' (check the headers in the config)' : '';
      return `HTTP ${cause.status}${cause.statusText === undefined ? '' : ` ${cause.statusText}`}${hint}`;
    }
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return NETWORK_ERRORS[code] ?? code;
  }
  return clip(error instanceof Error ? error.message : String(error));
}

/** The SDK keeps some causes in `data.cause` rather than `cause`. */
function causeOf(error: Error): unknown {
  return error.cause ?? (error as { data?: { cause?: unknown } }).data?.cause;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (ECONNREFUSED); is the server running?',
  ENOTFOUND: 'host not found (ENOTFOUND)',
  ECONNRESET: 'connection reset (ECONNRESET)',
  ETIMEDOUT: 'connection timed out (ETIMEDOUT)',
};

function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
