/**
 * codemode's public API. Named exports only; everything else is internal.
 *
 * @example
 * ```ts
 * import { createCodeMode } from 'codemode';
 * const codemode = await createCodeMode({ config: './codemode.json' });
 * console.log(codemode.types());
 * const outcome = await codemode.execute('return await memory.read_graph({})');
 * await codemode.close();
 * ```
 */
export { createCodeMode, DEFAULT_CHECK_MODE } from './engine/create-code-mode.ts';
export type {
  CheckMode,
  CodeMode,
  CodeModeOptions,
  ExecuteOptions,
  TypesOptions,
} from './engine/create-code-mode.ts';
export type { CheckDiagnostic } from './check/diagnostics.ts';
export type { ApprovalRequest, Approver } from './engine/call-tool.ts';
export type {
  ExecutionResult,
  ExecutionSuccess,
  ExecutionFailure,
  ExecutionError,
} from './engine/execution-result.ts';
export { CodeModeError } from './errors.ts';
export type { CodeModeErrorCode } from './errors.ts';
export { loadConfig, parseConfig } from './config/load-config.ts';
export type {
  AuditSettings,
  CodeModeConfig,
  CodeModeSettings,
  ServerConfig,
  ServerPolicy,
} from './config/types.ts';
export { DEFAULT_MAX_CONCURRENCY } from './policy/server-policies.ts';
export { DEFAULT_LIMITS } from './sandbox/limits.ts';
export type { SandboxLimits } from './sandbox/types.ts';
export type { Catalog, CatalogServer, CatalogTool } from './catalog/types.ts';
export type { ToolDefinition } from './upstream/types.ts';
