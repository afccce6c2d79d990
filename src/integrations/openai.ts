import type { CodeMode } from '../engine/create-code-mode.ts';
import { type CodeModeToolsOptions, codeModeToolset, resultText } from './code-mode-toolset.ts';

/** A Chat Completions function tool. */
export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** A tool call as Chat Completions returns it (`message.tool_calls[i]`). */
export interface OpenAIToolCall {
  id: string;
  type?: 'function';
  function: { name: string; arguments: string };
}

/** The message to append for a tool call's result. */
export interface OpenAIToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

/**
 * Code Mode for your own OpenAI loop: `tools` for `chat.completions.create`, and `handle` for each tool call.
 *
 * @example
 * ```ts
 * const codeModeForOpenAI = openAITools(codemode);
 * const response = await openai.chat.completions.create({ model, messages, tools: codeModeForOpenAI.tools() });
 * for (const call of response.choices[0].message.tool_calls ?? []) messages.push(await codeModeForOpenAI.handle(call));
 * ```
 */
export function openAITools(codemode: CodeMode, options: CodeModeToolsOptions = {}) {
  const toolset = codeModeToolset(codemode, options);
  return {
    tools: (): OpenAIFunctionTool[] =>
      toolset.definitions().map((definition) => ({
        type: 'function',
        function: {
          name: definition.name,
          description: definition.description ?? '',
          parameters: definition.inputSchema,
        },
      })),
    async handle(call: OpenAIToolCall, signal?: AbortSignal): Promise<OpenAIToolMessage> {
      const args = parseArguments(call.function.arguments);
      const text =
        args === undefined
          ? `The arguments of ${call.function.name} are not a JSON object: ${call.function.arguments.slice(0, 200)}`
          : resultText(await toolset.call(call.function.name, args, signal));
      return { role: 'tool', tool_call_id: call.id, content: text };
    },
  };
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
