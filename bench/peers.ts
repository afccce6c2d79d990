// `npm run bench:peers`: codemode side by side with the other Code Mode runtimes, each from its published package.
//   node bench/peers.ts [--quick] [--only RUNTIME]
// Every workload of every runtime runs in a child process of its own (bench/peers/run-one.ts), one at a time, so a
// crash or a leak cannot touch the others and memory is per runtime. Only a full run writes bench/results/peers.json;
// the others write bench/results/tmp/peers[-RUNTIME][-quick].json (ignored by git).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { descendantPids, processLabel, round } from './measure.ts';
import { ADAPTERS, BASELINE_RUNTIME } from './peers/adapters.ts';
import { buildPackage } from '../scripts/build-package.ts';
import { failure, runChild } from './peers/run-one.ts';
import { HOSTILE_CASES, type HostileCase, type Measured, measureNodeCompute } from './peers/workloads.ts';

const RESULTS = new URL('./results/', import.meta.url);
/** A measuring child that has not answered by then is killed: the slowest peer's workload takes ~30 s. */
const CHILD_CAP_MS = 120_000;
/** A hostile case's child is killed after this: the runtime's own 5 s timeout should have ended the program long before. */
const HOSTILE_CAP_MS = 60_000;

/** The figures of the report, in table order: which child workload measures each. */
const WORKLOADS = [
  {
    id: 'cold-create-ms',
    how: 'a fresh process: create() plus the first `return 1` (importing the package is not included)',
    child: 'trivial',
    name: 'cold: create() + first `return 1`',
    unit: 'ms',
    better: 'lower',
  },
  {
    id: 'cold-first-run-ms',
    how: 'the first `return 1` alone, right after create(), in a fresh process',
    child: 'trivial',
    name: 'cold: first `return 1` alone',
    unit: 'ms',
    better: 'lower',
  },
  {
    how: '`return 1` one at a time on one runtime, 200 runs after 20 warm-up runs (50 after 5 with --quick)',
    id: 'warm-p50',
    child: 'trivial',
    name: 'trivial program, warm, p50',
    unit: 'ms',
    better: 'lower',
  },
  {
    how: '`return 1` one at a time on one runtime, 200 runs after 20 warm-up runs (50 after 5 with --quick)',
    id: 'warm-p99',
    child: 'trivial',
    name: 'trivial program, warm, p99',
    unit: 'ms',
    better: 'lower',
  },
  {
    id: 'calls-per-s',
    how: 'one program awaiting Promise.all of 10,000 noop calls, every answer checked in the guest; 10,000 / median wall time',
    child: 'throughput',
    name: '10,000 concurrent tool calls',
    unit: 'calls/s',
    better: 'higher',
  },
  {
    id: 'fanout-1000x10ms-ms',
    how: 'one program awaiting Promise.all of 1,000 calls that each wait 10 ms on the host; median wall time, 10 ms is the floor',
    child: 'fanout',
    name: '1,000 concurrent 10 ms calls, p50',
    unit: 'ms',
    better: 'lower',
  },
  {
    id: 'compute-ms',
    how: 'a sieve to 1,000,000 and a numeric sort of 100,000 numbers in the guest, result checked; median; `reference`: plain Node',
    child: 'compute',
    name: 'guest compute (sieve + sort), p50',
    unit: 'ms',
    better: 'lower',
  },
  {
    id: 'memory-per-exec-mb',
    how: "20 programs at once, each parked on a 1 s sleep: peak RSS of the runtime's process and its descendants minus the idle runtime's (created, one program run), over 20; pssMb: the same as PSS",
    child: 'memory',
    name: 'memory per concurrent execution',
    unit: 'MB',
    better: 'lower',
  },
] as const;
const CHILDREN = [...new Set(WORKLOADS.map((workload) => workload.child))];

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const runtimes = Object.keys(ADAPTERS).filter((name) => values.only === undefined || name === values.only);
if (runtimes.length === 0) {
  process.stderr.write(
    `bench: no runtime "${values.only}" (runtimes: ${Object.keys(ADAPTERS).join(', ')})\n`,
  );
  process.exit(2);
}
const flags = [
  ...(values.quick ? ['--quick'] : []),
  ...(values.only === undefined ? [] : ['--only', values.only]),
];

if (runtimes.includes(BASELINE_RUNTIME)) {
  // codemode is measured from its build, as the peers are from theirs (bench/peers/codemode.ts says why).
  process.stderr.write('bench: building codemode (dist/)…\n');
  buildPackage();
}

/** Process groups of the children (each child leads one): checked at the end, all must be gone. */
const groups = new Set<number | undefined>();
const startedAt = performance.now();
const loadBefore = loadavg().map((load) => round(load, 2));
process.stderr.write('bench: plain Node, compute…\n');
const nodeCompute = await measureNodeCompute(values.quick);
const measured: { name: string; package: string; notes: readonly string[] }[] = [];
const excluded: { name: string; reason: string }[] = [];
const results: Record<string, Record<string, Measured | { error: string }>> = {};
const hostile: {
  case: string;
  runtime: string;
  hostSurvived: boolean;
  errorMs: number | null;
  error: string;
}[] = [];

