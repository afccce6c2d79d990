// What each peer's published package gives a model for a set of MCP tools, called as a user of that package would,
// unmodified. Each returns the text the model reads about the tools; bench/context.ts counts its tokens.
import { experimental_createCodeModeTool as createCodeModeTool } from '@ai-sdk/code-mode';
import { CodeModeUtcpClient } from '@utcp/code-mode';
import type { Tool as UtcpTool } from '@utcp/sdk';
import { type JSONSchema7, type Tool, jsonSchema, tool } from 'ai';
import type { ToolDefinition } from '../../src/upstream/types.ts';
import { cloudflareGenerator } from '../typegen/cloudflare.ts';

/** A peer's generator: the catalog's server name and tools -> what the model is shown. */
export type PeerGenerator = (server: string, tools: ToolDefinition[]) => string;

/** @cloudflare/codemode: its `generateTypes` over the tools by name (as bench:typegen calls it). */
export async function cloudflare(): Promise<PeerGenerator> {
  const generate = await cloudflareGenerator();
  return (_server, tools) => generate(Object.fromEntries(tools.map((entry) => [entry.name, entry])));
}

/**
 * @ai-sdk/code-mode: the description of the tool `createCodeModeTool` makes, which is where it puts the `tools`
 * declarations (and its instructions and call examples) for the model. The MCP tools become AI SDK tools the way the
 * AI SDK's MCP client makes them: JSON Schema through `jsonSchema`, the output schema when the tool has one.
 */
export function aiSdk(): PeerGenerator {
  return (_server, tools) => {
    const set = Object.fromEntries(
      tools.map((entry): [string, Tool] => [
        entry.name,
        tool({
          description: entry.description ?? '',
          inputSchema: jsonSchema(entry.inputSchema as JSONSchema7),
          ...(entry.outputSchema && { outputSchema: jsonSchema(entry.outputSchema as JSONSchema7) }),
        } as Tool),
      ]),
    );
    return createCodeModeTool(set).description;
  };
}

/**
 * @utcp/code-mode: `toolToTypeScriptInterface` for each tool, named `manual.tool` as UTCP names a manual's tools, joined
 * the way its `getAllToolsTypeScriptInterfaces` joins them. (Registering a manual needs a transport plugin, and none
 * that reads MCP tools in process is installed; the interfaces come from the same public method either way.)
 */
export async function utcp(): Promise<{ generate: PeerGenerator; close: () => Promise<void> }> {
  const client = await CodeModeUtcpClient.create();
  const generate: PeerGenerator = (server, tools) => {
    const interfaces = tools.map((entry) => {
      const described: UtcpTool = {
        name: `${server}.${entry.name}`,
        description: entry.description ?? '',
        inputs: entry.inputSchema,
        outputs: entry.outputSchema ?? {},
        tags: [],
        tool_call_template: { name: server, call_template_type: 'mcp' },
      };
      return client.toolToTypeScriptInterface(described);
    });
    return `// Auto-generated TypeScript interfaces for UTCP tools\n${interfaces.join('\n\n')}`;
  };
  return { generate, close: () => client.close() };
}
