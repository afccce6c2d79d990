/**
 * Guest code: renders console arguments the way Node's `util.inspect` does (its default depth 2, 80-column lines,
 * `[Circular *1]`, `Map(1) { 'a' => 1 }`, grouped number arrays, printf-style `%s %d %i %f %j %o %O %c`).
 *
 * This function runs INSIDE the isolate: its source text is injected with `Function.prototype.toString`, so it must
 * not reference anything outside its own body except `programStack` (injected alongside) and standard built-ins.
 */
export function formatLogArgs(args: unknown[]): string {
  const MAX_DEPTH = 2; // Node's default depth.
  const BREAK_LENGTH = 80; // Node's default line width.
  const MAX_ARRAY_ITEMS = 100; // Node's maxArrayLength.
  const MAX_STRING_LENGTH = 10_000; // Node's maxStringLength.
  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
  const circular = new Map<object, number>();
  const ancestors: object[] = [];

  function quote(text: string): string {
    const mark = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('`') ? '`' : "'";
    const shown = text.length > MAX_STRING_LENGTH ? text.slice(0, MAX_STRING_LENGTH) : text;
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    const escaped = shown.replace(/[\\\x00-\x1f\x7f]|'|"|`/g, (character) => {
      if (character !== '\\' && character.length === 1 && character >= ' ' && character !== mark)
        return character;
      const named: Record<string, string> = {
        '\n': '\\n',
        '\t': '\\t',
        '\r': '\\r',
        '\b': '\\b',
        '\f': '\\f',
      };
      if (named[character]) return named[character];
      if (character === '\\' || character === mark) return `\\${character}`;
      return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
    });
    const more = text.length - shown.length;
    return `${mark}${escaped}${mark}${more > 0 ? `... ${more} more character${more > 1 ? 's' : ''}` : ''}`;
  }

  function formatKey(key: string | symbol): string {
    if (typeof key === 'symbol') return `[${key.toString()}]`;
    return IDENTIFIER.test(key) ? key : quote(key);
  }

  function formatFunction(value: object): string {
    const source = Function.prototype.toString.call(value);
    const name = (value as { name?: unknown }).name;
    const shown = typeof name === 'string' && name !== '' ? name : '';
    if (source.startsWith('class')) return `[class ${shown || '(anonymous)'}]`;
    const kind = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor
      ?.name;
    const label = kind && kind !== 'Function' ? kind : 'Function';
    return `[${label}${shown ? `: ${shown}` : ' (anonymous)'}]`;
  }

  function formatError(error: Error, indent: number): string {
    let header: string;
    try {
      const stack = typeof error.stack === 'string' ? programStack(error.stack) : '';
      header = stack || `${String(error.name)}: ${String(error.message)}`;
    } catch {
      header = 'Error';
    }
    if (!header.includes('\n    at ')) header = `[${header}]`;
    return indent > 0 ? header.split('\n').join(`\n${' '.repeat(indent)}`) : header;
  }

  function constructorName(value: object): string | null {
    const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    if (prototype === null) return null;
    const name = prototype.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'Object';
  }

  function isBelowBreakLength(output: string[], start: number, base: string): boolean {
    let total = output.length + start;
    if (total + output.length > BREAK_LENGTH) return false;
    for (const entry of output) {
      total += entry.length;
      if (total > BREAK_LENGTH) return false;
    }
    return base === '' || !base.includes('\n');
  }

  /** Node's groupArrayElements: many short entries are laid out in aligned columns. */
  function groupArray(output: string[], indent: number, value: unknown[], hasMore: boolean): string[] {
    const count = hasMore ? output.length - 1 : output.length;
    const lengths = output.slice(0, count).map((entry) => entry.length);
    const total = lengths.reduce((sum, length) => sum + length + 2, 0);
    const maxLength = Math.max(0, ...lengths);
    const actualMax = maxLength + 2;
    if (!(actualMax * 3 + indent < BREAK_LENGTH && (total / actualMax > 5 || maxLength <= 6))) return output;
    const biasedMax = Math.max(actualMax - 3 - Math.sqrt(actualMax - total / output.length), 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * count) / biasedMax),
      Math.floor((BREAK_LENGTH - indent) / actualMax),
      12, // Node: compact (3) x 4.
    );
    if (columns <= 1) return output;
    const widths: number[] = [];
    for (let column = 0; column < columns; column += 1) {
      let width = 0;
      for (let index = column; index < count; index += columns) width = Math.max(width, lengths[index] ?? 0);
      widths.push(width + 2);
    }
    const numeric = value
      .slice(0, count)
      .every((item) => typeof item === 'number' || typeof item === 'bigint');
    const rows: string[] = [];
    for (let index = 0; index < count; index += columns) {
      const end = Math.min(index + columns, count);
      let row = '';
      for (let at = index; at < end - 1; at += 1) {
        const cell = `${output[at]}, `;
        row += numeric ? cell.padStart(widths[at - index] ?? 0) : cell.padEnd(widths[at - index] ?? 0);
      }
      const last = output[end - 1] ?? '';
      row += numeric ? last.padStart((widths[end - 1 - index] ?? 2) - 2) : last;
      rows.push(row);
    }
    if (hasMore) rows.push(output[output.length - 1] ?? '');
    return rows;
  }

  function reduce(output: string[], base: string, braces: [string, string], indent: number): string {
    const prefix = base ? `${base} ` : '';
    const start = output.length + indent + braces[0].length + base.length + 10;
    if (isBelowBreakLength(output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${prefix}${braces[0]} ${joined} ${braces[1]}`;
    }
    const newline = `\n${' '.repeat(indent)}`;
    return `${prefix}${braces[0]}${newline}  ${output.join(`,${newline}  `)}${newline}${braces[1]}`;
  }

  function formatProperties(value: object, keys: (string | symbol)[], indent: number): string[] {
    const output: string[] = [];
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      let shown: string;
      if (descriptor.get || descriptor.set) {
        shown =
          descriptor.get && descriptor.set ? '[Getter/Setter]' : descriptor.get ? '[Getter]' : '[Setter]';
      } else {
        shown = inspect(descriptor.value, indent + 2, true);
      }
      output.push(`${formatKey(key)}: ${shown}`);
    }
    return output;
  }

  function ownKeys(value: object, skipIndexes: boolean): (string | symbol)[] {
    const keys: (string | symbol)[] = Object.keys(value);
    const filtered = skipIndexes ? keys.filter((key) => typeof key !== 'string' || !/^\d+$/.test(key)) : keys;
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.getOwnPropertyDescriptor(value, symbol)?.enumerable) filtered.push(symbol);
    }
    return filtered;
  }

  function inspectObject(value: object, indent: number): string {
    const name = constructorName(value);
    const tag = name === null ? '[Object: null prototype]' : name;
    // `ancestors` holds this object too: depth 0 is a top-level argument.
    if (ancestors.length - 1 > MAX_DEPTH) {
      return Array.isArray(value) ? '[Array]' : `[${name === null ? 'Object: null prototype' : name}]`;
    }
    if (value instanceof Error) {
      const extra = formatProperties(
        value,
        ownKeys(value, false).filter((key) => key !== 'stack'),
        indent,
      );
      const base = formatError(value, indent);
      return extra.length === 0 ? base : reduce(extra, base, ['{', '}'], indent);
    }
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (value instanceof Promise) return 'Promise { <unknown> }';
    if (value instanceof WeakMap || value instanceof WeakSet) return `${tag} { <items unknown> }`;
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return `[${tag}: ${inspect(value.valueOf(), indent, true)}]`;
    }
    let output: string[] = [];
    let braces: [string, string] = ['{', '}'];
    let base = '';
    let keys = ownKeys(value, false);
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = value as unknown as ArrayLike<unknown>;
      const shown = Math.min(items.length, MAX_ARRAY_ITEMS);
      for (let index = 0; index < shown; index += 1) {
        if (!(index in items)) {
          let holes = 1;
          while (index + holes < shown && !(index + holes in items)) holes += 1;
          output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
          index += holes - 1;
        } else {
          output.push(inspect(items[index], indent + 2, true));
        }
      }
      const more = items.length - shown;
      if (more > 0) output.push(`... ${more} more item${more > 1 ? 's' : ''}`);
      keys = ownKeys(value, true);
      braces = [Array.isArray(value) && name === 'Array' ? '[' : `${tag}(${items.length}) [`, ']'];
      if (output.length > 6) output = groupArray(output, indent, Array.from(items).slice(0, shown), more > 0);
    } else if (value instanceof Map) {
      for (const [key, item] of value)
        output.push(`${inspect(key, indent + 2, true)} => ${inspect(item, indent + 2, true)}`);
      braces = [`${tag}(${value.size}) {`, '}'];
    } else if (value instanceof Set) {
      for (const item of value) output.push(inspect(item, indent + 2, true));
      braces = [`${tag}(${value.size}) {`, '}'];
    } else if (value instanceof ArrayBuffer) {
      const bytes = Array.from(new Uint8Array(value, 0, Math.min(value.byteLength, 50)), (byte) =>
        byte.toString(16).padStart(2, '0'),
      );
      const more = value.byteLength > 50 ? ` ... ${value.byteLength - 50} more bytes` : '';
      output.push(`[Uint8Contents]: <${bytes.join(' ')}${more}>`, `[byteLength]: ${value.byteLength}`);
      braces = [`${tag} {`, '}'];
    } else if (typeof value === 'function') {
      base = formatFunction(value);
      if (keys.length === 0) return base;
    } else if (tag !== 'Object') {
      braces = [`${tag} {`, '}'];
    }
    output.push(...formatProperties(value, keys, indent));
    if (output.length === 0 && base === '') return `${braces[0]}${braces[1]}`;
    return reduce(output, base, braces, indent);
  }

  function inspect(value: unknown, indent: number, nested: boolean): string {
    switch (typeof value) {
      case 'string':
        return nested ? quote(value) : value;
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      case 'undefined':
      case 'boolean':
        return String(value);
      default:
        break;
    }
    if (value === null) return 'null';
    const object = value as object;
    if (ancestors.includes(object)) {
      let index = circular.get(object);
      if (index === undefined) {
        index = circular.size + 1;
        circular.set(object, index);
      }
      return `[Circular *${index}]`;
    }
    if (typeof value === 'function' && ownKeys(value, false).length === 0) return formatFunction(value);
    ancestors.push(object);
    let shown: string;
    try {
      shown = inspectObject(object, indent);
    } finally {
      ancestors.pop();
    }
    const reference = circular.get(object);
    return reference === undefined ? shown : `<ref *${reference}> ${shown}`;
  }

  function safeInspect(value: unknown): string {
    try {
      return inspect(value, 0, false);
    } catch (error) {
      return `[uninspectable: ${error instanceof Error ? error.message : 'unknown error'}]`;
    }
  }

  function applyFormat(format: string, rest: unknown[]): string {
    let used = 0;
    const text = format.replace(/%[sdifjoOc%]/g, (token) => {
      if (token === '%%') return '%';
      if (used >= rest.length) return token;
      const argument = rest[used++];
      switch (token) {
        case '%s':
          if (typeof argument === 'bigint') return `${argument}n`;
          return typeof argument === 'object' && argument !== null ? safeInspect(argument) : String(argument);
        case '%d':
        case '%i':
        case '%f': {
          if (typeof argument === 'bigint') return `${argument}n`;
          if (typeof argument === 'symbol') return 'NaN';
          const number = token === '%d' ? Number(argument) : Number.parseFloat(String(argument));
          return String(token === '%i' ? Math.trunc(number) : number);
        }
        case '%j':
          try {
            return JSON.stringify(argument) ?? 'undefined';
          } catch {
            return '[Circular]';
          }
        case '%c':
          return '';
        default:
          return safeInspect(argument);
      }
    });
    return [text, ...rest.slice(used).map(safeInspect)].join(' ');
  }

  const [first, ...rest] = args;
  if (typeof first === 'string' && rest.length > 0 && first.includes('%')) return applyFormat(first, rest);
  return args.map(safeInspect).join(' ');
}

/** Declared for the type checker only: the real one is injected next to this function in the guest. */
declare function programStack(stack: string): string;
