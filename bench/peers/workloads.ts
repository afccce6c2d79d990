// The workloads of the side-by-side comparison. Each runs in a child process of its own (run-one.ts) with one runtime,
// so a crash or a leak of one cannot touch the others, and memory is per runtime. Every run's answer is checked: a
// failed run must never be timed as a fast one.
import { readFileSync } from 'node:fs';
import { descendantPids, median, percentile, round, timeMs } from '../measure.ts';
import { BENCH_TOOLS, type CodeRuntime, type RuntimeAdapter } from './runtime.ts';

/** Tool calls in one program of the throughput workload. */
export const THROUGHPUT_CALLS = 10_000;
/** Calls in one program of the fan-out workload, each waiting {@link FANOUT_SLEEP_MS}: ~10 ms is the floor. */
export const FANOUT_CALLS = 1_000;
const FANOUT_SLEEP_MS = 10;
/** Executions at once in the memory workload, each parked on a {@link PARK_MS} sleep while memory is sampled. */
export const MEMORY_CONCURRENCY = 20;
const PARK_MS = 1_000;
/** How often the memory workload reads the processes' RSS: often enough to see the plateau of a 1 s park. */
const RSS_SAMPLE_MS = 50;
/** The limit the hostile cases ask for: a runaway loop must end well within the bench's time. */
export const HOSTILE_TIMEOUT_MS = 5_000;
/** After a hostile case, `return 1` must answer within this for the host to count as having survived. */
const SURVIVAL_CHECK_MS = 10_000;

/**
 * Guest compute: a sieve of Eratosthenes to 1,000,000 and a numeric sort of 100,000 pseudo-random numbers, ~100–200
 * ms in plain V8 on this machine. Deterministic (a linear congruential generator), so every runtime must return the
 * same number.
 */
export const COMPUTE_BODY = `
  const N = 1_000_000;
  const composite = new Uint8Array(N + 1);
  let primes = 0;
  for (let i = 2; i <= N; i++) {
    if (composite[i]) continue;
    primes++;
    for (let j = i * i; j <= N; j += i) composite[j] = 1;
  }
  let seed = 42;
  const numbers = [];
  for (let i = 0; i < 100_000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    numbers.push(seed);
  }
  numbers.sort((a, b) => a - b);
  return primes + (numbers[50_000] % 1000);`;

/** The hostile programs, by the name the report shows. */
export const HOSTILE_CASES = {
  'hostile-loop': 'while (true) {}',
  'hostile-memory': 'new Array(2 ** 27).fill(0)',
} as const;
export type HostileCase = keyof typeof HOSTILE_CASES;

/** One measured figure: the value, and how many timed samples it came from when there were several. */
export interface Measured {
  value: number;
  samples?: number;
  /** The memory workload only: the same peak as PSS, shared pages split among the processes sharing them. */
  pssMb?: number;
}

/** How many samples a workload takes, and the time it may spend taking them (warm-up included). */
interface Rounds {
  count: number;
  budgetMs: number;
}

/** Sample counts and budgets, full and --quick; the budget caps the slow runtimes (a serial fan-out takes ~11 s). */
const ROUNDS: Record<'warm' | 'throughput' | 'fanout' | 'compute', { full: Rounds; quick: Rounds }> = {
  warm: { full: { count: 200, budgetMs: 15_000 }, quick: { count: 50, budgetMs: 5_000 } },
  throughput: { full: { count: 5, budgetMs: 20_000 }, quick: { count: 3, budgetMs: 6_000 } },
  fanout: { full: { count: 11, budgetMs: 15_000 }, quick: { count: 5, budgetMs: 5_000 } },
  compute: { full: { count: 7, budgetMs: 15_000 }, quick: { count: 3, budgetMs: 5_000 } },
};
const WARM_UP_RUNS = { full: 20, quick: 5 };

/**
 * Runs `action` to warm up (`warmUps` times), then up to `rounds.count` timed times while the budget lasts (at least
 * once), and returns the durations in ms. A single warm-up that alone used up the budget counts as the one sample: a
 * run that slow (UTCP's serial fan-out, ~10 s) is not sensitive to warm-up, and running it again would double its time.
 */
async function sample(rounds: Rounds, action: () => Promise<void>, warmUps = 1): Promise<number[]> {
  const started = performance.now();
  for (let index = 0; index < warmUps; index++) {
    const warmUpMs = await timeMs(action);
    if (warmUps === 1 && warmUpMs >= rounds.budgetMs) return [warmUpMs];
  }
  const samples: number[] = [];
  while (
    samples.length < rounds.count &&
    (samples.length === 0 || performance.now() - started < rounds.budgetMs)
  ) {
    samples.push(await timeMs(action));
  }
  return samples;
}

