// `npm run bench:soak`: 10,000 sequential executions (each with one tool call to a real stdio server). Memory and
// process count must stay flat: reports the RSS slope of the whole process tree and writes bench/results/soak.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCodeMode } from '../src/engine/create-code-mode.ts';
import { round } from './measure.ts';

const RUNS = Number(process.argv[2] ?? 10_000);
const SAMPLE_EVERY = Math.max(1, Math.floor(RUNS / 20));
const SERVER = fileURLToPath(new URL('../test/fixtures/tools-server.ts', import.meta.url));

/**
 * RSS (KB) and count of this process and its descendants (not counting `ps` itself), and the part of it that is
 * codemode's own: the host and its sandbox workers, without the upstream servers, whose memory is theirs.
 */
function tree(): { rssKb: number; codemodeRssKb: number; processes: number } {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const children = new Map<number, number[]>();
  const info = new Map<number, { kb: number; args: string }>();
  for (const [pid = '0', ppid = '0', kb = '0', ...args] of rows) {
    if (args[0] === 'ps') continue;
    children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(pid)]);
    info.set(Number(pid), { kb: Number(kb), args: args.join(' ') });
  }
  let rssKb = 0;
  let codemodeRssKb = 0;
  let processes = 0;
  const stack = [process.pid];
  while (stack.length > 0) {
    const pid = stack.pop() ?? 0;
    const { kb = 0, args = '' } = info.get(pid) ?? {};
    rssKb += kb;
    if (pid === process.pid || args.includes('worker-entry')) codemodeRssKb += kb;
    processes += 1;
    stack.push(...(children.get(pid) ?? []));
  }
  return { rssKb, codemodeRssKb, processes };
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

const codemode = await createCodeMode({
  config: { mcpServers: { tools: { command: process.execPath, args: [SERVER] } } },
});
const samples: { run: number; rssKb: number; codemodeRssKb: number; processes: number }[] = [];
const started = performance.now();
for (let run = 1; run <= RUNS; run++) {
  const outcome = await codemode.execute(`return await tools.echo({ value: ${run} });`);
  if (!outcome.ok) throw new Error(`run ${run} failed: ${outcome.error.message}`);
  if (run % SAMPLE_EVERY === 0) samples.push({ run, ...tree() });
}
const seconds = (performance.now() - started) / 1000;
await codemode.close();

// The first samples include warm-up (JIT, the checker's caches); the slope is taken over the second half.
const steady = samples.slice(Math.floor(samples.length / 2));
const report = {
  date: new Date().toISOString(),
  node: process.version,
  runs: RUNS,
  seconds: round(seconds, 1),
  /** codemode's own processes: the host and its sandbox workers. */
  codemodeRssKbPer1000Runs: round(slope(steady.map((s) => [s.run, s.codemodeRssKb])) * 1000, 1),
  /** Everything, the upstream server included (its memory is its own). */
  totalRssKbPer1000Runs: round(slope(steady.map((s) => [s.run, s.rssKb])) * 1000, 1),
  processes: { first: samples[0]?.processes, last: samples.at(-1)?.processes },
  codemodeRssMb: {
    first: round((samples[0]?.codemodeRssKb ?? 0) / 1024, 1),
    last: round((samples.at(-1)?.codemodeRssKb ?? 0) / 1024, 1),
  },
  samples,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/soak.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
const { samples: _samples, ...summary } = report;
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
