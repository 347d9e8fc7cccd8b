import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './openapi';

// The platform's HTTP API for front ends (browser, mini program, Node): openapi-fetch over the types openapi-typescript
// generated from the gateway's OpenAPI document (openapi.d.ts; `npm run generate:client` regenerates them and
// libs/client/openapi.json, the document they were made from). Types only from the generated file: nothing of it runs.

export type { components, operations, paths } from './openapi';

/** Every schema of the contract by name: `Schema<'OrderStepResponse'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
/** The body of every refusal (RFC 9457, `application/problem+json`): a stable `code`, a `detail`, a `correlationId`. */
export type ProblemDetails = components['schemas']['ProblemDetails'];
/** One invalid field of a 400 VALIDATION_FAILED problem. */
export type FieldError = components['schemas']['FieldError'];

/** The typed client: `GET`, `POST`, `PUT`, `PATCH`, `DELETE` by the contract's path templates (openapi-fetch). */
export type PlatformClient = Client<paths>;

/** A bearer token, or where to get the current one before each request (a session that refreshes). */
export type TokenSource = string | undefined | (() => string | undefined | Promise<string | undefined>);

export interface PlatformClientOptions {
  /** The gateway, e.g. http://localhost:3000 (paths start with /v1). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`: an access token (POST /v1/sessions), or an upload key for version uploads. */
  token?: TokenSource;
  /** Another fetch (tests, a mini program's request API wrapped as fetch); globalThis.fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers of every request. */
  headers?: Record<string, string>;
}

/** Middleware adding `Authorization: Bearer <token>` unless the request carries its own Authorization header. */
export function bearerAuth(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has('authorization')) return undefined;
      const value = typeof token === 'function' ? await token() : token;
      if (value) request.headers.set('authorization', `Bearer ${value}`);
      return undefined;
    },
  };
}

/**
 * A typed client of the platform:
 *
 *     const api = createPlatformClient({ baseUrl: 'http://localhost:3000', token });
 *     const { data, error } = await api.POST('/v1/orders/{id}/confirm', { params: { path: { id: orderId } }, body: { scopes: ['UPLOAD'] } });
 *     if (error) throw new Error(`${error.code}: ${error.detail}`);
 */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers });
  if (options.token !== undefined) client.use(bearerAuth(options.token));
  return client;
}

/** Whether a body is a problem (an error answer of the gateway). */
export function isProblemDetails(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && typeof (body as ProblemDetails).code === 'string' && typeof (body as ProblemDetails).status === 'number';
}

/** An operation's JSON request body: `RequestBody<'OrdersController_confirm'>`. */
export type RequestBody<Operation extends keyof operations> = operations[Operation] extends { requestBody?: never }
  ? never
  : operations[Operation] extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? Body
    : never;
