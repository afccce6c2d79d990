/** `${NAME}` or `${NAME:-default}`; names as POSIX shells accept them. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A `${VAR}` reference whose variable is not set and has no default. */
export class MissingVariableError extends Error {
  override name = 'MissingVariableError';
  readonly variable: string;

  constructor(variable: string) {
    super(`environment variable ${variable} is not set (write \${${variable}:-default} to give a fallback)`);
    this.variable = variable;
  }
}

/**
 * Replaces `${VAR}` with the variable's value and `${VAR:-default}` with the value, or `default` when the variable is
 * unset or empty (the shell's rule, which is what users who write `:-` expect). Text without `${` is returned as is.
 *
 * @throws MissingVariableError when a variable without a default is not set.
 * @example
 * expandEnv('Bearer ${TOKEN}', { TOKEN: 'abc' }); // 'Bearer abc'
 * expandEnv('${PORT:-8080}', {}); // '8080'
 */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (fallback !== undefined) return value === undefined || value === '' ? fallback : value;
    if (value === undefined) throw new MissingVariableError(name);
    return value;
  });
}
