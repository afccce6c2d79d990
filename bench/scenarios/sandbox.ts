// Scenarios on the sandbox and the engine without real servers: latency, bridge throughput, fan-out, guest compute.
import { createCodeMode } from '../../src/engine/create-code-mode.ts';
import { resolveLimits } from '../../src/sandbox/limits.ts';
import type { GuestToolCall } from '../../src/sandbox/types.ts';
import { createWorkerPool } from '../../src/sandbox/worker-pool.ts';
import { percentile, round, sampleMs, timeMs } from '../measure.ts';
import type { Figure, Scenario } from './scenario.ts';

const LIMITS = resolveLimits({ timeoutMs: 60_000, maxToolCalls: 20_000, memoryMb: 256 });

/** Warm `return 1`: the raw pool, and the whole engine (normalize, strip types, run, envelope). */
export const warmLatency: Scenario = {
  name: 'warm-latency',
  async run({ quick }) {
    const count = quick ? 300 : 2000;
    const pool = createWorkerPool({ size: 1 });
    // The type check is measured on its own (type-check scenario); here, the run itself.
    const codemode = await createCodeMode({ config: { mcpServers: {} }, check: 'off' });
    try {
      await pool.warm();
      const run = () =>
        pool.run({ code: 'return 1', namespaces: {}, limits: LIMITS, callTool: () => Promise.resolve(null) });
      await sampleMs(100, run);
      const poolSamples = await sampleMs(count, run);
      await sampleMs(100, () => codemode.execute('return 1'));
      const engineSamples = await sampleMs(count, () => codemode.execute('return 1'));
      return [
        latency('engine execute("return 1")', engineSamples, 1),
        latency('sandbox pool run("return 1")', poolSamples),
      ].flat();
    } finally {
      await Promise.all([pool.close(), codemode.close()]);
    }
  },
};

function latency(label: string, samples: number[], target?: number): Figure[] {
  return [
    {
      name: `${label} p50`,
      value: round(percentile(samples, 0.5)),
      unit: 'ms',
      ...(target && {
        target: `<= ${target} ms`,
        peers: 'executor 1.1 ms, UTCP 2.8 ms, Cloudflare (workerd) 3.7 ms, AI SDK 4.7 ms',
      }),
    },
    { name: `${label} p99`, value: round(percentile(samples, 0.99)), unit: 'ms' },
  ];
}

/** 10,000 concurrent calls to an in-process tool: through the sandbox bridge, and the same calls made on the host. */
export const bridgeThroughput: Scenario = {
  name: 'bridge-throughput',
  async run({ quick }) {
    const calls = 10_000;
    const rounds = quick ? 3 : 7;
    const tool = (call: GuestToolCall) => Promise.resolve(call.args);
    const pool = createWorkerPool({ size: 1 });
    try {
      await pool.warm();
      const code = `await Promise.all(Array.from({ length: ${calls} }, (_, i) => t.f({ i }))); return 1;`;
      const throughSandbox = () =>
        pool.run({ code, namespaces: { t: ['f'] }, limits: LIMITS, callTool: tool });
      const direct = () =>
        Promise.all(
          Array.from({ length: calls }, (_, i) => tool({ namespace: 't', method: 'f', args: { i } })),
        );
      const sandboxMs: number[] = [];
      const directMs: number[] = [];
      for (let index = 0; index < rounds; index++) {
        sandboxMs.push(await timeMs(throughSandbox));
        directMs.push(await timeMs(direct));
      }
      const sandboxRate = calls / (percentile(sandboxMs, 0.5) / 1000);
      const directRate = calls / (percentile(directMs, 0.5) / 1000);
      return [
        {
          name: '10,000 concurrent calls through the sandbox',
          value: Math.round(sandboxRate),
          unit: 'calls/s',
          target: '>= 200,000 calls/s',
          peers: 'executor ~40,000; others 12,000–25,000',
        },
        { name: 'the same calls made directly on the host', value: Math.round(directRate), unit: 'calls/s' },
        { name: 'sandbox / direct', value: round(sandboxRate / directRate), unit: 'ratio' },
      ];
    } finally {
      await pool.close();
    }
  },
};

/** 1,000 concurrent calls that each wait 10 ms: the floor is 10 ms. */
export const fanOut: Scenario = {
  name: 'fan-out',
  async run({ quick }) {
    const pool = createWorkerPool({ size: 1 });
    try {
      await pool.warm();
      const code = 'await Promise.all(Array.from({ length: 1000 }, () => t.sleep({}))); return 1;';
      const sleep = () => new Promise((resolve) => setTimeout(resolve, 10));
      const run = () => pool.run({ code, namespaces: { t: ['sleep'] }, limits: LIMITS, callTool: sleep });
      await run();
      const samples = await sampleMs(quick ? 5 : 15, run);
      return [
        {
          name: '1,000 concurrent 10 ms calls, p50',
          value: round(percentile(samples, 0.5)),
          unit: 'ms',
          target: '<= 20 ms',
          peers: 'Cloudflare 52 ms; UTCP serial',
        },
        { name: '1,000 concurrent 10 ms calls, best', value: round(Math.min(...samples)), unit: 'ms' },
      ];
    } finally {
      await pool.close();
    }
  },
};

/** A numeric loop plus JSON work, in the sandbox and directly in this Node. */
export const GUEST_COMPUTE = `
  let sum = 0;
  for (let i = 0; i < 5_000_000; i++) sum += Math.sqrt(i);
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: 'row ' + i, tags: ['a', 'b'], score: i % 97 }));
  const copy = JSON.parse(JSON.stringify(rows));
  return Math.round(sum) + copy.filter((row) => row.score > 50).length;`;

export const guestCompute: Scenario = {
  name: 'guest-compute',
  async run({ quick }) {
    const pool = createWorkerPool({ size: 1 });
    try {
      await pool.warm();
      const inSandbox = () =>
        pool.run({
          code: GUEST_COMPUTE,
          namespaces: {},
          limits: LIMITS,
          callTool: () => Promise.resolve(null),
        });
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same source must run on the host to compare
      const hostFunction = new Function(`return (async () => {${GUEST_COMPUTE}})()`) as () => Promise<number>;
      const rounds = quick ? 3 : 9;
      await inSandbox();
      await hostFunction();
      const sandboxMs: number[] = [];
      const hostMs: number[] = [];
      for (let index = 0; index < rounds; index++) {
        sandboxMs.push(await timeMs(inSandbox));
        hostMs.push(await timeMs(hostFunction));
      }
      const sandbox = percentile(sandboxMs, 0.5);
      const host = percentile(hostMs, 0.5);
      return [
        {
          name: 'guest compute in the sandbox, p50',
          value: round(sandbox),
          unit: 'ms',
          target: 'V8 speed',
          peers: 'V8 peers ~12 ms; QuickJS peers ~250 ms',
        },
        { name: 'the same code directly in Node, p50', value: round(host), unit: 'ms' },
        { name: 'sandbox / host', value: round(sandbox / host), unit: 'ratio' },
      ];
    } finally {
      await pool.close();
    }
  },
};
