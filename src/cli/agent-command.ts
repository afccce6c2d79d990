import { parseArgs } from 'node:util';
import { createCodeMode } from '../engine/create-code-mode.ts';
import { CodeModeError } from '../errors.ts';
import type { AgentEvent, AgentOutcome } from '../integrations/agent-loop.ts';
import type * as AgentLoop from '../integrations/agent-loop.ts';
import { resolveModel } from '../integrations/agent-model.ts';
import { demoConfig } from './demo-config.ts';
import { AGENT_HELP } from './help.ts';
import { parsePositiveInteger, usageError } from './usage-error.ts';

/** Progress lines quote at most this much of an error: enough to recognize it, short enough for one line. */
const MAX_PROGRESS_ERROR_CHARS = 160;

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
    const { servers } = codemode.catalog();
    const tools = servers.reduce((sum, server) => sum + server.tools.length, 0);
    process.stderr.write(`codemode agent: ${label}; ${servers.length} servers, ${tools} tools\n`);
    const outcome = await runAgent({
      codemode,
      model,
      task,
      signal: controller.signal,
      onEvent: report,
      ...(maxSteps !== undefined && { maxSteps }),
    });
    process.stderr.write(`${summary(outcome)}\n`);
    if (outcome.stop === 'answer') {
      process.stdout.write(`${outcome.text.trim()}\n`);
      return 0;
    }
    process.stderr.write(`codemode: ${noAnswer(outcome)}\n`);
    return 1;
  } catch (error) {
    if (CodeModeError.isInstance(error)) throw error;
    if (controller.signal.aborted) {
      process.stderr.write('codemode: cancelled\n');
      return 130;
    }
    // Provider errors (unreachable endpoint, bad key, rate limit): one line, exit 1.
    process.stderr.write(`codemode: the model call failed (${label}): ${oneLine(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    await codemode.close();
    demo?.cleanup();
  }
}

/** One stderr line per program run, lookup and answer, so a user sees the repair loop as it happens. */
function report(event: AgentEvent): void {
  const prefix = `  turn ${event.turn}:`;
  if (event.type === 'program') {
    const lines = event.code.split('\n').length;
    const program = `program (${lines} line${lines === 1 ? '' : 's'})`;
    const { outcome } = event;
    const detail = outcome.ok
      ? `ok, ${plural(outcome.toolCalls, 'tool call')}, ${outcome.durationMs} ms`
      : `failed: ${firstLine(`${outcome.error.name}: ${outcome.error.message}`)}`;
    process.stderr.write(`${prefix} ${program} ${detail}\n`);
  } else if (event.type === 'lookup') {
    process.stderr.write(`${prefix} ${event.tool} ${JSON.stringify(event.input).slice(0, 120)}\n`);
  } else {
    process.stderr.write(`${prefix} answer\n`);
  }
}

function summary(outcome: AgentOutcome): string {
  const failed = outcome.failedPrograms > 0 ? ` (${outcome.failedPrograms} failed)` : '';
  return (
    `codemode agent: ${plural(outcome.steps, 'turn')}, ${plural(outcome.programs, 'program')}${failed}, ` +
    `${plural(outcome.toolCalls, 'tool call')}; tokens: ${outcome.usage.inputTokens} in, ${outcome.usage.outputTokens} out`
  );
}

function noAnswer(outcome: AgentOutcome): string {
  const last = outcome.lastError === undefined ? '' : `; the last error: ${firstLine(outcome.lastError)}`;
  return outcome.stop === 'max-repairs'
    ? `no answer: the model could not repair its program (${outcome.failedPrograms} of ${outcome.programs} programs failed)${last}`
    : `no answer within ${plural(outcome.steps, 'turn')} (raise --max-steps)${last}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, MAX_PROGRESS_ERROR_CHARS);
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
