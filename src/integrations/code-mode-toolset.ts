import type { Approver } from '../engine/call-tool.ts';
import type { CodeMode } from '../engine/create-code-mode.ts';
import type { ExecutionResult } from '../engine/execution-result.ts';
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

/** Options shared by the integrations. Every field is optional. */
export interface CodeModeToolsOptions extends Omit<GatewayOptions, 'hybrid'> {
  /** Asks the user to approve destructive calls under a `destructive: "ask"` policy. Default: such calls are refused. */
  approve?: Approver;
  /**
   * Called after each program ran, with its result envelope (ok or the error, tool calls, duration): for progress
   * reports and logs. The model itself gets the envelope rendered as text.
   */
  onExecuted?: (outcome: ExecutionResult, code: string) => void;
}

/** The same tools the gateway offers, for an agent's own loop: definitions, and a way to call them. */
export interface CodeModeToolset {
  /** `execute`, plus `search` and `describe` when the API is too big to inline. Read again after catalog changes. */
  definitions(): GatewayTool[];
  /** Runs one tool call; a failure is a result with `isError` whose text tells the model what to fix. */
  call(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolResult>;
}

/** The gateway's execute text points at search and describe; with the API inlined they are not offered. */
const DISCOVERY_SENTENCE = 'Find tools with search and exact types with describe, then do';
const INLINED_SENTENCE = 'Use the API below, then do';

/**
 * The integrations' common core: one toolset over a CodeMode instance.
 *
 * @example
 * ```ts
 * const toolset = codeModeToolset(codemode);
 * const result = await toolset.call('execute', { code: 'return 1 + 1' }); // { content: [{ type: 'text', text: '2\n\n(0 tool calls, 3 ms)' }] }
 * ```
 */
export function codeModeToolset(codemode: CodeMode, options: CodeModeToolsOptions = {}): CodeModeToolset {
  const resolved = resolveGatewayOptions({
    ...options,
    hybrid: false,
    inlineApiTokens: options.inlineApiTokens ?? DEFAULT_AGENT_INLINE_API_TOKENS,
  });
  const runner = options.onExecuted ? observeExecutions(codemode, options.onExecuted) : codemode;
  return {
    definitions() {
      const tools = gatewayTools(codemode.catalog(), resolved, codemode.checkMode !== 'off');
      const execute = tools.find((tool) => tool.name === 'execute');
      if (!execute?.description?.includes('The whole API:')) return tools;
      return [{ ...execute, description: execute.description.replace(DISCOVERY_SENTENCE, INLINED_SENTENCE) }];
    },
    async call(name, args, signal = new AbortController().signal) {
      const observed = codemode.observedOutputs()?.lookup;
      switch (name) {
        // search and describe answer even when not offered: a model that guesses them still gets help.
        case 'search':
          return searchTool(codemode.catalog(), args, observed);
        case 'describe':
          return describeTool(codemode.catalog(), args, observed);
        case 'execute':
          return executeTool(runner, args, { signal, approve: options.approve }, resolved);
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

/** executeTool renders the envelope as text for the model; the hook gets the envelope itself. */
function observeExecutions(
  codemode: CodeMode,
  onExecuted: NonNullable<CodeModeToolsOptions['onExecuted']>,
): CodeMode {
  return {
    ...codemode,
    execute: async (code, executeOptions) => {
      const outcome = await codemode.execute(code, executeOptions);
      onExecuted(outcome, code);
      return outcome;
    },
  };
}
