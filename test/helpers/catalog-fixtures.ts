import { existsSync, readFileSync } from 'node:fs';
import type { ToolDefinition } from '../../src/upstream/types.ts';

/** Real catalogs captured from packages npm installs (`node scripts/capture-catalogs.ts` refreshes them). */
export const CAPTURED_CATALOGS = ['notion', 'memory', 'filesystem', 'everything'] as const;

/** The name of a captured catalog (its fixture file and its server name in tests). */
export type CapturedCatalog = (typeof CAPTURED_CATALOGS)[number];

const CATALOGS = new URL('../fixtures/catalogs/', import.meta.url);
const GITHUB_FIXTURE = new URL('../../../shared/fixtures/github-mcp-server.tools.json', import.meta.url);

/** The tools of a captured catalog, exactly as its server listed them. */
export function capturedTools(name: CapturedCatalog): ToolDefinition[] {
  return (JSON.parse(readFileSync(new URL(`${name}.json`, CATALOGS), 'utf8')) as { tools: ToolDefinition[] })
    .tools;
}

/** GitHub's 117 tools from ../shared, when this checkout has it (CI does; a fresh clone does not). */
export function githubTools(): ToolDefinition[] | undefined {
  if (!existsSync(GITHUB_FIXTURE)) return undefined;
  return (JSON.parse(readFileSync(GITHUB_FIXTURE, 'utf8')) as { tools: ToolDefinition[] }).tools;
}

/** The `skip` option for a test that needs the GitHub fixture: false, or why it is skipped. */
export const SKIP_WITHOUT_GITHUB: false | string = existsSync(GITHUB_FIXTURE)
  ? false
  : 'needs ../shared/fixtures/github-mcp-server.tools.json (present in CI, not in a fresh clone)';
