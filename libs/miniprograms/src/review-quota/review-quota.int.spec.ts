import { randomUUID } from 'node:crypto';
import {
  AUTHORIZATION_SCOPES,
  EXPEDITE_VERSION,
  GET_REVIEW_QUOTA,
  GET_VERSION,
  LIST_VERSIONS_FOR_REVIEW,
  Page,
  PayloadOf,
  Reply,
  ReviewQuotaView,
  SET_REVIEW_QUOTA,
  SUBMIT_VERSION,
  UPLOAD_VERSION,
  VersionView,
  WITHDRAW_VERSION,
} from '@mpp/contracts';
import { SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { RunningService } from '@mpp/runtime';
import { eventually } from '@mpp/testing';
import { miniProgramStreamId, VERSION_SUBMITTED } from '../mini-programs/mini-program.decider';
import { createMiniProgram, grantAuthorizations, merchant, merchantWorkspace, Miniprograms, request, seedWorkspaces, startMiniprograms, testDatabases } from '../testing';

type Actor = { accountId: string; platformRoles: string[] };
const operator: Actor = { accountId: 'op-1', platformRoles: ['OPERATOR'] };
const reviewer: Actor = { accountId: 'rev-1', platformRoles: ['REVIEWER'] };
const outsider: Actor = { accountId: 'outsider', platformRoles: [] };
const pkg = { sha256: 'a'.repeat(64), size: 100 };

/** The cluster's database, and standalone's embedded one (where every transaction runs alone). */
const databases = testDatabases('review_quota', { max: 20 });

describe.each(databases)('miniprograms: the review quota and expedites (%s)', (_name, open) => {
  let world: Miniprograms;
  let sql: SqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let isvCount = 0;

  const send = <T extends Parameters<RunningService['router']['handle']>[0]['type']>(type: T, payload: object, actor: Actor, commandId?: string): Promise<Reply> =>
    request(service, type, payload, actor, commandId ? { commandId } : {});
  const ok = async <R,>(reply: Promise<Reply>): Promise<R> => {
    const answered = await reply;
    if (!answered.ok) throw new Error(`refused: ${answered.error.code} ${answered.error.message}`);
    return answered.result as R;
  };
  const codeOf = async (reply: Promise<Reply>) => {
    const answered = await reply;
    return answered.ok ? 'OK' : `${answered.error.category}:${answered.error.code}`;
  };

  /** A new ISV workspace with its own owner, authorized (every scope) on `count` new mini programs of the merchant. */
  async function isvWith(count: number): Promise<{ workspaceId: string; dev: Actor; miniProgramIds: string[] }> {
    const n = ++isvCount;
    const workspaceId = `i-${n}`;
    const dev: Actor = { accountId: `isv-dev-${n}`, platformRoles: [] };
    await seedWorkspaces(service, sql, [{ workspaceId, type: 'ISV', owner: dev.accountId }]);
    const miniProgramIds: string[] = [];
    for (let i = 0; i < count; i++) miniProgramIds.push(await createMiniProgram(service, merchant, 'm-1', `Shop ${n}.${i}`));
    await grantAuthorizations(service, sql, miniProgramIds.map((miniProgramId) => ({ authorizationId: `a-${miniProgramId}`, miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: workspaceId, scopes: AUTHORIZATION_SCOPES })));
    return { workspaceId, dev, miniProgramIds };
  }

  const upload = (miniProgramId: string, version: string, actor: Actor) => ok<VersionView>(send(UPLOAD_VERSION, { miniProgramId, version, description: 'd', package: pkg }, actor));
  const submit = (miniProgramId: string, version: string, actor: Actor, commandId?: string) =>
    send(SUBMIT_VERSION, { miniProgramId, version, releaseMode: 'MANUAL' } satisfies PayloadOf<typeof SUBMIT_VERSION>, actor, commandId);
  const quota = (workspaceId: string, actor: Actor = operator) => ok<ReviewQuotaView>(send(GET_REVIEW_QUOTA, { workspaceId }, actor));
  const setLimit = (workspaceId: string, limit: number, actor: Actor = operator) => send(SET_REVIEW_QUOTA, { workspaceId, limit }, actor);
  const statusOf = async (miniProgramId: string, version: string) => (await ok<VersionView>(send(GET_VERSION, { miniProgramId, version }, merchant))).status;
  /** Whether the version was submitted, from the mini program's own stream (the projection may lag). */
  const submitted = async (miniProgramId: string) => (await store.readStream(miniProgramStreamId(miniProgramId))).some((e) => e.type === VERSION_SUBMITTED);
  const expedite = (miniProgramId: string, version: string, actor: Actor) => send(EXPEDITE_VERSION, { miniProgramId, version }, actor);

  beforeAll(async () => {
    world = await startMiniprograms('review-quota', open);
    ({ sql, store, service } = world);
    await seedWorkspaces(service, sql, [merchantWorkspace]);
  });
  afterAll(() => world.stop());

  it('starts at 100 a month and 3 expedites; an operator sets the limit; past it a submission is 429 REVIEW_QUOTA_EXHAUSTED and stays UPLOADED', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(3);
    const month = new Date().toISOString().slice(0, 7);
    expect(await quota(workspaceId, dev)).toEqual({ workspaceId, month, limit: 100, used: 0, remaining: 100, expedite: { limit: 3, used: 0, remaining: 3 } });
    expect(await ok(setLimit(workspaceId, 2))).toMatchObject({ month, limit: 2, used: 0, remaining: 2 });

    for (const id of miniProgramIds) await upload(id, '1.0.0', dev);
    expect(await codeOf(submit(miniProgramIds[0], '1.0.0', dev))).toBe('OK');
    expect(await codeOf(submit(miniProgramIds[1], '1.0.0', dev))).toBe('OK');
    expect(await codeOf(submit(miniProgramIds[2], '1.0.0', dev))).toBe('rate_limited:REVIEW_QUOTA_EXHAUSTED');

    expect(await submitted(miniProgramIds[2])).toBe(false);
    expect(await statusOf(miniProgramIds[2], '1.0.0')).toBe('UPLOADED');
    expect(await quota(workspaceId, dev)).toMatchObject({ limit: 2, used: 2, remaining: 0 });

    // A higher limit holds from now on: the waiting version goes in.
    await ok(setLimit(workspaceId, 3));
    expect(await codeOf(submit(miniProgramIds[2], '1.0.0', dev))).toBe('OK');
    expect(await quota(workspaceId, dev)).toMatchObject({ limit: 3, used: 3, remaining: 0 });
  });

  it('uses no unit for a refused submission, even when none is left (the refusal wins), nor for the merchant\'s own', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(1);
    const [id] = miniProgramIds;
    await ok(setLimit(workspaceId, 1));
    await upload(id, '1.0.0', dev);
    await upload(id, '1.0.1', dev);
    expect(await codeOf(submit(id, '1.0.0', dev))).toBe('OK');
    expect(await codeOf(submit(id, '1.0.1', dev))).toBe('conflict:ANOTHER_VERSION_IN_PROGRESS');
    expect(await codeOf(submit(id, '9.9.9', dev))).toBe('not_found:VERSION_NOT_FOUND');
    expect(await statusOf(id, '1.0.1')).toBe('UPLOADED');
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 1, remaining: 0 });

    // The merchant withdraws and submits its own mini program's version: the ISV's quota does not move.
    await ok(send(WITHDRAW_VERSION, { miniProgramId: id, version: '1.0.0' }, merchant));
    expect(await codeOf(submit(id, '1.0.1', merchant))).toBe('OK');
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 1 });
    expect(await quota('m-1', merchant)).toMatchObject({ used: 0 });
  });

  it('gives the unit back with the submission when the submission fails after the unit was taken (a stale If-Match), with or without an Idempotency-Key', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(1);
    const [id] = miniProgramIds;
    await upload(id, '1.0.0', dev);
    // The If-Match is checked when the submission is appended, after its unit was taken: both roll back.
    for (const commandId of [undefined, randomUUID()]) {
      const stale = await service.router.handle({ type: SUBMIT_VERSION, payload: { miniProgramId: id, version: '1.0.0', releaseMode: 'MANUAL' }, meta: { correlationId: randomUUID(), actor: dev, expectedVersion: 1, ...(commandId ? { commandId } : {}) } });
      expect(await codeOf(Promise.resolve(stale))).toBe('precondition_failed:STALE_VERSION');
    }
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 0 });
    expect(await submitted(id)).toBe(false);
  });

  it('does not give the unit back when a submission is withdrawn; submitting again uses another', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(1);
    const [id] = miniProgramIds;
    await upload(id, '1.0.0', dev);
    expect(await codeOf(submit(id, '1.0.0', dev))).toBe('OK');
    expect(await ok<VersionView>(send(WITHDRAW_VERSION, { miniProgramId: id, version: '1.0.0' }, dev))).toMatchObject({ status: 'UPLOADED' });
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 1 });
    expect(await codeOf(submit(id, '1.0.0', dev))).toBe('OK');
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 2, remaining: 98 });
  });

  it('takes the unit once for a submission replayed under its Idempotency-Key', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(1);
    await upload(miniProgramIds[0], '1.0.0', dev);
    const key = randomUUID();
    const first = await submit(miniProgramIds[0], '1.0.0', dev, key);
    expect(first.ok).toBe(true);
    expect(await submit(miniProgramIds[0], '1.0.0', dev, key)).toEqual(first);
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 1 });
  });

  it('never lets submissions at once from several mini programs exceed the limit, with or without an Idempotency-Key', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(10);
    await ok(setLimit(workspaceId, 4));
    for (const id of miniProgramIds) await upload(id, '1.0.0', dev);
    const codes = await Promise.all(miniProgramIds.map((id, i) => codeOf(submit(id, '1.0.0', dev, i % 2 ? randomUUID() : undefined))));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(4);
    expect(codes.filter((c) => c !== 'OK')).toEqual(Array(6).fill('rate_limited:REVIEW_QUOTA_EXHAUSTED'));
    expect((await Promise.all(miniProgramIds.map(submitted))).filter(Boolean)).toHaveLength(4);
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 4, remaining: 0 });
  });

  it('takes one unit for two versions of one mini program submitted at once (one is refused), and one expedite for a version expedited twice at once', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(1);
    const [id] = miniProgramIds;
    await upload(id, '1.0.0', dev);
    await upload(id, '1.0.1', dev);
    const codes = await Promise.all([submit(id, '1.0.0', dev), submit(id, '1.0.1', dev, randomUUID())].map(codeOf));
    expect(codes.sort()).toEqual(['OK', 'conflict:ANOTHER_VERSION_IN_PROGRESS']);
    expect(await quota(workspaceId, dev)).toMatchObject({ used: 1 });

    const submittedVersion = (await store.readStream(miniProgramStreamId(id))).find((e) => e.type === VERSION_SUBMITTED)?.data.version as string;
    const twice = await Promise.all([expedite(id, submittedVersion, dev), expedite(id, submittedVersion, dev)]);
    expect(twice).toEqual([{ ok: true, result: { expedited: true } }, { ok: true, result: { expedited: true } }]);
    expect((await quota(workspaceId, dev)).expedite).toMatchObject({ used: 1 });
  });

  it('puts expedited versions first in the reviewers\' queue, then by submission time; a 4th expedite in a month is 429', async () => {
    const { workspaceId, dev, miniProgramIds } = await isvWith(5);
    const [a, b, c, d, e] = miniProgramIds;
    for (const id of miniProgramIds) await upload(id, '1.0.0', dev);
    for (const id of [a, b, c, d]) {
      expect(await codeOf(submit(id, '1.0.0', dev))).toBe('OK');
      // Submission times a few milliseconds apart, so the order by submission time is the order here.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    expect(await codeOf(expedite(e, '1.0.0', dev))).toBe('rule_violation:VERSION_NOT_IN_REVIEW');
    expect(await ok(expedite(c, '1.0.0', dev))).toEqual({ expedited: true });
    // Again: the same answer, no second expedite used.
    expect(await ok(expedite(c, '1.0.0', dev))).toEqual({ expedited: true });
    expect((await quota(workspaceId, dev)).expedite).toEqual({ limit: 3, used: 1, remaining: 2 });

    const ours = (page: Page<VersionView>) => page.items.filter((v) => miniProgramIds.includes(v.miniProgramId));
    const queue = async () => ours(await ok<Page<VersionView>>(send(LIST_VERSIONS_FOR_REVIEW, { status: 'IN_REVIEW', limit: 500 }, reviewer)));
    const ordered = await eventually(async () => {
      const items = await queue();
      return items.length === 4 && items[0].expedited ? items : undefined;
    }, 10_000, 'the expedite in the queue');
    expect(ordered.map((v) => [v.miniProgramId, v.expedited ?? false])).toEqual([[c, true], [a, false], [b, false], [d, false]]);

    expect(await ok(expedite(d, '1.0.0', dev))).toEqual({ expedited: true });
    expect(await ok(expedite(b, '1.0.0', dev))).toEqual({ expedited: true });
    expect(await codeOf(expedite(a, '1.0.0', dev))).toBe('rate_limited:EXPEDITE_QUOTA_EXHAUSTED');
    expect((await quota(workspaceId, dev)).expedite).toEqual({ limit: 3, used: 3, remaining: 0 });
    expect((await quota(workspaceId, dev)).used).toBe(4);

    // Expedited first, each lane by submission time (b was submitted before c and d).
    await eventually(async () => ((await queue()).filter((v) => v.expedited).length === 3 ? true : undefined), 10_000, 'the expedites in the queue');
    expect((await queue()).map((v) => v.miniProgramId)).toEqual([b, c, d, a]);
    // Paged one by one, the queue keeps that order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ok<Page<VersionView>>(send(LIST_VERSIONS_FOR_REVIEW, { status: 'IN_REVIEW', limit: 1, ...(cursor ? { cursor } : {}) }, reviewer));
      paged.push(...page.items.map((v) => v.miniProgramId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged.filter((id) => miniProgramIds.includes(id))).toEqual([b, c, d, a]);

    // The merchant expedites its own mini program with its own workspace's expedites.
    expect(await ok(expedite(a, '1.0.0', merchant))).toEqual({ expedited: true });
    expect((await quota('m-1', merchant)).expedite).toMatchObject({ used: 1 });
  });

  it('lets only platform operators set a limit, to an integer from 0 to 100000 of a known workspace', async () => {
    const { workspaceId, dev } = await isvWith(0);
    expect(await codeOf(setLimit(workspaceId, 5, dev))).toBe('forbidden:FORBIDDEN_ROLE');
    expect(await codeOf(setLimit(workspaceId, 5, reviewer))).toBe('forbidden:FORBIDDEN_ROLE');
    expect(await codeOf(setLimit('no-such-workspace', 5))).toBe('not_found:WORKSPACE_NOT_FOUND');
    for (const limit of [-1, 100_001, 2.5]) expect(await codeOf(setLimit(workspaceId, limit))).toBe('bad_input:VALIDATION_FAILED');
    expect(await quota(workspaceId, dev)).toMatchObject({ limit: 100 });
    expect(await ok(setLimit(workspaceId, 0))).toMatchObject({ limit: 0, remaining: 0 });
  });

  it('shows a workspace\'s quota to its members and to operators; to others no such workspace', async () => {
    const { workspaceId, dev } = await isvWith(0);
    expect(await codeOf(send(GET_REVIEW_QUOTA, { workspaceId }, dev))).toBe('OK');
    expect(await codeOf(send(GET_REVIEW_QUOTA, { workspaceId }, operator))).toBe('OK');
    expect(await codeOf(send(GET_REVIEW_QUOTA, { workspaceId }, outsider))).toBe('not_found:WORKSPACE_NOT_FOUND');
    expect(await codeOf(send(GET_REVIEW_QUOTA, { workspaceId }, merchant))).toBe('not_found:WORKSPACE_NOT_FOUND');
    expect(await codeOf(send(GET_REVIEW_QUOTA, { workspaceId: 'constructor' }, operator))).toBe('not_found:WORKSPACE_NOT_FOUND');
  });
});
