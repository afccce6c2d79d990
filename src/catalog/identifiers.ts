/**
 * Server and tool names -> JavaScript identifiers, as DESIGN.md fixes it: `get-sum` -> `get_sum`, a leading digit gets a
 * leading `_`, reserved words (and, for namespaces, the sandbox's globals) get a trailing `_`. The mapping is a pure
 * function of the name, so the declarations and the sandbox always agree; collisions are the catalog's to report.
 */

/** Words that cannot name a function or a namespace in strict-mode TypeScript declarations. */
const RESERVED_WORDS = new Set([
  // ECMAScript reserved words, strict-mode ones included.
  ...['await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do'],
  ...['else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in'],
  ...['instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof'],
  ...['var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package'],
  ...['private', 'protected', 'public', 'arguments', 'eval'],
  // Names TypeScript gives a meaning to at the declaration level.
  ...['any', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'unknown', 'undefined', 'bigint'],
  // Would reach the object's prototype rather than define a method.
  '__proto__',
]);

/**
 * Globals a program relies on: a namespace with one of these names would hide it (or could not be defined at all).
 * Only namespaces are globals; a method named `Math` is harmless inside its namespace.
 */
const SANDBOX_GLOBALS = new Set([
  ...[
    'globalThis',
    'console',
    'ToolError',
    'Object',
    'Function',
    'Array',
    'String',
    'Number',
    'Boolean',
    'Symbol',
  ],
  ...[
    'BigInt',
    'Math',
    'JSON',
    'Date',
    'RegExp',
    'Promise',
    'Proxy',
    'Reflect',
    'Map',
    'Set',
    'WeakMap',
    'WeakSet',
  ],
  ...[
    'WeakRef',
    'Error',
    'TypeError',
    'RangeError',
    'SyntaxError',
    'ReferenceError',
    'EvalError',
    'URIError',
  ],
  ...['AggregateError', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Intl', 'Infinity', 'NaN'],
  ...['isFinite', 'isNaN', 'parseFloat', 'parseInt', 'encodeURI', 'encodeURIComponent', 'decodeURI'],
  ...['decodeURIComponent', 'escape', 'unescape', 'Iterator', 'FinalizationRegistry', 'WebAssembly'],
  ...[
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
  ],
  ...['Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Float16Array'],
]);

/** A name as an identifier: every character outside `[A-Za-z0-9_$]` becomes `_`; never empty, never a leading digit. */
function toIdentifier(name: string): string {
  const replaced = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (replaced === '') return '_';
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

/** The identifier of a tool inside its namespace. */
export function methodIdentifier(toolName: string): string {
  const identifier = toIdentifier(toolName);
  return RESERVED_WORDS.has(identifier) ? `${identifier}_` : identifier;
}

/** The global identifier of a server's namespace (from its config key). */
export function namespaceIdentifier(serverName: string): string {
  const identifier = toIdentifier(serverName);
  return RESERVED_WORDS.has(identifier) || SANDBOX_GLOBALS.has(identifier) ? `${identifier}_` : identifier;
}

/** True when `name` can be written bare in TypeScript as a property name. */
export function isPlainPropertyName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}
