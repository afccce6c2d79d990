// Typed verification: 40+ plausible model mistakes each get the diagnostic that says how to fix them, and none reaches
// a server in strict mode; the valid programs beside them all run (no false positives).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CodeMode, createCodeMode } from '../src/index.ts';
import { MISTAKES } from './fixtures/check/mistakes.ts';
import { VALID_PROGRAMS } from './fixtures/check/valid-programs.ts';
import { everythingServer, filesystemServer, memoryServer } from './fixtures/upstream/servers.ts';
import { temporaryDirectory, toolsServer } from './helpers/run-cli.ts';

let codemode: CodeMode;
let auditFile: string;
before(async () => {
  const directory = temporaryDirectory('check');
  const workspace = join(directory, 'workspace');
  auditFile = join(directory, 'audit.jsonl');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'notes.txt'), 'one\ntwo\nthree\n');
  codemode = await createCodeMode({
    config: {
      mcpServers: {
        memory: memoryServer(join(directory, 'memory.jsonl')),
        filesystem: filesystemServer(workspace),
        everything: everythingServer(),
        tools: toolsServer(),
      },
      // The audit log records every call a program makes, before it is sent: the proof that none was.
      codemode: { audit: { file: auditFile } },
    },
    observeOutputs: false,
  });
});
after(async () => {
  await codemode?.close();
});

describe('mistakes are caught before anything runs (strict)', () => {
  test('the corpus has at least 40 mistakes', () => assert.ok(MISTAKES.length >= 40));
  for (const mistake of MISTAKES) {
    test(mistake.name, async () => {
      const outcome = await codemode.execute(mistake.program, { check: 'strict' });
      assert.equal(outcome.ok, false);
      if (outcome.ok) return;
      assert.equal(outcome.error.name, 'TypeCheckError', outcome.error.message);
      assert.match(outcome.error.message, mistake.expect);
      assert.equal(outcome.toolCalls, 0, 'no tool call reached a server');
      assert.deepEqual(lastAudited().calls, [], 'the audit log saw no call');
      const diagnostics = outcome.error.diagnostics ?? [];
      assert.ok(diagnostics.every((d) => d.line >= 1 && d.column >= 1 && d.source !== ''));
      if (mistake.at) assert.deepEqual([outcome.error.line, outcome.error.column], mistake.at);
    });
  }
});

describe('valid programs run in strict mode', () => {
  test('the corpus has at least 15 valid programs', () => assert.ok(VALID_PROGRAMS.length >= 15));
  for (const { name, program } of VALID_PROGRAMS) {
    test(name, async () => {
      const outcome = await codemode.execute(program, { check: 'strict' });
      assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.name}: ${outcome.error.message}`);
      assert.equal(outcome.diagnostics, undefined);
    });
  }
});

/** The audit log's entry for the last execution. */
function lastAudited(): { calls: unknown[] } {
  const lines = readFileSync(auditFile, 'utf8').trimEnd().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as { calls: unknown[] };
}

describe('modes and host-side validation', () => {
  test('warn runs the program and reports the diagnostics', async () => {
    const outcome = await codemode.execute(
      'const g = await memory.read_graph({}); return (g as any).entites ?? g.entites;',
      {
        check: 'warn',
      },
    );
    assert.equal(outcome.ok, true);
    assert.match(outcome.diagnostics?.[0]?.message ?? '', /'entites' does not exist/);
  });

  test("a result that breaks the tool's own outputSchema is a ToolError, not silently wrong data", async () => {
    const outcome = await codemode.execute(
      'try { return await tools.bad_output({}); } catch (error) { return `${error.name} ${error.code}: ${error.message}`; }',
    );
    assert.match(
      String(outcome.ok && outcome.result),
      /^ToolError OUTPUT_INVALID: tools\.bad_output returned a result that does not match its outputSchema: result\.count must be number \(got string\)/,
    );
  });

  test('with outputValidation "warn" the result passes and the logs say what was wrong', async () => {
    const lenient = await createCodeMode({
      config: { mcpServers: { tools: toolsServer() }, codemode: { outputValidation: 'warn' } },
    });
    try {
      const outcome = await lenient.execute('return await tools.bad_output({});');
      assert.deepEqual(outcome.ok && outcome.result, { count: 'three' });
      assert.match(
        outcome.logs.at(-1) ?? '',
        /^\[codemode\] tools\.bad_output returned a result that does not match/,
      );
    } finally {
      await lenient.close();
    }
  });

  test('off skips the check', async () => {
    const outcome = await codemode.execute('return typeof memory.read_grap;', { check: 'off' });
    assert.deepEqual(outcome.ok && outcome.result, 'undefined');
  });

  test('a position is in the program as written, through fences and TypeScript', async () => {
    const outcome = await codemode.execute(
      '```ts\nconst a: number = 1;\nconst g = await memory.read_grap({});\n```',
      {
        check: 'strict',
      },
    );
    assert.equal(!outcome.ok && outcome.error.line, 3);
    assert.equal(!outcome.ok && outcome.error.column, 24);
  });

  test('arguments typed any are still validated on the host, naming the path and what was expected', async () => {
    const outcome = await codemode.execute(
      'const args: any = { entities: [{ name: 7, entityType: "x" }] };\n' +
        'try { await memory.create_entities(args); } catch (error) { return error.message; }',
      { check: 'strict' },
    );
    assert.equal(outcome.ok, true);
    const message = String(outcome.ok && outcome.result);
    assert.match(message, /^memory\.create_entities: /);
    assert.match(message, /input\.entities\[0\]\.name must be string \(got number\)/);
    assert.match(message, /input\.entities\[0\]\.observations is required/);
    const graph = await codemode.execute(
      'return (await memory.read_graph({})).entities.filter((e) => e.entityType === "x").length',
    );
    assert.deepEqual(graph.ok && graph.result, 0, 'the invalid call never reached the server');
  });
});
