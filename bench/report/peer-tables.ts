// The side-by-side tables: each workload on each runtime, with its cost relative to codemode, and the hostile cases.
import { firstLine, formatNumber, formatRatio, markdownTable } from './format.ts';
import type { PeerResults } from './results.ts';

type Workload = PeerResults['workloads'][number];

/** The runtime every ratio is measured against. */
export const BASELINE = 'codemode';

/**
 * How many times codemode's cost a runtime's figure is: its time or memory over codemode's, or codemode's calls/s
 * over its own. Above 1, codemode does better; undefined when either figure is missing.
 */
export function costRatio(workload: Workload, runtime: string): number | undefined {
  const value = workload.results[runtime]?.value;
  const baseline = workload.results[BASELINE]?.value;
  if (value === undefined || baseline === undefined || value <= 0 || baseline <= 0) return undefined;
  return workload.better === 'lower' ? value / baseline : baseline / value;
}

/** Runtime names in the order the runner listed them, codemode first. */
export function runtimeNames(peers: PeerResults): string[] {
  const names = peers.runtimes.map((runtime) => runtime.name);
  return [BASELINE, ...names.filter((name) => name !== BASELINE)];
}

/** One row per workload, one column per runtime: `2.8 ms (11x)`, or what failed. */
export function workloadTable(peers: PeerResults): string {
  const names = runtimeNames(peers);
  const rows = peers.workloads.map((workload) => [
    `${workload.name} (${workload.unit}, ${workload.better} is better)`,
    ...names.map((name) => {
      const figure = workload.results[name];
      if (figure === undefined) return '–';
      if (figure.value === undefined) return `failed: ${firstLine(figure.error ?? 'no figure', 70)}`;
      const ratio = name === BASELINE ? undefined : costRatio(workload, name);
      const notes = [
        ...(ratio === undefined ? [] : [formatRatio(ratio)]),
        ...(figure.pssMb === undefined ? [] : [`PSS ${formatNumber(figure.pssMb)}`]),
        ...(figure.note === undefined ? [] : [figure.note]),
      ];
      return `${formatNumber(figure.value)}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`;
    }),
  ]);
  return markdownTable(['workload', ...names], rows);
}

/** How each workload is measured, with its reference figure where it has one. */
export function workloadMethods(peers: PeerResults): string {
  return peers.workloads
    .filter((workload) => workload.how !== undefined)
    .map((workload) => {
      const { reference } = workload;
      const scale =
        reference === undefined
          ? ''
          : ` For scale: ${reference.name}, ${formatNumber(reference.value)} ${workload.unit}.`;
      return `- **${workload.name}**: ${workload.how}.${scale}`;
    })
    .join('\n');
}

/** One row per runtime, one column per hostile case: did the host survive, and how fast came the error. */
export function hostileTable(peers: PeerResults): string {
  const cases = [...new Set(peers.hostile.map((entry) => entry.case))];
  const rows = runtimeNames(peers).map((name) => [
    name,
    ...cases.map((hostileCase) => {
      const entry = peers.hostile.find((item) => item.runtime === name && item.case === hostileCase);
      if (entry === undefined) return '–';
      const after = entry.errorMs === undefined ? '' : ` after ${formatNumber(entry.errorMs / 1000)} s`;
      const error = entry.error === undefined ? '' : `: ${firstLine(entry.error, 80)}`;
      return `${entry.hostSurvived ? 'host survived' : '**host crashed**'}${after}${error}`;
    }),
  ]);
  return markdownTable(['runtime', ...cases.map((hostileCase) => `\`${hostileCase}\``)], rows);
}

/** The packages measured and every setting changed from their defaults, then what was left out and why. */
export function runtimeNotes(peers: PeerResults): string {
  const lines = peers.runtimes.flatMap((runtime) => [
    `- **${runtime.name}** (\`${runtime.package}\`)`,
    ...runtime.notes.map((note) => `  - ${note.replace(/\s+/g, ' ').trim()}`),
  ]);
  for (const excluded of peers.excluded) lines.push(`- **${excluded.name}**: left out — ${excluded.reason}`);
  return lines.join('\n');
}
