// `npm run bench:tokens`: tokens a model sees for the same task with direct tool calling and with Code Mode through
// the gateway, on real servers (memory, filesystem on generated data). Writes bench/results/tokens.json.
//
// Direct: the servers' tool definitions on every turn, plus every call and every result. One turn per round of calls
// that depend on the previous round, plus the final answer turn.
// Code Mode: the gateway's tools on every turn (search, describe when the signatures are not enough, execute, answer),
// every search and describe call and result, the program and what execute returned (bench/tokens/code-mode-flow.ts).
// Programs are type-checked as the gateway does by default, and may only call tools the searches showed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { createCodeMode } from '../src/engine/create-code-mode.ts';
import { resolveGatewayOptions } from '../src/server/gateway-options.ts';
import { gatewayTools } from '../src/server/gateway-tools.ts';
import { codeModeFlow } from './tokens/code-mode-flow.ts';
import { TASKS } from './tokens/tasks.ts';

const root = mkdtempSync(join(tmpdir(), 'codemode-tokens-'));
const files = join(root, 'files');
mkdirSync(files);
for (const task of TASKS) task.setup?.(files);

const entry = (name: string) =>
  fileURLToPath(
    new URL(`../node_modules/@modelcontextprotocol/server-${name}/dist/index.js`, import.meta.url),
  );
const codemode = await createCodeMode({
  config: {
    mcpServers: {
      memory: {
        command: process.execPath,
        args: [entry('memory')],
        env: { MEMORY_FILE_PATH: join(root, 'memory.jsonl') },
      },
      filesystem: { command: process.execPath, args: [entry('filesystem'), files] },
    },
  },
  limits: { timeoutMs: 120_000, maxResultBytes: 4 * 1024 * 1024 },
  check: 'strict',
});

const options = resolveGatewayOptions();
const rawToolsList = countTokens(
  JSON.stringify({
    tools: codemode.catalog().servers.flatMap((server) => server.tools.map((tool) => tool.definition)),
  }),
);
const gatewayToolsList = countTokens(JSON.stringify({ tools: gatewayTools(codemode.catalog(), options) }));

const rows = [];
// Printed, not written: tokens.json keeps the shape the report generator reads.
const turnsOf = new Map<string, number>();
try {
  for (const task of TASKS) {
    await task.reset?.(codemode);
    // Direct: run each call as the model would, and count what it sends and reads.
    let directCalls = 0;
    let directTokens = 0;
    const rounds = task.direct(files);
    for (const round of rounds) {
      for (const call of await round()) {
        const outcome = await codemode.execute(`return await ${call.tool}(${JSON.stringify(call.args)});`);
        const result = outcome.ok ? JSON.stringify(outcome.result) : outcome.error.message;
        directTokens += countTokens(JSON.stringify(call)) + countTokens(result ?? '');
        directCalls += 1;
      }
    }
    const directTurns = rounds.length + 1;
    const direct = directTurns * rawToolsList + directTokens + countTokens(task.answer);

    await task.reset?.(codemode);
    const { tokens: codeMode, turns } = await codeModeFlow(codemode, task, files, gatewayToolsList, options);
    turnsOf.set(task.name, turns);
    rows.push({
      task: task.name,
      directCalls,
      direct,
      codeMode,
      ratio: Math.round((direct / codeMode) * 10) / 10,
    });
  }
} finally {
  await codemode.close();
  rmSync(root, { recursive: true, force: true });
}

const ratios = rows.map((row) => row.ratio).sort((a, b) => a - b);
const median =
  ratios.length % 2
    ? ratios[(ratios.length - 1) / 2]
    : ((ratios[ratios.length / 2 - 1] ?? 0) + (ratios[ratios.length / 2] ?? 0)) / 2;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/tokens.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), rawToolsList, gatewayToolsList, medianRatio: median, rows }, null, 2)}\n`,
);
process.stdout.write(`tools/list: raw ${rawToolsList}, gateway ${gatewayToolsList} o200k tokens\n\n`);
process.stdout.write(
  '| task | direct calls | Code Mode turns | direct tokens | Code Mode tokens | ratio |\n| --- | --- | --- | --- | --- | --- |\n',
);
for (const row of rows)
  process.stdout.write(
    `| ${row.task} | ${row.directCalls} | ${turnsOf.get(row.task)} | ${row.direct} | ${row.codeMode} | ${row.ratio}x |\n`,
  );
process.stdout.write(`\nmedian ratio: ${median}x\n`);
