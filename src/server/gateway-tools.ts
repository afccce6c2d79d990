import type { Tool } from '@modelcontextprotocol/server';
import type { Catalog } from '../catalog/types.ts';
import { declarationsForTools } from '../typegen/generate-declarations.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';
import { estimateTokens } from './token-budget.ts';

/** A tool the gateway lists, in MCP's shape. */
export type GatewayTool = Tool;

/** Servers listed by name in the descriptions; past this, the model uses search. */
const MAX_LISTED_SERVERS = 20;

/** Separator between namespace and tool in hybrid tool names (MCP clients accept `[A-Za-z0-9_-]`, 64 chars). */
export const HYBRID_SEPARATOR = '__';

const EXECUTE_DESCRIPTION = `Run a JavaScript/TypeScript program against the connected MCP servers; get back its return value, console output and the number of tool calls.
The program is the body of an async function: use top-level await and \`return\` the result. Each server is a global namespace and each tool an async method taking one object: \`await server.tool({ ... })\`. Find tools with search and exact types with describe, then do the whole task in one program: loop, filter, join and aggregate in code, use Promise.all for independent calls, and return only what is needed (large results are cut). The program is type-checked first (nothing runs on a type error) and a failed tool call throws a ToolError you can catch. No fetch, timers, files or Node APIs: the tools are the only way out.
Example: const { entities } = await memory.read_graph({}); return entities.filter((e) => e.entityType === 'person').map((e) => e.name);`;

const SEARCH_DESCRIPTION = `Find tools of the connected MCP servers by what they do. Returns the best matches as TypeScript declarations to call from execute's program.
query: what you want to do, or a tool name. detail: "names", "signatures" (default) or "full" (with every parameter documented).`;

const DESCRIBE_DESCRIPTION = `Get the complete TypeScript declarations of tools or servers by name: "server.tool", "tool" or "server". Use it before execute when search's signatures are not enough.`;

/** The gateway's own tools, plus the upstream tools in hybrid mode. Deterministic for a catalog and options. */
export function gatewayTools(catalog: Catalog, options: ResolvedGatewayOptions): GatewayTool[] {
  const servers = serverSummary(catalog);
  const tools: GatewayTool[] = [
    {
      name: 'search',
      title: 'Search tools',
      description: `${SEARCH_DESCRIPTION}\n${servers}`,
      inputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string' },
          detail: { type: 'string', enum: ['names', 'signatures', 'full'] },
          limit: { type: 'integer', minimum: 1, maximum: 50, description: 'default 5' },
        },
        required: ['query'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: 'describe',
      title: 'Describe tools',
      description: DESCRIBE_DESCRIPTION,
      inputSchema: {
        type: 'object',
        properties: { names: { type: 'array', items: { type: 'string' }, minItems: 1 } },
        required: ['names'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: 'execute',
      title: 'Execute a program',
      description: `${EXECUTE_DESCRIPTION}\n${inlineApi(catalog, options) ?? servers}`,
      inputSchema: {
        type: 'object',
        properties: {
          code: { type: 'string', description: 'the program' },
          timeoutMs: { type: 'integer', minimum: 1, description: 'wall-clock limit, default 30000' },
        },
        required: ['code'],
      },
      annotations: { openWorldHint: true },
    },
  ];
  if (options.hybrid) tools.push(...hybridTools(catalog));
  return tools;
}

/** "Servers: memory (9 tools), filesystem (14 tools)." — bounded, so a big catalog cannot bloat tools/list. */
function serverSummary(catalog: Catalog): string {
  if (catalog.servers.length === 0) return 'No servers are connected.';
  const listed = catalog.servers
    .slice(0, MAX_LISTED_SERVERS)
    .map((server) => `${server.namespace} (${server.tools.length} tools)`);
  const more = catalog.servers.length - listed.length;
  return `Servers: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

/** The whole API as compact declarations, when it fits the inline budget. */
function inlineApi(catalog: Catalog, options: ResolvedGatewayOptions): string | undefined {
  if (options.inlineApiTokens <= 0) return undefined;
  const tools = catalog.servers.flatMap((server) => server.tools);
  if (tools.length === 0) return undefined;
  const api = declarationsForTools(tools, { detail: 'compact' });
  return estimateTokens(api) <= options.inlineApiTokens ? `The whole API:\n${api}` : undefined;
}

function hybridTools(catalog: Catalog): GatewayTool[] {
  return catalog.servers.flatMap((server) =>
    server.tools.map((tool) => ({
      name: hybridName(tool.namespace, tool.method),
      ...(tool.definition.title !== undefined && { title: tool.definition.title }),
      description: `[${server.server}] ${tool.definition.description ?? tool.definition.name}`,
      inputSchema: { ...tool.definition.inputSchema, type: 'object' },
      ...(tool.definition.annotations && { annotations: tool.definition.annotations }),
    })),
  );
}

/** `namespace__method`, cut to MCP clients' 64-character limit. */
export function hybridName(namespace: string, method: string): string {
  return `${namespace}${HYBRID_SEPARATOR}${method}`.slice(0, 64);
}
