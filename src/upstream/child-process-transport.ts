import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/client';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { CodeModeError } from '../errors.ts';
import type { StdioServerConfig } from '../config/types.ts';
import { signalGroup } from './process-reaper.ts';
import type { ProcessReaper } from './process-reaper.ts';
import { StderrTail } from './stderr-tail.ts';

/** Stderr kept for error messages: a stack trace's worth, without holding a chatty server's whole log. */
export const STDERR_TAIL_CHARS = 8_192;
/** After closing stdin (the MCP way to ask a stdio server to exit), how long before SIGTERM. */
const STDIN_CLOSE_GRACE_MS = 500;
/** After SIGTERM, how long before SIGKILL. */
const TERM_GRACE_MS = 1_000;
/**
 * After the leader exits, how long to wait for its stdio pipes to close before reporting the close anyway: a
 * grandchild that escaped the group kill could hold them open forever.
 */
const PIPE_CLOSE_GRACE_MS = 2_000;

/** Options of {@link ChildProcessTransport}. */
export interface ChildProcessTransportOptions extends StdioServerConfig {
  /** The watchdog that ends the process group if codemode dies. */
  reaper: ProcessReaper;
  /** Receives each stderr line of the server (default: kept only as the tail for error messages). */
  onStderrLine?: ((line: string) => void) | undefined;
}

/**
 * MCP over a child's stdin/stdout, like the SDK's `StdioClientTransport` but with the child as the leader of its own
 * process group (so ending the group also ends grandchildren such as `npx` -> `node`), registered with the
 * {@link ProcessReaper}, and with stderr captured instead of inherited.
 */
export class ChildProcessTransport implements Transport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: (<T extends JSONRPCMessage>(message: T) => void) | undefined;

  readonly #options: ChildProcessTransportOptions;
  readonly #readBuffer = new ReadBuffer();
  readonly #stderr = new StderrTail(STDERR_TAIL_CHARS);
  #child: ChildProcessWithoutNullStreams | undefined;
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  #closed: Promise<void> | undefined;
  /** Settles when the server's stdin can take more after a write that filled the pipe. */
  #drained: Promise<void> | undefined;

  constructor(options: ChildProcessTransportOptions) {
    this.#options = options;
  }

  /** The server's pid (also its process group id) once started. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The last stderr lines, one line, for error messages. */
  stderrSummary(lines = 5): string {
    return this.#stderr.lastLines(lines);
  }

  /** How the process ended (`exited with code 1`, `was killed by SIGKILL`), or undefined while it runs. */
  exitSummary(): string | undefined {
    if (this.#exit === undefined) return undefined;
    return this.#exit.signal === null
      ? `exited with code ${this.#exit.code}`
      : `was killed by ${this.#exit.signal}`;
  }

  start(): Promise<void> {
    if (this.#child !== undefined) throw new Error('ChildProcessTransport already started');
    const { command, args, env, cwd } = this.#options;
    if (cwd !== undefined && !isDirectory(cwd)) {
      return Promise.reject(
        new CodeModeError('UPSTREAM_UNAVAILABLE', `working directory ${cwd} does not exist`),
      );
    }
    const child = spawn(command, args, {
      // The SDK's default: only variables known to be safe (PATH, HOME, ...) reach the server, plus its config env.
      env: { ...getDefaultEnvironment(), ...env },
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
    });
    this.#child = child;
    this.#closed = new Promise((resolve) => this.#watch(child, resolve));
    return new Promise((resolve, reject) => {
      child.once('spawn', () => {
        this.#options.reaper.register(child.pid!);
        resolve();
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        if (child.pid === undefined) reject(spawnError(command, error));
        else this.onerror?.(error);
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (stdin === undefined || this.#exit !== undefined || !stdin.writable) {
      return Promise.reject(new CodeModeError('UPSTREAM_UNAVAILABLE', 'the server process is not running'));
    }
    // Messages sent in one tick (a fan-out's burst) leave in one write: a syscall per message cost ~8 us each.
    if (!stdin.writableCorked) {
      stdin.cork();
      process.nextTick(() => stdin.uncork());
    }
    if (stdin.write(serializeMessage(message))) return Promise.resolve();
    // One waiter for a burst (a 1,000-call fan-out fills the pipe): not one 'drain' listener per message.
    this.#drained ??= new Promise<void>((resolve) => {
      const done = () => {
        this.#drained = undefined;
        stdin.off('drain', done).off('close', done);
        resolve();
      };
      stdin.once('drain', done).once('close', done);
    });
    return this.#drained;
  }

  /** Asks the server to exit (stdin closed), then SIGTERM, then SIGKILL to its whole process group. */
  async close(): Promise<void> {
    const child = this.#child;
    if (child === undefined || this.#closed === undefined) return;
    if (this.#exit === undefined) {
      child.stdin.end();
      if (!(await settlesWithin(this.#closed, STDIN_CLOSE_GRACE_MS))) {
        signalGroup(child.pid!, 'SIGTERM');
        if (!(await settlesWithin(this.#closed, TERM_GRACE_MS))) signalGroup(child.pid!, 'SIGKILL');
      }
    }
    await this.#closed;
  }

  #watch(child: ChildProcessWithoutNullStreams, done: () => void): void {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      for (const line of this.#stderr.flush()) this.#options.onStderrLine?.(line);
      this.#readBuffer.clear();
      child.stdout.destroy();
      child.stderr.destroy();
      done();
      this.onclose?.();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        this.#readBuffer.append(chunk);
      } catch (error) {
        // One message larger than the read buffer allows: the stream cannot be resynchronized, so end it.
        this.onerror?.(error as Error);
        void this.close();
        return;
      }
      this.#drain();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      for (const line of this.#stderr.push(chunk)) this.#options.onStderrLine?.(line);
    });
    // EPIPE when the server died with a write in flight; the exit below reports the real cause.
    child.stdin.on('error', () => {});
    child.stdout.on('error', (error) => this.onerror?.(error));
    child.once('error', () => {
      if (child.pid === undefined) finish();
    });
    child.once('exit', (code, signal) => {
      this.#exit = { code, signal };
      this.#endGroup(child.pid!);
      setTimeout(finish, PIPE_CLOSE_GRACE_MS).unref();
    });
    child.once('close', finish);
  }

  /** The leader is gone; make sure the rest of its group follows, then stop watching it. */
  #endGroup(pgid: number): void {
    const { reaper } = this.#options;
    if (!signalGroup(pgid, 'SIGTERM')) return reaper.unregister(pgid);
    setTimeout(() => {
      signalGroup(pgid, 'SIGKILL');
      reaper.unregister(pgid);
    }, TERM_GRACE_MS).unref();
  }

  #drain(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.#readBuffer.readMessage();
      } catch (error) {
        // A line that is not JSON-RPC (a server printing to stdout): report it and keep reading.
        this.onerror?.(error as Error);
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function spawnError(command: string, error: NodeJS.ErrnoException): CodeModeError {
  const reason =
    error.code === 'ENOENT'
      ? `command ${JSON.stringify(command)} not found (is it installed and on PATH?)`
      : error.code === 'EACCES'
        ? `command ${JSON.stringify(command)} is not executable`
        : `command ${JSON.stringify(command)} could not be started (${error.code ?? error.message})`;
  return new CodeModeError('UPSTREAM_UNAVAILABLE', reason, { cause: error });
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
