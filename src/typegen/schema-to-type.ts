import { isPlainPropertyName } from '../catalog/identifiers.ts';
import type { JsonSchema } from '../json-schema.ts';
import { docComment } from './doc-comment.ts';

/** How much a type shows: `full` documents every property; `compact` gives bare shapes. */
export type Detail = 'full' | 'compact';

/** Schemas nest deeper than this only in pathological or recursive catalogs; below it the type says `unknown`. */
const MAX_DEPTH = 12;

interface Context {
  /** The schema `$ref`s resolve against (the tool's input or output schema). */
  root: JsonSchema;
  detail: Detail;
  /** `$ref`s being expanded on the current path: a repeat is a cycle, written as a named type alias (or `unknown`). */
  expanding: Set<string>;
  aliases: TypeAliases | undefined;
}

/**
 * Named types for recursive `$ref`s, collected while a namespace's tools are written: a tree or a linked list becomes
 * `type Page_Block = { children?: Page_Block[] }` instead of stopping at `unknown`. Names carry the tool's prefix,
 * since each tool's `$defs` are its own.
 */
export interface TypeAliases {
  /** Prefix of the names for the tool being written (`Create_page_`). */
  prefix: string;
  /** `prefix + $ref` -> alias name. */
  readonly names: Map<string, string>;
  /** alias name -> its type, written at the namespace's indentation. */
  readonly declarations: Map<string, string>;
}

/** An empty alias collection for one namespace. */
export function typeAliases(): TypeAliases {
  return { prefix: '', names: new Map(), declarations: new Map() };
}

/**
 * A JSON Schema (draft-07 or 2020-12, as servers send it) as a TypeScript type, written out inline.
 * Anything the schema does not pin down becomes `unknown` rather than `any`, so a program must look before it uses it.
 *
 * @param indent the indentation of the line the type starts on; nested lines go one level deeper.
 */
export function schemaToType(
  schema: unknown,
  options: { detail: Detail; indent?: string; aliases?: TypeAliases | undefined },
): string {
  const root = isSchema(schema) ? schema : {};
  const context = { root, detail: options.detail, expanding: new Set<string>(), aliases: options.aliases };
  return typeOf(schema, context, options.indent ?? '', 0);
}

function typeOf(schema: unknown, context: Context, indent: string, depth: number): string {
  if (schema === true || schema === undefined) return 'unknown';
  if (schema === false) return 'never';
  if (!isSchema(schema) || depth > MAX_DEPTH) return 'unknown';

  if (typeof schema.$ref === 'string') return refType(schema.$ref, schema, context, indent, depth);
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));

  const variants: unknown = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    const alternatives = union(variants.map((variant) => typeOf(variant, context, indent, depth + 1)));
    // Sibling keywords (often `type` or shared properties) apply to every variant; variants that only add
    // `required` lists type as unknown and leave the siblings' type as it is.
    if (!hasTypeKeywords(rest)) return alternatives;
    const base = typeOf(rest, context, indent, depth + 1);
    return alternatives === 'unknown' ? base : `${wrap(base)} & (${alternatives})`;
  }
  const parts: unknown = schema.allOf;
  if (Array.isArray(parts) && parts.length > 0) {
    const { allOf: _allOf, ...rest } = schema;
    const all: unknown[] = hasTypeKeywords(rest) ? [rest, ...(parts as unknown[])] : parts;
    return intersection(all.map((part) => typeOf(part, context, indent, depth + 1)));
  }

  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? inferTypes(schema)
      : [schema.type];
  if (types.length === 0) return 'unknown';
  return union(types.map((type) => typeForName(String(type), schema, context, indent, depth)));
}

/** Keywords that make the rest of a schema worth typing next to `anyOf`/`allOf`. */
const TYPE_KEYWORDS = new Set(['type', 'properties', 'items', 'additionalProperties', 'enum', 'const']);

