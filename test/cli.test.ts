// The CLI end to end: real child processes, real reference servers from npm, no mocks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceServer, runCli, temporaryDirectory, toolsServer, writeConfig } from './helpers/run-cli.ts';

let directory: string;
let config: string;
let files: string;

before(() => {
  directory = temporaryDirectory('cli');
  files = join(directory, 'files');
  mkdirSync(join(files, 'notes'), { recursive: true });
  writeFileSync(join(files, 'a.txt'), 'alpha\nbeta\n');
  writeFileSync(join(files, 'notes', 'b.txt'), 'gamma\n');
  config = writeConfig(directory, {
    memory: { ...referenceServer('memory'), env: { MEMORY_FILE_PATH: join(directory, 'memory.jsonl') } },
    filesystem: referenceServer('filesystem', files),
    everything: referenceServer('everything'),
    tools: toolsServer(),
  });
});
after(() => rmSync(directory, { recursive: true, force: true }));

async function runJson(program: string, ...flags: string[]) {
  const outcome = await runCli(['run', '--config', config, '--json', ...flags, '-'], { input: program });
  return { ...outcome, envelope: JSON.parse(outcome.stdout) as Record<string, unknown> };
}

describe('codemode run', () => {
  test('creates and reads memory entities', async () => {
    const { code, envelope } = await runJson(`
      await memory.create_entities({ entities: [
        { name: 'Ada', entityType: 'person', observations: ['wrote the first program'] },
        { name: 'Grace', entityType: 'person', observations: ['built a compiler'] },
      ] });
      const graph = await memory.read_graph({});
      return graph.entities.map((entity: { name: string }) => entity.name).sort();
    `);
    assert.equal(code, 0, JSON.stringify(envelope));
    assert.deepEqual(envelope.result, ['Ada', 'Grace']);
    assert.equal(envelope.toolCalls, 2);
  });

  test('reads and aggregates files', async () => {
    const { code, envelope } = await runJson(`
      const tree = await filesystem.directory_tree({ path: ${JSON.stringify(files)} });
      const names: string[] = [];
      const walk = (nodes: any[], prefix: string) => { for (const node of nodes) {
        if (node.type === 'file') names.push(prefix + node.name); else walk(node.children ?? [], prefix + node.name + '/');
      } };
      walk(Array.isArray(tree) ? tree : JSON.parse(tree.content ?? '[]'), '');
      const texts = await Promise.all(names.map((name) => filesystem.read_text_file({ path: ${JSON.stringify(files)} + '/' + name })));
      const lines = texts.map((text: any) => (typeof text === 'string' ? text : text.content)).join('').split('\\n').filter(Boolean);
      console.log('files', names);
      return { files: names.sort(), lines: lines.length };
    `);
    assert.equal(code, 0, JSON.stringify(envelope));
    assert.deepEqual(envelope.result, { files: ['a.txt', 'notes/b.txt'], lines: 3 });
    assert.deepEqual(envelope.logs, [`files [ 'a.txt', 'notes/b.txt' ]`]);
  });

  test("calls everything's tools, sanitized names included", async () => {
    const { code, envelope } = await runJson(`
      const echoed = await everything.echo({ message: 'hi' });
      const sum = await everything.get_sum({ a: 2, b: 3 });
      return { echoed, sum };
    `);
    assert.equal(code, 0, JSON.stringify(envelope));
    const result = envelope.result as { echoed: unknown; sum: unknown };
    assert.match(JSON.stringify(result.echoed), /hi/);
    assert.match(JSON.stringify(result.sum), /5/);
  });

  test('a ToolError can be caught by the program', async () => {
    const { code, envelope } = await runJson(`
      try { await tools.fail({ message: 'no such record' }); return 'not thrown'; }
      catch (error) { return { isToolError: error instanceof ToolError, name: error.name, message: error.message, tool: error.tool }; }
    `);
    assert.equal(code, 0, JSON.stringify(envelope));
    assert.deepEqual(envelope.result, {
      isToolError: true,
      name: 'ToolError',
      message: 'no such record',
      tool: 'fail',
    });
  });

  test('an uncaught ToolError fails the run with exit 1', async () => {
    const { code, envelope } = await runJson(`await tools.fail({ message: 'boom' });`);
    assert.equal(code, 1);
    assert.equal(envelope.ok, false);
    assert.deepEqual(envelope.error && (envelope.error as { name: string }).name, 'ToolError');
  });

  test('1,000 concurrent calls to a 10 ms tool finish in well under a second', async () => {
    const { code, envelope } = await runJson(`
      const started = Date.now();
      await Promise.all(Array.from({ length: 1000 }, () => tools.sleep({ ms: 10 })));
      return Date.now() - started;
    `);
    assert.equal(code, 0, JSON.stringify(envelope));
    assert.equal(envelope.toolCalls, 1000);
    assert.ok((envelope.result as number) < 1000, `took ${String(envelope.result)} ms`);
  });

  test('plain mode: result as JSON on stdout, console on stderr', async () => {
    const outcome = await runCli(['run', '--config', config, '-'], {
      input: 'console.log("working", { step: 1 });\nreturn { done: true };',
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.deepEqual(JSON.parse(outcome.stdout), { done: true });
    assert.match(outcome.stderr, /working \{ step: 1 \}/);
  });

  test('a syntax error says where, exit 1', async () => {
    const { code, envelope } = await runJson('const a = 1;\nreturn a +* 2;');
    assert.equal(code, 1);
    assert.deepEqual(envelope.error, {
      name: 'SyntaxError',
      message: 'Expression expected',
      line: 2,
      column: 11,
    });
  });

  test('a call to a tool that does not exist fails clearly', async () => {
    const { code, envelope } = await runJson('return await memory.no_such_tool({});');
    assert.equal(code, 1);
    assert.match(JSON.stringify(envelope.error), /no_such_tool/);
  });

  test('--timeout ends an endless program', async () => {
    const { code, envelope } = await runJson('while (true) {}', '--timeout', '500');
    assert.equal(code, 1);
    assert.equal((envelope.error as { name: string }).name, 'LimitError');
    assert.ok((envelope.durationMs as number) < 5000);
  });
});

describe('codemode types', () => {
  test('prints one namespace per server with its tools', async () => {
    const outcome = await runCli(['types', '--config', config]);
    assert.equal(outcome.code, 0, outcome.stderr);
    for (const name of ['memory', 'filesystem', 'everything', 'tools']) {
      assert.match(outcome.stdout, new RegExp(`declare namespace ${name}\\b`));
    }
    assert.match(outcome.stdout, /function create_entities\(/);
    assert.match(outcome.stdout, /function get_sum\(/);
  });

  test('--server limits the output to one server; an unknown one is a usage error', async () => {
    const one = await runCli(['types', '--config', config, '--server', 'memory']);
    assert.equal(one.code, 0, one.stderr);
    assert.doesNotMatch(one.stdout, /declare namespace filesystem/);
    const unknown = await runCli(['types', '--config', config, '--server', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /nope/);
  });
});

describe('codemode search', () => {
  test('prints the best matches with declarations; nothing matching is exit 1; no query is exit 2', async () => {
    const found = await runCli(['search', '--config', config, 'create entities in the knowledge graph']);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /declare namespace memory \{[\s\S]*function create_entities\(/);
    const names = await runCli([
      'search',
      '--config',
      config,
      '--detail',
      'names',
      '--limit',
      '2',
      'read a file',
    ]);
    assert.equal(names.stdout.trim().split('\n').length, 2);
    const nothing = await runCli(['search', '--config', config, 'qqqq zzzz']);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /No tool matches/);
    const usage = await runCli(['search', '--config', config]);
    assert.equal(usage.code, 2);
  });
});

describe('bad input', () => {
  test('a bad codemode setting names its JSON path, exit 2', async () => {
    for (const [settings, message] of [
      [{ check: 'loose' }, /codemode\.check: expected "strict", "warn", "off", got "loose"/],
      [
        { policies: { memory: { readOnly: 'yes' } } },
        /codemode\.policies\.memory\.readOnly: expected true or false/,
      ],
      [
        { policies: { memory: { maxConcurrency: 0 } } },
        /codemode\.policies\.memory\.maxConcurrency: expected a positive whole number/,
      ],
      [{ audit: {} }, /codemode\.audit\.file: expected the path of the audit log file/],
      [{ colour: 'blue' }, /codemode\.colour: unknown setting/],
    ] as const) {
      const file = join(directory, 'settings.json');
      writeFileSync(file, JSON.stringify({ mcpServers: {}, codemode: settings }));
      const outcome = await runCli(['types', '--config', file]);
      assert.equal(outcome.code, 2, outcome.stderr);
      assert.match(outcome.stderr, message);
      assert.equal(outcome.stderr.trim().split('\n').length, 1, 'one line');
    }
  });

  test('a bad --check value names the flag, exit 2', async () => {
    const outcome = await runCli(['run', '--config', config, '--check', 'maybe', '-'], { input: 'return 1' });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /--check expects strict, warn or off, got "maybe"/);
  });

  test('a malformed config names the file and the JSON path, exit 2', async () => {
    const bad = join(directory, 'bad.json');
    writeFileSync(bad, JSON.stringify({ mcpServers: { memory: { command: 'node', args: ['x', 1] } } }));
    const outcome = await runCli(['types', '--config', bad]);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /bad\.json/);
    assert.match(outcome.stderr, /mcpServers\.memory\.args\[1\]/);
    assert.equal(outcome.stderr.trim().split('\n').length, 1, outcome.stderr);
  });

  test('a missing config file is exit 2', async () => {
    const outcome = await runCli(['types', '--config', join(directory, 'absent.json')]);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /absent\.json/);
  });

  test('a server that does not exist or exits at once is named; the others keep working', async () => {
    const mixed = writeConfig(temporaryDirectory('mixed'), {
      ghost: { command: join(directory, 'no-such-binary') },
      quitter: {
        command: process.execPath,
        args: ['-e', 'console.error("bad credentials"); process.exit(3)'],
      },
      tools: toolsServer(),
    });
    const outcome = await runCli(['run', '--config', mixed, '--json', '-'], {
      input: 'return await tools.echo({ value: 42 })',
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal((JSON.parse(outcome.stdout) as { result: unknown }).result, 42);
    assert.match(outcome.stderr, /"ghost"/);
    assert.match(outcome.stderr, /"quitter"/);
    assert.match(outcome.stderr, /bad credentials/);
  });

  test('unknown flags, commands and unreadable program files are exit 2', async () => {
    for (const args of [
      ['run', '--bogus', 'x'],
      ['frobnicate'],
      ['run', '--config', config, join(directory, 'nope.ts')],
      ['run', '--timeout', 'soon', 'x'],
    ]) {
      const outcome = await runCli(args);
      assert.equal(outcome.code, 2, `${args.join(' ')}: ${outcome.stderr}`);
      assert.ok(outcome.stderr.startsWith('codemode: '), outcome.stderr);
    }
  });

  test('--help tells the truth about the commands', async () => {
    const outcome = await runCli(['--help']);
    assert.equal(outcome.code, 0);
    assert.match(outcome.stdout, /codemode types/);
    assert.match(outcome.stdout, /codemode run/);
  });
});
