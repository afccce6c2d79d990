import { isPlainPropertyName } from '../catalog/identifiers.ts';
import { docComment } from './doc-comment.ts';
import { type Member, type TypeNode, isLiteralUnion, shapeKey } from './type-node.ts';

/** One level of nesting: a single space (see `namespace-declarations.ts` for why not two). */
export const INDENT = ' ';

/** A short object fits on one line up to this many characters: `{ id: string; n?: number }`. */
const INLINE_OBJECT_MAX = 80;

/** A shape's name, and the doc its declaration carries. */
export interface SharedName {
  name: string;
  doc: string | undefined;
}

/** Options of {@link printType}. */
export interface PrintOptions {
  /** Shapes declared once by name (`shapeKey` -> name and doc): printed as the name wherever they occur. */
  names?: ReadonlyMap<string, SharedName> | undefined;
}

/**
 * The node as TypeScript. `indent` is the indentation of the line the type starts on; nested lines go one level
 * deeper, so the text can be placed after `name: ` on that line.
 */
export function printType(node: TypeNode, indent = '', options: PrintOptions = {}): string {
  const shared = sharedName(node, options);
  // A doc the declaration already carries is not repeated where the name is used.
  const doc = node.doc === undefined || node.doc === shared?.doc ? '' : `${inlineDoc(node.doc, indent)} `;
  return `${doc}${shared?.name ?? printBody(node, indent, options)}`;
}

/**
 * The node written out even when it is itself a shared shape (its nested parts still print as names), without its
 * doc: the right side of its own `type Name = ...` declaration.
 */
export function printBody(node: TypeNode, indent: string, options: PrintOptions): string {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'array':
      return `${wrap(node.element, indent, options)}[]`;
    case 'tuple': {
      const elements = node.elements.map((element, index) =>
        index >= node.optionalFrom
          ? `${wrap(element, indent, options)}?`
          : printType(element, indent, options),
      );
      if (node.rest) elements.push(`...${wrap(node.rest, indent, options)}[]`);
      return `[${elements.join(', ')}]`;
    }
    case 'union': {
      // Enums are the bulk of most APIs' types: `"a"|"b"` is a token per member cheaper than `"a" | "b"` in o200k.
      return node.types
        .map((type) => printType(type, indent, options))
        .join(isLiteralUnion(node) ? '|' : ' | ');
    }
    case 'intersection':
      return node.types
        .map((type) =>
          type.kind === 'union' ? wrap(type, indent, options) : printType(type, indent, options),
        )
        .join(' & ');
    case 'object':
      return printObject(node.members, node.index, indent, options);
  }
}

function sharedName(node: TypeNode, options: PrintOptions): SharedName | undefined {
  return options.names && node.kind !== 'text' ? options.names.get(shapeKey(node)) : undefined;
}

function printObject(
  members: readonly Member[],
  index: { type: TypeNode; doc: string } | undefined,
  indent: string,
  options: PrintOptions,
): string {
  const nested = `${indent}${INDENT}`;
  const entries = members.map((member) => ({
    doc: member.doc,
    text: `${propertyName(member.name)}${member.optional ? '?' : ''}: ${printType(member.type, nested, options)}`,
  }));
  if (index)
    entries.push({ doc: index.doc, text: `[key: string]: ${printType(index.type, nested, options)}` });
  if (entries.length === 0) return '{}';
  const inline = inlineObject(entries);
  if (inline !== undefined) return inline;
  const lines = entries.flatMap(({ doc, text }) => {
    const comment = doc === '' ? [] : docComment(doc, nested);
    // A one-line description shares the member's line: the same JSDoc for editors, fewer tokens for models.
    return comment.length === 1 ? [`${comment[0]} ${text};`] : [...comment, `${nested}${text};`];
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * `{ a: string; b?: number }` on one line, when it is short and at most one member has a (one-line) doc:
 * `{ /** The query *\/ query: string }`. Longer or more documented objects read better a member per line.
 */
function inlineObject(entries: readonly { doc: string; text: string }[]): string | undefined {
  if (entries.some((entry) => entry.text.includes('\n') || entry.doc.includes('\n'))) return undefined;
  if (entries.filter((entry) => entry.doc !== '').length > 1) return undefined;
  const parts = entries.map(({ doc, text }) =>
    doc === '' ? text : `${docComment(doc, '')[0] ?? ''} ${text}`,
  );
  const line = `{ ${parts.join('; ')} }`;
  return line.length <= INLINE_OBJECT_MAX ? line : undefined;
}

/** A doc comment inside a type (before a union member or an array item): on one line when it is one line. */
function inlineDoc(doc: string, indent: string): string {
  const lines = docComment(doc, `${indent}${INDENT}`);
  return lines.length === 1 ? (lines[0] ?? '').trimStart() : `\n${lines.join('\n')}\n${indent}${INDENT}`;
}

/** Parenthesized where an operator would otherwise bind wrongly (`(a | b)[]`) or a doc would cover too much. */
function wrap(node: TypeNode, indent: string, options: PrintOptions): string {
  const text = printType(node, indent, options);
  const shared = sharedName(node, options);
  const needs = shared
    ? node.doc !== undefined && node.doc !== shared.doc
    : node.kind === 'union' || node.kind === 'intersection' || node.doc !== undefined;
  return needs ? `(${text})` : text;
}

function propertyName(name: string): string {
  return isPlainPropertyName(name) ? name : JSON.stringify(name);
}
