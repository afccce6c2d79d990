import type { Approver } from '../engine/call-tool.ts';
import type { CodeMode } from '../engine/create-code-mode.ts';
import { describeTool } from '../server/describe-tool.ts';
import { executeTool } from '../server/execute-tool.ts';
import { type GatewayOptions, resolveGatewayOptions } from '../server/gateway-options.ts';
import { type GatewayTool, gatewayTools } from '../server/gateway-tools.ts';
import { searchTool } from '../server/search-tool.ts';
import type { ToolResult } from '../server/tool-result.ts';

/**
 * An agent's own loop can afford more of the API in the execute tool's description than a gateway's tools/list:
 * up to ~4,000 tokens, the whole API is inlined and search/describe are left out.
 */
export const DEFAULT_AGENT_INLINE_API_TOKENS = 4_000;

/** Options shared by the integrations. */
export interface CodeModeToolsOptions extends Omit<GatewayOptions, 'hybrid'> {
  /** Asks the user to approve destructive calls under a `destructive: "ask"` policy. */
  approve?: Approver;
}

/** The same tools the gateway offers, for an agent's own loop: definitions, and a way to call them. */
export interface CodeModeToolset {
  /** `execute`, plus `search` and `describe` when the API is too big to inline. Read again after catalog changes. */
  definitions(): GatewayTool[];
  /** Runs one tool call; a failure is a result with `isError` whose text tells the model what to fix. */
  call(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolResult>;
}

/** The integrations' common core: one toolset over a CodeMode instance. */
export function codeModeToolset(codemode: CodeMode, options: CodeModeToolsOptions = {}): CodeModeToolset {
  const resolved = resolveGatewayOptions({
    ...options,
    hybrid: false,
    inlineApiTokens: options.inlineApiTokens ?? DEFAULT_AGENT_INLINE_API_TOKENS,
  });
  return {
    definitions() {
      const tools = gatewayTools(codemode.catalog(), resolved);
      const inlined = tools.some(
        (tool) => tool.name === 'execute' && tool.description?.includes('The whole API:'),
      );
      return inlined ? tools.filter((tool) => tool.name === 'execute') : tools;
    },
    async call(name, args, signal = new AbortController().signal) {
      const observed = codemode.observedOutputs()?.lookup;
      switch (name) {
        case 'search':
          return searchTool(codemode.catalog(), args, observed);
        case 'describe':
          return describeTool(codemode.catalog(), args, observed);
        case 'execute':
          return executeTool(codemode, args, { signal, approve: options.approve }, resolved);
        default:
          return { content: [{ type: 'text', text: `Unknown tool "${name}": use execute.` }], isError: true };
      }
    },
  };
}

/** The text of a result, as one string. */
export function resultText(result: ToolResult): string {
  return result.content.map((item) => item.text).join('\n');
}
