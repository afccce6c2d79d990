/** A JSON Schema as MCP servers send it: draft-07 or 2020-12, loosely typed on purpose (servers send anything). */
export type JsonSchema = { [keyword: string]: unknown };
