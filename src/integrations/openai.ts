import type { CodeMode } from '../engine/create-code-mode.ts';
import { type CodeModeToolsOptions, codeModeToolset, resultText } from './code-mode-toolset.ts';

/** A Chat Completions function tool (`tools` of `chat.completions.create`). */
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

/** A Responses API function tool (`tools` of `responses.create`). */
export interface OpenAIResponsesTool {
  type: 'function';
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  /**
   * Always false: the Responses API defaults to strict schemas, which require every property and
   * `additionalProperties: false` — execute's optional `timeoutMs` would be refused.
   */
  strict: false;
}

/** A `function_call` item of a Responses API `output`. */
export interface OpenAIFunctionCall {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
}

/** The input item to send back for a `function_call`. */
export interface OpenAIFunctionCallOutput {
  type: 'function_call_output';
  call_id: string;
  output: string;
}

/** Code Mode as OpenAI tools: see {@link openAITools}. */
export interface OpenAICodeModeTools {
  /** Chat Completions: the function tools. */
  tools(): OpenAIFunctionTool[];
  /** Chat Completions: runs one tool call; the message to append. */
  handle(call: OpenAIToolCall, signal?: AbortSignal): Promise<OpenAIToolMessage>;
  /** Responses API: the function tools. */
  responsesTools(): OpenAIResponsesTool[];
  /** Responses API: runs one `function_call` item; the `function_call_output` item to send back. */
  handleResponsesCall(call: OpenAIFunctionCall, signal?: AbortSignal): Promise<OpenAIFunctionCallOutput>;
}

/**
 * Code Mode for your own OpenAI loop, Chat Completions or Responses API: the tools to send, and a handler per call.
 * The result text says what failed and how to fix it, so the model repairs its program on the next turn.
 *
 * @example
 * ```ts
 * const codeModeForOpenAI = openAITools(codemode);
 * const response = await openai.chat.completions.create({ model, messages, tools: codeModeForOpenAI.tools() });
 * for (const call of response.choices[0].message.tool_calls ?? []) messages.push(await codeModeForOpenAI.handle(call));
 *
 * // Responses API
 * const reply = await openai.responses.create({ model, input, tools: codeModeForOpenAI.responsesTools() });
 * for (const item of reply.output) if (item.type === 'function_call') input.push(item, await codeModeForOpenAI.handleResponsesCall(item));
 * ```
 */
export function openAITools(codemode: CodeMode, options: CodeModeToolsOptions = {}): OpenAICodeModeTools {
  const toolset = codeModeToolset(codemode, options);
  const run = async (name: string, argumentsText: string, signal?: AbortSignal): Promise<string> => {
    const args = parseArguments(argumentsText);
    return args === undefined
      ? `The arguments of ${name} are not a JSON object: ${argumentsText.slice(0, 200)}`
      : resultText(await toolset.call(name, args, signal));
  };
  return {
    tools: () =>
      toolset.definitions().map((definition) => ({
        type: 'function',
        function: {
          name: definition.name,
          description: definition.description ?? '',
          parameters: definition.inputSchema,
        },
      })),
    handle: async (call, signal) => ({
      role: 'tool',
      tool_call_id: call.id,
      content: await run(call.function.name, call.function.arguments, signal),
    }),
    responsesTools: () =>
      toolset.definitions().map((definition) => ({
        type: 'function',
        name: definition.name,
        description: definition.description ?? '',
        parameters: definition.inputSchema,
        strict: false,
      })),
    handleResponsesCall: async (call, signal) => ({
      type: 'function_call_output',
      call_id: call.call_id,
      output: await run(call.name, call.arguments, signal),
    }),
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
