import { searchIndexOf } from '../catalog/search-index.ts';
import type { Catalog } from '../catalog/types.ts';
import { type ObservedLookup, declarationsForTools } from '../typegen/generate-declarations.ts';
import { type ToolResult, textResult, usageResult } from './tool-result.ts';

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 50;

/** search: a query -> the best-matching tools at the chosen detail. */
export function searchTool(
  catalog: Catalog,
  args: Record<string, unknown>,
  observed?: ObservedLookup,
): ToolResult {
  const { query, detail = 'signatures', limit = DEFAULT_LIMIT } = args;
  if (typeof query !== 'string' || query.trim() === '')
    return usageResult('search needs a query: a non-empty string');
  if (detail !== 'names' && detail !== 'signatures' && detail !== 'full') {
    return usageResult(`detail must be "names", "signatures" or "full", got ${JSON.stringify(detail)}`);
  }
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return usageResult(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(limit)}`);
  }
  const hits = searchIndexOf(catalog).search(query, { limit });
  if (hits.length === 0) {
    const servers = catalog.servers.map((server) => server.namespace).join(', ') || 'none';
    return textResult(
      `No tool matches "${query}". Try other words, or describe a server to see all its tools (servers: ${servers}).`,
    );
  }
  const tools = hits.map((hit) => hit.tool);
  if (detail === 'names') {
    return textResult(
      tools
        .map((tool) => `${tool.namespace}.${tool.method} — ${firstLine(tool.definition.description)}`)
        .join('\n'),
    );
  }
  return textResult(
    declarationsForTools(tools, { detail: detail === 'full' ? 'full' : 'compact', observed }),
  );
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0]?.slice(0, 160) ?? '';
}
