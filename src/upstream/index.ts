/** The capability layer: connections to upstream MCP servers and the manager that keeps them alive. */
export { createUpstreamManager, forwardServerStderr } from './upstream-manager.ts';
export type {
  UpstreamManager,
  UpstreamManagerOptions,
  ServerTools,
  ServerStatus,
  ServerState,
  Connector,
} from './upstream-manager.ts';
export { connectUpstream } from './connect-upstream.ts';
export type { ConnectUpstreamOptions } from './connect-upstream.ts';
export { connectStdio } from './stdio-connection.ts';
export type { StdioConnectOptions } from './stdio-connection.ts';
export { connectHttp } from './http-connection.ts';
export type { HttpConnectOptions } from './http-connection.ts';
export { DEFAULT_CALL_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './sdk-connection.ts';
export type { SdkConnection } from './sdk-connection.ts';
export type {
  ToolDefinition,
  ToolCallResult,
  ToolCallOptions,
  ContentItem,
  UpstreamConnection,
} from './types.ts';
