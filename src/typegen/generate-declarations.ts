import type { Catalog, CatalogTool } from '../catalog/types.ts';
import { namespaceDeclarations } from './namespace-declarations.ts';
import type { Detail } from './schema-to-type.ts';

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

/**
 * The observed output type of a tool, as TypeScript (nested lines indented from column 0), and how many calls it was
 * learned from.
 */
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
 *
 * @example
 * ```ts
 * const text = generateDeclarations(buildCatalog([{ server: 'memory', tools }]), { detail: 'compact' });
 * ```
 */
export function generateDeclarations(catalog: Catalog, options: DeclarationOptions = {}): string {
  const tools = catalog.servers.flatMap((server) => server.tools);
  const header = `// The codemode API: each namespace is an MCP server, each function one of its tools.\n`;
  const namespaces = declarationsForTools(tools, options);
  return `${header}\n${PRELUDE_DECLARATIONS}${namespaces === '' ? '' : `\n${namespaces}`}`;
}

/**
 * Declarations of just these tools, grouped by namespace in the order given (no prelude). What search and describe
 * show. Shapes are shared among the tools given, so the text of a subset is complete on its own.
 */
export function declarationsForTools(
  tools: readonly CatalogTool[],
  options: DeclarationOptions = {},
): string {
  const undeclaredOutput = options.undeclaredOutput ?? 'unknown';
  const settings = {
    detail: options.detail ?? 'full',
    undeclaredOutput,
    // The checker types undeclared outputs as any; an observed type there could refuse a valid program.
    observed: undeclaredOutput === 'any' ? undefined : options.observed,
  };
  const groups = new Map<string, CatalogTool[]>();
  for (const tool of tools) {
    const group = groups.get(tool.namespace);
    if (group) group.push(tool);
    else groups.set(tool.namespace, [tool]);
  }
  return [...groups]
    .map(([namespace, members]) => namespaceDeclarations(namespace, members, settings))
    .join('\n');
}
