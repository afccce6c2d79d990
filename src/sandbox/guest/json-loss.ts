/**
 * Guest code (injected into the isolate with `Function.prototype.toString`; standard built-ins only). Returns a
 * function that says what in a program's result JSON cannot carry, and where: `a function at result.items[2].format`.
 *
 * `JSON.stringify` throws only for BigInt and cycles; functions it drops (or turns into `null` in arrays), and Map,
 * Set and Error it turns into `{}` — silently, so a program that returns `{ byType }` (a Map) or `{ error }` (an Error)
 * hands back an empty object, and the model never learns why. Each of these is reported instead, with the way out.
 *
 * Call the factory before the program runs: the built-ins are captured then, so a program that replaces
 * `Array.isArray` or `Object.keys` changes only its own code.
 */
export function jsonLossChecker(): (value: unknown) => string | undefined {
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const objectKeys = Object.keys;
  const NativeMap = Map;
  const NativeSet = Set;
  const NativeError = Error;
  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
  /**
   * Values looked at, at most. Results are small (256 KiB by default, see `maxResultBytes`); a larger one is refused
   * by its size anyway, and the check must not double the time it takes to say so.
   */
  const MAX_VISITED = 200_000;

  return function lossInJson(root: unknown): string | undefined {
    // The path is kept as keys and spelled out only for the answer: building a string per value tripled the cost.
    const ancestors: object[] = [];
    const keys: (string | number)[] = [];
    let visited = 0;

    function pathTo(depth: number): string {
      let path = 'result';
      for (let index = 0; index < depth; index++) {
        const key = keys[index] as string | number;
        path +=
          typeof key === 'number' ? `[${key}]` : IDENTIFIER.test(key) ? `.${key}` : `[${stringify(key)}]`;
      }
      return path;
    }

    function walk(node: unknown, depth: number): string | undefined {
      visited += 1;
      if (visited > MAX_VISITED) return undefined;
      if (typeof node === 'bigint')
        return `a BigInt at ${pathTo(depth)}; convert it first (String(value) or Number(value))`;
      if (typeof node === 'function')
        return `a function at ${pathTo(depth)}; JSON has no functions: return data, not code`;
      if (typeof node !== 'object' || node === null) return undefined;
      const toJSON = (node as { toJSON?: unknown }).toJSON;
      // A Date (or any value with toJSON) says itself what it becomes.
      if (typeof toJSON === 'function') return walk(toJSON.call(node), depth);
      if (node instanceof NativeMap)
        return `a Map at ${pathTo(depth)}, which JSON turns into {}; convert it first (Object.fromEntries(map) or [...map])`;
      if (node instanceof NativeSet)
        return `a Set at ${pathTo(depth)}, which JSON turns into {}; convert it first ([...set])`;
      if (node instanceof NativeError)
        return `an Error at ${pathTo(depth)}, which JSON turns into {}; return what you need of it (error.message)`;
      for (let index = 0; index < depth; index++) {
        if (ancestors[index] === node)
          return `a circular reference at ${pathTo(depth)} (back to ${pathTo(index)}); return data without cycles`;
      }
      ancestors[depth] = node;
      if (isArray(node)) {
        for (let index = 0; index < node.length; index++) {
          keys[depth] = index;
          const found = walk(node[index], depth + 1);
          if (found !== undefined) return found;
        }
      } else {
        const names = objectKeys(node);
        for (let index = 0; index < names.length; index++) {
          const name = names[index] as string;
          keys[depth] = name;
          const found = walk((node as Record<string, unknown>)[name], depth + 1);
          if (found !== undefined) return found;
        }
      }
      ancestors.length = depth;
      return undefined;
    }

    return walk(root, 0);
  };
}
