import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Amaro from 'amaro';

/** What a sandbox worker process is started from. */
export interface WorkerScript {
  entry: string;
  execArgv: string[];
}

/** isolated-vm needs it on Node >= 20 (its README): the default startup snapshot breaks its isolates. */
const ISOLATED_VM_ARGV = ['--no-node-snapshot'];
const HERE = dirname(fileURLToPath(import.meta.url));
/** The worker's own modules import each other relatively; no bare specifier but isolated-vm's is followed. */
const RELATIVE_IMPORT = /^(?:import|export)\s+(type\s)?[^;]*?\sfrom\s+'(\.{1,2}\/[^']+\.ts)';/gm;

let cached: WorkerScript | undefined;

/**
 * The worker's entry and flags. The build's entry is JavaScript. In the repository the worker's modules are
 * TypeScript, and a process started on TypeScript loads Node's type stripper before anything else: ~100 ms more per
 * worker start and ~25 MB more memory per worker (measured on this machine against the build). So the host strips
 * them once into plain JavaScript under `node_modules/.cache/codemode/`, keyed by their content, and workers start
 * from that; where it cannot be written, they start from the TypeScript.
 */
export function workerScript(): WorkerScript {
  if (cached) return cached;
  const entry = join(HERE, 'worker-entry.js');
  if (existsSync(entry)) return (cached = { entry, execArgv: ISOLATED_VM_ARGV });
  const source = join(HERE, 'worker-entry.ts');
  try {
    return (cached = { entry: strippedCopy(source), execArgv: ISOLATED_VM_ARGV });
  } catch {
    cached = {
      entry: source,
      execArgv: [...ISOLATED_VM_ARGV, '--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
    };
    return cached;
  }
}

/** Strips `entry` and every module it imports into `<root>/node_modules/.cache/codemode/worker-<hash>/`, once. */
function strippedCopy(entry: string): string {
  const root = resolve(HERE, '../..');
  const modules = moduleGraph(entry);
  const hash = createHash('sha256');
  for (const [file, text] of modules) hash.update(`${relative(root, file)}\0${text}\0`);
  const target = join(root, 'node_modules/.cache/codemode', `worker-${hash.digest('hex').slice(0, 16)}`);
  const copyOf = (file: string) => join(target, relative(root, file)).replace(/\.ts$/, '.mjs');
  if (existsSync(target)) return copyOf(entry);

  const { transformSync } = createRequire(import.meta.url)('amaro') as typeof Amaro;
  // Written beside the target and renamed into place, so a process starting at the same time never sees half of it.
  const staging = `${target}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [file, text] of modules) {
    const { code } = transformSync(text, { mode: 'strip-only' });
    const output = join(staging, relative(root, file)).replace(/\.ts$/, '.mjs');
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(
      output,
      code.replace(RELATIVE_IMPORT, (statement) => statement.replace(/\.ts';$/, ".mjs';")),
    );
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error; // otherwise another process put the same copy in place first
  }
  return copyOf(entry);
}

/** The modules `entry` loads at run time (type-only imports are erased), with their text. */
function moduleGraph(entry: string): Map<string, string> {
  const modules = new Map<string, string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (modules.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    modules.set(file, text);
    for (const [, typeOnly, specifier] of text.matchAll(RELATIVE_IMPORT))
      if (typeOnly === undefined && specifier !== undefined) pending.push(resolve(dirname(file), specifier));
  }
  return modules;
}
