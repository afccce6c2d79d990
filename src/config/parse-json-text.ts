import { CodeModeError } from '../errors.ts';

/** Where a syntax error is, 1-based like editors count. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Parses JSON text; on a syntax error, throws CONFIG_INVALID naming the file, the line and column, and what was wrong.
 * V8's own messages sometimes omit the position and echo the whole input, so the position comes from a small scanner
 * that runs only after `JSON.parse` has failed.
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { offset, reason } = findSyntaxError(text);
    const { line, column } = positionAt(text, offset);
    throw new CodeModeError(
      'CONFIG_INVALID',
      `${source}: not valid JSON at line ${line}, column ${column}: ${reason}`,
      {
        details: { source, line, column },
      },
    );
  }
}

/** Converts a character offset into a 1-based line and column. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Thrown inside the scanner to unwind to its caller; never escapes this module. */
class SyntaxFault extends Error {
  readonly offset: number;
  readonly reason: string;
  constructor(offset: number, reason: string) {
    super(reason);
    this.offset = offset;
    this.reason = reason;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Scans `text` as JSON and returns the first offending offset with a short reason. */
function findSyntaxError(text: string): { offset: number; reason: string } {
  let index = 0;

  const describe = (at: number): string => (at >= text.length ? 'end of input' : JSON.stringify(text[at]));
  const fail = (reason: string, at = index): never => {
    throw new SyntaxFault(at, reason);
  };
  const skipSpace = (): void => {
    while (index < text.length && ' \t\r\n'.includes(text[index]!)) index++;
  };
  const expect = (char: string, what: string): void => {
    skipSpace();
    if (text[index] !== char) fail(`expected ${what}, found ${describe(index)}`);
    index++;
  };

  const string = (): void => {
    index++; // opening quote
    for (;;) {
      const char = text[index];
      if (char === undefined) fail('unterminated string');
      if (char === '"') break;
      if (char === '\\') {
        ESCAPE.lastIndex = index;
        if (!ESCAPE.test(text)) fail('invalid escape in string');
        index = ESCAPE.lastIndex;
        continue;
      }
      if (char!.charCodeAt(0) < 0x20) fail('line break or control character inside a string');
      index++;
    }
    index++;
  };

  const value = (): void => {
    skipSpace();
    const char = text[index];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === '/') fail('comments are not allowed in JSON');
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = index;
    if (NUMBER.test(text)) {
      index = NUMBER.lastIndex;
      return;
    }
    fail(`unexpected ${describe(index)}`);
  };

  const object = (): void => {
    index++;
    skipSpace();
    if (text[index] === '}') return void index++;
    for (;;) {
      skipSpace();
      if (text[index] === '}') fail('trailing comma before "}"');
      if (text[index] !== '"') fail(`expected a property name in double quotes, found ${describe(index)}`);
      string();
      expect(':', '":" after the property name');
      value();
      skipSpace();
      if (text[index] === ',') {
        index++;
        continue;
      }
      return expect('}', '"," or "}"');
    }
  };

  const array = (): void => {
    index++;
    skipSpace();
    if (text[index] === ']') return void index++;
    for (;;) {
      skipSpace();
      if (text[index] === ']') fail('trailing comma before "]"');
      value();
      skipSpace();
      if (text[index] === ',') {
        index++;
        continue;
      }
      return expect(']', '"," or "]"');
    }
  };

  try {
    value();
    skipSpace();
    if (index < text.length) fail(`unexpected ${describe(index)} after the end of the document`);
  } catch (error) {
    if (error instanceof SyntaxFault) return { offset: error.offset, reason: error.reason };
    throw error;
  }
  // JSON.parse rejected text this scanner accepts (e.g. a lone surrogate edge case): point at the start.
  return { offset: 0, reason: 'not valid JSON' };
}
