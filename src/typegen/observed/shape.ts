import { printType } from '../print-type.ts';
import { ANY_OBJECT, type TypeNode, UNKNOWN as UNKNOWN_TYPE, text, union } from '../type-node.ts';

/** A structural type inferred from values: just enough to write a TypeScript type. */
export type Shape =
  | { kind: 'unknown' }
  | { kind: 'primitive'; type: 'string' | 'number' | 'boolean' | 'null' }
  | { kind: 'array'; element: Shape | undefined }
  | { kind: 'object'; fields: Record<string, { shape: Shape; optional: boolean }> }
  | { kind: 'union'; members: Shape[] };

/** Nesting past this is `unknown`: results are data, and a type a model reads should stay short. */
const MAX_DEPTH = 6;
/** Objects with more keys than this are maps, not records: `Record<string, unknown>`. */
const MAX_FIELDS = 40;
/** Unions wider than this say little: `unknown`. */
const MAX_UNION = 4;

const UNKNOWN: Shape = { kind: 'unknown' };

/** The shape of one JSON value. */
export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null) return { kind: 'primitive', type: 'null' };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'primitive', type: typeof value as 'string' | 'number' | 'boolean' };
  }
  if (depth >= MAX_DEPTH || typeof value !== 'object') return UNKNOWN;
  if (Array.isArray(value)) {
    let element: Shape | undefined;
    // The first 50 items say enough about the rest; merging all of a 10,000-row result would cost for nothing.
    for (const item of value.slice(0, 50)) element = merge(element, shapeOf(item, depth + 1));
    return { kind: 'array', element };
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_FIELDS) return { kind: 'object', fields: {} };
  const fields: Record<string, { shape: Shape; optional: boolean }> = {};
  for (const [key, item] of entries) fields[key] = { shape: shapeOf(item, depth + 1), optional: false };
  return { kind: 'object', fields };
}

/** The shape of values seen as `a` or as `b`: fields missing on one side become optional; differing kinds a union. */
export function merge(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
  if (a.kind === 'union' || b.kind === 'union') {
    let members = a.kind === 'union' ? [...a.members] : [a];
    for (const member of b.kind === 'union' ? b.members : [b]) members = addMember(members, member);
    return members.length > MAX_UNION
      ? UNKNOWN
      : members.length === 1
        ? members[0]
        : { kind: 'union', members };
  }
  if (a.kind === 'primitive' && b.kind === 'primitive' && a.type === b.type) return a;
  if (a.kind === 'array' && b.kind === 'array')
    return { kind: 'array', element: merge(a.element, b.element) };
  if (a.kind === 'object' && b.kind === 'object') {
    const fields: Record<string, { shape: Shape; optional: boolean }> = {};
    for (const key of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) {
      const left = a.fields[key];
      const right = b.fields[key];
      fields[key] = {
        shape: merge(left?.shape, right?.shape) ?? UNKNOWN,
        optional: left === undefined || right === undefined || left.optional || right.optional,
      };
    }
    return Object.keys(fields).length > MAX_FIELDS
      ? { kind: 'object', fields: {} }
      : { kind: 'object', fields };
  }
  return { kind: 'union', members: [a, b] };
}

function addMember(members: Shape[], member: Shape): Shape[] {
  // Same kind merges in place (two object shapes become one with optional fields), so unions stay small.
  const index = members.findIndex(
    (existing) =>
      existing.kind === member.kind &&
      (existing.kind !== 'primitive' || (member.kind === 'primitive' && existing.type === member.type)),
  );
  if (index === -1) return [...members, member];
  const merged = merge(members[index], member) ?? UNKNOWN;
  return members.map((existing, i) => (i === index ? merged : existing));
}

/** The shape as a type tree, printed like the declared types (one space per level, short objects on one line). */
export function shapeToNode(shape: Shape | undefined): TypeNode {
  if (shape === undefined) return UNKNOWN_TYPE;
  switch (shape.kind) {
    case 'unknown':
      return UNKNOWN_TYPE;
    case 'primitive':
      return text(shape.type);
    case 'array':
      return { kind: 'array', element: shapeToNode(shape.element) };
    case 'union':
      return union(shape.members.map(shapeToNode));
    case 'object': {
      const members = Object.entries(shape.fields).map(([name, field]) => ({
        name,
        optional: field.optional,
        doc: '',
        type: shapeToNode(field.shape),
      }));
      return members.length === 0 ? ANY_OBJECT : { kind: 'object', members, index: undefined };
    }
  }
}

/** The shape as a TypeScript type; `indent` as for `printType`. */
export function renderShape(shape: Shape | undefined, indent = ''): string {
  return printType(shapeToNode(shape), indent);
}
