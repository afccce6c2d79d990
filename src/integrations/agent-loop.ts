import { type LanguageModel, generateText, stepCountIs } from 'ai';
import type { CodeMode } from '../engine/create-code-mode.ts';
import { codeModeTools } from './ai-sdk.ts';

/**
 * Steps (model turns) an agent run may take. Each failed program costs one: enough for a few repairs after type or
 * run-time errors, bounded so a model that cannot get it right stops.
 */
export const DEFAULT_MAX_STEPS = 10;

const SYSTEM = `You solve the user's task with the execute tool: write one program that does the whole task against the API in its description, and return only what the answer needs. If it fails, read the error, fix the program and run it again. When you have the result, answer the user briefly.`;

/** What the agent reports while it works. */
export type AgentEvent =
  | { type: 'step'; step: number }
  | { type: 'program'; step: number; code: string }
  | { type: 'result'; step: number; ok: boolean; toolCalls: number; summary: string };

export interface AgentOutcome {
  text: string;
  steps: number;
  programs: number;
  usage: { inputTokens: number; outputTokens: number };
}

/** Runs one task to an answer: the model writes programs, codemode runs them, errors go back for repair. */
export async function runAgent(options: {
  codemode: CodeMode;
  model: LanguageModel;
  task: string;
  maxSteps?: number;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}): Promise<AgentOutcome> {
  const emit = options.onEvent ?? (() => {});
  let programs = 0;
  let step = 0;
  const result = await generateText({
    model: options.model,
    system: SYSTEM,
    prompt: options.task,
    tools: codeModeTools(options.codemode),
    stopWhen: stepCountIs(options.maxSteps ?? DEFAULT_MAX_STEPS),
    ...(options.signal && { abortSignal: options.signal }),
    onStepFinish: (stepResult) => {
      step += 1;
      emit({ type: 'step', step });
      for (const call of stepResult.toolCalls) {
        const input = call.input as { code?: unknown } | undefined;
        const code = typeof input?.code === 'string' ? input.code : '';
        if (call.toolName === 'execute') {
          programs += 1;
          emit({ type: 'program', step, code });
        }
      }
      for (const output of stepResult.toolResults) {
        const text = String(output.output);
        const calls = /\((\d+) tool calls?, \d+ ms\)\s*$/.exec(text);
        const failed = /^(\w*Error|SyntaxError|TypeCheckError)[:\s]/.test(text);
        emit({
          type: 'result',
          step,
          ok: !failed,
          toolCalls: Number(calls?.[1] ?? 0),
          summary: text.split('\n')[0] ?? '',
        });
      }
    },
  });
  return {
    text: result.text,
    steps: step,
    programs,
    usage: {
      inputTokens: result.totalUsage.inputTokens ?? 0,
      outputTokens: result.totalUsage.outputTokens ?? 0,
    },
  };
}
