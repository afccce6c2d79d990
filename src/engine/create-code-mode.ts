import type { ToolDefinition } from '../upstream/types.ts';
import { buildCatalog, selectServer } from '../catalog/build-catalog.ts';
import type { Catalog, CatalogTool } from '../catalog/types.ts';
import { loadConfig, parseConfig } from '../config/load-config.ts';
import type { CodeModeConfig } from '../config/types.ts';
import { type WorkerPool, createWorkerPool } from '../sandbox/worker-pool.ts';
import type { SandboxLimits } from '../sandbox/types.ts';
import { generateDeclarations } from '../typegen/generate-declarations.ts';
import { createUpstreamManager } from '../upstream/upstream-manager.ts';
import { executeProgram, type ProgramChecker } from './execute-program.ts';
import { createToolValidator } from './tool-validator.ts';
import type { Approver } from './call-tool.ts';
import { type AuditEntry, type AuditedCall, openAuditLog } from '../audit/audit-log.ts';
import { ConcurrencyGate } from '../policy/concurrency-gate.ts';
import { createObservedTypes, type ObservedTypes } from '../typegen/observed/observed-types.ts';
import { dirname, join } from 'node:path';
import { serverPolicies } from '../policy/server-policies.ts';
import type { TypeChecker } from '../check/type-checker.ts';
import type { ExecutionResult } from './execution-result.ts';

/** Options of {@link createCodeMode}. */
export interface CodeModeOptions {
  /**
   * The servers: a path to an `mcpServers` config file, the parsed file's object (`{ mcpServers: {...} }`), or a
   * config already checked. Default: `./codemode.json`.
   */
  config?:
    string | { mcpServers: Record<string, unknown>; codemode?: Record<string, unknown> } | CodeModeConfig;
  /** Limits for every execution; each field defaults to `DEFAULT_LIMITS` (see `sandbox/limits.ts`). */
  limits?: Partial<SandboxLimits>;
  /** Where warnings go (a server that failed to start, a tool list that could not be refreshed). Default: none. */
  onWarning?: (message: string) => void;
  /**
   * Type-check programs against the API before they run: `strict` refuses a program with type errors (a
   * `TypeCheckError` listing them; nothing runs), `warn` runs it and reports them in `diagnostics`, `off` skips the
   * check. Default: the config file's `codemode.check`, else {@link DEFAULT_CHECK_MODE}.
   */
  check?: CheckMode;
  /**
   * Learn output types for tools without an `outputSchema` from what they return, and show them in the declarations
   * (marked as observed). `false` turns it off; `{ file }` sets the cache file. Default: on, cached in
   * `.codemode/observed-types.json` beside the config file, or in memory only for a config given in code.
   */
  observeOutputs?: boolean | { file: string };
  /** A tool result failing its `outputSchema`: `error` (default), `warn` (a log line) or `off`. Default: config, else `error`. */
  outputValidation?: 'error' | 'warn' | 'off';
  /**
   * Sandbox worker processes, that is programs running at once; more wait in a bounded queue. A program waiting on a
   * slow tool holds its worker, so a gateway serving several agents may want more than the default. Default: the
   * config's `codemode.workers`, else one per core (2 to 8).
   */
  workers?: number;
}

/** How programs are type-checked before they run. */
export type CheckMode = 'strict' | 'warn' | 'off';

/**
 * Strict: a program with a type error never runs, so a misspelled tool or a wrong argument costs no call to a real
 * system. Values of tools without an output schema are typed loosely for the check, so this refuses only real mistakes.
 */
export const DEFAULT_CHECK_MODE: CheckMode = 'strict';

export interface ExecuteOptions {
  /** Overrides the instance's limits for this run. */
  limits?: Partial<SandboxLimits>;
  /** Aborting cancels the run and its tool calls. */
  signal?: AbortSignal;
  /** Called after each tool call settles, with the count so far: for progress reports. */
  onToolCallSettled?: (settled: number) => void;
  /** Overrides the instance's type-check mode for this run. */
  check?: CheckMode;
  /**
   * Asks the user to approve a destructive call under a `destructive: "ask"` policy. Without it such calls are
   * refused. The gateway asks through MCP elicitation.
   */
  approve?: Approver;
}

