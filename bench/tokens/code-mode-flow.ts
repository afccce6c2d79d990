// One task the Code Mode way, through the gateway's own tools, counted in o200k tokens: the flow a model can follow from
// what the gateway shows it, and nothing it could not know. Turn 1 searches (in parallel when the task needs several
// tools), turn 2 describes only when a task says the signatures lack something, then one turn runs the program and one
// gives the answer. The gateway's tools/list is sent on every turn.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { CodeMode } from '../../src/engine/create-code-mode.ts';
import { describeTool } from '../../src/server/describe-tool.ts';
import { renderOutcome } from '../../src/server/execute-tool.ts';
import type { ResolvedGatewayOptions } from '../../src/server/gateway-options.ts';
import { searchTool } from '../../src/server/search-tool.ts';
import type { Task } from './tasks.ts';

/** What the Code Mode side of a task cost, and in how many model turns. */
export interface CodeModeCount {
  tokens: number;
  turns: number;
}

/** A call as the model sends it: the tool's name and its arguments (the direct side counts its calls the same way). */
const callTokens = (tool: string, args: Record<string, unknown>) =>
  countTokens(JSON.stringify({ tool, args }));

/**
 * Runs the task's searches, describe and program on `codemode`, and counts what the model sends and reads. Throws when
 * the program calls a tool, or relies on a fact, that the searches and describe did not show: such a flow is not one
 * a model could follow.
 */
export async function codeModeFlow(
  codemode: CodeMode,
  task: Task,
  files: string,
  toolsListTokens: number,
  options: ResolvedGatewayOptions,
): Promise<CodeModeCount> {
  const catalog = codemode.catalog();
  let tokens = 0;
  const seen: string[] = [];
  for (const query of task.search) {
    const text = searchTool(catalog, { query }).content[0]?.text ?? '';
    tokens += callTokens('search', { query }) + countTokens(text);
    seen.push(text);
  }
  if (task.describe) {
    const text = describeTool(catalog, { names: task.describe }).content[0]?.text ?? '';
    tokens += callTokens('describe', { names: task.describe }) + countTokens(text);
    seen.push(text);
  }
  const program = task.program(files);
  assertKnowable(task.name, program, seen.join('\n'), task.needs ?? [], codemode);
  const outcome = await codemode.execute(program);
  if (!outcome.ok) throw new Error(`${task.name}: the program failed: ${outcome.error.message}`);
  const shown = renderOutcome(outcome, options).content[0]?.text ?? '';
  tokens += callTokens('execute', { code: program }) + countTokens(shown) + countTokens(task.answer);
  const turns = 1 + (task.describe ? 1 : 0) + 2; // search, [describe], execute, answer
  return { tokens: tokens + turns * toolsListTokens, turns };
}

/** Every `server.tool(` the program calls is declared in what the model saw, and every fact it needs is there. */
function assertKnowable(
  name: string,
  program: string,
  seen: string,
  needs: string[],
  codemode: CodeMode,
): void {
  const namespaces = new Set(codemode.catalog().servers.map((server) => server.namespace));
  for (const [, namespace, method] of program.matchAll(/\b([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\s*\(/g)) {
    if (!namespace || !namespaces.has(namespace)) continue;
    if (!seen.includes(`declare namespace ${namespace} {`) || !seen.includes(`function ${method}(`)) {
      throw new Error(
        `${name}: the program calls ${namespace}.${method}, which search and describe did not show`,
      );
    }
  }
  for (const fact of needs) {
    if (!seen.includes(fact))
      throw new Error(`${name}: the program relies on "${fact}", which nothing showed`);
  }
}
