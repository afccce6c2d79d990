import type { CatalogTool } from '../catalog/types.ts';
import type { JsonSchema } from '../json-schema.ts';

/** A parameter is shared (declared once, in the namespace's `Params`) when this many tools below take it unchanged. */
export const SHARED_PARAMETER_MIN_TOOLS = 3;

/** The namespace-level interface the shared parameters live in. */
export const SHARED_PARAMETERS_NAME = 'Params';

/** The parameters several tools share, identical in name, schema and description. */
export interface SharedParameters {
  /** name -> its schema, in first-seen order. */
  schemas: Map<string, unknown>;
}

/**
 * Finds parameters that several tools take unchanged (`owner`, `repo`, `perPage` in a GitHub-like API): declared once
 * they cost their description once, where repeating them cost it in every tool. Parameters whose schema refers to
 * `$ref` definitions stay where they are (the reference is relative to the tool's own schema).
 */
export function sharedParameters(tools: readonly CatalogTool[]): SharedParameters {
  const counts = new Map<string, { name: string; schema: unknown; count: number }>();
  for (const tool of tools) {
    for (const [name, schema] of Object.entries(topLevelProperties(tool.definition.inputSchema))) {
      const json = JSON.stringify(schema);
      if (json.includes('"$ref"')) continue;
      const key = `${name}\u0000${json}`;
      const entry = counts.get(key) ?? { name, schema, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  const schemas = new Map<string, unknown>();
  const best = new Map<string, number>();
  for (const { name, schema, count } of counts.values()) {
    // One variant per name: the most common (a name with two descriptions keeps the other inline).
    if (count >= SHARED_PARAMETER_MIN_TOOLS && count > (best.get(name) ?? 0)) {
      best.set(name, count);
      schemas.set(name, schema);
    }
  }
  return { schemas };
}

/** Splits a tool's input into the shared parameters it takes (required and optional) and the rest of its schema. */
export function splitInput(
  inputSchema: JsonSchema,
  shared: SharedParameters,
): { required: string[]; optional: string[]; rest: JsonSchema; restIsEmpty: boolean } {
  const properties = topLevelProperties(inputSchema);
  const requiredNames = new Set(Array.isArray(inputSchema.required) ? inputSchema.required.map(String) : []);
  const required: string[] = [];
  const optional: string[] = [];
  const restProperties: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const sharedSchema = shared.schemas.get(name);
    if (sharedSchema !== undefined && JSON.stringify(sharedSchema) === JSON.stringify(schema)) {
      (requiredNames.has(name) ? required : optional).push(name);
    } else {
      restProperties[name] = schema;
    }
  }
  const rest = {
    ...inputSchema,
    properties: restProperties,
    required: [...requiredNames].filter((name) => name in restProperties),
  };
  return { required, optional, rest, restIsEmpty: Object.keys(restProperties).length === 0 };
}

function topLevelProperties(schema: JsonSchema): Record<string, unknown> {
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties)
    ? (properties as Record<string, unknown>)
    : {};
}