for (const runtime of runtimes) {
  const figures: Record<string, Measured | { error: string }> = {};
  let excludedReason: string | undefined;
  for (const child of CHILDREN) {
    process.stderr.write(`bench: ${runtime}, ${child}…\n`);
    const outcome = await runChild(runtime, child, values.quick, CHILD_CAP_MS);
    groups.add(outcome.pid);
    const result = outcome.messages.find((message) => message.kind === 'result');
    const exclusion = outcome.messages.find((message) => message.kind === 'excluded');
    if (exclusion) excludedReason = exclusion.reason;
    if (excludedReason) break;
    if (result && !measured.some((each) => each.name === runtime)) measured.push({ ...result.adapter });
    for (const workload of WORKLOADS.filter((each) => each.child === child)) {
      figures[workload.id] = result?.values?.[workload.id] ?? { error: failure(outcome, CHILD_CAP_MS) };
    }
  }
  if (excludedReason) {
    excluded.push({ name: runtime, reason: excludedReason });
    continue;
  }
  results[runtime] = figures;
  for (const hostileCase of Object.keys(HOSTILE_CASES) as HostileCase[]) {
    process.stderr.write(`bench: ${runtime}, ${hostileCase}…\n`);
    const outcome = await runChild(runtime, hostileCase, values.quick, HOSTILE_CAP_MS);
    groups.add(outcome.pid);
    const result = outcome.messages.find((message) => message.kind === 'result')?.hostile;
    const diedAfter =
      outcome.startedAt === undefined ? null : Math.round(outcome.endedAt - outcome.startedAt);
    hostile.push({
      case: HOSTILE_CASES[hostileCase],
      runtime,
      ...(result ?? { hostSurvived: false, errorMs: diedAfter, error: failure(outcome, HOSTILE_CAP_MS) }),
    });
  }
}

// Every child's process group was killed when it ended; anything still running is a bug in the bench.
const leftovers = [
  ...descendantPids().map((pid) => ({ pid, entry: processLabel(pid) })),
  ...[...groups]
    .filter((pid) => pid !== undefined && groupAlive(pid))
    .map((pid) => ({ pid, entry: 'process group still alive' })),
];

const report = {
  date: new Date().toISOString(),
  command: ['npm run bench:peers', ...(flags.length > 0 ? ['--', ...flags] : [])].join(' '),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: { before: loadBefore, after: loadavg().map((load) => round(load, 2)) },
  },
  durationS: round((performance.now() - startedAt) / 1000, 1),
  quick: values.quick,
  runtimes: measured,
  excluded,
  workloads: WORKLOADS.map(({ id, name, unit, better, how }) => ({
    id,
    name,
    unit,
    better,
    how,
    ...(id === 'compute-ms' && {
      reference: { name: 'plain Node, the same function in this process', ...nodeCompute },
    }),
    results: Object.fromEntries(Object.entries(results).map(([runtime, figures]) => [runtime, figures[id]])),
  })),
  hostile,
  leftoverProcesses: leftovers,
};

const suffix = `${values.only === undefined ? '' : `-${values.only.replace(/[^\w.-]+/g, '_')}`}${values.quick ? '-quick' : ''}`;
const file = new URL(suffix === '' ? 'peers.json' : `tmp/peers${suffix}.json`, RESULTS);
mkdirSync(new URL('.', file), { recursive: true });
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
printTables();
if (leftovers.length > 0) {
  process.stdout.write(`\nstill running after the bench: ${JSON.stringify(leftovers)}\n`);
  process.exitCode = 1;
}
process.stdout.write(`\nwritten to ${file.pathname}\n`);

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The figures as tables: one column per runtime, each value with its ratio to codemode's. */
function printTables(): void {
  const { machine } = report;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `${machine.cpus} × ${machine.cpu}, Node ${machine.node}, load ${loadBefore.join(' ')} -> ` +
      `${machine.loadAverage.after.join(' ')}, ${report.durationS} s\n`,
  );
  const names = Object.keys(results);
  const width = Math.max(...WORKLOADS.map((workload) => workload.name.length + workload.unit.length + 3));
  const columns = names.map((name) => Math.max(name.length, 18));
  out([''.padEnd(width), ...names.map((name, index) => name.padStart(columns[index] ?? 0))].join('  '));
  for (const workload of WORKLOADS) {
    const base = results[BASELINE_RUNTIME]?.[workload.id];
    const cells = names.map((name, index) => {
      const figure = results[name]?.[workload.id];
      if (!figure || 'error' in figure) return 'error'.padStart(columns[index] ?? 0);
      const ratio =
        base && 'value' in base && base.value !== 0 ? ` (${round(figure.value / base.value, 2)}x)` : '';
      return `${figure.value}${name === BASELINE_RUNTIME ? '' : ratio}`.padStart(columns[index] ?? 0);
    });
    out([`${workload.name} (${workload.unit})`.padEnd(width), ...cells].join('  '));
  }
  out(`plain Node, the same compute function: ${nodeCompute.value} ms p50`);
  const pss = names.map((name) => {
    const figure = results[name]?.['memory-per-exec-mb'];
    return `${name} ${figure && 'pssMb' in figure ? figure.pssMb : '-'}`;
  });
  out(`memory per concurrent execution as PSS (shared pages split), MB: ${pss.join(', ')}`);
  for (const [name, figures] of Object.entries(results)) {
    for (const [id, figure] of Object.entries(figures))
      if ('error' in figure) out(`  ${name}, ${id}: ${figure.error}`);
  }
  for (const { name, reason } of excluded) out(`excluded: ${name}: ${reason}`);
  out('\nhostile programs (5 s timeout): host survived, ms until the error, the error');
  for (const each of hostile) {
    const survived = each.hostSurvived ? 'survived' : 'DIED';
    out(
      `  ${each.case.padEnd(28)} ${each.runtime.padEnd(22)} ${survived.padEnd(9)} ${String(each.errorMs).padStart(6)}  ${each.error.slice(0, 90)}`,
    );
  }
}
