import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CatalogTool } from '../catalog/types.ts';

/** Errors named per failed check; more than this and the rest are counted. */
const MAX_ERRORS = 3;

/** Checks tool arguments and results against the tools' JSON Schemas. */
export interface ToolValidator {
  /** Why `args` do not fit the tool's `inputSchema`, or undefined when they do (or the schema cannot be compiled). */
  checkInput(tool: CatalogTool, args: object): string | undefined;
  /** Why a result's `structuredContent` does not fit the tool's `outputSchema`, or undefined. */
  checkOutput(tool: CatalogTool, value: unknown): string | undefined;
}

/**
 * A validator with compiled schemas cached per tool definition (a new catalog brings new definition objects, so a
 * changed schema is compiled again). Draft-07 and 2020-12 both work; formats are not checked (servers use formats
 * validators do not know, and a wrong `format` is the server's to report). A schema that does not compile is not
 * enforced: codemode never blocks a call on its own inability to read a schema.
 */
export function createToolValidator(): ToolValidator {
  const options = {
    strict: false,
    allErrors: true,
    verbose: true,
    validateFormats: false,
    validateSchema: false,
  } as const;
  const draft07 = new Ajv(options);
  const draft2020 = new Ajv2020(options);
  const compiled = new WeakMap<object, ValidateFunction | null>();

  function validatorOf(schema: unknown): ValidateFunction | null {
    if (typeof schema !== 'object' || schema === null) return null;
    let validate = compiled.get(schema);
    if (validate === undefined) {
      const dialect = (schema as { $schema?: unknown }).$schema;
      const is2020 = typeof dialect === 'string' && dialect.includes('2020-12');
      try {
        validate = (is2020 ? draft2020 : draft07).compile(schema);
      } catch {
        validate = null;
      }
      compiled.set(schema, validate);
    }
    return validate;
  }

  function check(schema: unknown, value: unknown, root: string): string | undefined {
    const validate = validatorOf(schema);
    if (!validate || validate(value)) return undefined;
    return describeErrors(validate.errors ?? [], root);
  }

  return {
    checkInput: (tool, args) => check(tool.definition.inputSchema, args, 'input'),
    checkOutput: (tool, value) => check(tool.definition.outputSchema, value, 'result'),
  };
}

/** `input.entities[0].name must be string (got number)` — JSON paths in JavaScript notation. */
function describeErrors(errors: ErrorObject[], root: string): string {
  const messages = errors.slice(0, MAX_ERRORS).map((error) => {
    const path = root + toPath(error.instancePath);
    switch (error.keyword) {
      case 'required':
        return `${path}.${String(error.params.missingProperty)} is required`;
      case 'additionalProperties':
        return `${path} has no property "${String(error.params.additionalProperty)}"`;
      case 'enum':
        return `${path} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      case 'type':
        return `${path} must be ${String(error.params.type)} (got ${typeName(error.data)})`;
      default:
        return `${path} ${error.message ?? 'is invalid'}`;
    }
  });
  const more = errors.length - messages.length;
  return messages.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) =>
      /^\d+$/.test(segment)
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `.${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join('');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
