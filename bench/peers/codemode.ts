// codemode behind the comparison's seam. createCodeMode() takes its tools from MCP servers only (there is no in-process
// tool source), so this drives codemode's sandbox, the worker pool createCodeMode() itself uses, with the bench tools
// as an in-process host handler, as bench/scenarios/*.ts do. What is left out is the engine's type check (peers do
// not type-check) and the MCP client hop (peers call host functions directly).
// It runs from the build (dist/, what npm ships), as the peers run from theirs; bench/peers.ts builds it first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as LimitsModule from '../../src/sandbox/limits.ts';
import type * as PoolModule from '../../src/sandbox/worker-pool.ts';
import { packageId } from './adapters.ts';
import type { BenchTools, RuntimeAdapter } from './runtime.ts';

const NAMESPACE = 'bench';
const BUILD = new URL('../../dist/sandbox/', import.meta.url);
if (!existsSync(new URL('worker-pool.js', BUILD)))
  throw new Error(`no build at ${fileURLToPath(BUILD)}: run \`npm run build\` (bench:peers does)`);
// Paths in variables: the type checker must not look for a build that may not exist yet.
const poolModule = new URL('worker-pool.js', BUILD).href;
const limitsModule = new URL('limits.js', BUILD).href;
const { DEFAULT_POOL_SIZE, createWorkerPool } = (await import(poolModule)) as typeof PoolModule;
const { resolveLimits } = (await import(limitsModule)) as typeof LimitsModule;

/** codemode, from its build, with its default limits (30 s, 128 MB, 10,000 calls). */
export const adapter: RuntimeAdapter = {
  name: 'codemode',
  package: packageId('codemode'),
  notes: [
    'from its build (dist/, as npm ships it), made by bench:peers before measuring',
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
