import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Reply, RequestMessage, RequestMeta } from '@mpp/contracts';
import { AggregateStore, ensureSchema, HandleResult, SqlClient } from '@mpp/eventsourcing';
import { Logger, outsideTrace, Slots } from '@mpp/platform';
import { AGGREGATE_STORE, Daemon, LOGGER, RequestDispatch, SQL_CLIENT } from '@mpp/application';
import { BATCH_ITEMS_STARTED, BatchJobCommand, BatchJobEvent, batchJobDecider, BatchJobState, batchJobStreamId, ExistingBatchJob, ItemOutcome } from './batch-job.decider';
import { ITEM_COMMANDS, ITEMS_RUN_TOGETHER } from './item-commands';

/*
 * The batch job runner: the process manager that drives batch jobs (DOMAIN.md 5 "Batch jobs").
 *
 * - The job is an aggregate (batch-job.decider.ts), one stream per job, whose events are the job and its items:
 *   BatchJobStarted (kind, params, options, the targets resolved to its items, creator, ISV workspace),
 *   BatchItemStarted {index, attempt}, BatchItemSucceeded, BatchItemFailed {code, message}, BatchItemSkipped,
 *   BatchJobPaused {reason FAILURE_RATIO | QUOTA | MEMBER}, BatchJobResumed, BatchJobCanceled,
 *   BatchFailedItemsRetried, BatchJobCompleted. The decider decides the pauses and the completion whenever an
 *   item's outcome is recorded, so the rules live in one pure place; members' pause, resume, cancel and retry are
 *   commands on the same stream.
 * - Every item is the very request a single call would send (item-commands.ts: SubmitVersion, ReleaseVersion,
 *   Rollback, later ApplyTemplate), answered through the service's own request path (RequestDispatch: the request
 *   router, its cqrs handlers and its Idempotency-Key log), as the job's creator: access (requireAccess and its
 *   scopes), one version at a time, version order, quota all apply, and a refusal is recorded with the code and
 *   message a single request would have got.
 * - Exactly once: an item's request carries the commandId `batch-job:<job>:<index>:<attempt>`. The command log
 *   commits the claim, the command's events and its answer in one transaction; the runner records the outcome on
 *   the job stream afterwards. An item found RUNNING when a runner takes a job over (the process was killed, or
 *   stopped, between the two) is sent again with the same commandId: the log replays the recorded answer if the
 *   first send committed, or the command runs afresh if it did not, so it takes effect once. A retry of failed
 *   items is a new attempt, hence a new commandId (the log would replay the refusal otherwise).
 * - One runner per job: a lease row in batch_job_leases (taken when free or expired, renewed while driving,
 *   released at the end). A process killed with a lease leaves it to expire (LEASE_MS); each service process looks
 *   every POLL_MS for jobs RUNNING or with items RUNNING (batch_jobs, the projection) and drives those it can lease,
 *   and is woken at once by the verbs that start or resume a job. A stop is handled like a crash: the runner waits
 *   for the requests under way, records nothing more, and the next runner replays their answers from the log.
 * - Concurrency: up to the job's `concurrency` items under way. The runner advances in steps: each step appends, in
 *   one event batch, the outcomes that came in since the last and the items it takes up next (Advance), on the
 *   state the runner holds (AggregateStore.handle `from`), so a 1,000-item job neither reads nor writes its stream
 *   per item; a member's pause or cancel meanwhile shows up as a conflict, after which the stream is read afresh.
 * - Items together: the items of APPLY_TEMPLATE, RELEASE and ROLLBACK jobs (ITEMS_RUN_TOGETHER) go in groups of half
 *   the job's concurrency, each group's requests answered side by side in one pipelined transaction
 *   (RequestDispatch.handleTogether): the same few statements per item, sent together, so a group costs a few round
 *   trips instead of a few per item. Each item is still its own request under its own key; a group whose transaction
 *   fails as a whole is answered item by item, so exactly once holds either way.
 * - Dry run: the items' requests carry `meta.dryRun` and no commandId; AggregateStore decides and appends nothing,
 *   so every check a request makes runs, and only the job's own stream records what would have happened.
 */

/** How often a service looks for jobs to drive (a job whose runner died, or one woken while its commit was pending). */
const POLL_MS = 1_000;
/** How long a runner's lease on a job holds without renewal; renewed every third of it. */
const LEASE_MS = 15_000;
const MAX_BACKOFF_MS = 10_000;
/**
 * Item requests (or groups of them) under way at once in this process, whatever the jobs' concurrency: each holds a database connection
 * for its transaction, and the service's pool (10 by default) must keep room for the requests clients send meanwhile
 * (measured on a 1,000-item job at concurrency 50: reads' p99 79 ms uncapped, 29 ms with 4, at the same throughput).
 */
