// 1,000 concurrent calls to a real stdio MCP server (test/fixtures/tools-server.ts): a codemode program, codemode's
// upstream layer alone (no sandbox), and a direct MCP SDK client, each on its own copy of the server.
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { parseConfig } from '../../src/config/parse-config.ts';
import { type CodeMode, createCodeMode } from '../../src/engine/create-code-mode.ts';
import { createUpstreamManager } from '../../src/upstream/upstream-manager.ts';
import { descendantPids, median, processCpuMs, processLabel, round } from '../measure.ts';
import { type Figure, type Scenario, expectOk, targeted } from './scenario.ts';

const SERVER = fileURLToPath(new URL('../../test/fixtures/tools-server.ts', import.meta.url));
const CALLS = 1000;
const WARM_UP_ROUNDS = 3;

/** Processes a side runs besides the host, by role, recognized by their entry file. */
const ROLES = { worker: /worker-entry\.m?[jt]s$/, server: /tools-server\.ts$/ } as const;
type Role = keyof typeof ROLES;

/** One way of making the 1,000 calls, and what its rounds cost. */
interface Side {
  run: () => Promise<void>;
  pids: { pid: number; role: Role }[];
  wallMs: number[];
  hostCpuMs: number;
  childCpuMs: Record<Role, number>;
}

export const stdioServer: Scenario = {
  name: 'stdio-server',
  async run({ quick }) {
    // The SDK's StdioClientTransport adds one 'drain' listener per write that finds the pipe full, so 1,000 requests
    // at once trip Node's leak warning (codemode's own transport waits with one listener per burst).
    const maxListeners = EventEmitter.defaultMaxListeners;
    EventEmitter.defaultMaxListeners = CALLS + 10;
    const config = {
      mcpServers: { tools: { command: process.execPath, args: [SERVER] } },
      // Like for like: the direct client sends all 1,000 at once, so the per-server cap (64 by default) is lifted.
      codemode: { policies: { tools: { maxConcurrency: CALLS } } },
    };
    const known = new Set(descendantPids());
    const started = (): Side['pids'] => {
      const fresh = descendantPids().filter((pid) => !known.has(pid));
      for (const pid of fresh) known.add(pid);
      return fresh.flatMap((pid) => {
        const label = processLabel(pid);
        const role = (Object.keys(ROLES) as Role[]).find((name) => ROLES[name].test(label));
        return role ? [{ pid, role }] : [];
      });
    };
    const upstreams = createUpstreamManager(parseConfig(config));
    const client = new Client({ name: 'codemode-bench', version: '1.0.0' });
    let codemode: CodeMode | undefined;
    try {
      // The comparison is the call path; the type check is measured on its own (type-check scenario).
      const engine = await createCodeMode({ config, limits: { maxToolCalls: CALLS }, check: 'off' });
      codemode = engine;
      await engine.warm();
      const codemodePids = started();
      await upstreams.start();
      const upstreamPids = started();
      await client.connect(
        new StdioClientTransport({ command: process.execPath, args: [SERVER], stderr: 'ignore' }),
      );
      const directPids = started();

      const program = `await Promise.all(Array.from({ length: ${CALLS} }, (_, i) => tools.echo({ value: i }))); return 1;`;
      const calls = <T>(call: (index: number) => Promise<T>) =>
        Promise.all(Array.from({ length: CALLS }, (_, index) => call(index)));
      const side = (pids: Side['pids'], run: () => Promise<void>): Side => ({
        run,
        pids,
        wallMs: [],
        hostCpuMs: 0,
        childCpuMs: { worker: 0, server: 0 },
      });
      const sides = {
        program: side(codemodePids, async () => expectOk(await engine.execute(program), CALLS)),
        upstream: side(upstreamPids, async () => {
          const results = await calls((index) => upstreams.callTool('tools', 'echo', { value: index }));
          if (results.some((result) => result.isError)) throw new Error('bench: an echo call failed');
        }),
        direct: side(directPids, async () => {
          const results = await calls((index) =>
            client.callTool({ name: 'echo', arguments: { value: index } }),
          );
          if (results.some((result) => result.isError)) throw new Error('bench: an echo call failed');
        }),
      };
      for (let index = 0; index < WARM_UP_ROUNDS; index++)
        for (const each of Object.values(sides)) await each.run();
      const rounds = quick ? 7 : 31;
      // Alternating rounds: the machine is shared, so every side sees the same noise.
      for (let index = 0; index < rounds; index++) {
        for (const each of Object.values(sides)) await measureRound(each);
      }
      const p50 = (each: Side) => median(each.wallMs);
      const perRound = (ms: number) => round(ms / rounds, 1);
      const cpu = (label: string, each: Side): Figure[] =>
        each.pids.length === 0
          ? []
          : [
              {
                name: `CPU per 1,000 calls, ${label}: host process`,
                value: perRound(each.hostCpuMs),
                unit: 'ms',
              },
              ...(each.pids.some(({ role }) => role === 'worker')
                ? [
                    {
                      name: `CPU per 1,000 calls, ${label}: sandbox worker`,
                      value: perRound(each.childCpuMs.worker),
                      unit: 'ms',
                    },
                  ]
                : []),
              {
                name: `CPU per 1,000 calls, ${label}: server`,
                value: perRound(each.childCpuMs.server),
                unit: 'ms',
              },
            ];
      return [
        {
          name: '1,000 calls to a stdio server through a program, p50',
          value: round(p50(sides.program)),
          unit: 'ms',
        },
        { name: 'the same calls from a direct SDK client, p50', value: round(p50(sides.direct)), unit: 'ms' },
        targeted(
          {
            name: 'program / direct client',
            value: round(p50(sides.program) / p50(sides.direct)),
            unit: 'ratio',
          },
          { atMost: 1.1 },
          '<= 1.1',
        ),
        {
          name: "the same calls through codemode's upstream layer alone (no sandbox), p50",
          value: round(p50(sides.upstream)),
          unit: 'ms',
        },
        {
          name: 'upstream layer alone / direct client',
          value: round(p50(sides.upstream) / p50(sides.direct)),
          unit: 'ratio',
        },
        ...cpu('program', sides.program),
        ...cpu('direct client', sides.direct),
      ];
    } finally {
      await Promise.allSettled([client.close(), codemode?.close(), upstreams.close()]);
      EventEmitter.defaultMaxListeners = maxListeners;
    }
  },
};

/** One timed round of `side`, adding its wall time and the CPU time of its processes (host and children). */
async function measureRound(side: Side): Promise<void> {
  const childBefore = side.pids.map(({ pid }) => processCpuMs(pid) ?? 0);
  const hostBefore = process.cpuUsage();
  const started = performance.now();
  await side.run();
  side.wallMs.push(performance.now() - started);
  const host = process.cpuUsage(hostBefore);
  side.hostCpuMs += (host.user + host.system) / 1000;
  side.pids.forEach(({ pid, role }, index) => {
    side.childCpuMs[role] += (processCpuMs(pid) ?? 0) - (childBefore[index] ?? 0);
  });
}
