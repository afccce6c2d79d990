import { Script } from 'node:vm';

/**
 * Markdown fences a model tends to wrap code in: ```ts, ```typescript, ```js, ```javascript, or none.
 * Only a fence that encloses the whole program is stripped, so template strings containing ``` survive.
 */
const FENCE = /^\s*```[\w-]*[^\S\n]*\n([\s\S]*?)\n?[^\S\n]*```\s*$/d;

/**
 * Removes a markdown code fence around the whole program, if there is one. The opening fence becomes an empty line,
 * so every line keeps the number it has in the program as written (errors point at the model's own lines).
 */
export function stripFences(source: string): string {
  const match = FENCE.exec(source);
  const start = match?.indices?.[1]?.[0];
  if (!match || start === undefined) return source;
  const openingLines = source.slice(0, start).split('\n').length - 1;
  return '\n'.repeat(openingLines) + (match[1] ?? '');
}

const EXPORT_DEFAULT = /^(\s*)export\s+default\s+/;
/** Starts that make a lone expression a function to call: `async () =>`, `async function`, `function`, `(...) =>`. */
const FUNCTION_START = /^\s*(async\s*(\(|function\b|[A-Za-z_$][\w$]*\s*=>)|function\b|\()/;

/** `export default` replaced by as many spaces, so lines and columns stay where the author wrote them. */
export function blankExportDefault(code: string): string {
  return code.replace(EXPORT_DEFAULT, (whole) => ' '.repeat(whole.length));
}

/**
 * `export default` replaced by `return` and spaces (lines and columns stay). Type stripping and checking parse the
 * program as a function body, which may return a function but not export one — nor hold an anonymous
 * `function () {}` as a statement. {@link normalizeProgram} with `exported` takes the `return` out again.
 */
export function exportDefaultAsReturn(code: string): string {
  return code.replace(
    EXPORT_DEFAULT,
    (whole, indent: string) => `${indent}return${' '.repeat(whole.length - indent.length - 'return'.length)}`,
  );
}

/**
 * What a lone function expression is wrapped in to be called: this before it, on its first line (so first-line
 * columns of the running code are this much further right), and `\n);` after it, on a line of its own.
 */
export const CALL_PREFIX = "return await ((value) => (typeof value === 'function' ? value() : value))(";

/**
 * Turns what a model wrote into the body of an async function, in plain JavaScript:
 * - a program body (top-level `await`, `return`) is kept as it is;
 * - `export default <function>` and a lone function expression (`async () => { ... }`) are called.
 * Works on JavaScript (types already stripped); compiling with `vm.Script` only parses, it never runs anything.
 * `exported`: the caller turned an `export default` into `return` (see {@link exportDefaultAsReturn}) so that types
 * could be stripped.
 */
export function normalizeProgram(javascript: string, options: { exported?: boolean } = {}): string {
  let exported = options.exported ?? false;
  let code = exported ? javascript.replace(/^\s*return\b/, (whole) => ' '.repeat(whole.length)) : javascript;
  const exportMatch = EXPORT_DEFAULT.exec(code);
  if (exportMatch) {
    // Keep the columns of the first line: replace the keywords with spaces instead of deleting them.
    code = blankExportDefault(code);
    exported = true;
  }
  const expression = code.trimEnd().replace(/;$/, '');
  if ((exported || FUNCTION_START.test(code)) && isOneExpression(expression)) {
    // Call it when it is a function; an IIFE's promise (or any other value) is simply awaited and returned.
    // The wrapper stays on the program's first and last lines so that line numbers do not move.
    return `${CALL_PREFIX}${expression}\n);`;
  }
  return code;
}

/** True when the whole program parses as one expression. */
function isOneExpression(code: string): boolean {
  try {
    new Script(`(${code}\n)`);
    return true;
  } catch {
    return false;
  }
}
