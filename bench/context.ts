// `npm run bench:context`: the fixed context a model pays before it does anything, by catalog size (issue 7, part 3).
// For each catalog, in o200k tokens: the upstream tools/list as is, codemode's gateway tools/list, and the declarations
// codemode and each peer generate for the same tools. Writes bench/results/context.json and prints a markdown table.
//
// codemode's declarations are the tools' own (what describe and search return), without the 194-token prelude
// (ToolError, console) that `codemode types` adds once per API, as in bench:typegen. Peers are counted as their
// packages give the text to the model, instructions included where the package puts them in the same text.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { resolveGatewayOptions } from '../src/server/gateway-options.ts';
import { gatewayTools } from '../src/server/gateway-tools.ts';
import { declarationsForTools } from '../src/typegen/generate-declarations.ts';
import { aiSdk, cloudflare, utcp } from './context/peers.ts';
import { GITHUB_FIXTURE, benchCatalogs } from './typegen/catalogs.ts';

/** The catalogs of issue 7 part 3, by their server in bench/typegen/catalogs.ts, with the names the report uses. */
const WANTED = [
  { server: 'everything', name: 'everything server' },
  { server: 'github', name: 'GitHub MCP server' },
  { server: 'rest', name: 'GitHub REST API (@octokit/openapi)' },
];

const excluded: { name: string; reason: string }[] = [
  {
    name: '@executor-js',
    reason:
      'its published packages (@executor-js/codemode-core, @executor-js/runtime-quickjs) run programs and validate ' +
      'inputs against JSON Schema, but generate no declarations or tool description for the model to read',
  },
];
if (!existsSync(GITHUB_FIXTURE)) {
  excluded.push({
    name: 'GitHub MCP server (117 tools)',
    reason: '../shared/fixtures/github-mcp-server.tools.json is absent in this clone',
  });
}

const [cloudflareTypes, utcpClient] = await Promise.all([cloudflare(), utcp()]);
const generators = {
  '@cloudflare/codemode': cloudflareTypes,
  '@ai-sdk/code-mode': aiSdk(),
  '@utcp/code-mode': utcpClient.generate,
};

const catalogs = [];
try {
  const available = benchCatalogs();
  for (const wanted of WANTED) {
    const catalog = available.find((entry) => entry.server === wanted.server);
    if (!catalog) continue;
    const built = buildCatalog([{ server: catalog.server, tools: catalog.tools }]);
    const tools = built.servers[0]?.tools ?? [];
    const declarations: Record<string, number> = {
      'codemode (full)': countTokens(declarationsForTools(tools, { detail: 'full' })),
      'codemode (compact)': countTokens(declarationsForTools(tools, { detail: 'compact' })),
    };
    for (const [peer, generate] of Object.entries(generators)) {
      declarations[peer] = countTokens(generate(catalog.server, catalog.tools));
    }
    catalogs.push({
      name: wanted.name,
      tools: catalog.tools.length,
      rawToolsList: countTokens(JSON.stringify({ tools: catalog.tools })),
      gateway: countTokens(JSON.stringify({ tools: gatewayTools(built, resolveGatewayOptions()) })),
      declarations,
    });
  }
} finally {
  await utcpClient.close();
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/context.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), command: 'npm run bench:context', catalogs, excluded }, null, 2)}\n`,
);

const columns = ['codemode (full)', 'codemode (compact)', ...Object.keys(generators)];
const out = (line: string) => process.stdout.write(`${line}\n`);
out('\no200k tokens a model is given before it does anything:\n');
out(`| catalog | tools | raw tools/list | codemode gateway | ${columns.join(' | ')} |`);
out(`| --- | --- | --- | --- | ${columns.map(() => '---').join(' | ')} |`);
for (const catalog of catalogs) {
  const cells = columns.map((column) => catalog.declarations[column] ?? '—');
  out(
    `| ${catalog.name} | ${catalog.tools} | ${catalog.rawToolsList} | ${catalog.gateway} | ${cells.join(' | ')} |`,
  );
}
for (const entry of excluded) out(`\nExcluded: ${entry.name}: ${entry.reason}.`);
