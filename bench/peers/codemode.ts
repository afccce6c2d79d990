// codemode behind the comparison's seam. createCodeMode() takes its tools from MCP servers only (there is no in-process
// tool source), so this drives codemode's sandbox, the worker pool createCodeMode() itself uses, with the bench tools
// as an in-process host handler, as bench/scenarios/*.ts do. What is left out is the engine's type check (peers do
// not type-check) and the MCP client hop (peers call host functions directly).
import { DEFAULT_POOL_SIZE, createWorkerPool } from '../../src/sandbox/worker-pool.ts';
import { resolveLimits } from '../../src/sandbox/limits.ts';
import { packageId } from './adapters.ts';
import type { BenchTools, RuntimeAdapter } from './runtime.ts';

const NAMESPACE = 'bench';

/** codemode, from this repository's sources, with its default limits (30 s, 128 MB, 10,000 calls). */
export const adapter: RuntimeAdapter = {
  name: 'codemode',
  package: packageId('codemode'),
  notes: [
    'sandbox: the isolated-vm worker pool (one child process per concurrent program) that createCodeMode() uses, ' +
      'driven directly: createCodeMode() has no in-process tool source, and the type check is off as peers have none',
    `pool size: the default (${DEFAULT_POOL_SIZE} on this machine), or the workload's concurrency when larger (20 in ` +
      'the memory workload), so no program waits in the queue',
    'limits: the defaults (30 s, 128 MB, 10,000 tool calls); the hostile cases set a 5 s timeout',
  ],
  call: (tool, argsExpression) => `${NAMESPACE}.${tool}(${argsExpression})`,
  async create(tools: BenchTools, options = {}) {
    const size = Math.max(DEFAULT_POOL_SIZE, options.concurrency ?? 0);
    const pool = createWorkerPool({ size });
    const limits = resolveLimits({ timeoutMs: options.timeoutMs });
    // The pool prestarts one worker at creation; waiting for it puts that start in create(), not in the first run.
    await pool.warm(1);
    return {
      async run(code) {
        const outcome = await pool.run({
          code,
          namespaces: { [NAMESPACE]: ['noop', 'sleep'] },
          limits,
          callTool: ({ method, args }) =>
            method === 'sleep' ? tools.sleep(args as { ms?: number }) : tools.noop(args as { i?: number }),
        });
        if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`);
        return outcome.result;
      },
      close: () => pool.close(),
    };
  },
};
