import type { CodeModeConfig } from '../config/types.ts';
import { CodeModeError } from '../errors.ts';
import { connectUpstream } from './connect-upstream.ts';
import { DEFAULT_CALL_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './sdk-connection.ts';
import { ServerSlot } from './server-slot.ts';
import type { Connector, ServerState } from './server-slot.ts';
import type { ToolCallOptions, ToolCallResult, ToolDefinition } from './types.ts';
import { formatMs } from './upstream-error.ts';

export type { ServerState, Connector } from './server-slot.ts';

/** Options of {@link createUpstreamManager}. */
export interface UpstreamManagerOptions {
  /** How long each server may take to start and answer `initialize`. Default {@link DEFAULT_CONNECT_TIMEOUT_MS}. */
  connectTimeoutMs?: number;
  /**
   * Receives each stderr line of stdio servers; pass {@link forwardServerStderr} to print them with a prefix.
   * Default: kept only for error messages, never printed.
   */
  onServerStderr?: (server: string, line: string) => void;
  /** Receives problems that are not the error of a call (a tool list that could not be refreshed). Default: none. */
  onWarning?: (message: string) => void;
  /** Replaces how servers are connected (tests, embedding). Default: stdio or HTTP by the server's config. */
  connect?: Connector;
}

/**
 * An `onServerStderr` that forwards each line to our stderr as `[server] line`: never stdout, which `codemode serve`
 * keeps for JSON-RPC.
 */
export function forwardServerStderr(server: string, line: string): void {
  process.stderr.write(`[${server}] ${line}\n`);
}

/** One server's tools, as the catalog takes them. */
export interface ServerTools {
  server: string;
  tools: ToolDefinition[];
}

/** One server's health. */
export interface ServerStatus {
  server: string;
  state: ServerState;
  /** Why it is down: set for `failed`, and for `disconnected` after a crash. */
  error?: CodeModeError;
  /** The process id, for running stdio servers. */
  pid?: number;
}

/** Keeps every configured server connected and routes tool calls to them. */
export interface UpstreamManager {
  /** Connects to all servers in parallel. Never rejects for a server: see {@link UpstreamManager.failures}. */
  start(): Promise<void>;
  /** Tool lists of the servers that have listed tools (including ones down since), in config order. */
  toolLists(): ServerTools[];
  /** Servers that are down with an error, in config order. */
  failures(): { server: string; error: CodeModeError }[];
  /** Every configured server's state, in config order. */
  status(): ServerStatus[];
  /** Reconnects servers that are down (as their retry delay allows), re-lists every server, and returns the lists. */
  refresh(): Promise<ServerTools[]>;
  /**
   * Calls a tool, restarting its server first if it died. Rejects with a CodeModeError: NOT_FOUND (unknown server),
   * UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, CANCELLED.
   */
  callTool(
    server: string,
    tool: string,
    args: Record<string, unknown>,
    options?: ToolCallOptions,
  ): Promise<ToolCallResult>;
  /** Subscribes to changes of any server's tool list; returns the unsubscribe function. */
  onToolsChanged(listener: () => void): () => void;
  /** Ends every connection and server process. */
  close(): Promise<void>;
}

/**
 * Creates the manager for a config; nothing connects until {@link UpstreamManager.start} (or the first call).
 *
 * @example
 * const upstreams = createUpstreamManager(await loadConfig());
 * await upstreams.start();
 * for (const { server, error } of upstreams.failures()) console.error(`${server}: ${error.message}`);
 * const result = await upstreams.callTool('memory', 'read_graph', {});
 * await upstreams.close();
 */
export function createUpstreamManager(
  config: CodeModeConfig,
  options: UpstreamManagerOptions = {},
): UpstreamManager {
  const listeners = new Set<() => void>();
  const warn = options.onWarning ?? (() => {});
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const connect: Connector =
    options.connect ??
    ((name, server, { signal }) =>
      connectUpstream(name, server, {
        connectTimeoutMs,
        signal,
        onStderrLine: options.onServerStderr && ((line) => options.onServerStderr?.(name, line)),
      }));
  const hooks = {
    connect,
    warn,
    toolsChanged: () => {
      for (const listener of listeners) {
        try {
          listener();
        } catch (error) {
          warn(`a tools-changed listener failed: ${(error as Error).message}`);
        }
      }
    },
  };
  const slots = Object.entries(config.servers).map(([name, server]) => new ServerSlot(name, server, hooks));
  let closed = false;

  const slotFor = (server: string): ServerSlot => {
    const slot = slots.find((candidate) => candidate.name === server);
    if (slot !== undefined) return slot;
    const known = slots.map((candidate) => candidate.name).join(', ') || 'none';
    throw new CodeModeError('NOT_FOUND', `no server "${server}" is configured (configured: ${known})`, {
      details: { server },
    });
  };

  const toolLists = (): ServerTools[] =>
    slots.flatMap((slot) => (slot.tools === undefined ? [] : [{ server: slot.name, tools: slot.tools }]));

  return {
    async start() {
      await Promise.allSettled(slots.map((slot) => slot.ensure()));
    },

    toolLists,

    failures: () =>
      slots.flatMap((slot) => (isDown(slot) ? [{ server: slot.name, error: slot.error! }] : [])),

    status: () =>
      slots.map((slot) => ({
        server: slot.name,
        state: slot.state,
        ...(slot.error === undefined ? {} : { error: slot.error }),
        ...(slot.pid === undefined ? {} : { pid: slot.pid }),
      })),

    async refresh() {
      await Promise.allSettled(slots.map((slot) => slot.relist()));
      return toolLists();
    },

    async callTool(server, tool, args, callOptions = {}) {
      if (closed) throw new CodeModeError('UPSTREAM_UNAVAILABLE', 'the upstream servers are closed');
      const timeoutMs = callOptions.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
      const deadline = Date.now() + timeoutMs;
      const slot = slotFor(server);
      // The common case, a connected server, costs no timer and no listener: a fan-out makes thousands of calls.
      const connection =
        slot.connected ??
        (await withinDeadline(slot.ensure(), { server, tool, timeoutMs, signal: callOptions.signal }));
      return connection.callTool(tool, args, {
        ...callOptions,
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
    },

    onToolsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      closed = true;
      listeners.clear();
      await Promise.allSettled(slots.map((slot) => slot.close()));
    },
  };
}

function isDown(slot: ServerSlot): boolean {
  return slot.error !== undefined && (slot.state === 'failed' || slot.state === 'disconnected');
}

/** Waits for a (re)connection, but no longer than the call's own timeout or signal allows. */
async function withinDeadline<T>(
  pending: Promise<T>,
  context: { server: string; tool: string; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<T> {
  const { server, tool, timeoutMs, signal } = context;
  const details = { server, tool };
  if (signal?.aborted)
    throw new CodeModeError('CANCELLED', `call to tool "${tool}" of server "${server}" was cancelled`, {
      details,
    });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const message = `server "${server}" did not start within the ${formatMs(timeoutMs)} of the call to tool "${tool}"`;
      reject(new CodeModeError('UPSTREAM_TIMEOUT', message, { details }));
    }, timeoutMs);
    onAbort = () =>
      reject(
        new CodeModeError('CANCELLED', `call to tool "${tool}" of server "${server}" was cancelled`, {
          details,
        }),
      );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([pending, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
