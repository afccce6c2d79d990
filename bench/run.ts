// `npm run bench`: the core's figures, written to bench/results/core.json and printed as a table.
// Flags: --quick (fewer rounds), --only NAME (one scenario).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { bridgeThroughput, fanOut, guestCompute, warmLatency } from './scenarios/sandbox.ts';
import type { Figure, Scenario } from './scenarios/scenario.ts';
import { stdioServer } from './scenarios/stdio-server.ts';
import { typeCheck } from './scenarios/check.ts';

const SCENARIOS: Scenario[] = [warmLatency, bridgeThroughput, fanOut, guestCompute, stdioServer, typeCheck];
const RESULTS = new URL('./results/', import.meta.url);

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

const results: Record<string, Figure[]> = {};
for (const scenario of selected) {
  process.stderr.write(`bench: ${scenario.name}…\n`);
  results[scenario.name] = await scenario.run({ quick: values.quick });
}

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  quick: values.quick,
  results,
};
mkdirSync(RESULTS, { recursive: true });
const file = new URL(values.only === undefined ? 'core.json' : `core-${values.only}.json`, RESULTS);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

const rows = Object.values(results).flat();
const width = Math.max(...rows.map((row) => row.name.length));
for (const row of rows) {
  const target = row.target ? `  (target ${row.target})` : '';
  process.stdout.write(`${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit}${target}\n`);
}
process.stdout.write(`\nwritten to ${file.pathname}\n`);
