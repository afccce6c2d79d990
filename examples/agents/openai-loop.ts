// Code Mode in your own OpenAI Chat Completions loop (plain objects: works with the `openai` package or fetch).
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
