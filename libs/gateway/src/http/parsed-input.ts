import { AppError } from '@mpp/platform';

/**
 * How deep parsed input may nest (objects and arrays). Our deepest body nests 3 levels; 32 leaves room for
 * free-form JSON and keeps class-transformer and class-validator, which recurse several frames per level,
 * far from the end of the stack (5,000 levels overflowed it).
 */
export const MAX_INPUT_DEPTH = 32;

// NUL, and a surrogate that is not half of a pair (in a u-mode class a well-formed pair is one code point
// and never matches): PostgreSQL refuses NUL in text, and encodeURIComponent (class-validator's isEmail) throws
// on a lone surrogate.
const MALFORMED_TEXT = /[\0\uD800-\uDFFF]/u;

/** Whether text is well-formed Unicode without NUL characters. */
export function isWellFormedText(text: string): boolean {
  return !MALFORMED_TEXT.test(text);
}

/** 400 MALFORMED_TEXT naming the field. */
export const malformedText = (field: string, message: string) =>
  AppError.badInput('The request holds text that is not well-formed Unicode or holds NUL characters.', [{ field, message }], 'MALFORMED_TEXT');

/**
 * Names every object inherits (`toString`, `constructor`, `__proto__`): class-validator's unknown-field check
 * and plain-object lookups downstream take them as present, so no input may use them as a name.
 */
const isBuiltInName = (key: string) => key === '__proto__' || key === 'prototype' || key in Object.prototype;

const tooDeep = () => AppError.badInput(`The request nests objects or arrays deeper than ${MAX_INPUT_DEPTH} levels.`, undefined, 'JSON_TOO_DEEP');

/**
 * Why parsed input (a JSON body, a query, form fields) cannot be taken, or undefined: nested deeper than
 * MAX_INPUT_DEPTH (400 JSON_TOO_DEEP), a name or text value that is not well-formed (400 MALFORMED_TEXT
 * naming its path, e.g. `items.0.name`), a built-in name as a field or a null value (400 VALIDATION_FAILED). Walks with its own stack, so no input can overflow the call stack.
 */
export function parsedInputError(input: unknown): AppError | undefined {
  const pending = [{ value: input, path: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string' && !isWellFormedText(value)) return malformedText(path || '(body)', 'must be well-formed Unicode text without NUL characters');
    // No field of the API is nullable: a null would pass an optional field's checks as if it were left out.
    if (value === null && path) return AppError.badInput('The request is not valid.', [{ field: path, message: `${path} must not be null` }]);
    if (typeof value !== 'object' || value === null) continue;
    if (depth === MAX_INPUT_DEPTH) return tooDeep();
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (!isWellFormedText(key)) return malformedText(field, 'the name must be well-formed Unicode text without NUL characters');
      if (isBuiltInName(key)) return AppError.badInput('The request is not valid.', [{ field, message: `property ${key} should not exist` }]);
      pending.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return undefined;
}
