// Golden declarations of real catalogs (GitHub's 117 tools from ../shared, Notion's 24 $ref-heavy tools and the
// reference servers, captured by scripts/capture-catalogs.ts): byte for byte what the last reviewed run produced, and they compile with tsc.
// `UPDATE_GOLDENS=1 npm test` rewrites them after an intended change; the diff is the review.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { generateDeclarations } from '../src/typegen/generate-declarations.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import {
  CAPTURED_CATALOGS,
  SKIP_WITHOUT_GITHUB,
  capturedTools,
  githubTools,
} from './helpers/catalog-fixtures.ts';
import { compileDeclarations } from './helpers/compile-declarations.ts';

const GOLDENS = new URL('./fixtures/catalogs/', import.meta.url);

/** Compares with the reviewed golden; a missing golden fails (it is written only when asked, so CI cannot pass vacuously). */
function assertGolden(name: string, detail: 'full' | 'compact', tools: ToolDefinition[]): void {
  const declarations = generateDeclarations(buildCatalog([{ server: name, tools }]), { detail });
  assert.deepEqual(compileDeclarations(declarations), []);
  // Outside the TypeScript project (.golden): lint and format checks leave the generated text alone.
  const golden = new URL(`${name}.${detail}.d.ts.golden`, GOLDENS);
  if (process.env.UPDATE_GOLDENS === '1') writeFileSync(golden, declarations);
  assert.ok(existsSync(golden), `no golden ${golden.pathname}: run UPDATE_GOLDENS=1 npm test and review it`);
  assert.equal(declarations, readFileSync(golden, 'utf8'));
}

for (const detail of ['full', 'compact'] as const) {
  for (const name of CAPTURED_CATALOGS) {
    test(`${name} (${detail}): matches its golden and compiles`, () =>
      assertGolden(name, detail, capturedTools(name)));
  }
  test(`github (${detail}): matches its golden and compiles`, { skip: SKIP_WITHOUT_GITHUB }, () =>
    assertGolden('github', detail, githubTools() ?? []),
  );
}

test('Notion: 24 tools, with its $ref-heavy schemas expanded rather than left unknown', () => {
  const declarations = generateDeclarations(
    buildCatalog([{ server: 'notion', tools: capturedTools('notion') }]),
  );
  const unknowns = declarations.match(/\bunknown\b/g)?.length ?? 0;
  const functions = declarations.match(/\bfunction \w+\(/g)?.length ?? 0;
  assert.equal(functions, 24);
  // Outputs are undeclared (unknown) by Notion; `Record<string, unknown>` is what Notion's open objects are.
  const records = declarations.match(/Record<string, unknown>/g)?.length ?? 0;
  assert.ok(unknowns - functions - records < 10, `${unknowns} unknowns`);
});

test('Notion: calls type-check against the expanded schemas, and a wrong enum value does not', () => {
  const declarations = generateDeclarations(
    buildCatalog([{ server: 'notion', tools: capturedTools('notion') }]),
  );
  const append = `await notion.API_patch_block_children({ block_id: 'b', children: [{ type: 'paragraph', paragraph: { rich_text: [{ text: { content: 'hi' } }] } }] });`;
  assert.deepEqual(compileDeclarations(declarations, append), []);
  const search = (value: string) =>
    `await notion.API_post_search({ filter: { value: '${value}', property: 'object' } });`;
  assert.deepEqual(compileDeclarations(declarations, search('page')), []);
  assert.match(compileDeclarations(declarations, search('pages')).join('\n'), /"pages"/);
});
