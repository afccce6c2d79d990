import { resolve } from 'node:path';
import type { CodeModeConfig, HttpServerConfig, ServerConfig } from './types.ts';
import { childLocation, configError, describeType } from './config-path.ts';
import type { ConfigLocation } from './config-path.ts';
import { expandEnv, MissingVariableError } from './expand-env.ts';
import { readSettings } from './read-settings.ts';
import { closestName } from '../catalog/suggest-name.ts';

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /** Names the origin in error messages. Default `config`. */
  source?: string;
  /** The directory a relative `cwd` resolves against (the config file's directory). Default `process.cwd()`. */
  baseDir?: string;
  /** Where `${VAR}` reads from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

interface ParseContext {
  baseDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Top-level sections and their readers: the servers, and codemode's own settings (`read-settings.ts`). Every other
 * key is an error.
 */
const SECTIONS = {
  mcpServers: readServers,
  codemode: (value: unknown, location: ConfigLocation, context: ParseContext) =>
    readSettings(value, location, context.baseDir),
} satisfies Record<string, (value: unknown, location: ConfigLocation, context: ParseContext) => unknown>;

/** The `type` values the clients users copy from write, and what each means here. */
const SERVER_TYPES = {
  stdio: 'stdio',
  http: 'auto',
  'streamable-http': 'streamable-http',
  sse: 'sse',
} as const satisfies Record<string, 'stdio' | HttpServerConfig['transport']>;

const STDIO_KEYS = ['type', 'command', 'args', 'env', 'cwd', 'disabled'];
const HTTP_KEYS = ['type', 'url', 'headers', 'disabled'];

/**
 * Checks an `mcpServers` document (already parsed from JSON, or built in code) and returns the servers to connect to,
 * with `${VAR}` expanded and relative `cwd` resolved. Servers with `"disabled": true` are left out unchecked.
 *
 * @throws CodeModeError `CONFIG_INVALID` whose message names the source and JSON path, e.g.
 *   `codemode.json: mcpServers.memory.args[1]: expected a string, got number`.
 * @example
 * const config = parseConfig(
 *   { mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } } },
 *   { baseDir: process.cwd() },
 * );
 */
export function parseConfig(json: unknown, options: ParseConfigOptions = {}): CodeModeConfig {
  const root: ConfigLocation = { source: options.source ?? 'config', path: [] };
  const context: ParseContext = {
    baseDir: options.baseDir ?? process.cwd(),
    env: options.env ?? process.env,
  };
  const document = readObject(json, root);
  checkKeys(document, root, Object.keys(SECTIONS));
  if (!('mcpServers' in document)) {
    throw configError(root, 'missing "mcpServers" (write { "mcpServers": { "name": { "command": ... } } })');
  }
  const servers = SECTIONS.mcpServers(document.mcpServers, childLocation(root, 'mcpServers'), context);
  if (!('codemode' in document)) return { servers };
  return {
    servers,
    settings: SECTIONS.codemode(document.codemode, childLocation(root, 'codemode'), context),
  };
}

function readServers(
  value: unknown,
  location: ConfigLocation,
  context: ParseContext,
): Record<string, ServerConfig> {
  const entries = readObject(value, location);
  const servers: Record<string, ServerConfig> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const server = readServer(entry, childLocation(location, name), context);
    if (server !== undefined) servers[name] = server;
  }
  return servers;
}

