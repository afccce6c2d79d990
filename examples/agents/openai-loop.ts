// Code Mode in your own OpenAI Chat Completions loop (plain objects: works with the `openai` package or fetch).
import { pathToFileURL } from 'node:url';
import { createCodeMode } from '../../src/index.ts';
import { type OpenAIToolCall, openAITools } from '../../src/integrations/openai.ts';
import { demoConfig } from '../../src/cli/demo-config.ts';

type Message = { role: string; content: string | null; tool_calls?: OpenAIToolCall[]; tool_call_id?: string };
type Complete = (request: { messages: Message[]; tools: unknown[] }) => Promise<Message>;

/** Runs the loop with your `complete` function (one chat.completions.create call) until the model answers. */
export async function runLoop(complete: Complete, task: string, maxTurns = 8): Promise<string> {
  const demo = demoConfig();
  const codemode = await createCodeMode({ config: demo.config });
  const codeModeTools = openAITools(codemode);
  const messages: Message[] = [{ role: 'user', content: task }];
  try {
    for (let turn = 0; turn < maxTurns; turn++) {
      const reply = await complete({ messages, tools: codeModeTools.tools() });
      messages.push(reply);
      if (!reply.tool_calls?.length) return reply.content ?? '';
      for (const call of reply.tool_calls) messages.push(await codeModeTools.handle(call));
    }
    return 'no answer within the turn limit';
  } finally {
    await codemode.close();
    demo.cleanup();
  }
}

// Run directly: OPENAI_API_KEY=... node examples/agents/openai-loop.ts "TASK" (OPENAI_BASE_URL for another endpoint).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  const complete: Complete = async ({ messages, tools }) => {
    const response = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${process.env.OPENAI_API_KEY ?? ''}`,
      },
      body: JSON.stringify({ model: process.env.OPENAI_MODEL ?? 'gpt-5-mini', messages, tools }),
    });
    if (!response.ok) throw new Error(`OpenAI answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { choices: { message: Message }[] };
    return body.choices[0]?.message ?? { role: 'assistant', content: '' };
  };
  process.stdout.write(
    `${await runLoop(complete, process.argv.slice(2).join(' ') || 'How many orders are in data/orders.csv?')}\n`,
  );
}
