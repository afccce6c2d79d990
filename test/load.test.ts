// Load through the real HTTP gateway: 200 concurrent executions complete; hundreds of sequential ones leave the
// gateway's process count flat. (The 10,000-execution soak with its RSS slope is `bench/soak.ts`.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type GatewayProcess, startGateway } from './helpers/gateway-process.ts';
import { temporaryDirectory, toolsServer, writeConfig } from './helpers/run-cli.ts';

let gateway: GatewayProcess;
let client: Client;
before(async () => {
  gateway = await startGateway([
    '--config',
    writeConfig(temporaryDirectory('load'), { tools: toolsServer() }),
  ]);
  client = new Client(
    { name: 'load', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url)));
});
after(async () => {
  await client?.close();
  await gateway?.stop();
});

/** Processes in the gateway's tree: itself, its workers, its servers and their helpers. */
function processTree(root: number): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n');
  const children = new Map<number, number[]>();
  for (const line of lines) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() ?? 0;
    count += 1;
    stack.push(...(children.get(pid) ?? []));
  }
  return count;
}

test('200 concurrent executions through the HTTP gateway all complete', { timeout: 120_000 }, async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      client.callTool({
        name: 'execute',
        arguments: { code: `return (await tools.sleep({ ms: 20 })) && ${i};` },
      }),
    ),
  );
  const values = results.map((result) =>
    Number((result.content as { text: string }[])[0]?.text.split('\n')[0]),
  );
  assert.deepEqual(
    values,
    Array.from({ length: 200 }, (_, i) => i),
  );
});

test('300 sequential executions leave the process count flat', { timeout: 120_000 }, async () => {
  const pid = gateway.child.pid ?? 0;
  await client.callTool({ name: 'execute', arguments: { code: 'return 1' } });
  const before = processTree(pid);
  for (let i = 0; i < 300; i++) {
    await client.callTool({
      name: 'execute',
      arguments: { code: `return await tools.echo({ value: ${i} });` },
    });
  }
  assert.equal(processTree(pid), before);
});
