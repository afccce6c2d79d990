import type { CatalogTool } from '../catalog/types.ts';
import type { JsonSchema } from '../json-schema.ts';
import { docComment, firstSentence } from './doc-comment.ts';
import type { ObservedLookup } from './generate-declarations.ts';
import { printBody, printType } from './print-type.ts';
import { type Detail, resolvePointer, schemaToNode } from './schema-to-type.ts';
import { type TypeAliases, breakAliasCycles, pascalCase, typeAliases } from './type-aliases.ts';
import { type SharedParameters, groupSchema, sharedParameters, splitInput } from './shared-parameters.ts';
import { shareShapes } from './shared-shapes.ts';
import { ANY_OBJECT, type TypeNode, UNKNOWN, intersection, shapeKey, text } from './type-node.ts';

/** How a namespace is written; see `DeclarationOptions`. */
export interface NamespaceSettings {
  detail: Detail;
  undeclaredOutput: 'unknown' | 'any';
  observed: ObservedLookup | undefined;
}

/**
 * A namespace's members start at column 0 and nesting adds one space: in o200k a single space joins the token after
 * it, while every longer run of spaces is a token of its own, on every line. The namespace is one level of braces.
 */
const MEMBER = '';

/**
 * Type names a named shape or parameter group never takes: the ones the declarations use (`Partial<Owner>`,
 * `Promise`, `Record`) and built-ins a reader would take for the real thing.
 */
const RESERVED_TYPE_NAMES = [
  ...['Array', 'Boolean', 'Date', 'Error', 'Function', 'Map', 'Number', 'Object', 'Partial', 'Pick'],
  ...['Promise', 'ReadonlyArray', 'Record', 'Set', 'String', 'Symbol', 'ToolError'],
];

interface Signature {
  tool: CatalogTool;
  input: TypeNode;
  output: TypeNode;
  optionalInput: boolean;
  observedCalls: number | undefined;
}

/**
 * One `declare namespace` with a function per tool. Parameters several tools share become interfaces (parameter
 * groups), shapes that repeat named types, recursive definitions named type aliases; all declared at the top of the
 * namespace, before the functions.
 */
export function namespaceDeclarations(
  namespace: string,
  tools: readonly CatalogTool[],
  settings: NamespaceSettings,
): string {
  const { detail } = settings;
  const server = tools[0]?.server ?? namespace;
  const aliases = typeAliases([...RESERVED_TYPE_NAMES, ...tools.map((tool) => tool.method)]);
  // Sharing pays for itself in descriptions: the compact level has none, so it lists parameters inline.
  const shared: SharedParameters =
    detail === 'full' ? sharedParameters(tools, aliases.taken) : { groups: [] };
  const groups = shared.groups.map((group) => ({
    group,
    node: schemaToNode(groupSchema(group), { detail }),
  }));
  const signatures = tools.map((tool) => signature(tool, settings, shared, aliases));
  breakAliasCycles(aliases);
  const roots = [
    ...groups.map(({ node }) => node),
    ...signatures.flatMap(({ input, output }) => [input, output]),
    ...aliases.declarations.values(),
  ];
  // A recursive definition written out somewhere else (the input a `$ref: "#"` points to) prints as its name.
  const known = new Map(
    [...aliases.declarations].map(([name, node]) => [shapeKey(node), { name, doc: node.doc }]),
  );
  const shapes = shareShapes(roots, aliases.taken, known);
  const print = { names: shapes.names };

  const head: string[] = [];
  if (groups.length > 0) head.push(`${MEMBER}// Parameters several tools below take, declared once.`);
  for (const { group, node } of groups) {
    head.push(`${MEMBER}interface ${group.name} ${printBody(node, MEMBER, print)}`);
  }
  const declared = [...aliases.declarations].map(([name, node]) => ({ name, node }));
  for (const { name, node } of [...declared, ...shapes.declarations]) {
    const doc = node.doc === undefined ? [] : docComment(node.doc, MEMBER);
    head.push(...doc, `${MEMBER}type ${name} = ${printBody(node, MEMBER, print)};`);
  }
  const functions = signatures.map((entry) => {
    const doc = docComment(describeTool(entry, detail), MEMBER);
    const input = printType(entry.input, MEMBER, print);
    const output = printType(entry.output, MEMBER, print);
    const parameter = `input${entry.optionalInput ? '?' : ''}: ${input}`;
    return [...doc, `${MEMBER}function ${entry.tool.method}(${parameter}): Promise<${output}>;`].join('\n');
  });
  const separator = detail === 'full' ? '\n\n' : '\n';
  const body = [...(head.length > 0 ? [head.join('\n')] : []), ...functions].join(separator);
  const comment = server === namespace ? '' : `// server "${server}"\n`;
  return `${comment}declare namespace ${namespace} {\n${body}\n}\n`;
}

