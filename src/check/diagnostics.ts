/**
 * A type error as a model reads it. Kept free of TypeScript itself, so that the engine, the CLI and the gateway can
 * report diagnostics without loading it: TypeScript loads on the first check (`typescript-diagnostics.ts`).
 */

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

/** Diagnostics a model reads at once; more are summarized by count. */
export const MAX_DIAGNOSTICS = 10;

/** The diagnostics as one text: where, what, and the line itself. */
export function formatDiagnostics(diagnostics: readonly CheckDiagnostic[]): string {
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS).map((diagnostic) => {
    const gutter = String(diagnostic.line);
    return `line ${diagnostic.line}, column ${diagnostic.column}: ${diagnostic.message}\n  ${gutter} | ${diagnostic.source.trim()}`;
  });
  const more = diagnostics.length - shown.length;
  return `${shown.join('\n')}${more > 0 ? `\n… and ${more} more` : ''}`;
}
