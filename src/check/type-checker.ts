import ts from 'typescript';
import type { Catalog } from '../catalog/types.ts';
import { generateDeclarations } from '../typegen/generate-declarations.ts';
import { type CheckDiagnostic, toCheckDiagnostics } from './diagnostics.ts';

const API_FILE = '/codemode/api.d.ts';
const PROGRAM_FILE = '/codemode/program.ts';

/**
 * How a program is checked. Strict, so a misspelled property or a wrong argument type is caught, but without the
 * checks whose findings do not fail at run time: unused names, unreachable code, implicit returns (and implicit `any`,
 * filtered in diagnostics.ts).
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  // On for its control-flow typing (`let found = null; found = {...}` evolves instead of being stuck at `null`);
  // its own complaints (the 7xxx codes) are filtered out as noise.
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  types: [],
  allowUnreachableCode: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
  noImplicitReturns: false,
  skipLibCheck: true,
};

/** How the program text was wrapped for checking, so positions can be mapped back to the program as written. */
export interface ProgramWrapping {
  /** Characters added before the program on its first line. */
  firstLinePrefix: number;
}

/**
 * A TypeScript LanguageService kept warm: the declarations of one catalog version and the standard library stay parsed
 * between checks; only the program changes. Checking a 30-line program this way costs milliseconds, not the ~100 ms of
 * a cold compile.
 */
export class TypeChecker {
  #catalogVersion: string | undefined;
  #declarations = '';
  #program = '';
  #programVersion = 0;
  readonly #service: ts.LanguageService;

  constructor() {
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [API_FILE, PROGRAM_FILE],
      getScriptVersion: (file) =>
        file === PROGRAM_FILE
          ? String(this.#programVersion)
          : file === API_FILE
            ? (this.#catalogVersion ?? '')
            : '1',
      getScriptSnapshot: (file) => {
        if (file === PROGRAM_FILE) return ts.ScriptSnapshot.fromString(this.#program);
        if (file === API_FILE) return ts.ScriptSnapshot.fromString(this.#declarations);
        const text = ts.sys.readFile(file);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCompilationSettings: () => COMPILER_OPTIONS,
      getCurrentDirectory: () => '/codemode',
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (file) => file === API_FILE || file === PROGRAM_FILE || ts.sys.fileExists(file),
      readFile: (file) =>
        file === PROGRAM_FILE
          ? this.#program
          : file === API_FILE
            ? this.#declarations
            : ts.sys.readFile(file),
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /**
   * Type-checks `program` (TypeScript, the body of an async function, or one function expression to call) against the
   * catalog's API. Diagnostics are in the program's own lines and columns, filtered to what matters at run time.
   */
  check(program: string, catalog: Catalog, wrapping: { expression: boolean }): CheckDiagnostic[] {
    if (catalog.version !== this.#catalogVersion) {
      this.#catalogVersion = catalog.version;
      this.#declarations = generateDeclarations(catalog, { detail: 'compact', undeclaredOutput: 'any' });
    }
    // The program starts on the wrapper's first line, so lines need no mapping and columns only on line 1.
    const prefix = wrapping.expression
      ? 'async function __codemode_program__() { return await ('
      : 'async function __codemode_program__() {';
    const suffix = wrapping.expression ? '\n)(); }\n' : '\n}\n';
    this.#program = `${prefix}${program}${suffix}`;
    this.#programVersion += 1;
    const diagnostics = [
      ...this.#service.getSyntacticDiagnostics(PROGRAM_FILE),
      ...this.#service.getSemanticDiagnostics(PROGRAM_FILE),
    ];
    return toCheckDiagnostics(diagnostics, program, { firstLinePrefix: prefix.length }, catalog);
  }
}
