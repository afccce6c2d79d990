/**
 * A TypeScript type as a small tree, between JSON Schema and text. Building the tree first lets shapes that repeat be
 * found and named once (`shared-shapes.ts`) and lets the printer decide parentheses by structure rather than by
 * scanning text. Nodes are never mutated once built: the same node may sit in several places.
 */
export type TypeNode =
  /** A keyword, literal or name, printed as it is: `string`, `"open"`, `Record<string, unknown>`, `Page_block`. */
  | { kind: 'text'; text: string; doc?: string }
  | { kind: 'array'; element: TypeNode; doc?: string }
  /** `[a, b?, ...c[]]`: elements from `optionalFrom` on are optional; `rest` types any further items. */
  | { kind: 'tuple'; elements: TypeNode[]; optionalFrom: number; rest: TypeNode | undefined; doc?: string }
  | { kind: 'object'; members: Member[]; index: IndexSignature | undefined; hint?: string; doc?: string }
  | { kind: 'union'; types: TypeNode[]; hint?: string; doc?: string }
  | { kind: 'intersection'; types: TypeNode[]; doc?: string };

/** One property of an object type. */
export interface Member {
  name: string;
  optional: boolean;
  /** Its JSDoc text: description and tags; empty for none. */
  doc: string;
  type: TypeNode;
}

/** `[key: string]: type`, with the JSDoc that says which keys (a `patternProperties` pattern). */
export interface IndexSignature {
  type: TypeNode;
  doc: string;
}

export const UNKNOWN: TypeNode = { kind: 'text', text: 'unknown' };
export const NEVER: TypeNode = { kind: 'text', text: 'never' };
/** An object about whose keys nothing is known. */
export const ANY_OBJECT: TypeNode = { kind: 'text', text: 'Record<string, unknown>' };

export function text(value: string): TypeNode {
  return { kind: 'text', text: value };
}

export function isText(node: TypeNode, value: string): boolean {
  return node.kind === 'text' && node.text === value;
}

/** `a | b`, flattened and deduplicated; `unknown` absorbs the rest, `never` drops out. */
export function union(types: readonly TypeNode[]): TypeNode {
  const members: TypeNode[] = [];
  const seen = new Set<string>();
  for (const type of types.flatMap((type) => (type.kind === 'union' && !type.doc ? type.types : [type]))) {
    if (isText(type, 'unknown')) return UNKNOWN;
    if (isText(type, 'never')) continue;
    const key = typeKey(type);
    if (!seen.has(key)) {
      seen.add(key);
      members.push(type);
    }
  }
  if (members.length === 0) return NEVER;
  return members.length === 1 ? (members[0] ?? NEVER) : { kind: 'union', types: members };
}

/** `a & b`, flattened and deduplicated; `unknown` drops out (it constrains nothing). */
export function intersection(types: readonly TypeNode[]): TypeNode {
  const members: TypeNode[] = [];
  const seen = new Set<string>();
  for (const type of types.flatMap((type) =>
    type.kind === 'intersection' && !type.doc ? type.types : [type],
  )) {
    if (isText(type, 'unknown')) continue;
    const key = typeKey(type);
    if (!seen.has(key)) {
      seen.add(key);
      members.push(type);
    }
  }
  if (members.length === 0) return UNKNOWN;
  return members.length === 1 ? (members[0] ?? UNKNOWN) : { kind: 'intersection', types: members };
}

/** True for an enum: a union of string, number, boolean or null literals (`"open"|"closed"`). */
export function isLiteralUnion(node: TypeNode): boolean {
  return (
    node.kind === 'union' &&
    node.types.every((type) => type.kind === 'text' && /^(["\d-]|true$|false$|null$)/.test(type.text))
  );
}

/** The node with a name suggestion for when it is shared (kept if it has one: a `$ref`'s name beats a property's). */
export function withHint(node: TypeNode, hint: string): TypeNode {
  if ((node.kind === 'object' || node.kind === 'union') && node.hint === undefined) return { ...node, hint };
  if (node.kind === 'array') return { ...node, element: withHint(node.element, singular(hint)) };
  return node;
}

/** The node with a leading JSDoc (a description of an item, a variant or a definition). */
export function withDoc(node: TypeNode, doc: string): TypeNode {
  return doc === '' || node.doc !== undefined ? node : { ...node, doc };
}

/**
 * The node without its leading doc, and that doc: for a property whose own description is missing. A union with one
 * documented member gives that member's doc (a schema that takes an object or its JSON text, described once).
 */
export function takeDoc(node: TypeNode): { node: TypeNode; doc: string } {
  if (node.doc !== undefined) {
    const { doc, ...rest } = node;
    return { node: rest, doc };
  }
  if (node.kind === 'union') {
    const documented = node.types.filter((type) => type.doc !== undefined);
    const [only] = documented;
    if (documented.length === 1 && only) {
      const taken = takeDoc(only);
      return {
        node: { ...node, types: node.types.map((type) => (type === only ? taken.node : type)) },
        doc: taken.doc,
      };
    }
  }
  return { node, doc: '' };
}

const keys = new WeakMap<TypeNode, string>();

/** A key equal for structurally equal nodes (docs included, name hints not): what "the same shape" means. */
export function typeKey(node: TypeNode): string {
  let key = keys.get(node);
  if (key === undefined) {
    key = JSON.stringify(node, (name, value: unknown) => (name === 'hint' ? undefined : value));
    keys.set(node, key);
  }
  return key;
}

const shapeKeys = new WeakMap<TypeNode, string>();

/**
 * The key of the shape itself, its leading doc aside: the same `$defs` entry as an array item (where its description
 * stays on the type) and as a property (where it moves to the property) is one shape.
 */
export function shapeKey(node: TypeNode): string {
  if (node.doc === undefined) return typeKey(node);
  let key = shapeKeys.get(node);
  if (key === undefined) {
    const { doc: _doc, ...bare } = node;
    key = typeKey(bare);
    shapeKeys.set(node, key);
  }
  return key;
}

/** `entities` -> `entity`, `addresses` -> `address`, `data` -> `dataItem`: the name of one element of a list. */
function singular(name: string): string {
  if (/ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|us|is)$/i.test(name)) return `${name}Item`;
  if (/(sses|xes|ches|shes)$/i.test(name)) return name.slice(0, -2);
  if (/s$/i.test(name)) return name.slice(0, -1);
  return `${name}Item`;
}
