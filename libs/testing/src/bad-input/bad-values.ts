/**
 * Values no valid request carries, in plain lists. A value that would be long or deep is a small descriptor
 * (`{ $repeat }`, `{ $deep }`, `{ $raw }`), so a counterexample prints short; `materialize` and `jsonText` expand it.
 */

/** Names every JavaScript object answers to: as ids they find a method instead of nothing. */
export const BUILTIN_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];

/** Strings with a NUL or a lone UTF-16 surrogate, as JSON strings carry them (`\u0000`, `\ud800`). */
export const BROKEN_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', 'ok\ud83d'];

/** The same in a URL, where a lone surrogate can only be its invalid UTF-8 bytes (CESU-8). */
export const BROKEN_URL_SEGMENTS = ['%00', 'a%00b', '%ED%A0%80', 'x%ED%BF%BFy'];

/** Percent-escapes that do not decode. */
export const MALFORMED_ESCAPES = ['%', '%E0%A4%A', '%zz', 'a%2'];

/** Ids no resource has, in the shapes real ones take. */
export const UNKNOWN_IDS = ['00000000-0000-4000-8000-000000000000', 'zz-no-such-id', '99.99.99'];

/** Names a request body's object has no property for: built-in names first, then plausible ones. */
export const UNKNOWN_PROPERTY_NAMES = [...BUILTIN_NAMES, 'isAdmin', 'role', 'status', 'id', 'createdAt', ''];

/** JSON texts that do not parse, or are not an object. */
export const MALFORMED_JSON = ['{"a":', '{"a":1,}', "{'a':1}", '{"a":1}}', 'NaN', '\u0000'];
export const NON_OBJECT_BODIES = ['[]', '[{}]', '"x"', '1', 'null', 'true'];

/** Query numbers no `limit`-like parameter takes (in the URL as written). */
export const BAD_QUERY_NUMBERS = { negative: ['-1', '-100', '0'], overflow: ['1e309', 'Infinity'], wrongType: ['abc', 'NaN', 'true', '[]'] };

/** Cursors the API cannot have given out: not base64 JSON, the wrong shape, impossible dates, NUL. */
export const BAD_CURSORS = [
  'constructor',
  'not-a-cursor!',
  b64({ at: 5, id: {} }),
  b64([1, 2]),
  b64({ at: '2024-02-30T25:61:00.000Z', id: 'x', v: 'x', n: 'x', name: 'x' }),
  b64({ at: '+275760-09-13T00:00:01.000Z', id: 'x', v: 'x', n: 'x', name: 'x' }),
  b64({ at: '2024-01-01T00:00:00.000Z', id: 'a\u0000b', v: 'a\u0000b', n: 'a\u0000b', name: 'a\u0000b' }),
  b64('{"__proto__":{"polluted":true}}'),
  b64({ at: 1e308, id: -1, v: 1e308, n: -1e308, name: 1e308 }),
];

/** If-Match values that are no version the resource ever had. */
export const BAD_IF_MATCH = ['"constructor"', '"-1"', '"0"', '"1e309"', 'W/"x"', '"'];

/** Authorization headers that carry no valid token; `$tamper` is the actor's own token with its signature changed. */
export const BAD_AUTHORIZATIONS = ['Bearer constructor', 'Bearer ', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', '$tamper', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'];

/** A body sent under another media type than the operation's: the Content-Type (none: null) and what the body holds. */
export interface MediaCase {
  contentType: string | null;
  payload: 'json' | 'png' | 'form' | 'text';
}

/** Wrong media types for each kind of body the document has. */
export const WRONG_MEDIA_TYPES: Record<'json' | 'multipart' | 'image', MediaCase[]> = {
  json: [
    { contentType: 'image/png', payload: 'png' },
    { contentType: 'image/png', payload: 'json' },
    { contentType: 'image/jpeg', payload: 'json' },
    { contentType: 'multipart/form-data; boundary=fuzzboundary', payload: 'form' },
    { contentType: 'text/plain', payload: 'json' },
    { contentType: 'application/x-www-form-urlencoded', payload: 'text' },
    { contentType: null, payload: 'json' },
  ],
  multipart: [
    { contentType: 'application/json', payload: 'json' },
    { contentType: 'text/plain', payload: 'json' },
    { contentType: 'image/png', payload: 'png' },
    { contentType: null, payload: 'form' },
  ],
  image: [
    { contentType: 'image/gif', payload: 'png' },
    { contentType: 'text/plain', payload: 'png' },
    { contentType: 'application/json', payload: 'json' },
    { contentType: 'multipart/form-data; boundary=fuzzboundary', payload: 'form' },
    { contentType: null, payload: 'png' },
  ],
};

/** Multipart bodies cut short or not multipart at all, sent with the form's Content-Type. */
export const MALFORMED_FORMS = ['--fuzzboundary\r\nContent-Disposition: form-data; name="version"\r\n\r\n9.0.0', '--fuzzboundary--', 'not multipart at all'];

/** Bytes that are no image, sent as image/png. */
export const NOT_IMAGES = ['not an image at all', '\u0000\u0000\u0000\u0000'];

/** Wrong types for a value of each JSON Schema type. */
export const WRONG_TYPES: Record<string, unknown[]> = {
  string: [123, true, {}, ['x']],
  number: ['ten', true, {}, [1]],
  integer: ['ten', true, {}, [1]],
  boolean: ['yes', 1, {}, []],
  array: ['x', {}, 1],
  object: ['x', [], 1],
};

/** Numbers over any sane limit; `$raw` is written into the JSON text as is (1e400 parses to Infinity). */
export const HUGE_NUMBERS: unknown[] = [1e308, 2 ** 53 + 1, { $raw: '1e400' }, 1_000_000_001];
export const NEGATIVE_NUMBERS: unknown[] = [-1, -1e308, { $raw: '-0' }, -0.5];

/** Depths of the nested bodies. */
export const DEPTHS = [2_500, 5_000, 10_000];

export type Repeat = { $repeat: string; times: number };
export type Deep = { $deep: number; shape: 'array' | 'object' };
export type Raw = { $raw: string };

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string descriptor expanded. */
export function materialize(value: string | Repeat): string {
  return typeof value === 'string' ? value : value.$repeat.repeat(value.times);
}

/** JSON text of a body whose values may be descriptors: long strings, deep nesting, raw number literals. */
export function jsonText(body: unknown): string {
  const spliced: string[] = [];
  const mark = (text: string) => `\u0001${spliced.push(text) - 1}\u0001`;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    if ('$repeat' in v) return materialize(v as Repeat);
    if ('$raw' in v) return mark((v as Raw).$raw);
    if ('$deep' in v) {
      const { $deep: depth, shape } = v as Deep;
      return mark(shape === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth));
    }
    // defineProperty, so that a key named __proto__ stays a key of the JSON text.
    const out = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: walk(x), enumerable: true });
    return out;
  };
  return JSON.stringify(walk(body)).replace(/"\\u0001(\d+)\\u0001"/g, (_, i: string) => spliced[Number(i)]);
}

/** UTF-8, except that a lone surrogate becomes its three CESU-8 bytes (what `Buffer.from` would replace by U+FFFD). */
export function wtf8(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    parts.push(cp >= 0xd800 && cp <= 0xdfff ? Buffer.from([0xed, 0xa0 | ((cp >> 6) & 0x1f), 0x80 | (cp & 0x3f)]) : Buffer.from(ch));
  }
  return Buffer.concat(parts);
}
