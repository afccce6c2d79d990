import type { ServerConfig } from '../config/types.ts';
import { connectHttp } from './http-connection.ts';
import { connectStdio } from './stdio-connection.ts';
import type { ProcessReaper } from './process-reaper.ts';
import type { SdkConnection } from './sdk-connection.ts';

/** Options of {@link connectUpstream}. */
export interface ConnectUpstreamOptions {
  /** Default `DEFAULT_CONNECT_TIMEOUT_MS` (sdk-connection.ts). */
  connectTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** stdio only: receives each stderr line of the server. */
  onStderrLine?: ((line: string) => void) | undefined;
  /** stdio only: default the process-wide reaper. */
  reaper?: ProcessReaper | undefined;
}

/**
 * Connects to one configured server over the transport its config names.
 *
 * @example
 * const connection = await connectUpstream('memory', config.servers.memory);
 */
export function connectUpstream(
  name: string,
  config: ServerConfig,
  options: ConnectUpstreamOptions = {},
): Promise<SdkConnection> {
  return config.kind === 'stdio' ? connectStdio(name, config, options) : connectHttp(name, config, options);
}
