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

/** codemode's own settings: the optional `"codemode"` object of the config file. */
export interface CodeModeSettings {
  /** Type-check programs before they run: `strict` refuses on type errors, `warn` runs and reports them. */
  check?: 'strict' | 'warn' | 'off';
  /** A tool result that fails the tool's `outputSchema`: an `error` in the program, a `warn`ing in the logs, or `off`. */
  outputValidation?: 'error' | 'warn' | 'off';
}

/** A checked configuration: servers by their config key, in file order. */
export interface CodeModeConfig {
  servers: Record<string, ServerConfig>;
  /** Settings from the config file's `"codemode"` object; each has a default where it is used. */
  settings?: CodeModeSettings;
  /** Where it was read from, when it came from a file. */
  source?: string;
}
