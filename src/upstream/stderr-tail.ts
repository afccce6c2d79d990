/**
 * Keeps the last few kilobytes of a child's stderr (for the error message when it fails) and splits it into lines
 * (for forwarding with a prefix). A server's stderr never reaches our stdout: `codemode serve` speaks JSON-RPC there.
 */
export class StderrTail {
  readonly #limit: number;
  #text = '';
  #partial = '';

  /** @param limit characters kept; older output is dropped from the front. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Adds a chunk; returns the lines it completed. */
  push(chunk: string): string[] {
    this.#text = (this.#text + chunk).slice(-this.#limit);
    const lines = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = (lines.pop() ?? '').slice(-this.#limit);
    return lines;
  }

  /** The unterminated last line, if any; call once the stream has ended. */
  flush(): string[] {
    const rest = this.#partial;
    this.#partial = '';
    return rest === '' ? [] : [rest];
  }

  /** The last `count` non-empty lines, joined with ` | ` so they fit a one-line error message. */
  lastLines(count: number): string {
    return this.#text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .slice(-count)
      .join(' | ');
  }
}
