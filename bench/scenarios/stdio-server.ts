// 1,000 calls to a real stdio MCP server: a codemode program against a direct MCP SDK client loop on the same server.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createCodeMode } from '../../src/engine/create-code-mode.ts';
import { percentile, round, timeMs } from '../measure.ts';
import type { Scenario } from './scenario.ts';

const SERVER = fileURLToPath(new URL('../../test/fixtures/tools-server.ts', import.meta.url));
const CALLS = 1000;

export const stdioServer: Scenario = {
  name: 'stdio-server',
  async run({ quick }) {
    const codemode = await createCodeMode({
      config: {
        mcpServers: { tools: { command: process.execPath, args: [SERVER] } },
        // Like for like: the direct client sends all 1,000 at once, so the per-server cap (64 by default) is lifted.
        codemode: { policies: { tools: { maxConcurrency: CALLS } } },
      },
      limits: { maxToolCalls: CALLS * 2 },
      // The comparison is the call path; the type check is measured on its own (type-check scenario).
      check: 'off',
    });
    const client = new Client({ name: 'codemode-bench', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [SERVER] }));
    try {
      const program = `await Promise.all(Array.from({ length: ${CALLS} }, (_, i) => tools.echo({ value: i }))); return 1;`;
      const throughCodeMode = async () => {
        const outcome = await codemode.execute(program);
        if (!outcome.ok) throw new Error(`program failed: ${outcome.error.message}`);
      };
      const direct = () =>
        Promise.all(
          Array.from({ length: CALLS }, (_, i) => client.callTool({ name: 'echo', arguments: { value: i } })),
        );
      await throughCodeMode();
      await direct();
      const rounds = quick ? 5 : 25;
      const codeModeMs: number[] = [];
      const directMs: number[] = [];
      // Alternating rounds: the machine is shared, so both sides see the same noise.
      for (let index = 0; index < rounds; index++) {
        codeModeMs.push(await timeMs(throughCodeMode));
        directMs.push(await timeMs(direct));
      }
      const viaCodeMode = percentile(codeModeMs, 0.5);
      const viaClient = percentile(directMs, 0.5);
      return [
        {
          name: '1,000 calls to a stdio server through a program, p50',
          value: round(viaCodeMode),
          unit: 'ms',
        },
        { name: 'the same calls from a direct SDK client, p50', value: round(viaClient), unit: 'ms' },
        {
          name: 'program / direct client',
          value: round(viaCodeMode / viaClient),
          unit: 'ratio',
          target: '<= 1.1',
        },
      ];
    } finally {
      await Promise.all([client.close(), codemode.close()]);
    }
  },
};
