// 1,000 concurrent calls to a host tool that waits 10 ms: run one after another they take 10 s; 10 ms is the floor.
import { resolveLimits } from '../../src/sandbox/limits.ts';
import { createWorkerPool } from '../../src/sandbox/worker-pool.ts';
import { percentile, round, sampleMs } from '../measure.ts';
import { type Scenario, expectOk, targeted } from './scenario.ts';

const CALLS = 1000;
const TOOL_MS = 10;

export const fanOut: Scenario = {
  name: 'fan-out',
  async run({ quick }) {
    const pool = createWorkerPool({ size: 1 });
    try {
      await pool.warm();
      const code = `await Promise.all(Array.from({ length: ${CALLS} }, () => t.sleep({}))); return 1;`;
      const sleep = () => new Promise((resolve) => setTimeout(resolve, TOOL_MS));
      const limits = resolveLimits({});
      const run = async () =>
        expectOk(await pool.run({ code, namespaces: { t: ['sleep'] }, limits, callTool: sleep }), CALLS);
      await run();
      const samples = await sampleMs(quick ? 7 : 21, run);
      return [
        targeted(
          {
            name: '1,000 concurrent 10 ms calls, wall p50',
            value: round(percentile(samples, 0.5)),
            unit: 'ms',
            peers: 'Cloudflare 52 ms; UTCP runs them one at a time',
          },
          { atMost: 20 },
          '<= 20 ms',
        ),
        { name: '1,000 concurrent 10 ms calls, best', value: round(Math.min(...samples)), unit: 'ms' },
        { name: '1,000 concurrent 10 ms calls, worst', value: round(Math.max(...samples)), unit: 'ms' },
      ];
    } finally {
      await pool.close();
    }
  },
};
