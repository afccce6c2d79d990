// Code Mode in a Vercel AI SDK agent, on the demo servers of `npm start`:
//   ANTHROPIC_API_KEY=... node examples/agents/ai-sdk-agent.ts "How many orders are in data/orders.csv?"
// (or OPENAI_API_KEY, or CODEMODE_BASE_URL + CODEMODE_MODEL=compatible:NAME for a local server).
import { generateText, stepCountIs } from 'ai';
import type { LanguageModel } from 'ai';
import { createCodeMode } from '../../src/index.ts';
import { codeModeTools } from '../../src/integrations/ai-sdk.ts';
import { pathToFileURL } from 'node:url';
import { demoConfig } from '../../src/cli/demo-config.ts';
import { resolveModel } from '../../src/integrations/agent-model.ts';

export async function runAgent(model: LanguageModel, task: string): Promise<string> {
  const demo = demoConfig();
  const codemode = await createCodeMode({ config: demo.config });
  try {
    const { text } = await generateText({
      model,
      tools: codeModeTools(codemode),
      stopWhen: stepCountIs(8),
      instructions: 'Use the execute tool: write one program that does the whole task.',
      prompt: task,
    });
    return text;
  } finally {
    await codemode.close();
    demo.cleanup();
  }
}

// Run directly: node examples/agents/ai-sdk-agent.ts "TASK" (the model as for codemode agent: keys in the environment).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { model } = await resolveModel({ env: process.env });
  process.stdout.write(
    `${await runAgent(model, process.argv.slice(2).join(' ') || 'What is in the knowledge graph?')}\n`,
  );
}
