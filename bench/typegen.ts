// `npm run bench:typegen` (`node bench/typegen.ts [--quick]`): the typed API side by side on real catalogs —
// generation time and o200k tokens of codemode's declarations (full and compact) against json-schema-to-typescript
// and Cloudflare's generator, with issue 4's budget D + 0.3 × (T − D) (see bench/typegen/token-budget.ts).
// Writes bench/results/typegen.json (--quick: bench/results/tmp/typegen-quick.json) and prints a table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { resolveGatewayOptions } from '../src/server/gateway-options.ts';
import { gatewayTools } from '../src/server/gateway-tools.ts';
import {
  PRELUDE_DECLARATIONS,
  declarationsForTools,
  generateDeclarations,
} from '../src/typegen/generate-declarations.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import { percentile, round } from './measure.ts';
import { benchCatalogs } from './typegen/catalogs.ts';
import { cloudflareGenerator } from './typegen/cloudflare.ts';
import { tokenBudget, tokens } from './typegen/token-budget.ts';

/** Issue 4's target for generating the declarations of GitHub's 117 tools. */
const TARGET_MS_117_TOOLS = 100;

/** Median milliseconds of `runs` synchronous runs, after one warm-up run. */
function medianMs(runs: number, action: () => unknown): number {
  action();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return round(percentile(samples, 0.5), 1);
}

/** json-schema-to-typescript has no notion of a tool: it is given each input schema, as a named type. */
async function jsonSchemaToTypescript(tools: ToolDefinition[]): Promise<string> {
  const parts: string[] = [];
  for (const tool of tools) {
    const text = await compile(tool.inputSchema as never, `${tool.name}_input`, {
      bannerComment: '',
      format: false,
    }).catch(() => '');
    parts.push(text);
  }
  return parts.join('\n');
}

const quick = process.argv.includes('--quick');
const cloudflare = await cloudflareGenerator();
const rows = [];
for (const catalog of benchCatalogs()) {
  const built = buildCatalog([{ server: catalog.server, tools: catalog.tools }]);
  const tools = built.servers[0]?.tools ?? [];
  const { T, D, budget } = tokenBudget(catalog.tools);
  // Tokens of the tools' own declarations; the prelude (ToolError, console) is the same for every catalog: reported once.
  const full = tokens(declarationsForTools(tools, { detail: 'full' }));
  const compact = tokens(declarationsForTools(tools, { detail: 'compact' }));
  const runs = quick ? 3 : catalog.tools.length > 200 ? 10 : 30;
  const codemodeMs = medianMs(runs, () => generateDeclarations(built, { detail: 'full' }));
  let started = performance.now();
  const jstt = await jsonSchemaToTypescript(catalog.tools);
  const jsonSchemaToTypescriptMs = round(performance.now() - started, 1);
  let cloudflareTokens: number | string;
  let cloudflareMs: number | null = null;
  try {
    const descriptors = Object.fromEntries(catalog.tools.map((tool) => [tool.name, tool]));
    started = performance.now();
    const text = cloudflare(descriptors);
    cloudflareMs = round(performance.now() - started, 1);
    cloudflareTokens = tokens(text);
  } catch (error) {
    cloudflareTokens = `failed: ${(error as Error).message}`;
  }
  rows.push({
    catalog: catalog.name,
    tools: catalog.tools.length,
    // What a client of `codemode serve` pays before doing anything, against the raw tools/list (T).
    gatewayToolsList: tokens(JSON.stringify({ tools: gatewayTools(built, resolveGatewayOptions()) })),
    T,
    D,
    budget,
    codemodeFull: full,
    codemodeCompact: compact,
    fullWithinBudget: full <= budget,
    compactWithinBudget: compact <= budget,
    codemodeMs,
    jsonSchemaToTypescript: tokens(jstt),
    jsonSchemaToTypescriptMs,
    cloudflare: cloudflareTokens,
    cloudflareMs,
  });
}

const preludeTokens = tokens(PRELUDE_DECLARATIONS);
const github = rows.find((row) => row.catalog.startsWith('GitHub MCP'));
const result = {
  date: new Date().toISOString(),
  node: process.version,
  preludeTokens,
  target: {
    ms117Tools: TARGET_MS_117_TOOLS,
    met: github ? github.codemodeMs <= TARGET_MS_117_TOOLS : 'no GitHub fixture here',
  },
  rows,
};
// A quick run must not replace the figures the docs quote: it goes to results/tmp/, which git ignores.
const file = new URL(quick ? './results/tmp/typegen-quick.json' : './results/typegen.json', import.meta.url);
mkdirSync(new URL('.', file), { recursive: true });
writeFileSync(file, `${JSON.stringify({ ...result, quick }, null, 2)}\n`);

const out = (line: string) => process.stdout.write(`${line}\n`);
out(`o200k tokens; prelude (ToolError, console; once per API): ${preludeTokens}`);
out('');
out(
  '| catalog | gateway tools/list | T | D | budget | codemode full | compact | ms | json-schema-to-typescript | ms | Cloudflare | ms |',
);
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  const mark = (value: number, within: boolean) => `${value}${within ? '' : ' (over)'}`;
  out(
    `| ${row.catalog} | ${row.gatewayToolsList} | ${row.T} | ${row.D} | ${row.budget} | ${mark(row.codemodeFull, row.fullWithinBudget)} | ${mark(row.codemodeCompact, row.compactWithinBudget)} | ${row.codemodeMs} | ${row.jsonSchemaToTypescript} | ${row.jsonSchemaToTypescriptMs} | ${row.cloudflare} | ${row.cloudflareMs ?? '—'} |`,
  );
}
if (github) {
  const met = github.codemodeMs <= TARGET_MS_117_TOOLS ? 'met' : 'missed';
  out(
    `\nGitHub's ${github.tools} tools in ${github.codemodeMs} ms (target ≤ ${TARGET_MS_117_TOOLS} ms: ${met}).`,
  );
}
