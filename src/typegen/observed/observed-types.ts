import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { merge, renderShape, type Shape, shapeOf } from './shape.ts';

/** Writes of the cache are gathered for this long: a fan-out records thousands of values, the file is written once. */
const SAVE_DELAY_MS = 1_000;

/** Bumped when the file's format changes; an older file is ignored rather than misread. */
const FORMAT = 1;

/** Output types learned from what tools without an `outputSchema` actually returned. */
export interface ObservedTypes {
  /** Merges one returned value into the tool's observed type. */
  record(server: string, tool: string, value: unknown): void;
  /** The observed type as TypeScript, and from how many calls, when there is one. A plain function: pass it around. */
  readonly lookup: (server: string, tool: string) => { type: string; calls: number } | undefined;
  /** Writes pending changes now. */
  flush(): void;
}

interface Entry {
  shape: Shape | undefined;
  calls: number;
}

/**
 * Observed types kept in memory and, when `file` is given, in a JSON cache that survives restarts (written atomically:
 * a temporary file renamed over the old one). A cache that cannot be read is started afresh, never an error.
 */
export function createObservedTypes(file?: string): ObservedTypes {
  const entries = new Map<string, Entry>(file ? load(file) : []);
  let timer: NodeJS.Timeout | undefined;
  // Nothing learned, nothing written: closing an instance that observed nothing leaves no file behind.
  let dirty = false;
  const key = (server: string, tool: string) => `${server}\u0000${tool}`;

  function save(): void {
    timer = undefined;
    if (!file || !dirty) return;
    dirty = false;
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, tools: Object.fromEntries(entries) }));
      renameSync(temporary, file);
    } catch {
      // A cache is an optimization: a read-only directory must not fail a program.
    }
  }

  return {
    record(server, tool, value) {
      const id = key(server, tool);
      const entry = entries.get(id) ?? { shape: undefined, calls: 0 };
      entries.set(id, { shape: merge(entry.shape, shapeOf(value)), calls: entry.calls + 1 });
      dirty = true;
      if (file && timer === undefined) {
        timer = setTimeout(save, SAVE_DELAY_MS);
        timer.unref();
      }
    },
    lookup: (server, tool) => {
      const entry = entries.get(key(server, tool));
      if (!entry?.shape || entry.shape.kind === 'unknown') return undefined;
      return { type: renderShape(entry.shape), calls: entry.calls };
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      save();
    },
  };
}

function load(file: string): [string, Entry][] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      format?: number;
      tools?: Record<string, Entry>;
    };
    return parsed.format === FORMAT && parsed.tools ? Object.entries(parsed.tools) : [];
  } catch {
    return [];
  }
}
