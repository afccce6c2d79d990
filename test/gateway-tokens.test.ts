// What the gateway costs a model before it does anything: its tools/list, counted in o200k tokens.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { resolveGatewayOptions } from '../src/server/gateway-options.ts';
import { gatewayTools } from '../src/server/gateway-tools.ts';
import { renderOutcome } from '../src/server/execute-tool.ts';
import { createCodeMode } from '../src/engine/create-code-mode.ts';
import { codeModeToolset } from '../src/integrations/code-mode-toolset.ts';
import type { ToolDefinition } from '../src/upstream/types.ts';

const GITHUB_FIXTURE = new URL('../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);
const MAX_TOOLS_LIST_TOKENS = 1000;

function toolsListTokens(servers: { server: string; tools: ToolDefinition[] }[]): number {
  return countTokens(JSON.stringify({ tools: gatewayTools(buildCatalog(servers), resolveGatewayOptions()) }));
}

/** A large, realistic catalog that npm installs nothing for: 40 servers x 25 tools with nested schemas. */
function syntheticServers() {
  return Array.from({ length: 40 }, (_, s) => ({
    server: `service-${s}`,
    tools: Array.from({ length: 25 }, (_, t): ToolDefinition => ({
      name: `operation_${t}`,
      description:
        `Performs operation ${t} of service ${s}: reads or changes records, with paging and filters. `.repeat(
          3,
        ),
      inputSchema: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'The record id.' },
          filter: {
            type: 'object',
            properties: { status: { enum: ['open', 'closed'] }, label: { type: 'string' } },
          },
          page: { type: 'integer', minimum: 1 },
        },
        required: ['id'],
      },
    })),
  }));
}

test(
  "tools/list stays under 1,000 o200k tokens with GitHub's 117 tools upstream",
  {
    skip: existsSync(GITHUB_FIXTURE)
      ? false
      : 'needs ../shared/fixtures (present in CI, not in a fresh clone)',
  },
  () => {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    const tokens = toolsListTokens([{ server: 'github', tools }]);
    assert.ok(tokens < MAX_TOOLS_LIST_TOKENS, `${tokens} tokens`);
  },
);

test('tools/list stays under 1,000 o200k tokens with 1,000 tools on 40 servers', () => {
  const tokens = toolsListTokens(syntheticServers());
  assert.ok(tokens < MAX_TOOLS_LIST_TOKENS, `${tokens} tokens`);
});

test('a small API is inlined into execute, within the same bound', () => {
  const small = [
    {
      server: 'calc',
      tools: [
        {
          name: 'add',
          description: 'Adds two numbers.',
          inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
        },
      ],
    },
  ];
  const tools = gatewayTools(buildCatalog(small), resolveGatewayOptions());
  assert.match(
    tools.find((tool) => tool.name === 'execute')?.description ?? '',
    /The whole API:\ndeclare namespace calc \{/,
  );
  assert.ok(countTokens(JSON.stringify({ tools })) < MAX_TOOLS_LIST_TOKENS);
  const off = gatewayTools(buildCatalog(small), resolveGatewayOptions({ inlineApiTokens: 0 }));
  assert.doesNotMatch(off.find((tool) => tool.name === 'execute')?.description ?? '', /The whole API/);
});

test('hybrid mode adds every upstream tool, namespaced', () => {
  const tools = gatewayTools(
    buildCatalog(syntheticServers().slice(0, 2)),
    resolveGatewayOptions({ hybrid: true }),
  );
  assert.equal(tools.length, 3 + 50);
  assert.ok(tools.some((tool) => tool.name === 'service_1__operation_24'));
});

test("execute's result and logs are cut to the token budget, with a marker saying how large they were", () => {
  const options = resolveGatewayOptions({ resultTokens: 500 });
  const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `row ${i}` }));
  const rendered = renderOutcome(
    { ok: true, result: rows, logs: ['x'.repeat(10_000)], toolCalls: 1, durationMs: 5 },
    options,
  );
  const text = rendered.content[0]?.text ?? '';
  assert.match(
    text,
    /\[… result cut: it was [\d,]+ characters \(~[\d,]+ tokens\).*Filter, aggregate or slice inside the program/,
  );
  assert.match(text, /\[… logs cut: it was 10,000 characters/);
  assert.ok(countTokens(text) < 2 * 500 + 300, `${countTokens(text)} tokens`);
});

test('execute promises a type check only where one runs', async () => {
  const catalog = buildCatalog([]);
  const described = (typeChecked: boolean) =>
    gatewayTools(catalog, resolveGatewayOptions(), typeChecked).find((tool) => tool.name === 'execute')
      ?.description ?? '';
  assert.match(described(true), /Type-checked before it runs; a failed call throws/);
  assert.doesNotMatch(described(false), /Type-checked/);
  assert.match(described(false), /A failed call throws a catchable ToolError/);

  // The instance's mode decides it, from the option or the config file's codemode.check.
  for (const [check, promised] of [
    ['off', false],
    ['warn', true],
    [undefined, true],
  ] as const) {
    const codemode = await createCodeMode({
      config: { mcpServers: {}, ...(check && { codemode: { check } }) },
      observeOutputs: false,
    });
    try {
      assert.equal(codemode.checkMode, check ?? 'strict');
      const execute = codeModeToolset(codemode)
        .definitions()
        .find((tool) => tool.name === 'execute');
      assert.equal(/Type-checked/.test(execute?.description ?? ''), promised, `check: ${check}`);
    } finally {
      await codemode.close();
    }
  }
});
