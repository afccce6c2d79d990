import type { CodeMode } from '../engine/create-code-mode.ts';
import { type CodeModeToolsOptions, codeModeToolset, resultText } from './code-mode-toolset.ts';

/** A tool as the Anthropic Messages API takes it. */
export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: { type: 'object'; [key: string]: unknown };
}

/** A `tool_use` content block of an assistant message. */
export interface AnthropicToolUse {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}

/** The `tool_result` block to send back in the next user message. */
export interface AnthropicToolResult {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}

/** Code Mode as Anthropic tools: see {@link anthropicTools}. */
export interface AnthropicCodeModeTools {
  /** The tools for `messages.create`. */
  tools(): AnthropicTool[];
  /** Runs one `tool_use` block; the `tool_result` block for the next user message (`is_error` when it failed). */
  handle(block: AnthropicToolUse, signal?: AbortSignal): Promise<AnthropicToolResult>;
}

/**
 * Code Mode for your own Anthropic loop: `tools` for `messages.create`, and `handle` for each `tool_use` block.
 *
 * @example
 * ```ts
 * const codeModeForClaude = anthropicTools(codemode);
 * const message = await anthropic.messages.create({ model, max_tokens, messages, tools: codeModeForClaude.tools() });
 * const results = await Promise.all(message.content.filter((b) => b.type === 'tool_use').map((b) => codeModeForClaude.handle(b)));
 * messages.push({ role: 'assistant', content: message.content }, { role: 'user', content: results });
 * ```
 */
export function anthropicTools(
  codemode: CodeMode,
  options: CodeModeToolsOptions = {},
): AnthropicCodeModeTools {
  const toolset = codeModeToolset(codemode, options);
  return {
    tools: () =>
      toolset.definitions().map((definition) => ({
        name: definition.name,
        description: definition.description ?? '',
        input_schema: definition.inputSchema,
      })),
    async handle(block, signal) {
      const input =
        typeof block.input === 'object' && block.input !== null
          ? (block.input as Record<string, unknown>)
          : {};
      const result = await toolset.call(block.name, input, signal);
      return {
        type: 'tool_result',
        tool_use_id: block.id,
        content: resultText(result),
        ...(result.isError && { is_error: true }),
      };
    },
  };
}
