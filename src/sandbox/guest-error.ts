import type { GuestErrorShape } from './types.ts';

/**
 * What a host tool handler throws to fail one call: the program gets an instance of its guest error class `name`
 * (`ToolError`, `TypeError`, …) with `message` and `data`'s fields. Only these three cross into the sandbox — never the
 * host stack.
 */
export class GuestError extends Error implements GuestErrorShape {
  readonly data: Record<string, unknown> | undefined;

  constructor(name: string, message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = name;
    this.data = data;
  }
}
