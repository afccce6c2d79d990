// Nothing in a schema is lost: every property name and required flag (proved by the TypeScript compiler against the
// declarations), every enum and const value and every description (found in the text) of real catalogs survive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import type { CatalogTool } from '../src/catalog/types.ts';
import { declarationsForTools } from '../src/typegen/generate-declarations.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';
import {
  CAPTURED_CATALOGS,
  SKIP_WITHOUT_GITHUB,
  capturedTools,
  githubTools,
} from './helpers/catalog-fixtures.ts';
import { compileDeclarations } from './helpers/compile-declarations.ts';

type Schema = Record<string, unknown>;

/** Type-level checks: `[Has<T, "k">, Optional<T, "k">]` must equal what the schema says. */
const HELPERS = `type Has<T, K extends PropertyKey> = K extends keyof T ? true : false;
type Optional<T, K extends PropertyKey> = K extends keyof T ? ({} extends Pick<T, K> ? true : false) : 'missing';`;

interface Findings {
  problems: string[];
  /** One line per property whose type can be named: `[line, path]`. */
  checks: { line: string; path: string }[];
}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolve(root: Schema, node: unknown): unknown {
  if (!isSchema(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#')) return node;
  let target: unknown = root;
  for (const key of node.$ref.slice(1).split('/').slice(1))
    target = isSchema(target) ? target[key] : undefined;
  return target;
}

/** An object or array schema (possibly nullable) whose members the compiler can reach by indexing. */
function navigable(schema: unknown): boolean {
  if (!isSchema(schema) || schema.anyOf || schema.oneOf || schema.allOf) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const kinds = types.filter((type) => type !== 'null');
  return kinds.length === 1 && (kinds[0] === 'object' || kinds[0] === 'array');
}

/** Walks one schema: text checks into `problems`, name and required-flag checks into `checks`. */
function walk(root: Schema, start: unknown, startType: string, label: string, text: string, found: Findings) {
  const lines = (description: string) =>
    description
      .replace(/\*\//g, '*\\/')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const visit = (raw: unknown, type: string | undefined, path: string, seen: Set<unknown>): void => {
    const node = resolve(root, raw);
    if (!isSchema(node) || seen.has(node)) return;
    const inner = new Set(seen).add(node);
    for (const description of new Set(
      [node, raw].map((item) => (isSchema(item) ? item.description : undefined)),
    )) {
      if (typeof description === 'string' && !lines(description).every((line) => text.includes(line)))
        found.problems.push(`${path}: description`);
    }
    for (const value of [
      ...(Array.isArray(node.enum) ? (node.enum as unknown[]) : []),
      ...('const' in node ? [node.const] : []),
    ]) {
      if (!text.includes(JSON.stringify(value)))
        found.problems.push(`${path}: value ${JSON.stringify(value)}`);
    }
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, child] of Object.entries(isSchema(node.properties) ? node.properties : {})) {
      const isRequired = required.has(name);
      if (type === undefined) {
        // Inside a union the compiler cannot index: the member must at least be written with its flag.
        const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
        if (!text.includes(`${key}${isRequired ? '' : '?'}: `))
          found.problems.push(`${path}.${name}: name or flag`);
      } else {
        const key = JSON.stringify(name);
        found.checks.push({
          line: `{ const c: [Has<${type}, ${key}>, Optional<${type}, ${key}>] = [true, ${!isRequired}]; }`,
          path: `${path}.${name}`,
        });
      }
      const childType =
        type !== undefined && navigable(resolve(root, child))
          ? `NonNullable<${type}[${JSON.stringify(name)}]>`
          : undefined;
      visit(child, childType, `${path}.${name}`, inner);
    }
    const items = node.items;
    visit(
      items,
      type !== undefined && navigable(resolve(root, items)) ? `NonNullable<${type}[number]>` : undefined,
      `${path}[]`,
      inner,
    );
    for (const keyword of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      for (const child of Array.isArray(node[keyword]) ? node[keyword] : [])
        visit(child, undefined, `${path}/${keyword}`, inner);
    }
    for (const keyword of ['additionalProperties', 'patternProperties']) {
      const value = node[keyword];
      const children = keyword === 'patternProperties' && isSchema(value) ? Object.values(value) : [value];
      for (const child of children) visit(child, undefined, `${path}/${keyword}`, inner);
    }
  };
  visit(start, startType, label, new Set());
}

