// The benchmark report (bench/report/): every figure on docs/benchmarks.md passes through these, so a ratio turned
// upside down or a table broken by a peer's error message would mislead every reader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownTable } from '../bench/report/format.ts';
import { costRatio, hostileTable } from '../bench/report/peer-tables.ts';
import type { PeerResults } from '../bench/report/results.ts';
import { fillTemplate } from '../bench/report/template.ts';

const peers: PeerResults = {
  date: '2026-12-03T21:00:00.000Z',
  command: 'npm run bench:peers',
  machine: {
    cpus: 2,
    memoryGb: 24,
    node: 'v22',
    platform: 'linux-x64',
    loadAverage: { before: [1], after: [1] },
  },
  durationS: 1,
  runtimes: [
    { name: 'codemode', package: 'codemode@0', notes: [] },
    { name: 'peer', package: 'peer@1', notes: [] },
  ],
  excluded: [],
  workloads: [
    {
      id: 'p50',
      name: 'p50',
      unit: 'ms',
      better: 'lower',
      results: { codemode: { value: 2 }, peer: { value: 6 } },
    },
    {
      id: 'rate',
      name: 'rate',
      unit: 'calls/s',
      better: 'higher',
      results: { codemode: { value: 300 }, peer: { value: 100 } },
    },
    {
      id: 'bad',
      name: 'bad',
      unit: 'ms',
      better: 'lower',
      results: { codemode: { value: 1 }, peer: { error: 'x' } },
    },
  ],
  hostile: [{ case: 'while (true) {}', runtime: 'peer', hostSurvived: false, error: 'a | b\nstack' }],
};

test('a ratio is always the peer’s cost in multiples of codemode’s, whichever way the unit points', () => {
  assert.equal(costRatio(peers.workloads[0]!, 'peer'), 3);
  assert.equal(costRatio(peers.workloads[1]!, 'peer'), 3);
  assert.equal(costRatio(peers.workloads[2]!, 'peer'), undefined);
});

test('a cell cannot break its table: pipes are escaped and newlines folded', () => {
  const table = markdownTable(['a', 'b'], [['x | y', 'one\ntwo']]);
  assert.equal(table.split('\n')[2], '| x \\| y | one two |');
  assert.match(hostileTable(peers), /\*\*host crashed\*\*: a \\\| b \|$/m);
});

test('a template placeholder with no value is an error, not literal braces on the page', () => {
  assert.equal(fillTemplate('a {{x}} b', { x: '1' }), 'a 1 b');
  assert.throws(() => fillTemplate('a {{typo}}', { x: '1' }), /unknown placeholder \{\{typo\}\}/);
});
