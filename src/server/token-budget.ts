/**
 * Token budgets for what the gateway sends to a model. Counting exactly would need a tokenizer per model family; an
 * estimate that errs high is enough to bound output, and tests check it against the real o200k tokenizer.
 */

/**
 * Characters per token assumed. o200k averages ~4 on English and JSON and ~3.3 on dense code; 3 overestimates tokens
 * on both, so a budget computed with it is never exceeded by much.
 */
const CHARS_PER_TOKEN = 3;

/** A cautious (high) estimate of the tokens in `text`. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * `text` cut to about `budgetTokens`, with a marker that says how large it was and what to do instead. Unchanged when it
 * fits. The cut keeps the head, where JSON's shape and the first items are.
 */
export function clipToBudget(text: string, budgetTokens: number, what: string): string {
  const limit = budgetTokens * CHARS_PER_TOKEN;
  if (text.length <= limit) return text;
  const kept = text.slice(0, Math.max(0, limit - 300));
  return (
    `${kept}\n[… ${what} cut: it was ${text.length.toLocaleString('en-US')} characters (~${estimateTokens(text).toLocaleString('en-US')} ` +
    `tokens), over the budget of ~${budgetTokens.toLocaleString('en-US')} tokens. Filter, aggregate or slice inside ` +
    `the program and return only what you need.]`
  );
}
