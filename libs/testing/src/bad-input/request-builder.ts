import { BadRequest, BodyPath, Defect, mapKey } from './bad-requests';
import { jsonText, materialize, Repeat, wtf8 } from './bad-values';
import { Operation, Schema } from './openapi-operations';
import { IdKind, SeededWorld } from './seeded-world';

/** A request as it goes on the wire. */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

// The collection a path parameter follows names the kind of its id.
const ID_KINDS: Record<string, IdKind> = {
  workspaces: 'workspace', members: 'account', invitations: 'invitation', services: 'service', orders: 'order', authorizations: 'authorization',
  'mini-programs': 'miniProgram', versions: 'version', 'workspace-applications': 'application', templates: 'template',
  screenshots: 'screenshot', 'batch-jobs': 'batchJob', 'host-apps': 'hostApp', 'ingestion-keys': 'ingestionKey',
  webhooks: 'webhook', deliveries: 'delivery', 'upload-keys': 'uploadKey',
};

/** The kind of id `{param}` of a path template holds. */
export function idKindOf(template: string, param: string): IdKind {
  const segments = template.split('/');
  const kind = ID_KINDS[segments[segments.indexOf(`{${param}}`) - 1]];
  if (!kind) throw new Error(`no id kind for {${param}} in ${template}: add its collection to ID_KINDS`);
  return kind;
}

/** A valid value for a schema: real ids for properties that name resources, else the example, else the simplest fit. */
export function baseValue(schema: Schema, name: string, world: SeededWorld): unknown {
  const real: Record<string, unknown> = {
    serviceId: world.ids.service[0], miniProgramId: world.ids.miniProgram[0], accountId: world.ids.account[0], templateId: world.ids.template[0],
    // amount and currency go with FIXED only (DOMAIN.md 2); the schema cannot say so.
    payment: { model: 'FIXED', amount: 4990, currency: 'USD' },
  };
  if (Object.hasOwn(real, name)) return real[name];
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum) return schema.enum[0];
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, baseValue(s, k, world)]));
  if (typeof schema.additionalProperties === 'object') return { [mapKey(schema)]: baseValue(schema.additionalProperties, '', world) };
  // Every value of an enum list (all the scopes, say): were such a request wrongly accepted, it would take the least away.
  if (schema.type === 'array' && schema.items?.enum) return schema.items.enum.slice(0, schema.maxItems);
  if (schema.type === 'array') return [baseValue(schema.items ?? {}, '', world)];
  if (schema.type === 'number' || schema.type === 'integer') return (schema.minimum ?? 0) + 1;
  if (schema.type === 'boolean') return true;
  return { email: 'ada@example.com', uri: 'https://fuzz.example', 'date-time': '2024-01-01T00:00:00.000Z' }[schema.format ?? ''] ?? 'Fuzz';
}

type Container = Record<string | number, unknown>;

/** `{ $copies: n }`: n items like the array's first, distinct unless `same`. */
function copies(value: unknown, current: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('$copies' in value)) return value;
  const { $copies: n, same } = value as { $copies: number; same?: boolean };
  const item = Array.isArray(current) ? current[0] : 'x';
  return Array.from({ length: n }, (_, i) => (same || typeof item !== 'string' ? item : item.replace('://', `://n${i}.`)));
}

// A deep copy that keeps Buffers (a package) as they are; structuredClone would make them plain Uint8Arrays.
const clone = (value: unknown): unknown =>
  Buffer.isBuffer(value) || typeof value !== 'object' || value === null ? value : Array.isArray(value) ? value.map(clone) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));

/** The body with the defect applied: a value set, a property dropped, or one added (a key like __proto__ stays a key). */
export function applyDefect(body: unknown, defect: Defect): unknown {
  if (defect.in !== 'body') return body;
  const path: BodyPath = 'set' in defect ? defect.set : 'drop' in defect ? defect.drop : defect.add;
  if ('set' in defect && path.length === 0) return defect.value;
  const root = clone(body) as Container;
  const target = ('add' in defect ? path : path.slice(0, -1)).reduce<Container>((at, key) => at[key] as Container, root);
  const last = path[path.length - 1];
  if ('set' in defect) target[last] = copies(defect.value, target[last]);
  else if ('drop' in defect) delete target[last];
  else Object.defineProperty(target, defect.name, { value: defect.value, enumerable: true, writable: true, configurable: true });
  return root;
}

const BOUNDARY = 'fuzzboundary';
const isRepeat = (value: unknown): value is Repeat => typeof value === 'object' && value !== null && '$repeat' in value;

