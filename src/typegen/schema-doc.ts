import type { JsonSchema } from '../json-schema.ts';

/** Keywords a type cannot say that a reader needs, in the order they are written as JSDoc tags. */
const TAGGED_KEYWORDS = [
  'format',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
] as const;

/** Keywords whose string values are written as they are. */
const UNQUOTED = new Set(['format', 'pattern']);

/**
 * The JSDoc text for a schema: its description, word for word, then what its type cannot express as tags
 * (`@minimum 1 @default 30`, `@deprecated`). Tags share the description's line when it has one line. Empty when
 * there is nothing to say.
 *
 * @param options.title use the schema's `title` when it has no description (a property's name for humans).
 * @param options.name the property's name: a title that only restates it (Pydantic's `"Max Results"` for
 *   `max_results`, on every parameter of every Python server) says nothing and is left out.
 */
export function schemaDoc(schema: unknown, options: { title: boolean; name?: string }): string {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return '';
  const node = schema as JsonSchema;
  const notes: string[] = [];
  if (typeof node.description === 'string') notes.push(node.description);
  else if (options.title && typeof node.title === 'string' && !restatesName(node.title, options.name))
    notes.push(node.title);
  for (const keyword of TAGGED_KEYWORDS) {
    const value = node[keyword];
    // `uniqueItems: false` says nothing; JSON.stringify gives undefined for functions and symbols.
    if (value === undefined || (keyword === 'uniqueItems' && value !== true)) continue;
    // A format or pattern is text, never anything else: quoting it (and doubling a pattern's backslashes) only costs.
    const json = UNQUOTED.has(keyword) && typeof value === 'string' ? value : safeJson(value);
    if (json !== undefined) notes.push(keyword === 'uniqueItems' ? '@uniqueItems' : `@${keyword} ${json}`);
  }
  if (node.deprecated === true) notes.push('@deprecated');
  return notes.some((note) => note.includes('\n')) ? notes.join('\n') : notes.join(' ');
}

function restatesName(title: string, name: string | undefined): boolean {
  const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return name !== undefined && letters(title) === letters(name);
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // a BigInt or a cycle in a schema built in code
  }
}
