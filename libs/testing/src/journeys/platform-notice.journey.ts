import { randomUUID } from 'node:crypto';
import { PlatformNoticeView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, eventually } from '../api-client';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string; message: string }[];
  correlationId: string;
}

/**
 * The thin slice through every layer, as a front end drives it: staff publish a notice (identity's
 * events), it shows up in the list (catalog's projection, fed through the transport), and every refusal
 * on the way is the API.md error. Returns the notice's id and the correlation id used to publish it.
 */
export async function platformNoticeJourney(anonymous: ApiClient, staff: ApiClient, member: ApiClient) {
  const unauthenticated = await anonymous.get<Problem>('/v1/platform-notices');
  expect(unauthenticated.status).toBe(401);
  expect(unauthenticated.headers.get('content-type')).toContain('application/problem+json');
  expect(unauthenticated.body.code).toBe('UNAUTHENTICATED');

  const notStaff = await member.post<Problem>('/v1/platform-notices', { title: 'Hi', body: 'there' });
  expect([notStaff.status, notStaff.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);

  const invalid = await staff.post<Problem>('/v1/platform-notices', { body: 42, colour: 'red' });
  expect(invalid.status).toBe(400);
  expect(invalid.body.code).toBe('VALIDATION_FAILED');
  expect(invalid.body.errors?.map((e) => e.field).sort()).toEqual(expect.arrayContaining(['body', 'colour', 'title']));

  const oversize = await staff.post<Problem>('/v1/platform-notices', { title: 'x', body: 'y'.repeat(1_100_000) });
  expect([oversize.status, oversize.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

  const malformed = await staff.call<Problem>('POST', '/v1/platform-notices', { rawBody: '{"title":', headers: { 'content-type': 'application/json' } });
  expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);

  const unstorable = await staff.post<Problem>('/v1/platform-notices', { title: 'nul \u0000 inside', body: 'x' });
  expect([unstorable.status, unstorable.body.code]).toEqual([400, 'MALFORMED_TEXT']);

  const correlationId = `journey-${randomUUID()}`;
  const key = randomUUID();
  const notice = { title: 'Scheduled maintenance', body: `Read-only on Sunday (${key})` };
  const published = await staff.post<PlatformNoticeView>('/v1/platform-notices', notice, { 'idempotency-key': key, 'x-correlation-id': correlationId });
  expect(published.status).toBe(201);
  expect(published.headers.get('x-correlation-id')).toBe(correlationId);
  expect(published.body).toMatchObject({ ...notice, status: 'PUBLISHED', version: 1 });
  const noticeId = published.body.noticeId;

  const replayed = await staff.post<PlatformNoticeView>('/v1/platform-notices', notice, { 'idempotency-key': key });
  expect(replayed.status).toBe(201);
  expect(replayed.body.noticeId).toBe(noticeId);
  const reused = await staff.post<Problem>('/v1/platform-notices', { ...notice, title: 'Other' }, { 'idempotency-key': key });
  expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

  const read = await member.get<PlatformNoticeView>(`/v1/platform-notices/${noticeId}`);
  expect(read.status).toBe(200);
  expect(read.headers.get('etag')).toBe('"1"');
  expect((await member.get(`/v1/platform-notices/${noticeId}`, { 'if-none-match': '"1"' })).status).toBe(304);

  const missing = await member.get<Problem>(`/v1/platform-notices/${randomUUID()}`);
  expect([missing.status, missing.body.code]).toEqual([404, 'NOTICE_NOT_FOUND']);
  expect((await member.get<Problem>('/v1/platform-notices/not-an-id')).status).toBe(404);

  const listed = await eventually(async () => {
    const page = await member.get<Page<PlatformNoticeView>>('/v1/platform-notices?limit=100');
    return page.body.items?.find((n) => n.noticeId === noticeId);
  }, 30_000, 'the notice in the projected list');
  expect(listed).toMatchObject({ ...notice, status: 'PUBLISHED' });

  const stale = await staff.post<Problem>(`/v1/platform-notices/${noticeId}/withdraw`, undefined, { 'if-match': '"7"' });
  expect([stale.status, stale.body.code]).toEqual([412, 'STALE_VERSION']);
  const withdrawn = await staff.post<PlatformNoticeView>(`/v1/platform-notices/${noticeId}/withdraw`, undefined, { 'if-match': '"1"' });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', version: 2 });
  const again = await staff.post<Problem>(`/v1/platform-notices/${noticeId}/withdraw`);
  expect([again.status, again.body.code]).toEqual([422, 'NOTICE_ALREADY_WITHDRAWN']);

  await eventually(async () => {
    const page = await member.get<Page<PlatformNoticeView>>('/v1/platform-notices?status=WITHDRAWN&limit=100');
    return page.body.items?.find((n) => n.noticeId === noticeId && n.version === 2);
  }, 30_000, 'the withdrawal in the projected list');

  const badQuery = await member.get<Problem>('/v1/platform-notices?limit=0&cursor=%%%');
  expect(badQuery.status).toBe(400);
  const craftedCursor = Buffer.from(JSON.stringify({ at: 'yesterday', id: 'x' })).toString('base64url');
  const crafted = await member.get<Problem>(`/v1/platform-notices?cursor=${craftedCursor}`);
  expect([crafted.status, crafted.body.code]).toEqual([400, 'INVALID_CURSOR']);
  return { noticeId, correlationId };
}
