// `npm run bench:check`: what type-checking a program costs — loading TypeScript, the first check against a catalog
// (cold), a check after the catalog changed, warm checks of a 30-line program (target: p50 <= 20 ms against GitHub's
// 117 tools), and the heap the warm checker keeps. GitHub's tools come from ../shared/fixtures (skipped with a reason
// when absent); its twin, Notion's 24 tools, is listed live from the npm package, so the bench always has a row.
// Writes bench/results/check.json and prints a table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import type { Catalog } from '../src/catalog/types.ts';
import { packageBin } from '../src/cli/package-bin.ts';
import { createCodeMode } from '../src/engine/create-code-mode.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import type { TypeChecker as Checker } from '../src/check/type-checker.ts';
import { percentile, round } from './measure.ts';
import { GITHUB_PROGRAM, NOTION_PROGRAM } from './check/programs.ts';

/** Warm samples per catalog: enough for a stable p99 at ~10 ms each. */
const WARM_SAMPLES = 200;
/** The target for a warm check of a 30-line program against GitHub's API. */
const WARM_P50_TARGET_MS = 20;
const GITHUB_FIXTURE = new URL('../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);
const RESULTS = new URL('./results/check.json', import.meta.url);

interface Row {
  catalog: string;
  tools: number;
  programLines: number;
  /** Diagnostics on the sample program: 0, or the bench measures a program the checker refuses. */
  diagnostics: number;
  coldFirstCheckMs: number;
  catalogChangeMs: number;
  warmP50Ms: number;
  warmP95Ms: number;
  warmP99Ms: number;
  warmWithErrorsP50Ms: number;
  heapMb: number;
  target?: { p50AtMostMs: number; met: boolean };
}

/** A full garbage collection, without running Node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Notion's tools as codemode lists them (the server lists without a token). */
async function notionTools(): Promise<ToolDefinition[]> {
  const entry = packageBin('@notionhq/notion-mcp-server');
  if (entry === undefined) throw new Error('@notionhq/notion-mcp-server is not installed');
  const codemode = await createCodeMode({
    config: { mcpServers: { notion: { command: process.execPath, args: [entry] } } },
    check: 'off',
    observeOutputs: false,
  });
  try {
    return codemode.catalog().servers[0]?.tools.map((tool) => tool.definition) ?? [];
  } finally {
    await codemode.close();
  }
}

function measure(
  { TypeChecker }: { TypeChecker: typeof Checker },
  name: string,
  catalog: Catalog,
  program: string,
): Row {
  const body = { expression: false };
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const checker = new TypeChecker();
  const diagnostics = checker.check(program, catalog, body);
  const coldFirstCheckMs = performance.now() - started;

  // A new catalog version (a server's tool list changed): the API is parsed again, the standard library is not.
  const changed = buildCatalog([
    {
      server: catalog.servers[0]?.server ?? 'x',
      tools: catalog.servers[0]?.tools.map((t) => t.definition) ?? [],
    },
    { server: 'extra', tools: [{ name: 'ping', inputSchema: { type: 'object' } }] },
  ]);
  started = performance.now();
  checker.check(program, changed, body);
  const catalogChangeMs = performance.now() - started;
  checker.check(program, catalog, body);

  // Each sample changes the program, as a model's next attempt would, so nothing is served from a cache.
  const warm: number[] = [];
  for (let attempt = 0; attempt < WARM_SAMPLES; attempt++) {
    started = performance.now();
    checker.check(`${program}\n// attempt ${attempt}`, catalog, body);
    warm.push(performance.now() - started);
  }
  const withErrors: number[] = [];
  const broken = program.replace(/\.(\w+)\(\{/, '.$1_typo({').replace(/\bconst\b/, 'cnst');
  for (let attempt = 0; attempt < WARM_SAMPLES / 4; attempt++) {
    started = performance.now();
    checker.check(`${broken}\n// attempt ${attempt}`, catalog, body);
    withErrors.push(performance.now() - started);
  }
  collectGarbage();
  // Measured while the checker is still in use, after a full collection: what it keeps, not what it churned.
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  checker.check('return 1;', catalog, body);
  const warmP50Ms = round(percentile(warm, 0.5), 1);
  return {
    catalog: name,
    tools: catalog.servers.reduce((sum, server) => sum + server.tools.length, 0),
    programLines: program.trim().split('\n').length,
    diagnostics: diagnostics.length,
    coldFirstCheckMs: round(coldFirstCheckMs, 1),
    catalogChangeMs: round(catalogChangeMs, 1),
    warmP50Ms,
    warmP95Ms: round(percentile(warm, 0.95), 1),
    warmP99Ms: round(percentile(warm, 0.99), 1),
    warmWithErrorsP50Ms: round(percentile(withErrors, 0.5), 1),
    heapMb: round(heapMb, 1),
    ...(name.startsWith('GitHub') && {
      target: { p50AtMostMs: WARM_P50_TARGET_MS, met: warmP50Ms <= WARM_P50_TARGET_MS },
    }),
  };
}

/** One catalog's row, measured in this process: what a fresh process pays, TypeScript's loading included. */
async function measureRow(
  which: string,
): Promise<Row & { typescriptLoadMs: number; typescriptHeapMb: number }> {
  let name: string;
  let catalog: Catalog;
  let program: string;
  if (which === 'github') {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    [name, catalog, program] = [
      `GitHub MCP server (${tools.length} tools)`,
      buildCatalog([{ server: 'github', tools }]),
      GITHUB_PROGRAM,
    ];
  } else {
    const tools = await notionTools();
    [name, catalog, program] = [
      `Notion MCP server (${tools.length} tools)`,
      buildCatalog([{ server: 'notion', tools }]),
      NOTION_PROGRAM,
    ];
  }
  // Nothing above imported TypeScript: its loading is part of a process's first check.
  collectGarbage();
  const heapBeforeLoad = process.memoryUsage().heapUsed;
  const started = performance.now();
  const checkerModule = await import('../src/check/type-checker.ts');
  const typescriptLoadMs = round(performance.now() - started, 1);
  collectGarbage();
  const typescriptHeapMb = round((process.memoryUsage().heapUsed - heapBeforeLoad) / 2 ** 20, 1);
  return { ...measure(checkerModule, name, catalog, program), typescriptLoadMs, typescriptHeapMb };
}

/** Runs `bench/check.ts --row NAME` in a child process and returns its row. */
function rowInChild(which: string): Row & { typescriptLoadMs: number; typescriptHeapMb: number } {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--row', which],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`bench:check --row ${which} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as ReturnType<typeof rowInChild>;
}

const rowFlag = process.argv.indexOf('--row');
if (rowFlag !== -1) {
  process.stdout.write(`${JSON.stringify(await measureRow(process.argv[rowFlag + 1] ?? ''))}\n`);
} else {
  const skipped: string[] = [];
  const names = ['notion'];
  if (existsSync(GITHUB_FIXTURE)) names.unshift('github');
  else
    skipped.push(
      'GitHub: ../shared/fixtures/github-mcp-server.tools.json is absent (it is not in a fresh clone)',
    );
  const rows = names.map(rowInChild);
  const { version: typescriptVersion } = (await import('typescript')).default;
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    typescript: typescriptVersion,
    warmSamples: WARM_SAMPLES,
    rows,
    skipped,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `TypeScript ${typescriptVersion} on Node ${process.version}, each catalog in a fresh process:\n`,
  );
  for (const row of rows) {
    const target = row.target
      ? ` (target <= ${row.target.p50AtMostMs} ms: ${row.target.met ? 'met' : 'MISSED'})`
      : '';
    process.stdout.write(
      `${row.catalog}, ${row.programLines}-line program, ${row.diagnostics} diagnostics:\n` +
        `  warm p50 ${row.warmP50Ms} ms${target}, p95 ${row.warmP95Ms} ms, p99 ${row.warmP99Ms} ms; ` +
        `with type errors p50 ${row.warmWithErrorsP50Ms} ms\n` +
        `  cold: loading TypeScript ${row.typescriptLoadMs} ms (${row.typescriptHeapMb} MB), first check ` +
        `${row.coldFirstCheckMs} ms; after a catalog change ${row.catalogChangeMs} ms; ` +
        `heap kept by the warm checker ${row.heapMb} MB\n`,
    );
  }
  for (const reason of skipped) process.stdout.write(`skipped ${reason}\n`);
  process.stdout.write(`wrote ${fileURLToPath(RESULTS)}\n`);
}
