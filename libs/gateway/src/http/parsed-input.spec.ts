import { AppError } from '@mpp/platform';
import { isWellFormedText, MAX_INPUT_DEPTH, parsedInputError } from './parsed-input';

const nested = (levels: number, wrap: (inner: unknown) => unknown): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
};

describe('parsedInputError', () => {
  it('takes input nested MAX_INPUT_DEPTH levels deep', () => {
    expect(parsedInputError(nested(MAX_INPUT_DEPTH, (a) => ({ a })))).toBeUndefined();
    expect(parsedInputError(nested(MAX_INPUT_DEPTH, (a) => [a]))).toBeUndefined();
  });

  it.each([
    ['objects', (a: unknown) => ({ a })],
    ['arrays', (a: unknown) => [a]],
  ])('refuses %s one level deeper, and 5,000 levels without overflowing the stack', (_kind, wrap) => {
    for (const levels of [MAX_INPUT_DEPTH + 1, 5000]) {
      const error = parsedInputError(nested(levels, wrap));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'JSON_TOO_DEEP', category: 'bad_input' });
    }
  });

  it.each([
    ['a lone high surrogate', { email: 'a\ud800@example.com' }, 'email'],
    ['a lone low surrogate', { user: { name: '\udc00x' } }, 'user.name'],
    ['surrogates in the wrong order', { note: '\udc00\ud800' }, 'note'],
    ['NUL', { items: [{ name: 'ok' }, { name: 'a\0b' }] }, 'items.1.name'],
    ['NUL in a name', { 'a\0': 1 }, 'a\0'],
    ['a lone surrogate in a nested name', { params: { '\ud800': 'x' } }, 'params.\ud800'],
  ])('refuses %s with MALFORMED_TEXT naming its path', (_case, input, field) => {
    expect(parsedInputError(input)).toMatchObject({ code: 'MALFORMED_TEXT', category: 'bad_input', errors: [{ field, message: expect.any(String) }] });
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', '__defineGetter__'])('refuses %s as a field name, at any depth', (name) => {
    for (const [input, field] of [
      [JSON.parse(`{"${name}": 1}`), name],
      [JSON.parse(`{"params": {"${name}": "x"}}`), `params.${name}`],
    ]) {
      expect(parsedInputError(input)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, message: `property ${name} should not exist` }] });
    }
  });

  it('refuses null as a value: no field of the API is nullable', () => {
    expect(parsedInputError({ request: null })).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'request', message: 'request must not be null' }] });
    expect(parsedInputError({ list: ['a', null] })).toMatchObject({ errors: [{ field: 'list.1' }] });
  });

  it('takes well-formed text, astral characters included, and values that are not text', () => {
    expect(parsedInputError({ name: 'Zoë 😀 中文', n: 1, ok: true, list: ['🎉', 2] })).toBeUndefined();
    expect(parsedInputError(undefined)).toBeUndefined();
  });
});

describe('isWellFormedText', () => {
  it('tells pairs from lone surrogates', () => {
    expect(isWellFormedText('😀')).toBe(true);
    expect(isWellFormedText('\ud83d')).toBe(false);
    expect(isWellFormedText('\ude00')).toBe(false);
    expect(isWellFormedText('\u0000')).toBe(false);
    expect(isWellFormedText('\ufffd')).toBe(true);
  });
});
