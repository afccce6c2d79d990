import { parseArgs } from 'node:util';
import { type CodeMode, createCodeMode } from '../engine/create-code-mode.ts';
import { CodeModeError } from '../errors.ts';
import { TYPES_HELP } from './help.ts';
import { usageError } from './usage-error.ts';

/** `codemode types`: prints the declarations a program sees. */
export async function typesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      server: { type: 'string' },
      compact: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(TYPES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usageError(`types takes no arguments, got "${positionals.join(' ')}"`);
  const codemode = await createCodeMode({
    config: values.config,
    // Nothing runs here: no type checker to load.
    check: 'off',
    onWarning: (message) => process.stderr.write(`codemode: ${message}\n`),
  });
  try {
    const declarations = declarationsOf(codemode, values.compact ? 'compact' : 'full', values.server);
    process.stdout.write(declarations.endsWith('\n') ? declarations : `${declarations}\n`);
    return 0;
  } finally {
    await codemode.close();
  }
}

/** An unknown `--server` is the command line's mistake: exit status 2, like any other usage error. */
function declarationsOf(codemode: CodeMode, detail: 'full' | 'compact', server: string | undefined): string {
  try {
    return codemode.types({ detail, server });
  } catch (error) {
    if (CodeModeError.isInstance(error) && error.code === 'NOT_FOUND') throw usageError(error.message);
    throw error;
  }
}
