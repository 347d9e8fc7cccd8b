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
const BUILT_IN_NAMES = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const isBuiltInName = (key: string) => BUILT_IN_NAMES.has(key);

const tooDeep = () => AppError.badInput(`The request nests objects or arrays deeper than ${MAX_INPUT_DEPTH} levels.`, undefined, 'JSON_TOO_DEEP');

/**
 * Why parsed input (a JSON body, a query, form fields) cannot be taken, or undefined: nested deeper than
 * MAX_INPUT_DEPTH (400 JSON_TOO_DEEP), a name or text value that is not well-formed (400 MALFORMED_TEXT
 * naming its path, e.g. `items.0.name`), a built-in name as a field or a null value (400 VALIDATION_FAILED). Walks with its own stack, so no input can overflow the call stack.
 */
export function parsedInputError(input: unknown): AppError | undefined {
  // Paths are spelled out only for an answer: a collect batch walks thousands of values, nearly always all good.
  interface Visit {
    value: unknown;
    key: string;
    parent?: Visit;
    depth: number;
  }
  const pathOf = (visit: Visit): string => (visit.parent?.parent ? `${pathOf(visit.parent)}.${visit.key}` : visit.key);
  const pending: Visit[] = [{ value: input, key: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string' && !isWellFormedText(value)) return malformedText(pathOf(next) || '(body)', 'must be well-formed Unicode text without NUL characters');
    // No field of the API is nullable: a null would pass an optional field's checks as if it were left out.
    if (value === null && next.parent) return AppError.badInput('The request is not valid.', [{ field: pathOf(next), message: `${pathOf(next)} must not be null` }]);
    if (typeof value !== 'object' || value === null) continue;
    if (depth === MAX_INPUT_DEPTH) return tooDeep();
    for (const key of Object.keys(value)) {
      const visit: Visit = { value: (value as Record<string, unknown>)[key], key, parent: next, depth: depth + 1 };
      if (!isWellFormedText(key)) return malformedText(pathOf(visit), 'the name must be well-formed Unicode text without NUL characters');
      if (isBuiltInName(key)) return AppError.badInput('The request is not valid.', [{ field: pathOf(visit), message: `property ${key} should not exist` }]);
      pending.push(visit);
    }
  }
  return undefined;
}
