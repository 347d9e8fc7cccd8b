/** The part of a JSON Schema (as OpenAPI 3.0 writes it) the generators read. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  example?: unknown;
}

export interface QueryParam {
  name: string;
  required: boolean;
  schema: Schema;
}

/** One operation of the OpenAPI document, with its schemas resolved. */
export interface Operation {
  method: string;
  /** The path template, e.g. /v1/mini-programs/{id}/versions/{version}. */
  template: string;
  pathParams: string[];
  query: QueryParam[];
  /** json: an application/json body; multipart: a version upload; image: a logo. */
  body?: { kind: 'json' | 'multipart' | 'image'; schema: Schema; required: boolean };
  /** Open to callers without a token (`security: [{}]`). */
  anonymous: boolean;
}

interface RawOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  security?: Record<string, unknown>[];
}

/** The parts of an OpenAPI 3 document read here. */
export type OpenApiDocument = { paths: Record<string, Record<string, RawOperation>>; components?: { schemas?: Record<string, Schema> } };

/** Inlines $ref and single-item allOf, so a generator walks plain schemas. */
function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  const raw = schema as Schema & { $ref?: string; allOf?: Schema[] };
  if (raw.$ref) return resolve(doc.components?.schemas?.[raw.$ref.split('/').pop() as string] ?? {}, doc);
  if (raw.allOf?.length === 1) return resolve({ ...raw, allOf: undefined, ...resolve(raw.allOf[0], doc) } as Schema, doc);
  const out: Schema = { ...raw };
  if (raw.properties) out.properties = Object.fromEntries(Object.entries(raw.properties).map(([k, v]) => [k, resolve(v, doc)]));
  if (raw.items) out.items = resolve(raw.items, doc);
  if (typeof raw.additionalProperties === 'object') out.additionalProperties = resolve(raw.additionalProperties, doc);
  return out;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document under /v1 (health, docs and metrics take no input to break). */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths)
    .filter(([template]) => template.startsWith('/v1/'))
    .flatMap(([template, item]) =>
      METHODS.filter((m) => item[m]).map((m): Operation => {
        const raw = item[m];
        const params = raw.parameters ?? [];
        const content = raw.requestBody?.content ?? {};
        const mediaType = Object.keys(content)[0];
        const kind = mediaType === 'application/json' ? 'json' : mediaType === 'multipart/form-data' ? 'multipart' : mediaType ? 'image' : undefined;
        return {
          method: m.toUpperCase(),
          template,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: resolve(p.schema ?? {}, doc) })),
          body: kind ? { kind, schema: resolve(content[mediaType].schema, doc), required: raw.requestBody?.required ?? false } : undefined,
          anonymous: (raw.security ?? []).some((s) => Object.keys(s).length === 0),
        };
      }),
    );
}

/** `GET /v1/orders/{id}`: how findings and coverage name an operation. */
export const operationName = (op: Pick<Operation, 'method' | 'template'>) => `${op.method} ${op.template}`;
