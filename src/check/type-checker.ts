import ts from 'typescript';
import type { Catalog } from '../catalog/types.ts';
import { generateDeclarations } from '../typegen/generate-declarations.ts';
import type { CheckDiagnostic } from './diagnostics.ts';
import { toCheckDiagnostics } from './typescript-diagnostics.ts';

const API_FILE = '/codemode/api.d.ts';
const PROGRAM_FILE = '/codemode/program.ts';

/**
 * The built-ins the sandbox has: V8 12.4 (Node 22) implements ES2024 plus ES2025's Set methods and iterator helpers
 * and `Array.fromAsync`, but not `Promise.try`, `RegExp.escape` or `Float16Array` (the rest of ES2025). No DOM and no
 * Node types: `fetch`, `setTimeout`, `process` and `require` do not exist there. `type-checker.test.ts` runs a program
 * using each declared addition in the sandbox, so this list cannot drift from what really runs.
 */
const SANDBOX_LIB = [
  'lib.es2024.d.ts',
  'lib.es2025.collection.d.ts',
  'lib.es2025.iterator.d.ts',
  'lib.esnext.array.d.ts',
];
/**
 * How a program is checked. Strict, so a misspelled property or a wrong argument type is caught, but without the
 * checks whose findings do not fail at run time: unused names, unreachable code, implicit returns (and implicit `any`,
 * filtered in typescript-diagnostics.ts).
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  // On for its control-flow typing (`let found = null; found = {...}` evolves instead of being stuck at `null`);
  // its implicit-any complaints (the 7xxx codes) are filtered out as noise.
  strict: true,
  // A caught value is `any`, as in JavaScript: `catch (error) { return error.message }` is what models write, and
  // whatever was thrown, reading a property of it does not fail at run time.
  useUnknownInCatchVariables: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2024,
  lib: SANDBOX_LIB,
  types: [],
  allowUnreachableCode: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
  noImplicitReturns: false,
  skipLibCheck: true,
};

const WRAPPER_START = 'async function __codemode_program__() {';
/** The engine's call of a lone expression (`normalizeProgram`), as a type: a function's result, else the value. */
const CALL_DECLARATION =
  'declare function __codemode_call__<T>(value: T): T extends (...args: never[]) => infer R ? R : T;\n';

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
    // The program starts on the wrapper's first line, so lines need no mapping and columns only on line 1. A lone
    // expression is typed as the engine runs it: called when it is a function, awaited as it is otherwise (an IIFE).
    const prefix = wrapping.expression ? `${WRAPPER_START} return await __codemode_call__(` : WRAPPER_START;
    const body = wrapping.expression ? program.trimEnd().replace(/;$/, '') : program;
    const suffix = wrapping.expression ? `\n); }\n${CALL_DECLARATION}` : '\n}\n';
    this.#program = `${prefix}${body}${suffix}`;
    this.#programVersion += 1;
    const diagnostics = [
      ...this.#service.getSyntacticDiagnostics(PROGRAM_FILE),
      ...this.#service.getSemanticDiagnostics(PROGRAM_FILE),
    ];
    return toCheckDiagnostics(diagnostics, program, { firstLinePrefix: prefix.length }, catalog);
  }
}
