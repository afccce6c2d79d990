import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../../test/fixtures/upstream/servers.ts';

/** How long the servers may outlive their parent: the reaper's SIGTERM is immediate, SIGKILL follows in 1.5 s. */
const REAP_DEADLINE_MS = 5_000;

interface ParentReport {
  groups: number[];
  grandchild: number;
  reaper: number;
}

/** Live (non-zombie) members of a process group; zombies count as gone, since init may be slow to reap them here. */
function liveMembers(pgid: number): number[] {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state, ppid, pgrp, ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
  }
  return members;
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    if (process.platform === 'linux') return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runParent(mode: 'wait' | 'exit', memoryFile: string) {
  const parent = spawn(process.execPath, [fixturePath('orphan-parent.ts'), mode, memoryFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  parent.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  parent.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const report = await new Promise<ParentReport>((resolve, reject) => {
    parent.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as ParentReport);
    });
    parent.once('exit', () => {
      if (!stdout.includes('\n')) reject(new Error(`the parent exited before reporting: ${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (parent.exitCode !== null || parent.signalCode !== null) resolve();
    else parent.once('exit', () => resolve());
  });
  return { parent, report, exited, output: () => stdout };
}

async function waitUntilGone(report: ParentReport): Promise<string[]> {
  const deadline = Date.now() + REAP_DEADLINE_MS;
  for (;;) {
    const survivors = [
      ...report.groups.flatMap((pgid) => liveMembers(pgid).map((pid) => `group ${pgid}: pid ${pid}`)),
      ...(isAlive(report.grandchild) ? [`grandchild ${report.grandchild}`] : []),
      ...(isAlive(report.reaper) ? [`reaper ${report.reaper}`] : []),
    ];
    if (survivors.length === 0 || Date.now() > deadline) return survivors;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const mode of ['wait', 'exit'] as const) {
  const how = mode === 'wait' ? 'is SIGKILLed' : 'leaves through process.exit() without closing';
  test(`no orphans: when the parent ${how}, every server group, grandchild and the reaper are gone`, async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codemode-orphans-'));
    try {
      const { parent, report, exited, output } = await runParent(mode, join(directory, 'memory.jsonl'));
      assert.equal(report.groups.length, 3);
      assert.ok(report.groups.every((pgid) => Number.isInteger(pgid)));
      if (mode === 'wait') {
        // The wrapped server runs in the wrapper's group, as a grandchild of the parent.
        assert.deepEqual(
          liveMembers(report.groups[1]!).sort(),
          [report.groups[1]!, report.grandchild].sort(),
        );
        parent.kill('SIGKILL');
      }
      await exited;
      assert.deepEqual(await waitUntilGone(report), []);
      // The servers' stderr (server-memory announces itself there) never reached the parent's stdout.
      assert.equal(output().trim().split('\n').length, 1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
}
