import { randomUUID } from 'node:crypto';
import { EventEnvelope, ORDER_COMPLETED, ORDER_CONFIRMED, OrderEventV1, RequestMessage } from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase, eventually } from '@mpp/testing';
import { orderingService } from '../ordering.service';

const merchant = { accountId: 'merchant-owner', platformRoles: [] as string[] };
const merchantDeveloper = { accountId: 'merchant-dev', platformRoles: [] as string[] };
const isv = { accountId: 'isv-owner', platformRoles: [] as string[] };
const now = () => new Date().toISOString();

/** Another service's public event, as it arrives in ordering's inbox from Kafka. */
function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: now(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}

describe('ordering on PostgreSQL (through its request router)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let store: SqlEventStore;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('ordering');
    sql = new PostgresSqlClient({ connectionString: db.url });
    store = await new SqlEventStore(sql).init();
    service = await startService(orderingService, { sql, store, logger: createLogger('ordering-int', 'silent') });
    const workspace = (id: string, type: string) =>
      received('identity', 'identity.WorkspaceApproved', `Workspace-${id}`, { workspaceId: id, type, name: `${id} Ltd`, ownerAccountId: 'x', applicationId: 'a', approvedAt: now() });
    const member = (workspaceId: string, accountId: string, role: string) => received('identity', 'identity.MemberAdded', `Workspace-${workspaceId}`, { workspaceId, accountId, role, at: now() });
    await service.inbox.receive([
      workspace('m-1', 'MERCHANT'),
      member('m-1', merchant.accountId, 'OWNER'),
      member('m-1', merchantDeveloper.accountId, 'DEVELOPER'),
      workspace('i-1', 'ISV'),
      member('i-1', isv.accountId, 'OWNER'),
      received('catalog', 'catalog.ServiceOnline', 'Service-s-1', { serviceId: 's-1', isvWorkspaceId: 'i-1', type: 'MINI_PROGRAM_DEVELOPMENT', name: 'Builds', at: now() }),
      received('catalog', 'catalog.ServiceOnline', 'Service-s-2', { serviceId: 's-2', isvWorkspaceId: 'i-1', type: 'MINI_PROGRAM_TEMPLATE', name: 'Coffee shop template', templateId: 'tpl-1', at: now() }),
      ...['mp-1', 'mp-2', 'mp-3', 'mp-4', 'mp-5', 'mp-6'].map((id) =>
        received('miniprograms', 'miniprograms.MiniProgramCreated', `MiniProgram-${id}`, { miniProgramId: id, ownerWorkspaceId: 'm-1', name: id, description: '', category: 'RETAIL', targetApps: ['GCASH'], at: now() }),
      ),
    ]);
    await eventually(async () => ((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM known_mini_programs`)).rows[0].n === 6 ? true : undefined), 10_000, 'the inbox projected');
    await eventually(async () => ((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM known_members`)).rows[0].n === 3 ? true : undefined), 10_000, 'the inbox projected');
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
    await db.drop();
  });

  const send = (type: string, payload: unknown, actor = merchant) => service.router.handle({ type, payload, meta: { correlationId: randomUUID(), actor } } as RequestMessage);
  const ok = async <T>(type: string, payload: unknown, actor = merchant) => {
    const reply = await send(type, payload, actor);
    if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
    return reply.result as T;
  };
  const place = (miniProgramId: string) => ok<{ orderId: string }>('ordering.PlaceOrder', { serviceId: 's-1', miniProgramId });
  const step = (orderId: string, verb: 'AcceptOrder' | 'ConfirmOrder', actor = merchant) => send(`ordering.${verb}`, { orderId }, actor);
  const streamTypes = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.type);

  it('keeps in its inbox only the event types its readers read: a release is passed over, a new mini program stored', async () => {
    const released = received('miniprograms', 'miniprograms.VersionReleased', 'MiniProgram-mp-1', { miniProgramId: 'mp-1', version: '1.0.0', at: now() });
    const created = received('miniprograms', 'miniprograms.MiniProgramCreated', 'MiniProgram-mp-kept', { miniProgramId: 'mp-kept', ownerWorkspaceId: 'm-1', name: 'kept', description: '', category: 'RETAIL', targetApps: ['GCASH'], at: now() });
    expect(await service.inbox.receive([released, created])).toBe(1);
    const stored = (ids: string[]) => sql.query<{ event_id: string }>(`SELECT event_id::text AS event_id FROM inbox_events WHERE event_id = ANY($1::uuid[])`, [ids]);
    expect((await stored([released.id, created.id])).rows.map((r) => r.event_id)).toEqual([created.id]);
    await eventually(async () => ((await sql.query(`SELECT 1 FROM known_mini_programs WHERE mini_program_id = 'mp-kept'`)).rows.length ? true : undefined), 10_000, 'the kept event projected');
  });

  it('places one order per (mini program, service) when many merchants\' tabs place it at once', async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, () => send('ordering.PlaceOrder', { serviceId: 's-1', miniProgramId: 'mp-1' })));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(5).fill('UNFINISHED_ORDER_EXISTS'));
  });

  it('lets exactly one of many concurrent confirmations win, and grants exactly one authorization', async () => {
    const { orderId } = await place('mp-2');
    expect((await step(orderId, 'AcceptOrder', isv)).ok).toBe(true);
    const replies = await Promise.all(Array.from({ length: 8 }, () => step(orderId, 'ConfirmOrder')));
    const winners = replies.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(new Set(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code))).toEqual(new Set(['ORDER_NOT_PENDING_CONFIRMATION']));
    expect(await streamTypes(`Order-${orderId}`)).toEqual(['ordering.OrderPlaced', 'ordering.OrderAccepted', 'ordering.OrderConfirmed']);
    const { authorizationId } = (winners[0] as { result: { authorizationId: string } }).result;
    expect(await streamTypes(`Authorization-${authorizationId}`)).toEqual(['ordering.AuthorizationGranted']);
  });

  it('orders a template service like a development one: placed, accepted, confirmed, granting the ISV the authorization (DOMAIN.md 5)', async () => {
    const { orderId } = await ok<{ orderId: string }>('ordering.PlaceOrder', { serviceId: 's-2', miniProgramId: 'mp-5', note: 'Our coffee shop' });
    expect((await step(orderId, 'AcceptOrder', isv)).ok).toBe(true);
    const confirmed = await ok<{ status: string; authorizationId: string }>('ordering.ConfirmOrder', { orderId, scopes: ['UPLOAD', 'CONFIGURE'] });
    expect(confirmed).toMatchObject({ status: 'IN_DEVELOPMENT', authorizationId: expect.any(String) });
    const authorization = await eventually(async () => {
      const reply = await send('ordering.GetAuthorization', { authorizationId: confirmed.authorizationId }, isv);
      return reply.ok ? reply.result : undefined;
    });
    expect(authorization).toMatchObject({ status: 'ACTIVE', orderId, miniProgramId: 'mp-5', isvWorkspaceId: 'i-1', merchantWorkspaceId: 'm-1', scopes: ['UPLOAD', 'CONFIGURE'] });
  });

  it('answers the authorization a confirmation just granted while the read model has not caught up: from its stream', async () => {
    const runner = service.runners.find((r) => r.projection.name === 'orders');
    if (!runner) throw new Error('no orders runner');
    const { orderId } = await place('mp-6');
    expect((await step(orderId, 'AcceptOrder', isv)).ok).toBe(true);
    await runner.stop();
    let read: unknown;
    let authorizationId = '';
    try {
      const confirmed = await ok<{ authorizationId: string }>('ordering.ConfirmOrder', { orderId, scopes: ['UPLOAD'] });
      authorizationId = confirmed.authorizationId;
      expect((await sql.query(`SELECT 1 FROM authorizations WHERE authorization_id = $1`, [confirmed.authorizationId])).rows).toEqual([]);
      read = await ok('ordering.GetAuthorization', { authorizationId: confirmed.authorizationId }, isv);
      expect(read).toEqual({
        authorizationId: confirmed.authorizationId, orderId, miniProgramId: 'mp-6', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1',
        status: 'ACTIVE', scopes: ['UPLOAD'], grantedAt: expect.any(String), updatedAt: expect.any(String), version: 1,
      });
      // Someone of neither party, and an id nobody was given, still get 404.
      expect(await send('ordering.GetAuthorization', { authorizationId: confirmed.authorizationId }, { accountId: 'stranger', platformRoles: [] })).toMatchObject({ ok: false, error: { code: 'AUTHORIZATION_NOT_FOUND' } });
      expect(await send('ordering.GetAuthorization', { authorizationId: randomUUID() }, isv)).toMatchObject({ ok: false, error: { code: 'AUTHORIZATION_NOT_FOUND' } });
    } finally {
      runner.start();
    }
    // Once the read model has it, it answers the same.
    await eventually(async () => ((await sql.query(`SELECT 1 FROM authorizations WHERE authorization_id = $1`, [authorizationId])).rows.length ? true : undefined), 10_000, 'the authorization projected');
    expect(await ok('ordering.GetAuthorization', { authorizationId }, isv)).toEqual(read);
  });

  it('keeps members without a deciding role to reading: a merchant Developer sees the order but cannot place or confirm', async () => {
    const { orderId } = await place('mp-3');
    const refused = await send('ordering.PlaceOrder', { serviceId: 's-1', miniProgramId: 'mp-4' }, merchantDeveloper);
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN_WORKSPACE_ROLE');
    expect((await ok<{ status: string }>('ordering.GetOrder', { orderId }, merchantDeveloper)).status).toBe('NEW');
    await step(orderId, 'AcceptOrder', isv);
    const confirm = await step(orderId, 'ConfirmOrder', merchantDeveloper);
    expect(!confirm.ok && confirm.error.code).toBe('FORBIDDEN_WORKSPACE_ROLE');
    expect(await streamTypes(`Order-${orderId}`)).toEqual(['ordering.OrderPlaced', 'ordering.OrderAccepted']);
  });

  it('grants and ends the authorization from the log when the command did not get to it (a crash between the two appends), from events stored in version 1', async () => {
    const { orderId } = await place('mp-4');
    await step(orderId, 'AcceptOrder', isv);
    // The confirmation as a crashed handler of the previous release left it: the order's event only, no grant yet,
    // in the shape stored before version 2 (the whole order on each event), which the worker and projection upcast.
    const [placed] = await store.readStream(`Order-${orderId}`, { limit: 1 });
    const authorizationId = randomUUID();
    const confirmed: OrderEventV1 = { ...(placed.data as unknown as OrderEventV1), status: 'IN_DEVELOPMENT', authorizationId, scopes: ['UPLOAD'], at: now() };
    const write = (type: string, data: OrderEventV1, expectedVersion: number) =>
      store.append(`Order-${orderId}`, [{ eventId: randomUUID(), type, data: data as unknown as Record<string, unknown>, metadata: { correlationId: 'crash', actor: merchant, occurredAt: now() } }], { expectedVersion });
    await write(ORDER_CONFIRMED, confirmed, 2);
    const granted = await eventually(async () => {
      const events = await store.readStream(`Authorization-${authorizationId}`);
      return events.length ? events : undefined;
    });
    expect(granted.map((e) => [e.type, e.data.scopes, e.metadata.actor?.accountId, e.metadata.correlationId])).toEqual([['ordering.AuthorizationGranted', ['UPLOAD'], merchant.accountId, 'crash']]);
    await write(ORDER_COMPLETED, { ...confirmed, status: 'COMPLETED', at: now() }, 3);
    await eventually(async () => ((await store.readStream(`Authorization-${authorizationId}`)).length === 2 ? true : undefined), 10_000, 'the authorization ended by the worker');
    expect(await streamTypes(`Authorization-${authorizationId}`)).toEqual(['ordering.AuthorizationGranted', 'ordering.AuthorizationEnded']);
    const view = await eventually(async () => {
      const reply = await send('ordering.GetAuthorization', { authorizationId });
      return reply.ok && (reply.result as { version: number }).version === 2 ? (reply.result as { status: string }) : undefined;
    });
    expect(view.status).toBe('ENDED');
  });
});
