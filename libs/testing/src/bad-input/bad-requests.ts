import fc from 'fast-check';
import {
  BAD_AUTHORIZATIONS, BAD_CURSORS, BAD_IF_MATCH, BAD_QUERY_NUMBERS, BROKEN_STRINGS, BROKEN_URL_SEGMENTS, BUILTIN_NAMES, DEPTHS, HUGE_NUMBERS, MALFORMED_ESCAPES,
  MALFORMED_FORMS, MALFORMED_JSON, MediaCase, NEGATIVE_NUMBERS, NON_OBJECT_BODIES, NOT_IMAGES, Repeat, UNKNOWN_IDS, UNKNOWN_PROPERTY_NAMES, WRONG_MEDIA_TYPES, WRONG_TYPES,
} from './bad-values';
import { Operation, operationName, Schema } from './openapi-operations';
import { ACTOR_NAMES, ActorName } from './seeded-world';

/** The classes of bad input; each generated request carries exactly one. */
export type BadClass =
  | 'builtin-id' | 'unknown-id' | 'overlong-id' | 'malformed-escape' | 'broken-unicode' | 'deep-nesting' | 'wrong-media-type' | 'over-limit' | 'wrong-type'
  | 'missing-required' | 'unknown-field' | 'not-in-enum' | 'empty' | 'huge-number' | 'negative-number' | 'duplicate-items' | 'bad-cursor' | 'malformed-body'
  | 'bad-if-match' | 'bad-token';

export type BodyPath = (string | number)[];

/** Where the one defect of a request is and what it is; everything else is the valid request. */
export type Defect =
  | { cls: BadClass; in: 'path'; param: string; value: string | Repeat }
  | { cls: BadClass; in: 'query'; param: string; values: (string | Repeat)[] }
  | { cls: BadClass; in: 'body'; set: BodyPath; value: unknown }
  | { cls: BadClass; in: 'body'; drop: BodyPath }
  | { cls: BadClass; in: 'body'; add: BodyPath; name: string; value: unknown }
  | { cls: BadClass; in: 'body-text'; text: string }
  | ({ cls: BadClass; in: 'media' } & MediaCase)
  | { cls: BadClass; in: 'header'; name: string; value: string };

/** One generated request: the operation, who sends it, which real ids fill its path, and its defect. */
export interface BadRequest {
  op: string;
  actor: ActorName;
  ids: number[];
  defect: Defect;
}

/** Body properties that hold ids: a built-in name there is a built-in id. */
const ID_PROPERTIES = ['version', 'serviceId', 'miniProgramId', 'accountId'];

// Who can reach an operation's deeper checks: most requests come from them, the rest from anyone.
const PREFERRED: [RegExp, ActorName[]][] = [
  [/^\/v1\/review\//, ['reviewer']],
  [/^\/v1\/(invitations|workspace-applications)/, ['newcomer']],
  [/^\/v1\/(services|market)|\/services$/, ['isv']],
  [/./, ['merchant', 'isv']],
];

const actorFor = (op: Operation) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(op.anonymous ? ['anonymous' as const] : (PREFERRED.find(([re]) => re.test(op.template)) as [RegExp, ActorName[]])[1])) }, { weight: 1, arbitrary: fc.constantFrom(...ACTOR_NAMES) });

interface Leaf {
  path: BodyPath;
  schema: Schema;
  required: boolean;
}

/** The key a map's base value uses (its example's first key). */
export const mapKey = (schema: Schema) => Object.keys((schema.example as object | undefined) ?? {})[0] ?? 'key';

/** Every value position of a body built by `baseBody`, with its schema. */
export function leavesOf(schema: Schema, path: BodyPath = [], required = true): Leaf[] {
  const here = path.length ? [{ path, schema, required }] : [];
  if (schema.properties) return [...here, ...Object.entries(schema.properties).flatMap(([k, s]) => leavesOf(s, [...path, k], schema.required?.includes(k) ?? false))];
  if (schema.type === 'array' && schema.items) return [...here, ...leavesOf(schema.items, [...path, 0])];
  // A map's entry is never required: a map without it is still valid.
  if (typeof schema.additionalProperties === 'object') return [...here, ...leavesOf(schema.additionalProperties, [...path, mapKey(schema)], false)];
  return here;
}

