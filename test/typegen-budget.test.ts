// Lean: the declarations cost at most D + 0.3 × (T − D) o200k tokens (issue 4), T being the tools as JSON tool
// definitions and D their description strings: descriptions are kept word for word, the structure around them costs
// at most 30% of what it costs as JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenBudget, tokens } from '../bench/typegen/token-budget.ts';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { declarationsForTools } from '../src/typegen/generate-declarations.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import { SKIP_WITHOUT_GITHUB, capturedTools, githubTools } from './helpers/catalog-fixtures.ts';

/** o200k tokens of a catalog's declarations (its namespace; the prelude is the same for every catalog). */
function cost(server: string, tools: ToolDefinition[], detail: 'full' | 'compact'): number {
  return tokens(declarationsForTools(buildCatalog([{ server, tools }]).servers[0]?.tools ?? [], { detail }));
}

test(
  "GitHub's 117 tools: T and D as issue 4 counts them, and both levels within the budget",
  { skip: SKIP_WITHOUT_GITHUB },
  () => {
    const tools = githubTools() ?? [];
    const { T, D, budget } = tokenBudget(tools);
    assert.deepEqual({ T, D, budget }, { T: 35_274, D: 12_788, budget: 19_534 });
    const full = cost('github', tools, 'full');
    assert.ok(full <= budget, `full ${full} > budget ${budget}`);
    assert.ok(cost('github', tools, 'compact') <= budget);
  },
);

for (const name of ['notion', 'memory', 'filesystem', 'everything'] as const) {
  test(`${name}: both levels within the budget`, () => {
    const tools = capturedTools(name);
    const { budget } = tokenBudget(tools);
    const full = cost(name, tools, 'full');
    assert.ok(full <= budget, `full ${full} > budget ${budget}`);
    assert.ok(cost(name, tools, 'compact') <= budget);
  });
}
