import { availableParallelism } from 'node:os';
import { CodeModeError } from '../errors.ts';
import { RunSession } from './run-session.ts';
import type { Sandbox, SandboxRunRequest, SandboxRunResult } from './types.ts';
import { WorkerProcess } from './worker-process.ts';

/** At least two workers: one program stuck in a loop, or a crashed worker being replaced, must not stall the rest. */
export const MIN_POOL_SIZE = 2;

/** The default stops here: each worker may hold its isolate's memory limit plus ~40 MB of Node of its own. */
export const MAX_DEFAULT_POOL_SIZE = 8;

/** One worker per core: a program in a synchronous stretch keeps a core busy. */
export const DEFAULT_POOL_SIZE = Math.min(
  MAX_DEFAULT_POOL_SIZE,
  Math.max(MIN_POOL_SIZE, availableParallelism()),
);

/**
 * Programs that may wait for a worker. A gateway serving a few agents sees bursts of hundreds of short programs (the
 * load test runs 200 at once through HTTP); each waits for whole runs ahead of it, so past this many, telling the
 * caller "busy" at once serves it better than minutes in a queue.
 */
export const DEFAULT_MAX_QUEUE = 256;

/**
 * Runs after which a worker is replaced by a fresh process. Each run disposes its context, yet a worker's RSS still
 * creeps up by a few KB per run (measured: ~3.6 MB per 1,000 runs, bench/soak.ts); a new process every 1,000 runs
 * keeps memory flat at the cost of one ~100 ms start in the background.
 */
export const MAX_RUNS_PER_WORKER = 1_000;

/** One worker started at creation: the first run should not wait for a process to boot, and one is cheap. */
export const DEFAULT_PRESTART = 1;

/**
 * Workers that die before they are ready, in a row, before the pool gives up and fails the waiting runs with the
 * worker's stderr: the environment is broken (isolated-vm missing or built for another Node), respawning won't help.
 */
const MAX_START_FAILURES = 3;

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker processes at most (each runs one program at a time). Default: {@link DEFAULT_POOL_SIZE}. */
  size?: number;
  /** Programs that may wait when every worker is busy; `run()` rejects past it. Default: {@link DEFAULT_MAX_QUEUE}. */
  maxQueue?: number;
  /**
   * Workers started in the background at creation, so the first run finds one ready instead of paying its startup
   * (~70 ms built, ~110 ms from the TypeScript sources). Idle workers never keep the host process alive. Default: 1.
   */
  prestart?: number;
}

/** The isolated-vm sandbox: a pool of worker processes, each running programs in V8 isolates. */
export interface WorkerPool extends Sandbox {
  /**
   * Starts `count` workers (default: the pool size) now rather than at the first runs, and resolves when they are
   * ready. Optional: without it, the first run starts a worker and pays its startup (~100 ms).
   */
  warm(count?: number): Promise<void>;
}

