// executor's published sandbox (@executor-js/runtime-quickjs) behind the comparison's seam: QuickJS (WebAssembly) on
// the host's main thread, driven through its Effect API. Tools are reached as `tools.<path>(args)` in the program.
import { makeQuickJsExecutor } from '@executor-js/runtime-quickjs';
import * as Effect from 'effect/Effect';
import { packageId } from './adapters.ts';
import type { BenchTools, RuntimeAdapter } from './runtime.ts';

/** Its own default is 300 s; 30 s as the other runtimes. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** codemode's default; executor's own is 64 MB. */
const MEMORY_BYTES = 128 * 2 ** 20;

/**
 * The part of the package's `CodeExecutor` used here. Its published .d.ts re-exports `./types` without an extension,
 * which TypeScript's NodeNext resolution cannot follow, so the type is restated rather than imported.
 */
interface QuickJsExecutor {
  execute(
    code: string,
    invoker: { invoke(call: { path: string; args: unknown }): Effect.Effect<unknown> },
  ): Effect.Effect<{ result: unknown; error?: string }, Error>;
}

/** Answers a call from the program: `path` is the tool's name (`noop`, `sleep`). */
function invoker(tools: BenchTools) {
  return {
    invoke: ({ path, args }: { path: string; args: unknown }) =>
      Effect.promise<unknown>(() => (path === 'sleep' ? tools.sleep(args ?? {}) : tools.noop(args ?? {}))),
  };
}

/** @executor-js/runtime-quickjs with a 30 s timeout and 128 MB. */
export const adapter: RuntimeAdapter = {
  name: 'executor',
  package: packageId('@executor-js/runtime-quickjs'),
  notes: [
    "executor's sandbox library, makeQuickJsExecutor(), run with Effect.runPromise; no executor server or SDK around it",
    'timeout 30 s (its default is 300 s) and memory limit 128 MB as codemode (its default is 64 MB); the hostile ' +
      'cases set 5 s',
  ],
  call: (name, argsExpression) => `tools.${name}(${argsExpression})`,
  create(tools, options = {}) {
    const executor = makeQuickJsExecutor({
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      memoryLimitBytes: MEMORY_BYTES,
    }) as unknown as QuickJsExecutor;
    const toolInvoker = invoker(tools);
    return Promise.resolve({
      async run(code) {
        const outcome = await Effect.runPromise(executor.execute(code, toolInvoker));
        // A failing program resolves with `error` set rather than failing the Effect.
        if (outcome.error !== undefined) throw new Error(outcome.error);
        return outcome.result;
      },
      close: () => Promise.resolve(),
    });
  },
};
