import {
  SdkHttpError,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import type { HttpServerConfig } from '../config/types.ts';
import { CodeModeError } from '../errors.ts';
import { connectSdkClient } from './sdk-connection.ts';
import type { SdkConnection } from './sdk-connection.ts';

/** Options of {@link connectHttp}. */
export interface HttpConnectOptions {
  /** Default `DEFAULT_CONNECT_TIMEOUT_MS` (sdk-connection.ts); each attempt (Streamable HTTP, then SSE) gets it. */
  connectTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Connects to a remote server: Streamable HTTP, falling back to the older HTTP+SSE transport when `transport` is
 * `auto` and the server rejects the Streamable HTTP POST the way SSE-only servers do (404, 405, 400 without a
 * session). `streamable-http` and `sse` force one transport.
 *
 * @throws CodeModeError UPSTREAM_UNAVAILABLE naming the server when neither transport connects.
 * @example
 * const remote = await connectHttp('remote', { url: 'https://host/mcp', headers: {}, transport: 'auto' });
 */
export async function connectHttp(
  name: string,
  config: HttpServerConfig,
  options: HttpConnectOptions = {},
): Promise<SdkConnection> {
  const url = new URL(config.url);
  // Headers apply to every request either transport makes (the SSE GET stream included).
  const requestInit: RequestInit = { headers: config.headers };
  const common = { name, connectTimeoutMs: options.connectTimeoutMs, signal: options.signal };
  const connectSse = (): Promise<SdkConnection> =>
    // SSE is the 2024-era transport; no 2026-era server speaks it, so there is nothing to probe for.
    connectSdkClient(new SSEClientTransport(url, { requestInit }), { ...common, negotiation: 'legacy' });

  if (config.transport === 'sse') return connectSse();
  try {
    // `auto` probes for the 2026-07-28 protocol on the connection itself; over HTTP a 2025-era server answers the
    // probe with an error and the SDK falls back to `initialize` (a silent server is an outage here, not a signal).
    return await connectSdkClient(new StreamableHTTPClientTransport(url, { requestInit }), {
      ...common,
      negotiation: 'auto',
    });
  } catch (error) {
    if (config.transport !== 'auto' || !looksSseOnly(error)) throw error;
    try {
      return await connectSse();
    } catch (sseError) {
      const first = (error as Error).message;
      throw new CodeModeError(
        'UPSTREAM_UNAVAILABLE',
        `${(sseError as Error).message} (after Streamable HTTP failed: ${first.replace(`server "${name}" `, '')})`,
        { details: { server: name }, cause: sseError },
      );
    }
  }
}

/** Statuses with which an SSE-only server (a GET /sse stream plus a POST /messages endpoint) rejects a Streamable POST. */
const SSE_ONLY_STATUSES = new Set([400, 404, 405]);

function looksSseOnly(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof SdkHttpError) return SSE_ONLY_STATUSES.has(cause.status);
  }
  return false;
}
