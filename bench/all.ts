// `npm run bench`: every benchmark in one run — codemode's core, the peers side by side, tokens per task, fixed context
// by catalog size, the typed API — then docs/benchmarks.md, its chart and the README's figures, generated from the
// results of this run (bench/report.ts).
//
// Each part runs as its own child process (a part that crashes cannot take the others with it) and writes its own
// bench/results/*.json. When a part fails, the docs are left as they were: a page mixing this run with an older one
// would quote figures no single run produced. `--quick` runs fewer rounds and writes to bench/results/tmp/ only, so it
// regenerates nothing either.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface Part {
  /** As `npm run bench:NAME` runs it alone. */
  name: string;
  script: string;
  /** Whether the script takes `--quick`. */
  quick: boolean;
}

const PARTS: Part[] = [
  { name: 'core', script: 'core.ts', quick: true },
  { name: 'peers', script: 'peers.ts', quick: true },
  { name: 'tokens', script: 'tokens.ts', quick: false },
  { name: 'context', script: 'context.ts', quick: false },
  { name: 'typegen', script: 'typegen.ts', quick: true },
];

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick;
if (quick)
  process.stderr.write('bench: --quick: fewer rounds, results to bench/results/tmp/, docs unchanged\n');

/** Runs one script on this Node, its output shown as it comes; resolves with its exit code. */
function runScript(script: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
      stdio: 'inherit',
    });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const started = performance.now();
const failed: string[] = [];
for (const part of PARTS) {
  if (quick && !part.quick) {
    process.stderr.write(`\nbench: ${part.name}: skipped with --quick\n`);
    continue;
  }
  const partStarted = performance.now();
  process.stderr.write(`\n=== bench: ${part.name} (npm run bench:${part.name}) ===\n`);
  const code = await runScript(part.script, quick ? ['--quick'] : []);
  const seconds = Math.round((performance.now() - partStarted) / 1000);
  process.stderr.write(
    `=== bench: ${part.name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds} s ===\n`,
  );
  if (code !== 0) failed.push(part.name);
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
if (failed.length > 0) {
  process.stderr.write(`\nbench: ${failed.join(', ')} failed after ${minutes} min; docs left as they were\n`);
  process.exit(1);
}
if (!quick && (await runScript('report.ts', [])) !== 0) process.exit(1);
process.stderr.write(`\nbench: all parts in ${minutes} min\n`);
