// The token budget of issue 4, defined so that it reproduces the figures for GitHub's 117 tools
// (T = 35,274, D = 12,788, budget 19,534 o200k tokens).
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** Share of the schema's structure (everything but descriptions) the declarations may cost. */
export const STRUCTURE_SHARE = 0.3;

/** T, D and the budget D + 0.3 × (T − D) of one catalog, in o200k tokens. */
export interface TokenBudget {
  /** The tools as JSON tool definitions: `JSON.stringify` of the tools exactly as tools/list gave them. */
  T: number;
  /** Every `description` string in them, each counted as one line of text (the string and a newline). */
  D: number;
  /** D + 0.3 × (T − D), rounded to the nearest token. */
  budget: number;
}

/** The budget for these tool definitions (as a server lists them: annotations, icons and all). */
export function tokenBudget(tools: readonly unknown[]): TokenBudget {
  const T = countTokens(JSON.stringify(tools));
  const D = descriptions(tools).reduce((sum, text) => sum + countTokens(`${text}\n`), 0);
  return { T, D, budget: Math.round(D + STRUCTURE_SHARE * (T - D)) };
}

/** Every string under a `description` key, at any depth (tool, property, nested definition). */
function descriptions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) descriptions(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'description' && typeof value === 'string') found.push(value);
      else descriptions(value, found);
    }
  }
  return found;
}

/** o200k tokens of a text. */
export function tokens(text: string): number {
  return countTokens(text);
}
