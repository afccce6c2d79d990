// The tables of codemode's own parts: the core, tokens per task, fixed context by catalog size, the typed API.
import { formatNumber, formatRatio, markdownTable } from './format.ts';
import type { ContextResults, CoreResults, TokenResults, TypegenResults } from './results.ts';

/** Tokens-per-task targets of issue 7. */
export const TOKEN_TARGETS = { median: 10, largeTable: 75 } as const;

/** Every core figure, with its target and whether this run met it. */
export function coreTable(core: CoreResults): string {
  const rows = Object.entries(core.results).flatMap(([scenario, figures]) =>
    figures.map((figure) => [
      scenario,
      figure.name,
      `${formatNumber(figure.value)} ${figure.unit}`,
      figure.target === undefined ? '' : `${figure.target} — ${figure.met ? 'met' : '**missed**'}`,
    ]),
  );
  return markdownTable(['scenario', 'figure', 'value', 'target'], rows);
}

/** The core's targets this run missed, as a list (empty string when none). */
export function missedCoreTargets(core: CoreResults): string {
  return Object.values(core.results)
    .flat()
    .filter((figure) => figure.met === false)
    .map(
      (figure) => `- ${figure.name}: ${formatNumber(figure.value)} ${figure.unit}, target ${figure.target}`,
    )
    .join('\n');
}

/** The task that stands for "a 10,000-row table". */
export function largeTableTask(tokens: TokenResults): TokenResults['rows'][number] | undefined {
  return tokens.rows.find((row) => /10,000-row/.test(row.task));
}

/** One row per task: calls and tokens both ways, and the ratio. */
export function tokensTable(tokens: TokenResults): string {
  const rows = tokens.rows.map((row) => [
    row.task,
    formatNumber(row.directCalls),
    formatNumber(row.direct),
    formatNumber(row.codeMode),
    formatRatio(row.ratio),
  ]);
  return markdownTable(['task', 'direct calls', 'direct tokens', 'Code Mode tokens', 'fewer tokens'], rows);
}

/** The two targets and whether this run met them. */
export function tokenTargets(tokens: TokenResults): string {
  const large = largeTableTask(tokens);
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const lines = [
    `- median ${formatRatio(tokens.medianRatio)} fewer tokens (target ≥ ${TOKEN_TARGETS.median}x: ` +
      `${met(tokens.medianRatio >= TOKEN_TARGETS.median)})`,
  ];
  if (large !== undefined) {
    lines.push(
      `- ${large.task}: ${formatRatio(large.ratio)} (${formatNumber(large.direct)} -> ${formatNumber(large.codeMode)} ` +
        `tokens; target ≥ ${TOKEN_TARGETS.largeTable}x: ${met(large.ratio >= TOKEN_TARGETS.largeTable)})`,
    );
  }
  return lines.join('\n');
}

/** One row per catalog: raw tools/list, the gateway's, and each generator's declarations. */
export function contextTable(context: ContextResults): string {
  const generators = [...new Set(context.catalogs.flatMap((catalog) => Object.keys(catalog.declarations)))];
  const rows = context.catalogs.map((catalog) => [
    `${catalog.name} (${formatNumber(catalog.tools)} tools)`,
    formatNumber(catalog.rawToolsList),
    formatNumber(catalog.gateway),
    ...generators.map((name) => {
      const value = catalog.declarations[name];
      return value === undefined ? '–' : formatNumber(value);
    }),
  ]);
  const header = [
    'catalog',
    'raw tools/list',
    'codemode gateway tools/list',
    ...generators.map((name) => `${name} declarations`),
  ];
  return markdownTable(header, rows);
}

/** Generation time and size of the declarations against json-schema-to-typescript and Cloudflare's generator. */
export function typegenTable(typegen: TypegenResults): string {
  const rows = typegen.rows.map((row) => [
    row.catalog,
    `${formatNumber(row.codemodeFull)} / ${formatNumber(row.codemodeCompact)}`,
    formatNumber(row.budget),
    `${formatNumber(row.codemodeMs)} ms`,
    `${formatNumber(row.jsonSchemaToTypescript)} (${formatNumber(row.jsonSchemaToTypescriptMs)} ms)`,
    `${formatNumber(row.cloudflare)} (${formatNumber(row.cloudflareMs)} ms)`,
  ]);
  return markdownTable(
    [
      'catalog',
      'codemode full / compact tokens',
      'budget',
      'codemode time',
      'json-schema-to-typescript (inputs only)',
      '@cloudflare/codemode',
    ],
    rows,
  );
}
