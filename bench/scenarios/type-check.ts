// Type-checking a program against a large API: GitHub's 117 tools (../shared/fixtures), cold and warm.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import { TypeChecker } from '../../src/check/type-checker.ts';
import type { ToolDefinition } from '../../src/upstream/types.ts';
import { percentile, round, sampleMs, timeMs } from '../measure.ts';
import { type Scenario, targeted } from './scenario.ts';

/** A full garbage collection, without running Node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const GITHUB_FIXTURE = new URL('../../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);

/** A 30-line program of the kind a model writes against GitHub's API. */
const PROGRAM = `
const owner = 'acme';
const repo = 'api';
const issues = await github.list_issues({ owner, repo, state: 'OPEN', perPage: 100 });
const pulls = await github.list_pull_requests({ owner, repo, state: 'open' });
const stale: { number: number; title: string }[] = [];
for (const issue of issues.issues ?? []) {
  const updated = Date.parse(issue.updated_at);
  if (Date.now() - updated > 30 * 24 * 3600 * 1000) {
    stale.push({ number: issue.number, title: issue.title });
  }
}
const labels = new Map<string, number>();
for (const issue of issues.issues ?? []) {
  for (const label of issue.labels ?? []) {
    const name = typeof label === 'string' ? label : label.name;
    labels.set(name, (labels.get(name) ?? 0) + 1);
  }
}
const top = [...labels.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
await Promise.all(
  stale.slice(0, 3).map((issue) =>
    github.add_issue_comment({ owner, repo, issue_number: issue.number, body: 'Is this still relevant?' }),
  ),
);
const summary = {
  open: (issues.issues ?? []).length,
  pulls: Array.isArray(pulls) ? pulls.length : 0,
  stale: stale.length,
  top,
};
console.log(summary);
return summary;`;

export const typeCheck: Scenario = {
  name: 'type-check',
  async run({ quick }) {
    if (!existsSync(GITHUB_FIXTURE)) {
      process.stderr.write(
        'bench: type-check skipped: ../shared/fixtures/github-mcp-server.tools.json is absent\n',
      );
      return [];
    }
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    const catalog = buildCatalog([{ server: 'github', tools }]);
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    let checker: TypeChecker | undefined;
    const cold = await timeMs(async () => {
      checker = new TypeChecker();
      checker.check(PROGRAM, catalog, { expression: false });
      await Promise.resolve();
    });
    const warmChecker = checker ?? new TypeChecker();
    const diagnostics = warmChecker.check(PROGRAM, catalog, { expression: false });
    // Each sample changes the program, as a model's next attempt would, so nothing is served from a cache.
    let round_ = 0;
    const samples = await sampleMs(quick ? 20 : 60, async () => {
      warmChecker.check(`${PROGRAM}\n// attempt ${round_++}`, catalog, { expression: false });
      await Promise.resolve();
    });
    collectGarbage();
    // Measured while the checker is still in use, after a full collection: what it keeps, not what it churned.
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    warmChecker.check('return 1;', catalog, { expression: false });
    return [
      targeted(
        {
          name: 'type-check, 30 lines vs 117 GitHub tools, warm p50',
          value: round(percentile(samples, 0.5)),
          unit: 'ms',
        },
        { atMost: 20 },
        '<= 20 ms',
      ),
      { name: 'type-check, warm p99', value: round(percentile(samples, 0.99)), unit: 'ms' },
      {
        name: 'type-check, cold (first check: parse the API and the standard library)',
        value: round(cold),
        unit: 'ms',
      },
      {
        name: 'type-check, heap the warm checker keeps (beyond the TypeScript module)',
        value: round(heapMb, 1),
        unit: 'MB',
      },
      { name: 'type-check, diagnostics on the sample program', value: diagnostics.length, unit: 'count' },
    ];
  },
};
