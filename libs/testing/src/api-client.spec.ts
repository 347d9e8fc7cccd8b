import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, outsideContract } from './api-client';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Compile-time checks only (never called): the journeys' paths and JSON bodies are the contract's. */
export async function contractChecks(api: ApiClient, orderId: string) {
  await api.post(`/v1/orders/${orderId}/confirm`, { scopes: ['UPLOAD'] });
  await api.get(`/v1/workspaces/${orderId}/orders?status=NEW&limit=5`);
  await api.call('PUT', `/v1/authorizations/${orderId}/scopes`, { body: { scopes: ['MEMBERS'] }, headers: { 'if-match': '"2"' } });
  await api.post(`/v1/orders/${orderId}/confirm`, outsideContract({ scopes: ['HACK'] }));
  // @ts-expect-error no such path
  await api.get('/v1/no-such-route');
  // @ts-expect-error no POST on the order itself
  await api.post(`/v1/orders/${orderId}`);
  // @ts-expect-error a scope the contract does not list
  await api.post(`/v1/orders/${orderId}/confirm`, { scopes: ['HACK'] });
  // @ts-expect-error no DELETE of an order
  await api.call('DELETE', `/v1/orders/${orderId}`);
  const path: string = '/v1/me';
  // @ts-expect-error a path the compiler cannot see
  await api.get(path);
  await api.unchecked.get(path);
}

describe('ApiClient', () => {
  let server: Server;
  let seen: Seen;
  let answer: { status: number; headers: Record<string, string>; body: string };
  let api: ApiClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a JSON body with the token and hands back the status, the headers and the parsed body', async () => {
    answer = { status: 201, headers: { 'content-type': 'application/json', etag: '"1"' }, body: '{"orderId":"o-1"}' };

    const placed = await api.as('tok').post<{ orderId: string }>('/v1/orders', { serviceId: 's-1', miniProgramId: 'm-1' }, { 'idempotency-key': 'k-1' });

    expect([placed.status, placed.headers.get('etag'), placed.body]).toEqual([201, '"1"', { orderId: 'o-1' }]);
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/orders', body: '{"serviceId":"s-1","miniProgramId":"m-1"}' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json', 'idempotency-key': 'k-1' });
  });

  it('keeps a query string, and a refusal or a text answer as it came', async () => {
    answer = { status: 404, headers: { 'content-type': 'application/problem+json' }, body: '{"code":"WORKSPACE_NOT_FOUND"}' };
    const refused = await api.get('/v1/workspaces/w-1/orders?status=NEW&limit=5');
    expect([seen.url, seen.headers.authorization, refused.status, refused.body]).toEqual(['/v1/workspaces/w-1/orders?status=NEW&limit=5', undefined, 404, { code: 'WORKSPACE_NOT_FOUND' }]);

    answer = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'not json' };
    expect((await api.unchecked.get('/metrics')).body).toBe('not json');
    answer = { status: 204, headers: {}, body: '' };
    expect((await api.call('DELETE', '/v1/webhooks/h-1')).body).toBeUndefined();
    answer = { status: 400, headers: {}, body: '' };
    expect((await api.post('/v1/sessions/refresh')).body).toBeUndefined();
  });

  it('sends a raw body with its own content type, or with none of ours, and a form as multipart', async () => {
    answer = { status: 204, headers: {}, body: '' };
    await api.call('PUT', '/v1/mini-programs/m-1/icon', { rawBody: Buffer.from('png bytes'), headers: { 'content-type': 'image/png' } });
    expect([seen.method, seen.headers['content-type'], seen.body]).toEqual(['PUT', 'image/png', 'png bytes']);
    await api.call('POST', '/v1/workspaces/w-1/services', { rawBody: '{"name":' });
    expect([seen.headers['content-type'], seen.body]).toEqual(['text/plain;charset=UTF-8', '{"name":']);
    const form = new FormData();
    form.set('version', '1.0.0');
    await api.call('POST', '/v1/mini-programs/m-1/versions', { form });
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('refuses, before sending, a call the OpenAPI document does not have, unless it goes through unchecked', async () => {
    answer = { status: 405, headers: {}, body: '' };
    seen = { headers: {}, body: 'nothing sent' };

    // Types let `${string}` span a '/': the routes are matched segment by segment when called.
    await expect(api.get('/v1/orders/o-1/no-such-thing' as `/v1/orders/${string}`)).rejects.toThrow('GET /v1/orders/o-1/no-such-thing is not in the OpenAPI document');
    expect(seen.body).toBe('nothing sent');
    expect((await api.unchecked.call('PATCH', '/v1/orders/o-1')).status).toBe(405);
    expect(seen.method).toBe('PATCH');
  });
});
