import ts from 'typescript';
import type { Catalog } from '../catalog/types.ts';
import type { CheckDiagnostic } from './diagnostics.ts';
import { explainDiagnostic } from './explain-diagnostic.ts';

/**
 * Errors that do not fail at run time, or that only say a value's type is not known: nullability is the program's
 * business (it may know a value is there), and `unknown` comes from schema parts without a type. (A tool without an
 * outputSchema returns `any` for the checker, though the program's declarations say `unknown`.)
 */
// prettier-ignore
const IGNORED_CODES = new Set([
  2531, 2532, 2533, 18047, 18048, 18049, 2722, // possibly null or undefined
  2571, 18046, // of type 'unknown'
  2454, // used before being assigned
  2366, 2355, // a function lacks a return
]);

/**
 * `Type 'unknown' is not assignable to …` (2322, 2345): TypeScript does not know the value, which is no evidence that
 * it is wrong — a schema property without a type, say, passed on to another tool. The host validates every call's
 * arguments against the tool's inputSchema, so a value that really is wrong is still caught, at the call.
 */
const UNKNOWN_SOURCE = /^(Type|Argument of type) 'unknown' is not assignable/;

/** Filtered out: the codes above, the noImplicitAny family (7xxx: a missing annotation), an unknown source type. */
function isIgnored(diagnostic: ts.Diagnostic): boolean {
  const { code } = diagnostic;
  if (IGNORED_CODES.has(code) || (code >= 7000 && code < 8000)) return true;
  const head =
    typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText;
  return (code === 2322 || code === 2345) && UNKNOWN_SOURCE.test(head);
}

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
    if (isIgnored(diagnostic) || diagnostic.file === undefined || diagnostic.start === undefined) continue;
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
      message: explainDiagnostic(message, diagnostic.code, catalog),
      source: lines[position.line] ?? '',
    });
  }
  return result;
}
