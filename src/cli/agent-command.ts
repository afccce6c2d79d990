import { parseArgs } from 'node:util';
import { createCodeMode } from '../engine/create-code-mode.ts';
import { CodeModeError } from '../errors.ts';
import type { AgentEvent } from '../integrations/agent-loop.ts';
import type * as AgentLoop from '../integrations/agent-loop.ts';
import { resolveModel } from '../integrations/agent-model.ts';
import { demoConfig } from './demo-config.ts';
import { AGENT_HELP } from './help.ts';
import { parsePositiveInteger, usageError } from './usage-error.ts';

/** `codemode agent "TASK"`: a whole task, solved by a model writing programs; progress on stderr, answer on stdout. */
export async function agentCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      model: { type: 'string' },
      'base-url': { type: 'string' },
      'max-steps': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(AGENT_HELP);
    return 0;
  }
  const task = positionals.join(' ').trim();
  if (task === '')
    throw usageError('agent expects a TASK, e.g. codemode agent "Who is in the knowledge graph?"');
  if (values.demo && values.config !== undefined) throw usageError('--demo and --config exclude each other');
  const maxSteps = parsePositiveInteger('--max-steps', values['max-steps']);
  // The model first: a missing key should fail before any server starts.
  const { model, label } = await resolveModel({
    model: values.model,
    baseUrl: values['base-url'],
    env: process.env,
  });
  const runAgent = await loadAgentLoop();

  const demo = values.demo ? demoConfig() : undefined;
  const codemode = await createCodeMode({
    config: demo?.config ?? values.config,
    onWarning: (message) => process.stderr.write(`codemode: ${message}\n`),
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    process.stderr.write(`codemode agent: ${label}, ${codemode.catalog().servers.length} servers\n`);
    const outcome = await runAgent({
      codemode,
      model,
      task,
      signal: controller.signal,
      onEvent: report,
      ...(maxSteps !== undefined && { maxSteps }),
    });
    process.stdout.write(`${outcome.text.trim()}\n`);
    process.stderr.write(
      `— ${outcome.steps} turns, ${outcome.programs} programs; tokens: ${outcome.usage.inputTokens} in, ${outcome.usage.outputTokens} out\n`,
    );
    return 0;
  } catch (error) {
    if (CodeModeError.isInstance(error)) throw error;
    // Provider errors (unreachable endpoint, bad key, rate limit): one line, exit 1.
    process.stderr.write(`codemode: the model call failed: ${oneLine(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    await codemode.close();
    demo?.cleanup();
  }
}

function report(event: AgentEvent): void {
  if (event.type === 'program') {
    const lines = event.code.split('\n').length;
    process.stderr.write(
      `  turn ${event.step}: running a program (${lines} line${lines === 1 ? '' : 's'})\n`,
    );
  } else if (event.type === 'result') {
    const what = event.ok ? `ok, ${event.toolCalls} tool calls` : `failed: ${event.summary.slice(0, 160)}`;
    process.stderr.write(`    ${what}\n`);
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${message}${cause}`.replace(/\s+/g, ' ').slice(0, 300);
}

/** The loop needs the AI SDK (`ai`), an optional dependency: loaded here so the other commands never need it. */
async function loadAgentLoop(): Promise<typeof AgentLoop.runAgent> {
  try {
    return (await import('../integrations/agent-loop.ts')).runAgent;
  } catch {
    throw usageError('codemode agent needs the AI SDK: npm install ai');
  }
}
