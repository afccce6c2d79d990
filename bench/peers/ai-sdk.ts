// @ai-sdk/code-mode behind the comparison's seam: its runCodeMode() (exported as experimental_runCodeMode) runs one
// program in QuickJS (WebAssembly) on a pool of worker threads of this process, with AI SDK tools as the host tools.
import { experimental_runCodeMode as runCodeMode } from '@ai-sdk/code-mode';
import type { CodeModeExecutionPolicy } from '@ai-sdk/code-mode';
import { jsonSchema, tool } from 'ai';
import { packageId } from './adapters.ts';
import type { BenchTools, RuntimeAdapter } from './runtime.ts';

/** Its default timeout (30 s). */
const DEFAULT_TIMEOUT_MS = 30_000;
/** codemode's default; the AI SDK's own is 64 MB. */
const MEMORY_BYTES = 128 * 2 ** 20;
/**
 * Its defaults are 256 tool calls per run and 32 in flight: the throughput workload makes 10,000 at once and the
 * fan-out 1,000, which it would refuse (CodeModeBridgeLimitError) or serialize 32 at a time.
 */
const MAX_BRIDGE_REQUESTS = 10_000;

/** The bench tools as AI SDK tools: any object in, the host function's answer out. */
function aiSdkTools(tools: BenchTools) {
  const input = jsonSchema<Record<string, unknown>>({ type: 'object' });
  return {
    noop: tool({ inputSchema: input, execute: (args: { i?: number }) => tools.noop(args) }),
    sleep: tool({ inputSchema: input, execute: (args: { ms?: number }) => tools.sleep(args) }),
  };
}

/** @ai-sdk/code-mode with 128 MB and the bridge limits raised to 10,000 calls, all of them allowed in flight. */
export const adapter: RuntimeAdapter = {
  name: '@ai-sdk/code-mode',
  package: packageId('@ai-sdk/code-mode'),
  notes: [
    `maxBridgeRequests and maxInFlightBridgeRequests raised from 256 and 32 to ${MAX_BRIDGE_REQUESTS}: with its ` +
      'defaults the 10,000-call throughput workload is refused and the 1,000-call fan-out runs 32 at a time',
    'memory limit 128 MB as codemode (its default is 64 MB); timeout its default 30 s; the hostile cases set 5 s',
    'runs through experimental_runCodeMode (the same path as its AI SDK tool, without a model)',
    'observed, not a setting: its runner (package `run` 2.1.5) also ends a run after 10,000 QuickJS interrupt checks ' +
      "whatever the timeout, so a synchronous loop ends after ~0.5–2 s, reported as 'timed out after 5000ms'",
  ],
  call: (name, argsExpression) => `tools.${name}(${argsExpression})`,
  create(tools, options = {}) {
    const hostTools = aiSdkTools(tools);
    const executionPolicy: CodeModeExecutionPolicy = {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      memoryLimitBytes: MEMORY_BYTES,
      maxBridgeRequests: MAX_BRIDGE_REQUESTS,
      maxInFlightBridgeRequests: MAX_BRIDGE_REQUESTS,
    };
    // Nothing to start: worker threads are created on the first run and pooled by the package.
    return Promise.resolve({
      run: (js) => runCodeMode({ js, tools: hostTools, options: { executionPolicy } }),
      close: () => Promise.resolve(),
    });
  },
};
