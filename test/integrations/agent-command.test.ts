// `codemode agent` as a real child process against a fake OpenAI-compatible endpoint on 127.0.0.1 that replays a
// scripted conversation: a type error, a run-time error, a working program over the real demo servers, an answer.
import assert from 'node:assert/strict';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';

const PROGRAMS = [
  'const graph = await memory.read_grap({}); return graph;',
  'const { content } = await filesystem.read_text_file({ path: "data/nope.csv" }); return content.length;',
  'const { content } = await filesystem.read_text_file({ path: "data/orders.csv" });\nreturn content.trim().split("\\n").length - 1;',
];

let server: Server;
let baseUrl: string;
const requests: { messages: { role: string; content: unknown }[]; tools: unknown[] }[] = [];

function completion(message: Record<string, unknown>, finish: string) {
  return {
    id: `chatcmpl-${requests.length}`,
    object: 'chat.completion',
    created: 0,
    model: 'scripted',
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const parsed = JSON.parse(body) as (typeof requests)[number];
      requests.push(parsed);
      const turn = requests.length - 1;
      const code = PROGRAMS[turn];
      const reply =
        code !== undefined
          ? completion(
              {
                tool_calls: [
                  {
                    id: `call_${turn}`,
                    type: 'function',
                    function: { name: 'execute', arguments: JSON.stringify({ code }) },
                  },
                ],
              },
              'tool_calls',
            )
          : completion(
              {
                content: `There are ${/"?(\d+)"?\s*\n\n\(1 tool call/.exec(JSON.stringify(parsed.messages.at(-1)).replace(/\\n/g, '\n'))?.[1] ?? '?'} orders.`,
              },
              'stop',
            );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('the agent repairs its programs from the errors it is shown and answers from real results', async () => {
  const outcome = await runCli([
    'agent',
    '--demo',
    '--base-url',
    baseUrl,
    '--model',
    'compatible:scripted',
    'How many orders are there?',
  ]);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.equal(outcome.stdout.trim(), 'There are 200 orders.');
  assert.equal(requests.length, 4);
  const shown = requests.map((request) => JSON.stringify(request.messages.at(-1)));
  assert.match(
    shown[1] ?? '',
    /TypeCheckError: 1 type error; nothing ran.*read_grap.*Did you mean 'read_graph'/,
  );
  assert.match(shown[2] ?? '', /ToolError: .*nope\.csv/);
  assert.match(shown[3] ?? '', /200/);
  assert.match(JSON.stringify(requests[0]?.tools), /execute/);
  assert.match(
    outcome.stderr,
    /turn 1: running a program[\s\S]*failed: TypeCheckError[\s\S]*turn 3: running a program[\s\S]*ok, 1 tool calls/,
  );
  assert.match(outcome.stderr, /4 turns, 3 programs; tokens: 400 in, 80 out/);
});

test('a missing key is a one-line usage error, exit 2; an unreachable endpoint a one-line failure, exit 1', async () => {
  const missing = await runCli(['agent', '--demo', '--model', 'anthropic', 'hi'], {
    env: { ANTHROPIC_API_KEY: '' },
  });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr.trim(), /^codemode: ANTHROPIC_API_KEY is not set/);
  const unreachable = await runCli([
    'agent',
    '--demo',
    '--base-url',
    'http://127.0.0.1:9/v1',
    '--model',
    'compatible:x',
    '--max-steps',
    '1',
    'hi',
  ]);
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /codemode: the model call failed: /);
});
