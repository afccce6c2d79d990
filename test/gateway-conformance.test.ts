// The official MCP conformance suite's server scenarios that apply to a gateway, run against `codemode serve --http`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { type GatewayProcess, startGateway } from './helpers/gateway-process.ts';
import { REPO_ROOT, temporaryDirectory, toolsServer, writeConfig } from './helpers/run-cli.ts';

const run = promisify(execFile);
const CONFORMANCE = join(REPO_ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'tools-call-error', 'dns-rebinding-protection'];

let gateway: GatewayProcess;
before(async () => {
  gateway = await startGateway([
    '--config',
    writeConfig(temporaryDirectory('conformance'), { tools: toolsServer() }),
  ]);
});
after(async () => {
  await gateway?.stop();
});

for (const scenario of SCENARIOS) {
  test(`conformance: ${scenario}`, async () => {
    const { stdout } = await run(
      process.execPath,
      [CONFORMANCE, 'server', '--url', gateway.url, '--scenario', scenario],
      {
        timeout: 60_000,
      },
    );
    const summary = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(stdout);
    assert.ok(summary, stdout);
    assert.equal(summary[3], '0', stdout);
    assert.equal(summary[1], summary[2], stdout);
  });
}
