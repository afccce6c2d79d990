import ts from 'typescript';
import { closestName } from '../catalog/suggest-name.ts';
import type { Catalog } from '../catalog/types.ts';

/** One type error, in the program's own terms. */
export interface CheckDiagnostic {
  /** 1-based, in the program as written. */
  line: number;
  column: number;
  /** TypeScript's error code, e.g. 2339. */
  code: number;
  message: string;
  /** The offending line of the program. */
  source: string;
}

/**
 * Errors that do not fail at run time, or that only say a value's type is not known: tools without an output
 * schema return values typed `unknown` to the program, and nullability is the program's business.
 */
// prettier-ignore
const IGNORED_CODES = new Set([
  2531, 2532, 2533, 18047, 18048, 18049, 2722, // possibly null or undefined
  2571, 18046, // of type 'unknown'
  2454, // used before being assigned
  2366, 2355, // a function lacks a return
]);

/** The noImplicitAny family (7xxx): a missing annotation, never a run-time failure. */
function isIgnored(code: number): boolean {
  return IGNORED_CODES.has(code) || (code >= 7000 && code < 8000);
}

/** What a caught ToolError carries (see PRELUDE_DECLARATIONS). */
const TOOL_ERROR_MEMBERS = ['message', 'server', 'tool', 'content', 'code', 'name', 'stack'];

/** A member that `name` starts with or that starts `name` (`toolName` -> `tool`). */
function closestPrefix(name: string, members: string[]): string | undefined {
  const lowered = name.toLowerCase();
  return members.find((member) => lowered.startsWith(member) || member.startsWith(lowered));
}

/** Diagnostics a model reads at once; more are summarized by count. */
export const MAX_DIAGNOSTICS = 10;

/** TypeScript diagnostics of the wrapped program -> the program's diagnostics, filtered, with names suggested. */
export function toCheckDiagnostics(
  diagnostics: readonly ts.Diagnostic[],
  program: string,
  wrapping: { firstLinePrefix: number },
  catalog: Catalog,
): CheckDiagnostic[] {
  const lines = program.split('\n');
  const result: CheckDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (isIgnored(diagnostic.code) || diagnostic.file === undefined || diagnostic.start === undefined)
      continue;
    const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const line = position.line + 1;
    if (line > lines.length) continue; // the wrapper's closing lines: reported again where the program is at fault
    const column =
      (position.line === 0 ? position.character - wrapping.firstLinePrefix : position.character) + 1;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
    result.push({
      line,
      column: Math.max(1, column),
      code: diagnostic.code,
      message: withSuggestion(message, diagnostic.code, catalog),
      source: lines[position.line] ?? '',
    });
  }
  return result;
}

/**
 * TypeScript suggests close names for variables and properties of ordinary types; for the API's own names it often
 * cannot (a namespace's members, an unknown namespace), so add the closest tool or server and what exists.
 */
function withSuggestion(message: string, code: number, catalog: Catalog): string {
  if (code === 2339 && /on type 'Promise</.test(message) && !/await/.test(message)) {
    return `${message} Did you forget to use 'await'?`;
  }
  if (/Did you mean/.test(message)) return message;
  const namespaces = catalog.servers.map((server) => server.namespace);
  if (code === 2304) {
    const name = /Cannot find name '([^']+)'/.exec(message)?.[1];
    if (name === undefined) return message;
    const best = closestName(name, namespaces);
    return `${message}${best ? ` Did you mean '${best}'?` : ''} Servers: ${namespaces.join(', ') || 'none'}.`;
  }
  if (code === 2339 && /on type 'ToolError'/.test(message)) {
    const name = /Property '([^']+)'/.exec(message)?.[1] ?? '';
    const best = closestName(name, TOOL_ERROR_MEMBERS) ?? closestPrefix(name, TOOL_ERROR_MEMBERS);
    return `${message}${best ? ` Did you mean '${best}'?` : ''} ToolError has: ${TOOL_ERROR_MEMBERS.join(', ')}.`;
  }
  if (code === 2339) {
    const match = /Property '([^']+)' does not exist on type 'typeof ([\w$]+)'/.exec(message);
    const server = catalog.servers.find((entry) => entry.namespace === match?.[2]);
    if (!match || !server) return message;
    const methods = server.tools.map((tool) => tool.method);
    const best = closestName(match[1] ?? '', methods);
    const list = methods.length <= 30 ? ` ${server.namespace} has: ${methods.join(', ')}.` : '';
    return `${message}${best ? ` Did you mean '${best}'?` : ''}${list}`;
  }
  return message;
}

/** The diagnostics as one text: where, what, and the line itself. */
export function formatDiagnostics(diagnostics: readonly CheckDiagnostic[]): string {
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS).map((diagnostic) => {
    const gutter = String(diagnostic.line);
    return `line ${diagnostic.line}, column ${diagnostic.column}: ${diagnostic.message}\n  ${gutter} | ${diagnostic.source.trim()}`;
  });
  const more = diagnostics.length - shown.length;
  return `${shown.join('\n')}${more > 0 ? `\n… and ${more} more` : ''}`;
}
