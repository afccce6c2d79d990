// The outer Worker that workerd runs for the '@cloudflare/codemode' peer (bench/peers/cloudflare.ts). It holds the
// Worker Loader binding and the host tools, and runs each POSTed program through the published package's
// DynamicWorkerExecutor, unmodified: the executor loads a fresh dynamic Worker per run, and the program's
// `codemode.noop(...)` / `codemode.sleep(...)` calls come back here over Workers RPC.
import { DynamicWorkerExecutor } from '@cloudflare/codemode';

// The bench tools (bench/peers/runtime.ts BENCH_TOOLS), with the same semantics, living in this Worker.
const tools = {
  noop: ({ i } = {}) => Promise.resolve({ ok: true, i }),
  sleep: ({ ms = 10 } = {}) => new Promise((resolve) => setTimeout(() => resolve({ slept: ms }), ms)),
};

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('ready');
    const code = await request.text();
    const executor = new DynamicWorkerExecutor({ loader: env.LOADER, timeout: Number(env.TIMEOUT_MS) });
    try {
      const outcome = await executor.execute(code, [{ name: 'codemode', fns: tools }]);
      return Response.json(outcome);
    } catch (error) {
      return Response.json(
        { error: error instanceof Error ? error.message : String(error) },
        { status: 500 },
      );
    }
  },
};
