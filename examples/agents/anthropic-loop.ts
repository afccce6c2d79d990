// Code Mode in your own Anthropic Messages loop (plain objects: works with `@anthropic-ai/sdk` or fetch).
import { pathToFileURL } from 'node:url';
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

// Run directly: ANTHROPIC_API_KEY=... node examples/agents/anthropic-loop.ts "TASK".
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const create: Create = async ({ messages, tools }) => {
    const response = await fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': process.env.ANTHROPIC_API_KEY ?? '',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: process.env.ANTHROPIC_MODEL ?? 'claude-sonnet-4-5',
        max_tokens: 4096,
        messages,
        tools,
      }),
    });
    if (!response.ok) throw new Error(`Anthropic answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { content: Block[] };
  };
  process.stdout.write(
    `${await runLoop(create, process.argv.slice(2).join(' ') || 'How many orders are in data/orders.csv?')}\n`,
  );
}
