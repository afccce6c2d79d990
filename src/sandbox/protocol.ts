/**
 * The messages between the host (the pool) and a worker process, over Node's IPC channel.
 *
 * Tool calls and their answers travel as JSON strings built in the guest and on the host, so one IPC message carries
 * a whole batch and the worker never parses or re-encodes them:
 * - a call batch is `[[id, namespace, method, args?], ...]` (args absent when the program passed `undefined`);
 * - an answer batch is `[[id, 0, value?], [id, 1, { name, message, data? }], ...]` (0 = resolved, 1 = rejected).
 * The guest is untrusted: the host validates every call batch it receives.
 */
import type { SandboxLimits, SandboxRunError } from './types.ts';

/** Host -> worker. */
export type HostMessage =
  | { type: 'run'; runId: number; code: string; namespaces: Record<string, string[]>; limits: SandboxLimits }
  | { type: 'answers'; runId: number; batch: string }
  /** Ends the run at once (cancellation, a host-side limit); the worker still answers with `end`. */
  | { type: 'cancel'; runId: number };

/** Worker -> host. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'calls'; runId: number; batch: string; logs?: LogChunk }
  | { type: 'logs'; runId: number; logs: LogChunk }
  | { type: 'end'; runId: number; outcome: WorkerOutcome; logs: LogChunk };

/** Console lines accepted since the previous chunk, and running totals of what the log limit dropped. */
export interface LogChunk {
  lines: string[];
  droppedLines: number;
  droppedBytes: number;
}

/** How a run ended inside the worker. The result stays JSON text until the host parses it. */
export type WorkerOutcome = { ok: true; resultJson?: string } | { ok: false; error: SandboxRunError };

/** One call as the guest queues it. */
export type WireCall = [id: number, namespace: string, method: string, args?: unknown];
