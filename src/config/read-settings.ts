import { resolve } from 'node:path';
import { closestName } from '../catalog/suggest-name.ts';
import type { AuditSettings, CodeModeSettings, ServerPolicy } from './types.ts';
import { childLocation, configError, describeType } from './config-path.ts';
import type { ConfigLocation } from './config-path.ts';

/** The settings that take one of a few words. */
const ENUM_SETTINGS = {
  check: ['strict', 'warn', 'off'],
  outputValidation: ['error', 'warn', 'off'],
} as const;

const SETTINGS = [...Object.keys(ENUM_SETTINGS), 'policies', 'audit', 'workers'];

/** A worker is a Node process of ~40 MB or more: past this many, a typo (1000 for 10) is likelier than a plan. */
export const MAX_WORKERS = 64;
const POLICY_KEYS = ['allow', 'deny', 'readOnly', 'destructive', 'maxConcurrency'];
const AUDIT_KEYS = ['file', 'maxBytes', 'keep'];

/**
 * Reads the optional top-level `"codemode"` object: codemode's own settings beside `mcpServers` — type checking,
 * output validation, per-server policies, the audit log and the number of sandbox workers. Unknown keys and bad values are errors naming their path.
 */
export function readSettings(value: unknown, location: ConfigLocation, baseDir: string): CodeModeSettings {
  const entries = readObject(value, location);
  const settings: CodeModeSettings = {};
  for (const [key, setting] of Object.entries(entries)) {
    const here = childLocation(location, key);
    if (key === 'check' || key === 'outputValidation') {
      const allowed: readonly string[] = ENUM_SETTINGS[key];
      Object.assign(settings, { [key]: readEnum(setting, here, allowed) });
    } else if (key === 'policies') {
      settings.policies = Object.fromEntries(
        Object.entries(readObject(setting, here)).map(([server, policy]) => [
          server,
          readPolicy(policy, childLocation(here, server)),
        ]),
      );
    } else if (key === 'audit') {
      settings.audit = readAudit(setting, here, baseDir);
    } else if (key === 'workers') {
      settings.workers = readPositiveInteger(setting, here);
      if (settings.workers > MAX_WORKERS)
        throw configError(here, `at most ${MAX_WORKERS} worker processes, got ${settings.workers}`);
    } else {
      const closest = closestName(key, SETTINGS);
      const hint = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
      throw configError(here, `unknown setting${hint} (known: ${SETTINGS.join(', ')})`);
    }
  }
  return settings;
}

function readPolicy(value: unknown, location: ConfigLocation): ServerPolicy {
  const entries = readObject(value, location);
  const policy: ServerPolicy = {};
  for (const [key, item] of Object.entries(entries)) {
    const here = childLocation(location, key);
    if (key === 'allow' || key === 'deny') policy[key] = readPatterns(item, here);
    else if (key === 'readOnly') policy.readOnly = readBoolean(item, here);
    else if (key === 'destructive')
      policy.destructive = readEnum(item, here, ['allow', 'ask', 'deny'] as const);
    else if (key === 'maxConcurrency') policy.maxConcurrency = readPositiveInteger(item, here);
    else throw configError(here, `unknown policy key (known: ${POLICY_KEYS.join(', ')})`);
  }
  return policy;
}

function readAudit(value: unknown, location: ConfigLocation, baseDir: string): AuditSettings {
  const entries = readObject(value, location);
  if (typeof entries.file !== 'string' || entries.file === '') {
    throw configError(childLocation(location, 'file'), 'expected the path of the audit log file');
  }
  const audit: AuditSettings = { file: resolve(baseDir, entries.file) };
  for (const [key, item] of Object.entries(entries)) {
    const here = childLocation(location, key);
    if (key === 'maxBytes') audit.maxBytes = readPositiveInteger(item, here);
    else if (key === 'keep') audit.keep = readPositiveInteger(item, here);
    else if (key !== 'file') throw configError(here, `unknown audit key (known: ${AUDIT_KEYS.join(', ')})`);
  }
  return audit;
}

function readObject(value: unknown, location: ConfigLocation): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError(location, `expected an object, got ${describeType(value)}`);
  }
  return value as Record<string, unknown>;
}

function readEnum<T extends string>(value: unknown, location: ConfigLocation, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw configError(
      location,
      `expected ${allowed.map((item) => `"${item}"`).join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function readBoolean(value: unknown, location: ConfigLocation): boolean {
  if (typeof value !== 'boolean')
    throw configError(location, `expected true or false, got ${describeType(value)}`);
  return value;
}

function readPositiveInteger(value: unknown, location: ConfigLocation): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw configError(location, `expected a positive whole number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Tool-name patterns: exact names, or `*` for any run of characters (`get_*`, `*_issue`). */
function readPatterns(value: unknown, location: ConfigLocation): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw configError(location, 'expected an array of tool names or patterns like "get_*"');
  }
  return value as string[];
}
