import { CodeModeError } from '../errors.ts';

/** A wrong flag or argument: the CLI prints the message and exits with status 2. */
export function usageError(message: string): CodeModeError {
  return new CodeModeError('USAGE', message);
}

/** Parses a positive integer flag value, naming the flag when it is not one. */
export function parsePositiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number <= 0) {
    throw usageError(`${flag} expects a positive whole number, got "${value}"`);
  }
  return number;
}
