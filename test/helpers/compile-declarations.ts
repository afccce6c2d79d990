import ts from 'typescript';

/** Compiler options close to what a program is checked with: strict, ES2023 library only (no DOM, no Node types). */
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  lib: ['lib.es2023.d.ts'],
  types: [],
  skipLibCheck: false,
};

/** The standard library's files, parsed once per test process: most of a compile's time is parsing them. */
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-checks generated declarations (and optionally a program body against them) with the real TypeScript compiler.
 * Returns the diagnostics as `file:line: message` strings; empty means it compiles.
 */
export function compileDeclarations(declarations: string, programBody?: string): string[] {
  const files = new Map<string, string>([['/virtual/api.d.ts', declarations]]);
  // A program is an async function body; wrapping it the same way the engine does keeps `return` and `await` legal.
  if (programBody !== undefined)
    files.set('/virtual/program.ts', `export async function program() {\n${programBody}\n}\n`);
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    if (!libraryFiles.has(name)) libraryFiles.set(name, getSourceFile(name, language, onError));
    return libraryFiles.get(name);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
  });
}
