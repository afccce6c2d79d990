import ivm from 'isolated-vm';
import type { GuestControl } from './guest/guest-prelude.ts';
import { PRELUDE_SOURCE } from './guest/prelude-source.ts';
import { LogBuffer } from './log-buffer.ts';
import type { HostMessage, WorkerMessage, WorkerOutcome } from './protocol.ts';
import { cancelledError, limitError, sandboxError } from './run-errors.ts';
import { DEFAULT_MEMORY_MB } from './limits.ts';
import type { SandboxLimits, SandboxRunError } from './types.ts';

/** The name the program's frames carry in stacks; `programStack` in the guest keeps only these. */
const PROGRAM_FILENAME = 'program.js';
const PRELUDE_FILENAME = 'codemode-prelude.js';

/** A healthy isolate serves this many runs, then is replaced: old contexts and heap fragmentation add up. */
const MAX_RUNS_PER_ISOLATE = 1_000;

/** An isolate using more than this share of its limit after a run is replaced, so the next run starts with room. */
const RECYCLE_HEAP_FRACTION = 0.5;

/**
 * Error texts from the guest are cut at this many characters: errors are for reading, and a program must not push a
 * large result past maxResultBytes by throwing it.
 */
const MAX_ERROR_TEXT_CHARS = 16_384;

/**
 * The first console lines of a run go to the host one message each, so they survive this process dying (one huge
 * allocation aborts it). Later lines ride along with tool calls and the end of the run, or leave at most every
 * LOG_FORWARD_INTERVAL_MS, so a chatty loop does not turn into thousands of IPC messages.
 */
const IMMEDIATE_LOG_MESSAGES = 32;
const LOG_FORWARD_INTERVAL_MS = 10;

/** A context ready to run one program, on an isolate that may serve several. */
interface Slot {
  isolate: IsolateState;
  context: ivm.Context;
  start: ivm.Reference;
  deliver: ivm.Reference;
}

interface IsolateState {
  isolate: ivm.Isolate;
  memoryMb: number;
  prelude: ivm.Script;
  runs: number;
}

interface ActiveRun {
  runId: number;
  limits: SandboxLimits;
  deadline: number;
  slot: Slot | undefined;
  logs: LogBuffer;
  logMessages: number;
  lastLogSent: number;
  outcome: WorkerOutcome | undefined;
  /** The program started running: its context is used up. */
  started: boolean;
  /** The isolate may hold state from this run (it threw inside an entry, hit a limit, was cancelled). */
  tainted: boolean;
  watchdog: NodeJS.Timeout | undefined;
}

/**
 * The worker half of the sandbox: runs one program at a time in an isolated-vm isolate, relays its tool-call
 * batches and console lines to the host, and prepares the next context as soon as a run ends (off the critical
 * path), so that a warm run costs only compiling and running the program.
 */
export class IsolateRunner {
  #send: (message: WorkerMessage) => void;
  #isolate: IsolateState | undefined;
  #next: Slot | undefined;
  #active: ActiveRun | undefined;
  #memoryMb = DEFAULT_MEMORY_MB;

  constructor(send: (message: WorkerMessage) => void) {
    this.#send = send;
  }

  /** Creates the isolate and context the next run will use, if they are not ready yet. */
  prepare(memoryMb = this.#memoryMb): void {
    if (this.#active || (this.#next && this.#next.isolate.memoryMb === memoryMb)) return;
    this.#memoryMb = memoryMb;
    this.#next?.context.release();
    this.#next = undefined;
    const current = this.#isolate;
    if (!current || current.isolate.isDisposed || current.memoryMb !== memoryMb || this.#worn(current)) {
      if (current && !current.isolate.isDisposed) current.isolate.dispose();
      const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
      const prelude = isolate.compileScriptSync(PRELUDE_SOURCE, { filename: PRELUDE_FILENAME });
      this.#isolate = { isolate, memoryMb, prelude, runs: 0 };
    }
    this.#next = this.#createSlot(this.#isolate as IsolateState);
  }

  handle(message: HostMessage): void {
    if (message.type === 'run') return this.#run(message);
    const run = this.#active;
    if (!run || run.runId !== message.runId || run.outcome) return;
    if (message.type === 'answers') {
      const slot = run.slot as Slot;
      return this.#enter(run, () =>
        slot.deliver.applySync(undefined, [message.batch], { timeout: remaining(run) }),
      );
    }
    run.outcome = { ok: false, error: cancelledError() };
    this.#dispose(run);
    this.#end(run);
  }

