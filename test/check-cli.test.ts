// `codemode run --check`: the mode from the flag, else the config's codemode.check, else strict — end to end through
// the real bin and the fixture server.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli, temporaryDirectory, toolsServer } from './helpers/run-cli.ts';

/** `tools.sleep` takes `{ ms: number }`: a string is a type error, and a run-time TypeError from the host validator. */
const PROGRAM = 'const ms = "5";\nreturn await tools.sleep({ ms });';

let config: string;
let lenient: string;
before(() => {
  const directory = temporaryDirectory('check-cli');
  config = join(directory, 'codemode.json');
  lenient = join(directory, 'lenient.json');
  writeFileSync(config, JSON.stringify({ mcpServers: { tools: toolsServer() } }));
  writeFileSync(
    lenient,
    JSON.stringify({ mcpServers: { tools: toolsServer() }, codemode: { check: 'off' } }),
  );
});

describe('codemode run --check', () => {
  test('strict by default: nothing runs, each error is listed with its line, exit 1', async () => {
    const outcome = await runCli(['run', '--config', config, '-'], { input: PROGRAM });
    assert.equal(outcome.code, 1);
    assert.equal(outcome.stdout, '');
    assert.match(
      outcome.stderr,
      /^TypeCheckError: 1 type error; nothing ran:\nline 2, column 28: Type 'string' is not assignable to type 'number'\.\n {2}2 \| return await tools\.sleep\(\{ ms \}\);\n$/,
    );
  });

  test('--json carries the diagnostics; warn runs the program and reports them beside the outcome', async () => {
    const strict = await runCli(['run', '--config', config, '--json', '-'], { input: PROGRAM });
    const refused = JSON.parse(strict.stdout) as { error: { diagnostics: unknown[] }; toolCalls: number };
    assert.deepEqual(refused.error.diagnostics, [
      {
        line: 2,
        column: 28,
        code: 2322,
        message: "Type 'string' is not assignable to type 'number'.",
        source: 'return await tools.sleep({ ms });',
      },
    ]);
    assert.equal(refused.toolCalls, 0);

    const warn = await runCli(['run', '--config', config, '--check', 'warn', '-'], { input: PROGRAM });
    assert.equal(warn.code, 1, 'the host validator still refuses the call');
    assert.match(warn.stderr, /^type warnings:\nline 2, column 28: Type 'string' is not assignable/);
    assert.match(
      warn.stderr,
      /TypeError: tools\.sleep: input\.ms must be number \(got string\) \(line 2, column 8\)/,
    );
  });

  test("the config's codemode.check applies, and the flag overrides it", async () => {
    const off = await runCli(['run', '--config', lenient, '--json', '-'], { input: PROGRAM });
    const ran = JSON.parse(off.stdout) as { error: { name: string }; diagnostics?: unknown };
    assert.equal(ran.error.name, 'TypeError', 'no check: the call reached the host validator');
    assert.equal(ran.diagnostics, undefined);
    const strict = await runCli(['run', '--config', lenient, '--check', 'strict', '-'], { input: PROGRAM });
    assert.match(strict.stderr, /^TypeCheckError/);
  });
});
