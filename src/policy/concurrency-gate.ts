/** A counting semaphore: at most `limit` holders at once, the rest wait in order. */
export class ConcurrencyGate {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Runs `task` when a slot is free; an abort while waiting gives the slot up without running it. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#active >= this.limit) await this.#wait(signal);
    this.#active += 1;
    try {
      return await task();
    } finally {
      this.#active -= 1;
      this.#waiting.shift()?.();
    }
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(wake);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(wake);
    });
  }
}
