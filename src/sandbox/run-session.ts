import { logLimitMarker } from './log-buffer.ts';
import type { HostMessage, LogChunk, WorkerMessage } from './protocol.ts';
import { cancelledError, crashError, limitError, sandboxError } from './run-errors.ts';
import type { GuestErrorShape, SandboxRunError, SandboxRunRequest, SandboxRunResult } from './types.ts';

/**
 * The worker answers at the timeout itself (its watchdog, or the eval timeout); the host waits this much longer
 * before deciding the worker is stuck and killing it. Covers disposing a large isolate on a loaded machine.
 */
export const HOST_GRACE_MS = 1_000;

/**
 * After a cancel (or a limit the host enforces), how long the worker gets to confirm before it is killed and
 * replaced. It only takes longer when the program is inside a long synchronous stretch.
 */
export const CANCEL_ACK_MS = 250;

/** What a session needs from the worker process it runs on. */
export interface SessionWorker {
  send(message: HostMessage): void;
  /** Kills the process (it is replaced); its exit reaches the session through `onExit`. */
  kill(): void;
  /** The tail of the worker's stderr, for crash reports. */
  readonly stderr: string;
}

/**
 * The host half of one run: executes the program's tool calls concurrently and answers them in batches, enforces
 * maxToolCalls (the guest cannot bypass a count kept here), collects console lines, and settles exactly once.
 */
export class RunSession {
  readonly runId: number;
  readonly request: SandboxRunRequest;
  readonly result: Promise<SandboxRunResult>;
  #resolve!: (result: SandboxRunResult) => void;
  #reject!: (error: Error) => void;
  #settled = false;
  #worker: SessionWorker | undefined;
  #toolCalls = 0;
  #tools: Map<string, Set<string>>;
  #lines: string[] = [];
  #dropped = { lines: 0, bytes: 0 };
  #answers: string[] = [];
  #answerFlush: NodeJS.Immediate | undefined;
  /**
   * One controller per call in flight, all aborted when the run ends (their results are of no use to anyone then).
   * Not one shared signal: every listener added to a signal is checked against all the others, so a 10,000-call
   * fan-out sharing one signal cost time quadratic in the number of calls.
   */
  #calls = new Set<AbortController>();
  #watchdog: NodeJS.Timeout | undefined;
  /** Runs after a cancel until the worker confirms; not cleared on settle (see `acknowledged`). */
  #ackTimer: NodeJS.Timeout | undefined;
  #onAbort = () => this.cancel();

