// The chart of docs/benchmarks.md, as a self-contained SVG: (1) each peer's cost relative to codemode per workload,
// (2) how many times fewer tokens Code Mode needs per task. Log scales: the ratios span from ~1x to ~1,000x.
import { formatRatio } from './format.ts';
import { BASELINE, costRatio, runtimeNames } from './peer-tables.ts';
import { TOKEN_TARGETS } from './part-tables.ts';
import type { PeerResults, TokenResults } from './results.ts';

const WIDTH = 960;
const COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599'];
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${FONT} ${attributes}>${escape(content)}</text>`;
}

/** Maps a ratio to a distance along a log axis from `low` to `high` (whole decades around the values). */
function logScale(values: readonly number[], length: number): (ratio: number) => number {
  const low = Math.min(0, Math.floor(Math.log10(Math.min(...values, 1))));
  const high = Math.max(1, Math.ceil(Math.log10(Math.max(...values, 10))));
  return (ratio) => ((Math.log10(Math.max(ratio, 10 ** low)) - low) / (high - low)) * length;
}

/** Panel 1: one group of bars per workload, one bar per peer, height = its cost over codemode's. */
function peersPanel(peers: PeerResults, top: number): { svg: string; height: number } {
  const peerNames = runtimeNames(peers).filter((name) => name !== BASELINE);
  const workloads = peers.workloads.filter((workload) => peerNames.some((name) => costRatio(workload, name)));
  const ratios = workloads.flatMap((w) => peerNames.map((name) => costRatio(w, name) ?? 1));
  const plotTop = top + 70;
  const plotHeight = 260;
  const baseline = plotTop + plotHeight;
  const left = 60;
  const groupWidth = (WIDTH - left - 20) / Math.max(workloads.length, 1);
  const barWidth = Math.min(26, (groupWidth - 16) / Math.max(peerNames.length, 1));
  const scale = logScale(ratios, plotHeight);
  const parts = [
    text(
      20,
      top + 24,
      'Each peer against codemode, same work, one run: times codemode’s cost',
      'font-size="18" font-weight="600"',
    ),
    text(
      20,
      top + 46,
      'time or memory ÷ codemode’s, or codemode’s calls/s ÷ the peer’s; log scale; above 1x codemode does better',
      'font-size="13" fill="#555"',
    ),
  ];
  for (const tick of [0.01, 0.1, 1, 10, 100, 1000].filter(
    (value) => scale(value) > 0 && scale(value) <= plotHeight,
  )) {
    const y = baseline - scale(tick);
    parts.push(
      `<line x1="${left}" x2="${WIDTH - 20}" y1="${y}" y2="${y}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>`,
    );
    parts.push(text(left - 8, y + 4, `${tick}x`, 'font-size="11" text-anchor="end" fill="#555"'));
  }
  workloads.forEach((workload, index) => {
    const x0 = left + index * groupWidth + (groupWidth - barWidth * peerNames.length) / 2;
    peerNames.forEach((name, peerIndex) => {
      const ratio = costRatio(workload, name);
      const x = x0 + peerIndex * barWidth;
      if (ratio === undefined) {
        parts.push(
          text(
            x + barWidth / 2,
            baseline - scale(1) - 4,
            '×',
            'font-size="12" text-anchor="middle" fill="#999"',
          ),
        );
        return;
      }
      const y = baseline - scale(ratio);
      const [y1, y2] = ratio >= 1 ? [y, baseline - scale(1)] : [baseline - scale(1), y];
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${Math.max(y2 - y1, 1).toFixed(1)}" fill="${COLORS[peerIndex % COLORS.length]}"><title>${escape(`${name}, ${workload.name}: ${formatRatio(ratio)}`)}</title></rect>`,
      );
      // Above a bar that rises from 1x, below one that hangs down: neighbours' labels then do not collide.
      const labelY = ratio >= 1 ? Math.min(y1, y2) - 3 : Math.max(y1, y2) + 10;
      parts.push(
        text(x + barWidth / 2 - 1, labelY, formatRatio(ratio), 'font-size="9" text-anchor="middle"'),
      );
    });
    parts.push(
      text(
        left + index * groupWidth + groupWidth / 2,
        baseline + 16,
        workload.id,
        'font-size="11" text-anchor="middle"',
      ),
    );
  });
  const legendY = baseline + 40;
  peerNames.forEach((name, index) => {
    const x = left + index * 190;
    parts.push(
      `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${COLORS[index % COLORS.length]}"/>`,
    );
    parts.push(text(x + 18, legendY, name, 'font-size="12"'));
  });
  parts.push(
    text(
      left,
      legendY + 22,
      '× : the peer has no figure for this workload (failed or not supported; see the table)',
      'font-size="11" fill="#777"',
    ),
  );
  return { svg: parts.join('\n'), height: legendY + 40 - top };
}

/** Panel 2: one horizontal bar per task, length = direct tokens ÷ Code Mode tokens, with the targets marked. */
function tokensPanel(tokens: TokenResults, top: number): { svg: string; height: number } {
  const left = 400;
  const rowHeight = 24;
  const plotTop = top + 60;
  const length = WIDTH - left - 60;
  const scale = logScale([...tokens.rows.map((row) => row.ratio), 100], length);
  const parts = [
    text(
      20,
      top + 24,
      'Tokens per task: how many times fewer with Code Mode than with direct tool calls',
      'font-size="18" font-weight="600"',
    ),
    text(
      20,
      top + 46,
      `o200k tokens the model sees; log scale; dashed: the targets (median ≥ ${TOKEN_TARGETS.median}x, 10,000-row table ≥ ${TOKEN_TARGETS.largeTable}x)`,
      'font-size="13" fill="#555"',
    ),
  ];
  const bottom = plotTop + tokens.rows.length * rowHeight;
  for (const target of [TOKEN_TARGETS.median, TOKEN_TARGETS.largeTable]) {
    const x = left + scale(target);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${plotTop - 6}" y2="${bottom}" stroke="#c92a2a" stroke-dasharray="4 3"/>`,
    );
    parts.push(text(x, bottom + 14, `${target}x`, 'font-size="11" text-anchor="middle" fill="#c92a2a"'));
  }
  tokens.rows.forEach((row, index) => {
    const y = plotTop + index * rowHeight;
    const width = Math.max(scale(row.ratio), 1);
    parts.push(text(left - 8, y + 14, row.task, 'font-size="12" text-anchor="end"'));
    parts.push(
      `<rect x="${left}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="#1971c2"/>`,
    );
    parts.push(text(left + width + 6, y + 14, formatRatio(row.ratio), 'font-size="12"'));
  });
  return { svg: parts.join('\n'), height: bottom + 30 - top };
}

/** The whole chart; a part without results is left out. */
export function renderChart(peers: PeerResults | undefined, tokens: TokenResults | undefined): string {
  const panels: string[] = [];
  let height = 0;
  if (peers !== undefined) {
    const panel = peersPanel(peers, height);
    panels.push(panel.svg);
    height += panel.height;
  }
  if (tokens !== undefined) {
    const panel = tokensPanel(tokens, height);
    panels.push(panel.svg);
    height += panel.height;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
