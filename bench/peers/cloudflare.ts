// The '@cloudflare/codemode' peer: Cloudflare's published package, unmodified, run locally in workerd (the npm
// `workerd` binary). Process layout, per create():
//
//   Node (this file) --HTTP POST on 127.0.0.1--> workerd (its own process group)
//     outer Worker (cloudflare/worker.js): Worker Loader binding + the bench tools + DynamicWorkerExecutor
//       --WorkerLoader.load()--> one dynamic Worker per run, the program inside, `globalOutbound: null`
//       <--Workers RPC-- `codemode.noop(...)` / `codemode.sleep(...)` calls, answered by the outer Worker's tools
//
// The package's ES modules (dist/index.js and the chunks it imports, plus acorn) are listed one by one as workerd
// modules, no bundler: the graph is followed from worker.js at create() time.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { dirname, join, posix, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { BenchTools, CodeRuntime, RuntimeAdapter } from './runtime.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const WORKER_FILE = join(HERE, 'cloudflare', 'worker.js');
const CONFIG_TEMPLATE = join(HERE, 'cloudflare', 'config.capnp');
const require = createRequire(import.meta.url);

/** Reads a package's package.json, found the way Node finds it from `fromDir` (walking up `node_modules`). */
function findPackage(name: string, fromDir: string): { dir: string; json: Record<string, unknown> } {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) {
      return {
        dir: dirname(candidate),
        json: JSON.parse(readFileSync(candidate, 'utf8')) as Record<string, unknown>,
      };
    }
    if (dirname(dir) === dir) throw new Error(`cloudflare peer: package ${name} not found from ${fromDir}`);
  }
}

const CODEMODE = findPackage('@cloudflare/codemode', HERE);
const CODEMODE_VERSION = String(CODEMODE.json.version);
const WORKERD_BIN: string = require.resolve('workerd/bin/workerd');
const WORKERD_VERSION = String(findPackage('workerd', HERE).json.version);

/** The ES module file a bare specifier names: exports["."] import/default, else module, else main. */
function esmEntry(specifier: string, fromFile: string): string {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  const pkgName = parts.slice(0, nameParts).join('/');
  const sub = parts.slice(nameParts).join('/');
  if (sub) throw new Error(`cloudflare peer: subpath import ${specifier} not handled`);
  const { dir, json } = findPackage(pkgName, dirname(fromFile));
  let target: unknown = json.exports;
  if (target && typeof target === 'object' && '.' in target)
    target = (target as Record<string, unknown>)['.'];
  while (target && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.default;
  }
  const fallback =
    typeof json.module === 'string' ? json.module : typeof json.main === 'string' ? json.main : 'index.js';
  return join(dir, typeof target === 'string' ? target : fallback);
}

const IMPORT_RE = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;

/**
 * The workerd module list for worker.js and everything it imports. workerd resolves every specifier, bare ones
 * included, against the importing module's name, so each module is named where that resolution lands.
 */
function moduleGraph(): { name: string; file: string }[] {
  const modules = new Map<string, string>(); // name -> file
  const queue: { name: string; file: string }[] = [{ name: 'worker.js', file: WORKER_FILE }];
  while (queue.length > 0) {
    const { name, file } = queue.shift()!;
    const known = modules.get(name);
    if (known !== undefined) {
      if (known !== file)
        throw new Error(`cloudflare peer: module name ${name} is both ${known} and ${file}`);
      continue;
    }
    modules.set(name, file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (/^(cloudflare|node|workerd):/.test(specifier)) continue;
      const childName = posix.normalize(posix.join(posix.dirname(name), specifier));
      const childFile = specifier.startsWith('.')
        ? resolve(dirname(file), specifier)
        : esmEntry(specifier, file);
      queue.push({ name: childName, file: childFile });
    }
  }
  return [...modules].map(([name, file]) => ({ name, file }));
}

/** One workerd process, listening on a free 127.0.0.1 port. */
interface Workerd {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
  hasExited(): boolean;
  stderrTail(): string;
}

/**
 * Runs workerd ("$@") in the background; a second child waits for EOF on stdin (Node's end closed, by stop() or by
 * Node dying) and then kills workerd. When workerd ends, `sh` ends the waiter, reaps both, removes the temp dir ($0)
 * and exits with workerd's status, so nothing is left behind, not even a zombie.
 */
const GUARD = [
  'd=$0; exec 4<&0',
  '"$@" & w=$!',
  // sh's own stderr (the pipe to Node) would SIGPIPE it, if Node is gone, when it reports the kill.
  'exec 2>/dev/null',
  '(read -r _ <&4; kill -9 $w 2>/dev/null) & g=$!',
  'wait $w; s=$?',
  'kill $g 2>/dev/null; wait',
  'rm -rf "$d"; exit $s',
].join('; ');

/**
 * Stops a workerd: closing its stdin has the guard kill it (so `sh` reaps it, no zombie is left), then anything left
 * in its process group is killed.
 */
