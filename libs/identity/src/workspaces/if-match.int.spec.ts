import {
  ACCEPT_INVITATION,
  APPROVE_WORKSPACE_APPLICATION,
  DECLINE_INVITATION,
  INVITE_MEMBER,
  REJECT_WORKSPACE_APPLICATION,
  REMOVE_MEMBER,
  RequestActor,
  SUBMIT_WORKSPACE_APPLICATION,
  UPLOAD_APPLICATION_LOGO,
  WITHDRAW_INVITATION,
} from '@mpp/contracts';
import { AggregateStore, PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase } from '@mpp/testing';
import { accountDecider, accountStreamId } from '../accounts/account.decider';
import { identityService } from '../identity.service';
import { workspaceStreamId } from './workspace.decider';

// Every identity write on a resource that shows its version (workspace with its members and invitations,
// workspace application) refuses a stale If-Match with 412 STALE_VERSION and writes nothing; a creation ignores it.

describe('identity writes with If-Match on PostgreSQL (through its request router)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let store: SqlEventStore;

  const owner: RequestActor = { accountId: 'acc-owner', platformRoles: [] };
  const dev: RequestActor = { accountId: 'acc-dev', platformRoles: [] };
  const stranger: RequestActor = { accountId: 'acc-stranger', platformRoles: [] };
  const reviewer: RequestActor = { accountId: 'acc-reviewer', platformRoles: ['REVIEWER'] };

  beforeAll(async () => {
    process.env.JWT_SECRET = 'identity-if-match-secret-of-32-chars!';
    db = await createTestDatabase('identity_if_match');
    sql = new PostgresSqlClient({ connectionString: db.url });
    store = await new SqlEventStore(sql).init();
    service = await startService(identityService, { sql, store, logger: createLogger('identity-if-match', 'silent') });
    const aggregates = new AggregateStore(store);
    for (const [actor, name] of [[owner, 'owner'], [dev, 'dev'], [stranger, 'stranger']] as const) {
      const command = { type: 'RegisterAccount' as const, accountId: actor.accountId, email: `${name}@example.io`, username: name, passwordHash: 'x', termsVersion: 't' };
      await aggregates.handle(accountDecider, accountStreamId(actor.accountId), command, { metadata: { correlationId: 'seed' } });
    }
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
    await db.drop();
  });

  const send = (type: string, payload: unknown, actor: RequestActor, expectedVersion?: number) =>
    service.router.handle({ type, payload, meta: { correlationId: 'c', actor, ...(expectedVersion !== undefined ? { expectedVersion } : {}) } });
  const ok = async <T>(type: string, payload: unknown, actor: RequestActor, expectedVersion?: number) => {
    const reply = await send(type, payload, actor, expectedVersion);
    if (!reply.ok) throw new Error(`${type} refused: ${JSON.stringify(reply.error)}`);
    return reply.result as T;
  };
  // Every committed event, straight from the table: the global-log reader holds back events of transactions
  // newer than the oldest one still open (a projection runner's, say), which would make two reads differ.
  const everything = async () => ({
    events: (await sql.query(`SELECT stream_id, stream_position, type, data FROM es_events ORDER BY global_position`)).rows,
    logos: (await sql.query(`SELECT sha256 FROM logos`)).rows,
  });
  /** The request is refused with `code` and leaves every stream (and the logo table) as it was. */
  const refusedUnchanged = async (code: string, type: string, payload: unknown, actor: RequestActor, expectedVersion: number) => {
    const before = await everything();
    const reply = await send(type, payload, actor, expectedVersion);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(await everything()).toEqual(before);
  };
  const stale = (type: string, payload: unknown, actor: RequestActor, expectedVersion: number) =>
    refusedUnchanged('STALE_VERSION', type, payload, actor, expectedVersion);

  let workspaceId: string;

  it('refuses a stale If-Match on a workspace application, its logo, its approval and rejection', async () => {
    const application = {
      type: 'ISV',
      companyName: 'Acme Ltd',
      businessAddress: '1 Harbour Street',
      countryRegion: 'SG',
      businessRepresentative: 'Ada Lovelace',
      acceptTerms: true,
      acceptPrivacyPolicy: true,
    };
    // A new application has no version to match: an If-Match sent with it is ignored.
    const { applicationId } = await ok<{ applicationId: string }>(SUBMIT_WORKSPACE_APPLICATION, application, owner, 5);
    // The application is at version 1. The logo's bytes are not even looked at.
    const logo = { applicationId, contentType: 'image/png', dataBase64: Buffer.from('a logo').toString('base64') };
    await stale(UPLOAD_APPLICATION_LOGO, logo, owner, 2);
    await stale(REJECT_WORKSPACE_APPLICATION, { applicationId, reason: 'Fix the address' }, reviewer, 0);
    // The approval creates the workspace before it marks the application: a stale one creates nothing.
    await stale(APPROVE_WORKSPACE_APPLICATION, { applicationId }, reviewer, 2);
    // A caller who may not see the application gets its 404, not a 412 telling that it exists.
    await refusedUnchanged('APPLICATION_NOT_FOUND', UPLOAD_APPLICATION_LOGO, logo, stranger, 2);

    ({ workspaceId } = await ok<{ workspaceId: string }>(APPROVE_WORKSPACE_APPLICATION, { applicationId }, reviewer, 1));
    expect(await store.readStream(workspaceStreamId(workspaceId))).toHaveLength(3);
  });

  it('refuses a stale If-Match on a workspace\'s invitations and members', async () => {
    const version = async () => (await store.readStream(workspaceStreamId(workspaceId))).length;
    expect(await version()).toBe(3);
    const invite = { workspaceId, email: 'dev@example.io', role: 'DEVELOPER' };
    // No invitation, and not its reference either (written before the workspace when the invitation goes ahead).
    await stale(INVITE_MEMBER, invite, owner, 2);
    await refusedUnchanged('WORKSPACE_NOT_FOUND', INVITE_MEMBER, invite, stranger, 2);
    const { invitationId } = await ok<{ invitationId: string }>(INVITE_MEMBER, invite, owner, 3);

    await stale(WITHDRAW_INVITATION, { workspaceId, invitationId }, owner, 3);
    await stale(DECLINE_INVITATION, { invitationId }, dev, 3);
    await stale(ACCEPT_INVITATION, { invitationId }, dev, 3);
    await ok(ACCEPT_INVITATION, { invitationId }, dev, 4);
    expect(await version()).toBe(6);

    await stale(REMOVE_MEMBER, { workspaceId, accountId: dev.accountId }, owner, 4);
    await refusedUnchanged('WORKSPACE_NOT_FOUND', REMOVE_MEMBER, { workspaceId, accountId: dev.accountId }, stranger, 4);
    await ok(REMOVE_MEMBER, { workspaceId, accountId: dev.accountId }, owner, 6);
    expect(await version()).toBe(7);
  });

  it('finds no member or invitation named like a built-in property (constructor, toString, __proto__...), and writes nothing', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      await refusedUnchanged('MEMBER_NOT_FOUND', REMOVE_MEMBER, { workspaceId, accountId: name }, owner, 7);
      await refusedUnchanged('INVITATION_NOT_FOUND', WITHDRAW_INVITATION, { workspaceId, invitationId: name }, owner, 7);
      await refusedUnchanged('INVITATION_NOT_FOUND', ACCEPT_INVITATION, { invitationId: name }, dev, 7);
    }
  });
});
