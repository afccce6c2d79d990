import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config.ts';
import { expandEnv, MissingVariableError } from './expand-env.ts';
import { positionAt } from './parse-json-text.ts';

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'codemode-config-'));
  try {
    await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

test('reads ./codemode.json from the given cwd and resolves server cwd against the file directory', async () => {
  await withDirectory(async (directory) => {
    await mkdir(join(directory, 'sub'));
    const json = { mcpServers: { a: { command: 'node', cwd: 'sub', env: { K: '${KEY}' } } } };
    await writeFile(join(directory, 'codemode.json'), JSON.stringify(json));
    const config = await loadConfig(undefined, { cwd: directory, env: { KEY: 'v' } });
    assert.equal(config.source, join(directory, 'codemode.json'));
    assert.deepEqual(config.servers.a, {
      kind: 'stdio',
      command: 'node',
      args: [],
      env: { K: 'v' },
      cwd: join(directory, 'sub'),
    });
  });
});

test('a path in another directory: cwd resolves against that file, not the process cwd', async () => {
  await withDirectory(async (directory) => {
    await mkdir(join(directory, 'conf'));
    await writeFile(
      join(directory, 'conf', 'servers.json'),
      '\uFEFF{ "mcpServers": { "a": { "command": "x", "cwd": "." } } }',
    );
    const config = await loadConfig('conf/servers.json', { cwd: directory });
    assert.equal(config.servers.a?.kind === 'stdio' && config.servers.a.cwd, join(directory, 'conf'));
  });
});

test('a missing file says so and how to fix it', async () => {
  await withDirectory(async (directory) => {
    await assert.rejects(loadConfig(undefined, { cwd: directory }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.match(
        error.message,
        /^codemode\.json: file not found \(looked for .*codemode\.json; pass --config FILE/,
      );
      return true;
    });
  });
});

const syntaxErrors: [string, string, string][] = [
  ['missing value', '{\n  "mcpServers": {\n    "a": }\n}', 'line 3, column 10: unexpected "}"'],
  ['trailing comma', '{ "mcpServers": {},\n}', 'line 2, column 1: trailing comma before "}"'],
  ['missing comma', '{\n"mcpServers": {}\n"x": 1}', 'line 3, column 1: expected "," or "}", found "\\""'],
  ['comment', '// servers\n{}', 'line 1, column 1: comments are not allowed in JSON'],
  ['empty file', '', 'line 1, column 1: unexpected end of input'],
  ['unterminated', '{ "mcpServers": { "a', 'line 1, column 21: unterminated string'],
  ['junk after', '{} x', 'line 1, column 4: unexpected "x" after the end of the document'],
  ['bare word', '{ "a": tru }', 'line 1, column 8: unexpected "t"'],
];

for (const [name, text, expected] of syntaxErrors) {
  test(`not JSON: ${name} gives line and column`, async () => {
    await withDirectory(async (directory) => {
      await writeFile(join(directory, 'bad.json'), text);
      await assert.rejects(loadConfig('bad.json', { cwd: directory }), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'CONFIG_INVALID');
        assert.equal(error.message, `bad.json: not valid JSON at ${expected}`);
        return true;
      });
    });
  });
}

test('a bad value in a file names the file and the JSON path', async () => {
  await withDirectory(async (directory) => {
    await writeFile(
      join(directory, 'codemode.json'),
      JSON.stringify({ mcpServers: { memory: { command: 'x', args: ['a', 1] } } }),
    );
    await assert.rejects(loadConfig(undefined, { cwd: directory }), {
      message: 'codemode.json: mcpServers.memory.args[1]: expected a string, got number',
    });
  });
});

test('expandEnv: references, defaults and the missing-variable error', () => {
  assert.equal(expandEnv('plain $X {Y}', {}), 'plain $X {Y}');
  assert.equal(expandEnv('${A}-${B:-b}-${C:-}', { A: 'a' }), 'a-b-');
  assert.equal(expandEnv('${A}', { A: '' }), '');
  assert.throws(() => expandEnv('${A}', {}), MissingVariableError);
});

test('positionAt counts lines and columns from 1', () => {
  assert.deepEqual(positionAt('ab\ncd', 0), { line: 1, column: 1 });
  assert.deepEqual(positionAt('ab\ncd', 4), { line: 2, column: 2 });
});
