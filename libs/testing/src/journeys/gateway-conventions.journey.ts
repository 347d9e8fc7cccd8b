import { randomUUID } from 'node:crypto';
import { ServiceView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, eventually, outsideContract } from '../api-client';
import { ReadMail } from './account.journey';
import { approvedWorkspace, serviceBody } from './onboarding';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string; message: string }[];
  correlationId: string;
}

/**
 * The gateway's conventions (API.md) on a real resource, an ISV's catalog service, as a front end meets them:
 * problem+json refusals (401, 403, 400 naming the fields, 413, malformed JSON and text), Idempotency-Key,
 * X-Correlation-Id, ETag and If-None-Match, 404 for an unknown or malformed id, If-Match on a write, a refused
 * repeated step, and the service in catalog's projected list. The ISV's workspace is approved by `reviewer`
 * with a correlation id of its own (identity's events carry it). Returns the ISV, the service and both ids.
 */
export async function gatewayConventionsJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const approvalCorrelationId = `journey-${randomUUID()}`;
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'conventions', { 'x-correlation-id': approvalCorrelationId });
  const services = `/v1/workspaces/${isv.workspaceId}/services` as const;
  const name = `Conventions ${isv.workspaceId.slice(0, 8)}`;

  const unauthenticated = await api.get<Problem>(services);
  expect(unauthenticated.status).toBe(401);
  expect(unauthenticated.headers.get('content-type')).toContain('application/problem+json');
  expect(unauthenticated.body.code).toBe('UNAUTHENTICATED');

  const invalid = await isv.client.post<Problem>(services, outsideContract({ ...serviceBody(name), name: undefined, description: 42, colour: 'red' }));
  expect(invalid.status).toBe(400);
  expect(invalid.body.code).toBe('VALIDATION_FAILED');
  expect(invalid.body.errors?.map((e) => e.field).sort()).toEqual(expect.arrayContaining(['colour', 'description', 'name']));

  const oversize = await isv.client.post<Problem>(services, serviceBody(name, { description: 'y'.repeat(1_100_000) }));
  expect([oversize.status, oversize.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

  const malformed = await isv.client.call<Problem>('POST', services, { rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
  expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);

  const unstorable = await isv.client.post<Problem>(services, serviceBody('nul \u0000 inside'));
  expect([unstorable.status, unstorable.body.code]).toEqual([400, 'MALFORMED_TEXT']);

  // Catalog learns of the workspace from identity's events; an idempotent request is only sent once it has
  // (a refusal is an answer, and the key would replay it).
  await eventually(async () => ((await isv.client.get(services)).status === 200 ? true : undefined), 30_000, 'catalog knowing the ISV workspace');

  const correlationId = `journey-${randomUUID()}`;
  const key = randomUUID();
  const created = await isv.client.post<{ serviceId: string; status: string; version: number }>(services, serviceBody(name), { 'idempotency-key': key, 'x-correlation-id': correlationId });
  expect(created.status).toBe(201);
  expect(created.headers.get('x-correlation-id')).toBe(correlationId);
  expect(created.body).toMatchObject({ status: 'DRAFT', version: 1 });
  const serviceId = created.body.serviceId;

  const replayed = await isv.client.post<{ serviceId: string }>(services, serviceBody(name), { 'idempotency-key': key });
  expect(replayed.status).toBe(201);
  expect(replayed.body.serviceId).toBe(serviceId);
  const reused = await isv.client.post<Problem>(services, serviceBody(`${name} other`), { 'idempotency-key': key });
  expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

  const read = await isv.client.get<ServiceView>(`/v1/services/${serviceId}`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ serviceId, name, status: 'DRAFT', version: 1 });
  expect(read.headers.get('etag')).toBe('"1"');
  expect((await isv.client.get(`/v1/services/${serviceId}`, { 'if-none-match': '"1"' })).status).toBe(304);

  const missing = await isv.client.get<Problem>(`/v1/services/${randomUUID()}`);
  expect([missing.status, missing.body.code]).toEqual([404, 'SERVICE_NOT_FOUND']);
  const notAnId = await isv.client.get<Problem>('/v1/services/not-an-id');
  expect([notAnId.status, notAnId.body.code]).toEqual([404, 'SERVICE_NOT_FOUND']);

  const notStaff = await isv.client.post<Problem>(`/v1/review/services/${serviceId}/reject`, { reason: 'Reviewing my own service' });
  expect([notStaff.status, notStaff.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);

  const listed = await eventually(async () => {
    const page = await isv.client.get<Page<ServiceView>>(`${services}?limit=100`);
    return page.body.items?.find((s) => s.serviceId === serviceId);
  }, 30_000, 'the service in the projected list');
  expect(listed).toMatchObject({ name, status: 'DRAFT' });

  const staleEdit = await isv.client.call<Problem>('PATCH', `/v1/services/${serviceId}`, { body: { description: 'Edited.' }, headers: { 'if-match': '"7"' } });
  expect([staleEdit.status, staleEdit.body.code]).toEqual([412, 'STALE_VERSION']);
  const edited = await isv.client.call<ServiceView>('PATCH', `/v1/services/${serviceId}`, { body: { description: 'Loyalty mini programs, edited once.' }, headers: { 'if-match': '"1"' } });
  expect([edited.status, edited.body.version]).toEqual([200, 2]);
  expect(edited.headers.get('etag')).toBe('"2"');

  const submitted = await isv.client.post<{ status: string; version: number }>(`/v1/services/${serviceId}/submit`);
  expect(submitted.body).toMatchObject({ status: 'PENDING_REVIEW', version: 3 });
  const stale = await isv.client.post<Problem>(`/v1/services/${serviceId}/withdraw`, undefined, { 'if-match': '"2"' });
  expect([stale.status, stale.body.code]).toEqual([412, 'STALE_VERSION']);
  const withdrawn = await isv.client.post<{ status: string; version: number }>(`/v1/services/${serviceId}/withdraw`, undefined, { 'if-match': '"3"' });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', version: 4 });
  const again = await isv.client.post<Problem>(`/v1/services/${serviceId}/withdraw`);
  expect([again.status, again.body.code]).toEqual([422, 'SERVICE_NOT_UNDER_REVIEW']);

  await eventually(async () => {
    const page = await isv.client.get<Page<ServiceView>>(`${services}?status=WITHDRAWN&limit=100`);
    return page.body.items?.find((s) => s.serviceId === serviceId && s.version === 4);
  }, 30_000, 'the withdrawal in the projected list');

  const badQuery = await isv.client.get<Problem>(`${services}?limit=0&cursor=%%%`);
  expect(badQuery.status).toBe(400);
  const craftedCursor = Buffer.from(JSON.stringify({ at: 'yesterday', id: 'x' })).toString('base64url');
  const crafted = await isv.client.get<Problem>(`${services}?cursor=${craftedCursor}`);
  expect([crafted.status, crafted.body.code]).toEqual([400, 'INVALID_CURSOR']);
  return { isv, workspaceId: isv.workspaceId, serviceId, correlationId, approvalCorrelationId };
}