const forbidsEmpty = (s: Schema) => (s.minLength ?? 0) > 0 || s.enum !== undefined || (s.pattern !== undefined && !new RegExp(s.pattern).test('')) || ['email', 'uri', 'date-time'].includes(s.format ?? '');
const typeOf = (s: Schema) => s.type ?? (s.properties ? 'object' : 'string');
const isNumber = (s: Schema) => s.type === 'number' || s.type === 'integer';

type Weighted = { weight: number; arbitrary: fc.Arbitrary<Defect> };
const one = (arbitrary: fc.Arbitrary<Defect>, weight = 1): Weighted[] => [{ weight, arbitrary }];
const pick = <T>(items: T[]) => fc.constantFrom(...items);
const when = (condition: boolean, make: () => Weighted[]) => (condition ? make() : []);

function notInEnum(s: Schema): unknown[] {
  const values = s.enum ?? [];
  const all = (type: string) => values.every((v) => typeof v === type);
  if (all('boolean')) return [false, 'true'].filter((v) => !values.includes(v));
  if (all('number')) return [0, 20, 99].filter((v) => !values.includes(v));
  return ['constructor', String(values[0]).toLowerCase(), 'NOT_A_VALUE'].filter((v) => !values.includes(v));
}

/**
 * Text just over the documented maxLength and far over it. Where the document gives none, only far over: every
 * text has a limit (DOMAIN.md: text over a limit is refused, never silently cut), and 100,001 characters pass none.
 */
const overLimit = ({ schema }: { schema: Schema }): Repeat[] =>
  [...(schema.maxLength !== undefined ? [schema.maxLength + 1, schema.maxLength * 10 + 1] : []), 100_001].map((times) => ({ $repeat: 'x', times }));

const hugeFor = (s: Schema) => (s.maximum !== undefined || s.enum ? HUGE_NUMBERS : HUGE_NUMBERS.filter((v) => typeof v === 'object'));
// -0 is below only a minimum over 0, an exclusive minimum of 0, or an enum without 0.
const negativeFor = (s: Schema) => NEGATIVE_NUMBERS.filter((v) => typeof v !== 'object' || (s.minimum ?? -1) > 0 || (s.minimum === 0 && s.exclusiveMinimum === true) || (s.enum !== undefined && !s.enum.includes(0)));
const fitsNegative = (s: Schema) => s.enum !== undefined || (s.minimum !== undefined && s.minimum >= 0);

const wrongMediaTypes = (kind: keyof typeof WRONG_MEDIA_TYPES) => one(pick(WRONG_MEDIA_TYPES[kind]).map((m): Defect => ({ cls: 'wrong-media-type', in: 'media', ...m })), 2);

