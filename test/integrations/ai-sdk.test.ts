// The AI SDK integration end to end: a scripted model whose first program has a type error, second a run-time error,
// third succeeds, against the real memory server. Asserts what the model was shown at each turn and that the answer
// comes from real tool results.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generateText, stepCountIs } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { type CodeMode, createCodeMode } from '../../src/index.ts';
import { codeModeTools } from '../../src/integrations/ai-sdk.ts';
import { anthropicTools } from '../../src/integrations/anthropic.ts';
import { openAITools } from '../../src/integrations/openai.ts';
import { memoryServer } from '../fixtures/upstream/servers.ts';
import { temporaryDirectory } from '../helpers/run-cli.ts';

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** The three programs of the conversation: a type error, a run-time error, then a working one. */
const PROGRAMS = [
  'const graph = await memory.read_grap({}); return graph.entities.length;',
  'const graph = await memory.read_graph({}); const first = graph.entities[0]; return first.name.toUpperCase();',
  'await memory.create_entities({ entities: [{ name: "Ada", entityType: "person", observations: ["first programmer"] }] });\n' +
    'const graph = await memory.read_graph({});\nreturn graph.entities.map((e) => e.name);',
];

let codemode: CodeMode;
before(async () => {
  codemode = await createCodeMode({
    config: { mcpServers: { memory: memoryServer(join(temporaryDirectory('ai-sdk'), 'm.jsonl')) } },
  });
});
after(async () => {
  await codemode?.close();
});

test('AI SDK: the model repairs a type error, then a run-time error, and answers from real results', async () => {
  const turns = [
    ...PROGRAMS.map((code, index) => ({
      content: [
        {
          type: 'tool-call' as const,
          toolCallId: `call-${index}`,
          toolName: 'execute',
          input: JSON.stringify({ code }),
        },
      ],
      finishReason: { unified: 'tool-calls' as const, raw: 'tool_use' },
      usage: USAGE,
      warnings: [],
    })),
  ];
  let step = 0;
  const model: MockLanguageModelV4 = new MockLanguageModelV4({
    doGenerate: (options) => {
      const next = turns[step++];
      if (next) return Promise.resolve(next);
      // The final turn: answer with what the last tool result said.
      const last = JSON.stringify(options.prompt.at(-1));
      const names = /\\"(Ada)\\"/.exec(last)?.[1] ?? 'nobody';
      return Promise.resolve({
        content: [{ type: 'text', text: `The graph holds: ${names}.` }],
        finishReason: { unified: 'stop', raw: 'end_turn' },
        usage: USAGE,
        warnings: [],
      });
    },
  });
  const executed: string[] = [];
  const tools = codeModeTools(codemode, {
    onExecuted: (outcome) => executed.push(outcome.ok ? 'ok' : outcome.error.name),
  });
  assert.deepEqual(Object.keys(tools), ['execute'], 'a small API is inlined: no search or describe needed');
  assert.doesNotMatch(
    String(tools.execute?.description),
    /Find tools with search/,
    'no pointer to tools not offered',
  );
  const result = await generateText({
    model,
    tools,
    stopWhen: stepCountIs(6),
    prompt: 'Who is in the knowledge graph?',
  });

  const shown = model.doGenerateCalls.map((call) => JSON.stringify(call.prompt));
  // Turn 1: the model saw the API in the tool's description.
  assert.match(JSON.stringify(model.doGenerateCalls[0]?.tools), /declare namespace memory[\s\S]*read_graph/);
  // Turn 2: the type error, with the closest name, and nothing ran.
  assert.match(
    shown[1] ?? '',
    /TypeCheckError: 1 type error; nothing ran.*read_grap.*Did you mean 'read_graph'/,
  );
  // Turn 3: the run-time error, pointing into the program.
  assert.match(
    shown[2] ?? '',
    /TypeError: Cannot read properties of undefined \(reading 'name'\).*program\.js:1:/,
  );
  // Turn 4: the real result.
  assert.match(shown[3] ?? '', /\[\\"Ada\\"\]/);
  assert.equal(result.text, 'The graph holds: Ada.');
  assert.deepEqual(executed, ['TypeCheckError', 'TypeError', 'ok']);
});

test('AI SDK: a catalog over the inline budget gets search and describe, which return declarations', async () => {
  const tools = codeModeTools(codemode, { inlineApiTokens: 10 });
  assert.deepEqual(Object.keys(tools).sort(), ['describe', 'execute', 'search']);
  assert.doesNotMatch(String(tools.execute?.description), /declare namespace/);
  assert.match(String(tools.execute?.description), /Servers: memory \(9 tools\)/);
  const options = { toolCallId: 's1', messages: [], context: {} };
  const found: unknown = await tools.search?.execute?.({ query: 'add observations to an entity' }, options);
  assert.match(String(found), /add_observations/);
  const described: unknown = await tools.describe?.execute?.({ names: ['memory.read_graph'] }, options);
  assert.match(String(described), /read_graph\(/);
});

test('OpenAI and Anthropic adapters: definitions in each format, and calls handled', async () => {
  const openai = openAITools(codemode);
  assert.deepEqual(
    openai.tools().map((t) => [t.type, t.function.name]),
    [['function', 'execute']],
  );
  const message = await openai.handle({
    id: 'c1',
    function: { name: 'execute', arguments: JSON.stringify({ code: 'return 6 * 7' }) },
  });
  assert.deepEqual(
    { ...message, content: message.content.split('\n')[0] },
    { role: 'tool', tool_call_id: 'c1', content: '42' },
  );
  const bad = await openai.handle({ id: 'c2', function: { name: 'execute', arguments: '{not json' } });
  assert.match(bad.content, /not a JSON object/);

  const anthropic = anthropicTools(codemode);
  assert.deepEqual(
    anthropic.tools().map((t) => Object.keys(t).sort()),
    [['description', 'input_schema', 'name']],
  );
  const ok = await anthropic.handle({
    type: 'tool_use',
    id: 't1',
    name: 'execute',
    input: { code: 'return "hi"' },
  });
  assert.equal(ok.is_error, undefined);
  assert.match(ok.content, /^"hi"/);
  const failed = await anthropic.handle({
    type: 'tool_use',
    id: 't2',
    name: 'execute',
    input: { code: 'return memory.nope()' },
  });
  assert.equal(failed.is_error, true);
  assert.match(failed.content, /TypeCheckError/);
});
