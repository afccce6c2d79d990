// Who may reach the HTTP gateway: loopback by default, a token for anything else, and the token enforced.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type GatewayProcess, startGateway } from './helpers/gateway-process.ts';
import { runCli, temporaryDirectory, toolsServer, writeConfig } from './helpers/run-cli.ts';

const TOKEN = 'test-token-0123456789';
let config: string;
let gateway: GatewayProcess;

before(async () => {
  config = writeConfig(temporaryDirectory('security'), { tools: toolsServer() });
  gateway = await startGateway(['--config', config], { CODEMODE_TOKEN: TOKEN });
});
after(async () => {
  await gateway?.stop();
});

test('binding a non-loopback address without a token is refused, exit 2, with what to do', async () => {
  const outcome = await runCli(['serve', '--config', config, '--http', '0.0.0.0:0']);
  assert.equal(outcome.code, 2);
  assert.match(
    outcome.stderr,
    /refusing to listen on 0\.0\.0\.0 without a token.*--token or set CODEMODE_TOKEN/,
  );
});

test('a bad --http value is a usage error', async () => {
  const outcome = await runCli(['serve', '--config', config, '--http', 'nowhere:port']);
  assert.equal(outcome.code, 2);
  assert.match(outcome.stderr, /--http expects \[HOST:\]PORT/);
});

test('with a token set, requests without it are 401 and requests with it work', async () => {
  const missing = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
  const wrong = await fetch(gateway.url, {
    method: 'POST',
    headers: { authorization: 'Bearer nope' },
    body: '{}',
  });
  assert.equal(wrong.status, 401);

  const client = new Client({ name: 'security-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(gateway.url), {
      requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
    }),
  );
  const result = await client.callTool({
    name: 'execute',
    arguments: { code: 'return await tools.echo({ value: 7 })' },
  });
  assert.match((result.content as { text: string }[])[0]?.text ?? '', /^7/);
  await client.close();
});