/** The classes a JSON body can break, each a generator of defects at its positions. */
function jsonBodyDefects(schema: Schema): Weighted[] {
  const leaves = leavesOf(schema);
  const strings = leaves.filter((l) => typeOf(l.schema) === 'string' && l.schema.format !== 'binary');
  const arrays = leaves.filter((l) => l.schema.type === 'array');
  const numbers = leaves.filter((l) => isNumber(l.schema));
  const enums = leaves.filter((l) => l.schema.enum);
  const ids = strings.filter((l) => ID_PROPERTIES.includes(String(l.path[l.path.length - 1])));
  const emptiable = [...strings.filter((l) => forbidsEmpty(l.schema)), ...arrays.filter((l) => (l.schema.minItems ?? 0) > 0)];
  const droppable = leaves.filter((l) => l.required && typeof l.path[l.path.length - 1] === 'string');
  const objects = [{ path: [] as BodyPath, schema }, ...leaves.filter((l) => l.schema.properties)];
  const set = (cls: BadClass, at: Leaf[], values: (l: Leaf) => unknown[]) =>
    fc.constantFrom(...at).chain((l) => pick(values(l)).map((value): Defect => ({ cls, in: 'body', set: l.path, value })));
  return [
    ...one(set('deep-nesting', [{ path: [], schema, required: true }, ...leaves], () => DEPTHS.flatMap((d) => [{ $deep: d, shape: 'array' }, { $deep: d, shape: 'object' }]))),
    ...when(strings.length > 0, () => one(set('broken-unicode', strings, () => BROKEN_STRINGS), 2)),
    ...when(ids.length > 0, () => one(set('builtin-id', ids, () => BUILTIN_NAMES), 2)),
    ...when(strings.length > 0, () => one(set('over-limit', strings, overLimit), 2)),
    ...when(arrays.some((l) => l.schema.maxItems !== undefined), () => one(set('over-limit', arrays.filter((l) => l.schema.maxItems !== undefined), (l) => [{ $copies: (l.schema.maxItems as number) + 1 }]))),
    // null too: no field of the document is nullable, and the DTOs refuse null even where a field may be left out.
    ...one(set('wrong-type', leaves.length ? leaves : [{ path: [], schema, required: true }], (l) => [...(WRONG_TYPES[typeOf(l.schema)] ?? []), null])),
    ...one(pick(NON_OBJECT_BODIES).map((text): Defect => ({ cls: 'wrong-type', in: 'body-text', text }))),
    ...when(droppable.length > 0, () => one(pick(droppable).map((l): Defect => ({ cls: 'missing-required', in: 'body', drop: l.path })))),
    ...one(
      fc.tuple(pick(objects), pick(UNKNOWN_PROPERTY_NAMES), pick<unknown>([1, 'x', {}, { isAdmin: true }]))
        .filter(([o, name]) => !Object.hasOwn(o.schema.properties ?? {}, name))
        .map(([o, name, value]): Defect => ({ cls: 'unknown-field', in: 'body', add: o.path, name, value })),
    ),
    ...when(enums.length > 0, () => one(set('not-in-enum', enums, (l) => notInEnum(l.schema)))),
    ...when(emptiable.length > 0, () => one(set('empty', emptiable, (l) => [l.schema.type === 'array' ? [] : '']))),
    ...when(numbers.length > 0, () => one(set('huge-number', numbers, (l) => hugeFor(l.schema)))),
    ...when(numbers.some((l) => fitsNegative(l.schema)), () => one(set('negative-number', numbers.filter((l) => fitsNegative(l.schema)), (l) => negativeFor(l.schema)))),
    ...when(arrays.some((l) => l.schema.uniqueItems), () => one(set('duplicate-items', arrays.filter((l) => l.schema.uniqueItems), () => [{ $copies: 2, same: true }]))),
    ...one(pick(MALFORMED_JSON).map((text): Defect => ({ cls: 'malformed-body', in: 'body-text', text }))),
    ...wrongMediaTypes('json'),
  ];
}

/**
 * A version upload's form: a field broken, left out or over long, a file that is text, another media type. No extra
 * field: the form's schema allows others, and refusing unknown properties is the JSON bodies' rule (the DTOs').
 */
function multipartDefects(schema: Schema): Weighted[] {
  const fields = Object.keys(schema.properties ?? {});
  const texts = fields.filter((f) => schema.properties?.[f].format !== 'binary');
  return [
    ...when(texts.some((f) => ID_PROPERTIES.includes(f)), () =>
      one(pick(texts.filter((f) => ID_PROPERTIES.includes(f))).chain((f) => pick(BUILTIN_NAMES).map((value): Defect => ({ cls: 'builtin-id', in: 'body', set: [f], value }))), 2),
    ),
    ...one(fc.tuple(pick(texts), pick(BROKEN_STRINGS)).map(([f, value]): Defect => ({ cls: 'broken-unicode', in: 'body', set: [f], value }))),
    ...one(pick(texts).chain((f) => pick(overLimit({ schema: schema.properties?.[f] ?? {} })).map((value): Defect => ({ cls: 'over-limit', in: 'body', set: [f], value }))), 2),
    ...one(pick(schema.required ?? fields).map((f): Defect => ({ cls: 'missing-required', in: 'body', drop: [f] }))),
    ...one(pick(fields.filter((f) => !texts.includes(f))).map((f): Defect => ({ cls: 'wrong-type', in: 'body', set: [f], value: 'a text field, not a file' }))),
    ...one(pick(MALFORMED_FORMS).map((text): Defect => ({ cls: 'malformed-body', in: 'body-text', text }))),
    ...wrongMediaTypes('multipart'),
  ];
}

/** An image body (a logo): another media type, bytes that are no image, no bytes. */
function imageDefects(): Weighted[] {
  return [
    ...wrongMediaTypes('image'),
    ...one(pick(NOT_IMAGES).map((text): Defect => ({ cls: 'wrong-type', in: 'body-text', text }))),
    ...one(fc.constant<Defect>({ cls: 'empty', in: 'body-text', text: '' })),
  ];
}