function signature(
  tool: CatalogTool,
  settings: NamespaceSettings,
  shared: SharedParameters,
  aliases: TypeAliases,
): Signature {
  const { definition } = tool;
  const base = pascalCase(tool.method);
  const seen = definition.outputSchema ? undefined : settings.observed?.(tool.server, definition.name);
  const optionalInput = !requiresInput(definition.inputSchema, definition.inputSchema);
  try {
    aliases.rootName = `${base}Input`;
    const input = inputType(definition.inputSchema, shared, settings.detail, aliases);
    aliases.rootName = `${base}Output`;
    const output = definition.outputSchema
      ? schemaToNode(definition.outputSchema, { detail: settings.detail, aliases })
      : // Observed types are printed from column 0, where the namespace's members start.
        text(seen?.type ?? settings.undeclaredOutput);
    return { tool, input, output, optionalInput, observedCalls: seen?.calls };
  } catch {
    // Translation is written not to throw on any schema; should it still, one tool's types are lost, not the API.
    return { tool, input: ANY_OBJECT, output: UNKNOWN, optionalInput: true, observedCalls: undefined };
  }
}

/** The tool's JSDoc: its description, what its annotations promise, and where its result type came from. */
function describeTool(entry: Signature, detail: Detail): string {
  const { tool, observedCalls } = entry;
  const { definition } = tool;
  const description = definition.description ?? definition.title ?? definition.annotations?.title ?? '';
  const lines = [detail === 'full' ? description : firstSentence(description)];
  const tags: string[] = [];
  // The method is the MCP name with `-` as `_`; only a name changed beyond that is worth a note.
  if (definition.name.replace(/-/g, '_') !== tool.method)
    tags.push(`@mcpName ${JSON.stringify(definition.name)}`);
  // Only `@destructive` is worth its tokens: it warns of an approval prompt or a denial under a policy. A read-only
  // mark changes nothing a program would do, and under the `readOnly` policy every listed tool is read-only anyway.
  if (
    detail === 'full' &&
    definition.annotations?.destructiveHint === true &&
    definition.annotations.readOnlyHint !== true
  )
    tags.push('@destructive');
  if (observedCalls !== undefined) {
    const calls = `${observedCalls} call${observedCalls === 1 ? '' : 's'}`;
    tags.push(`@observed result type from ${calls}, not declared by the server: fields may be missing`);
  }
  const first = lines.join('\n').trim();
  if (tags.length === 0) return first;
  // Tags ride on a one-line description's line, as the property docs do.
  return first.includes('\n') || first === '' ? `${first}\n${tags.join(' ')}` : `${first} ${tags.join(' ')}`;
}

/** `input?: {}`: a tool without parameters, which a program may still call with `{}`. */
const NO_PARAMETERS = text('{}');

/** An input schema that declares no parameters and allows no others by name or pattern. */
function takesNothing(schema: JsonSchema): boolean {
  const { properties } = schema;
  const empty = typeof properties === 'object' && properties !== null && Object.keys(properties).length === 0;
  return (
    empty &&
    schema.additionalProperties === undefined &&
    schema.patternProperties === undefined &&
    !hasRequired(schema)
  );
}

/** Deep enough for real schemas (a `$ref` to an `allOf`), and bounded for `$ref` cycles. */
const MAX_REQUIRES_DEPTH = 8;

/**
 * Whether every input the schema accepts has some key: then `input` is not optional, so a call without it fails the
 * type check rather than the server's validation. Required keys may come from `allOf` parts, a local `$ref`, or
 * every variant of an `anyOf`/`oneOf` (`oneOf: [{ required: ["id"] }, { required: ["name"] }]`).
 */
function requiresInput(schema: unknown, root: JsonSchema, depth = 0): boolean {
  if (depth > MAX_REQUIRES_DEPTH || typeof schema !== 'object' || schema === null) return false;
  if (hasRequired(schema)) return true;
  const { allOf, anyOf, oneOf, $ref } = schema as Record<string, unknown>;
  const requires = (part: unknown) => requiresInput(part, root, depth + 1);
  if (Array.isArray(allOf) && allOf.some(requires)) return true;
  for (const variants of [anyOf, oneOf])
    if (Array.isArray(variants) && variants.length > 0 && variants.every(requires)) return true;
  return typeof $ref === 'string' && requires(resolvePointer(root, $ref));
}

function hasRequired(schema: unknown): boolean {
  const required = (schema as { required?: unknown } | undefined)?.required;
  return Array.isArray(required) && required.length > 0;
}

/** The input type: the parameter groups it takes (`OwnerRepo & Partial<Paging>`), and the rest inline. */
function inputType(
  schema: JsonSchema,
  shared: SharedParameters,
  detail: Detail,
  aliases: TypeAliases,
): TypeNode {
  const { uses, rest, restIsEmpty } = splitInput(schema, shared);
  if (uses.length === 0)
    return takesNothing(schema) ? NO_PARAMETERS : schemaToNode(schema, { detail, aliases });
  return intersection([
    ...uses.map(({ group, partial }) => text(partial ? `Partial<${group.name}>` : group.name)),
    ...(restIsEmpty ? [] : [schemaToNode(rest, { detail, aliases })]),
  ]);
}
