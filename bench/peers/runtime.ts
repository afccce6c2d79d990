// The seam of the side-by-side runtime comparison (issue 7, part 1): codemode and each peer behind one interface, so
// every workload runs the same program on each, from its published npm package, unmodified.

/** The host tools every runtime is given. Each is a plain async function on the host. */
export interface BenchTools {
  /** Answers at once with `{ ok: true, i }`. */
  noop(args: { i?: number }): Promise<{ ok: true; i?: number }>;
  /** Waits `ms` milliseconds (default 10), then answers `{ slept: ms }`. */
  sleep(args: { ms?: number }): Promise<{ slept: number }>;
}

/** One Code Mode runtime, created for one set of tools. */
export interface CodeRuntime {
  /**
   * Runs a JavaScript program: the body of an async function, top-level `await`, `return` gives the result. Resolves
   * with the program's result; rejects when the runtime reports a failure (timeout, memory, error).
   */
  run(code: string): Promise<unknown>;
  /** Frees everything the runtime holds (isolates, worker processes, servers). */
  close(): Promise<void>;
}

/** How a runtime is created, and how a program calls a tool in it. */
export interface RuntimeAdapter {
  /** As it appears in the tables: `codemode`, `@utcp/code-mode`, ... */
  readonly name: string;
  /** The package and version measured, read from its package.json: `@utcp/code-mode@1.2.12`. */
  readonly package: string;
  /** Settings changed from the runtime's defaults for these workloads, each with why (shown under the tables). */
  readonly notes: readonly string[];
  /**
   * The JavaScript expression that calls a tool in this runtime, given the tool name and an expression for its
   * arguments: `bench.noop({ i })` in codemode, `codemode.noop({ i })` in Cloudflare's, and so on.
   */
  call(tool: keyof BenchTools, argsExpression: string): string;
  /**
   * A fresh runtime with these tools, limits left at the adapter's settings (timeout ≥ 30 s, memory ≥ 128 MB) unless
   * `options` asks otherwise. An adapter may ignore `options`; the report then shows its own settings.
   */
  create(tools: BenchTools, options?: RuntimeOptions): Promise<CodeRuntime>;
}

/** What a workload may ask of a runtime beyond its adapter's settings. Every field is optional. */
export interface RuntimeOptions {
  /** Wall-clock limit of one run: the hostile cases ask for 5 s so a runaway loop ends within the bench's time. */
  timeoutMs?: number;
  /**
   * Programs the workload runs at once (20 in the memory workload). A runtime whose pool is smaller than this would
   * queue the rest, so an adapter with a bounded pool sizes it to at least this.
   */
  concurrency?: number;
}

/** The tools as the workloads use them: `sleep` really waits, so 1,000 of them in parallel take ~10 ms. */
export const BENCH_TOOLS: BenchTools = {
  noop: ({ i }) => Promise.resolve({ ok: true, i }),
  sleep: ({ ms = 10 }) => new Promise((resolve) => setTimeout(() => resolve({ slept: ms }), ms)),
};
