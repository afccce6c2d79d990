// Code Mode in your own Anthropic Messages loop (plain objects: works with `@anthropic-ai/sdk` or fetch).
import { createCodeMode } from '../../src/index.ts';
import {
  type AnthropicToolResult,
  type AnthropicToolUse,
  anthropicTools,
} from '../../src/integrations/anthropic.ts';
import { demoConfig } from '../../src/cli/demo-config.ts';

type Block = AnthropicToolUse | { type: 'text'; text: string };
type Message = { role: 'user' | 'assistant'; content: string | (Block | AnthropicToolResult)[] };
type Create = (request: { messages: Message[]; tools: unknown[] }) => Promise<{ content: Block[] }>;

/** Runs the loop with your `create` function (one messages.create call) until the model answers in text. */
export async function runLoop(create: Create, task: string, maxTurns = 8): Promise<string> {
  const demo = demoConfig();
  const codemode = await createCodeMode({ config: demo.config });
  const codeModeTools = anthropicTools(codemode);
  const messages: Message[] = [{ role: 'user', content: task }];
  try {
    for (let turn = 0; turn < maxTurns; turn++) {
      const reply = await create({ messages, tools: codeModeTools.tools() });
      messages.push({ role: 'assistant', content: reply.content });
      const uses = reply.content.filter((block): block is AnthropicToolUse => block.type === 'tool_use');
      if (uses.length === 0)
        return reply.content.map((block) => ('text' in block ? block.text : '')).join('');
      messages.push({
        role: 'user',
        content: await Promise.all(uses.map((use) => codeModeTools.handle(use))),
      });
    }
    return 'no answer within the turn limit';
  } finally {
    await codemode.close();
    demo.cleanup();
  }
}
