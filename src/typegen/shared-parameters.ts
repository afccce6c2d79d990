import type { CatalogTool } from '../catalog/types.ts';
import type { JsonSchema } from '../json-schema.ts';
import { pascalCase } from './type-aliases.ts';

/** A parameter is shared (declared once, in a parameter group) when this many tools below take it unchanged. */
export const SHARED_PARAMETER_MIN_TOOLS = 3;

/**
 * Parameters that the same tools take, the same way (all required or all optional), declared once as an interface:
 * `interface OwnerRepo { owner: string; repo: string }`, and a tool's input is `OwnerRepo & { ... }`.
 */
export interface ParameterGroup {
  name: string;
  /** Parameter name -> its schema, in first-seen order. */
  schemas: Map<string, unknown>;
  /** Every tool takes these parameters as optional: they are declared optional and used as they are. */
  optional: boolean;
}

/** The parameter groups of one namespace. */
export interface SharedParameters {
  groups: ParameterGroup[];
}

/** The groups a tool's input uses (`partial`: as `Partial<Group>`), and the rest of its schema. */
export interface SplitInput {
  uses: { group: ParameterGroup; partial: boolean }[];
  rest: JsonSchema;
  restIsEmpty: boolean;
}

/**
 * Finds parameters that several tools take unchanged (`owner`, `repo`, `perPage` in a GitHub-like API) and groups
 * those the same tools take together: declared once they cost their description once, where repeating them cost it in
 * every tool, and a tool names the group instead of listing them. Parameters whose schema refers to `$ref`
 * definitions stay where they are (the reference is relative to the tool's own schema).
 *
 * @param taken names in use in the namespace; groups pick others (and are added to it).
 */
export function sharedParameters(tools: readonly CatalogTool[], taken: Set<string>): SharedParameters {
  const variants = new Map<string, { name: string; json: string; schema: unknown; count: number }>();
  for (const tool of tools) {
    for (const [name, schema] of Object.entries(topLevelProperties(tool.definition.inputSchema))) {
      const json = safeJson(schema);
      if (json === undefined || json.includes('"$ref"')) continue;
      const key = `${name}\u0000${json}`;
      const entry = variants.get(key) ?? { name, json, schema, count: 0 };
      entry.count += 1;
      variants.set(key, entry);
    }
  }
  // One variant per name: the most common (a name with two descriptions keeps the other inline).
  const chosen = new Map<string, { json: string; schema: unknown; count: number }>();
  for (const variant of variants.values()) {
    const best = chosen.get(variant.name);
    if (variant.count >= SHARED_PARAMETER_MIN_TOOLS && variant.count > (best?.count ?? 0))
      chosen.set(variant.name, variant);
  }
  // Parameters taken by exactly the same tools, each tool taking them all required or all optional, form a group.
  const usages = new Map<string, string[]>();
  tools.forEach((tool, index) => {
    const required = requiredNames(tool.definition.inputSchema);
    for (const [name, schema] of Object.entries(topLevelProperties(tool.definition.inputSchema))) {
      const json = safeJson(schema);
      if (json === undefined || chosen.get(name)?.json !== json) continue;
      const list = usages.get(name) ?? [];
      list.push(`${index}${required.has(name) ? 'r' : 'o'}`);
      usages.set(name, list);
    }
  });
  const bySignature = new Map<string, string[]>();
  for (const [name, list] of usages) {
    const signature = list.join(',');
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), name]);
  }
  const groups: ParameterGroup[] = [];
  for (const [signature, names] of bySignature) {
    const base = pascalCase(names.join('_'));
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}${suffix}`;
    taken.add(name);
    const schemas = new Map(names.map((parameter) => [parameter, chosen.get(parameter)?.schema]));
    groups.push({ name, schemas, optional: !signature.includes('r') });
  }
  return { groups };
}

/** Splits a tool's input into the parameter groups it takes and the rest of its schema. */
export function splitInput(inputSchema: JsonSchema, shared: SharedParameters): SplitInput {
  const properties = topLevelProperties(inputSchema);
  const required = requiredNames(inputSchema);
  const uses: SplitInput['uses'] = [];
  const grouped = new Set<string>();
  for (const group of shared.groups) {
    const names = [...group.schemas.keys()];
    // Grouped parameters are taken by the same tools the same way; a tool that does not take them all alike (one
    // the groups were not made from) lists them inline.
    if (!names.every((name) => takesUnchanged(properties, name, group))) continue;
    const requiredCount = names.filter((name) => required.has(name)).length;
    if (requiredCount !== 0 && requiredCount !== names.length) continue;
    uses.push({ group, partial: requiredCount === 0 && !group.optional });
    for (const name of group.schemas.keys()) grouped.add(name);
  }
  const restProperties = Object.fromEntries(
    Object.entries(properties).filter(([name]) => !grouped.has(name)),
  );
  const rest = {
    ...inputSchema,
    properties: restProperties,
    required: [...required].filter((name) => name in restProperties),
  };
  return { uses, rest, restIsEmpty: Object.keys(restProperties).length === 0 };
}

/** The group as the schema of an object: members required unless every tool takes them as optional. */
export function groupSchema(group: ParameterGroup): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(group.schemas),
    required: group.optional ? [] : [...group.schemas.keys()],
  };
}

function takesUnchanged(properties: Record<string, unknown>, name: string, group: ParameterGroup): boolean {
  if (!Object.hasOwn(properties, name)) return false;
  const json = safeJson(properties[name]);
  return json !== undefined && json === safeJson(group.schemas.get(name));
}

/** JSON text to compare schemas by; undefined for one that has none (a cycle or a BigInt, in a schema built in code). */
function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function requiredNames(schema: JsonSchema): Set<string> {
  return new Set(
    Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : [],
  );
}

function topLevelProperties(schema: JsonSchema): Record<string, unknown> {
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties)
    ? (properties as Record<string, unknown>)
    : {};
}
