import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { LRUCache } from 'lru-cache';
import { ExtConfig, ExtSchema, ExtSchemaProperty } from '@mpp/contracts';
import { AppError, FieldError } from '@mpp/platform';
import { EXT_CONFIG_INVALID, EXT_SCHEMA_INVALID } from '../miniprograms.errors';

// A template's ext schema is the JSON Schema subset API.md names, nothing more: what is not checked here could
// not be shown to a merchant's form either. Ext configs are checked against it with ajv.

export const MAX_EXT_PROPERTIES = 50;
export const MAX_EXT_SCHEMA_BYTES = 16 * 1024;
/** A pattern runs on every ext config checked: kept short, and compiled with the `u` flag, to keep it cheap and unambiguous. */
export const MAX_PATTERN_LENGTH = 256;
/** The longest text any setting holds. */
export const MAX_EXT_TEXT = 4000;
/** The longest text a pattern is run on: with the shapes patternRisk allows, matching it stays cheap. */
export const MAX_PATTERNED_TEXT = 256;
/** The most unbounded quantifiers (`*`, `+`, `{n,}`) a pattern may hold: each one multiplies the worst-case backtracking by the text's length. */
const MAX_UNBOUNDED_QUANTIFIERS = 3;
const MAX_ENUM = 100;
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TYPES: readonly ExtSchemaProperty['type'][] = ['string', 'number', 'integer', 'boolean'];
const KEYWORDS: Record<ExtSchemaProperty['type'], readonly string[]> = {
  string: ['type', 'maxLength', 'pattern', 'enum'],
  number: ['type', 'minimum', 'maximum', 'enum'],
  integer: ['type', 'minimum', 'maximum', 'enum'],
  boolean: ['type'],
};

type Repeat = 'none' | 'optional' | 'many' | 'unbounded';

/** What the quantifier starting at `i` (if any) lets its atom repeat. */
function repeatAt(pattern: string, i: number): Repeat {
  const c = pattern[i];
  if (c === '*' || c === '+') return 'unbounded';
  if (c === '?') return 'optional';
  const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i)) : null;
  if (!braces) return 'none';
  if (braces[2] !== undefined && braces[3] === '') return 'unbounded';
  return Number(braces[3] ?? braces[1]) > 1 ? 'many' : 'optional';
}

/**
 * Why a pattern could make ajv backtrack for ever (ReDoS), or undefined: JavaScript's engine backtracks, so a
 * repeated group whose body itself repeats or alternates (`(a+)+`, `(a|ab)*`), backreferences, or many
 * unbounded quantifiers in a row (`\d*\d*\d*\d*`) are refused. Plain patterns (`^#[0-9a-f]{6}$`, `^[A-Z]{2}-\d+$`,
 * `^(\+\d{1,3})?\d{6,12}$`) pass.
 */
