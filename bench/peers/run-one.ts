// One workload on one runtime, in a child process of its own: the child's entry, and how the runner starts it.
//   node bench/peers/run-one.ts RUNTIME WORKLOAD [--quick]
// WORKLOAD is one of CHILD_WORKLOADS or a hostile case (hostile-loop, hostile-memory); see workloads.ts. The child
// prints one line for the runner (two for a hostile case: `started`, then the result), prefixed so that anything a
// runtime itself prints on stdout cannot be mistaken for it.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ADAPTERS } from './adapters.ts';
import type { RuntimeAdapter } from './runtime.ts';
import {
  CHILD_WORKLOADS,
  type ChildWorkload,
  CreateError,
  HOSTILE_CASES,
  type HostileCase,
  type HostileOutcome,
  type Values,
  firstLine,
  runHostile,
} from './workloads.ts';

const ENTRY = fileURLToPath(import.meta.url);
const LINE_PREFIX = '@@peers ';
/** How long a child may take to exit after its answer before its process group is killed. */
const EXIT_GRACE_MS = 2_000;
/** Enough of a child's stderr to quote why its host died (a V8 out-of-memory abort prints a few dozen lines). */
const STDERR_TAIL_CHARS = 8_192;

/** What the child tells the runner, one line each. */
export type ChildMessage =
  | { kind: 'started' }
  | {
      kind: 'result';
      adapter: { name: string; package: string; notes: readonly string[] };
      values?: Values;
      hostile?: HostileOutcome;
    }
  | { kind: 'excluded'; reason: string }
  | { kind: 'error'; error: string };

/** What one child did: its messages, how it ended, and when its hostile program started (runner's clock). */
export interface ChildOutcome {
  /** The child's pid, which is also its process group's id. */
  pid: number | undefined;
  messages: ChildMessage[];
  exit: string;
  stderr: string;
  startedAt?: number;
  endedAt: number;
  /** Killed at the cap, before it answered. */
  killed: boolean;
}

/**
 * Runs `workload` on `runtime` in a fresh child process and resolves when it has ended. The child leads a process
 * group of its own, so its workers (or workerd) are killed with it: at `capMs`, or `EXIT_GRACE_MS` after its answer
 * when it does not exit by itself, and in any case once it has ended.
 */
export function runChild(
  runtime: string,
  workload: string,
  quick: boolean,
  capMs: number,
): Promise<ChildOutcome> {
  const child: ChildProcess = spawn(
    process.execPath,
    // --no-node-snapshot: isolated-vm needs it on Node >= 20 (its README); the other runtimes do not mind it.
    [
      '--no-node-snapshot',
      '--disable-warning=ExperimentalWarning',
      ENTRY,
      runtime,
      workload,
      ...(quick ? ['--quick'] : []),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const outcome: ChildOutcome = {
    pid: child.pid,
    messages: [],
    exit: '',
    stderr: '',
    endedAt: 0,
    killed: false,
  };
  let pending = '';
  let grace: NodeJS.Timeout | undefined;
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((each) => each.startsWith(LINE_PREFIX))) {
      const message = JSON.parse(line.slice(LINE_PREFIX.length)) as ChildMessage;
      if (message.kind === 'started') outcome.startedAt = performance.now();
      // The answer is in. A host that then does not exit (seen with @utcp/code-mode: process.exit() hangs with its
      // isolates) is killed after a grace period rather than holding the bench until the cap.
      else grace ??= setTimeout(() => killGroup(child.pid), EXIT_GRACE_MS);
      outcome.messages.push(message);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    outcome.stderr = (outcome.stderr + text).slice(-STDERR_TAIL_CHARS);
  });
  return new Promise((resolve) => {
    const cap = setTimeout(() => {
      outcome.killed = true;
      killGroup(child.pid);
    }, capMs);
    child.on('close', (code, signal) => {
      clearTimeout(cap);
      clearTimeout(grace);
      outcome.endedAt = performance.now();
      outcome.exit = signal ? `signal ${signal}` : `exit code ${code}`;
      // The child may have left descendants behind (a worker, workerd): the whole group goes.
      killGroup(child.pid);
      resolve(outcome);
    });
  });
}

/** Why a child gave no result: killed at the cap, an error it reported, or its death, with its telling stderr line. */
export function failure(outcome: ChildOutcome, capMs: number): string {
  if (outcome.killed) return `no answer within ${capMs / 1000} s: the process was killed`;
  const error = outcome.messages.find((message) => message.kind === 'error');
  if (error) return error.error;
  const lines = outcome.stderr.split('\n').map((line) => line.trim());
  // V8 prints an out-of-memory abort as GC traces and heap statistics; the telling line is its `is_heap_oom = 1`.
  const telling =
    lines.find((line) => /fatal|out of memory|heap_oom|allocation failed/i.test(line)) ??
    lines.find((line) => /error|abort/i.test(line)) ??
    lines.find(Boolean);
  return `the host process died (${outcome.exit})${telling ? `: ${telling.slice(0, 200)}` : ''}`;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function send(message: ChildMessage): void {
  process.stdout.write(`${LINE_PREFIX}${JSON.stringify(message)}\n`);
}

/** The child's side: measure, print the answer, exit. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { quick: { type: 'boolean', default: false } },
  });
  const [runtimeName = '', workload = ''] = positionals;
  const load = ADAPTERS[runtimeName];
  if (!load) throw new Error(`no runtime "${runtimeName}" (runtimes: ${Object.keys(ADAPTERS).join(', ')})`);
  let adapter: RuntimeAdapter;
  try {
    ({ adapter } = await load());
  } catch (error) {
    send({ kind: 'excluded', reason: `its adapter could not be loaded: ${firstLine(error)}` });
    return;
  }
  const description = { name: adapter.name, package: adapter.package, notes: adapter.notes };
  try {
    if (workload in HOSTILE_CASES) {
      const outcome = await runHostile(adapter, workload as HostileCase, () => send({ kind: 'started' }));
      send({ kind: 'result', adapter: description, hostile: outcome });
    } else if (workload in CHILD_WORKLOADS) {
      const measured = await CHILD_WORKLOADS[workload as ChildWorkload](adapter, values.quick);
      send({ kind: 'result', adapter: description, values: measured });
    } else {
      throw new Error(`no workload "${workload}"`);
    }
  } catch (error) {
    send(
      error instanceof CreateError
        ? { kind: 'excluded', reason: `create() failed: ${error.message}` }
        : { kind: 'error', error: firstLine(error) },
    );
  }
}

// Imported by the runner for runChild(); run as a script, it is the child.
if (process.argv[1] === ENTRY) {
  await main().catch((error: unknown) => send({ kind: 'error', error: firstLine(error) }));
  // A runtime may leave timers or threads behind (a hostile case never cleaned up): the answer is out, so end.
  process.exit(0);
}
