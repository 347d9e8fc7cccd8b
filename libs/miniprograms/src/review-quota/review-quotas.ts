import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta, ReviewQuotaView, VersionView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { MiniProgramAccess } from '../access/mini-program-access';
import { MiniProgramChanges } from '../mini-programs/mini-program-changes';
import { ExistingMiniProgram, MiniProgramCommand, miniProgramDecider, miniProgramStreamId } from '../mini-programs/mini-program.decider';
import {
  EXPEDITES_PER_MONTH,
  monthOf,
  reviewQuotaDecider,
  reviewQuotaLimitDecider,
  reviewQuotaLimitStreamId,
  reviewQuotaStreamId,
} from './review-quota.decider';

/** What a change uses: a submission one unit of the month's review quota, an expedite one of the month's expedites. */
export type Charge = 'REVIEW' | 'EXPEDITE';

// Advisory lock namespaces (the two-key form), so a mini program's key never collides with a quota's.
const MINI_PROGRAM_TURN = 1;
const QUOTA_TURN = 2;

/**
 * Makes the changes that come after it in the same transaction take turns on `key` until it commits (an advisory
 * lock takes no transaction id, so readers of the log are not held back while a change waits). Correctness does
 * not depend on it: the appends' optimistic concurrency does that. It spares the bounded retries of
 * AggregateStore.handle, which many submissions of one workspace at once (a batch job) would otherwise run out of.
 */
async function takeTurn(sql: SqlClient, namespace: number, key: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [namespace, key]);
}

/**
 * Who pays for a change: an ISV's submissions and expedites use its own workspace's quota. A merchant's
 * submissions of its own mini program use none (the quota limits ISVs' review load, DOMAIN.md 5); its expedites
 * use its own workspace's 3 a month, like an ISV's, so nobody jumps the reviewers' queue without limit.
 */
function payerOf(charge: Charge, state: ExistingMiniProgram, access: MiniProgramAccess | undefined): string | undefined {
  if (access?.side === 'ISV') return access.workspaceId;
  return charge === 'EXPEDITE' ? state.ownerWorkspaceId : undefined;
}

/** A workspace's review quota: what it has used this month, its limit, and the changes that use it. */
@Injectable()
export class ReviewQuotas {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly changes: MiniProgramChanges,
  ) {}

  /** The workspace's quota in the current month (UTC), from its streams. */
  async view(workspaceId: string): Promise<ReviewQuotaView> {
    const month = monthOf(new Date());
    const [{ state: limit }, { state: usage }] = await Promise.all([
      this.aggregates.load(reviewQuotaLimitDecider, reviewQuotaLimitStreamId(workspaceId)),
      this.aggregates.load(reviewQuotaDecider, reviewQuotaStreamId(workspaceId, month)),
    ]);
    return {
      workspaceId,
      month,
      limit: limit.limit,
      used: usage.used,
      remaining: Math.max(0, limit.limit - usage.used),
      expedite: { limit: EXPEDITES_PER_MONTH, used: usage.expediteUsed, remaining: Math.max(0, EXPEDITES_PER_MONTH - usage.expediteUsed) },
    };
  }

  /**
   * A change of a version that uses a unit of the paying workspace's quota (a submission, an expedite). The
   * change is decided first, so its own refusals win (another version in review, say) and use nothing; then the
   * unit is taken (429 when none is left), then the change is appended. All in ONE transaction (under a savepoint
   * of the request's Idempotency-Key transaction when there is one): a unit is used exactly when the change
   * commits. (That holds with the SQL event store, where both streams live in the service's database; EventStoreDB
   * has no transaction across streams.)
   */
  charged(charge: Charge, miniProgramId: string, meta: RequestMeta, command: Extract<MiniProgramCommand, { type: 'SubmitVersion' }> | { type: 'ExpediteVersion'; version: string }): Promise<VersionView> {
    return this.atomically(async () => {
      // Charged changes of one mini program take turns: the state decided on below is the one appended to, so an
      // expedite found to change nothing never pays.
      await takeTurn(this.sql, MINI_PROGRAM_TURN, miniProgramStreamId(miniProgramId));
      return this.changes.ofVersion(miniProgramId, meta, 'SUBMIT_REVIEW', command, async (state, access) => {
        const payer = payerOf(charge, state, access);
        if (!payer) return;
        const decided = miniProgramDecider.decide(command, state, { now: new Date(), newId: randomUUID, actor: signedIn(meta) });
        if (decided.length === 0) return;
        await this.take(charge, payer, miniProgramId, command.version, meta);
      });
    });
  }

  /**
   * Runs `work` in a transaction of its own, or under a savepoint of the caller's (an Idempotency-Key's, a batch
   * worker's): a refusal then undoes the unit it took even when the caller goes on and commits.
   */
  private async atomically<T>(work: () => Promise<T>): Promise<T> {
    if (!this.sql.inTransaction) return this.sql.transaction(work);
    await this.sql.query('SAVEPOINT review_quota');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.sql.query('ROLLBACK TO SAVEPOINT review_quota');
      throw error;
    }
    await this.sql.query('RELEASE SAVEPOINT review_quota');
    return result;
  }

  /** Takes one unit of the workspace's quota this month, or refuses with 429. */
  private async take(charge: Charge, workspaceId: string, miniProgramId: string, version: string, meta: RequestMeta): Promise<void> {
    const month = monthOf(new Date());
    const streamId = reviewQuotaStreamId(workspaceId, month);
    await takeTurn(this.sql, QUOTA_TURN, streamId);
    const use = { workspaceId, month, miniProgramId, version };
    if (charge === 'EXPEDITE') {
      await this.aggregates.handle(reviewQuotaDecider, streamId, { type: 'UseExpedite', ...use }, { metadata: meta });
      return;
    }
    const { state } = await this.aggregates.load(reviewQuotaLimitDecider, reviewQuotaLimitStreamId(workspaceId));
    await this.aggregates.handle(reviewQuotaDecider, streamId, { type: 'UseReviewUnit', limit: state.limit, ...use }, { metadata: meta });
  }
}