function hasTypeKeywords(schema: JsonSchema): boolean {
  return Object.keys(schema).some((key) => TYPE_KEYWORDS.has(key));
}

function inferTypes(schema: JsonSchema): string[] {
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ['array'];
  return [];
}

function typeForName(
  type: string,
  schema: JsonSchema,
  context: Context,
  indent: string,
  depth: number,
): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return arrayType(schema, context, indent, depth);
    case 'object':
      return objectType(schema, context, indent, depth);
    default:
      return 'unknown';
  }
}

function arrayType(schema: JsonSchema, context: Context, indent: string, depth: number): string {
  if (Array.isArray(schema.prefixItems)) {
    const items = schema.prefixItems.map((item) => typeOf(item, context, indent, depth + 1));
    const rest =
      schema.items === false ? [] : [`...${wrap(typeOf(schema.items, context, indent, depth + 1))}[]`];
    return `[${[...items, ...rest].join(', ')}]`;
  }
  if (Array.isArray(schema.items)) {
    return `[${schema.items.map((item) => typeOf(item, context, indent, depth + 1)).join(', ')}]`;
  }
  return `${wrap(typeOf(schema.items, context, indent, depth + 1))}[]`;
}

function objectType(schema: JsonSchema, context: Context, indent: string, depth: number): string {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [name, propertySchema] of Object.entries(properties)) {
    const doc = context.detail === 'full' ? propertyDoc(propertySchema, inner) : [];
    const key = isPlainPropertyName(name) ? name : JSON.stringify(name);
    const optional = required.has(name) ? '' : '?';
    const member = `${key}${optional}: ${typeOf(propertySchema, context, inner, depth + 1)};`;
    // A one-line description shares the member's line: the same JSDoc for editors, fewer tokens for models.
    if (doc.length === 1) lines.push(`${doc[0]} ${member}`);
    else lines.push(...doc, `${inner}${member}`);
  }
  const extra = schema.additionalProperties ?? schema.patternProperties;
  if (lines.length === 0 && (extra === undefined || extra === true)) return 'Record<string, unknown>';
  if (extra !== undefined && extra !== false && !(extra === true && lines.length > 0)) {
    const valueType = isSchema(schema.patternProperties)
      ? 'unknown'
      : typeOf(extra, context, inner, depth + 1);
    // An index signature must admit every named property's type too.
    lines.push(`${inner}[key: string]: ${lines.length > 0 ? 'unknown' : valueType};`);
  }
  if (lines.length === 0) return '{}';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function propertyDoc(schema: unknown, indent: string): string[] {
  if (!isSchema(schema)) return [];
  const notes: string[] = [];
  if (typeof schema.description === 'string') notes.push(schema.description);
  else if (typeof schema.title === 'string') notes.push(schema.title);
  for (const keyword of [
    'format',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'pattern',
  ]) {
    if (schema[keyword] !== undefined) notes.push(`@${keyword} ${JSON.stringify(schema[keyword])}`);
  }
  if (schema.default !== undefined) notes.push(`@default ${JSON.stringify(schema.default)}`);
  if (schema.deprecated === true) notes.push('@deprecated');
  if (notes.length === 0) return [];
  // Tags ride on the description's line when it has one line: `/** Page size @minimum 1 */`.
  const text = notes.some((note) => note.includes('\n')) ? notes.join('\n') : notes.join(' ');
  return docComment(text, indent);
}

