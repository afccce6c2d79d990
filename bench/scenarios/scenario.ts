/** One measured figure as bench/results/core.json records it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, when there is one. */
  target?: string;
  /** Whether this run met the target (present exactly when `target` is). */
  met?: boolean;
  /** The peers' figures as measured on this machine, for context. */
  peers?: string;
}

/** A benchmark scenario: runs, cleans up everything it started, returns its figures. */
export interface Scenario {
  name: string;
  run(options: { quick: boolean }): Promise<Figure[]>;
}

/** A figure with a target of the form "value <= limit" or "value >= limit", and whether it was met. */
export function targeted(
  figure: Omit<Figure, 'target' | 'met'>,
  target: { atMost: number } | { atLeast: number },
  label: string,
): Figure {
  const met = 'atMost' in target ? figure.value <= target.atMost : figure.value >= target.atLeast;
  return { ...figure, target: label, met };
}

/** Throws when a sandbox run or an execution failed: a failed run must never be timed as a fast one. */
export function expectOk(
  outcome: { ok: boolean; error?: { name: string; message: string }; toolCalls: number },
  toolCalls?: number,
): void {
  if (!outcome.ok)
    throw new Error(`bench: the program failed: ${outcome.error?.name}: ${outcome.error?.message}`);
  if (toolCalls !== undefined && outcome.toolCalls !== toolCalls) {
    throw new Error(`bench: expected ${toolCalls} tool calls, the program made ${outcome.toolCalls}`);
  }
}
