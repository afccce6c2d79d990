import type { ToolDefinition } from '../upstream/types.ts';

/** One upstream tool as the program sees it: `namespace.method(...)`. */
export interface CatalogTool {
  /** The server's config key. */
  server: string;
  /** The server's identifier in the sandbox (sanitized config key). */
  namespace: string;
  /** The tool's identifier inside its namespace (sanitized tool name). */
  method: string;
  /** The tool as the server listed it. */
  definition: ToolDefinition;
}

export interface CatalogServer {
  server: string;
  namespace: string;
  tools: CatalogTool[];
}

/** The merged, checked tool catalog of every connected server. Immutable; a new one is built on every change. */
export interface Catalog {
  /** Servers in config order, each with its tools in the order the server listed them. */
  readonly servers: readonly CatalogServer[];
  /** A digest of everything that shapes the declarations: equal versions mean byte-identical declarations. */
  readonly version: string;
  /** Looks up a tool by its sandbox identifiers. */
  find(namespace: string, method: string): CatalogTool | undefined;
  /** namespace -> method identifiers, the shape the sandbox needs. */
  namespaces(): Record<string, string[]>;
}