export interface TypesOptions {
  /** `full` (default): every property with its documentation; `compact`: signatures and one-line descriptions. */
  detail?: 'full' | 'compact';
  /** Only this server (its config key). */
  server?: string;
}

/** A running Code Mode instance: connected servers, their typed API, and a sandbox to run programs in. */
export interface CodeMode {
  /** The current tool catalog (rebuilt when a server's tool list changes). */
  catalog(): Catalog;
  /** The TypeScript declarations a program sees. */
  types(options?: TypesOptions): string;
  /** Runs a program; never throws for a failing program — the envelope says what happened. */
  execute(code: string, options?: ExecuteOptions): Promise<ExecutionResult>;
  /**
   * Starts every sandbox worker and loads the type checker now, so the first programs do not wait for them (~100 ms a
   * worker, ~300 ms for TypeScript). Optional; the gateway calls it at start.
   */
  warm(): Promise<void>;
  /** Output types learned from results, when observing is on (see {@link CodeModeOptions.observeOutputs}). */
  observedOutputs(): ObservedTypes | undefined;
  /** How programs are type-checked unless an execution says otherwise (see {@link CodeModeOptions.check}). */
  readonly checkMode: CheckMode;
  /** Calls `listener` after the catalog changed (a server's tool list changed); returns the unsubscribe function. */
  onCatalogChanged(listener: (catalog: Catalog) => void): () => void;
  /** Closes the servers and the sandbox workers. */
  close(): Promise<void>;
}

/**
 * Connects to the configured MCP servers and prepares the sandbox.
 *
 * @example
 * ```ts
 * const codemode = await createCodeMode({ config: { mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } } } });
 * const outcome = await codemode.execute('return (await memory.read_graph({})).entities.length');
 * await codemode.close();
 * ```
 */
export async function createCodeMode(options: CodeModeOptions = {}): Promise<CodeMode> {
  const config = await resolveConfig(options.config);
  const warn = options.onWarning ?? (() => {});
  // The workers start while the servers connect: both take ~100 ms, neither needs the other.
  const sandbox: WorkerPool = createWorkerPool({ size: options.workers ?? config.settings?.workers });
  const upstreams = createUpstreamManager(config, { onWarning: warn });
  const defaultCheck = options.check ?? config.settings?.check ?? DEFAULT_CHECK_MODE;
  // TypeScript takes ~0.5 s to load and ~0.4 s more to parse its standard library on the first check: done while the
  // servers start, most of it is hidden. `check: 'off'` never loads it.
  let checker: Promise<TypeChecker> | undefined;
  const loadChecker = () =>
    (checker ??= import('../check/type-checker.ts').then(({ TypeChecker }) => new TypeChecker()));
  if (defaultCheck !== 'off') {
    loadChecker()
      .then((loaded) => loaded.check('return 1;', buildCatalog([]), { expression: false }))
      .catch(() => {}); // a checker that cannot load fails the first check, where the error can be reported
  }
  try {
    await upstreams.start();
    for (const { server, error } of upstreams.failures())
      warn(`server "${server}" is unavailable: ${error.message}`);
    const policies = serverPolicies(config.settings?.policies);
    // Tools a policy hides do not exist for programs: not in the declarations, not callable.
    const visibleCatalog = () =>
      buildCatalog(
        upstreams
          .toolLists()
          .map(({ server, tools }) => ({ server, tools: policies.visibleTools(server, tools) })),
      );
    let catalog = visibleCatalog();
    const catalogListeners = new Set<(catalog: Catalog) => void>();
    upstreams.onToolsChanged(() => {
      try {
        const next = visibleCatalog();
        if (next.version === catalog.version) return;
        catalog = next;
        for (const listener of catalogListeners) listener(catalog);
      } catch (error) {
        warn(`the tool catalog was not updated: ${(error as Error).message}`);
      }
    });
    const pool = sandbox;
    const validator = createToolValidator();
    const outputValidation = options.outputValidation ?? config.settings?.outputValidation ?? 'error';
    const typeCheckFor = (mode: CheckMode) => {
      if (mode === 'off') return undefined;
      const check: ProgramChecker = async (program, wrapping) =>
        (await loadChecker()).check(program, catalog, wrapping);
      return { mode, check };
    };
    const gates = new Map<string, ConcurrencyGate>();
    const policy = {
      gate: (server: string) => {
        let gate = gates.get(server);
        if (!gate) gates.set(server, (gate = new ConcurrencyGate(policies.maxConcurrency(server))));
        return gate;
      },
      needsApproval: (server: string, tool: ToolDefinition) => policies.needsApproval(server, tool),
    };
    const observed = observedTypesFor(options.observeOutputs, config);
    const audit = config.settings?.audit
      ? openAuditLog(config.settings.audit, configSecrets(config))
      : undefined;
    const execute = async (code: string, executeOptions: ExecuteOptions = {}): Promise<ExecutionResult> => {
      const calls: AuditedCall[] = [];
      const outcome = await executeProgram(code, {
        catalog,
        sandbox: pool,
        upstreams,
        limits: { ...options.limits, ...executeOptions.limits },
        signal: executeOptions.signal,
        onToolCallSettled: executeOptions.onToolCallSettled,
        typeCheck: typeCheckFor(executeOptions.check ?? defaultCheck),
        validator,
        outputValidation,
        policy,
        approve: executeOptions.approve,
        ...(audit && { onCall: (call: AuditedCall) => calls.push(call) }),
        ...(observed && { onToolValue: sampledObserver(observed) }),
      });
      audit?.record(auditEntry(code, calls, outcome));
      return outcome;
    };
    return {
      catalog: () => catalog,
      types: (typesOptions = {}) =>
        generateDeclarations(selectServer(catalog, typesOptions.server), {
          ...typesOptions,
          observed: observed?.lookup,
        }),
      observedOutputs: () => observed,
      checkMode: defaultCheck,
      warm: async () => {
        const checks =
          defaultCheck === 'off'
            ? []
            : [typeCheckFor(defaultCheck)?.check('return 1;', { expression: false })];
        await Promise.all([pool.warm(), ...checks]);
      },
      execute,
      onCatalogChanged: (listener) => {
        catalogListeners.add(listener);
        return () => catalogListeners.delete(listener);
      },
      close: async () => {
        await Promise.allSettled([pool.close(), upstreams.close()]);
        audit?.close();
        observed?.flush();
      },
    };
  } catch (error) {
    await Promise.allSettled([sandbox.close(), upstreams.close()]);
    throw error;
  }
}

