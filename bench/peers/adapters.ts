// The runtimes of the side-by-side comparison, by name. Each adapter loads lazily, in the child process that measures
// it: importing a peer's package must not load the others' (memory is measured per process).
import { readFileSync } from 'node:fs';
import type { RuntimeAdapter } from './runtime.ts';

/** Loads one adapter module; each exports `adapter`. */
export type AdapterLoader = () => Promise<{ adapter: RuntimeAdapter }>;

/** name -> loader, in the order of the tables. codemode first: the ratios are against it. */
export const ADAPTERS: Readonly<Record<string, AdapterLoader>> = {
  codemode: () => import('./codemode.ts'),
  '@cloudflare/codemode': () => import('./cloudflare.ts'),
  '@ai-sdk/code-mode': () => import('./ai-sdk.ts'),
  '@utcp/code-mode': () => import('./utcp.ts'),
  executor: () => import('./executor.ts'),
};

/** The runtime every ratio is computed against. */
export const BASELINE_RUNTIME = 'codemode';

const ROOT = new URL('../../', import.meta.url);

/**
 * `name@version` of an installed package, read from its package.json on disk (some packages do not export it), or of
 * this project for `codemode`.
 *
 * @example
 * ```ts
 * packageId('@utcp/code-mode'); // '@utcp/code-mode@1.2.12'
 * ```
 */
export function packageId(name: string): string {
  const file = name === 'codemode' ? 'package.json' : `node_modules/${name}/package.json`;
  const { version } = JSON.parse(readFileSync(new URL(file, ROOT), 'utf8')) as { version: string };
  return `${name}@${version}`;
}
