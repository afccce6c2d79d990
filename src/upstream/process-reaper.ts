import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

// Source runs as .ts (Node strips types); the published build runs .js. Spawn whichever sits beside this file.
const EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const REAPER_ENTRY = fileURLToPath(new URL(`./reaper-entry${EXTENSION}`, import.meta.url));

/**
 * Makes sure the process groups of stdio servers die with codemode, however codemode dies.
 *
 * Three layers, because each covers a case the others cannot:
 * 1. `close()` of a connection ends its group (the normal path);
 * 2. a process `exit` handler sends SIGTERM to every live group (an `process.exit()` or uncaught error);
 * 3. a reaper process, started on the first registration, holds a pipe from us; when we die — SIGKILL and the OOM
 *    killer included, where no handler of ours runs — the kernel closes the pipe and the reaper ends the groups.
 *
 * Servers are spawned as process-group leaders (`detached`), so killing `-pgid` also reaches grandchildren such as
 * the node process that `npx` starts.
 */
export class ProcessReaper {
  readonly #groups = new Set<number>();
  #reaper: ChildProcess | undefined;
  #exitHookInstalled = false;

  /** Starts watching a process group (its leader's pid). */
  register(pgid: number): void {
    this.#groups.add(pgid);
    this.#installExitHook();
    this.#send(`+${pgid}\n`);
  }

  /** Stops watching a group that has ended. */
  unregister(pgid: number): void {
    if (!this.#groups.delete(pgid)) return;
    this.#send(`-${pgid}\n`);
  }

  /** The reaper's pid, when it runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.#reaper?.pid;
  }

  #send(line: string): void {
    const reaper = this.#ensureReaper();
    reaper.stdin?.write(line);
  }

  #ensureReaper(): ChildProcess {
    if (this.#reaper !== undefined) return this.#reaper;
    const reaper = spawn(process.execPath, [REAPER_ENTRY], {
      // Its own session: a Ctrl-C or hangup aimed at our process group must not take the reaper down with us.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // The reaper must never keep codemode alive: neither its handle nor its pipe count for the event loop.
    reaper.unref();
    (reaper.stdin as Socket | null)?.unref();
    reaper.stdin?.on('error', () => {
      // EPIPE when the reaper died; the 'exit' handler below starts a new one on the next registration.
    });
    reaper.on('error', () => {});
    reaper.on('exit', () => {
      if (this.#reaper !== reaper) return;
      this.#reaper = undefined;
      // A reaper killed by someone else: restart it and hand over what is still live, so protection never lapses.
      if (this.#groups.size > 0) this.#send([...this.#groups].map((pgid) => `+${pgid}\n`).join(''));
    });
    this.#reaper = reaper;
    return reaper;
  }

  #installExitHook(): void {
    if (this.#exitHookInstalled) return;
    this.#exitHookInstalled = true;
    process.on('exit', () => {
      // Synchronous by necessity: only SIGTERM here; groups that ignore it get SIGKILL from the reaper, which sees
      // our pipe close a moment later.
      for (const pgid of this.#groups) signalGroup(pgid, 'SIGTERM');
    });
  }
}

/** Sends a signal to a whole process group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

let shared: ProcessReaper | undefined;

/** The process-wide reaper: one watchdog process serves every connection and manager of this codemode process. */
export function sharedReaper(): ProcessReaper {
  shared ??= new ProcessReaper();
  return shared;
}
