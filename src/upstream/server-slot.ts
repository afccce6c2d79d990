import type { ServerConfig } from '../config/types.ts';
import { CodeModeError } from '../errors.ts';
import type { ToolDefinition, UpstreamConnection } from './types.ts';

/**
 * First delay before retrying a server that failed to connect; doubled on each further failure. A crash-looping
 * server then costs one spawn per backoff window, however many calls arrive.
 */
export const RECONNECT_BASE_DELAY_MS = 1_000;
/** Longest delay between attempts: a server fixed by the user is picked up within this. */
export const RECONNECT_MAX_DELAY_MS = 30_000;

/** Where one server is in its life. */
export type ServerState = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** Connects to a server; the manager's choice of transports (or a test's). */
export type Connector = (
  name: string,
  config: ServerConfig,
  options: { signal: AbortSignal },
) => Promise<UpstreamConnection & { readonly pid?: number | undefined }>;

interface SlotHooks {
  connect: Connector;
  /** The server's tool list differs from what it was. */
  toolsChanged: () => void;
  /** Something worth telling the user that is not an error of a call (a failed re-list). */
  warn: (message: string) => void;
}

/**
 * One configured server: its connection (opened on demand, reopened after the server died), its last known tools,
 * and its last error. Never spins: a failed attempt blocks further attempts for a growing delay, and calls made in
 * that window fail at once with the last error.
 */
export class ServerSlot {
  readonly name: string;
  readonly config: ServerConfig;
  state: ServerState = 'disconnected';
  /** The last tool list the server gave; kept while it is down, so the catalog does not flap. */
  tools: ToolDefinition[] | undefined;
  error: CodeModeError | undefined;

  readonly #hooks: SlotHooks;
  readonly #abort = new AbortController();
  #connection: (UpstreamConnection & { readonly pid?: number | undefined }) | undefined;
  #pending: Promise<UpstreamConnection> | undefined;
  #failures = 0;
  #retryAt = 0;
  #relisting = false;
  #relistAgain = false;

  constructor(name: string, config: ServerConfig, hooks: SlotHooks) {
    this.name = name;
    this.config = config;
    this.#hooks = hooks;
  }

  /** The server's pid, for stdio servers that are running. */
  get pid(): number | undefined {
    return this.#connection?.pid;
  }

  /** The live connection when there is one now; calls on a connected server skip the start-up wait entirely. */
  get connected(): UpstreamConnection | undefined {
    return this.state === 'closed' ? undefined : this.#connection;
  }

  /** The live connection, opening one if there is none (and the retry delay allows). */
  ensure(): Promise<UpstreamConnection> {
    if (this.state === 'closed') return Promise.reject(closedError(this.name));
    if (this.#connection !== undefined) return Promise.resolve(this.#connection);
    if (this.#pending !== undefined) return this.#pending;
    if (this.error !== undefined && Date.now() < this.#retryAt) return Promise.reject(this.error);
    this.#pending = this.#open().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** Asks the server for its tools again (after a reconnect, or when the caller wants fresh ones). */
  async relist(): Promise<void> {
    const connection = await this.ensure();
    this.#setTools(await connection.listTools());
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.#abort.abort(closedError(this.name));
    const connection = this.#connection;
    this.#connection = undefined;
    await Promise.allSettled([connection?.close(), this.#pending]);
  }

  async #open(): Promise<UpstreamConnection> {
    this.state = 'connecting';
    let connection: Awaited<ReturnType<Connector>> | undefined;
    let tools: ToolDefinition[];
    try {
      connection = await this.#hooks.connect(this.name, this.config, { signal: this.#abort.signal });
      tools = await connection.listTools();
    } catch (error) {
      await connection?.close().catch(() => {});
      if (this.#isClosed()) throw closedError(this.name);
      this.#failures++;
      this.#retryAt =
        Date.now() + Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS * 2 ** (this.#failures - 1));
      this.state = 'failed';
      this.error = asCodeModeError(error, this.name);
      throw this.error;
    }
    if (this.#isClosed()) {
      await connection.close();
      throw closedError(this.name);
    }
    this.#failures = 0;
    this.error = undefined;
    this.state = 'connected';
    this.#connection = connection;
    const live = connection;
    live.onToolsChanged(() => this.#relistAfterChange(live));
    live.onClose((error) => {
      if (this.#connection !== live) return;
      this.#connection = undefined;
      this.state = 'disconnected';
      this.error = error === undefined ? undefined : asCodeModeError(error, this.name);
      // The first reconnect after a death is immediate: the next call or listing restarts the server.
      this.#retryAt = 0;
    });
    this.#setTools(tools);
    return live;
  }

  /** A method, not an inline comparison: close() may run while #open() awaits, which narrowing cannot see. */
  #isClosed(): boolean {
    return this.state === 'closed';
  }

  /** list_changed: re-list, coalescing a burst of notifications into at most one extra listing. */
  #relistAfterChange(connection: UpstreamConnection): void {
    if (this.#relisting) {
      this.#relistAgain = true;
      return;
    }
    this.#relisting = true;
    void (async () => {
      do {
        this.#relistAgain = false;
        try {
          const tools = await connection.listTools();
          if (this.#connection === connection) this.#setTools(tools);
        } catch (error) {
          this.#hooks.warn(
            `server "${this.name}" changed its tools but could not list them: ${(error as Error).message}`,
          );
        }
      } while (this.#relistAgain && this.#connection === connection);
      this.#relisting = false;
    })();
  }

  #setTools(tools: ToolDefinition[]): void {
    const changed = this.tools === undefined || JSON.stringify(this.tools) !== JSON.stringify(tools);
    this.tools = tools;
    if (changed) this.#hooks.toolsChanged();
  }
}

function closedError(name: string): CodeModeError {
  return new CodeModeError('UPSTREAM_UNAVAILABLE', `server "${name}" is closed`, {
    details: { server: name },
  });
}

function asCodeModeError(error: unknown, name: string): CodeModeError {
  if (CodeModeError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CodeModeError('UPSTREAM_UNAVAILABLE', `server "${name}": ${message}`, {
    details: { server: name },
    cause: error,
  });
}
