import { transformSync } from 'amaro';

/**
 * The wrapper the program is stripped inside, so that top-level `return` and `await` parse. It sits on the program's
 * first line and amaro's strip-only mode replaces types with blanks, so every line and column of the output matches
 * the program as written.
 */
const PREFIX = 'async function __codemode_program__() {';
const SUFFIX = '\n}';

/** A syntax error in the program, with a position in the program as written (1-based). */
export interface ProgramSyntaxError {
  message: string;
  line: number;
  column: number;
}

/**
 * Removes TypeScript syntax (annotations, interfaces, `as`, generics) from a program body, keeping positions.
 * Rejects TypeScript that needs code generation (enums, namespaces, parameter properties): models rarely write them
 * and a position-preserving strip cannot translate them.
 */
export function stripTypes(program: string): { code: string } | { error: ProgramSyntaxError } {
  try {
    const { code } = transformSync(PREFIX + program + SUFFIX, { mode: 'strip-only' });
    return { code: code.slice(PREFIX.length, code.length - SUFFIX.length) };
  } catch (error) {
    return { error: toSyntaxError(error) };
  }
}

function toSyntaxError(error: unknown): ProgramSyntaxError {
  const details = error as { message?: unknown; startLine?: unknown; startColumn?: unknown };
  const message = typeof details.message === 'string' ? details.message : String(error);
  const line = typeof details.startLine === 'number' ? details.startLine : 1;
  const rawColumn = typeof details.startColumn === 'number' ? details.startColumn : 0;
  // amaro's columns are 0-based; on the first line they include the wrapper.
  const column = (line === 1 ? rawColumn - PREFIX.length : rawColumn) + 1;
  return { message, line, column: Math.max(1, column) };
}
