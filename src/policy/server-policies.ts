import type { ServerPolicy } from '../config/types.ts';
import type { ToolDefinition } from '../upstream/types.ts';

/**
 * Calls in flight to one server at once, unless its policy says otherwise. High enough that a fan-out over a local
 * server is not slowed much (1,000 calls of 10 ms take ~160 ms instead of ~15), low enough that a 10,000-item
 * `Promise.all` queues instead of flooding a remote API.
 */
export const DEFAULT_MAX_CONCURRENCY = 64;

/** The policies of every server, resolved: a server's own entry over `"*"`, key by key. */
export interface ServerPolicies {
  /** The policy that applies to `server`. */
  of(server: string): ServerPolicy;
  /** The tools of `server` that programs may see and call. */
  visibleTools(server: string, tools: readonly ToolDefinition[]): ToolDefinition[];
  /** True when a call to this tool needs the user's approval first. */
  needsApproval(server: string, tool: ToolDefinition): boolean;
  /** Calls in flight to `server` at once. */
  maxConcurrency(server: string): number;
}

export function serverPolicies(policies: Record<string, ServerPolicy> = {}): ServerPolicies {
  const of = (server: string): ServerPolicy => ({ ...policies['*'], ...policies[server] });
  return {
    of,
    visibleTools(server, tools) {
      const policy = of(server);
      return tools.filter((tool) => isVisible(policy, tool));
    },
    needsApproval(server, tool) {
      return of(server).destructive === 'ask' && tool.annotations?.destructiveHint === true;
    },
    maxConcurrency(server) {
      return of(server).maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    },
  };
}

function isVisible(policy: ServerPolicy, tool: ToolDefinition): boolean {
  if (policy.deny?.some((pattern) => matches(pattern, tool.name))) return false;
  if (policy.allow && !policy.allow.some((pattern) => matches(pattern, tool.name))) return false;
  // Annotations are hints from the server: a tool without readOnlyHint is treated as able to write.
  if (policy.readOnly && tool.annotations?.readOnlyHint !== true) return false;
  if (policy.destructive === 'deny' && tool.annotations?.destructiveHint === true) return false;
  return true;
}

/** `*` matches any run of characters; everything else is literal. */
function matches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}
