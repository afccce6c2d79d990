import { parseArgs } from 'node:util';
import { createCodeMode } from '../engine/create-code-mode.ts';
import { searchTool } from '../server/search-tool.ts';
import { SEARCH_HELP } from './help.ts';
import { parsePositiveInteger, usageError } from './usage-error.ts';

/** `codemode search QUERY`: the best-matching tools with their declarations, as the gateway's search tool gives them. */
export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      detail: { type: 'string', default: 'signatures' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SEARCH_HELP);
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (query === '') throw usageError('search expects a QUERY, e.g. codemode search "create an issue"');
  if (!['names', 'signatures', 'full'].includes(values.detail)) {
    throw usageError(`--detail expects names, signatures or full, got "${values.detail}"`);
  }
  const limit = parsePositiveInteger('--limit', values.limit) ?? 5;
  const codemode = await createCodeMode({
    config: values.config,
    // Nothing runs here: no type checker to load.
    check: 'off',
    onWarning: (message) => process.stderr.write(`codemode: ${message}\n`),
  });
  try {
    const result = searchTool(
      codemode.catalog(),
      { query, detail: values.detail, limit },
      codemode.observedOutputs()?.lookup,
    );
    const text = result.content.map((item) => item.text).join('\n');
    if (result.isError || text.startsWith('No tool matches')) {
      process.stderr.write(`${text}\n`);
      return result.isError ? 2 : 1;
    }
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  } finally {
    await codemode.close();
  }
}