const ITEM_REQUESTS_AT_ONCE = 8;

export const BATCH_JOB_LEASES_SCHEMA = `CREATE TABLE IF NOT EXISTS batch_job_leases (job_id text PRIMARY KEY, holder text NOT NULL, until timestamptz NOT NULL)`;

/** The Idempotency-Key of an item's request: the same for a re-run of the same attempt, new for each retry. */
export const itemCommandId = (jobId: string, index: number, attempt: number) => `batch-job:${jobId}:${index}:${attempt}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
export class BatchJobRunner implements Daemon {
  private requests?: RequestDispatch;
  private readonly holder = randomUUID();
  private readonly driving = new Map<string, Promise<void>>();
  /** Jobs woken while being driven: driven once more after, so a resume that lands as a drive ends is not missed. */
  private readonly wokenAgain = new Set<string>();
  private stopping = true;
  private timer?: NodeJS.Timeout;
  private looking: Promise<void> = Promise.resolve();
  private readonly slots = new Slots(ITEM_REQUESTS_AT_ONCE);

  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The service's request path, which every item goes through. */
  using(requests: RequestDispatch): this {
    this.requests = requests;
    return this;
  }

  async start(): Promise<void> {
    await ensureSchema(this.sql, BATCH_JOB_LEASES_SCHEMA);
    this.stopping = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.looking;
    while (this.driving.size) await Promise.all(this.driving.values());
  }

  /** Drives the job now if this process can lease it (the verbs that start or resume a job call it). */
  wake(jobId: string): void {
    if (this.stopping || !this.requests) return;
    if (this.driving.has(jobId)) {
      this.wokenAgain.add(jobId);
      return;
    }
    // Outside the waking request's trace: the job outlives it.
    const drive = outsideTrace(() => this.drive(jobId))
      .catch((error: unknown) => this.logger.error({ err: error, jobId }, 'batch job runner failed; the job is looked at again'))
      .finally(() => {
        this.driving.delete(jobId);
        if (this.wokenAgain.delete(jobId)) this.wake(jobId);
      });
    this.driving.set(jobId, drive);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.looking = this.lookOut().finally(() => {
        if (!this.stopping) this.schedule(POLL_MS);
      });
    }, ms);
  }

  private async lookOut(): Promise<void> {
    try {
      const { rows } = await this.sql.query<{ job_id: string }>(`SELECT job_id FROM batch_jobs WHERE status = 'RUNNING' OR running > 0`);
      for (const row of rows) if (!this.driving.has(row.job_id)) this.wake(row.job_id);
    } catch (error) {
      this.logger.warn({ err: error }, 'batch job runner cannot look for jobs; trying again');
    }
  }

  private async drive(jobId: string): Promise<void> {
    const lease = { lost: false };
    const taken = await this.sql.query(
      `INSERT INTO batch_job_leases AS l (job_id, holder, until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (job_id) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until WHERE l.holder = EXCLUDED.holder OR l.until < now()`,
      [jobId, this.holder, LEASE_MS],
    );
    if (taken.rowCount === 0) return;
    const renewal = setInterval(() => {
      this.sql
        .query(`UPDATE batch_job_leases SET until = now() + $3 * interval '1 millisecond' WHERE job_id = $1 AND holder = $2`, [jobId, this.holder, LEASE_MS])
        .then((r) => (lease.lost ||= r.rowCount === 0))
        .catch((error: unknown) => this.logger.warn({ err: error, jobId }, 'batch job lease not renewed'));
    }, LEASE_MS / 3);
    try {
      await this.run(jobId, lease);
    } finally {
      clearInterval(renewal);
      await this.sql.query(`DELETE FROM batch_job_leases WHERE job_id = $1 AND holder = $2`, [jobId, this.holder]);
    }
  }

  private async run(jobId: string, lease: { lost: boolean }): Promise<void> {
    const streamId = batchJobStreamId(jobId);
    let current: { state: BatchJobState; version: number } = await this.aggregates.load(batchJobDecider, streamId);
    if (current.state.status === 'NONE') return;
    const inFlight = new Map<number, Promise<void>>();
    let writes: Promise<unknown> = Promise.resolve();
    const halted = () => this.stopping || lease.lost;

    /** One decision at a time on the job's stream, on the state this runner holds. */
    const decide = (command: BatchJobCommand): Promise<HandleResult<BatchJobState, BatchJobEvent>> => {
      const next = writes.then(async () => {
        const result = await this.aggregates.handle(batchJobDecider, streamId, command, { metadata: { correlationId: jobId }, from: current });
        current = { state: result.state, version: result.version };
        return result;
      });
      writes = next.catch(() => undefined);
      return next;
    };
    // Outcomes that came in since the runner's last step; each step records them and takes up the next items in
    // one append (Advance), so the stream is written per step, not per item.
    const outcomes: { index: number; attempt: number; outcome: ItemOutcome }[] = [];
    const launch = (job: ExistingBatchJob, items: { index: number; attempt: number }[]) => {
      const run = this.runItems(job, items)
        .then((results) => {
          if (!halted()) results.forEach((outcome, k) => outcome && outcomes.push({ ...items[k], outcome }));
        })
        .catch((error: unknown) => this.logger.error({ err: error, jobId, items: items.map((item) => item.index) }, 'batch items not recorded; a later runner replays them'))
        .finally(() => items.forEach(({ index }) => inFlight.delete(index)));
      for (const { index } of items) inFlight.set(index, run);
    };
    /** The items taken up in one step, sent in groups of half the job's concurrency when its kind runs together. */
    const launchAll = (job: ExistingBatchJob, items: { index: number; attempt: number }[]) => {
      const size = ITEMS_RUN_TOGETHER.has(job.kind) && !job.options.dryRun ? Math.ceil(job.options.concurrency / 2) : 1;
      for (let i = 0; i < items.length; i += size) launch(job, items.slice(i, i + size));
    };

    // Items a previous runner left RUNNING: the same attempt again, answered from the command log if it committed.
    const taken = current.state as ExistingBatchJob;
    launchAll(taken, taken.items.flatMap((item, index) => (item.status === 'RUNNING' ? [{ index, attempt: item.attempts }] : [])));
    try {
      while (!halted()) {
        const job = current.state as ExistingBatchJob;
        const free = job.status === 'RUNNING' ? Math.max(0, job.options.concurrency - inFlight.size) : 0;
        const hasPending = free > 0 && job.items.some((item) => item.status === 'PENDING');
        if (outcomes.length || hasPending) {
          const { state, events } = await decide({ type: 'Advance', outcomes: outcomes.splice(0), start: free });
          launchAll(state as ExistingBatchJob, events.flatMap((event) => (event.type === BATCH_ITEMS_STARTED ? [{ index: event.data.index, attempt: event.data.attempt }] : [])));
          continue;
        }
        if (inFlight.size === 0) break;
        await Promise.race(inFlight.values());
      }
    } finally {
      // Also when an append failed (its database went away): the lease is given up only once nothing is under way.
      await Promise.all(inFlight.values());
      await writes;
    }
  }

  /**
   * Sends the items' requests together (RequestDispatch.handleTogether, one slot for the group), then each one still
   * unanswered alone, as runItem does.
   */
  private async runItems(job: ExistingBatchJob, items: { index: number; attempt: number }[]): Promise<(ItemOutcome | undefined)[]> {
    const requests = this.dispatch();
    if (items.length === 1) return [await this.runItem(job, items[0].index, items[0].attempt)];
    const replies = await this.slots.run(() => requests.handleTogether(items.map(({ index, attempt }) => itemRequest(job, index, attempt))));
    return Promise.all(replies.map((reply, k) => (unanswered(reply) ? this.runItem(job, items[k].index, items[k].attempt) : outcomeOf(reply))));
  }

  /** Sends the item's request as its creator would; undefined when stopped before an answer (the next runner sends it again). */
  private async runItem(job: ExistingBatchJob, index: number, attempt: number): Promise<ItemOutcome | undefined> {
    const requests = this.dispatch();
    const request = itemRequest(job, index, attempt);
    for (let wait = 200; ; wait = Math.min(wait * 2, MAX_BACKOFF_MS)) {
      const reply = await this.slots.run(() => requests.handle(request));
      if (!unanswered(reply)) return outcomeOf(reply);
      if (this.stopping) return undefined;
      await sleep(wait);
    }
  }

  private dispatch(): RequestDispatch {
    if (!this.requests) throw new Error('the batch job runner runs items only once the service has given it its requests');
    return this.requests;
  }
}

/** An item's request: the very one a single call would send, as the job's creator, under the item's Idempotency-Key. */
function itemRequest(job: ExistingBatchJob, index: number, attempt: number): RequestMessage {
  const meta: RequestMeta = {
    correlationId: job.jobId,
    actor: { accountId: job.createdBy, platformRoles: [] },
    ...(job.options.dryRun ? { dryRun: true } : { commandId: itemCommandId(job.jobId, index, attempt) }),
  };
  return { ...ITEM_COMMANDS[job.kind](job.items[index].miniProgramId, job.params), meta } as RequestMessage;
}

/** The database was down, or another runner still holds this very request: the answer is yet to come. */
const unanswered = (reply: Reply) => !reply.ok && (reply.error.category === 'unavailable' || reply.error.code === 'REQUEST_IN_PROGRESS');

const outcomeOf = (reply: Reply): ItemOutcome => (reply.ok ? { ok: true } : { ok: false, code: reply.error.code, message: reply.error.message });