function pathDefects(param: string): Weighted[] {
  const at = (cls: BadClass, values: (string | Repeat)[], weight = 1) => one(pick(values).map((value): Defect => ({ cls, in: 'path', param, value })), weight);
  return [
    ...at('builtin-id', BUILTIN_NAMES, 3),
    ...at('unknown-id', UNKNOWN_IDS),
    ...at('overlong-id', [{ $repeat: 'a', times: 300 }, { $repeat: 'a', times: 5_000 }]),
    ...at('broken-unicode', BROKEN_URL_SEGMENTS),
    ...at('malformed-escape', MALFORMED_ESCAPES),
  ];
}

function queryDefects({ name, schema }: { name: string; schema: Schema }): Weighted[] {
  const at = (cls: BadClass, values: (string | Repeat)[][]) => (values.length ? one(pick(values).map((v): Defect => ({ cls, in: 'query', param: name, values: v }))) : []);
  const each = (values: string[]) => values.map((v) => [v]);
  if (isNumber(schema)) {
    const huge = [...(schema.maximum !== undefined ? [String(schema.maximum + 1), '99999999999999999999'] : []), ...BAD_QUERY_NUMBERS.overflow];
    return [
      ...at('negative-number', each(BAD_QUERY_NUMBERS.negative.filter((v) => Number(v) < (schema.minimum ?? 0)))),
      ...at('huge-number', each(huge)),
      ...at('wrong-type', [...each(BAD_QUERY_NUMBERS.wrongType), ['1', '2']]),
    ];
  }
  const enums = (schema.enum ?? []).map(String);
  return [
    ...at('broken-unicode', each(BROKEN_URL_SEGMENTS)),
    ...at('wrong-type', [enums.length ? [enums[0], enums[enums.length - 1]] : ['a', 'b'], ...(schema.format === 'date-time' ? each(['yesterday', '2024-13-45T99:00:00Z']) : [])]),
    ...at('not-in-enum', enums.length ? each(['constructor', enums[0].toLowerCase(), 'NOT_A_VALUE'].filter((v) => !enums.includes(v))) : []),
    ...at('empty', forbidsEmpty(schema) ? [['']] : []),
    ...at('over-limit', schema.maxLength !== undefined ? [[{ $repeat: 'x', times: schema.maxLength + 1 }], [{ $repeat: 'x', times: 5_000 }]] : []),
    ...at('bad-cursor', name === 'cursor' ? each(BAD_CURSORS) : []),
  ];
}

/** Every defect an operation can carry: in its path ids, query, body, and the headers it reads. */
export function defectsOf(op: Operation): Weighted[] {
  return [
    ...op.pathParams.flatMap(pathDefects),
    ...op.query.flatMap(queryDefects),
    ...(op.body?.kind === 'json' ? jsonBodyDefects(op.body.schema) : op.body?.kind === 'multipart' ? multipartDefects(op.body.schema) : op.body ? imageDefects() : []),
    ...when(op.method === 'PUT' || op.method === 'PATCH', () => one(pick(BAD_IF_MATCH).map((value): Defect => ({ cls: 'bad-if-match', in: 'header', name: 'if-match', value })))),
    ...when(!op.anonymous, () => one(pick(BAD_AUTHORIZATIONS).map((value): Defect => ({ cls: 'bad-token', in: 'header', name: 'authorization', value })))),
  ];
}

/**
 * Bad requests across the operations, each operation weighted by the defects it can carry, but none less than half
 * an average operation (an operation with one defect, like GET /v1/me's bad token, would otherwise go unvisited in
 * a run of thousands): who sends it, the real ids its path starts from (picked modulo the world's ids of each
 * kind), and one defect.
 */
export function badRequests(ops: Operation[]): fc.Arbitrary<BadRequest> {
  const perOperation = ops.flatMap((op) => {
    const defects = defectsOf(op);
    // An operation without input to break (GET /v1/host-apps) is left out.
    if (defects.length === 0) return [];
    const arbitrary = fc.oneof(
      ...defects.map(({ weight, arbitrary: defect }) => ({
        weight,
        arbitrary: fc.record({ actor: actorFor(op), ids: fc.array(fc.nat({ max: 9 }), { minLength: op.pathParams.length, maxLength: op.pathParams.length }), defect }).map((r): BadRequest => ({ op: operationName(op), ...r })),
      })),
    );
    return [{ weight: defects.reduce((sum, d) => sum + d.weight, 0), arbitrary }];
  });
  const floor = Math.ceil(perOperation.reduce((sum, o) => sum + o.weight, 0) / perOperation.length / 2);
  return fc.oneof(...perOperation.map((o) => ({ weight: Math.max(o.weight, floor), arbitrary: o.arbitrary })));
}
