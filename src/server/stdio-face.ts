import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Gateway } from './gateway.ts';

/**
 * Serves the gateway on this process's stdin/stdout (both protocol eras; the opening message picks one) and resolves
 * when the client goes away. Nothing else may write to stdout: logs go to stderr.
 */
export async function serveStdioUntilClosed(
  gateway: Gateway,
  onError?: (error: Error) => void,
): Promise<void> {
  const handle = serveStdio(() => gateway.createServer(), { ...(onError && { onerror: onError }) });
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await handle.close();
}
