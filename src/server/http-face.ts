import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import {
  createMcpHandler,
  hostHeaderValidationResponse,
  isLegacyRequest,
  originValidationResponse,
} from '@modelcontextprotocol/server';
import { CodeModeError } from '../errors.ts';
import type { Gateway } from './gateway.ts';
import { createLegacySessions } from './legacy-sessions.ts';

/** The MCP endpoint's path. */
export const MCP_PATH = '/mcp';

/**
 * Largest request body accepted. A program is code, not data: 1 MiB is ~250k tokens, far past any program a model
 * writes, and small enough that a flood of big requests cannot exhaust memory.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpFaceOptions {
  /** Default `127.0.0.1`. Any other than a loopback address needs `token`. */
  host?: string;
  /** Default 0: a free port (see the returned `url`). */
  port?: number;
  /** When set, every request must carry `Authorization: Bearer TOKEN`. */
  token?: string;
  /** Host names accepted in the Host and Origin headers besides the loopback ones and the bound host. */
  allowedHosts?: string[];
  /** Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Where request errors are reported (never to the client in detail). */
  onError?: (error: Error) => void;
}

export interface HttpFace {
  /** The endpoint, e.g. `http://127.0.0.1:8787/mcp`. */
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/**
 * Serves the gateway over Streamable HTTP at {@link MCP_PATH}: 2026-07-28 clients statelessly, 2025-era clients with
 * sessions. Checks, in order: path, body size, bearer token, Host and Origin (DNS
 * rebinding). Refuses to listen beyond loopback without a token.
 */
export async function serveHttp(gateway: Gateway, options: HttpFaceOptions = {}): Promise<HttpFace> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) {
    throw new CodeModeError(
      'USAGE',
      `refusing to listen on ${host} without a token: anyone who can reach it could run programs against your servers. ` +
        'Pass --token or set CODEMODE_TOKEN, or bind 127.0.0.1',
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const allowed = [...LOOPBACK_HOSTS, ...(isLoopback(host) ? [] : [host]), ...(options.allowedHosts ?? [])];
  const reportError = options.onError ?? (() => {});
  // 2026-07-28 clients are stateless by design; 2025-era clients get sessions (see legacy-sessions.ts).
  const handler = createMcpHandler(() => gateway.createServer(), {
    legacy: 'reject',
    maxRequestBodySize: maxBodyBytes,
    onerror: reportError,
  });
  const legacy = createLegacySessions(() => gateway.createServer(), maxBodyBytes);
  const stopNotifying = gateway.onToolsChanged(() => handler.notify.toolsChanged());

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      reportError(error instanceof Error ? error : new Error(String(error)));
      if (!outgoing.headersSent) plain(outgoing, 500, 'internal error');
      else outgoing.destroy();
    });
  });

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://localhost');
    if (url.pathname !== MCP_PATH) return plain(outgoing, 404, `not found: the MCP endpoint is ${MCP_PATH}`);
    const length = Number(incoming.headers['content-length'] ?? 0);
    if (length > maxBodyBytes) return plain(outgoing, 413, `request body over ${maxBodyBytes} bytes`);
    if (options.token !== undefined && !hasToken(incoming.headers.authorization, options.token)) {
      outgoing.setHeader('WWW-Authenticate', 'Bearer');
      return plain(outgoing, 401, 'unauthorized: send Authorization: Bearer <token>');
    }
    const body = await readBody(incoming, maxBodyBytes);
    if (body === undefined) return plain(outgoing, 413, `request body over ${maxBodyBytes} bytes`);
    const aborted = new AbortController();
    outgoing.on('close', () => aborted.abort());
    const request = toRequest(incoming, body, aborted.signal);
    const refusal =
      hostHeaderValidationResponse(request, allowed) ?? originValidationResponse(request, allowed);
    const response =
      refusal ??
      ((await isLegacyRequest(request, undefined, { maxRequestBodySize: maxBodyBytes }))
        ? await legacy.handle(request)
        : await handler.fetch(request));
    await writeResponse(response, outgoing);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}${MCP_PATH}`,
    close: async () => {
      stopNotifying();
      await Promise.all([handler.close(), legacy.close()]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function hasToken(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body, or undefined when it grows past the limit (a chunked request has no Content-Length to check first). */
async function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toRequest(incoming: IncomingMessage, body: Buffer, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  // The URL's host is fixed: the Host header (kept in `headers`) is checked, never trusted to build a URL.
  return new Request(new URL(incoming.url ?? '/', 'http://localhost'), {
    method,
    headers,
    signal,
    ...(method !== 'GET' && method !== 'HEAD' && { body: new Uint8Array(body) }),
  });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  if (!response.body) return void outgoing.end();
  outgoing.flushHeaders();
  for await (const chunk of response.body) {
    if (outgoing.destroyed) break;
    outgoing.write(chunk);
  }
  outgoing.end();
}

function plain(outgoing: ServerResponse, status: number, message: string): void {
  outgoing.writeHead(status, { 'content-type': 'application/json' });
  outgoing.end(JSON.stringify({ error: message }));
}
