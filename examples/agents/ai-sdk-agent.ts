// Code Mode in a Vercel AI SDK agent. Run with a provider of your choice, e.g. `@ai-sdk/anthropic`:
//   ANTHROPIC_API_KEY=... node examples/agents/ai-sdk-agent.ts "Who is in the knowledge graph?"
// (install the provider first: npm install @ai-sdk/anthropic). Uses the demo servers of `npm start`.
import { generateText, stepCountIs } from 'ai';
import type { LanguageModel } from 'ai';
import { createCodeMode } from '../../src/index.ts';
import { codeModeTools } from '../../src/integrations/ai-sdk.ts';
import { demoConfig } from '../../src/cli/demo-config.ts';

export async function runAgent(model: LanguageModel, task: string): Promise<string> {
  const demo = demoConfig();
  const codemode = await createCodeMode({ config: demo.config });
  try {
    const { text } = await generateText({
      model,
      tools: codeModeTools(codemode),
      stopWhen: stepCountIs(8),
      system: 'Use the execute tool: write one program that does the whole task.',
      prompt: task,
    });
    return text;
  } finally {
    await codemode.close();
    demo.cleanup();
  }
}
