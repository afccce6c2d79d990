// The three integrations end to end, through the example scripts in examples/agents/: a scripted model whose first
// program has a type error, second a run-time error, third succeeds, over the real demo servers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockLanguageModelV4 } from 'ai/test';
import { runAgent as runAISDKAgent } from '../../examples/agents/ai-sdk-agent.ts';
import { runLoop as runAnthropicLoop } from '../../examples/agents/anthropic-loop.ts';
import { runLoop as runOpenAILoop } from '../../examples/agents/openai-loop.ts';

const PROGRAMS = [
  'const { content } = await filesystem.read_txt_file({ path: "data/orders.csv" }); return content;',
  'const { content } = await filesystem.read_text_file({ path: "data/order.csv" }); return content.length;',
  'const { content } = await filesystem.read_text_file({ path: "data/orders.csv" });\nreturn content.trim().split("\\n").length - 1;',
];

function checkConversation(shown: string[]): void {
  assert.match(
    shown[0] ?? '',
    /TypeCheckError: 1 type error; nothing ran.*read_txt_file.*Did you mean 'read_text_file'/s,
  );
  assert.match(shown[1] ?? '', /^ToolError: .*order\.csv/s);
  assert.match(shown[2] ?? '', /^200\b/);
}

test('OpenAI chat-completions loop: repairs, then answers from real results', async () => {
  const shown: string[] = [];
  let turn = 0;
  const answer = await runOpenAILoop(({ messages, tools }) => {
    assert.match(JSON.stringify(tools), /"name":"execute"/);
    const last = messages.at(-1);
    if (last?.role === 'tool') shown.push(String(last.content));
    const code = PROGRAMS[turn];
    turn += 1;
    if (code === undefined)
      return Promise.resolve({ role: 'assistant', content: `${shown.at(-1)?.split('\n')[0]} orders.` });
    return Promise.resolve({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: `c${turn}`,
          type: 'function',
          function: { name: 'execute', arguments: JSON.stringify({ code }) },
        },
      ],
    });
  }, 'How many orders?');
  checkConversation(shown);
  assert.equal(answer, '200 orders.');
});

test('Anthropic messages loop: repairs, then answers from real results', async () => {
  const shown: string[] = [];
  const errors: boolean[] = [];
  let turn = 0;
  const answer = await runAnthropicLoop(({ messages, tools }) => {
    assert.match(JSON.stringify(tools), /"input_schema"/);
    const last = messages.at(-1);
    if (last && Array.isArray(last.content)) {
      for (const block of last.content) {
        if (block.type === 'tool_result') {
          shown.push(block.content);
          errors.push(block.is_error === true);
        }
      }
    }
    const code = PROGRAMS[turn];
    turn += 1;
    if (code === undefined)
      return Promise.resolve({
        content: [{ type: 'text' as const, text: `${shown.at(-1)?.split('\n')[0]} orders.` }],
      });
    return Promise.resolve({
      content: [{ type: 'tool_use', id: `t${turn}`, name: 'execute', input: { code } }],
    });
  }, 'How many orders?');
  checkConversation(shown);
  assert.deepEqual(errors, [true, true, false]);
  assert.equal(answer, '200 orders.');
});

test('AI SDK agent example: repairs, then answers from real results', async () => {
  const usage = {
    inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 5, text: 5, reasoning: undefined },
  };
  const shown: string[] = [];
  const kinds: string[] = [];
  let turn = 0;
  const model = new MockLanguageModelV4({
    doGenerate: ({ prompt }) => {
      const last = prompt.at(-1);
      if (last?.role === 'tool')
        for (const part of last.content)
          if (
            part.type === 'tool-result' &&
            (part.output.type === 'text' || part.output.type === 'error-text')
          ) {
            shown.push(part.output.value);
            kinds.push(part.output.type);
          }
      const code = PROGRAMS[turn];
      turn += 1;
      return Promise.resolve({
        content:
          code === undefined
            ? [{ type: 'text', text: `${shown.at(-1)?.split('\n')[0]} orders.` }]
            : [
                {
                  type: 'tool-call',
                  toolCallId: `c${turn}`,
                  toolName: 'execute',
                  input: JSON.stringify({ code }),
                },
              ],
        finishReason: { unified: code === undefined ? 'stop' : 'tool-calls', raw: undefined },
        usage,
        warnings: [],
      });
    },
  });
  const answer = await runAISDKAgent(model, 'How many orders?');
  checkConversation(shown);
  assert.deepEqual(kinds, ['error-text', 'error-text', 'text'], 'failures reach the model as error results');
  assert.equal(answer, '200 orders.');
});