/**
 * Everything a catalog's schemas say that its full declarations lost; empty when nothing was. `declared` stands in for
 * the tools the declarations are made from, so the check can be shown to catch a loss.
 */
function lost(server: string, tools: ToolDefinition[], declared = tools): string[] {
  const entries: readonly CatalogTool[] = buildCatalog([{ server, tools }]).servers[0]?.tools ?? [];
  const text = declarationsForTools(buildCatalog([{ server, tools: declared }]).servers[0]?.tools ?? [], {
    detail: 'full',
  });
  const found: Findings = { problems: [], checks: [] };
  for (const tool of entries) {
    const { definition } = tool;
    const fn = `typeof ${tool.namespace}.${tool.method}`;
    if (
      definition.description &&
      !definition.description
        .split(/\r?\n/)
        .every((line) => text.includes(line.trim().replace(/\*\//g, '*\\/')))
    )
      found.problems.push(`${tool.method}: tool description`);
    walk(
      definition.inputSchema,
      definition.inputSchema,
      `NonNullable<Parameters<${fn}>[0]>`,
      `${tool.method}.input`,
      text,
      found,
    );
    if (definition.outputSchema)
      walk(
        definition.outputSchema,
        definition.outputSchema,
        `Awaited<ReturnType<${fn}>>`,
        `${tool.method}.output`,
        text,
        found,
      );
  }
  const program = [HELPERS, ...found.checks.map((check) => check.line)].join('\n');
  // The program starts on line 2 of its file (after the wrapper's first line), after the helpers' two lines.
  for (const diagnostic of compileDeclarations(text, program)) {
    const line = Number(/program\.ts:(\d+):/.exec(diagnostic)?.[1] ?? 0) - 4;
    found.problems.push(`${found.checks[line]?.path ?? 'declarations'}: ${diagnostic}`);
  }
  return found.problems;
}

test(
  "GitHub's 117 tools: every property, required flag, enum value and description survives",
  { skip: SKIP_WITHOUT_GITHUB },
  () => {
    const tools = githubTools() ?? [];
    assert.equal(tools.length, 117);
    assert.deepEqual(lost('github', tools), []);
  },
);

for (const name of CAPTURED_CATALOGS) {
  test(`${name}: every property, required flag, enum value and description survives`, () => {
    assert.deepEqual(lost(name, capturedTools(name)), []);
  });
}

test('the check itself finds a lost property, a wrong required flag and a lost description', () => {
  const schema = (change: (properties: Schema, required: string[]) => void): ToolDefinition => {
    const properties: Schema = {
      a: { type: 'string', description: 'The a' },
      b: { type: 'object', properties: { c: { type: 'number' }, d: { enum: ['x', 'y'] } }, required: ['c'] },
    };
    const required = ['a'];
    change(properties, required);
    return { name: 't', inputSchema: { type: 'object', properties, required } };
  };
  const original = schema(() => {});
  assert.deepEqual(lost('s', [original]), []);
  const problems = lost(
    's',
    [original],
    [
      schema((properties, required) => {
        required.pop(); // a becomes optional
        properties.b = { type: 'object', properties: { d: { enum: ['x'] } } }; // c and the value "y" are gone
        properties.a = { type: 'string', description: 'Another a' };
      }),
    ],
  );
  assert.deepEqual(
    [...new Set(problems.map((problem) => problem.split(':')[0]))],
    ['t.input.a', 't.input.b.d', 't.input.b.c'],
    problems.join('\n'),
  );
});
