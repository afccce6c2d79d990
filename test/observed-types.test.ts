// Output types learned from real results of a tool without an outputSchema, shown in the declarations, cached in a
// file beside the config, and off when asked.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCodeMode } from '../src/index.ts';
import { compileDeclarations } from './helpers/compile-declarations.ts';
import { temporaryDirectory, toolsServer, writeConfig } from './helpers/run-cli.ts';

test('results teach the declarations a type, marked as observed, and the cache survives a restart', async () => {
  const directory = temporaryDirectory('observed');
  const config = writeConfig(directory, { tools: toolsServer() });
  const first = await createCodeMode({ config });
  try {
    assert.match(
      first.types({ server: 'tools' }),
      /function echo\(input\?: \{[\s\S]*?\}\): Promise<unknown>;/,
    );
    await first.execute(
      'await tools.echo({ value: { id: 1, name: "a", tags: ["x"] } }); await tools.echo({ value: { id: 2 } });',
    );
    const declarations = first.types({ server: 'tools' });
    assert.match(declarations, /@observed result type from 2 calls, not declared by the server/);
    assert.match(
      declarations,
      /function echo\(input\?: \{[\s\S]*?\}\): Promise<\{ id: number; name\?: string; tags\?: string\[\] \}>;/,
    );
    assert.deepEqual(compileDeclarations(declarations), []);
  } finally {
    await first.close();
  }
  assert.ok(existsSync(join(directory, '.codemode', 'observed-types.json')));
  const second = await createCodeMode({ config });
  try {
    assert.match(second.types({ server: 'tools' }), /observed result type from 2 calls/);
  } finally {
    await second.close();
  }
});

test('observing can be switched off', async () => {
  const codemode = await createCodeMode({
    config: { mcpServers: { tools: toolsServer() } },
    observeOutputs: false,
  });
  try {
    await codemode.execute('await tools.echo({ value: { id: 1 } });');
    assert.match(
      codemode.types({ server: 'tools' }),
      /function echo\(input\?: \{[\s\S]*?\}\): Promise<unknown>;/,
    );
    assert.equal(codemode.observedOutputs(), undefined);
  } finally {
    await codemode.close();
  }
});
