import { basename } from 'node:path';
import type { StdioServerConfig } from '../config/types.ts';
import { ChildProcessTransport } from './child-process-transport.ts';
import { sharedReaper } from './process-reaper.ts';
import type { ProcessReaper } from './process-reaper.ts';
import { connectSdkClient } from './sdk-connection.ts';
import type { SdkConnection } from './sdk-connection.ts';

/** Lines of a failed server's stderr quoted in its error message: usually the error and its first frames. */
const STDERR_LINES_IN_ERRORS = 5;

/** Options of {@link connectStdio}. */
export interface StdioConnectOptions {
  /** Default `DEFAULT_CONNECT_TIMEOUT_MS` (sdk-connection.ts). */
  connectTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Receives each line the server writes to stderr. Default: kept only for error messages. */
  onStderrLine?: ((line: string) => void) | undefined;
  /** Default: the process-wide reaper. */
  reaper?: ProcessReaper | undefined;
}

/**
 * Starts a stdio server in its own process group and connects to it.
 *
 * @throws CodeModeError UPSTREAM_UNAVAILABLE naming the server when the command is missing, exits at once (with its
 *   last stderr lines), or does not answer `initialize` in time.
 * @example
 * const memory = await connectStdio('memory', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'], env: {} });
 * console.error((await memory.listTools()).map((tool) => tool.name));
 * await memory.close();
 */
export async function connectStdio(
  name: string,
  config: StdioServerConfig,
  options: StdioConnectOptions = {},
): Promise<SdkConnection> {
  const transport = new ChildProcessTransport({
    ...config,
    reaper: options.reaper ?? sharedReaper(),
    onStderrLine: options.onStderrLine,
  });
  return connectSdkClient(transport, {
    name,
    connectTimeoutMs: options.connectTimeoutMs,
    signal: options.signal,
    diagnose: () => {
      const exit = transport.exitSummary();
      const stderr = transport.stderrSummary(STDERR_LINES_IN_ERRORS);
      const parts = [
        exit === undefined ? undefined : `the process ${exit}`,
        stderr === '' ? undefined : `stderr: ${stderr}`,
      ];
      const evidence = parts.filter((part) => part !== undefined).join('; ');
      return evidence === '' ? undefined : evidence;
    },
    pid: () => transport.pid,
    slowStartHint: packageRunnerHint(config),
  });
}

/** Commands that download a package before running it: a first run can outlast the startup timeout. */
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'uvx']);

/** For `npx -y pkg` and the like: a first run may still be downloading; running it once by hand fills the cache. */
function packageRunnerHint(config: StdioServerConfig): string | undefined {
  const runner = basename(config.command).replace(/\.(cmd|exe)$/i, '');
  const dlx = (runner === 'pnpm' || runner === 'yarn') && config.args?.[0] === 'dlx';
  if (!PACKAGE_RUNNERS.has(runner) && !dlx) return undefined;
  // Up to the package itself: later arguments may hold expanded secrets (`--token ${TOKEN}`), not for a message.
  const args = config.args ?? [];
  const from = dlx ? 1 : 0;
  const packageIndex = args.findIndex((arg, index) => index >= from && !arg.startsWith('-'));
  const command = [config.command, ...args.slice(0, packageIndex + 1)].join(' ');
  return (
    `${runner} may still be downloading the package on a first run: start \`${command}\` by hand once (stop it ` +
    'with Ctrl-C when it waits for input), then try again'
  );
}
