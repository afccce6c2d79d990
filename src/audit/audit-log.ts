import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditSettings } from '../config/types.ts';

/** Rotate past 10 MiB: a day of busy use, small enough to open in an editor. */
export const DEFAULT_AUDIT_MAX_BYTES = 10 * 1024 * 1024;
/** Rotated files kept beside the live one. */
export const DEFAULT_AUDIT_KEEP = 3;

/** One tool call as the audit log records it: never the arguments themselves, only their digest. */
export interface AuditedCall {
  server: string;
  tool: string;
  /** When the call started, in milliseconds since the execution started. */
  startMs: number;
  durationMs: number;
  outcome: 'ok' | 'error' | 'refused';
  /** sha256 of the arguments' JSON, first 16 hex digits: proves what was sent without storing it. */
  argsDigest: string;
}

/** One execution: what ran, what it called, how it ended. */
export interface AuditEntry {
  program: string;
  calls: AuditedCall[];
  ok: boolean;
  error?: { name: string; message: string };
  /** The limit that ended the run, when one did. */
  limit?: string;
  durationMs: number;
}

export interface AuditLog {
  /** Appends one line; it is on disk (in the OS's hands) when this returns. */
  record(entry: AuditEntry): void;
  close(): void;
}

/** sha256 of a value's JSON, shortened. */
export function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
    .slice(0, 16);
}

/**
 * An append-only JSON-lines audit log. Each line is written with one synchronous `write` on a file opened for
 * appending, so a crash of codemode loses nothing already recorded. Secrets never reach it: arguments and results are
 * not logged (only digests), and every configured header and environment value is masked wherever it appears.
 */
export function openAuditLog(settings: AuditSettings, secrets: readonly string[]): AuditLog {
  const maxBytes = settings.maxBytes ?? DEFAULT_AUDIT_MAX_BYTES;
  const keep = settings.keep ?? DEFAULT_AUDIT_KEEP;
  // Short values ("1", "true") would mask too much and reveal nothing by being left in.
  const masked = [...new Set(secrets.filter((secret) => secret.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  mkdirSync(dirname(settings.file), { recursive: true });
  let fd = openSync(settings.file, 'a', 0o600);
  let size = statSync(settings.file).size;

  const mask = (text: string) =>
    masked.reduce((result, secret) => result.split(secret).join('[secret]'), text);

  function rotate(): void {
    closeSync(fd);
    rmSync(`${settings.file}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) {
      if (existsSync(`${settings.file}.${index}`))
        renameSync(`${settings.file}.${index}`, `${settings.file}.${index + 1}`);
    }
    renameSync(settings.file, `${settings.file}.1`);
    fd = openSync(settings.file, 'a', 0o600);
    size = 0;
  }

  return {
    record(entry) {
      const line = `${mask(JSON.stringify({ id: randomUUID(), time: new Date().toISOString(), ...entry }))}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      writeSync(fd, line);
      size += bytes;
    },
    close() {
      closeSync(fd);
    },
  };
}
