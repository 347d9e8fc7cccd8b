import { execFile } from 'node:child_process';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPlatformClient, isProblemDetails, type PlatformClient, type ProblemDetails, type Schema } from './index';

const ROOT = path.resolve(__dirname, '../../..');

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body?: unknown;
}

/** A front end's confirmation, written against the generated types: it compiles only while the contract has this route and body. */
async function confirmOrder(api: PlatformClient, orderId: string): Promise<Schema<'OrderStepResponse'>> {
  const { data, error } = await api.POST('/v1/orders/{id}/confirm', { params: { path: { id: orderId } }, body: { scopes: ['UPLOAD', 'RELEASE'] } });
  if (error) throw new Error(`${error.code}: ${error.detail}`);
  return data;
}

/** Compile-time checks only (never called): what the contract does not have does not compile. */
export function notInTheContract(api: PlatformClient) {
  // @ts-expect-error no such path
  void api.GET('/v1/no-such-route');
  // @ts-expect-error no DELETE on an order
  void api.DELETE('/v1/orders/{id}', { params: { path: { id: 'o-1' } } });
  // @ts-expect-error a scope the contract does not list
  void api.POST('/v1/orders/{id}/confirm', { params: { path: { id: 'o-1' } }, body: { scopes: ['HACK'] } });
  // @ts-expect-error the path parameter is required
  void api.GET('/v1/orders/{id}', {});
}

describe('@mpp/client', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen;
  let answer: { status: number; contentType: string; body: unknown };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, authorization: req.headers.authorization, contentType: req.headers['content-type'], body: raw ? JSON.parse(raw) : undefined };
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('calls a route of the contract with its path parameters, its JSON body and the bearer token', async () => {
    answer = { status: 200, contentType: 'application/json', body: { orderId: 'o-1', status: 'IN_DEVELOPMENT', version: 3, authorizationId: 'a-1' } };
    const api = createPlatformClient({ baseUrl, token: 'the-token' });

    const step = await confirmOrder(api, 'o-1');

    expect(step).toEqual({ orderId: 'o-1', status: 'IN_DEVELOPMENT', version: 3, authorizationId: 'a-1' });
    expect(seen).toEqual({ method: 'POST', url: '/v1/orders/o-1/confirm', authorization: 'Bearer the-token', contentType: 'application/json', body: { scopes: ['UPLOAD', 'RELEASE'] } });
  });

  it('hands a refusal back as its problem details', async () => {
    const problem: ProblemDetails = { type: 'urn:mpp:problem:ORDER_NOT_PENDING_CONFIRMATION', title: 'Unprocessable Entity', status: 422, detail: 'The order is not pending confirmation.', code: 'ORDER_NOT_PENDING_CONFIRMATION', correlationId: 'c-1' };
    answer = { status: 422, contentType: 'application/problem+json', body: problem };
    const api = createPlatformClient({ baseUrl, token: async () => 'fresh-token' });

    const { data, error, response } = await api.POST('/v1/orders/{id}/confirm', { params: { path: { id: 'o-2' } }, body: {} });

    expect([data, response.status, error?.code, isProblemDetails(error)]).toEqual([undefined, 422, 'ORDER_NOT_PENDING_CONFIRMATION', true]);
    expect(seen.authorization).toBe('Bearer fresh-token');
  });

  it('sends no Authorization without a token, and a request may carry its own (an upload key)', async () => {
    answer = { status: 200, contentType: 'application/json', body: { items: [], nextCursor: null } };

    await createPlatformClient({ baseUrl }).GET('/v1/market/services', { params: { query: { limit: 5 } } });
    expect([seen.url, seen.authorization]).toEqual(['/v1/market/services?limit=5', undefined]);
    await createPlatformClient({ baseUrl, token: 'session' }).GET('/v1/me', { headers: { authorization: 'Bearer mpp_uk_key' } });
    expect(seen.authorization).toBe('Bearer mpp_uk_key');
  });

  it('is generated from the OpenAPI document as the gateway builds it now (else: npm run generate:client)', async () => {
    // Without jest's NODE_OPTIONS, whose warnings would mix into the generator's message.
    const check = promisify(execFile)(process.execPath, ['tools/generate-client.mjs', '--check'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } });

    await expect(check.then(() => '', (error: { stderr: string }) => error.stderr)).resolves.toBe('');
  }, 120_000);
});