/**
 * Creates the sandbox the engine runs programs in. Workers start lazily (or with `warm()`), are replaced when they
 * crash, and exit with the host; `close()` ends them.
 *
 * `run()` resolves with the program's outcome (a failed program is `ok: false`, never a rejection). It rejects with a
 * `CodeModeError` (`SANDBOX_FAILURE`) only when the program could not be run at all: the pool is closed or busy
 * (`details.reason: 'busy'`), or workers cannot start.
 *
 * @example
 * ```ts
 * const pool = createWorkerPool();
 * const outcome = await pool.run({
 *   code: 'return (await math.add({ a: 1, b: 2 })) * 2',
 *   namespaces: { math: ['add'] },
 *   limits: resolveLimits({ timeoutMs: 5_000 }),
 *   callTool: async ({ args }) => (args as { a: number; b: number }).a + (args as { a: number; b: number }).b,
 * });
 * // outcome: { ok: true, result: 6, logs: [], toolCalls: 1 }
 * await pool.close();
 * ```
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = options.size ?? DEFAULT_POOL_SIZE;
  const maxQueue = options.maxQueue ?? DEFAULT_MAX_QUEUE;
  if (!Number.isInteger(size) || size < 1) {
    throw new CodeModeError(
      'USAGE',
      `the pool size must be a whole number of workers, at least 1; got ${size}`,
    );
  }
  if (!Number.isInteger(maxQueue) || maxQueue < 0) {
    throw new CodeModeError('USAGE', `maxQueue must be a whole number, 0 or more; got ${maxQueue}`);
  }
  const pool = new Pool(size, maxQueue);
  const prestart = Math.min(size, options.prestart ?? DEFAULT_PRESTART);
  for (let index = 0; index < prestart; index += 1) pool.spawn();
  return pool;
}

class Pool implements WorkerPool {
  readonly #size: number;
  readonly #maxQueue: number;
  #workers = new Set<WorkerProcess>();
  #idle: WorkerProcess[] = [];
  #queue: RunSession[] = [];
  #nextRunId = 1;
  #closed = false;
  #startFailures = 0;
  #lastStderr = '';
  #readyWaiters = new Set<() => void>();
  readonly #runs = new WeakMap<WorkerProcess, number>();

  constructor(size: number, maxQueue: number) {
    this.#size = size;
    this.#maxQueue = maxQueue;
  }

  async run(request: SandboxRunRequest): Promise<SandboxRunResult> {
    if (this.#closed) throw new CodeModeError('SANDBOX_FAILURE', 'the sandbox is closed');
    if (request.signal?.aborted) {
      const session = new RunSession(this.#nextRunId++, request);
      session.cancel();
      return session.result;
    }
    const worker = this.#idle.shift();
    if (!worker) this.#checkCapacity();
    const session = new RunSession(this.#nextRunId++, request);
    if (worker) {
      this.#assign(worker, session);
      return session.result;
    }
    this.#queue.push(session);
    const starting = [...this.#workers].filter((candidate) => !candidate.started).length;
    if (this.#workers.size < this.#size && starting < this.#queue.length) this.spawn();
    return session.result;
  }

  /** Throws the "busy" error when one more program would overflow the queue. */
  #checkCapacity(): void {
    this.#queue = this.#queue.filter((waiting) => !waiting.settled);
    // Workers still starting (or not started yet) will take programs from the queue: only the rest wait.
    const running = [...this.#workers].filter((candidate) => candidate.busy).length;
    if (this.#queue.length < this.#maxQueue + this.#size - running) return;
    throw new CodeModeError(
      'SANDBOX_FAILURE',
      `the sandbox is busy: all ${this.#size} workers are taken and ${this.#maxQueue} programs are already waiting; ` +
        'try again later',
      { details: { reason: 'busy', workers: this.#size, waiting: this.#queue.length } },
    );
  }

  async warm(count = this.#size): Promise<void> {
    if (this.#closed) throw new CodeModeError('SANDBOX_FAILURE', 'the sandbox is closed');
    const wanted = Math.min(count, this.#size);
    while (this.#workers.size < wanted) this.spawn();
    const failuresAtStart = this.#startFailures;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const ready = [...this.#workers].filter((worker) => worker.started).length;
        if (ready >= wanted || this.#closed) {
          this.#readyWaiters.delete(check);
          resolve();
        } else if (this.#startFailures > failuresAtStart) {
          this.#readyWaiters.delete(check);
          reject(this.#startError());
        }
      };
      this.#readyWaiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const session of this.#queue) session.cancel('the sandbox was closed');
    this.#queue = [];
    this.#idle = [];
    for (const check of this.#readyWaiters) check();
    await Promise.all([...this.#workers].map((worker) => worker.close('the sandbox was closed')));
  }

  /** Starts one more worker process (the pool's own use, and prestart). */
  spawn(): void {
    const worker = new WorkerProcess({
      idle: (ready) => this.#onIdle(ready),
      exit: (gone, started) => this.#onExit(gone, started),
    });
    this.#workers.add(worker);
  }

  #assign(worker: WorkerProcess, session: RunSession): void {
    this.#runs.set(worker, (this.#runs.get(worker) ?? 0) + 1);
    worker.assign(session);
  }

  #onIdle(worker: WorkerProcess): void {
    this.#startFailures = 0;
    for (const check of this.#readyWaiters) check();
    if (this.#closed) return void worker.close();
    // A worn worker is retired; its exit spawns the replacement (see #onExit).
    if ((this.#runs.get(worker) ?? 0) >= MAX_RUNS_PER_WORKER)
      return void worker.close('retired after its runs');
    let session = this.#queue.shift();
    while (session?.settled) session = this.#queue.shift();
    if (session) this.#assign(worker, session);
    else this.#idle.push(worker);
  }

  #onExit(worker: WorkerProcess, started: boolean): void {
    this.#workers.delete(worker);
    this.#idle = this.#idle.filter((idle) => idle !== worker);
    if (this.#closed) return;
    if (!started) {
      this.#startFailures += 1;
      this.#lastStderr = worker.stderr;
      for (const check of this.#readyWaiters) check();
      if (this.#startFailures >= MAX_START_FAILURES) {
        const error = this.#startError();
        for (const session of this.#queue) session.fail(error);
        this.#queue = [];
        this.#startFailures = 0;
        return;
      }
    }
    // Replace a crashed worker at once: the next program should not pay for this one's crash.
    if (started || this.#queue.length > 0) this.spawn();
  }

  #startError(): CodeModeError {
    const detail = this.#lastStderr.trim().split('\n').slice(-5).join('\n');
    return new CodeModeError(
      'SANDBOX_FAILURE',
      `the sandbox worker could not start${detail ? `: ${detail}` : ''}`,
      { details: { reason: 'start' } },
    );
  }
}
