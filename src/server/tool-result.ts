/** A tools/call result as the gateway answers it. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

export function textResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }] };
}

/** A tool error whose text tells the model what to change in its call. */
export function usageResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