  #worn(state: IsolateState): boolean {
    if (state.runs >= MAX_RUNS_PER_ISOLATE) return true;
    const heap = state.isolate.getHeapStatisticsSync();
    return (
      heap.used_heap_size + heap.externally_allocated_size >
      state.memoryMb * 1024 * 1024 * RECYCLE_HEAP_FRACTION
    );
  }

  #createSlot(state: IsolateState): Slot {
    const context = state.isolate.createContextSync();
    const slot = { isolate: state, context } as Slot;
    const send = new ivm.Callback((batch: unknown) => this.#onCalls(slot, batch));
    const log = new ivm.Callback((line: unknown) => this.#onLog(slot, line));
    const finish = new ivm.Callback((ok: unknown, payload: unknown) => this.#onFinish(slot, ok, payload));
    const prelude: ivm.Reference<unknown> = state.prelude.runSync(context, { reference: true });
    const factory = prelude as ivm.Reference<(...host: unknown[]) => GuestControl>;
    const control = factory.applySync(undefined, [send, log, finish], { result: { reference: true } });
    slot.start = control.getSync('start', { reference: true });
    slot.deliver = control.getSync('deliver', { reference: true });
    prelude.release();
    control.release();
    return slot;
  }

  #run(message: Extract<HostMessage, { type: 'run' }>): void {
    const { runId, limits } = message;
    if (this.#active) {
      const error = sandboxError('the worker is already running a program');
      return this.#send({ type: 'end', runId, outcome: { ok: false, error }, logs: new LogBuffer(1).take() });
    }
    const run: ActiveRun = {
      runId,
      limits,
      deadline: performance.now() + limits.timeoutMs,
      slot: undefined,
      logs: new LogBuffer(limits.maxLogBytes),
      logMessages: 0,
      lastLogSent: 0,
      outcome: undefined,
      started: false,
      tainted: false,
      watchdog: undefined,
    };
    // Covers what the eval timeouts cannot: a program waiting on a promise that never settles.
    run.watchdog = setTimeout(() => this.#expire(run), limits.timeoutMs);
    try {
      this.prepare(limits.memoryMb);
      run.slot = this.#next;
      this.#next = undefined;
      this.#active = run;
    } catch (error) {
      run.outcome = {
        ok: false,
        error: sandboxError(`the isolate could not be created: ${messageOf(error)}`),
      };
      return this.#end(run);
    }
    const slot = run.slot as Slot;
    let script: ivm.Script;
    try {
      // The wrapper gets a line of its own, and lineOffset -1 makes the program's first line line 1 again.
      script = slot.isolate.isolate.compileScriptSync(`(async function () {\n${message.code}\n})`, {
        filename: PROGRAM_FILENAME,
        lineOffset: -1,
      });
    } catch (error) {
      run.outcome = { ok: false, error: this.#classify(run, error) };
      return this.#end(run);
    }
    const namespaces = JSON.stringify(message.namespaces);
    run.started = true;
    this.#enter(run, () => {
      const program = script.runSync(slot.context, {
        reference: true,
        release: true,
        timeout: remaining(run),
      });
      slot.start.applySync(undefined, [program.derefInto({ release: true }), namespaces], {
        timeout: remaining(run),
      });
    });
  }

  /** Runs guest code synchronously; whatever it throws ends the run. Ends the run when the program finished. */
  #enter(run: ActiveRun, action: () => void): void {
    try {
      action();
    } catch (error) {
      run.tainted = true;
      run.outcome ??= { ok: false, error: this.#classify(run, error) };
    }
    if (run.outcome && this.#active === run) this.#end(run);
  }

  #classify(run: ActiveRun, error: unknown): SandboxRunError {
    const message = messageOf(error);
    if (/memory limit/i.test(message)) return limitError('memoryMb', run.limits);
    if (/timed out/i.test(message)) return limitError('timeoutMs', run.limits);
    const name = error instanceof Error ? error.name : 'Error';
    if (name === 'SyntaxError') {
      const where = /\s*\[program\.js:(\d+):(\d+)\]$/.exec(message);
      if (!where) return { name, message };
      const line = Math.max(1, Number(where[1]));
      return { name, message: message.slice(0, where.index), line, column: Number(where[2]) };
    }
    if (/disposed/i.test(message)) return sandboxError('the isolate was disposed during the run');
    return { name, message: truncate(message) };
  }

  #expire(run: ActiveRun): void {
    if (this.#active !== run || run.outcome) return;
    run.outcome = { ok: false, error: limitError('timeoutMs', run.limits) };
    this.#dispose(run);
    this.#end(run);
  }

  #dispose(run: ActiveRun): void {
    run.tainted = true;
    const isolate = run.slot?.isolate.isolate;
    if (isolate && !isolate.isDisposed) isolate.dispose();
  }

  #end(run: ActiveRun): void {
    clearTimeout(run.watchdog);
    if (this.#active === run) this.#active = undefined;
    const outcome = run.outcome ?? { ok: false, error: sandboxError('the run ended without an outcome') };
    this.#send({ type: 'end', runId: run.runId, outcome, logs: run.logs.take() });
    const slot = run.slot;
    if (slot && !run.started && !run.tainted && !slot.isolate.isolate.isDisposed && !this.#next) {
      // The program never ran (a syntax error): its fresh context serves the next run.
      this.#next = slot;
    } else if (slot) {
      slot.isolate.runs += 1;
      if (run.tainted || slot.isolate.isolate.isDisposed) {
        if (!slot.isolate.isolate.isDisposed) slot.isolate.isolate.dispose();
        if (this.#isolate === slot.isolate) this.#isolate = undefined;
      } else {
        slot.start.release();
        slot.deliver.release();
        slot.context.release();
      }
    }
    // After the answer is on its way: the next run finds its context ready.
    setImmediate(() => this.prepare());
  }

  #onCalls(slot: Slot, batch: unknown): void {
    const run = this.#active;
    // An empty batch only happens when a program calls the prelude's flush itself: nothing to send.
    if (!run || run.slot !== slot || run.outcome || typeof batch !== 'string' || batch === '[]') return;
    const logs = run.logs.hasPending ? run.logs.take() : undefined;
    this.#send(
      logs ? { type: 'calls', runId: run.runId, batch, logs } : { type: 'calls', runId: run.runId, batch },
    );
  }

  #onLog(slot: Slot, line: unknown): void {
    const run = this.#active;
    if (!run || run.slot !== slot || run.outcome || typeof line !== 'string') return;
    run.logs.add(line);
    const now = performance.now();
    if (!run.logs.hasPending) return;
    if (run.logMessages < IMMEDIATE_LOG_MESSAGES || now - run.lastLogSent >= LOG_FORWARD_INTERVAL_MS) {
      run.logMessages += 1;
      run.lastLogSent = now;
      this.#send({ type: 'logs', runId: run.runId, logs: run.logs.take() });
    }
  }

  #onFinish(slot: Slot, ok: unknown, payload: unknown): void {
    const run = this.#active;
    if (!run || run.slot !== slot || run.outcome) return;
    if (ok === true && (payload === undefined || typeof payload === 'string')) {
      const bytes = payload === undefined ? 0 : Buffer.byteLength(payload);
      run.outcome =
        bytes > run.limits.maxResultBytes
          ? { ok: false, error: limitError('maxResultBytes', run.limits, bytes) }
          : payload === undefined
            ? { ok: true }
            : { ok: true, resultJson: payload };
      return;
    }
    run.tainted = true;
    run.outcome = { ok: false, error: parseGuestError(payload) };
  }
}

/** The error the guest reported, checked (the guest is untrusted) and cut to size. */
function parseGuestError(payload: unknown): SandboxRunError {
  try {
    const value = JSON.parse(String(payload)) as { name?: unknown; message?: unknown; stack?: unknown };
    if (typeof value.name === 'string' && typeof value.message === 'string') {
      const error: SandboxRunError = { name: truncate(value.name, 100), message: truncate(value.message) };
      if (typeof value.stack === 'string') error.stack = truncate(value.stack);
      return error;
    }
  } catch {
    // Falls through to the generic error below.
  }
  return { name: 'RuntimeError', message: 'the program failed with an unreadable error' };
}

function truncate(text: string, max = MAX_ERROR_TEXT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

function remaining(run: ActiveRun): number {
  return Math.max(1, Math.ceil(run.deadline - performance.now()));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
