/** The config layer: read and check the `mcpServers` file users already have for their MCP clients. */
export { loadConfig, DEFAULT_CONFIG_FILE } from './load-config.ts';
export type { LoadConfigOptions } from './load-config.ts';
export { parseConfig } from './parse-config.ts';
export type { ParseConfigOptions } from './parse-config.ts';
export { expandEnv } from './expand-env.ts';
export type { CodeModeConfig, ServerConfig, StdioServerConfig, HttpServerConfig } from './types.ts';
