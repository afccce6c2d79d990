// Warm `execute("return 1")`, one at a time: the whole engine (with the type check off, as the peers run, and with the
// default strict check), and the sandbox pool alone.
import { createCodeMode } from '../../src/engine/create-code-mode.ts';
import { resolveLimits } from '../../src/sandbox/limits.ts';
import { createWorkerPool } from '../../src/sandbox/worker-pool.ts';
import { percentile, round, sampleMs } from '../measure.ts';
import { type Figure, type Scenario, expectOk, targeted } from './scenario.ts';

const PEERS = 'executor 1.1 ms, UTCP 2.8 ms, Cloudflare (local workerd) 3.7 ms, AI SDK code-mode 4.7 ms';
const WARM_UP_RUNS = 100;

export const warmLatency: Scenario = {
  name: 'warm-latency',
  async run({ quick }) {
    const count = quick ? 300 : 2000;
    const pool = createWorkerPool({ size: 1 });
    // Default options: the strict type check is on; `check: 'off'` per execution gives the run alone.
    const codemode = await createCodeMode({ config: { mcpServers: {} } });
    try {
      await Promise.all([pool.warm(), codemode.warm()]);
      const limits = resolveLimits({});
      const poolRun = async () =>
        expectOk(
          await pool.run({ code: 'return 1', namespaces: {}, limits, callTool: () => Promise.resolve(null) }),
        );
      const engineRun = (check: 'off' | 'strict') => async () =>
        expectOk(await codemode.execute('return 1', { check }));
      // Blocks rather than alternation: the type checker's garbage collections would land in the other series.
      await sampleMs(WARM_UP_RUNS, poolRun);
      const poolSamples = await sampleMs(count, poolRun);
      await sampleMs(WARM_UP_RUNS, engineRun('off'));
      const engineSamples = await sampleMs(count, engineRun('off'));
      await sampleMs(WARM_UP_RUNS, engineRun('strict'));
      const checkedSamples = await sampleMs(Math.round(count / 2), engineRun('strict'));
      const p50 = round(percentile(engineSamples, 0.5));
      return [
        targeted(
          { name: 'engine execute("return 1"), type check off, p50', value: p50, unit: 'ms', peers: PEERS },
          { atMost: 1 },
          '<= 1 ms',
        ),
        { name: 'engine execute("return 1"), type check off, p99', value: p99(engineSamples), unit: 'ms' },
        {
          name: 'engine execute("return 1"), default strict type check, p50',
          value: round(percentile(checkedSamples, 0.5)),
          unit: 'ms',
        },
        {
          name: 'engine execute("return 1"), default strict type check, p99',
          value: p99(checkedSamples),
          unit: 'ms',
        },
        {
          name: 'sandbox pool run("return 1"), p50',
          value: round(percentile(poolSamples, 0.5)),
          unit: 'ms',
        },
        { name: 'sandbox pool run("return 1"), p99', value: p99(poolSamples), unit: 'ms' },
      ] satisfies Figure[];
    } finally {
      await Promise.all([pool.close(), codemode.close()]);
    }
  },
};

function p99(samples: number[]): number {
  return round(percentile(samples, 0.99));
}