export function patternRisk(pattern: string): string | undefined {
  const groups: { varies: boolean }[] = [];
  let unbounded = 0;
  let inClass = false;
  const mark = () => {
    const top = groups.at(-1);
    if (top) top.varies = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (!inClass && /[1-9k]/.test(pattern[i + 1] ?? '')) return 'must not use backreferences';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      groups.push({ varies: false });
      // (?:, (?=, (?!, (?<=, (?<!, (?<name>: the group's kind, not a quantifier.
      if (pattern[i + 1] === '?') i = pattern[i + 2] === '<' && !'=!'.includes(pattern[i + 3]) ? Math.max(pattern.indexOf('>', i), i + 2) : i + (pattern[i + 2] === '<' ? 3 : 2);
    } else if (c === ')') {
      const group = groups.pop();
      const repeat = repeatAt(pattern, i + 1);
      if (group?.varies && (repeat === 'many' || repeat === 'unbounded')) return 'must not repeat a group that itself repeats or alternates';
      if (group?.varies || repeat !== 'none') mark();
    } else if (c === '|') mark();
    else {
      const repeat = repeatAt(pattern, i);
      if (repeat === 'none') continue;
      // A quantifier right after another one makes it lazy (`+?`); it repeats nothing more.
      if (c === '?' && '*+?}'.includes(pattern[i - 1] ?? '')) continue;
      mark();
      if (repeat === 'unbounded' && ++unbounded > MAX_UNBOUNDED_QUANTIFIERS) return `must hold at most ${MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers (*, +, {n,})`;
      if (c === '{') i = pattern.indexOf('}', i);
    }
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function checkProperty(name: string, input: unknown, errors: FieldError[]): ExtSchemaProperty | undefined {
  const field = `extSchema.properties.${name}`;
  const fail = (keyword: string, message: string) => {
    errors.push({ field: keyword ? `${field}.${keyword}` : field, message });
    return undefined;
  };
  // Names a merchant's config object holds as keys: no built-in property names (constructor, __proto__...).
  if (!PROPERTY_NAME.test(name) || name in Object.prototype) return fail('', 'must be a letter, then letters, digits or _ (at most 64), and not a built-in name');
  if (!isPlainObject(input)) return fail('', 'must be an object');
  const type = input.type as ExtSchemaProperty['type'];
  if (!TYPES.includes(type)) return fail('type', `must be one of ${TYPES.join(', ')}`);
  const unknown = Object.keys(input).filter((k) => !KEYWORDS[type].includes(k));
  if (unknown.length) return fail(unknown[0], `is not allowed for a ${type} (allowed: ${KEYWORDS[type].join(', ')})`);
  const property: ExtSchemaProperty = { type };
  if (input.maxLength !== undefined) {
    if (!Number.isInteger(input.maxLength) || (input.maxLength as number) < 1 || (input.maxLength as number) > MAX_EXT_TEXT) return fail('maxLength', `must be an integer from 1 to ${MAX_EXT_TEXT}`);
    property.maxLength = input.maxLength as number;
  }
  if (input.pattern !== undefined) {
    const pattern = input.pattern;
    if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) return fail('pattern', `must be a regular expression of 1 to ${MAX_PATTERN_LENGTH} characters`);
    try {
      new RegExp(pattern, 'u');
    } catch {
      return fail('pattern', 'is not a valid regular expression (Unicode mode)');
    }
    const risk = patternRisk(pattern);
    if (risk) return fail('pattern', risk);
    property.pattern = pattern;
  }
  for (const bound of ['minimum', 'maximum'] as const) {
    if (input[bound] === undefined) continue;
    if (typeof input[bound] !== 'number' || !Number.isFinite(input[bound])) return fail(bound, 'must be a finite number');
    property[bound] = input[bound] as number;
  }
  if (property.minimum !== undefined && property.maximum !== undefined && property.minimum > property.maximum) return fail('minimum', 'must not be above maximum');
  if (input.enum !== undefined) {
    const values = input.enum;
    const fits = (v: unknown) => (type === 'string' ? typeof v === 'string' && v.length <= MAX_EXT_TEXT : type === 'integer' ? Number.isInteger(v) : typeof v === 'number' && Number.isFinite(v));
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_ENUM || !values.every(fits) || new Set(values).size !== values.length) {
      return fail('enum', `must be 1 to ${MAX_ENUM} distinct values of type ${type}`);
    }
    property.enum = values as ExtSchemaProperty['enum'];
  }
  return property;
}

/**
 * The ext schema as stored, or 400 EXT_SCHEMA_INVALID naming each offending keyword: `type: object`,
 * `properties` (at most 50) and `required`; per property only type string/number/integer/boolean, maxLength,
 * pattern, minimum, maximum, enum; at most 16 KB serialized.
 */
