import type { Catalog, CatalogTool } from '../catalog/types.ts';
import type { JsonSchema } from '../json-schema.ts';
import { docComment, firstSentence } from './doc-comment.ts';
import {
  SHARED_PARAMETERS_NAME,
  type SharedParameters,
  sharedParameters,
  splitInput,
} from './shared-parameters.ts';
import { type Detail, type TypeAliases, schemaToType, typeAliases } from './schema-to-type.ts';

/** Options of {@link generateDeclarations}. */
export interface DeclarationOptions {
  /** `full` (default): descriptions and every property documented; `compact`: one-line descriptions, bare shapes. */
  detail?: Detail;
  /**
   * The output type of a tool without an `outputSchema`. `unknown` (default) is what a program sees: it must look
   * before it uses the value. The type checker uses `any`, so that using such a value is never a type error.
   */
  undeclaredOutput?: 'unknown' | 'any';
  /** Output types observed at run time for tools without an `outputSchema` (see `typegen/observed/`). */
  observed?: ObservedLookup | undefined;
}

/** The observed output type of a tool, as TypeScript, and how many calls it was learned from. */
export type ObservedLookup = (server: string, tool: string) => { type: string; calls: number } | undefined;

/**
 * The globals every program sees besides the namespaces. Kept in step with the guest prelude
 * (`sandbox/guest/guest-prelude.ts`), which defines them.
 */
export const PRELUDE_DECLARATIONS = `/** A tool reported an error (isError), or its server could not be reached. Catch it to handle a failed call. */
declare class ToolError extends Error {
  /** The server's config key. */
  readonly server: string;
  /** The tool's name on its server. */
  readonly tool: string;
  /** The content the tool returned with the error. */
  readonly content: unknown[];
  /** Set when the server was not reached: "UPSTREAM_UNAVAILABLE", "UPSTREAM_TIMEOUT" or "CANCELLED". */
  readonly code?: string;
}

/** Captured and returned with the result, one entry per call; objects are rendered like Node's util.inspect. */
declare const console: {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  debug(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
};
`;

/**
 * The TypeScript declarations a program sees: the prelude globals, then one `declare namespace` per server with one
 * async function per tool. Deterministic: the same catalog gives the same text, byte for byte.
 */
export function generateDeclarations(catalog: Catalog, options: DeclarationOptions = {}): string {
  const tools = catalog.servers.flatMap((server) => server.tools);
  const header = `// The codemode API: each namespace is an MCP server, each function one of its tools.\n`;
  const namespaces = declarationsForTools(tools, options);
  return `${header}\n${PRELUDE_DECLARATIONS}${namespaces === '' ? '' : `\n${namespaces}`}`;
}

/**
 * Declarations of just these tools, grouped by namespace in the order given (no prelude). What search and describe
 * show; the same text a full `generateDeclarations` has for these tools.
 */
export function declarationsForTools(
  tools: readonly CatalogTool[],
  options: DeclarationOptions = {},
): string {
  const detail = options.detail ?? 'full';
  const undeclared = options.undeclaredOutput ?? 'unknown';
  // The checker types undeclared outputs as any; an observed type there could refuse a valid program.
  const observed = undeclared === 'any' ? undefined : options.observed;
  const groups = new Map<string, CatalogTool[]>();
  for (const tool of tools) {
    const group = groups.get(tool.namespace);
    if (group) group.push(tool);
    else groups.set(tool.namespace, [tool]);
  }
  const blocks: string[] = [];
  for (const [namespace, members] of groups) {
    const server = members[0]?.server ?? namespace;
    const comment = server === namespace ? '' : `// server "${server}"\n`;
    // Sharing pays for itself in descriptions: the compact level has none, so it lists parameters inline.
    const shared = detail === 'full' ? sharedParameters(members) : { schemas: new Map<string, unknown>() };
    const aliases = typeAliases();
    const functions = members
      .map((tool) => functionDeclaration(tool, detail, undeclared, observed, shared, aliases))
      .join(detail === 'full' ? '\n\n' : '\n');
    const types = [...aliases.declarations].map(([name, body]) => `  type ${name} = ${body};\n`).join('');
    const head = `${sharedInterface(shared, detail)}${types === '' ? '' : `${types}\n`}`;
    blocks.push(`${comment}declare namespace ${namespace} {\n${head}${functions}\n}\n`);
  }
  return blocks.join('\n');
}

