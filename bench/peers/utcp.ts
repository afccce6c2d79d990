// @utcp/code-mode behind the comparison's seam. UTCP reaches tools through "communication protocols" (HTTP, MCP,
// CLI...); the published SDK's plugin interface lets this file register one that calls the bench tools in-process, so
// what is measured is UTCP's sandbox and bridge, not a transport.
import { CodeModeUtcpClient } from '@utcp/code-mode';
import { CallTemplateSerializer, CommunicationProtocol } from '@utcp/sdk';
import type { CallTemplate, IUtcpClient, RegisterManualResult } from '@utcp/sdk';
import { packageId } from './adapters.ts';
import type { BenchTools, RuntimeAdapter } from './runtime.ts';

/** The call template type and manual name of the in-process protocol; tools are then `bench.noop`, `bench.sleep`. */
const TYPE = 'bench';
/** UTCP's own defaults for callToolChain (its .d.ts): 30 s and 128 MB. */
const DEFAULT_TIMEOUT_MS = 30_000;
const MEMORY_MB = 128;

/** Passes call templates of type `bench` through unchanged (the SDK validates every template against a serializer). */
class BenchTemplateSerializer {
  toDict(template: CallTemplate): Record<string, unknown> {
    return { ...template };
  }
  validateDict(template: Record<string, unknown>): CallTemplate {
    return template as unknown as CallTemplate;
  }
}

/** A UTCP communication protocol whose tools are the bench tools of this process. */
class BenchProtocol extends CommunicationProtocol {
  readonly #tools: BenchTools;
  constructor(tools: BenchTools) {
    super();
    this.#tools = tools;
  }
  registerManual(_caller: IUtcpClient, template: CallTemplate): Promise<RegisterManualResult> {
    const tool = (name: string) => ({
      name,
      description: `bench tool ${name}`,
      inputs: { type: 'object' as const, properties: {} },
      outputs: { type: 'object' as const, properties: {} },
      tags: [],
      tool_call_template: template,
    });
    const manual = { utcp_version: '1.0.0', manual_version: '1.0.0', tools: [tool('noop'), tool('sleep')] };
    return Promise.resolve({ manualCallTemplate: template, manual, success: true, errors: [] });
  }
  deregisterManual(): Promise<void> {
    return Promise.resolve();
  }
  callTool(_caller: IUtcpClient, toolName: string, args: Record<string, unknown>): Promise<unknown> {
    return toolName.endsWith('.sleep') ? this.#tools.sleep(args) : this.#tools.noop(args);
  }
  // Part of the interface; the bench never streams.
  callToolStreaming(): AsyncGenerator<unknown> {
    throw new Error('not used by the bench');
  }
  override close(): Promise<void> {
    return Promise.resolve();
  }
}

/** @utcp/code-mode with a 30 s timeout and 128 MB (its defaults); isolates run in the host process, as published. */
export const adapter: RuntimeAdapter = {
  name: '@utcp/code-mode',
  package: packageId('@utcp/code-mode'),
  notes: [
    'tools: an in-process UTCP communication protocol registered through the SDK plugin interface (no transport)',
    "console.log is silenced in its process: the SDK logs a line per tool call ('Calling tool ...') that would " +
      'otherwise be timed as part of every call',
    'limits: its defaults (30 s, 128 MB); the hostile cases set a 5 s timeout',
  ],
  call: (tool, argsExpression) => `${TYPE}.${tool}(${argsExpression})`,
  async create(tools, options = {}) {
    // The child process measures this runtime alone: silencing its console here touches nothing else.
    console.log = () => {};
    CallTemplateSerializer.registerCallTemplate(TYPE, new BenchTemplateSerializer() as never, true);
    CommunicationProtocol.communicationProtocols[TYPE] = new BenchProtocol(tools);
    const client = await CodeModeUtcpClient.create(process.cwd(), null);
    await client.registerManual({ name: TYPE, call_template_type: TYPE });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return {
      async run(code) {
        const { logs, ...outcome } = await client.callToolChain(code, timeoutMs, MEMORY_MB);
        // Typed `any` by the package; whatever the program returned.
        const result: unknown = outcome.result;
        // callToolChain never rejects: a failure is `result: null` and an "[ERROR] ..." line in the logs.
        const failure = logs.find((line) => line.startsWith('[ERROR] Code execution failed'));
        if (failure) throw new Error(failure.replace('[ERROR] Code execution failed: ', ''));
        return result;
      },
      close: () => client.close(),
    };
  },
};
