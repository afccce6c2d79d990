import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CheckMode, createCodeMode } from '../engine/create-code-mode.ts';
import { formatDiagnostics } from '../check/diagnostics.ts';
import type { ExecutionResult } from '../engine/execution-result.ts';
import { RUN_HELP } from './help.ts';
import { parsePositiveInteger, usageError } from './usage-error.ts';

/** `codemode run`: runs one program; exit 0 on success, 1 when the program failed. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      memory: { type: 'string' },
      check: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usageError('run expects one program: a FILE, or - for standard input');
  const timeoutMs = parsePositiveInteger('--timeout', values.timeout);
  const memoryMb = parsePositiveInteger('--memory', values.memory);
  const check = parseCheckMode(values.check);
  const program = await readProgram(positionals[0] ?? '-');

  const codemode = await createCodeMode({ config: values.config, onWarning: warn });
  try {
    const outcome = await codemode.execute(program, {
      limits: { ...(timeoutMs && { timeoutMs }), ...(memoryMb && { memoryMb }) },
      ...(check && { check }),
    });
    report(outcome, values.json);
    return outcome.ok ? 0 : 1;
  } finally {
    await codemode.close();
  }
}

async function readProgram(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`cannot read program file "${source}"${code ? ` (${code})` : ''}`);
  }
}

function report(outcome: ExecutionResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return;
  }
  if (outcome.diagnostics)
    process.stderr.write(`type warnings:\n${formatDiagnostics(outcome.diagnostics)}\n`);
  for (const line of outcome.logs) process.stderr.write(`${line}\n`);
  if (outcome.ok) {
    process.stdout.write(`${JSON.stringify(outcome.result, null, 2)}\n`);
    return;
  }
  const { name, message, line, column, stack } = outcome.error;
  // A TypeCheckError's message lists every place already.
  const where =
    line === undefined || outcome.error.diagnostics
      ? ''
      : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
  process.stderr.write(`${name}: ${message}${where}\n`);
  // The stack's first line repeats name and message: only the program's frames add anything.
  const frames = (stack ?? '').split('\n').filter((frame) => /^\s+at /.test(frame));
  if (frames.length > 0) process.stderr.write(`${frames.join('\n')}\n`);
}

function parseCheckMode(value: string | undefined): CheckMode | undefined {
  if (value === undefined || value === 'strict' || value === 'warn' || value === 'off') return value;
  throw usageError(`--check expects strict, warn or off, got "${value}"`);
}

function warn(message: string): void {
  process.stderr.write(`codemode: ${message}\n`);
}
