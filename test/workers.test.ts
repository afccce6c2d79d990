// `workers`: how many programs run at once. Each program holds its worker while it waits on a tool, so the setting
// decides whether three programs parked on a slow tool overlap or queue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCodeMode } from '../src/index.ts';
import { toolsServer } from './helpers/run-cli.ts';

const PARK_MS = 800;
const PROGRAMS = 3;

/** Wall time of PROGRAMS programs started together, each waiting PARK_MS on the tools server. */
async function wallMs(workers: number | undefined, codemodeSettings?: { workers: number }): Promise<number> {
  const codemode = await createCodeMode({
    config: { mcpServers: { tools: toolsServer() }, ...(codemodeSettings && { codemode: codemodeSettings }) },
    check: 'off',
    ...(workers !== undefined && { workers }),
  });
  try {
    // A first run starts a worker and the server, so the timed runs measure only the waiting.
    assert.equal((await codemode.execute('return 1')).ok, true);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: PROGRAMS }, () =>
        codemode.execute(`return (await tools.sleep({ ms: ${PARK_MS} })).slept;`),
      ),
    );
    for (const outcome of outcomes) assert.deepEqual(outcome.ok && outcome.result, PARK_MS);
    return performance.now() - started;
  } finally {
    await codemode.close();
  }
}

test('with as many workers as programs, programs parked on a tool overlap', async () => {
  const wall = await wallMs(PROGRAMS);
  // One after another would take PROGRAMS × PARK_MS; overlapping, about PARK_MS plus starting two more workers.
  assert.ok(wall < (PROGRAMS - 1) * PARK_MS, `took ${Math.round(wall)} ms`);
});

test('with one worker (set in the config file) they queue: the setting is really applied', async () => {
  const wall = await wallMs(undefined, { workers: 1 });
  assert.ok(wall >= PROGRAMS * PARK_MS, `took ${Math.round(wall)} ms`);
});
