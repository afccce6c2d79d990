import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CodeModeError } from '../errors.ts';
import { parseConfig } from './parse-config.ts';
import { parseJsonText } from './parse-json-text.ts';
import type { CodeModeConfig } from './types.ts';

export { parseConfig } from './parse-config.ts';
export type { ParseConfigOptions } from './parse-config.ts';

/** The file read when no path is given, looked up in the working directory. */
export const DEFAULT_CONFIG_FILE = 'codemode.json';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Where `${VAR}` reads from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The directory a relative config path resolves against. Default `process.cwd()`. */
  cwd?: string;
}

/**
 * Reads and checks an `mcpServers` config file: `path`, else `./codemode.json`. Relative `cwd` values in the file
 * resolve against the file's own directory, so a config works the same from wherever codemode is started.
 *
 * @throws CodeModeError `CONFIG_INVALID` when the file is missing, unreadable, not JSON (with line and column), or
 *   has a bad value (with its JSON path).
 * @example
 * const config = await loadConfig('./codemode.json');
 * for (const [name, server] of Object.entries(config.servers)) console.error(name, server.kind);
 */
export async function loadConfig(path?: string, options: LoadConfigOptions = {}): Promise<CodeModeConfig> {
  const shown = path ?? DEFAULT_CONFIG_FILE;
  const file = resolve(options.cwd ?? process.cwd(), shown);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `file not found (looked for ${file}; pass --config FILE or create ${DEFAULT_CONFIG_FILE})`
        : code === 'EISDIR'
          ? 'is a directory, not a config file'
          : `cannot be read (${code ?? (error as Error).message})`;
    throw new CodeModeError('CONFIG_INVALID', `${shown}: ${reason}`, {
      details: { source: file },
      cause: error,
    });
  }
  // Editors on Windows like to save a byte-order mark, which JSON.parse rejects.
  const json = parseJsonText(text.replace(/^\uFEFF/, ''), shown);
  const config = parseConfig(json, {
    source: shown,
    baseDir: dirname(file),
    env: options.env ?? process.env,
  });
  return { ...config, source: file };
}
