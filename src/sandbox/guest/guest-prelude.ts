/**
 * Guest code: the prelude that runs in every fresh context before the program. It installs `console`, `ToolError`
 * and (per run) the tool namespaces, and owns the guest half of the batched bridge.
 *
 * Its source is injected with `Function.prototype.toString` next to `formatLogArgs`, `programStack` and
 * `jsonLossChecker`, so it may use only those and standard built-ins. The three host functions it receives are
 * isolated-vm Callbacks, which arrive in the isolate as plain functions taking and returning strings; they stay in
 * this closure, never on a global.
 * Nothing here is trusted by the worker or the host: a program can tamper with built-ins this code uses, which can
 * only break its own run — the host validates every batch.
 */
export function guestPrelude(
  /** Sends one batch of calls: `[[id, namespace, method, args?], ...]` as JSON text. */
  send: (batch: string) => void,
  /** Captures one console line. */
  log: (line: string) => void,
  /** Ends the run: `(true, resultJson?)` or `(false, errorJson)`. */
  finish: (ok: boolean, payload?: string) => void,
): GuestControl {
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const define = Object.defineProperty;
  // The bridge's own plumbing uses built-ins captured now, before the program runs: a program that replaces
  // Array.prototype.join or Promise.prototype.then (a careless polyfill, or a hostile one) only changes its own code.
  /* eslint-disable @typescript-eslint/unbound-method -- captured to be called with an explicit receiver via apply */
  const apply = Reflect.apply;
  const arrayJoin = Array.prototype.join;
  const arrayPush = Array.prototype.push;
  const NativePromise = Promise;
  const promiseThen = Promise.prototype.then;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapDelete = Map.prototype.delete;
  /* eslint-enable @typescript-eslint/unbound-method */
  const BaseError = Error;
  const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
    Error,
    TypeError,
    RangeError,
    SyntaxError,
    ReferenceError,
    EvalError,
    URIError,
  };

  /** A tool reported an error (`isError`), or its server could not be reached. */
  class ToolError extends Error {
    declare server: unknown;
    declare tool: unknown;
    declare content: unknown;
    constructor(message?: string, data: Record<string, unknown> = {}) {
      super(message);
      this.server = data.server;
      this.tool = data.tool;
      this.content = data.content;
      copyData(this, data);
    }
  }
  define(ToolError.prototype, 'name', { value: 'ToolError', writable: true, configurable: true });

  function copyData(target: object, data: Record<string, unknown>): void {
    for (const key of Object.keys(data)) {
      if (key === 'name' || key === 'message' || key === 'stack' || Object.hasOwn(target, key)) continue;
      define(target, key, { value: data[key], writable: true, enumerable: true, configurable: true });
    }
  }

  // Only warn, error and debug carry a prefix: log and info are the program's plain output.
  const consoleObject: Record<string, (...args: unknown[]) => void> = {};
  for (const [level, prefix] of [
    ['log', ''],
    ['info', ''],
    ['debug', '[debug] '],
    ['warn', '[warn] '],
    ['error', '[error] '],
  ] as const) {
    consoleObject[level] = {
      [level](...args: unknown[]): void {
        log(prefix + formatLogArgs(args));
      },
    }[level] as (...args: unknown[]) => void;
  }
  define(globalThis, 'console', { value: Object.freeze(consoleObject), writable: true, configurable: true });
  define(globalThis, 'ToolError', { value: ToolError, writable: true, configurable: true });

  /** An answer as the host sent it: `[id, 0, value]` or `[id, 1, { name, message, data }]`. */
  type Answer = [id: number, status: 0 | 1, payload?: unknown];
  const pending = new Map<number, (answer: Answer) => void>();
  let queue: string[] = [];
  let flushScheduled = false;
  let nextId = 0;
  const settled = Promise.resolve();

  // One flush per microtask turn: every call made in the same turn (a Promise.all fan-out) leaves in one batch.
  function flush(): void {
    flushScheduled = false;
    const batch = `[${apply<string[], [string], string>(arrayJoin, queue, [','])}]`;
    queue = [];
    send(batch);
  }

  function call(head: string, label: string, args: unknown): Promise<Answer> {
    let json: string | undefined;
    try {
      json = args === undefined ? undefined : stringify(args);
    } catch (error) {
      const reason = error instanceof BaseError ? error.message : String(error);
      throw new TypeError(`the argument of ${label} cannot be converted to JSON: ${reason}`, {
        cause: error,
      });
    }
    const id = (nextId += 1);
    apply(arrayPush, queue, [json === undefined ? `[${id},${head}]` : `[${id},${head},${json}]`]);
    if (!flushScheduled) {
      flushScheduled = true;
      void apply(promiseThen, settled, [flush]);
    }
    return new NativePromise((resolve) => {
      apply(mapSet, pending, [id, resolve]);
    });
  }

  function install(namespaces: Record<string, string[]>): void {
    for (const namespace of Object.keys(namespaces)) {
      const methods: Record<string, (args?: unknown) => Promise<unknown>> = {};
      for (const method of namespaces[namespace] ?? []) {
        const head = `${stringify(namespace)},${stringify(method)}`;
        const label = `${namespace}.${method}`;
        // A method shorthand: named after the tool, not constructible, and `__proto__` stays an ordinary key.
        // The error is made here, after the await, so V8's async stack trace leads to the program's line for free
        // (capturing a stack at every call instead cost half the bridge's throughput).
        const tool = {
          async [method](args?: unknown): Promise<unknown> {
            const answer = await call(head, label, args);
            if (answer[1] === 0) return answer[2];
            throw guestError(answer[2] ?? {});
          },
        }[method];
        define(methods, method, { value: tool, enumerable: true });
      }
      try {
        define(globalThis, namespace, {
          value: Object.freeze(methods),
          writable: false,
          configurable: false,
        });
      } catch {
        throw new TypeError(
          `the namespace "${namespace}" cannot be defined: a built-in global has that name`,
        );
      }
    }
  }

  function guestError(shape: { name?: unknown; message?: unknown; data?: unknown }): Error {
    const name = typeof shape.name === 'string' ? shape.name : 'Error';
    const message = typeof shape.message === 'string' ? shape.message : '';
    const data =
      typeof shape.data === 'object' && shape.data !== null ? (shape.data as Record<string, unknown>) : {};
    let error: Error;
    if (name === 'ToolError') {
      error = new ToolError(message, data);
    } else {
      const Builtin = Object.hasOwn(BUILTIN_ERRORS, name) ? BUILTIN_ERRORS[name] : undefined;
      error = Builtin ? new Builtin(message) : new BaseError(message);
      if (!Builtin) define(error, 'name', { value: name, writable: true, configurable: true });
      copyData(error, data);
    }
    const frames = programStack(error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line));
    error.stack = [`${name}: ${message}`, ...frames].join('\n');
    return error;
  }

  function deliver(batch: string): void {
    const answers = parse(batch) as Answer[];
    // An index loop: the array iterator is a built-in the program may have replaced.
    for (let index = 0; index < answers.length; index++) {
      const answer = answers[index] as Answer;
      const resolve = apply(mapGet, pending, [answer[0]]) as ((answer: Answer) => void) | undefined;
      if (!resolve) continue;
      apply(mapDelete, pending, [answer[0]]);
      resolve(answer);
    }
  }

  /** Says which value JSON would fail on or lose, and where (`result.items[3].size`). */
  const lossInJson = jsonLossChecker();

  function fail(name: string, message: string, stack?: string): void {
    finish(false, stringify(stack === undefined ? { name, message } : { name, message, stack }));
  }

  function succeed(value: unknown): void {
    if (value === undefined) return finish(true);
    let json: string | undefined;
    try {
      json = stringify(value);
    } catch (error) {
      const reason = lost(value) ?? (error instanceof BaseError ? error.message : String(error));
      return fail('TypeError', `the program's result cannot be converted to JSON: ${reason}`);
    }
    if (json === undefined) {
      const kind =
        typeof value === 'function' ? 'a function' : typeof value === 'symbol' ? 'a symbol' : typeof value;
      return fail(
        'TypeError',
        `the program returned ${kind}, which is not JSON; return plain data (objects, arrays, strings, numbers, booleans, null)`,
      );
    }
    // Converted, but JSON may have dropped functions or emptied a Map, Set or Error on the way: say so instead.
    const lossy = lost(value);
    if (lossy !== undefined)
      return fail('TypeError', `the program's result cannot be returned as JSON: ${lossy}`);
    finish(true, json);
  }

  function lost(value: unknown): string | undefined {
    try {
      return lossInJson(value);
    } catch {
      return undefined; // a getter that throws, a proxy: the check never fails a run of its own accord
    }
  }

  function thrown(error: unknown): void {
    const shape = error as { name?: unknown; message?: unknown; stack?: unknown } | null;
    try {
      if (typeof shape === 'object' && shape !== null && typeof shape.message === 'string') {
        const name = typeof shape.name === 'string' && shape.name !== '' ? shape.name : 'Error';
        const stack = typeof shape.stack === 'string' ? programStack(shape.stack) : undefined;
        return fail(name, shape.message, stack);
      }
      const shown = typeof error === 'string' ? stringify(error) : formatLogArgs([error]);
      return fail('RuntimeError', `the program threw ${shown}, not an Error`);
    } catch {
      return fail('RuntimeError', 'the program threw a value that cannot be read');
    }
  }

  return {
    start(program: () => Promise<unknown>, namespacesJson: string): void {
      install(parse(namespacesJson) as Record<string, string[]>);
      void apply(promiseThen, program(), [succeed, thrown]);
    },
    deliver,
  };
}

/** What the worker holds (through References) after the prelude ran. */
export interface GuestControl {
  /** Installs the namespaces and starts the program (a compiled `async function`). */
  start(program: () => Promise<unknown>, namespacesJson: string): void;
  /** Settles the calls an answer batch names. */
  deliver(batch: string): void;
}

/** Injected next to the prelude in the guest; declared here for the type checker. */
declare function formatLogArgs(args: unknown[]): string;
declare function programStack(stack: string): string;
declare function jsonLossChecker(): (value: unknown) => string | undefined;
