import type { JsonSchema } from '../json-schema.ts';
import { type TypeNode, UNKNOWN, intersection, union, withDoc } from './type-node.ts';

/**
 * Named types for recursive `$ref`s, collected while a namespace's tools are translated: a tree or a linked list
 * becomes `type Block = { children?: Block[] }` instead of stopping at `unknown`.
 */
export interface TypeAliases {
  /** The name a self-reference (`$ref: "#"`) gets in the schema being translated (`CreatePageInput`). */
  rootName: string;
  /** Names already used in the namespace; new aliases pick another. */
  readonly taken: Set<string>;
  /** The definition (`$ref` and the definitions it resolves in) -> alias name. */
  readonly names: Map<string, string>;
  /** alias name -> its type, in the order they were found. */
  readonly declarations: Map<string, TypeNode>;
}

/** An empty alias collection for one namespace; `taken` are names the aliases must not use. */
export function typeAliases(taken: Iterable<string> = []): TypeAliases {
  return { rootName: 'Self', taken: new Set(taken), names: new Map(), declarations: new Map() };
}

/** Where a reference sits in an alias body, for TypeScript's circularity rules. */
type Position = 'top' | 'rest' | 'safe';

/**
 * Cuts the alias references TypeScript rejects as circular (`type A = A | null`, `type A = B; type B = A | string`,
 * `type A = string & [...A[]]`) to `unknown`. References inside an object type, an array or a required tuple element
 * are fine; one that is the body, a union or intersection member, or inside a tuple's optional or rest element can
 * be resolved eagerly (`type A = [[A]?] | []` is an error), and a cycle of those is refused.
 */
export function breakAliasCycles(aliases: TypeAliases): void {
  for (const [name, body] of aliases.declarations) {
    const reaching = new Set<string>();
    // Every alias from which this one is reached through eager references, this one included when it is on a cycle.
    let grew = true;
    while (grew) {
      grew = false;
      for (const [other, otherBody] of aliases.declarations) {
        if (reaching.has(other)) continue;
        const refs = eagerReferences(otherBody);
        if (refs.has(name) || [...reaching].some((reached) => refs.has(reached))) {
          reaching.add(other);
          grew = true;
        }
      }
    }
    if (reaching.has(name)) aliases.declarations.set(name, cut(body, reaching));
  }
}

function eagerReferences(node: TypeNode, position: Position = 'top', found = new Set<string>()): Set<string> {
  forEachChild(node, position, (child, childPosition) => {
    if (child.kind === 'text') {
      if (childPosition !== 'safe') found.add(child.text);
    } else eagerReferences(child, childPosition, found);
  });
  if (node.kind === 'text' && position !== 'safe') found.add(node.text);
  return found;
}

function cut(node: TypeNode, names: Set<string>, position: Position = 'top'): TypeNode {
  switch (node.kind) {
    case 'text':
      return position !== 'safe' && names.has(node.text) ? UNKNOWN : node;
    case 'union':
      return withDoc(union(node.types.map((type) => cut(type, names, position))), node.doc ?? '');
    case 'intersection':
      return withDoc(intersection(node.types.map((type) => cut(type, names, position))), node.doc ?? '');
    case 'array':
      return { ...node, element: cut(node.element, names, inner(position)) };
    case 'tuple':
      return {
        ...node,
        elements: node.elements.map((element, index) =>
          cut(element, names, index >= node.optionalFrom ? 'rest' : inner(position)),
        ),
        rest: node.rest && cut(node.rest, names, 'rest'),
      };
    case 'object':
      return node;
  }
}

/** Inside an array or tuple element: deferred, unless already inside a rest element. */
function inner(position: Position): Position {
  return position === 'rest' ? 'rest' : 'safe';
}

function forEachChild(
  node: TypeNode,
  position: Position,
  visit: (child: TypeNode, position: Position) => void,
) {
  switch (node.kind) {
    case 'union':
    case 'intersection':
      for (const type of node.types) visit(type, position);
      break;
    case 'array':
      visit(node.element, inner(position));
      break;
    case 'tuple':
      node.elements.forEach((element, index) =>
        visit(element, index >= node.optionalFrom ? 'rest' : inner(position)),
      );
      if (node.rest) visit(node.rest, 'rest');
      break;
    default:
      break;
  }
}

const definitionsJson = new WeakMap<JsonSchema, string>();

/**
 * What a `$ref` means: the reference and the definitions it resolves in. Tools of one server often carry the same
 * `$defs`; their recursive definitions then become one alias, not one per tool.
 */
export function definitionIdentity(root: JsonSchema, ref: string): string {
  if (!/^#\/(\$defs|definitions)\//.test(ref)) return `${ref}\u0000${JSON.stringify(root)}`;
  let json = definitionsJson.get(root);
  if (json === undefined) {
    json = JSON.stringify([root.$defs, root.definitions]);
    definitionsJson.set(root, json);
  }
  return `${ref}\u0000${json}`;
}

export function aliasName(aliases: TypeAliases, identity: string, ref: string): string {
  const existing = aliases.names.get(identity);
  if (existing) return existing;
  const base = ref === '#' || ref === '#/' ? aliases.rootName : pascalCase(definitionName(ref));
  let name = base;
  for (let suffix = 2; aliases.taken.has(name); suffix++) name = `${base}${suffix}`;
  aliases.taken.add(name);
  aliases.names.set(identity, name);
  return name;
}

/** The last segment of a JSON pointer: `#/$defs/richText` -> `richText`. */
export function definitionName(ref: string): string {
  return decodeURIComponent(ref.split('/').pop() ?? '')
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
}

/** `rich_text-item` -> `RichTextItem`; always a valid identifier. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9$]+/).filter(Boolean);
  const joined = words.map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`).join('');
  if (joined === '') return 'Type';
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}
