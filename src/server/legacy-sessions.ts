import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { Server } from '@modelcontextprotocol/server';

/**
 * Sessions a gateway keeps for 2025-era HTTP clients at once. Each holds one small server instance; past this the
 * least recently used is closed, so a client that never says goodbye cannot grow memory without bound.
 */
export const MAX_LEGACY_SESSIONS = 256;

/** A session unused this long is closed (its client went away without a DELETE). */
export const LEGACY_SESSION_IDLE_MS = 30 * 60_000;

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  lastUsed: number;
}

/** Serves 2025-era clients with real sessions (Mcp-Session-Id): one server instance per session. */
export interface LegacySessions {
  handle(request: Request): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The 2025 Streamable HTTP wiring the SDK documents for sessionful servers. Sessions are what make a 2025 client's
 * `notifications/cancelled` reach the instance running its request, and what carry `list_changed` on the GET stream;
 * the SDK's stateless fallback has neither.
 */
export function createLegacySessions(createServer: () => Server, maxBodyBytes: number): LegacySessions {
  const sessions = new Map<string, Session>();
  const sweeper = setInterval(() => sweep(Date.now() - LEGACY_SESSION_IDLE_MS), 60_000);
  sweeper.unref();

  function sweep(olderThan: number): void {
    for (const [id, session] of sessions) if (session.lastUsed < olderThan) closeSession(id);
  }

  function closeSession(id: string): void {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    void session.server.close().catch(() => {});
  }

  return {
    async handle(request) {
      const id = request.headers.get('mcp-session-id');
      if (id !== null) {
        const session = sessions.get(id);
        if (!session) return sessionNotFound();
        session.lastUsed = Date.now();
        // Map order is recency order: re-insert on use.
        sessions.delete(id);
        sessions.set(id, session);
        return session.transport.handleRequest(request);
      }
      const server = createServer();
      const transport: WebStandardStreamableHTTPServerTransport =
        new WebStandardStreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          maxRequestBodySize: maxBodyBytes,
          onsessioninitialized: (sessionId) => {
            if (sessions.size >= MAX_LEGACY_SESSIONS) closeSession(sessions.keys().next().value ?? '');
            sessions.set(sessionId, { transport, server, lastUsed: Date.now() });
          },
          onsessionclosed: (sessionId) => closeSession(sessionId),
        });
      await server.connect(transport);
      const response = await transport.handleRequest(request);
      // Anything but a successful initialize leaves no session behind: close its instance.
      if (transport.sessionId === undefined || !sessions.has(transport.sessionId))
        void server.close().catch(() => {});
      return response;
    },
    async close() {
      clearInterval(sweeper);
      await Promise.allSettled([...sessions.values()].map(({ server }) => server.close()));
      sessions.clear();
    },
  };
}

function sessionNotFound(): Response {
  return new Response(
    JSON.stringify({
      jsonrpc: '2.0',
      error: {
        code: -32001,
        message: 'Session not found: it expired or the gateway restarted. Initialize again.',
      },
      id: null,
    }),
    { status: 404, headers: { 'content-type': 'application/json' } },
  );
}
