/**
 * The reaper process: a tiny watchdog that outlives codemode by design. codemode writes `+PGID` / `-PGID` lines on
 * its stdin as it starts and ends stdio servers. When stdin reaches end-of-file — codemode exited, however it
 * exited, SIGKILL included, because the kernel closes a dead process's pipes — the reaper ends every process group
 * still registered: SIGTERM, then SIGKILL after a grace period, then it exits itself.
 *
 * Kept free of imports so it starts in a few tens of milliseconds.
 */

/** How long servers get to exit after SIGTERM before SIGKILL; long enough to flush, short enough to be gone soon. */
const REAP_GRACE_MS = 1_500;

const groups = new Set<number>();
let pending = '';
let reaping = false;

// The reaper runs in its own session, but a terminal hangup or Ctrl-C aimed at it must not end it before it reaps.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const pgid = Number(line.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (line.startsWith('+')) groups.add(pgid);
    else if (line.startsWith('-')) groups.delete(pgid);
  }
});
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);

function signalAll(signal: NodeJS.Signals): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  }
}

function reap(): void {
  if (reaping) return;
  reaping = true;
  if (groups.size === 0) process.exit(0);
  signalAll('SIGTERM');
  setTimeout(() => {
    signalAll('SIGKILL');
    process.exit(0);
  }, REAP_GRACE_MS);
}
