// 10,000 concurrent calls to an in-process host tool: through the sandbox bridge, and the same calls made directly on
// the host (the ceiling: no isolate, no process boundary).
import { resolveLimits } from '../../src/sandbox/limits.ts';
import type { GuestToolCall } from '../../src/sandbox/types.ts';
import { createWorkerPool } from '../../src/sandbox/worker-pool.ts';
import { median, round, timeMs } from '../measure.ts';
import { type Scenario, expectOk, targeted } from './scenario.ts';

const CALLS = 10_000;

export const bridgeThroughput: Scenario = {
  name: 'bridge-throughput',
  async run({ quick }) {
    const rounds = quick ? 5 : 15;
    // The tool answers at once: what is measured is the bridge, not the tool.
    const tool = (call: GuestToolCall) => Promise.resolve(call.args);
    const pool = createWorkerPool({ size: 1 });
    try {
      await pool.warm();
      const limits = resolveLimits({ maxToolCalls: CALLS });
      const code = `const results = await Promise.all(Array.from({ length: ${CALLS} }, (_, i) => t.f({ i })));
        return results.length;`;
      const throughSandbox = async () => {
        const outcome = await pool.run({ code, namespaces: { t: ['f'] }, limits, callTool: tool });
        expectOk(outcome, CALLS);
      };
      const direct = () =>
        Promise.all(
          Array.from({ length: CALLS }, (_, i) => tool({ namespace: 't', method: 'f', args: { i } })),
        );
      await throughSandbox();
      await direct();
      const sandboxMs: number[] = [];
      const directMs: number[] = [];
      // Alternating rounds: the machine is shared, so both sides see the same noise.
      for (let index = 0; index < rounds; index++) {
        sandboxMs.push(await timeMs(throughSandbox));
        directMs.push(await timeMs(direct));
      }
      const sandboxRate = CALLS / (median(sandboxMs) / 1000);
      const directRate = CALLS / (median(directMs) / 1000);
      return [
        targeted(
          {
            name: '10,000 concurrent calls through the sandbox',
            value: Math.round(sandboxRate),
            unit: 'calls/s',
            peers: 'executor ~40,000; the others 12,000–25,000',
          },
          { atLeast: 200_000 },
          '>= 200,000 calls/s',
        ),
        { name: '10,000 calls through the sandbox, wall p50', value: round(median(sandboxMs)), unit: 'ms' },
        { name: 'the same calls made directly on the host', value: Math.round(directRate), unit: 'calls/s' },
        { name: 'sandbox / direct throughput', value: round(sandboxRate / directRate, 4), unit: 'ratio' },
      ];
    } finally {
      await pool.close();
    }
  },
};