  constructor(runId: number, request: SandboxRunRequest) {
    this.runId = runId;
    this.request = request;
    this.#tools = new Map(
      Object.entries(request.namespaces).map(([name, methods]) => [name, new Set(methods)]),
    );
    this.result = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    request.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Starts the run on a worker. The timeout counts from here, not from when the program was queued. */
  attach(worker: SessionWorker): void {
    if (this.#settled) return;
    this.#worker = worker;
    const { code, namespaces, limits } = this.request;
    worker.send({ type: 'run', runId: this.runId, code, namespaces, limits });
    this.#watchdog = setTimeout(() => {
      this.#settle({ ok: false, error: limitError('timeoutMs', limits) });
      worker.kill();
    }, limits.timeoutMs + HOST_GRACE_MS);
  }

  /** Ends the run with a CancelledError now; the worker is told to stop (and killed if it does not confirm). */
  cancel(reason?: string): void {
    this.#stop(cancelledError(reason));
  }

  /** The worker could not serve the run at all (it failed to start): `run()` rejects with this error. */
  fail(error: Error): void {
    if (this.#settled) return;
    this.#finish();
    this.#reject(error);
  }

  handle(message: Exclude<WorkerMessage, { type: 'ready' }>): void {
    if (message.logs) this.#addLogs(message.logs);
    if (message.type === 'calls') this.#onCalls(message.batch);
    else if (message.type === 'end') {
      if (this.#settled) return;
      const { outcome } = message;
      if (!outcome.ok) return this.#settle({ ok: false, error: outcome.error });
      try {
        const result =
          outcome.resultJson === undefined ? undefined : (JSON.parse(outcome.resultJson) as unknown);
        this.#settle({ ok: true, result });
      } catch {
        this.#settle({ ok: false, error: sandboxError('the sandbox returned a malformed result') });
      }
    }
  }

  /** The worker process died. */
  onExit(exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    const stderr = this.#worker?.stderr ?? '';
    this.#settle({ ok: false, error: crashError({ ...exit, stderr }, this.request.limits.memoryMb) });
  }

  #onCalls(batch: string): void {
    if (this.#settled) return;
    const calls = parseCalls(batch);
    if (!calls) return this.#stop(sandboxError('the sandbox sent a malformed tool-call batch'));
    if (this.#toolCalls + calls.length > this.request.limits.maxToolCalls) {
      // None of this batch runs: the run is over, and side effects nobody sees the result of help no one.
      return this.#stop(limitError('maxToolCalls', this.request.limits));
    }
    this.#toolCalls += calls.length;
    for (const [id, namespace, method, args] of calls) {
      if (!this.#tools.get(namespace)?.has(method)) {
        this.#queueAnswer(
          id,
          1,
          JSON.stringify({ name: 'TypeError', message: `${namespace}.${method} is not a tool` }),
        );
        continue;
      }
      const controller = new AbortController();
      this.#calls.add(controller);
      // One promise and one reaction per call: a 10,000-call fan-out made five of each, and the garbage they left was
      // most of the host's cost of the bridge. A handler throwing synchronously fails its call like a rejection.
      let pending: Promise<unknown>;
      try {
        pending = Promise.resolve(this.request.callTool({ namespace, method, args }, controller.signal));
      } catch (error) {
        this.#calls.delete(controller);
        this.#queueAnswer(id, 1, errorJson(error));
        continue;
      }
      pending.then(
        (value) => {
          this.#calls.delete(controller);
          this.#answerValue(id, value);
        },
        (error: unknown) => {
          this.#calls.delete(controller);
          this.#queueAnswer(id, 1, errorJson(error));
        },
      );
    }
  }

  #answerValue(id: number, value: unknown): void {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `the tool's result cannot be converted to JSON: ${reason}`;
      return this.#queueAnswer(id, 1, JSON.stringify({ name: 'TypeError', message }));
    }
    this.#queueAnswer(id, 0, json);
  }

  /** Answers leave once per event-loop turn: calls that finish together (a fan-out) go back in one message. */
  #queueAnswer(id: number, status: 0 | 1, json: string | undefined): void {
    if (this.#settled) return;
    this.#answers.push(json === undefined ? `[${id},${status}]` : `[${id},${status},${json}]`);
    this.#answerFlush ??= setImmediate(() => {
      this.#answerFlush = undefined;
      const batch = `[${this.#answers.join(',')}]`;
      this.#answers = [];
      if (!this.#settled) this.#worker?.send({ type: 'answers', runId: this.runId, batch });
    });
  }

  #addLogs(chunk: LogChunk): void {
    if (this.#settled) return;
    for (const line of chunk.lines) this.#lines.push(line);
    this.#dropped = { lines: chunk.droppedLines, bytes: chunk.droppedBytes };
  }

  /** Settles with `error` and makes the worker stop the program; a worker that does not confirm is killed. */
  #stop(error: SandboxRunError): void {
    if (this.#settled) return;
    this.#settle({ ok: false, error });
    const worker = this.#worker;
    if (!worker) return;
    worker.send({ type: 'cancel', runId: this.runId });
    this.#ackTimer = setTimeout(() => worker.kill(), CANCEL_ACK_MS);
  }

  /** The worker finished with this run (its `end` arrived or it exited): nothing more to wait for. */
  acknowledged(): void {
    clearTimeout(this.#ackTimer);
  }

  #settle(outcome: { ok: true; result: unknown } | { ok: false; error: SandboxRunError }): void {
    if (this.#settled) return;
    this.#finish();
    const logs = [...this.#lines];
    const { maxLogBytes } = this.request.limits;
    if (this.#dropped.lines > 0)
      logs.push(logLimitMarker(this.#dropped.lines, this.#dropped.bytes, maxLogBytes));
    const toolCalls = this.#toolCalls;
    this.#resolve(outcome.ok ? { ...outcome, logs, toolCalls } : { ...outcome, logs, toolCalls });
  }

  #finish(): void {
    this.#settled = true;
    clearTimeout(this.#watchdog);
    if (this.#answerFlush) clearImmediate(this.#answerFlush);
    for (const controller of this.#calls) controller.abort();
    this.#calls.clear();
    this.request.signal?.removeEventListener('abort', this.#onAbort);
  }
}

type Call = [id: number, namespace: string, method: string, args: unknown];

/** Checks a batch from the (untrusted) guest: `[[id, namespace, method, args?], ...]`. */
function parseCalls(batch: string): Call[] | undefined {
  let calls: unknown;
  try {
    calls = JSON.parse(batch);
  } catch {
    return undefined;
  }
  if (!Array.isArray(calls)) return undefined;
  for (const call of calls) {
    const valid =
      Array.isArray(call) &&
      (call.length === 3 || call.length === 4) &&
      Number.isSafeInteger(call[0]) &&
      typeof call[1] === 'string' &&
      typeof call[2] === 'string';
    if (!valid) return undefined;
  }
  return calls as Call[];
}

/** A rejection from the host handler as the guest receives it: name, message and JSON data, nothing else. */
function errorJson(error: unknown): string {
  const shape = error as Partial<GuestErrorShape> | null;
  const name = typeof shape?.name === 'string' ? shape.name : 'Error';
  const message = typeof shape?.message === 'string' ? shape.message : String(error);
  const data = typeof shape?.data === 'object' && shape.data !== null ? shape.data : undefined;
  try {
    return JSON.stringify(data ? { name, message, data } : { name, message });
  } catch {
    return JSON.stringify({ name, message });
  }
}
