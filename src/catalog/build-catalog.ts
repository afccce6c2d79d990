import { createHash } from 'node:crypto';
import { CodeModeError } from '../errors.ts';
import type { ToolDefinition } from '../upstream/types.ts';
import { methodIdentifier, namespaceIdentifier } from './identifiers.ts';
import type { Catalog, CatalogServer, CatalogTool } from './types.ts';

/** One server's tools as the upstream layer lists them. */
export interface ServerToolList {
  server: string;
  tools: readonly ToolDefinition[];
}

/**
 * Merges the servers' tool lists into one catalog of sandbox identifiers.
 *
 * @throws CodeModeError `NAME_COLLISION` when two servers, or two tools of one server, map to the same identifier —
 *   never silent shadowing: the message names both and says how to fix it.
 */
export function buildCatalog(lists: readonly ServerToolList[]): Catalog {
  const servers: CatalogServer[] = [];
  const namespaceOwners = new Map<string, string>();
  for (const { server, tools } of lists) {
    const namespace = namespaceIdentifier(server);
    const owner = namespaceOwners.get(namespace);
    if (owner !== undefined) {
      throw new CodeModeError(
        'NAME_COLLISION',
        `servers "${owner}" and "${server}" both become the namespace "${namespace}": rename one in the config`,
        { details: { namespace, servers: [owner, server] } },
      );
    }
    namespaceOwners.set(namespace, server);
    servers.push({ server, namespace, tools: catalogTools(server, namespace, tools) });
  }
  return catalogOf(servers);
}

function catalogTools(server: string, namespace: string, tools: readonly ToolDefinition[]): CatalogTool[] {
  const methodOwners = new Map<string, string>();
  return tools.map((definition) => {
    const method = methodIdentifier(definition.name);
    const owner = methodOwners.get(method);
    if (owner !== undefined) {
      throw new CodeModeError(
        'NAME_COLLISION',
        `server "${server}" has tools "${owner}" and "${definition.name}" that both become ${namespace}.${method}`,
        { details: { server, method, tools: [owner, definition.name] } },
      );
    }
    methodOwners.set(method, definition.name);
    return { server, namespace, method, definition };
  });
}

function catalogOf(servers: CatalogServer[]): Catalog {
  const byKey = new Map<string, CatalogTool>();
  for (const entry of servers)
    for (const tool of entry.tools) byKey.set(`${tool.namespace}.${tool.method}`, tool);
  const namespaces = Object.fromEntries(
    servers.map((entry) => [entry.namespace, entry.tools.map((t) => t.method)]),
  );
  const version = createHash('sha256')
    .update(
      JSON.stringify(servers.map(({ server, tools }) => [server, tools.map((tool) => tool.definition)])),
    )
    .digest('hex')
    .slice(0, 16);
  return Object.freeze({
    servers: Object.freeze(servers),
    version,
    find: (namespace: string, method: string) => byKey.get(`${namespace}.${method}`),
    // A fresh copy each time: the sandbox serializes it, callers must not mutate the catalog through it.
    namespaces: () => structuredClone(namespaces),
  });
}

/** The catalog restricted to one server (by config key or namespace). */
export function selectServer(catalog: Catalog, server: string | undefined): Catalog {
  if (server === undefined) return catalog;
  const entry = catalog.servers.find(
    (candidate) => candidate.server === server || candidate.namespace === server,
  );
  if (!entry) {
    const known = catalog.servers.map((candidate) => candidate.server).join(', ') || 'none connected';
    throw new CodeModeError('NOT_FOUND', `no server "${server}" (servers: ${known})`, {
      details: { server },
    });
  }
  return catalogOf([entry]);
}
