import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { workerScript } from './worker-script.ts';

test('from the sources, workers start from a stripped JavaScript copy that is complete', () => {
  const { entry, execArgv } = workerScript();
  assert.match(
    entry,
    /node_modules[/\\]\.cache[/\\]codemode[/\\]worker-[0-9a-f]{16}[/\\]src[/\\]sandbox[/\\]worker-entry\.mjs$/,
  );
  assert.deepEqual(execArgv, ['--no-node-snapshot'], 'no type stripping in the worker');
  assert.equal(workerScript(), workerScript(), 'worked out once per process');

  // Every module the copy imports is in the copy, as JavaScript; no type syntax is left.
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    assert.doesNotMatch(code, /from '[^']+\.ts'/, file);
    assert.doesNotMatch(code, /^\s*(?:import|export) type /m, file);
    for (const [, specifier] of code.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), specifier ?? '');
      assert.ok(existsSync(target), `${file} imports ${specifier}, which is not in the copy`);
      pending.push(target);
    }
  }
  assert.ok(
    seen.size >= 5,
    `the worker's modules: ${[...seen].map((file) => file.split(sep).at(-1)).join(', ')}`,
  );
  assert.ok([...seen].every((file) => file.endsWith('.mjs')));
});
