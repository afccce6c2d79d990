import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { HostMessage, WorkerMessage } from './protocol.ts';
import type { RunSession, SessionWorker } from './run-session.ts';
import { workerScript } from './worker-script.ts';

/** Enough of a worker's stderr to tell a V8 out-of-memory abort from other crashes, without keeping it all. */
const STDERR_TAIL_CHARS = 4_096;

/** What the pool hears from a worker. */
export interface WorkerEvents {
  /** The worker can take a run (it just started, or its run ended). */
  idle(worker: WorkerProcess): void;
  /** The process is gone. `started` is false when it died before it could run anything. */
  exit(worker: WorkerProcess, started: boolean): void;
}

/**
 * One pooled child process, seen from the host. It runs one session at a time and routes that session's messages;
 * its IPC channel keeps the host alive only while it works, so an idle pool never holds the process open.
 */
export class WorkerProcess implements SessionWorker {
  #child: ChildProcess;
  #events: WorkerEvents;
  #session: RunSession | undefined;
  #stderr = '';
  #started = false;
  #exited = false;

  constructor(events: WorkerEvents) {
    this.#events = events;
    const { entry, execArgv } = workerScript();
    this.#child = fork(entry, [], {
      execPath: process.execPath,
      execArgv,
      // The worker's stdout must never reach ours (a stdio MCP server speaks JSON-RPC there).
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    // stderr is read for crash reports only; it must not keep the host alive on its own.
    (this.#child.stderr as { unref?: () => void } | null)?.unref?.();
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (text: string) => {
      this.#stderr = (this.#stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    this.#child.on('message', (message) => this.#onMessage(message as WorkerMessage));
    this.#child.on('exit', (code, signal) => this.#onExit(code, signal));
    // A failed spawn reports 'error' and may never report 'exit'.
    this.#child.on('error', () => this.#onExit(null, null));
  }

  get busy(): boolean {
    return this.#session !== undefined;
  }

  get started(): boolean {
    return this.#started;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Runs `session` here. The worker must be idle. */
  assign(session: RunSession): void {
    this.#session = session;
    this.#reference(true);
    session.attach(this);
  }

  send(message: HostMessage): void {
    if (this.#exited || !this.#child.connected) return;
    try {
      this.#child.send(message);
    } catch {
      // The channel just closed; 'exit' follows and settles the run.
    }
  }

  kill(): void {
    if (!this.#exited) this.#child.kill('SIGKILL');
  }

  /** Cancels the run in progress with `reason`, ends the process, and resolves when it is gone. */
  async close(reason = 'the sandbox was closed'): Promise<void> {
    this.#session?.cancel(reason);
    if (this.#exited) return;
    // Referenced again so the host stays up until the process is really gone.
    this.#reference(true);
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.kill('SIGTERM');
    await exited;
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'ready') {
      this.#started = true;
      this.#reference(false);
      return this.#events.idle(this);
    }
    const session = this.#session;
    if (!session || session.runId !== message.runId) return;
    session.handle(message);
    if (message.type === 'end') {
      session.acknowledged();
      this.#session = undefined;
      this.#reference(false);
      this.#events.idle(this);
    }
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#exited) return;
    this.#exited = true;
    const session = this.#session;
    this.#session = undefined;
    if (session) {
      session.acknowledged();
      session.onExit({ code, signal });
    }
    this.#events.exit(this, this.#started);
  }

  /** Busy (or starting) workers keep the host process alive; idle ones do not. */
  #reference(busy: boolean): void {
    const channel = this.#child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (busy) {
      this.#child.ref();
      channel?.ref?.();
    } else {
      this.#child.unref();
      channel?.unref?.();
    }
  }
}
