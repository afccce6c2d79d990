import { closestName } from '../catalog/suggest-name.ts';
import type { Catalog } from '../catalog/types.ts';
import type { ExecutionError } from './execution-result.ts';

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
  const best = closestName(name, candidates);
  return best === undefined ? '' : ` (did you mean ${prefix}${best}?)`;
}
