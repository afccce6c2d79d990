/** Small helpers for the benchmarks: percentiles over samples, timing async actions, CPU time of processes. */
import { readdirSync, readFileSync } from 'node:fs';

export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/** Milliseconds one call of `action` takes. */
export async function timeMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Runs `action` `count` times one after another and returns each duration in milliseconds. */
export async function sampleMs(count: number, action: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) samples.push(await timeMs(action));
  return samples;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ, fixed at 100 on every mainstream kernel). */
const MS_PER_CLOCK_TICK = 10;

/**
 * CPU time (user + system) that process `pid` has used so far, in milliseconds, read from `/proc`: undefined when
 * there is no `/proc` (not Linux) or the process is gone. Resolution: one clock tick (10 ms), so sum many rounds.
 */
export function processCpuMs(pid: number): number | undefined {
  const fields = procStat(pid);
  if (!fields) return undefined;
  // After "pid (comm) ": state is field 0, utime field 11, stime field 12 (fields 14 and 15 of proc(5)).
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK;
}

/** The processes descending from `root` (children, grandchildren, ...), from `/proc`; empty when unavailable. */
export function descendantPids(root = process.pid): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    const parent = Number(procStat(Number(entry))?.[1]);
    if (!Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}

/** The fields of `/proc/PID/stat` after the command name (which may itself contain spaces and parentheses). */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The last path segment of a process's last command-line argument (`worker-entry.ts`, `tools-server.ts`). */
export function processLabel(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return argv.at(-1)?.split('/').at(-1) ?? String(pid);
  } catch {
    return String(pid);
  }
}
