// Number and table formatting shared by the report's tables and chart.

/** A figure for a table: thousands separators, at most three significant decimals for small values. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A ratio as `12x` / `1.4x` / `0.52x`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const digits = ratio >= 100 ? 0 : ratio >= 1 ? 1 : 2;
  return `${ratio.toLocaleString('en-US', { maximumFractionDigits: digits })}x`;
}

/** A markdown table; `|` and newlines inside cells are escaped so a peer's error message cannot break it. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `2026-12-03 21:04 UTC` from an ISO date. */
export function formatDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The first line of a message, cut to `max` characters. */
export function firstLine(text: string, max = 90): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
