import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPlatformClient, type PlatformClient, type paths } from '@mpp/client';

/** What a front end sees of one HTTP answer. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions<Body = unknown> {
  /** Sent as JSON (application/json). */
  body?: Body;
  headers?: Record<string, string>;
  /** Sent as it is (with the content-type of `headers`, if any). */
  rawBody?: string | Buffer;
  form?: FormData;
  signal?: AbortSignal;
}

// The contract at compile time: a journey's paths are the generated `paths` of @mpp/client (the gateway's OpenAPI
// document, `npm run generate:client`), written as a front end writes them, with the values in place of the
// parameters. '/v1/orders/{id}/confirm' is `/v1/orders/${string}/confirm`, which a template expression such as
// `/v1/orders/${orderId}/confirm` is typed as where this type is expected; a query string may follow.

/** The HTTP methods of the contract, as the journeys write them. */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The contract's path templates with an operation for `method`. */
export type PathTemplate<M extends ApiMethod> = { [P in keyof paths]: paths[P] extends Record<Lowercase<M>, object> ? P : never }[keyof paths];

/** A template with its parameters written out: '/v1/orders/{id}/confirm' → `/v1/orders/${string}/confirm`. */
export type ConcretePath<Template extends string> = Template extends `${infer Head}{${string}}${infer Tail}` ? `${Head}${string}${ConcretePath<Tail>}` : Template;

/** What a journey may call the template with: the concrete path, with or without a query string. */
type PathOf<Template extends string> = ConcretePath<Template> | `${ConcretePath<Template>}?${string}`;

/** A concrete path of the contract for `method`. */
export type ApiPath<M extends ApiMethod> = PathOf<PathTemplate<M>>;

declare const outside: unique symbol;
/** A body the contract refuses, sent on purpose: see outsideContract. */
export type OutsideContract = { readonly [outside]: true };

/**
 * A JSON body the contract refuses, sent on purpose to see it refused (400 VALIDATION_FAILED): the path is still
 * checked, the body is not. `api.post(`/v1/orders/${id}/confirm`, outsideContract({ scopes: ['HACK'] }))`.
 */
export const outsideContract = (body: unknown): OutsideContract => body as OutsideContract;

/** The JSON request body of an operation (none when it takes none, or none as JSON: send `form` or `rawBody`). */
type JsonBody<Operation> = Operation extends { requestBody?: never }
  ? OutsideContract
  : Operation extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? Body | OutsideContract
    : OutsideContract;

type OperationOf<M extends ApiMethod, Template extends PathTemplate<M>> = paths[Template][Lowercase<M> & keyof paths[Template]];

/**
 * `call`'s arguments: a method, a path of the contract for it, and that operation's JSON body. A call that fits none
 * is reported as its whole argument list not assignable to CallArgs (or PostArgs), elaborated against one template
 * that is not necessarily the one meant: read the path and the body in the message's first line.
 */
type CallArgs = {
  [M in ApiMethod]: { [T in PathTemplate<M>]: [method: M, path: PathOf<T>, options?: CallOptions<JsonBody<OperationOf<M, T>>>] }[PathTemplate<M>];
}[ApiMethod];

/** `post`'s arguments: a path of the contract for POST and that operation's JSON body. */
type PostArgs = { [T in PathTemplate<'POST'>]: [path: PathOf<T>, body?: JsonBody<OperationOf<'POST', T>>, headers?: Record<string, string>] }[PathTemplate<'POST'>];

/** Calls outside the contract, on purpose (a wrong method or an unknown path for its 404/405; routes the document leaves out). */
export interface UncheckedCalls {
  call<T = Record<string, unknown>>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
}

// The contract at run time as well: what the types let through (`${string}` also spans a '/', a path typed `string`)
// is checked against the document's routes, segment by segment, before it is sent.
let routes: { pattern: RegExp; methods: Set<string> }[] | undefined;

function inContract(method: string, pathAndQuery: string): boolean {
  if (!routes) {
    const document = JSON.parse(readFileSync(path.resolve(__dirname, '../../client/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(document.paths).map(([template, item]) => ({
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      methods: new Set(Object.keys(item).map((m) => m.toUpperCase())),
    }));
  }
  const pathname = pathAndQuery.split(/[?#]/)[0];
  return routes.some((route) => route.methods.has(method.toUpperCase()) && route.pattern.test(pathname));
}

/**
 * A small HTTP client for end-to-end journeys through the gateway, as a front end would call it: the typed client of
 * @mpp/client underneath (openapi-fetch, the bearer token added by its middleware), the contract's paths and JSON
 * bodies checked at compile time, and the whole answer (status, headers, parsed body) handed back whatever it is.
 */
export class ApiClient {
  private readonly client: PlatformClient;

  /** The same client without the contract's checks. */
  readonly unchecked: UncheckedCalls = {
    call: (method, path, options) => this.send(method, path, options),
    get: (path, headers) => this.send('GET', path, { headers }),
    post: (path, body, headers) => this.send('POST', path, { body, headers }),
  };

  constructor(
    readonly baseUrl: string,
    token?: string,
  ) {
    this.client = createPlatformClient({ baseUrl, token: token || undefined });
  }

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  call<T = Record<string, unknown>>(...[method, path, options]: CallArgs): Promise<ApiResponse<T>> {
    return this.checked<T>(method, path, options);
  }

  get<T = Record<string, unknown>>(path: ApiPath<'GET'>, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.checked<T>('GET', path, { headers });
  }

  post<T = Record<string, unknown>>(...[path, body, headers]: PostArgs): Promise<ApiResponse<T>> {
    return this.checked<T>('POST', path, { body, headers });
  }

  private async checked<T>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    if (!inContract(method, path)) throw new Error(`${method} ${path} is not in the OpenAPI document (libs/client/openapi.json); if that is the point, call it through api.unchecked`);
    return this.send<T>(method, path, options);
  }

  private async send<T>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string | null> = { ...options.headers };
    let body: unknown = options.form ?? options.rawBody;
    let bodySerializer: (body: unknown) => unknown = (raw) => raw;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.body;
      bodySerializer = (json) => JSON.stringify(json);
    } else if (options.rawBody !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      // Sent with no content type of ours (openapi-fetch would say JSON): fetch's own, as a browser sends it.
      headers['content-type'] = null;
    }
    // The path is concrete already (no {parameters}); the answer is read as text and parsed here, JSON or not.
    const request = this.client.request.bind(this.client) as unknown as (method: string, path: string, init: object) => Promise<{ data?: string; error?: unknown; response: Response }>;
    const { data, error, response } = await request(method, path, { headers, body, bodySerializer, signal: options.signal, parseAs: 'text' });
    let parsed: unknown = response.ok ? data : error === '' ? undefined : error;
    if (response.ok && typeof data === 'string') {
      try {
        parsed = data ? JSON.parse(data) : undefined;
      } catch {
        // not JSON: keep the text
      }
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}

/** Polls until `probe` returns a value, for what arrives through the event path. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