/**
 * Values per tool per execution that teach its observed type. A fan-out's thousand results of one tool say little more
 * than its first fifty, and merging them all cost ~10% of the host's CPU on a 1,000-call run.
 */
const OBSERVED_VALUES_PER_RUN = 50;

function sampledObserver(observed: ObservedTypes): (tool: CatalogTool, value: unknown) => void {
  const seen = new Map<CatalogTool, number>();
  return (tool, value) => {
    const count = seen.get(tool) ?? 0;
    if (count >= OBSERVED_VALUES_PER_RUN) return;
    seen.set(tool, count + 1);
    observed.record(tool.server, tool.definition.name, value);
  };
}

/** Observed types are cached beside a config file; a config given in code keeps them in memory only. */
function observedTypesFor(
  option: CodeModeOptions['observeOutputs'],
  config: CodeModeConfig,
): ObservedTypes | undefined {
  if (option === false) return undefined;
  if (typeof option === 'object') return createObservedTypes(option.file);
  return createObservedTypes(
    config.source && join(dirname(config.source), '.codemode', 'observed-types.json'),
  );
}

/** Header and environment values of the servers: never written to the audit log. */
function configSecrets(config: CodeModeConfig): string[] {
  return Object.values(config.servers).flatMap((server) =>
    Object.values(server.kind === 'http' ? server.headers : server.env),
  );
}

function auditEntry(program: string, calls: AuditedCall[], outcome: ExecutionResult): AuditEntry {
  const base = { program, calls, ok: outcome.ok, durationMs: outcome.durationMs };
  if (outcome.ok) return base;
  const { name, message, limit } = outcome.error;
  return { ...base, error: { name, message }, ...(limit !== undefined && { limit }) };
}

async function resolveConfig(config: CodeModeOptions['config']): Promise<CodeModeConfig> {
  if (config === undefined || typeof config === 'string') return loadConfig(config);
  if ('servers' in config) return config;
  return parseConfig(config, { baseDir: process.cwd() });
}
