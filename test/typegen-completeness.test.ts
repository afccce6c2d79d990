// Nothing in a schema is lost: every property, required flag, enum value and description of real catalogs is still
// in the generated declarations.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import type { Catalog, CatalogTool } from '../src/catalog/types.ts';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { declarationsForTools } from '../src/typegen/generate-declarations.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import { everythingServer, filesystemServer, memoryServer } from './fixtures/upstream/servers.ts';
import { temporaryDirectory } from './helpers/run-cli.ts';

const GITHUB_FIXTURE = new URL('../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);

/**
 * What a schema says that the declarations must keep, checked in the text of the tool's whole namespace: a parameter
 * is either inline (`name: ` or `name?: `) or shared (`Pick<Params, "name">`, `Partial<Pick<Params, "name">>`, with
 * `name: ` in the namespace's `interface Params`).
 */
function missing(tool: CatalogTool, text: string): string[] {
  const problems: string[] = [];
  const mentions = (fragment: string) => text.includes(fragment);
  const described = (description: string) =>
    description
      .replace(/\*\//g, '*\\/')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .every((line) => mentions(line));
  const signature =
    new RegExp(`function ${tool.method}\\(input\\??: ([\\s\\S]*?)\\): Promise<`).exec(text)?.[1] ?? '';
  const picked = (name: string, partial: boolean) =>
    new RegExp(`${partial ? 'Partial<' : '(?<!Partial<)'}Pick<Params, [^>]*"${name}"`).test(signature);
  if (tool.definition.description && !described(tool.definition.description))
    problems.push('tool description');
  const walk = (schema: unknown, path: string, seen: Set<unknown>, topLevel: boolean) => {
    if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
    seen.add(schema);
    const node = schema as Record<string, unknown>;
    if (typeof node.description === 'string' && !described(node.description))
      problems.push(`${path}: description`);
    if (Array.isArray(node.enum)) {
      for (const value of node.enum)
        if (!mentions(JSON.stringify(value))) problems.push(`${path}: enum ${String(value)}`);
    }
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    if (typeof node.properties === 'object' && node.properties !== null) {
      for (const [name, child] of Object.entries(node.properties)) {
        const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
        const isRequired = required.has(name);
        const inline = mentions(`${key}${isRequired ? '' : '?'}: `);
        const shared = topLevel && picked(name, !isRequired) && mentions(`${key}: `);
        if (!inline && !shared) problems.push(`${path}.${name}: name or required flag`);
        walk(child, `${path}.${name}`, seen, false);
      }
    }
    for (const keyword of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) {
      const value = node[keyword];
      for (const child of Array.isArray(value) ? value : [value])
        walk(child, `${path}/${keyword}`, seen, false);
    }
  };
  walk(tool.definition.inputSchema, `${tool.method}.input`, new Set(), true);
  if (tool.definition.outputSchema)
    walk(tool.definition.outputSchema, `${tool.method}.output`, new Set(), false);
  return problems;
}

function assertComplete(catalog: Catalog): void {
  const problems = catalog.servers.flatMap((server) => {
    const text = declarationsForTools(server.tools, { detail: 'full' });
    return server.tools.flatMap((tool) => missing(tool, text));
  });
  assert.deepEqual(problems, []);
}

test(
  "GitHub's 117 tools: every property, required flag, enum value and description survives",
  {
    skip: existsSync(GITHUB_FIXTURE)
      ? false
      : 'needs ../shared/fixtures (present in CI, not in a fresh clone)',
  },
  () => {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    assertComplete(buildCatalog([{ server: 'github', tools }]));
  },
);

let codemode: CodeMode;
before(async () => {
  const directory = temporaryDirectory('completeness');
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        memory: memoryServer(join(directory, 'memory.jsonl')),
        filesystem: filesystemServer(directory),
        everything: everythingServer(),
      },
    },
    check: 'off',
  });
});
after(async () => {
  await codemode?.close();
});

test('the reference servers (installed by npm): every property, required flag, enum value and description survives', () => {
  assertComplete(codemode.catalog());
});

test(
  "GitHub's 117 tools: the declarations cost at most D + 0.45 × (T − D) o200k tokens (issue 4's target, 0.3, is not met yet)",
  {
    skip: existsSync(GITHUB_FIXTURE)
      ? false
      : 'needs ../shared/fixtures (present in CI, not in a fresh clone)',
  },
  () => {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    const descriptions: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'description' && typeof value === 'string') descriptions.push(value);
          else collect(value);
        }
      }
    };
    collect(tools);
    const T = countTokens(JSON.stringify(tools));
    const D = descriptions.reduce((sum, text) => sum + countTokens(text), 0);
    const catalog = buildCatalog([{ server: 'github', tools }]);
    const full = countTokens(declarationsForTools(catalog.servers[0]?.tools ?? [], { detail: 'full' }));
    assert.ok(full <= D + 0.45 * (T - D), `full ${full}, T ${T}, D ${D}`);
  },
);
