import { type ToolSet, jsonSchema, tool } from 'ai';
import type { CodeMode } from '../engine/create-code-mode.ts';
import { type CodeModeToolsOptions, codeModeToolset, resultText } from './code-mode-toolset.ts';

/**
 * Code Mode as Vercel AI SDK tools: `execute` (with the whole API in its description when it is small), plus `search`
 * and `describe` for a large catalog. Results are text the model reads; failures say what to fix.
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
  const tools: ToolSet = {};
  for (const definition of toolset.definitions()) {
    tools[definition.name] = tool({
      description: definition.description ?? '',
      inputSchema: jsonSchema<Record<string, unknown>>(
        definition.inputSchema as Parameters<typeof jsonSchema>[0],
      ),
      execute: async (input, { abortSignal }) =>
        resultText(await toolset.call(definition.name, input, abortSignal)),
    });
  }
  return tools;
}