async function stop(workerd: Workerd): Promise<void> {
  workerd.child.stdin?.destroy();
  const timer = setTimeout(() => killGroup(workerd.child), 2_000);
  await workerd.exited;
  clearTimeout(timer);
  killGroup(workerd.child);
}

function killGroup(child: ChildProcess): void {
  child.stdin?.destroy();
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

// workerd runs in its own process group (so close() can kill it whole); kill any left when Node exits.
const live = new Map<ChildProcess, string>(); // -> its temp dir
process.once('exit', () => {
  for (const [child, dir] of live) {
    killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The filled-in config.capnp for a workerd whose config lives in `dir`. */
function workerdConfig(dir: string, settings: Settings): string {
  const modules = moduleGraph()
    .map(
      ({ name, file }) =>
        `    (name = ${JSON.stringify(name)}, esModule = embed ${JSON.stringify(relative(dir, file))}),`,
    )
    .join('\n');
  return readFileSync(CONFIG_TEMPLATE, 'utf8')
    .replace('{{MODULES}}', modules)
    .replace('{{TIMEOUT_MS}}', String(settings.timeoutMs))
    .replace(
      '{{V8_FLAGS}}',
      settings.maxOldSpaceMb ? `"--max-old-space-size=${settings.maxOldSpaceMb}"` : '',
    );
}

/** Starts workerd from a fresh temp dir (its config), and waits until the outer Worker answers. */
async function startWorkerd(settings: Settings): Promise<Workerd> {
  const dir = await mkdtemp(join(tmpdir(), 'cloudflare-codemode-'));
  const configPath = join(dir, 'config.capnp');
  await writeFile(configPath, workerdConfig(dir, settings));
  // `sh` leads the process group and exits with workerd. Its second child holds the read end of a pipe from Node:
  // if Node dies without close() (SIGKILL), that pipe closes and workerd is killed, so it cannot outlive Node.
  const args = ['serve', '--experimental', configPath, '--control-fd', '3'];
  const child = spawn('/bin/sh', ['-c', GUARD, dir, WORKERD_BIN, ...args], {
    cwd: dir,
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
  });
  live.set(child, dir);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      child.stdin?.destroy(); // Ends the guard's read, so it exits too.
      live.delete(child);
      void rm(dir, { recursive: true, force: true }).then(() => resolveExit());
    });
  });
  const stderrTail = () => stderr.trim();

  try {
    const port = await new Promise<number>((resolvePort, rejectPort) => {
      const control = child.stdio[3] as Readable;
      let buffer = '';
      control.setEncoding('utf8');
      control.on('data', (chunk: string) => {
        buffer += chunk;
        for (const line of buffer.split('\n')) {
          if (!line.trim()) continue;
          try {
            const event = JSON.parse(line) as { event?: string; socket?: string; port?: number };
            if (event.event === 'listen' && event.socket === 'http' && event.port) resolvePort(event.port);
          } catch {
            // A partial line; wait for the rest.
          }
        }
      });
      child.once('error', rejectPort);
      void exited.then(() => rejectPort(new Error(`workerd exited before listening: ${stderrTail()}`)));
      setTimeout(
        () => rejectPort(new Error(`workerd did not listen within 30 s: ${stderrTail()}`)),
        30_000,
      ).unref();
    });
    const url = `http://127.0.0.1:${port}/`;
    // Wait until the outer Worker answers (its modules are loaded by now, but check the whole path once).
    for (let attempt = 0; ; attempt++) {
      let answer: string;
      try {
        answer = await (await fetch(url)).text();
      } catch (error) {
        answer = error instanceof Error ? error.message : String(error);
      }
      if (answer === 'ready') break;
      if (attempt >= 100) throw new Error(`workerd does not answer: ${answer} ${stderrTail()}`);
      await delay(50);
    }
    const hasExited = () => child.exitCode !== null || child.signalCode !== null;
    return { child, url, exited, hasExited, stderrTail };
  } catch (error) {
    killGroup(child);
    await exited;
    throw error;
  }
}

export interface CloudflareOptions {
  /**
   * Run timeout in ms. Given to DynamicWorkerExecutor as `timeout` (a Promise.race inside the sandbox, which a
   * synchronous loop never lets fire), and enforced from Node `graceMs` later: the POST is aborted, workerd (whose
   * event loop the loop holds) is killed and a fresh one is started for the next run. Default 30,000.
   */
  timeoutMs?: number;
  /** How much longer than `timeoutMs` Node waits before it gives up on workerd. Default 2,000. */
  graceMs?: number;
  /**
   * V8's `--max-old-space-size` for the whole workerd process (a per-isolate default heap limit; workerd itself
   * enforces no memory limit). Going over it is a fatal V8 OOM: workerd dies, the run rejects, a fresh one starts.
   * Default: none, V8's own heap limit.
   */
  maxOldSpaceMb?: number;
}

type Settings = Required<Omit<CloudflareOptions, 'maxOldSpaceMb'>> & Pick<CloudflareOptions, 'maxOldSpaceMb'>;

