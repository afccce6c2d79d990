// `npm run bench:core`: the core's figures, written to bench/results/core.json and printed as a table.
// Flags: --quick (fewer rounds), --only NAME (one scenario). Only a full run writes bench/results/core.json; the others
// write results/tmp/core-NAME.json, core-quick.json or core-NAME-quick.json (ignored by git).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { descendantPids, processLabel, round } from './measure.ts';
import { bridgeThroughput } from './scenarios/bridge-throughput.ts';
import { typeCheck } from './scenarios/type-check.ts';
import { fanOut } from './scenarios/fan-out.ts';
import { guestCompute } from './scenarios/guest-compute.ts';
import type { Figure, Scenario } from './scenarios/scenario.ts';
import { stdioServer } from './scenarios/stdio-server.ts';
import { warmLatency } from './scenarios/warm-latency.ts';

const SCENARIOS: Scenario[] = [warmLatency, bridgeThroughput, fanOut, guestCompute, stdioServer, typeCheck];
const RESULTS = new URL('./results/', import.meta.url);
/** The stdio servers' watchdog lives until this process exits, by design (src/upstream/process-reaper.ts). */
const REAPER = /reaper-entry\.[jt]s$/;

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const selected =
  values.only === undefined ? SCENARIOS : SCENARIOS.filter((scenario) => scenario.name === values.only);
if (selected.length === 0) {
  process.stderr.write(
    `bench: no scenario "${values.only}" (scenarios: ${SCENARIOS.map((s) => s.name).join(', ')})\n`,
  );
  process.exit(2);
}

const flags = [...(values.quick ? ['--quick'] : []), ...(values.only ? ['--only', values.only] : [])];
const startedAt = performance.now();
// The machines are shared: the load around the run says how much to trust it.
const loadBefore = loadavg().map((load) => round(load, 2));
const results: Record<string, Figure[]> = {};
for (const scenario of selected) {
  process.stderr.write(`bench: ${scenario.name}…\n`);
  results[scenario.name] = await scenario.run({ quick: values.quick });
}
// Every scenario closes what it started; anything still running here is a bug in the bench or in codemode.
const leftovers = descendantPids()
  .map((pid) => ({ pid, entry: processLabel(pid) }))
  .filter(({ entry }) => !REAPER.test(entry));

const report = {
  date: new Date().toISOString(),
  command: ['npm run bench:core', ...(flags.length > 0 ? ['--', ...flags] : [])].join(' '),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: { before: loadBefore, after: loadavg().map((load) => round(load, 2)) },
  },
  quick: values.quick,
  durationS: round((performance.now() - startedAt) / 1000, 1),
  leftoverProcesses: leftovers,
  results,
};
// Only a full run replaces core.json: a quick or partial run must not overwrite the figures docs/benchmarks.md quotes.
// Those go to results/tmp/, which git ignores.
const suffix = `${values.only === undefined ? '' : `-${values.only}`}${values.quick ? '-quick' : ''}`;
const file = new URL(suffix === '' ? 'core.json' : `tmp/core${suffix}.json`, RESULTS);
mkdirSync(new URL('.', file), { recursive: true });
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

const { machine } = report;
process.stdout.write(
  `${machine.cpus} × ${machine.cpu}, Node ${machine.node}, load ${loadBefore.join(' ')} -> ` +
    `${machine.loadAverage.after.join(' ')}, ${report.durationS} s\n\n`,
);
const rows = Object.values(results).flat();
const width = Math.max(...rows.map((row) => row.name.length));
for (const row of rows) {
  const target = row.target ? `  target ${row.target}: ${row.met ? 'met' : 'MISSED'}` : '';
  const value = String(row.value).padStart(10);
  process.stdout.write(`${row.name.padEnd(width)}  ${value} ${row.unit.padEnd(7)}${target}\n`);
}
if (leftovers.length > 0) {
  process.stdout.write(`\nstill running after the bench: ${JSON.stringify(leftovers)}\n`);
  process.exitCode = 1;
}
process.stdout.write(`\nwritten to ${file.pathname}\n`);
