import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeModeError } from '../errors.ts';
import { packageBin } from './package-bin.ts';

const DEMO_FILES = fileURLToPath(new URL('../../examples/demo/files/', import.meta.url));

/** The bundled example servers of `codemode serve --demo`: memory, filesystem on a demo workspace, everything. */
export interface DemoConfig {
  config: { mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }> };
  /** The copy of the demo workspace the filesystem server serves. */
  workspace: string;
  /** Removes the workspace copy and the memory file. */
  cleanup(): void;
}

/**
 * The demo's config. Servers start from their installed packages with this Node (no npx, no network); the workspace is
 * a fresh copy in a temporary directory, so programs that write files never touch the repository.
 */
export function demoConfig(): DemoConfig {
  const root = mkdtempSync(join(tmpdir(), 'codemode-demo-'));
  const workspace = join(root, 'files');
  cpSync(DEMO_FILES, workspace, { recursive: true });
  const server = (name: string, ...args: string[]) => ({
    command: process.execPath,
    args: [entryOf(name), ...args],
  });
  return {
    workspace,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
    config: {
      mcpServers: {
        memory: {
          ...server('@modelcontextprotocol/server-memory'),
          env: { MEMORY_FILE_PATH: join(root, 'memory.jsonl') },
        },
        filesystem: server('@modelcontextprotocol/server-filesystem', workspace),
        everything: server('@modelcontextprotocol/server-everything', 'stdio'),
      },
    },
  };
}

/** The server's entry file; a missing package is a clear error. */
function entryOf(name: string): string {
  const entry = packageBin(name);
  if (entry === undefined) {
    throw new CodeModeError(
      'CONFIG_INVALID',
      `the demo needs ${name}, which is not installed: run npm install in the codemode repository`,
    );
  }
  return entry;
}
