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
  /** Per server (config key), or `"*"` for every server: which tools exist for programs, and how calls are bounded. */
  policies?: Record<string, ServerPolicy>;
  /** Where the audit log goes: one JSON line per execution. Off when absent. */
  audit?: AuditSettings;
  /**
   * Sandbox worker processes: how many programs run at once (each runs in a worker of its own, so a synchronous loop
   * or an out-of-memory abort in one cannot stall or kill another). Default: one per core, 2 to 8.
   */
  workers?: number;
}

/** What programs may do with one server's tools. A server's own entry overrides `"*"` key by key. */
export interface ServerPolicy {
  /** Only these tools exist (names or `*` patterns). Default: all. */
  allow?: string[];
  /** These tools never exist (names or patterns); wins over `allow`. */
  deny?: string[];
  /** Only tools annotated `readOnlyHint: true` exist. Default: false. */
  readOnly?: boolean;
  /**
   * Tools annotated `destructiveHint: true`: `allow` (default), `ask` (each call needs the user's approval, asked
   * through MCP elicitation when the client supports it, refused otherwise) or `deny` (they do not exist).
   */
  destructive?: 'allow' | 'ask' | 'deny';
  /** Calls in flight to this server at once; more wait their turn. Default: `DEFAULT_MAX_CONCURRENCY` (64). */
  maxConcurrency?: number;
}

/** The audit log: appended, one JSON line per execution, rotated by size. */
export interface AuditSettings {
  /** The log file, relative to the config file's directory. */
  file: string;
  /** Rotate past this size. Default: 10 MiB. */
  maxBytes?: number;
  /** Rotated files kept (`file.1` … `file.N`). Default: 3. */
  keep?: number;
}

/** A checked configuration: servers by their config key, in file order. */
export interface CodeModeConfig {
  servers: Record<string, ServerConfig>;
  /** Settings from the config file's `"codemode"` object; each has a default where it is used. */
  settings?: CodeModeSettings;
  /** Where it was read from, when it came from a file. */
  source?: string;
}