/** Throws unless the program answered `expected`: a failed or partial run is an error, never a fast sample. */
function expect(result: unknown, expected: unknown, what: string): void {
  if (result !== expected)
    throw new Error(`${what}: expected ${String(expected)}, got ${JSON.stringify(result)}`);
}

/** The runtime could not be created at all: the runner lists it as excluded, with this reason. */
export class CreateError extends Error {
  override name = 'CreateError';
}

/** What a child workload measures, by workload id. */
export type Values = Record<string, Measured>;

/** The workloads a child process runs, each on a fresh runtime of `adapter`. */
export const CHILD_WORKLOADS = {
  /** Cold (this process is fresh: create() + first run, and the first run alone), then warm p50 / p99. */
  async trivial(adapter: RuntimeAdapter, quick: boolean): Promise<Values> {
    const started = performance.now();
    const runtime = await adapter.create(BENCH_TOOLS).catch((cause: unknown) => {
      throw new CreateError(firstLine(cause));
    });
    try {
      const created = performance.now();
      expect(await runtime.run('return 1'), 1, 'return 1');
      const done = performance.now();
      const samples = await sample(
        ROUNDS.warm[quick ? 'quick' : 'full'],
        async () => expect(await runtime.run('return 1'), 1, 'return 1'),
        WARM_UP_RUNS[quick ? 'quick' : 'full'],
      );
      return {
        'cold-create-ms': { value: round(done - started, 1) },
        'cold-first-run-ms': { value: round(done - created, 1) },
        'warm-p50': { value: round(percentile(samples, 0.5)), samples: samples.length },
        'warm-p99': { value: round(percentile(samples, 0.99)), samples: samples.length },
      };
    } finally {
      await runtime.close();
    }
  },

  async throughput(adapter: RuntimeAdapter, quick: boolean): Promise<Values> {
    const call = adapter.call('noop', '{ i }');
    // Every answer is checked in the guest (its own index back), so only a count crosses back to the host.
    const code = `const answers = await Promise.all(Array.from({ length: ${THROUGHPUT_CALLS} }, (_, i) => ${call}));
      return answers.filter((answer, i) => answer && answer.ok === true && answer.i === i).length;`;
    const samples = await withRuntime(adapter, {}, (runtime) =>
      sample(ROUNDS.throughput[quick ? 'quick' : 'full'], async () =>
        expect(await runtime.run(code), THROUGHPUT_CALLS, 'correct answers'),
      ),
    );
    return {
      'calls-per-s': {
        value: Math.round(THROUGHPUT_CALLS / (median(samples) / 1000)),
        samples: samples.length,
      },
    };
  },

  async fanout(adapter: RuntimeAdapter, quick: boolean): Promise<Values> {
    const call = adapter.call('sleep', `{ ms: ${FANOUT_SLEEP_MS} }`);
    const code = `const answers = await Promise.all(Array.from({ length: ${FANOUT_CALLS} }, () => ${call}));
      return answers.filter((answer) => answer && answer.slept === ${FANOUT_SLEEP_MS}).length;`;
    const samples = await withRuntime(adapter, {}, (runtime) =>
      sample(ROUNDS.fanout[quick ? 'quick' : 'full'], async () =>
        expect(await runtime.run(code), FANOUT_CALLS, 'answers'),
      ),
    );
    return { 'fanout-1000x10ms-ms': { value: round(median(samples), 1), samples: samples.length } };
  },

  async compute(adapter: RuntimeAdapter, quick: boolean): Promise<Values> {
    const expected = computeOnHost();
    const samples = await withRuntime(adapter, {}, (runtime) =>
      sample(ROUNDS.compute[quick ? 'quick' : 'full'], async () =>
        expect(await runtime.run(COMPUTE_BODY), expected, 'compute result'),
      ),
    );
    return { 'compute-ms': { value: round(median(samples), 1), samples: samples.length } };
  },

  /**
   * Peak RSS of this process and its descendants while K programs are parked, minus the idle runtime's, over K (and
   * the same as PSS).
   */
  async memory(adapter: RuntimeAdapter): Promise<Values> {
    const code = `await ${adapter.call('sleep', `{ ms: ${PARK_MS} }`)}; return 1;`;
    const perExecution = await withRuntime(adapter, { concurrency: MEMORY_CONCURRENCY }, async (runtime) => {
      // The baseline is the runtime created and warm (one program run): what K programs add on top of it.
      expect(await runtime.run('return 1'), 1, 'return 1');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const baseline = treeMemory();
      const peak = { ...baseline };
      const measure = () => {
        const now = treeMemory();
        peak.rss = Math.max(peak.rss, now.rss);
        peak.pss = Math.max(peak.pss, now.pss);
      };
      const timer = setInterval(measure, RSS_SAMPLE_MS);
      try {
        const results = await Promise.all(
          Array.from({ length: MEMORY_CONCURRENCY }, () => runtime.run(code)),
        );
        results.forEach((result) => expect(result, 1, 'parked program'));
        measure();
      } finally {
        clearInterval(timer);
      }
      const mb = (bytes: number) => round(bytes / MEMORY_CONCURRENCY / 2 ** 20, 1);
      return { rss: mb(peak.rss - baseline.rss), pss: mb(peak.pss - baseline.pss) };
    });
    return { 'memory-per-exec-mb': { value: perExecution.rss, pssMb: perExecution.pss } };
  },
} satisfies Record<string, (adapter: RuntimeAdapter, quick: boolean) => Promise<Values>>;
export type ChildWorkload = keyof typeof CHILD_WORKLOADS;

