import { Server } from '@modelcontextprotocol/server';
import type { CodeMode } from '../engine/create-code-mode.ts';
import type { Catalog } from '../catalog/types.ts';
import type { Approver } from '../engine/call-tool.ts';
import { describeTool } from './describe-tool.ts';
import { executeTool } from './execute-tool.ts';
import {
  type GatewayOptions,
  type ResolvedGatewayOptions,
  resolveGatewayOptions,
} from './gateway-options.ts';
import { gatewayTools, hybridName } from './gateway-tools.ts';
import { searchTool } from './search-tool.ts';
import { type ToolResult, usageResult } from './tool-result.ts';
import { packageVersion } from './package-version.ts';

/** Progress notifications per execution are spaced at least this far apart: enough to watch, not a flood. */
const PROGRESS_INTERVAL_MS = 100;

const INSTRUCTIONS =
  'codemode: all connected MCP servers behind three tools. Find tools with search (or describe), then write one ' +
  'program for execute that does the whole task and returns only what is needed.';

/** The gateway: a factory of MCP server instances (one per connection or request) over one CodeMode instance. */
export interface Gateway {
  /** A fresh MCP server instance for one stdio connection or one HTTP exchange. */
  createServer(): Server;
  /** Calls `listener` when the gateway's own tools/list changes (hybrid mode, an inlined API, the server list). */
  onToolsChanged(listener: () => void): () => void;
  /** Stops listening to the CodeMode instance (it is the caller's to close). */
  close(): void;
}

/**
 * Builds the gateway over a CodeMode instance. Upstream tool-list changes reach search and describe at once (they read
 * the current catalog per request); when the gateway's own tool list changes, connected clients are told.
 */
export function createGateway(codemode: CodeMode, gatewayOptions: GatewayOptions = {}): Gateway {
  const options = resolveGatewayOptions(gatewayOptions);
  const live = new Set<Server>();
  const listeners = new Set<() => void>();
  const toolsOf = (catalog: Catalog) => gatewayTools(catalog, options, codemode.checkMode !== 'off');
  let listed = JSON.stringify(toolsOf(codemode.catalog()));
  const unsubscribe = codemode.onCatalogChanged((catalog) => {
    const next = JSON.stringify(toolsOf(catalog));
    if (next === listed) return;
    listed = next;
    for (const server of live) server.sendToolListChanged().catch(() => {});
    for (const listener of listeners) listener();
  });

  return {
    createServer() {
      const server = new Server(
        { name: 'codemode', version: packageVersion() },
        { capabilities: { tools: { listChanged: true } }, instructions: INSTRUCTIONS },
      );
      server.setRequestHandler('tools/list', () => ({ tools: toolsOf(codemode.catalog()) }));
      server.setRequestHandler('tools/call', async (request, context) => {
        const args = (request.params.arguments ?? {}) as Record<string, unknown>;
        const token = context.mcpReq._meta?.progressToken;
        const progress =
          token === undefined
            ? undefined
            : throttledProgress((settled) =>
                context.mcpReq.notify({
                  method: 'notifications/progress',
                  params: { progressToken: token, progress: settled, message: `${settled} tool calls done` },
                }),
              );
        // Destructive calls under a "destructive": "ask" policy are put to the user, when the client can ask.
        const approve: Approver | undefined = server.getClientCapabilities()?.elicitation
          ? async ({ server: upstream, tool, args: callArgs }) => {
              const answer = await context.mcpReq.elicitInput({
                message: `A program wants to call ${upstream}.${tool} (marked destructive) with ${JSON.stringify(callArgs).slice(0, 500)}. Allow it?`,
                requestedSchema: {
                  type: 'object',
                  properties: { approve: { type: 'boolean', title: 'Allow this call' } },
                  required: ['approve'],
                },
              });
              return answer.action === 'accept' && answer.content?.approve === true;
            }
          : undefined;
        return callTool(codemode, options, request.params.name, args, {
          signal: context.mcpReq.signal,
          progress,
          approve,
        });
      });
      live.add(server);
      server.onclose = () => live.delete(server);
      return server;
    },
    onToolsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      unsubscribe();
      live.clear();
    },
  };
}

async function callTool(
  codemode: CodeMode,
  options: ResolvedGatewayOptions,
  name: string,
  args: Record<string, unknown>,
  request: {
    signal: AbortSignal;
    progress?: ((settled: number) => void) | undefined;
    approve?: Approver | undefined;
  },
): Promise<ToolResult> {
  switch (name) {
    case 'search':
      return searchTool(codemode.catalog(), args, codemode.observedOutputs()?.lookup);
    case 'describe':
      return describeTool(codemode.catalog(), args, codemode.observedOutputs()?.lookup);
    case 'execute':
      return executeTool(codemode, args, request, options);
  }
  if (options.hybrid) {
    const tool = codemode
      .catalog()
      .servers.flatMap((server) => server.tools)
      .find((entry) => hybridName(entry.namespace, entry.method) === name);
    // Through a one-line program, so a direct call gets the same limits, mapping and (later) policies as any other.
    if (tool) {
      const code = `return await ${tool.namespace}.${tool.method}(${JSON.stringify(args)});`;
      return executeTool(codemode, { code }, { signal: request.signal, approve: request.approve }, options);
    }
  }
  return usageResult(`Unknown tool "${name}". The tools are search, describe and execute.`);
}

/** At most one progress notification per {@link PROGRESS_INTERVAL_MS}; the latest count always wins. */
function throttledProgress(send: (settled: number) => Promise<void>): (settled: number) => void {
  let last = 0;
  return (settled) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    send(settled).catch(() => {});
  };
}
