// `npm run bench:typegen`: the typed API side by side on real catalogs — generation time and o200k tokens of codemode's
// declarations (full and compact) against json-schema-to-typescript and Cloudflare's generator, with the budget
// D + 0.3 x (T - D) (T: the tools as JSON tool definitions, D: their description strings). Writes
// bench/results/typegen.json and prints a table.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { compile } from 'json-schema-to-typescript';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import {
  PRELUDE_DECLARATIONS,
  declarationsForTools,
  generateDeclarations,
} from '../src/typegen/generate-declarations.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import { resolveGatewayOptions } from '../src/server/gateway-options.ts';
import { gatewayTools } from '../src/server/gateway-tools.ts';
import { percentile, round, timeMs } from './measure.ts';
import { benchCatalogs } from './typegen/catalogs.ts';

type CloudflareGenerator = (
  tools: Record<string, { description?: string; inputSchema: unknown; outputSchema?: unknown }>,
) => string;

/** Cloudflare's generator, from its package's JSON-Schema chunk (the main entry needs the Workers runtime). */
async function cloudflareGenerator(): Promise<CloudflareGenerator> {
  // package.json is not exported: find the package from one of its exported entries.
  const require = createRequire(import.meta.url);
  const dist = dirname(dirname(require.resolve('@cloudflare/codemode/ai')));
  const chunk = readdirSync(join(dist, 'dist')).find((file) => /^json-schema-types-.*\.js$/.test(file)) ?? '';
  const module = (await import(join(dist, 'dist', chunk))) as Record<string, unknown>;
  const generator = Object.values(module).find(
    (value) => typeof value === 'function' && value.length === 1 && /generateTypes|tools/.test(String(value)),
  );
  return (generator ?? module.r) as CloudflareGenerator;
}

function descriptionTokens(node: unknown): number {
  if (Array.isArray(node)) return node.reduce<number>((sum, item) => sum + descriptionTokens(item), 0);
  if (typeof node !== 'object' || node === null) return 0;
  let sum = 0;
  for (const [key, value] of Object.entries(node)) {
    sum += key === 'description' && typeof value === 'string' ? countTokens(value) : descriptionTokens(value);
  }
  return sum;
}

async function median(runs: number, action: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) samples.push(await timeMs(() => Promise.resolve(action())));
  return round(percentile(samples, 0.5), 1);
}

async function jsonSchemaToTypescript(tools: ToolDefinition[]): Promise<string> {
  const parts: string[] = [];
  for (const tool of tools) {
    parts.push(
      await compile(tool.inputSchema as never, `${tool.name}_input`, {
        bannerComment: '',
        format: false,
      }).catch(() => ''),
    );
  }
  return parts.join('\n');
}

const quick = process.argv.includes('--quick');
const cloudflare = await cloudflareGenerator();
const rows = [];
for (const catalog of await benchCatalogs()) {
  const T = countTokens(JSON.stringify(catalog.tools));
  const D = descriptionTokens(catalog.tools);
  const generate = (detail: 'full' | 'compact') =>
    generateDeclarations(buildCatalog([{ server: catalog.server, tools: catalog.tools }]), { detail });
  // Tokens of the tools' own declarations; the prelude (ToolError, console) is the same for every catalog: reported once.
  const tools = buildCatalog([{ server: catalog.server, tools: catalog.tools }]).servers[0]?.tools ?? [];
  const full = declarationsForTools(tools, { detail: 'full' });
  const compact = declarationsForTools(tools, { detail: 'compact' });
  const runs = quick ? 3 : catalog.tools.length > 200 ? 5 : 20;
  const started = performance.now();
  const jstt = await jsonSchemaToTypescript(catalog.tools);
  const jsttMs = round(performance.now() - started, 1);
  let cloudflareText: string;
  let cloudflareMs: number | null = null;
  try {
    const descriptors = Object.fromEntries(catalog.tools.map((tool) => [tool.name, tool]));
    const t = performance.now();
    cloudflareText = cloudflare(descriptors);
    cloudflareMs = round(performance.now() - t, 1);
  } catch (error) {
    cloudflareText = `failed: ${(error as Error).message}`;
  }
  // What a client of the gateway pays before doing anything, against the raw tools/list (T).
  const gatewayListTokens = countTokens(
    JSON.stringify({
      tools: gatewayTools(
        buildCatalog([{ server: catalog.server, tools: catalog.tools }]),
        resolveGatewayOptions(),
      ),
    }),
  );
  rows.push({
    catalog: catalog.name,
    gatewayToolsList: gatewayListTokens,
    T,
    D,
    budget: Math.round(D + 0.3 * (T - D)),
    codemodeFull: countTokens(full),
    codemodeCompact: countTokens(compact),
    codemodeMs: await median(runs, () => generate('full')),
    jsonSchemaToTypescript: countTokens(jstt),
    jsonSchemaToTypescriptMs: jsttMs,
    cloudflare: cloudflareText.startsWith('failed') ? cloudflareText : countTokens(cloudflareText),
    cloudflareMs,
  });
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const preludeTokens = countTokens(PRELUDE_DECLARATIONS);
writeFileSync(
  new URL('./results/typegen.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, preludeTokens, rows }, null, 2)}\n`,
);
process.stdout.write(`prelude (ToolError, console; once per API): ${preludeTokens} o200k tokens\n\n`);
process.stdout.write(
  '| catalog | gateway tools/list | T | D | budget | codemode full | compact | ms | json-schema-to-typescript | ms | Cloudflare | ms |\n',
);
process.stdout.write('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n');
for (const row of rows) {
  process.stdout.write(
    `| ${row.catalog} | ${row.gatewayToolsList} | ${row.T} | ${row.D} | ${row.budget} | ${row.codemodeFull} | ${row.codemodeCompact} | ${row.codemodeMs} | ${row.jsonSchemaToTypescript} | ${row.jsonSchemaToTypescriptMs} | ${row.cloudflare} | ${row.cloudflareMs ?? '—'} |\n`,
  );
}
