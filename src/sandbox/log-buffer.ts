import type { LogChunk } from './protocol.ts';

/**
 * Console lines of one run, bounded by `maxLogBytes` (UTF-8). The worker keeps it — the guest could lie about sizes —
 * and hands it to the host in chunks, so lines already sent survive a crash of the worker.
 */
export class LogBuffer {
  readonly maxBytes: number;
  #pending: string[] = [];
  #bytes = 0;
  #droppedLines = 0;
  #droppedBytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Keeps the line while it fits; the line that crosses the limit keeps its start, later lines are only counted. */
  add(line: string): void {
    const size = Buffer.byteLength(line);
    if (this.#droppedLines === 0 && this.#bytes + size <= this.maxBytes) {
      this.#pending.push(line);
      this.#bytes += size;
      return;
    }
    const room = this.#droppedLines === 0 ? this.maxBytes - this.#bytes : 0;
    if (room > 0) {
      const kept = truncateUtf8(line, room);
      this.#pending.push(kept);
      this.#bytes = this.maxBytes;
      this.#droppedBytes += size - Buffer.byteLength(kept);
    } else {
      this.#droppedBytes += size;
    }
    this.#droppedLines += 1;
  }

  /** True when lines are waiting to be sent. */
  get hasPending(): boolean {
    return this.#pending.length > 0;
  }

  /** The lines since the last call, with running totals of what was dropped. */
  take(): LogChunk {
    const lines = this.#pending;
    this.#pending = [];
    return { lines, droppedLines: this.#droppedLines, droppedBytes: this.#droppedBytes };
  }
}

/** The one line appended to the logs when the limit cut them. */
export function logLimitMarker(droppedLines: number, droppedBytes: number, maxBytes: number): string {
  const calls = droppedLines === 1 ? '1 console call' : `${droppedLines} console calls`;
  return `[logs truncated: ${droppedBytes} more bytes from ${calls} past the ${maxBytes}-byte maxLogBytes limit]`;
}

/** The longest prefix of `text` that fits in `bytes` UTF-8 bytes, without splitting a character. */
function truncateUtf8(text: string, bytes: number): string {
  const buffer = Buffer.from(text);
  let end = Math.min(bytes, buffer.length);
  // A continuation byte (0b10xxxxxx) right after the cut means the cut is inside a character: step back to its start.
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return buffer.subarray(0, end).toString();
}