function functionDeclaration(
  tool: CatalogTool,
  detail: Detail,
  undeclared: 'unknown' | 'any',
  observed: ObservedLookup | undefined,
  shared: SharedParameters,
  aliases: TypeAliases,
): string {
  const indent = '  ';
  const { definition } = tool;
  aliases.prefix = `${tool.method.charAt(0).toUpperCase()}${tool.method.slice(1)}_`;
  const input = inputType(definition.inputSchema, shared, detail, indent, aliases);
  const seen = definition.outputSchema ? undefined : observed?.(tool.server, definition.name);
  const output = definition.outputSchema
    ? schemaToType(definition.outputSchema, { detail, indent, aliases })
    : (seen?.type ?? undeclared);
  const optional = hasRequired(definition.inputSchema) ? '' : '?';
  const note = seen
    ? `Result type observed from ${seen.calls} call${seen.calls === 1 ? '' : 's'}, not declared by the server: fields may be missing.`
    : undefined;
  const doc = docComment([describeTool(tool, detail), note].filter(Boolean).join('\n'), indent);
  return [...doc, `${indent}function ${tool.method}(input${optional}: ${input}): Promise<${output}>;`].join(
    '\n',
  );
}

function describeTool(tool: CatalogTool, detail: Detail): string {
  const { definition } = tool;
  const text = definition.description ?? definition.title ?? definition.annotations?.title ?? '';
  const notes: string[] = [detail === 'full' ? text : firstSentence(text)];
  if (definition.name !== tool.method) notes.push(`MCP tool "${definition.name}".`);
  if (detail === 'full') {
    const hints = definition.annotations;
    if (hints?.readOnlyHint === true) notes.push('Read-only.');
    else if (hints?.destructiveHint === true) notes.push('Destructive: may delete or overwrite data.');
  }
  return notes.filter((note) => note !== '').join('\n');
}

function hasRequired(schema: unknown): boolean {
  const required = (schema as { required?: unknown } | undefined)?.required;
  return Array.isArray(required) && required.length > 0;
}

/** `interface Params { ... }` with the parameters several tools share, or nothing. */
function sharedInterface(shared: SharedParameters, detail: Detail): string {
  if (shared.schemas.size === 0) return '';
  const schema = {
    type: 'object',
    properties: Object.fromEntries(shared.schemas),
    required: [...shared.schemas.keys()],
  };
  const body = schemaToType(schema, { detail, indent: '  ' });
  const doc =
    '  /** Parameters several tools below take: `Pick<Params, "a">` means parameter `a` as declared here. */\n';
  return `${doc}  interface ${SHARED_PARAMETERS_NAME} ${body}\n\n`;
}

/** The input type: the shared parameters it takes as `Pick`s of `Params`, and the rest inline. */
function inputType(
  schema: JsonSchema,
  shared: SharedParameters,
  detail: Detail,
  indent: string,
  aliases: TypeAliases,
): string {
  const { required, optional, rest, restIsEmpty } = splitInput(schema, shared);
  if (required.length === 0 && optional.length === 0)
    return schemaToType(schema, { detail, indent, aliases });
  const names = (list: string[]) => list.map((name) => JSON.stringify(name)).join(' | ');
  const parts = [
    ...(required.length > 0 ? [`Pick<${SHARED_PARAMETERS_NAME}, ${names(required)}>`] : []),
    ...(optional.length > 0 ? [`Partial<Pick<${SHARED_PARAMETERS_NAME}, ${names(optional)}>>`] : []),
    ...(restIsEmpty ? [] : [schemaToType(rest, { detail, indent, aliases })]),
  ];
  return parts.join(' & ');
}
