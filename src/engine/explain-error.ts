import type { Catalog } from '../catalog/types.ts';
import type { ExecutionError } from './execution-result.ts';

/** Suggestions past this edit distance are noise rather than help. */
const MAX_SUGGESTION_DISTANCE = 3;

/**
 * Adds what a model needs to fix the two most common mistakes against the API: calling a tool that does not exist
 * (`memory.nope is not a function`) and naming a namespace that does not exist (`memroy is not defined`). The
 * original message stays first, so nothing V8 said is lost.
 */
export function explainError(error: ExecutionError, catalog: Catalog): ExecutionError {
  const namespaces = catalog.namespaces();
  if (error.name === 'TypeError') {
    const match = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*) is not a function/.exec(error.message);
    const methods = match?.[1] === undefined ? undefined : namespaces[match[1]];
    if (match && methods) {
      const hint = suggestion(match[2] ?? '', methods, `${match[1]}.`);
      const list = methods.length <= 30 ? `; ${match[1]} has: ${methods.join(', ')}` : '';
      return { ...error, message: `${error.message}: no such tool${hint}${list}` };
    }
  }
  if (error.name === 'ReferenceError') {
    const match = /^([A-Za-z_$][\w$]*) is not defined/.exec(error.message);
    if (match) {
      const names = Object.keys(namespaces);
      const hint = suggestion(match[1] ?? '', names, '');
      const list = names.length === 0 ? 'no servers are connected' : `namespaces: ${names.join(', ')}`;
      return { ...error, message: `${error.message}${hint}; ${list}` };
    }
  }
  return error;
}

function suggestion(name: string, candidates: string[], prefix: string): string {
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? '' : ` (did you mean ${prefix}${best}?)`;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
