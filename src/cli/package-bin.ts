import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The file an installed package's (first) bin runs, resolved like an import from codemode: a server from
 * node_modules can then be started with this Node, no npx and no network. Undefined when it is not installed.
 */
export function packageBin(name: string): string | undefined {
  try {
    const manifest = require.resolve(`${name}/package.json`);
    const { bin } = require(manifest) as { bin?: string | Record<string, string> };
    const entry = typeof bin === 'string' ? bin : Object.values(bin ?? {})[0];
    return entry === undefined ? undefined : join(dirname(manifest), entry);
  } catch {
    return undefined;
  }
}
