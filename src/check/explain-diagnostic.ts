import { closestName } from '../catalog/suggest-name.ts';
import type { Catalog } from '../catalog/types.ts';

/** What a caught ToolError carries (see PRELUDE_DECLARATIONS). */
const TOOL_ERROR_MEMBERS = ['message', 'server', 'tool', 'content', 'code', 'name', 'stack'];

/**
 * Globals of Node.js, browsers and test runners that models reach for. The sandbox is a bare V8 isolate, so TypeScript
 * is right that they do not exist, but its advice (install @types/node, add a lib) is for a project, not a program.
 */
const HOST_GLOBALS = new Set([
  'require', 'module', 'exports', '__dirname', '__filename', 'process', 'Buffer', 'global',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask',
  'fetch', 'Request', 'Response', 'Headers', 'FormData', 'AbortController', 'URL', 'URLSearchParams',
  'TextEncoder', 'TextDecoder', 'structuredClone', 'atob', 'btoa', 'crypto', 'performance',
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'Deno', 'Bun',
]); // prettier-ignore

const HOST_NOTE =
  'Programs run in a bare V8 isolate: no Node.js or web APIs (require, process, fetch, timers, URL, …); ' +
  'only the servers’ tools reach outside.';

/** String.prototype's HTML methods (`'a'.bold()`): TypeScript suggests them for typos, never what a program means. */
const LEGACY_STRING_METHODS = new Set(
  'anchor big blink bold fixed fontcolor fontsize italics link small strike sub sup'.split(' '),
);

/** 2580–2593: "Cannot find name 'x'. Do you need to install type definitions for node / jQuery / a test runner?" */
const MISSING_TYPE_DEFINITIONS = new Set([2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593]);

/** 2550, 2583: "… Do you need to change your target library? Try changing the 'lib' compiler option …" */
const TARGET_LIBRARY_ADVICE = / Do you need to change your target library\?.*$/s;
const SANDBOX_LIB_NOTE =
  'The sandbox does not have it: its built-ins are ES2024, plus ES2025’s Set methods and iterator helpers.';

/**
 * Rewords a TypeScript message for a model writing one program against the API: TypeScript's advice about a project's
 * setup is replaced by what is true in the sandbox, and for the API's own names (a namespace's members, an unknown
 * namespace, a ToolError member) — where TypeScript rarely suggests anything — the closest real name is added.
 */
export function explainDiagnostic(message: string, code: number, catalog: Catalog): string {
  const namespaces = catalog.servers.map((server) => server.namespace);
  const missing = /^Cannot find name '([^']+)'/.exec(message)?.[1];
  if (missing !== undefined && (MISSING_TYPE_DEFINITIONS.has(code) || HOST_GLOBALS.has(missing))) {
    return `Cannot find name '${missing}'. ${HOST_NOTE}`;
  }
  if (TARGET_LIBRARY_ADVICE.test(message))
    return message.replace(TARGET_LIBRARY_ADVICE, ` ${SANDBOX_LIB_NOTE}`);
  if (forgotAwait(message)) return `${message} Did you forget to use 'await'?`;
  const legacy = /^(Property '[^']+' does not exist on type 'string'\.) Did you mean '([a-z]+)'\?$/.exec(
    message,
  );
  if (legacy && LEGACY_STRING_METHODS.has(legacy[2] ?? '')) return legacy[1] ?? message;
  if (/Did you mean/.test(message)) return message;
  const wrapped = /^Property '([^']+)' does not exist on type '\{ ([\w$]+)\??: ([^;{}]+); \}'\.$/.exec(
    message,
  );
  if (wrapped && memberOf(wrapped[3] ?? '', wrapped[1] ?? '')) {
    return `${message} The value is an object: did you mean '.${wrapped[2]}.${wrapped[1]}'?`;
  }
  if (code === 2304 && missing !== undefined) {
    const best = closestName(missing, namespaces);
    return `${message}${best ? ` Did you mean '${best}'?` : ''} Servers: ${namespaces.join(', ') || 'none'}.`;
  }
  if (code === 2339 && /on type 'ToolError'/.test(message)) {
    const name = /Property '([^']+)'/.exec(message)?.[1] ?? '';
    const best = closestName(name, TOOL_ERROR_MEMBERS) ?? closestPrefix(name, TOOL_ERROR_MEMBERS);
    return `${message}${best ? ` Did you mean '${best}'?` : ''} ToolError has: ${TOOL_ERROR_MEMBERS.join(', ')}.`;
  }
  if (code === 2339) {
    const match = /Property '([^']+)' does not exist on type 'typeof ([\w$]+)'/.exec(message);
    const server = catalog.servers.find((entry) => entry.namespace === match?.[2]);
    if (!match || !server) return message;
    const method = match[1] ?? '';
    const elsewhere = catalog.servers.find((other) => other.tools.some((tool) => tool.method === method));
    if (elsewhere) return `${message} Did you mean '${elsewhere.namespace}.${method}'?`;
    const methods = server.tools.map((tool) => tool.method);
    const best = closestName(method, methods);
    const list = methods.length <= 30 ? ` ${server.namespace} has: ${methods.join(', ')}.` : '';
    return `${message}${best ? ` Did you mean '${best}'?` : ''}${list}`;
  }
  return message;
}

/**
 * A Promise used as the value it resolves to: a property read, destructured or iterated, passed or assigned where a
 * value is expected. TypeScript suggests `await` for some of these forms only.
 */
function forgotAwait(message: string): boolean {
  if (/await/.test(message)) return false;
  const head = message.split('\n', 1)[0] ?? '';
  return (
    /^Property '[^']+' does not exist on type 'Promise</.test(head) ||
    /^Type 'Promise<.*' must have a '\[Symbol\.iterator\]\(\)'/.test(head) ||
    /^(Type|Argument of type) 'Promise<.*' is not assignable to (parameter of )?type '(?!Promise<|PromiseLike<)/.test(
      head,
    )
  );
}

/**
 * Whether a value of the type spelled `type` (a string, number or array) has the member `name`: then a result wrapped
 * in a one-property object (`{ content: string }`) was used as the value inside it (`.split`).
 */
function memberOf(type: string, name: string): boolean {
  const prototype =
    type === 'string'
      ? String.prototype
      : type === 'number'
        ? Number.prototype
        : /\[\]$/.test(type)
          ? Array.prototype
          : undefined;
  return prototype !== undefined && name in prototype;
}

/** A member that `name` starts with or that starts `name` (`toolName` -> `tool`). */
function closestPrefix(name: string, members: string[]): string | undefined {
  const lowered = name.toLowerCase();
  return members.find((member) => lowered.startsWith(member) || member.startsWith(lowered));
}
