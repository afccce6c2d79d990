import type { JsonSchema } from '../json-schema.ts';
import { printType } from './print-type.ts';
import { schemaDoc } from './schema-doc.ts';
import { type TypeAliases, aliasName, definitionIdentity, definitionName } from './type-aliases.ts';
import {
  ANY_OBJECT,
  type IndexSignature,
  type Member,
  NEVER,
  type TypeNode,
  UNKNOWN,
  intersection,
  takeDoc,
  text,
  union,
  withDoc,
  withHint,
} from './type-node.ts';

/** How much a type shows: `full` documents every property; `compact` gives bare shapes. */
export type Detail = 'full' | 'compact';

/** Schemas nest deeper than this only in pathological or recursive catalogs; below it the type says `unknown`. */
const MAX_DEPTH = 12;

const NULL = text('null');

interface Context {
  /** The schema `$ref`s resolve against (the tool's input or output schema). */
  root: JsonSchema;
  detail: Detail;
  /** `$ref`s being expanded on the current path: a repeat is a cycle, written as a named type alias (or `unknown`). */
  expanding: Set<string>;
  aliases: TypeAliases | undefined;
}

/**
 * A JSON Schema (draft-07 or 2020-12, and OpenAPI's `nullable`, as servers send it) as a type tree. Anything the
 * schema does not pin down becomes `unknown` rather than `any`, so a program must look before it uses it; nothing a
 * server sends makes it throw.
 */
export function schemaToNode(
  schema: unknown,
  options: { detail: Detail; aliases?: TypeAliases | undefined },
): TypeNode {
  const root = isSchema(schema) ? schema : {};
  return typeOf(schema, { root, detail: options.detail, expanding: new Set(), aliases: options.aliases }, 0);
}

/**
 * A JSON Schema as TypeScript text, written out inline.
 *
 * @param indent the indentation of the line the type starts on; nested lines go one level deeper.
 * @example
 * schemaToType({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, { detail: 'compact' })
 * // '{ id: string }'
 */
export function schemaToType(
  schema: unknown,
  options: { detail: Detail; indent?: string; aliases?: TypeAliases | undefined },
): string {
  return printType(schemaToNode(schema, options), options.indent ?? '');
}

function typeOf(schema: unknown, context: Context, depth: number): TypeNode {
  if (schema === true || schema === undefined) return UNKNOWN;
  if (schema === false) return NEVER;
  if (!isSchema(schema) || depth > MAX_DEPTH) return UNKNOWN;
  const node = nonNullType(schema, context, depth);
  return schema.nullable === true ? union([node, NULL]) : node;
}

function nonNullType(schema: JsonSchema, context: Context, depth: number): TypeNode {
  if (typeof schema.$ref === 'string') return refType(schema.$ref, schema, context, depth);
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));

  const variants: unknown = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, nullable: _nullable, ...rest } = schema;
    const alternatives = union(variants.map((variant) => described(variant, context, depth + 1)));
    // Sibling keywords (often `type` or shared properties) apply to every variant; variants that only add
    // `required` lists type as unknown and leave the siblings' type as it is.
    if (!hasTypeKeywords(rest)) return alternatives;
    return intersection([typeOf(rest, context, depth + 1), alternatives]);
  }
  const parts: unknown = schema.allOf;
  if (Array.isArray(parts) && parts.length > 0) {
    const { allOf: _allOf, nullable: _nullable, ...rest } = schema;
    const all: unknown[] = hasTypeKeywords(rest) ? [rest, ...(parts as unknown[])] : parts;
    return mergeObjects(all.map((part) => typeOf(part, context, depth + 1)));
  }

  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? inferTypes(schema)
      : [schema.type];
  if (types.length === 0) return UNKNOWN;
  return union(types.map((type) => typeForName(String(type), schema, context, depth)));
}

/**
 * Keywords that make the rest of a schema worth typing next to `anyOf`/`allOf`. `allOf` is one: beside a `oneOf` of
 * `required` lists (an object that takes either parameter), the `allOf` carries the whole type.
 */
const TYPE_KEYWORDS = new Set([
  'allOf',
  'type',
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalProperties',
  'enum',
  'const',
  '$ref',
]);

function hasTypeKeywords(schema: JsonSchema): boolean {
  return Object.keys(schema).some((key) => TYPE_KEYWORDS.has(key));
}

function inferTypes(schema: JsonSchema): string[] {
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return ['object'];
  if (schema.patternProperties !== undefined) return ['object'];
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ['array'];
  return [];
}

function typeForName(type: string, schema: JsonSchema, context: Context, depth: number): TypeNode {
  switch (type) {
    case 'string':
    case 'boolean':
    case 'null':
      return text(type);
    case 'number':
    case 'integer':
      return text('number');
    case 'array':
      return arrayType(schema, context, depth);
    case 'object':
      return objectType(schema, context, depth);
    default:
      return UNKNOWN;
  }
}

function arrayType(schema: JsonSchema, context: Context, depth: number): TypeNode {
  const tupleItems = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : undefined;
  if (tupleItems === undefined)
    return { kind: 'array', element: described(schema.items, context, depth + 1) };
  const elements = tupleItems.map((item) => described(item, context, depth + 1));
  // 2020-12 (`prefixItems`): `items` types the items after them. Draft-07 (`items: [...]`): `additionalItems` does; a
  // tuple that says nothing about further items is taken as closed, which is what its authors mean in practice.
  const after: unknown = Array.isArray(schema.prefixItems) ? schema.items : schema.additionalItems;
  const rest = after === undefined || after === false ? undefined : typeOf(after, context, depth + 1);
  // `[...T[]]` is `T[]`, and TypeScript rejects the spread form inside a recursive alias's intersection.
  if (elements.length === 0 && rest !== undefined) return { kind: 'array', element: rest };
  // Items past `minItems` may be missing; without `minItems` every listed item is taken as present.
  const minimum =
    typeof schema.minItems === 'number' ? Math.max(0, Math.floor(schema.minItems)) : elements.length;
  return { kind: 'tuple', elements, optionalFrom: Math.min(minimum, elements.length), rest };
}