function refType(ref: string, schema: JsonSchema, context: Context, indent: string, depth: number): string {
  const { aliases } = context;
  const key = `${aliases?.prefix ?? ''}${ref}`;
  if (context.expanding.has(ref)) return aliases ? aliasName(aliases, key, ref) : 'unknown';
  const target = resolvePointer(context.root, ref);
  if (target === undefined) return 'unknown';
  context.expanding.add(ref);
  try {
    const { $ref: _ref, ...siblings } = schema;
    const merged =
      isSchema(target) && Object.keys(siblings).length > 0 ? { allOf: [target, siblings] } : target;
    const text = typeOf(merged, context, indent, depth + 1);
    const name = aliases?.names.get(key);
    if (!aliases || name === undefined) return text;
    // The expansion met this $ref again inside itself: declare it once, by name, at the namespace's indentation.
    if (!aliases.declarations.has(name)) {
      aliases.declarations.set(name, '');
      const body = typeOf(merged, context, '  ', depth + 1);
      // `type A = A | null` is a circular alias TypeScript rejects: only recursion inside an object or array is a type.
      aliases.declarations.set(name, refersToItself(body, name) ? 'unknown' : body);
    }
    return name;
  } finally {
    context.expanding.delete(ref);
  }
}

/** True when `name` appears in `type` outside every `{}`, `[]` and `<>` (where recursion is allowed). */
function refersToItself(type: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`).test(topLevelText(type));
}

/** The characters of `type` outside brackets, string literals and comments. */
function topLevelText(type: string): string {
  let depth = 0;
  let outside = '';
  for (let index = 0; index < type.length; index++) {
    const char = type[index];
    if (char === '"') {
      for (index++; index < type.length && type[index] !== '"'; index++) if (type[index] === '\\') index++;
      outside += ' ';
    } else if (char === '/' && type[index + 1] === '*') {
      const end = type.indexOf('*/', index + 2);
      index = end === -1 ? type.length : end + 1;
    } else if (char === '{' || char === '[' || char === '<') depth++;
    else if (char === '}' || char === ']' || char === '>') depth--;
    // Parentheses only group a union: what is inside them is still at the top.
    else if (depth === 0) outside += char;
  }
  return outside;
}

function aliasName(aliases: TypeAliases, key: string, ref: string): string {
  const existing = aliases.names.get(key);
  if (existing) return existing;
  const segment = ref.split('/').pop() ?? '';
  const base = `${aliases.prefix}${segment === '' || segment === '#' ? 'Self' : segment.replace(/[^A-Za-z0-9_$]/g, '_')}`;
  let name = /^[0-9]/.test(base) ? `_${base}` : base;
  const taken = new Set(aliases.names.values());
  for (let suffix = 2; taken.has(name); suffix++) name = `${base}${suffix}`;
  aliases.names.set(key, name);
  return name;
}

/** Local JSON pointers only (`#`, `#/$defs/x`, `#/definitions/x`): codemode never fetches a remote schema. */
function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchema(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return JSON.stringify(value);
  return 'unknown';
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes('unknown')) return 'unknown';
  if (unique.length === 0) return 'never';
  return unique.length === 1 ? (unique[0] ?? 'unknown') : unique.map(wrap).join(' | ');
}

function intersection(types: string[]): string {
  const unique = [...new Set(types)].filter((type) => type !== 'unknown');
  if (unique.length === 0) return 'unknown';
  return unique.length === 1 ? (unique[0] ?? 'unknown') : unique.map(wrap).join(' & ');
}

/** Parenthesizes a union or intersection where it would otherwise bind wrongly (`(a | b)[]`). */
function wrap(type: string): string {
  return hasTopLevelOperator(type) ? `(${type})` : type;
}

/** True when `type` has a `|` or `&` outside brackets, string literals and doc comments. */
function hasTopLevelOperator(type: string): boolean {
  let depth = 0;
  for (let index = 0; index < type.length; index++) {
    const char = type[index];
    if (char === '"') {
      // Skip a JSON string literal, escapes included.
      for (index++; index < type.length && type[index] !== '"'; index++) if (type[index] === '\\') index++;
    } else if (char === '/' && type[index + 1] === '*') {
      const end = type.indexOf('*/', index + 2);
      index = end === -1 ? type.length : end + 1;
    } else if (char === '{' || char === '[' || char === '(' || char === '<') depth++;
    else if (char === '}' || char === ']' || char === ')' || char === '>') depth--;
    else if (depth === 0 && (char === '|' || char === '&')) return true;
  }
  return false;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
