/** The text of `codemode --help`. Keep it true: every command and flag listed here exists. */
export const MAIN_HELP = `codemode — Code Mode for any MCP setup

Connects to the MCP servers in a config file, turns their tools into a typed TypeScript API, and runs programs
against that API in V8 isolates whose only way out is the tools.

Usage:
  codemode types [--config FILE] [--server NAME] [--compact]
      Print the TypeScript declarations a program sees.
  codemode search [--config FILE] [--detail names|signatures|full] [--limit N] QUERY
      Print the tools that best match QUERY, with their declarations.
  codemode run [--config FILE] [--json] [--timeout MS] [--memory MB] [--check MODE] FILE|-
      Run a program (a file, or - for standard input). The result is printed as JSON on stdout, the program's
      console output on stderr. With --json, one object: {"ok":true,"result":…,"logs":[…],"toolCalls":N,"durationMs":N}
      or {"ok":false,"error":{"name":…,"message":…},…}.
  codemode agent [--config FILE | --demo] [--model PROVIDER:MODEL] [--base-url URL] [--max-steps N] TASK
      Solve a task with a model that writes programs (Anthropic, OpenAI, or an OpenAI-compatible endpoint).
  codemode serve [--config FILE | --demo] [--http [HOST:]PORT] [--token TOKEN] [--hybrid]
      Run the gateway: one MCP server (stdio, or Streamable HTTP with --http) whose tools search, describe and
      execute reach every configured server through programs.

Options:
  --config FILE   The mcpServers config (default: ./codemode.json)
  -h, --help      Show help (also after a command)
  -v, --version   Show the version

Exit status: 0 success, 1 the program failed, 2 usage or configuration error.
Docs: README.md and docs/ in the repository.
`;

export const TYPES_HELP = `Usage: codemode types [--config FILE] [--server NAME] [--compact]

Prints the TypeScript declarations of every connected server's tools — exactly what a program sees.
  --config FILE   The mcpServers config (default: ./codemode.json)
  --server NAME   Only this server (its config key)
  --compact       Signatures with one-line descriptions only
`;

export const RUN_HELP = `Usage: codemode run [--config FILE] [--json] [--timeout MS] [--memory MB] [--check MODE] FILE|-

Runs a program against the configured servers. The program is the body of an async function: top-level await,
and return gives the result. TypeScript syntax (checked against the API, see --check), markdown fences, a lone
async arrow function and an export default function are accepted. Each server is a global namespace, each tool
an async method: await memory.read_graph({}).

  --config FILE   The mcpServers config (default: ./codemode.json)
  --json          Print one JSON object with ok, result or error, logs, toolCalls and durationMs
  --timeout MS    Wall-clock limit for the whole program (default: 30000)
  --memory MB     Heap limit of the isolate (default: 128)
  --check MODE    Type-check against the API first: strict refuses a program with type errors (nothing runs),
                  warn runs it and prints them, off skips the check (default: the config's codemode.check, else
                  strict)

Without --json: the result as JSON on stdout, console output on stderr, errors on stderr.
Exit status: 0 success, 1 the program failed, 2 usage or configuration error.
`;

export const SERVE_HELP = `Usage: codemode serve [--config FILE | --demo] [--http [HOST:]PORT] [options]

Runs the gateway MCP server: its tools search, describe and execute reach every configured server through
programs. On stdio by default (for clients that start it: Claude Desktop, Claude Code, Cursor); with --http, on
Streamable HTTP at http://HOST:PORT/mcp. Both protocol eras of clients are served (2025 and 2026-07-28).

  --config FILE             The mcpServers config (default: ./codemode.json)
  --demo                    Use the bundled example servers (memory, filesystem on a demo workspace, everything)
  --http [HOST:]PORT        Serve Streamable HTTP; HOST defaults to 127.0.0.1, PORT 0 picks a free port
  --token TOKEN             Require "Authorization: Bearer TOKEN" (default: $CODEMODE_TOKEN). Needed to bind
                            any address other than loopback
  --allow-host NAME         Also accept this host name in Host/Origin headers (repeatable; DNS rebinding
                            protection accepts only loopback names and the bound host otherwise)
  --hybrid                  Also expose every upstream tool directly, as namespace__tool
  --result-tokens N         Token budget of execute's result and of its logs, each (default: 4000)
  --inline-api-tokens N     Put the whole API in execute's description when it is at most N tokens
                            (default: 450; 0 turns it off)

Logs go to stderr; on stdio, stdout carries only MCP messages.
`;

export const SEARCH_HELP = `Usage: codemode search [--config FILE] [--detail names|signatures|full] [--limit N] QUERY

Prints the tools that best match QUERY (what you want to do, or a tool name), best first, with their declarations.
  --config FILE   The mcpServers config (default: ./codemode.json)
  --detail D      names: one line per tool; signatures (default): declarations with one-line descriptions;
                  full: every parameter documented
  --limit N       How many tools at most (default: 5, at most 50)

Exit status: 0 found, 1 nothing matched, 2 usage or configuration error.
`;

export const AGENT_HELP = `Usage: codemode agent [--config FILE | --demo] [--model PROVIDER:MODEL] [--base-url URL] [--max-steps N] TASK

Hands TASK to a model that writes programs against the configured servers; type and run-time errors go back to it
for repair. Progress (turns, programs, tool calls) on stderr; the answer on stdout; token usage at the end.

  --config FILE          The mcpServers config (default: ./codemode.json)
  --demo                 Use the bundled example servers (memory, filesystem on a demo workspace, everything)
  --model PROVIDER:MODEL anthropic:MODEL, openai:MODEL, or compatible:MODEL with --base-url
                         (default: $CODEMODE_MODEL; else anthropic:claude-sonnet-4-5 when ANTHROPIC_API_KEY is set,
                         else openai:gpt-5-mini when OPENAI_API_KEY is set)
  --base-url URL         An OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama
                         (default: $CODEMODE_BASE_URL or $OPENAI_BASE_URL; key: $CODEMODE_API_KEY or $OPENAI_API_KEY)
  --max-steps N          Model turns at most (default: 10); after 4 failed programs in a row the run stops too

Exit status: 0 answered, 1 no answer (the model call failed, or the turns or repairs ran out), 2 usage or
configuration error (a missing key, for one), 130 interrupted.
`;