function objectType(schema: JsonSchema, context: Context, depth: number): TypeNode {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : [],
  );
  const members: Member[] = [];
  for (const [name, propertySchema] of Object.entries(properties)) {
    const type = withHint(typeOf(propertySchema, context, depth + 1), name);
    // A property without a description of its own takes its definition's (`$ref` to a described schema).
    const doc = context.detail === 'full' ? schemaDoc(propertySchema, { title: true, name }) : '';
    const moved = doc === '' ? takeDoc(type) : { node: type, doc };
    members.push({ name, optional: !required.has(name), doc: moved.doc, type: moved.node });
  }
  // A required key without a schema of its own must still be there, whatever its value.
  for (const name of required) {
    if (!Object.hasOwn(properties, name)) members.push({ name, optional: false, doc: '', type: UNKNOWN });
  }
  const index = indexSignature(schema, members, context, depth);
  if (index) return { kind: 'object', members, index };
  if (members.length > 0) return { kind: 'object', members, index: undefined };
  // No properties: `additionalProperties: false` allows only `{}`; otherwise any keys.
  return schema.additionalProperties === false && schema.patternProperties === undefined
    ? text('Record<string, never>')
    : ANY_OBJECT;
}

/**
 * `[key: string]: T` for `additionalProperties` and `patternProperties` schemas. `additionalProperties: true` beside
 * named properties adds nothing: JSON Schema allows other keys by default too, and an index signature of `unknown`
 * would switch off the excess-property check that catches a misspelled parameter.
 */
function indexSignature(
  schema: JsonSchema,
  members: Member[],
  context: Context,
  depth: number,
): IndexSignature | undefined {
  const patterns = isSchema(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
  const extra = schema.additionalProperties;
  const types = patterns.map(([, value]) => described(value, context, depth + 1));
  if (extra !== undefined && typeof extra !== 'boolean') types.push(described(extra, context, depth + 1));
  if (types.length === 0) return undefined;
  const patternNote = patterns.map(([pattern]) => `/${pattern}/`).join(', ');
  const doc = context.detail === 'full' && patternNote !== '' ? `Keys matching ${patternNote}` : '';
  // Named properties must fit the index signature too: it admits their types as well.
  const memberTypes = members.flatMap((member) =>
    member.optional ? [member.type, text('undefined')] : [member.type],
  );
  return { type: union([...types, ...memberTypes]), doc };
}

function refType(ref: string, schema: JsonSchema, context: Context, depth: number): TypeNode {
  const { aliases } = context;
  const identity = aliases ? definitionIdentity(context.root, ref) : ref;
  if (context.expanding.has(ref)) return aliases ? text(aliasName(aliases, identity, ref)) : UNKNOWN;
  const target = resolvePointer(context.root, ref);
  if (target === undefined) return UNKNOWN;
  context.expanding.add(ref);
  try {
    const { $ref: _ref, ...siblings } = schema;
    const merged = isSchema(target) && hasTypeKeywords(siblings) ? { allOf: [target, siblings] } : target;
    const doc = context.detail === 'full' ? schemaDoc(target, { title: false }) : '';
    const node = withDoc(withHint(typeOf(merged, context, depth + 1), definitionName(ref)), doc);
    const name = aliases?.names.get(identity);
    if (!aliases || name === undefined) return node;
    // The expansion met this $ref again inside itself: it is declared once, by name, and referred to by it.
    if (!aliases.declarations.has(name)) {
      aliases.declarations.set(name, node);
    }
    return text(name);
  } finally {
    context.expanding.delete(ref);
  }
}

/** Local JSON pointers only (`#`, `#/$defs/x`, `#/definitions/x`): codemode never fetches a remote schema. */
export function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined; // a malformed %-escape
    }
    if (!isSchema(node) && !Array.isArray(node)) return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** A schema's type with its description as a leading doc: for array items, union variants, map values. */
function described(schema: unknown, context: Context, depth: number): TypeNode {
  const node = typeOf(schema, context, depth);
  return context.detail === 'full' ? withDoc(node, schemaDoc(schema, { title: false })) : node;
}

/** `allOf` of plain objects as one object (`{ a } & { b }` -> `{ a; b }`); anything else as an intersection. */
function mergeObjects(nodes: TypeNode[]): TypeNode {
  const parts = nodes.filter(
    (node) => !(node.kind === 'text' && (node.text === 'unknown' || node.text === 'Record<string, unknown>')),
  );
  if (parts.length < 2 || !parts.every((node) => node.kind === 'object' && !node.index && !node.doc)) {
    return intersection(nodes);
  }
  const members = new Map<string, Member>();
  for (const part of parts) {
    for (const member of part.kind === 'object' ? part.members : []) {
      const before = members.get(member.name);
      members.set(
        member.name,
        before
          ? {
              name: member.name,
              optional: before.optional && member.optional,
              doc: before.doc || member.doc,
              type: intersection([before.type, member.type]),
            }
          : member,
      );
    }
  }
  return { kind: 'object', members: [...members.values()], index: undefined };
}

function literal(value: unknown): TypeNode {
  if (value === null) return NULL;
  if (typeof value === 'string' || typeof value === 'boolean') return text(JSON.stringify(value));
  if (typeof value === 'number') return Number.isFinite(value) ? text(JSON.stringify(value)) : text('number');
  return UNKNOWN;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
