import type { ExecutionError } from './execution-result.ts';

/** How the code that ran differs from the program as written (fences, types and `export default` keep positions). */
export interface ProgramWrapping {
  /** Characters the engine put before the program on its first line (a lone function's call wrapper), else 0. */
  firstLinePrefix: number;
  /** Lines of the program as written: a frame past them is in the wrapper's closing line. */
  lines: number;
}

/** A stack frame of the program: `at name (program.js:3:9)` or `at program.js:3:9`. */
const PROGRAM_FRAME = /program\.js:(\d+):(\d+)/;

/**
 * Puts a run-time error in the program's own terms: stack positions mapped to the program as written, frames of the
 * engine's call wrapper dropped, and `line`/`column` set from the innermost frame of the program, so a model can go
 * straight to the line (the sandbox reports only a stack).
 */
export function locateRunError(error: ExecutionError, wrapping: ProgramWrapping): ExecutionError {
  const located: ExecutionError = { ...error };
  if (error.line !== undefined && error.column !== undefined) {
    const place = toProgram(error.line, error.column, wrapping);
    if (place) [located.line, located.column] = place;
  }
  if (error.stack === undefined) return located;
  let first: [number, number] | undefined;
  const kept: string[] = [];
  for (const text of error.stack.split('\n')) {
    const match = PROGRAM_FRAME.exec(text);
    if (!match) {
      kept.push(text);
      continue;
    }
    const place = toProgram(Number(match[1]), Number(match[2]), wrapping);
    if (!place) continue; // the engine's wrapper calling the program: not the program's business
    first ??= place;
    kept.push(text.replace(PROGRAM_FRAME, `program.js:${place[0]}:${place[1]}`));
  }
  located.stack = kept.join('\n');
  if (first && located.line === undefined) [located.line, located.column] = first;
  return located;
}

/** A position in the code that ran -> the program as written; undefined when it is inside the wrapper. */
function toProgram(line: number, column: number, wrapping: ProgramWrapping): [number, number] | undefined {
  if (line > wrapping.lines) return undefined;
  if (line !== 1) return [line, column];
  const shifted = column - wrapping.firstLinePrefix;
  return shifted < 1 ? undefined : [line, shifted];
}
