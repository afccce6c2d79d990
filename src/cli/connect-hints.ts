/** What `codemode serve --http` prints on stderr: where it listens and how to connect the common clients. */
export function connectHints(
  url: string,
  summary: string,
  workspace: string | undefined,
  hasToken: boolean,
): string {
  const auth = hasToken ? ' --header "Authorization: Bearer $CODEMODE_TOKEN"' : '';
  const lines = [
    `codemode gateway: ${url} (${summary})`,
    ...(workspace ? [`demo workspace (the filesystem server's directory): ${workspace}`] : []),
    '',
    'Connect a client:',
    `  Claude Code:    claude mcp add --transport http codemode ${url}${auth}`,
    `  Cursor, others: { "mcpServers": { "codemode": { "url": "${url}"${hasToken ? ', "headers": { "Authorization": "Bearer <token>" }' : ''} } } }`,
    `  MCP Inspector:  npx @modelcontextprotocol/inspector, then connect to ${url} (Streamable HTTP)`,
    '',
    'Ctrl-C stops it.',
    '',
  ];
  return lines.join('\n');
}