/** What a hostile case did to the runtime's host process, as the child reports it. */
export interface HostileOutcome {
  errorMs: number;
  error: string;
  hostSurvived: boolean;
}

/**
 * Runs a hostile program with a {@link HOSTILE_TIMEOUT_MS} timeout, then checks that `return 1` still works. `started`
 * is called right before the hostile program runs, so the parent can time a host that dies under it.
 */
export async function runHostile(
  adapter: RuntimeAdapter,
  hostile: HostileCase,
  started: () => void,
): Promise<HostileOutcome> {
  return withRuntime(adapter, { timeoutMs: HOSTILE_TIMEOUT_MS }, async (runtime) => {
    expect(await runtime.run('return 1'), 1, 'return 1 before the hostile case');
    started();
    const begin = performance.now();
    let error = 'no error: the program completed';
    try {
      await runtime.run(HOSTILE_CASES[hostile]);
    } catch (thrown) {
      error = firstLine(thrown);
    }
    const errorMs = Math.round(performance.now() - begin);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, SURVIVAL_CHECK_MS, 'no answer')));
    const after = await Promise.race([runtime.run('return 1').catch(firstLine), deadline]);
    clearTimeout(timer);
    return { errorMs, error, hostSurvived: after === 1 };
  });
}

/** The compute workload as a plain function in this Node: the reference for the sandboxes' figures. */
export function computeOnHost(): number {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same source must run on the host to compare
  return (new Function(COMPUTE_BODY) as () => number)();
}

/** Plain Node running {@link COMPUTE_BODY}, ms p50, sampled as the runtimes are. */
export async function measureNodeCompute(quick: boolean): Promise<Measured> {
  const samples = await sample(ROUNDS.compute[quick ? 'quick' : 'full'], () => {
    computeOnHost();
    return Promise.resolve();
  });
  return { value: round(median(samples), 1), samples: samples.length };
}

/** The first line of an error (or of anything thrown), at most 200 characters. */
export function firstLine(thrown: unknown): string {
  // Adapters that rethrow a runtime's failure already put its name in the message.
  const text =
    thrown instanceof Error
      ? thrown.name === 'Error'
        ? thrown.message
        : `${thrown.name}: ${thrown.message}`
      : String(thrown);
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim().slice(0, 200);
}

async function withRuntime<T>(
  adapter: RuntimeAdapter,
  options: Parameters<RuntimeAdapter['create']>[1],
  use: (runtime: CodeRuntime) => Promise<T>,
): Promise<T> {
  const runtime = await adapter.create(BENCH_TOOLS, options);
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * Resident memory of this process and all its descendants (worker processes, workerd), from /proc, in bytes: RSS, and
 * PSS (each shared page divided among the processes sharing it), which does not count the Node binary's pages once
 * per worker process.
 */
function treeMemory(): { rss: number; pss: number } {
  const total = { rss: 0, pss: 0 };
  for (const pid of [process.pid, ...descendantPids()]) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total.rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      total.pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended between listing and reading: it holds nothing now.
    }
  }
  return total;
}
