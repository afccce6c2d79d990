// Real catalogs for the typegen benchmark: GitHub's MCP server (../shared fixture), Notion's MCP server and the
// reference servers (captured in test/fixtures/catalogs), and GitHub's REST API from @octokit/openapi as 1,000+ tool
// schemas.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ToolDefinition } from '../../src/upstream/types.ts';

const require = createRequire(import.meta.url);
/** GitHub's MCP server's 117 tools, from the shared fixtures beside this repository (absent in a fresh clone). */
export const GITHUB_FIXTURE = new URL(
  '../../../shared/fixtures/github-mcp-server.tools.json',
  import.meta.url,
);

export interface NamedCatalog {
  name: string;
  server: string;
  tools: ToolDefinition[];
}

/** Notion's MCP server and the reference servers, as captured by scripts/capture-catalogs.ts. */
function capturedCatalogs(): NamedCatalog[] {
  return ['notion', 'memory', 'filesystem', 'everything'].map((server) => {
    const file = new URL(`../../test/fixtures/catalogs/${server}.json`, import.meta.url);
    const { tools } = JSON.parse(readFileSync(file, 'utf8')) as { tools: ToolDefinition[] };
    return { name: `${server} (${tools.length} tools)`, server, tools };
  });
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
}

/** GitHub's REST operations as tools: path and query parameters plus the JSON body's properties as the input. */
function octokitCatalog(): NamedCatalog {
  const spec = JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8'),
  ) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const tools: ToolDefinition[] = [];
  for (const methods of Object.values(spec.paths)) {
    for (const operation of Object.values(methods)) {
      if (typeof operation !== 'object' || !operation.operationId) continue;
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path' && parameter.in !== 'query') continue;
        properties[parameter.name] = {
          ...(parameter.schema as object),
          ...(parameter.description && { description: parameter.description }),
        };
        if (parameter.required) required.push(parameter.name);
      }
      const body = operation.requestBody?.content?.['application/json']?.schema;
      if (body && typeof body.properties === 'object' && body.properties !== null) {
        Object.assign(properties, body.properties);
        if (Array.isArray(body.required)) required.push(...(body.required as string[]));
      }
      tools.push({
        name: operation.operationId.replace(/\//g, '__'),
        description: operation.summary ?? operation.description ?? '',
        inputSchema: { type: 'object', properties, required: [...new Set(required)] },
      });
    }
  }
  return { name: `GitHub REST via @octokit/openapi (${tools.length} operations)`, server: 'rest', tools };
}

/** Every catalog this machine has: the shared GitHub fixture only when ../shared is present. */
export function benchCatalogs(): NamedCatalog[] {
  const catalogs: NamedCatalog[] = [];
  if (existsSync(GITHUB_FIXTURE)) {
    const { tools } = JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] };
    catalogs.push({ name: `GitHub MCP server (${tools.length} tools)`, server: 'github', tools });
  }
  catalogs.push(...capturedCatalogs(), octokitCatalog());
  return catalogs;
}