export function cloudflareAdapter(options: CloudflareOptions = {}): RuntimeAdapter {
  const settings: Settings = {
    timeoutMs: options.timeoutMs ?? 30_000,
    graceMs: options.graceMs ?? 2_000,
    maxOldSpaceMb: options.maxOldSpaceMb,
  };
  const { timeoutMs, graceMs, maxOldSpaceMb } = settings;
  return {
    name: '@cloudflare/codemode',
    package: `@cloudflare/codemode@${CODEMODE_VERSION}`,
    notes: [
      `Runs locally in workerd ${WORKERD_VERSION} (npm \`workerd\`, \`serve --experimental\`: the Worker Loader binding is ` +
        'experimental there), one workerd process per runtime, in its own process group, on a free 127.0.0.1 port.',
      'Each run() is an HTTP POST from Node to workerd on 127.0.0.1; the outer Worker runs it through the package’s ' +
        'DynamicWorkerExecutor (unmodified), which loads a fresh dynamic Worker per run with `globalOutbound: null`.',
      'The tools (noop, sleep) live in the outer Worker, with the same behaviour as BENCH_TOOLS, and are given to the ' +
        'executor as the `codemode` provider; sandbox→tool calls are Workers RPC inside workerd, not calls into Node.',
      'The program (an async function body) is passed as `async () => { ... }`, the form the executor expects; ' +
        'results come back as JSON (the executor’s own ExecuteResult), so they must be JSON-serializable.',
      `timeout: ${timeoutMs} ms (package default 60,000), given to the executor. Its timeout is a Promise.race in the ` +
        'sandbox and cannot stop a synchronous loop, so Node also aborts the POST ' +
        `${graceMs} ms later, kills workerd and starts a fresh one for the next run.`,
      maxOldSpaceMb
        ? `Memory: V8 flag --max-old-space-size=${maxOldSpaceMb} for the workerd process (workerd itself enforces no ` +
          'memory limit); going over it is a fatal V8 OOM that kills workerd, and a fresh one is started.'
        : 'No memory limit: workerd enforces none (its isolate limit enforcer is a no-op; Cloudflare’s 128 MB is ' +
          'enforced by its production runtime), so a large allocation is bounded only by V8’s default heap limit.',
      'compatibilityDate 2025-06-01 and nodejs_compat on the outer Worker (the executor sets the same on the ' +
        'dynamic Worker).',
    ],
    call: (tool, argsExpression) => `codemode.${tool}(${argsExpression})`,
    // A workload's timeout (the hostile cases ask for 5 s) replaces the adapter's.
    create: (tools, options) =>
      createRuntime(tools, { ...settings, timeoutMs: options?.timeoutMs ?? settings.timeoutMs }),
  };
}

async function createRuntime(_tools: BenchTools, settings: Settings): Promise<CodeRuntime> {
  const { timeoutMs, graceMs } = settings;
  // `_tools` is not called: the tools live in the outer Worker (see notes), so every call stays inside workerd.
  let closed = false;
  let current: Promise<Workerd> = startWorkerd(settings);
  current.catch(() => {}); // Reported by the awaits below.
  await current;

  /** Replaces a stuck or dead workerd (once, however many runs saw it fail) and kills the old one. */
  async function restart(started: Promise<Workerd>, stuck: Workerd): Promise<void> {
    if (!closed && current === started) {
      current = startWorkerd(settings);
      current.catch(() => {});
    }
    await stop(stuck);
  }

  return {
    async run(code) {
      if (closed) throw new Error('cloudflare peer: runtime closed');
      let started = current;
      let workerd = await started;
      if (workerd.hasExited()) {
        await restart(started, workerd);
        started = current;
        workerd = await started;
      }
      const signal = AbortSignal.timeout(timeoutMs + graceMs);
      let outcome: { result?: unknown; error?: string };
      try {
        const response = await fetch(workerd.url, {
          method: 'POST',
          body: `async () => {\n${code}\n}`,
          signal,
        });
        outcome = (await response.json()) as typeof outcome;
      } catch (error) {
        if (signal.aborted) {
          await restart(started, workerd);
          const message = `Execution timed out: no answer from workerd in ${timeoutMs + graceMs} ms; workerd restarted`;
          throw new Error(message, { cause: error });
        }
        // A dropped connection: if workerd died (its exit may reach Node a little after), start a fresh one.
        const exited = await Promise.race([workerd.exited.then(() => true), delay(1_000).then(() => false)]);
        const message = error instanceof Error ? error.message : String(error);
        if (exited) {
          await restart(started, workerd);
          throw new Error(
            `workerd exited during the run (${message}): ${workerd.stderrTail()}; workerd restarted`,
            {
              cause: error,
            },
          );
        }
        throw new Error(message, { cause: error });
      }
      if (outcome.error !== undefined) throw new Error(outcome.error);
      return outcome.result;
    },
    async close() {
      if (closed) return;
      closed = true;
      const workerd = await current.catch(() => undefined);
      if (workerd) {
        await stop(workerd);
      }
    },
  };
}

export const adapter: RuntimeAdapter = cloudflareAdapter();
