import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { CodeModeError } from '../errors.ts';
import { parseConfig } from './parse-config.ts';

const options = { source: 'codemode.json', baseDir: '/configs', env: { TOKEN: 'abc', EMPTY: '' } };

function errorOf(json: unknown): string {
  try {
    parseConfig(json, options);
  } catch (error) {
    assert.ok(CodeModeError.isInstance(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail('expected CONFIG_INVALID');
}

test('reads stdio and http servers in file order, with defaults filled in', () => {
  const config = parseConfig(
    {
      mcpServers: {
        memory: { command: 'node', args: ['server.js'], env: { K: '${TOKEN}' }, cwd: 'servers' },
        remote: { url: 'https://host/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
        bare: { command: './server.js' },
      },
    },
    options,
  );
  assert.deepEqual(Object.keys(config.servers), ['memory', 'remote', 'bare']);
  assert.deepEqual(config.servers.memory, {
    kind: 'stdio',
    command: 'node',
    args: ['server.js'],
    env: { K: 'abc' },
    cwd: resolve('/configs', 'servers'),
  });
  assert.deepEqual(config.servers.remote, {
    kind: 'http',
    url: 'https://host/mcp',
    headers: { Authorization: 'Bearer abc' },
    transport: 'auto',
  });
  // A relative command stays as written: spawn resolves it against the server's cwd.
  assert.deepEqual(config.servers.bare, { kind: 'stdio', command: './server.js', args: [], env: {} });
});

test('absolute cwd is kept; relative cwd resolves against the config directory', () => {
  const config = parseConfig(
    { mcpServers: { a: { command: 'x', cwd: '/abs' }, b: { command: 'x', cwd: '..' } } },
    options,
  );
  assert.equal(config.servers.a?.kind === 'stdio' && config.servers.a.cwd, resolve('/abs'));
  assert.equal(config.servers.b?.kind === 'stdio' && config.servers.b.cwd, resolve('/'));
});

test('${VAR:-default} falls back when the variable is unset or empty; ${VAR} expands anywhere in a string', () => {
  const config = parseConfig(
    {
      mcpServers: {
        a: {
          command: '${NOPE:-node}',
          args: ['--port=${PORT:-8080}', '${EMPTY:-fallback}', '$HOME', 'x${TOKEN}y${TOKEN}'],
        },
      },
    },
    options,
  );
  assert.deepEqual(config.servers.a?.kind === 'stdio' && config.servers.a.args, [
    '--port=8080',
    'fallback',
    '$HOME',
    'xabcyabc',
  ]);
  assert.equal(config.servers.a?.kind === 'stdio' && config.servers.a.command, 'node');
});

test('type keys: stdio, http (auto), streamable-http and sse (forced)', () => {
  const config = parseConfig(
    {
      mcpServers: {
        s: { type: 'stdio', command: 'x' },
        h: { type: 'http', url: 'http://127.0.0.1/mcp' },
        t: { type: 'streamable-http', url: 'http://127.0.0.1/mcp' },
        e: { type: 'sse', url: 'http://127.0.0.1/sse' },
      },
    },
    options,
  );
  assert.equal(config.servers.s?.kind, 'stdio');
  const transports = ['h', 't', 'e'].map((name) => {
    const server = config.servers[name];
    return server?.kind === 'http' ? server.transport : undefined;
  });
  assert.deepEqual(transports, ['auto', 'streamable-http', 'sse']);
});

test('disabled servers are skipped, even with values that would not check', () => {
  const config = parseConfig(
    {
      mcpServers: {
        off: { disabled: true, command: '${MISSING}', bogus: 1 },
        on: { disabled: false, command: 'x' },
      },
    },
    options,
  );
  assert.deepEqual(Object.keys(config.servers), ['on']);
});

test('an empty mcpServers is allowed (everything may be disabled)', () => {
  assert.deepEqual(parseConfig({ mcpServers: {} }, options).servers, {});
});

test('in-memory configs default the source to "config" and the env to process.env', () => {
  assert.throws(() => parseConfig({ mcpServers: { a: { command: 1 } } }), {
    message: 'config: mcpServers.a.command: expected a string, got number',
  });
});

const badInputs: [string, unknown, string][] = [
  ['not an object', [], 'codemode.json: expected an object, got array'],
  ['no mcpServers', {}, 'codemode.json: missing "mcpServers"'],
  ['unknown top-level key', { mcpServers: {}, servers: {} }, 'codemode.json: servers: unknown key'],
  [
    'misspelt top-level key',
    { mcpServer: {} },
    'codemode.json: mcpServer: unknown key (did you mean "mcpServers"?)',
  ],
  [
    'mcpServers not an object',
    { mcpServers: [] },
    'codemode.json: mcpServers: expected an object, got array',
  ],
  [
    'server not an object',
    { mcpServers: { a: 'node' } },
    'codemode.json: mcpServers.a: expected an object, got string',
  ],
  [
    'empty server name',
    { mcpServers: { '': { command: 'x' } } },
    'codemode.json: mcpServers[""]: server name is empty',
  ],
  [
    'both command and url',
    { mcpServers: { a: { command: 'x', url: 'http://h' } } },
    'mcpServers.a: has both "command" and "url"',
  ],
  [
    'neither command nor url',
    { mcpServers: { a: { args: [] } } },
    'mcpServers.a: needs "command" (a local server) or "url"',
  ],
  [
    'arg not a string',
    { mcpServers: { memory: { command: 'x', args: ['a', 1] } } },
    'codemode.json: mcpServers.memory.args[1]: expected a string, got number',
  ],
  [
    'args not an array',
    { mcpServers: { a: { command: 'x', args: 'a b' } } },
    'mcpServers.a.args: expected an array of strings, got string',
  ],
  [
    'command not a string',
    { mcpServers: { a: { command: ['node'] } } },
    'mcpServers.a.command: expected a string, got array',
  ],
  ['empty command', { mcpServers: { a: { command: '' } } }, 'mcpServers.a.command: is empty'],
  [
    'env value not a string',
    { mcpServers: { a: { command: 'x', env: { PORT: 8080 } } } },
    'mcpServers.a.env.PORT: expected a string, got number',
  ],
  [
    'env not an object',
    { mcpServers: { a: { command: 'x', env: null } } },
    'mcpServers.a.env: expected an object, got null',
  ],
  [
    'cwd not a string',
    { mcpServers: { a: { command: 'x', cwd: 1 } } },
    'mcpServers.a.cwd: expected a string, got number',
  ],
  [
    'unknown server key',
    { mcpServers: { a: { command: 'x', autoApprove: [] } } },
    'mcpServers.a.autoApprove: unknown key (known keys: type, command, args, env, cwd, disabled)',
  ],
  [
    'misspelt server key',
    { mcpServers: { a: { command: 'x', arg: [] } } },
    'mcpServers.a.arg: unknown key (did you mean "args"?)',
  ],
  [
    'headers on a stdio server',
    { mcpServers: { a: { command: 'x', headers: {} } } },
    'mcpServers.a.headers: unknown key',
  ],
  [
    'env on an http server',
    { mcpServers: { a: { url: 'http://h', env: {} } } },
    'mcpServers.a.env: unknown key',
  ],
  [
    'header not a string',
    { mcpServers: { a: { url: 'http://h', headers: { 'X-Key': true } } } },
    'mcpServers.a.headers["X-Key"]: expected a string, got boolean',
  ],
  [
    'url not http',
    { mcpServers: { a: { url: 'ftp://h' } } },
    'mcpServers.a.url: expected an http(s) URL, got "ftp://h"',
  ],
  [
    'url not a url',
    { mcpServers: { a: { url: 'localhost:3000' } } },
    'mcpServers.a.url: expected an http(s) URL',
  ],
  [
    'bad type',
    { mcpServers: { a: { type: 'websocket', url: 'http://h' } } },
    'mcpServers.a.type: expected one of "stdio", "http", "streamable-http", "sse", got "websocket"',
  ],
  [
    'stdio type with url',
    { mcpServers: { a: { type: 'stdio', url: 'http://h' } } },
    'mcpServers.a: "type" is "stdio" but the server has a "url"',
  ],
  [
    'sse type with command',
    { mcpServers: { a: { type: 'sse', command: 'x' } } },
    'mcpServers.a: "type" is an HTTP type',
  ],
  [
    'disabled not a boolean',
    { mcpServers: { a: { command: 'x', disabled: 'yes' } } },
    'mcpServers.a.disabled: expected true or false, got string',
  ],
  [
    'missing variable',
    { mcpServers: { r: { url: 'http://h', headers: { Authorization: 'Bearer ${NO_TOKEN}' } } } },
    'codemode.json: mcpServers.r.headers.Authorization: environment variable NO_TOKEN is not set',
  ],
  [
    'missing variable in a key with dots',
    { mcpServers: { 'my.server': { command: '${NOPE}' } } },
    'mcpServers["my.server"].command: environment variable NOPE',
  ],
];

for (const [name, json, expected] of badInputs) {
  test(`rejects: ${name}`, () => {
    const message = errorOf(json);
    assert.ok(
      message.includes(expected),
      `${JSON.stringify(message)} should include ${JSON.stringify(expected)}`,
    );
    assert.ok(message.startsWith('codemode.json: '), message);
  });
}
