import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './run-cli.ts';

/** How long `codemode serve` may take to connect its servers and listen. */
const START_TIMEOUT_MS = 30_000;

/** A `codemode serve --http` child process on 127.0.0.1 and a free port. */
export interface GatewayProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `codemode serve --http 127.0.0.1:0 ...args` and resolves once it prints its URL. */
export function startGateway(args: string[], env: NodeJS.ProcessEnv = {}): Promise<GatewayProcess> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'codemode.js'), 'serve', '--http', '127.0.0.1:0', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    },
  );
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codemode serve did not start:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`codemode serve exited with ${code}:\n${stderr}`));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /codemode gateway: (http:\/\/\S+)/.exec(stderr);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        stderr: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