function readServer(
  value: unknown,
  location: ConfigLocation,
  context: ParseContext,
): ServerConfig | undefined {
  const name = location.path.at(-1) as string;
  if (name.trim() === '') throw configError(location, 'server name is empty');
  const entry = readObject(value, location);
  if ('disabled' in entry && readBoolean(entry.disabled, childLocation(location, 'disabled')))
    return undefined;

  const type = 'type' in entry ? readType(entry.type, childLocation(location, 'type'), context) : undefined;
  const hasCommand = 'command' in entry;
  const hasUrl = 'url' in entry;
  if (hasCommand && hasUrl) {
    throw configError(
      location,
      'has both "command" and "url"; a server is either a command (stdio) or a url (HTTP)',
    );
  }
  if (!hasCommand && !hasUrl) {
    throw configError(location, 'needs "command" (a local server) or "url" (a remote server)');
  }
  if (type === 'stdio' && hasUrl) throw configError(location, '"type" is "stdio" but the server has a "url"');
  if (type !== undefined && type !== 'stdio' && hasCommand) {
    throw configError(location, `"type" is an HTTP type but the server has a "command"`);
  }

  if (hasCommand) {
    checkKeys(entry, location, STDIO_KEYS);
    const command = readString(entry.command, childLocation(location, 'command'), context);
    if (command === '') throw configError(childLocation(location, 'command'), 'is empty');
    const cwd = 'cwd' in entry ? readString(entry.cwd, childLocation(location, 'cwd'), context) : undefined;
    return {
      kind: 'stdio',
      command,
      args: 'args' in entry ? readStringArray(entry.args, childLocation(location, 'args'), context) : [],
      env: 'env' in entry ? readStringMap(entry.env, childLocation(location, 'env'), context) : {},
      ...(cwd === undefined ? {} : { cwd: resolve(context.baseDir, cwd) }),
    };
  }

  checkKeys(entry, location, HTTP_KEYS);
  const url = readString(entry.url, childLocation(location, 'url'), context);
  if (!isHttpUrl(url))
    throw configError(childLocation(location, 'url'), `expected an http(s) URL, got ${JSON.stringify(url)}`);
  return {
    kind: 'http',
    url,
    headers:
      'headers' in entry ? readStringMap(entry.headers, childLocation(location, 'headers'), context) : {},
    transport: type === undefined || type === 'stdio' ? 'auto' : type,
  };
}

function readType(
  value: unknown,
  location: ConfigLocation,
  context: ParseContext,
): 'stdio' | HttpServerConfig['transport'] {
  const type = readString(value, location, context);
  if (Object.hasOwn(SERVER_TYPES, type)) return SERVER_TYPES[type as keyof typeof SERVER_TYPES];
  const allowed = Object.keys(SERVER_TYPES)
    .map((key) => JSON.stringify(key))
    .join(', ');
  throw configError(location, `expected one of ${allowed}, got ${JSON.stringify(type)}`);
}

function readObject(value: unknown, location: ConfigLocation): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw configError(location, `expected an object, got ${describeType(value)}`);
}

function readBoolean(value: unknown, location: ConfigLocation): boolean {
  if (typeof value === 'boolean') return value;
  throw configError(location, `expected true or false, got ${describeType(value)}`);
}

function readString(value: unknown, location: ConfigLocation, context: ParseContext): string {
  if (typeof value !== 'string') throw configError(location, `expected a string, got ${describeType(value)}`);
  try {
    return expandEnv(value, context.env);
  } catch (error) {
    if (error instanceof MissingVariableError) throw configError(location, error.message);
    throw error;
  }
}

function readStringArray(value: unknown, location: ConfigLocation, context: ParseContext): string[] {
  if (!Array.isArray(value))
    throw configError(location, `expected an array of strings, got ${describeType(value)}`);
  return value.map((item, index) => readString(item, childLocation(location, index), context));
}

function readStringMap(
  value: unknown,
  location: ConfigLocation,
  context: ParseContext,
): Record<string, string> {
  const entries = readObject(value, location);
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(entries)) {
    if (key === '') throw configError(childLocation(location, key), 'name is empty');
    result[key] = readString(item, childLocation(location, key), context);
  }
  return result;
}

function checkKeys(entry: Record<string, unknown>, location: ConfigLocation, known: readonly string[]): void {
  for (const key of Object.keys(entry)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    const hint =
      suggestion === undefined ? `known keys: ${known.join(', ')}` : `did you mean "${suggestion}"?`;
    throw configError(childLocation(location, key), `unknown key (${hint})`);
  }
}

function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === 'http:' || protocol === 'https:';
}
