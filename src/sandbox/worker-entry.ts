/**
 * The entry of a sandbox worker process (forked by the pool with `--no-node-snapshot`, which isolated-vm needs on
 * Node >= 20). It talks only to its parent over IPC; its stdout is discarded and its stderr kept for crash reports.
 */
import { IsolateRunner } from './isolate-runner.ts';
import type { HostMessage, WorkerMessage } from './protocol.ts';

function send(message: WorkerMessage): void {
  try {
    process.send?.(message);
  } catch {
    // The channel closed: the parent is gone and 'disconnect' ends this process.
  }
}

// The parent is this process's only reason to exist: when its channel closes (it exited, crashed or closed the
// pool), exit too, so that no worker is ever orphaned.
process.on('disconnect', () => process.exit(0));
const runner = new IsolateRunner(send);
process.on('message', (message) => runner.handle(message as HostMessage));
runner.prepare();
send({ type: 'ready' });
