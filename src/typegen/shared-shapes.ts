import { type SharedName, printType } from './print-type.ts';
import { pascalCase } from './type-aliases.ts';
import { type TypeNode, isLiteralUnion, shapeKey } from './type-node.ts';

/**
 * A shape is named when naming it saves at least this many characters (~4 per o200k token): repeating a short
 * `{ id: string }` reads better than a name to look up.
 */
const MIN_SAVING_CHARS = 40;

/** What a `type Name = ...;` line costs besides the shape itself. */
const DECLARATION_CHARS = 16;

/** Shapes declared once in a namespace and referred to by name. */
export interface SharedShapes {
  /** `shapeKey` of the shape -> its name (and the doc its declaration carries). */
  names: Map<string, SharedName>;
  /** The declarations, in the order their shapes first occur. */
  declarations: { name: string; node: TypeNode }[];
}

/**
 * Finds object types and unions that occur more than once across a namespace's tools (the same `$defs` entry in
 * every tool of a server, an output that repeats an input's item type, one enum in several tools) and names each
 * once, where that makes the text shorter. The roots themselves (a tool's parameter object, its result) stay where
 * they are: only what is inside them is shared. Deterministic: names follow the order of first occurrence.
 *
 * @param taken names in use in the namespace; shared shapes pick others.
 * @param known shapes already declared by name (recursive definitions): printed by that name, not declared again.
 */
export function shareShapes(
  roots: readonly TypeNode[],
  taken: Set<string>,
  known: ReadonlyMap<string, SharedName> = new Map(),
): SharedShapes {
  const naive = new Map<string, number>();
  for (const root of roots) {
    walk(root, true, (node) => {
      naive.set(shapeKey(node), (naive.get(shapeKey(node)) ?? 0) + 1);
    });
  }
  const lengths = new Map<string, number>();
  const length = (node: TypeNode) => {
    const key = shapeKey(node);
    let value = lengths.get(key);
    if (value === undefined) lengths.set(key, (value = printType(node).length));
    return value;
  };
  const candidates = new Set(
    [...naive].filter(([key, count]) => count > 1 && !known.has(key)).map(([key]) => key),
  );

  // Count again, going into each candidate only once: a shape that repeats only because it sits inside a repeated
  // shape is declared inside that shape's one declaration, not again.
  const counts = new Map<string, { node: TypeNode; count: number }>();
  for (const root of roots) {
    walk(root, true, (node) => {
      const key = shapeKey(node);
      if (!candidates.has(key)) return true;
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { node, count: 1 });
      return entry === undefined;
    });
  }
  const names = new Map(known);
  const declarations: SharedShapes['declarations'] = [];
  for (const [key, { node, count }] of counts) {
    const saving = (count - 1) * length(node) - count * 12 - DECLARATION_CHARS;
    if (count < 2 || saving < MIN_SAVING_CHARS) continue;
    const base = pascalCase(hintOf(node) ?? 'Shape');
    // `Content` taken (by a parameter group, say): `ContentType` reads better than `Content2`.
    let name = taken.has(base) ? `${base}Type` : base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}Type${suffix}`;
    taken.add(name);
    names.set(key, { name, doc: node.doc });
    declarations.push({ name, node });
  }
  return { names, declarations };
}

function hintOf(node: TypeNode): string | undefined {
  return node.kind === 'object' || node.kind === 'union' ? node.hint : undefined;
}

/**
 * Objects with members, enums, and unions with an object in them: what a name helps a reader with. `string | null`
 * or `Record<string, unknown> | string` say more written out than any name would.
 */
function isShareable(node: TypeNode): boolean {
  if (node.kind === 'object') return node.members.length > 0 || node.index !== undefined;
  if (node.kind !== 'union') return false;
  return isLiteralUnion(node) || node.types.some((type) => type.kind === 'object' || type.kind === 'array');
}

/**
 * Visits the shapes worth naming under `node` (objects with members, unions), depth first in source order. The
 * visitor returns false to skip what is inside a shape.
 */
function walk(node: TypeNode, isRoot: boolean, visit: (node: TypeNode) => boolean | void): void {
  if (!isRoot && isShareable(node) && visit(node) === false) return;
  switch (node.kind) {
    case 'array':
      walk(node.element, false, visit);
      break;
    case 'tuple':
      for (const element of node.elements) walk(element, false, visit);
      if (node.rest) walk(node.rest, false, visit);
      break;
    case 'object':
      for (const member of node.members) walk(member.type, false, visit);
      if (node.index) walk(node.index.type, false, visit);
      break;
    case 'union':
    case 'intersection':
      // The members of a root intersection (`OwnerRepo & { ... }`) are roots too: parameter lists.
      for (const type of node.types) walk(type, isRoot && node.kind === 'intersection', visit);
      break;
    case 'text':
      break;
  }
}
