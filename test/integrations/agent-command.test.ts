// `codemode agent` as a real child process against a fake OpenAI-compatible endpoint on 127.0.0.1 that replays
// scripted chat completions, chosen by the model name: "repair" writes a program with a type error, then one with a
// run-time error, then one that works over the real demo servers, then answers from what it was shown; "stubborn"
// never gets its program right.
import assert from 'node:assert/strict';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';

const SCRIPTS: Record<string, string[]> = {
  repair: [
    'const graph = await memory.read_grap({}); return graph;',
    'const { content } = await filesystem.read_text_file({ path: "data/nope.csv" }); return content.length;',
    'const { content } = await filesystem.read_text_file({ path: "data/orders.csv" });\nreturn content.trim().split("\\n").length - 1;',
  ],
  stubborn: Array.from({ length: 10 }, () => 'return memory.read_grap({});'),
};

interface ChatRequest {
  model: string;
  messages: { role: string; content: unknown }[];
  tools: unknown[];
}
let server: Server;
let baseUrl: string;
const requests: Record<string, ChatRequest[]> = {};

function completion(message: Record<string, unknown>, finish: string) {
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 0,
    model: 'scripted',
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

/** The next scripted turn: a program to run, or an answer quoting the last tool result's first line. */
function reply(request: ChatRequest, turn: number) {
  const code = SCRIPTS[request.model]?.[turn];
  if (code === undefined) {
    const last = request.messages.at(-1);
    const shown = typeof last?.content === 'string' ? last.content.split('\n')[0] : '?';
    return completion({ content: `There are ${shown} orders.` }, 'stop');
  }
  const call = {
    id: `call_${turn}`,
    type: 'function',
    function: { name: 'execute', arguments: JSON.stringify({ code }) },
  };
  return completion({ tool_calls: [call] }, 'tool_calls');
}

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const parsed = JSON.parse(body) as ChatRequest;
      const seen = (requests[parsed.model] ??= []);
      seen.push(parsed);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply(parsed, seen.length - 1)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function agent(model: string, ...flags: string[]) {
  return runCli([
    'agent',
    '--demo',
    '--base-url',
    baseUrl,
    '--model',
    `compatible:${model}`,
    ...flags,
    'How many orders are there?',
  ]);
}

test('the agent repairs its programs from the errors it is shown and answers from real results', async () => {
  const outcome = await agent('repair');
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.equal(outcome.stdout, 'There are 200 orders.\n');
  const seen = requests.repair ?? [];
  assert.equal(seen.length, 4);
  assert.match(JSON.stringify(seen[0]?.tools), /"name":"execute".*declare namespace filesystem/);
  const shown = seen.map((request) => String(request.messages.at(-1)?.content));
  assert.match(
    shown[1] ?? '',
    /^TypeCheckError: 1 type error; nothing ran.*read_grap.*Did you mean 'read_graph'/s,
  );
  assert.match(shown[2] ?? '', /^ToolError: .*nope\.csv/s);
  assert.match(shown[3] ?? '', /^200\n/);
  const progress = outcome.stderr.split('\n');
  assert.match(
    progress[0] ?? '',
    /^codemode agent: repair at http:\/\/127\.0\.0\.1:\d+\/v1; 3 servers, \d+ tools$/,
  );
  assert.match(progress[1] ?? '', /^ {2}turn 1: program \(1 line\) failed: TypeCheckError: /);
  assert.match(progress[2] ?? '', /^ {2}turn 2: program \(1 line\) failed: ToolError: /);
  assert.match(progress[3] ?? '', /^ {2}turn 3: program \(2 lines\) ok, 1 tool call, \d+ ms$/);
  assert.equal(progress[4], '  turn 4: answer');
  assert.equal(
    progress[5],
    'codemode agent: 4 turns, 3 programs (2 failed), 2 tool calls; tokens: 400 in, 80 out',
  );
});

test('a model that cannot repair its program stops after the bounded retries: no answer, exit 1', async () => {
  const outcome = await agent('stubborn');
  assert.equal(outcome.code, 1);
  assert.equal(outcome.stdout, '');
  // Four failures in a row: the first try and three repairs (DEFAULT_MAX_REPAIRS).
  assert.equal(requests.stubborn?.length, 4);
  assert.match(
    outcome.stderr,
    /\ncodemode: no answer: the model could not repair its program \(4 of 4 programs failed\); the last error: TypeCheckError: /,
  );
});

test('a missing key is a one-line usage error, exit 2; an unreachable endpoint a one-line failure, exit 1', async () => {
  const missing = await runCli(['agent', '--demo', '--model', 'anthropic', 'hi'], {
    env: { ANTHROPIC_API_KEY: '' },
  });
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^codemode: ANTHROPIC_API_KEY is not set[^\n]*\n$/);
  const noModel = await runCli(['agent', 'hi'], {
    env: {
      ANTHROPIC_API_KEY: '',
      OPENAI_API_KEY: '',
      CODEMODE_MODEL: '',
      CODEMODE_BASE_URL: '',
      OPENAI_BASE_URL: '',
    },
  });
  assert.equal(noModel.code, 2);
  assert.match(noModel.stderr, /^codemode: no model: set ANTHROPIC_API_KEY or OPENAI_API_KEY[^\n]*\n$/);
  // A port nothing listens on: taken from the system, then released.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const unreachable = await runCli([
    'agent',
    '--demo',
    '--base-url',
    `http://127.0.0.1:${port}/v1`,
    '--model',
    'compatible:x',
    'hi',
  ]);
  assert.equal(unreachable.code, 1);
  assert.match(
    unreachable.stderr,
    /\ncodemode: the model call failed \(x at http:\/\/127\.0\.0\.1:\d+\/v1\): .*Cannot connect to API[^\n]*\n$/,
  );
});
