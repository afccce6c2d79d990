import { type LanguageModel, generateText, stepCountIs } from 'ai';
import type { CodeMode } from '../engine/create-code-mode.ts';
import type { ExecutionResult } from '../engine/execution-result.ts';
import { codeModeTools } from './ai-sdk.ts';

/**
 * Steps (model turns) an agent run may take. Each program costs one: enough for a few repairs after type or run-time
 * errors and a lookup or two, bounded so a run cannot loop on a paid API.
 */
export const DEFAULT_MAX_STEPS = 10;

/**
 * Failed programs in a row the model may repair before the run stops. A model that fails four times running is
 * usually repeating itself; more attempts cost tokens without a better answer.
 */
export const DEFAULT_MAX_REPAIRS = 3;

const INSTRUCTIONS = `You solve the user's task with the execute tool: write one program that does the whole task against the API (in the tool's description, or found with search), and return only what the answer needs. If it fails, read the error, fix the program and run it again. When you have the result, answer the user briefly.`;

/** What the agent reports while it works. `turn` counts model calls from 1. */
export type AgentEvent =
  | { type: 'program'; turn: number; code: string; outcome: ExecutionResult }
  | { type: 'lookup'; turn: number; tool: string; input: unknown }
  | { type: 'answer'; turn: number };

export interface AgentOptions {
  codemode: CodeMode;
  model: LanguageModel;
  task: string;
  /** Model turns at most. Default: {@link DEFAULT_MAX_STEPS}. */
  maxSteps?: number;
  /** Failed programs in a row the model may repair. Default: {@link DEFAULT_MAX_REPAIRS}. */
  maxRepairs?: number;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}

export interface AgentOutcome {
  /** The model's answer; empty when it did not answer. */
  text: string;
  /** Why the run ended: the model answered, it ran out of turns, or its programs kept failing. */
  stop: 'answer' | 'max-steps' | 'max-repairs';
  steps: number;
  programs: number;
  failedPrograms: number;
  /** Calls to MCP tools made by all programs. */
  toolCalls: number;
  /** The last program's error, `Name: message`, when it failed. */
  lastError?: string;
  usage: { inputTokens: number; outputTokens: number };
}

/**
 * Runs one task to an answer: the model writes programs, codemode runs them, and type and run-time errors go back to
 * the model (as the execute tool's result) for repair, within `maxSteps` turns and `maxRepairs` failures in a row.
 *
 * @example
 * ```ts
 * const outcome = await runAgent({ codemode, model: anthropic('claude-sonnet-4-5'), task: 'How many orders?' });
 * if (outcome.stop === 'answer') console.log(outcome.text);
 * ```
 */
export async function runAgent(options: AgentOptions): Promise<AgentOutcome> {
  const emit = options.onEvent ?? (() => {});
  const maxRepairs = options.maxRepairs ?? DEFAULT_MAX_REPAIRS;
  let turn = 1;
  let programs = 0;
  let failedPrograms = 0;
  let failedInARow = 0;
  let toolCalls = 0;
  let lastError: string | undefined;
  const onExecuted = (outcome: ExecutionResult, code: string) => {
    programs += 1;
    toolCalls += outcome.toolCalls;
    if (outcome.ok) {
      failedInARow = 0;
      lastError = undefined;
    } else {
      failedPrograms += 1;
      failedInARow += 1;
      lastError = `${outcome.error.name}: ${outcome.error.message}`;
    }
    emit({ type: 'program', turn, code, outcome });
  };
  const result = await generateText({
    model: options.model,
    instructions: INSTRUCTIONS,
    prompt: options.task,
    tools: codeModeTools(options.codemode, { onExecuted }),
    stopWhen: [stepCountIs(options.maxSteps ?? DEFAULT_MAX_STEPS), () => failedInARow > maxRepairs],
    ...(options.signal && { abortSignal: options.signal }),
    onStepEnd: (step) => {
      for (const call of step.toolCalls)
        if (call.toolName !== 'execute')
          emit({ type: 'lookup', turn, tool: call.toolName, input: call.input });
      if (step.toolCalls.length === 0) emit({ type: 'answer', turn });
      turn += 1;
    },
  });
  // result.toolCalls spans all steps: the model answered when its last step called no tool.
  const answered = result.steps.at(-1)?.toolCalls.length === 0;
  return {
    text: answered ? result.text : '',
    stop: answered ? 'answer' : failedInARow > maxRepairs ? 'max-repairs' : 'max-steps',
    steps: result.steps.length,
    programs,
    failedPrograms,
    toolCalls,
    ...(lastError !== undefined && { lastError }),
    usage: {
      inputTokens: result.totalUsage.inputTokens ?? 0,
      outputTokens: result.totalUsage.outputTokens ?? 0,
    },
  };
}
