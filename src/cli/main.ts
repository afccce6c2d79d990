import { readFileSync } from 'node:fs';
import { CodeModeError } from '../errors.ts';
import { MAIN_HELP } from './help.ts';
import { agentCommand } from './agent-command.ts';
import { runCommand } from './run-command.ts';
import { searchCommand } from './search-command.ts';
import { serveCommand } from './serve-command.ts';
import { typesCommand } from './types-command.ts';
import { usageError } from './usage-error.ts';

/** A command takes its own arguments and resolves with the process exit status. */
type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  types: typesCommand,
  search: searchCommand,
  run: runCommand,
  serve: serveCommand,
  agent: agentCommand,
};

/** The `codemode` executable: dispatches to one command, maps errors to exit status 2 with a one-line message. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await dispatch(argv);
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command)
      throw usageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return await command(rest);
  } catch (error) {
    process.stderr.write(`codemode: ${describe(error)}\n`);
    return isUsageOrConfig(error) ? 2 : 1;
  }
}

/** Exit status 2 is for what the user can fix in the command line or the config file. */
function isUsageOrConfig(error: unknown): boolean {
  if (CodeModeError.isInstance(error))
    return ['USAGE', 'CONFIG_INVALID', 'NAME_COLLISION'].includes(error.code);
  return isParseArgsError(error);
}

function isParseArgsError(error: unknown): error is TypeError {
  return (
    error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

function describe(error: unknown): string {
  if (CodeModeError.isInstance(error)) return error.message;
  // parseArgs errors are clear already ("Unknown option '--x'"); anything else is a bug worth its stack.
  if (isParseArgsError(error)) return `${error.message} (see --help)`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