export function checkExtSchema(input: unknown): ExtSchema {
  const invalid = (errors: FieldError[]) => AppError.badInput('The ext schema is not valid.', errors, EXT_SCHEMA_INVALID);
  if (!isPlainObject(input)) throw invalid([{ field: 'extSchema', message: 'must be a JSON Schema object' }]);
  if (Buffer.byteLength(JSON.stringify(input)) > MAX_EXT_SCHEMA_BYTES) throw invalid([{ field: 'extSchema', message: `must be at most ${MAX_EXT_SCHEMA_BYTES} bytes serialized` }]);
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) if (!['type', 'properties', 'required'].includes(key)) errors.push({ field: `extSchema.${key}`, message: 'is not allowed (type, properties, required)' });
  if (input.type !== 'object') errors.push({ field: 'extSchema.type', message: 'must be "object"' });
  const properties: Record<string, ExtSchemaProperty> = {};
  if (!isPlainObject(input.properties)) errors.push({ field: 'extSchema.properties', message: 'must be an object of properties' });
  else {
    const names = Object.keys(input.properties);
    if (names.length > MAX_EXT_PROPERTIES) errors.push({ field: 'extSchema.properties', message: `must hold at most ${MAX_EXT_PROPERTIES} properties` });
    else for (const name of names) {
      const property = checkProperty(name, input.properties[name], errors);
      if (property) properties[name] = property;
    }
  }
  const required = input.required;
  if (required !== undefined && (!Array.isArray(required) || !required.every((r) => typeof r === 'string' && Object.hasOwn(properties, r)) || new Set(required).size !== required.length)) {
    errors.push({ field: 'extSchema.required', message: 'must list distinct names of its properties' });
  }
  if (errors.length) throw invalid(errors);
  return { type: 'object', properties, ...(required ? { required: required as string[] } : {}) };
}

// strict: a keyword ajv does not know is an error, never ignored; unicodeRegExp: patterns run with the u flag,
// as checkExtSchema compiled them.
const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: true });
/** Compiled once per template version: the schema of a PUBLISHED version never changes. */
const compiled = new LRUCache<string, ValidateFunction>({ max: 1000 });

function validatorOf(templateId: string, templateVersion: string, schema: ExtSchema): ValidateFunction {
  const key = `${templateId}@${templateVersion}`;
  let validate = compiled.get(key);
  if (!validate) {
    // Settings the schema does not name are refused, so a typo is not silently ignored.
    validate = ajv.compile({ ...schema, additionalProperties: false });
    compiled.set(key, validate);
  }
  return validate;
}

/** ajv's error as `{field, message}`, the field being the setting's name. */
function fieldErrorOf(error: ErrorObject): FieldError {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const name = params.missingProperty ?? params.additionalProperty ?? error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const message = error.keyword === 'additionalProperties' ? 'is not a setting of the template' : error.keyword === 'required' ? 'must be given' : (error.message ?? 'is not valid');
  return { field: name || 'extConfig', message };
}

/** The ext config checked against a template version's schema, or 422 EXT_CONFIG_INVALID naming each wrong setting. */
export function checkExtConfig(templateId: string, templateVersion: string, schema: ExtSchema, config: unknown): ExtConfig {
  const invalid = (errors: FieldError[]) => new AppError(EXT_CONFIG_INVALID, 'rule_violation', 'The ext config does not match the template\'s ext schema.', errors);
  if (!isPlainObject(config)) throw invalid([{ field: 'extConfig', message: 'must be an object of settings' }]);
  // Bounded before a pattern runs on it: a patterned setting holds at most MAX_PATTERNED_TEXT characters.
  const limitOf = (name: string) => (Object.hasOwn(schema.properties, name) && schema.properties[name].pattern !== undefined ? MAX_PATTERNED_TEXT : MAX_EXT_TEXT);
  const long = Object.entries(config).filter(([name, v]) => typeof v === 'string' && v.length > limitOf(name));
  if (long.length) throw invalid(long.map(([name]) => ({ field: name, message: `must be at most ${limitOf(name)} characters` })));
  const validate = validatorOf(templateId, templateVersion, schema);
  if (!validate(config)) throw invalid((validate.errors ?? []).map(fieldErrorOf));
  return config as ExtConfig;
}
