import { type ToolSet, jsonSchema, tool } from 'ai';
import type { CodeMode } from '../engine/create-code-mode.ts';
import { type CodeModeToolsOptions, codeModeToolset, resultText } from './code-mode-toolset.ts';

export type { CodeModeToolsOptions } from './code-mode-toolset.ts';

/**
 * Code Mode as Vercel AI SDK tools: `execute` (with the whole API in its description when it is small), plus `search`
 * and `describe` for a large catalog. Each result is text the model reads; a failure says what to fix, and reaches
 * the model as an error result (Anthropic's `is_error`), so it repairs its program on the next step.
 *
 * @example
 * ```ts
 * import { generateText, stepCountIs } from 'ai';
 * import { createCodeMode } from 'codemode';
 * import { codeModeTools } from 'codemode/ai-sdk';
 *
 * const codemode = await createCodeMode({ config: './codemode.json' });
 * const { text } = await generateText({ model, tools: codeModeTools(codemode), stopWhen: stepCountIs(8), prompt });
 * ```
 */
export function codeModeTools(codemode: CodeMode, options: CodeModeToolsOptions = {}): ToolSet {
  const toolset = codeModeToolset(codemode, options);
  // The output stays the plain text (what users see in toolResults); failed calls are remembered by id until the SDK
  // turns them into the model's message.
  const failed = new Set<string>();
  const tools: ToolSet = {};
  for (const definition of toolset.definitions()) {
    tools[definition.name] = tool({
      description: definition.description ?? '',
      inputSchema: jsonSchema<Record<string, unknown>>(
        definition.inputSchema as Parameters<typeof jsonSchema>[0],
      ),
      execute: async (input, { abortSignal, toolCallId }) => {
        const result = await toolset.call(definition.name, input, abortSignal);
        if (result.isError) failed.add(toolCallId);
        return resultText(result);
      },
      toModelOutput: ({ toolCallId, output }) => ({
        type: failed.delete(toolCallId) ? 'error-text' : 'text',
        value: String(output),
      }),
    });
  }
  return tools;
}
