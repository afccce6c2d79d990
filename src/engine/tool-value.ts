import type { ContentItem, ToolCallResult } from '../upstream/types.ts';
import { GuestError } from '../sandbox/guest-error.ts';

/**
 * The value a program gets from a tool call, as DESIGN.md fixes it: `structuredContent` when present; else, when
 * every content item is text, the text parsed as JSON if it is JSON, else the text; else the content array.
 */
export function toolValue(result: ToolCallResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const content = result.content ?? [];
  if (content.every(isText)) {
    const text = content.map((item) => item.text).join('\n');
    return parseJson(text);
  }
  return content;
}

/** The error a program sees for a result with `isError`: a `ToolError` carrying the server, tool and content. */
export function toolError(server: string, tool: string, result: ToolCallResult): GuestError {
  const content = result.content ?? [];
  const text = content
    .filter(isText)
    .map((item) => item.text)
    .join('\n')
    .trim();
  return new GuestError('ToolError', text === '' ? `${server}.${tool} reported an error` : text, {
    server,
    tool,
    content,
  });
}

function isText(item: ContentItem): item is ContentItem & { text: string } {
  return item.type === 'text' && typeof item.text === 'string';
}

/** JSON text becomes its value; anything else stays a string (a lone number-like word is JSON too, on purpose). */
function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return text;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}