/** A multipart/form-data body: Buffers as files, anything else as a text field (lone surrogates kept as bytes). */
export function multipart(fields: Record<string, unknown>): Buffer {
  const parts = Object.entries(fields).flatMap(([name, value]) => [
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${Buffer.isBuffer(value) ? '; filename="package.zip"\r\nContent-Type: application/zip' : ''}\r\n\r\n`),
    Buffer.isBuffer(value) ? value : wtf8(typeof value === 'string' ? value : isRepeat(value) ? materialize(value) : JSON.stringify(value)),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

function baseBody(op: Operation, world: SeededWorld, serial: number): unknown {
  if (!op.body || op.body.kind === 'image') return undefined;
  if (op.body.kind === 'json') return baseValue(op.body.schema, '', world);
  // A version upload: a new version, greater than every other, so that only the defect can refuse it.
  return Object.fromEntries(Object.keys(op.body.schema.properties ?? {}).map((k) => [k, op.body?.schema.properties?.[k].format === 'binary' ? world.zip : k === 'version' ? `9.${serial}.0` : 'Fuzz upload']));
}

function bodyOf(op: Operation, defect: Defect, world: SeededWorld, serial: number): { body?: Buffer; contentType?: string | null } {
  const base = baseBody(op, world, serial);
  const encode = (value: unknown) => (op.body?.kind === 'multipart' ? multipart(value as Record<string, unknown>) : Buffer.from(jsonText(value)));
  if (defect.in === 'media') {
    const payloads = { json: () => Buffer.from(jsonText(base ?? {})), png: () => world.png, form: () => multipart((base ?? { field: 'x' }) as Record<string, unknown>), text: () => Buffer.from('a=1&b=2') };
    return { body: payloads[defect.payload](), contentType: defect.contentType };
  }
  if (!op.body) return {};
  const contentType = { json: 'application/json', multipart: `multipart/form-data; boundary=${BOUNDARY}`, image: 'image/png' }[op.body.kind];
  if (defect.in === 'body-text') return { body: Buffer.from(defect.text), contentType };
  if (op.body.kind === 'image') return { body: world.png, contentType };
  return { body: encode(applyDefect(base, defect)), contentType };
}

/** Flips a character inside the signature, so the token is well formed and signed wrongly. */
const tampered = (token: string | undefined) => (token ? `Bearer ${token.slice(0, -5)}${token.at(-5) === 'A' ? 'B' : 'A'}${token.slice(-4)}` : 'Bearer a.b.c');

/**
 * The wire request of a generated one: real ids in every path parameter but a broken one, the base body with the
 * defect. `serial` (the run's number) makes what must be new in a valid body new, e.g. an uploaded version.
 */
export function toHttpRequest(op: Operation, request: BadRequest, world: SeededWorld, serial = 0): HttpRequest {
  const { defect } = request;
  const path = op.template.replace(/\{(\w+)\}/g, (_, param: string) => {
    if (defect.in === 'path' && defect.param === param) return materialize(defect.value);
    const ids = world.ids[idKindOf(op.template, param)];
    return encodeURIComponent(ids[request.ids[op.pathParams.indexOf(param)] % ids.length]);
  });
  // Required query parameters get a valid value (the mailbox's `to` a seeded address), unless they carry the defect.
  const query = [
    ...op.query
      .filter((q) => q.required && !(defect.in === 'query' && defect.param === q.name))
      .map((q) => `${q.name}=${encodeURIComponent(String(q.name === 'to' ? world.emails[0] : baseValue(q.schema, q.name, world)))}`),
    ...(defect.in === 'query' ? defect.values.map((v) => `${defect.param}=${materialize(v)}`) : []),
  ];
  const headers: Record<string, string> = {};
  const token = world.tokens[request.actor];
  if (token) headers.authorization = `Bearer ${token}`;
  if (defect.in === 'header') headers[defect.name] = defect.value === '$tamper' ? tampered(token) : defect.value;
  const { body, contentType } = bodyOf(op, defect, world, serial);
  if (contentType) headers['content-type'] = contentType;
  return { method: op.method, path: query.length ? `${path}?${query.join('&')}` : path, headers, body };
}

/** What came back; status 0 when nothing did (the connection failed or the time ran out). */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: unknown;
  raw: Buffer;
}

/** Sends one request and reads the whole answer; a minute without one counts as no answer. */
export async function send(baseUrl: string, request: HttpRequest): Promise<HttpAnswer> {
  try {
    const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
    const raw = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown = raw.toString('utf8');
    if (contentType.includes('json')) {
      try {
        body = JSON.parse(body as string);
      } catch {
        // not JSON after all: keep the text
      }
    }
    return { status: response.status, contentType, body, raw };
  } catch (error) {
    return { status: 0, contentType: '', body: String(error), raw: Buffer.alloc(0) };
  }
}
