// `npm run bench:report`: docs/benchmarks.md, docs/benchmarks.svg and the README's figures, generated from
// bench/results/*.json (the last full run of each part). `npm run bench` calls it after a run in which every part
// succeeded. The page's prose lives in bench/report/benchmarks.template.md; every figure comes from the results.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderChart } from './report/chart.ts';
import { formatDate, formatNumber } from './report/format.ts';
import {
  contextTable,
  coreTable,
  missedCoreTargets,
  tokenTargets,
  tokensTable,
  typegenTable,
} from './report/part-tables.ts';
import { hostileTable, runtimeNotes, workloadMethods, workloadTable } from './report/peer-tables.ts';
import { readmeFigures, replaceMarkedBlock } from './report/readme-figures.ts';
import { type AllResults, type Machine, loadResults } from './report/results.ts';
import { fillTemplate } from './report/template.ts';

const DOCS = new URL('../docs/', import.meta.url);
const README = new URL('../README.md', import.meta.url);
const TEMPLATE = new URL('./report/benchmarks.template.md', import.meta.url);

const NOT_RUN = (part: string) => `_Not run yet: \`npm run bench:${part}\` writes it._`;

function describeMachine(machine: Machine): string {
  const load = `load average ${machine.loadAverage.before.join(' ')} before, ${machine.loadAverage.after.join(' ')} after`;
  return `${machine.cpus} × ${machine.cpu ?? 'CPU'}, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}, ${load}`;
}

/** The run line: when each part ran, on what machine. */
function describeRun(results: AllResults): string {
  const dated = (name: string, date: string | undefined) =>
    date === undefined ? `${name} not run` : `${name} ${formatDate(date)}`;
  const parts = [
    dated('core', results.core?.date),
    dated('peers', results.peers?.date),
    dated('tokens', results.tokens?.date),
    dated('context', results.context?.date),
    dated('typegen', results.typegen?.date),
  ].join(', ');
  const machine = results.peers?.machine ?? results.core?.machine;
  return `${parts}${machine === undefined ? '' : `; ${describeMachine(machine)}`}.`;
}

/** Every placeholder of the template and its text. */
function sections(results: AllResults): Record<string, string> {
  const { core, peers, tokens, context, typegen } = results;
  const missed = core === undefined ? '' : missedCoreTargets(core);
  return {
    run: describeRun(results),
    'peers-table': peers === undefined ? NOT_RUN('peers') : workloadTable(peers),
    'hostile-table': peers === undefined ? NOT_RUN('peers') : hostileTable(peers),
    'peers-notes': peers === undefined ? NOT_RUN('peers') : runtimeNotes(peers),
    'peers-methods': peers === undefined ? '' : workloadMethods(peers),
    'raw-tools-list': tokens === undefined ? '?' : formatNumber(tokens.rawToolsList),
    'gateway-tools-list': tokens === undefined ? '?' : formatNumber(tokens.gatewayToolsList),
    'tokens-table': tokens === undefined ? NOT_RUN('tokens') : tokensTable(tokens),
    'tokens-targets': tokens === undefined ? '' : tokenTargets(tokens),
    'context-table': context === undefined ? NOT_RUN('context') : contextTable(context),
    'context-excluded':
      context === undefined || context.excluded.length === 0
        ? ''
        : `Left out: ${context.excluded.map((item) => `${item.name} (${item.reason})`).join('; ')}.`,
    'typegen-table': typegen === undefined ? NOT_RUN('typegen') : typegenTable(typegen),
    'core-table': core === undefined ? NOT_RUN('core') : coreTable(core),
    'core-missed': missed === '' ? '' : `Targets this run missed:\n\n${missed}`,
  };
}

const results = loadResults();
const page = fillTemplate(readFileSync(TEMPLATE, 'utf8'), sections(results));
writeFileSync(new URL('benchmarks.md', DOCS), page);
writeFileSync(new URL('benchmarks.svg', DOCS), renderChart(results.peers, results.tokens));
writeFileSync(README, replaceMarkedBlock(readFileSync(README, 'utf8'), readmeFigures(results)));
process.stderr.write('bench/report: wrote docs/benchmarks.md, docs/benchmarks.svg and the README figures\n');
