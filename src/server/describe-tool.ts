import type { Catalog, CatalogTool } from '../catalog/types.ts';
import { type ObservedLookup, declarationsForTools } from '../typegen/generate-declarations.ts';
import { type ToolResult, textResult, usageResult } from './tool-result.ts';

/** Names per describe call; a model wanting more should describe a whole server. */
const MAX_NAMES = 50;

/** describe: tool or server names -> their full declarations; unknown names are an error naming close matches. */
export function describeTool(
  catalog: Catalog,
  args: Record<string, unknown>,
  observed?: ObservedLookup,
): ToolResult {
  const { names } = args;
  const list = typeof names === 'string' ? [names] : names;
  if (!Array.isArray(list) || list.length === 0 || !list.every((name) => typeof name === 'string')) {
    return usageResult('describe needs names: an array of "server.tool", "tool" or "server" strings');
  }
  if (list.length > MAX_NAMES) return usageResult(`describe takes at most ${MAX_NAMES} names at once`);
  const found: CatalogTool[] = [];
  const unknown: string[] = [];
  for (const name of list) {
    const tools = resolve(catalog, name.trim());
    if (tools.length === 0) unknown.push(name);
    for (const tool of tools) if (!found.includes(tool)) found.push(tool);
  }
  if (unknown.length > 0) {
    const hints = unknown.map((name) => `"${name}"${suggest(catalog, name)}`).join('; ');
    return usageResult(`Unknown: ${hints}. Use search to find tools by what they do.`);
  }
  return textResult(declarationsForTools(found, { detail: 'full', observed }));
}

/** `server.tool`, `tool` (in any server) or `server` (all its tools); server and tool names as configured or sanitized. */
function resolve(catalog: Catalog, name: string): CatalogTool[] {
  const all = catalog.servers.flatMap((server) => server.tools);
  const server = catalog.servers.find((entry) => entry.server === name || entry.namespace === name);
  if (server) return server.tools;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const [prefix, tool] = [name.slice(0, dot), name.slice(dot + 1)];
    return all.filter(
      (entry) =>
        (entry.server === prefix || entry.namespace === prefix) &&
        (entry.method === tool || entry.definition.name === tool),
    );
  }
  return all.filter((entry) => entry.method === name || entry.definition.name === name);
}

function suggest(catalog: Catalog, name: string): string {
  const bare = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = bare(name);
  // "server.tool" is matched against tools only; a bare name against servers and tools.
  const dotted = name.includes('.');
  const candidates: [label: string, key: string][] = catalog.servers.flatMap((server) => [
    ...(dotted ? [] : [[server.namespace, server.namespace] as [string, string]]),
    ...server.tools.map((tool): [string, string] => [
      `${tool.namespace}.${tool.method}`,
      dotted ? `${tool.namespace}${tool.method}` : tool.method,
    ]),
  ]);
  const close = candidates
    .filter(([, key]) => wanted.length >= 3 && (bare(key).includes(wanted) || wanted.includes(bare(key))))
    .map(([label]) => label);
  return close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
}
