// The OpenAI and Anthropic adapters against the SDKs' own types (`openai` and `@anthropic-ai/sdk` are devDependencies,
// imported for types only: nothing here goes to a network), and the Responses API in a scripted conversation over the
// real demo servers: a type error, a run-time error, then a program that works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { type DemoConfig, demoConfig } from '../../src/cli/demo-config.ts';
import { type CodeMode, createCodeMode } from '../../src/index.ts';
import { anthropicTools } from '../../src/integrations/anthropic.ts';
import { openAITools } from '../../src/integrations/openai.ts';

const PROGRAMS = [
  'const { content } = await filesystem.read_txt_file({ path: "data/orders.csv" }); return content;',
  'const { content } = await filesystem.read_text_file({ path: "data/order.csv" }); return content.length;',
  'const { content } = await filesystem.read_text_file({ path: "data/orders.csv" });\nreturn content.trim().split("\\n").length - 1;',
];

let demo: DemoConfig;
let codemode: CodeMode;
before(async () => {
  demo = demoConfig();
  codemode = await createCodeMode({ config: demo.config });
});
after(async () => {
  await codemode?.close();
  demo?.cleanup();
});

test('OpenAI Responses API: function tools and function_call_output items in the SDK types, three turns', async () => {
  const adapter = openAITools(codemode);
  // What responses.create takes; `strict` must be false (execute has an optional property).
  const tools: OpenAI.Responses.Tool[] = adapter.responsesTools();
  assert.deepEqual(
    tools.map((tool) => [tool.type, 'name' in tool && tool.name, 'strict' in tool && tool.strict]),
    [['function', 'execute', false]],
  );
  const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: 'How many orders?' }];
  const shown: string[] = [];
  for (const [turn, code] of PROGRAMS.entries()) {
    const call: OpenAI.Responses.ResponseFunctionToolCall = {
      type: 'function_call',
      id: `fc_${turn}`,
      call_id: `call_${turn}`,
      name: 'execute',
      arguments: JSON.stringify({ code }),
      status: 'completed',
    };
    const output = await adapter.handleResponsesCall(call);
    input.push(call, output);
    assert.equal(output.call_id, call.call_id);
    shown.push(output.output);
  }
  assert.match(shown[0] ?? '', /^TypeCheckError: 1 type error; nothing ran.*Did you mean 'read_text_file'/s);
  assert.match(shown[1] ?? '', /^ToolError: .*order\.csv/s);
  assert.match(shown[2] ?? '', /^200\n/);
  assert.equal(input.length, 7);
});

test('OpenAI Chat Completions and Anthropic Messages: tools, calls and results in the SDK types', async () => {
  const openai = openAITools(codemode);
  const chatTools: OpenAI.Chat.Completions.ChatCompletionTool[] = openai.tools();
  assert.equal(chatTools.length, 1);
  const call: OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall = {
    id: 'call_1',
    type: 'function',
    function: { name: 'execute', arguments: JSON.stringify({ code: 'return 6 * 7' }) },
  };
  const message: OpenAI.Chat.Completions.ChatCompletionToolMessageParam = await openai.handle(call);
  assert.match(typeof message.content === 'string' ? message.content : '', /^42\n/);

  const anthropic = anthropicTools(codemode);
  const messageTools: Anthropic.Messages.ToolUnion[] = anthropic.tools();
  assert.equal(messageTools.length, 1);
  const block: Anthropic.Messages.ToolUseBlock = {
    type: 'tool_use',
    id: 'toolu_1',
    name: 'execute',
    input: { code: 'return memory.nope()' },
    caller: { type: 'direct' },
  };
  const result: Anthropic.Messages.ToolResultBlockParam = await anthropic.handle(block);
  assert.equal(result.is_error, true);
  assert.match(typeof result.content === 'string' ? result.content : '', /^TypeCheckError: /);
});
