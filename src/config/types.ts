/** A server started as a child process speaking MCP over stdio. */
export interface StdioServerConfig {
  command: string;
  args: string[];
  /** Extra environment variables; `${VAR}` already expanded. */
  env: Record<string, string>;
  /** Working directory, resolved against the config file's directory. */
  cwd?: string;
}

/** A remote server over Streamable HTTP (with SSE as a fallback for older servers). */
export interface HttpServerConfig {
  url: string;
  /** Request headers; `${VAR}` already expanded. Never logged. */
  headers: Record<string, string>;
  /** `auto` tries Streamable HTTP and falls back to SSE; the others force one. Default `auto`. */
  transport: 'auto' | 'streamable-http' | 'sse';
}

export type ServerConfig = ({ kind: 'stdio' } & StdioServerConfig) | ({ kind: 'http' } & HttpServerConfig);

/** A checked configuration: servers by their config key, in file order. */
export interface CodeModeConfig {
  servers: Record<string, ServerConfig>;
  /** Where it was read from, when it came from a file. */
  source?: string;
}
