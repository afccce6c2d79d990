// The shapes of bench/results/*.json as the report reads them, and their loading. Each part's script is the source of
// truth for its own file; these types list only what the report uses.
import { existsSync, readFileSync } from 'node:fs';

/** The machine a part ran on, as bench/core.ts and bench/peers.ts record it. */
export interface Machine {
  cpus: number;
  cpu?: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverage: { before: number[]; after: number[] };
}

/** bench/results/core.json (bench/core.ts). */
export interface CoreResults {
  date: string;
  command: string;
  machine: Machine;
  durationS: number;
  results: Record<string, { name: string; value: number; unit: string; target?: string; met?: boolean }[]>;
}

/** One runtime's figure for one workload: a value, or why there is none. */
export interface PeerFigure {
  value?: number;
  error?: string;
  note?: string;
  /** Proportional set size beside RSS (the memory workload): shared pages split among the processes sharing them. */
  pssMb?: number;
}

/** bench/results/peers.json (bench/peers.ts). */
export interface PeerResults {
  date: string;
  command: string;
  machine: Machine;
  durationS: number;
  runtimes: { name: string; package: string; notes: string[] }[];
  excluded: { name: string; reason: string }[];
  workloads: {
    id: string;
    name: string;
    unit: string;
    better: 'lower' | 'higher';
    /** How the workload is measured, in a sentence. */
    how?: string;
    /** The same work outside any sandbox, for scale (guest compute: plain Node). */
    reference?: { name: string; value: number };
    results: Record<string, PeerFigure>;
  }[];
  hostile: { case: string; runtime: string; hostSurvived: boolean; errorMs?: number; error?: string }[];
}

/** bench/results/tokens.json (bench/tokens.ts). */
export interface TokenResults {
  date: string;
  rawToolsList: number;
  gatewayToolsList: number;
  medianRatio: number;
  rows: { task: string; directCalls: number; direct: number; codeMode: number; ratio: number }[];
}

/** bench/results/context.json (bench/context.ts). */
export interface ContextResults {
  date: string;
  catalogs: {
    name: string;
    tools: number;
    rawToolsList: number;
    gateway: number;
    declarations: Record<string, number | undefined>;
  }[];
  excluded: { name: string; reason: string }[];
}

/** bench/results/typegen.json (bench/typegen.ts). */
export interface TypegenResults {
  date: string;
  rows: {
    catalog: string;
    codemodeFull: number;
    codemodeCompact: number;
    budget: number;
    codemodeMs: number;
    jsonSchemaToTypescript: number;
    jsonSchemaToTypescriptMs: number;
    cloudflare: number;
    cloudflareMs: number;
  }[];
}

/** Every part's results; a part never run here is undefined, and the page says so. */
export interface AllResults {
  core?: CoreResults;
  peers?: PeerResults;
  tokens?: TokenResults;
  context?: ContextResults;
  typegen?: TypegenResults;
}

const RESULTS = new URL('../results/', import.meta.url);

function load<T>(file: string): T | undefined {
  const url = new URL(file, RESULTS);
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as T) : undefined;
}

/** Reads bench/results/*.json (full runs only: quick and partial runs live in results/tmp/). */
export function loadResults(): AllResults {
  return {
    core: load<CoreResults>('core.json'),
    peers: load<PeerResults>('peers.json'),
    tokens: load<TokenResults>('tokens.json'),
    context: load<ContextResults>('context.json'),
    typegen: load<TypegenResults>('typegen.json'),
  };
}
