import { parseArgs } from 'node:util';
import { type CodeMode, createCodeMode } from '../engine/create-code-mode.ts';
import { createGateway } from '../server/gateway.ts';
import { serveHttp } from '../server/http-face.ts';
import { serveStdioUntilClosed } from '../server/stdio-face.ts';
import { demoConfig } from './demo-config.ts';
import { SERVE_HELP } from './help.ts';
import { connectHints } from './connect-hints.ts';
import { parsePositiveInteger, usageError } from './usage-error.ts';

/** `codemode serve`: the gateway MCP server, on stdio or Streamable HTTP, until the client or a signal ends it. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      http: { type: 'string' },
      token: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      hybrid: { type: 'boolean', default: false },
      'result-tokens': { type: 'string' },
      'inline-api-tokens': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usageError(`serve takes no arguments, got "${positionals.join(' ')}"`);
  if (values.demo && values.config !== undefined) throw usageError('--demo and --config exclude each other');
  const listen = values.http === undefined ? undefined : parseListen(values.http);
  const token = values.token ?? process.env.CODEMODE_TOKEN;
  const resultTokens = parsePositiveInteger('--result-tokens', values['result-tokens']);
  const inlineApiTokens =
    values['inline-api-tokens'] === '0'
      ? 0
      : parsePositiveInteger('--inline-api-tokens', values['inline-api-tokens']);

  const demo = values.demo ? demoConfig() : undefined;
  const warn = (message: string) => process.stderr.write(`codemode: ${message}\n`);
  let codemode: CodeMode | undefined;
  try {
    codemode = await createCodeMode({ config: demo?.config ?? values.config, onWarning: warn });
    const gateway = createGateway(codemode, {
      hybrid: values.hybrid,
      ...(resultTokens !== undefined && { resultTokens }),
      ...(inlineApiTokens !== undefined && { inlineApiTokens }),
    });
    // In the background: the first execute should not pay for worker starts and loading TypeScript.
    codemode.warm().catch((error: unknown) => warn(`warming up failed: ${(error as Error).message}`));
    const catalog = codemode.catalog();
    const summary = `${catalog.servers.length} servers, ${catalog.servers.reduce((n, s) => n + s.tools.length, 0)} tools`;
    if (listen === undefined) {
      process.stderr.write(
        `codemode gateway on stdio (${summary}).${process.stdin.isTTY ? ' Waiting for an MCP client on stdin; see codemode serve --help.' : ''}\n`,
      );
      await serveStdioUntilClosed(gateway, (error) => warn(error.message));
    } else {
      const face = await serveHttp(gateway, {
        ...listen,
        ...(token !== undefined && token !== '' && { token }),
        ...(values['allow-host'] && { allowedHosts: values['allow-host'] }),
        onError: (error) => warn(error.message),
      });
      process.stderr.write(
        connectHints(face.url, summary, demo?.workspace, token !== undefined && token !== ''),
      );
      await untilSignal();
      await face.close();
    }
    gateway.close();
    return 0;
  } finally {
    await codemode?.close();
    demo?.cleanup();
  }
}

/** `PORT`, `HOST:PORT` or `[IPv6]:PORT`. */
function parseListen(value: string): { host?: string; port: number } {
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(value.trim());
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port > 65535) {
    throw usageError(`--http expects [HOST:]PORT, e.g. 8787 or 127.0.0.1:8787, got "${value}"`);
  }
  const host = match[1]?.replace(/^\[|\]$/g, '');
  return host === undefined ? { port } : { host, port };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
