import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'bin', 'codemode.js');
/** Generous: the CLI starts real servers; a run that hangs is a failure, not a wait. */
const CLI_TIMEOUT_MS = 60_000;

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `codemode ARGS` as a real child process (the repository's bin, on this Node). */
export function runCli(
  args: string[],
  options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codemode ${args.join(' ')} did not finish in ${CLI_TIMEOUT_MS} ms\n${stderr}`));
    }, CLI_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary directory for one test file. */
export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `codemode-${prefix}-`));
}

/** Writes `{ mcpServers }` to a codemode.json in `directory` and returns its path. */
export function writeConfig(directory: string, mcpServers: Record<string, unknown>): string {
  const path = join(directory, 'codemode.json');
  writeFileSync(path, JSON.stringify({ mcpServers }, null, 2));
  return path;
}

/** The config entry that starts a reference server from node_modules over stdio on this Node. */
export function referenceServer(name: 'memory' | 'filesystem' | 'everything', ...args: string[]) {
  const entry = join(
    REPO_ROOT,
    'node_modules',
    '@modelcontextprotocol',
    `server-${name}`,
    'dist',
    'index.js',
  );
  return { command: process.execPath, args: [entry, ...args] };
}

/** The config entry of the test tools server (sleep, echo, fail). */
export function toolsServer(...args: string[]) {
  return {
    command: process.execPath,
    args: [join(REPO_ROOT, 'test', 'fixtures', 'tools-server.ts'), ...args],
  };
}
