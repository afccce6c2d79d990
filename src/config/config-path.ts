import { CodeModeError } from '../errors.ts';

/** One step into a JSON document: an object key or an array index. */
export type PathSegment = string | number;

/** Where a value sits in a config document, for error messages that point at it. */
export interface ConfigLocation {
  /** The file (or `config` for an in-memory object) the value came from. */
  source: string;
  path: readonly PathSegment[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path the way a reader would type it in JavaScript: `mcpServers.memory.args[1]`, with keys that are not
 * identifiers quoted (`mcpServers["my server"]`).
 */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The location one step further in. */
export function childLocation(location: ConfigLocation, segment: PathSegment): ConfigLocation {
  return { source: location.source, path: [...location.path, segment] };
}

/** A CONFIG_INVALID error whose one-line message names the file and the JSON path. */
export function configError(location: ConfigLocation, message: string): CodeModeError {
  const path = formatPath(location.path);
  const prefix = path === '' ? `${location.source}: ` : `${location.source}: ${path}: `;
  return new CodeModeError('CONFIG_INVALID', prefix + message, {
    details: { source: location.source, path },
  });
}

/** Names a JSON value's type for "expected X, got Y" messages (arrays and null are not "object"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
