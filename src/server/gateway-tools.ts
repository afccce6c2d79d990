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

// Every token of these descriptions and schemas is sent on every model turn, by every user: they say what a model needs
// to use the tools well and no more (bench/tokens.ts measures what they cost per task). Bounds the handlers check anyway
// (an empty names list, a zero timeout) are left to their error messages rather than spelled out in the schemas.
/** execute's description; it promises a type check only where one runs (`check: "off"` has none). */
const executeDescription = (
  typeChecked: boolean,
) => `Run a TypeScript program against the servers' tools; returns its result, console output and tool-call count.
The program is an async function body: each server is a global, each tool an async method taking one object (\`await server.tool({ ... })\`); \`return\` the result. Look tools up with search or describe, then do the whole task in one program: loop, filter and aggregate in code, Promise.all independent calls, return only what is needed (large results are cut). ${typeChecked ? 'Type-checked before it runs; a' : 'A'} failed call throws a catchable ToolError. No fetch, timers or Node APIs.`;

const SEARCH_DESCRIPTION = `Find tools by what they do or by name; returns their TypeScript declarations, to call in execute. detail "full" documents every parameter.`;

const DESCRIBE_DESCRIPTION = `Complete TypeScript declarations, every parameter documented, of tools or servers by name: "server.tool", "tool" or "server".`;

/**
 * The gateway's own tools, plus the upstream tools in hybrid mode. Deterministic for a catalog and options.
 * `typeChecked`: whether programs are type-checked by default (the instance's check mode is not `off`).
 */
export function gatewayTools(
  catalog: Catalog,
  options: ResolvedGatewayOptions,
  typeChecked = true,
): GatewayTool[] {
  const tools: GatewayTool[] = [
    {
      name: 'search',
      title: 'Search tools',
      description: SEARCH_DESCRIPTION,
      inputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string' },
          detail: { type: 'string', enum: ['names', 'signatures', 'full'] },
          limit: { type: 'integer', description: '1-50, default 5' },
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
        properties: { names: { type: 'array', items: { type: 'string' } } },
        required: ['names'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: 'execute',
      title: 'Execute a program',
      description: `${executeDescription(typeChecked)}\n${inlineApi(catalog, options) ?? serverSummary(catalog)}`,
      inputSchema: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          timeoutMs: { type: 'integer', description: 'default 30000' },
        },
        required: ['code'],
      },
      // No annotations: MCP's defaults (not read-only, destructive, open world) are what execute is.
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
