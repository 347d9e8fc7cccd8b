import { BATCH_JOB_CANCELED, BATCH_JOB_COMPLETED, BATCH_JOB_PAUSED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import {
  BATCH_FAILED_ITEMS_RETRIED,
  BATCH_ITEM_FAILED,
  BATCH_ITEM_SKIPPED,
  BATCH_ITEM_SUCCEEDED,
  BATCH_ITEMS_STARTED,
  BATCH_JOB_RESUMED,
  BATCH_JOB_STARTED,
  BatchJobCommand,
  batchJobDecider,
  BatchJobEvent,
  countsOf,
  ExistingBatchJob,
} from './batch-job.decider';

const at = SPEC_NOW.toISOString();
const spec = deciderSpecification(batchJobDecider);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `mp-${i}`);
type Start = Extract<BatchJobCommand, { type: 'StartBatchJob' }>;
const startCommand = (n: number, options = {}): Start => ({
  type: 'StartBatchJob',
  jobId: 'job-1',
  isvWorkspaceId: 'i-1',
  kind: 'SUBMIT_REVIEW',
  params: { version: '1.0.0', releaseMode: 'MANUAL' },
  options,
  miniProgramIds: ids(n),
  createdBy: 'dev-1',
});
const started = (n: number, options = {}) => spec.given().when(startCommand(n, options)).events();
const then = (events: BatchJobEvent[], command: BatchJobCommand) => spec.given(events).when(command).events();
const job = (events: BatchJobEvent[]) => fold(batchJobDecider, events) as ExistingBatchJob;
const startItems = (events: BatchJobEvent[], indexes: number[]) => then(events, { type: 'StartItems', indexes });
const succeed = (events: BatchJobEvent[], index: number) => then(events, { type: 'RecordItemOutcome', index, attempt: job(events).items[index].attempts, outcome: { ok: true } });
const fail = (events: BatchJobEvent[], index: number, code = 'VERSION_NOT_FOUND') =>
  then(events, { type: 'RecordItemOutcome', index, attempt: job(events).items[index].attempts, outcome: { ok: false, code, message: `${code} message` } });
/** Runs items one after another with the outcome `ok(i)` gives. */
const runAll = (events: BatchJobEvent[], indexes: number[], ok: (i: number) => boolean) =>
  indexes.reduce((history, i) => (ok(i) ? succeed(startItems(history, [i]), i) : fail(startItems(history, [i]), i)), events);

describe('batch job decider', () => {
  it('starts a RUNNING job with one PENDING item per distinct mini program, with the default options', () => {
    spec
      .given()
      .when({ ...startCommand(0), miniProgramIds: ['a', 'b', 'a'] })
      .then([
        {
          type: BATCH_JOB_STARTED,
          data: { jobId: 'job-1', isvWorkspaceId: 'i-1', kind: 'SUBMIT_REVIEW', params: { version: '1.0.0', releaseMode: 'MANUAL' }, options: { concurrency: 10, maxFailureRatio: 0.1, dryRun: false }, miniProgramIds: ['a', 'b'], createdBy: 'dev-1', at },
        },
      ]);
    expect(job(started(3))).toMatchObject({ status: 'RUNNING', items: [{ miniProgramId: 'mp-0', status: 'PENDING', attempts: 0 }, expect.anything(), expect.anything()] });
  });

  it('refuses a job without targets, over 1,000 mini programs, with the params its kind needs missing, or with bad options (400)', () => {
    spec.given().when(startCommand(0)).thenRefuses('VALIDATION_FAILED', 'bad_input');
    spec.given().when(startCommand(1001)).thenRefuses('TOO_MANY_BATCH_ITEMS', 'bad_input');
    expect(job(started(1000)).items).toHaveLength(1000);
    const refusal = (command: Partial<Start>) => {
      try {
        spec.given().when({ ...startCommand(1), ...command }).decided();
      } catch (error) {
        return (error as { errors?: { field: string }[] }).errors?.map((e) => e.field);
      }
      return 'accepted';
    };
    expect(refusal({ params: {} })).toEqual(['params.releaseMode', 'params.version']);
    expect(refusal({ kind: 'RELEASE', params: { version: '1.0.0', grayPercent: 20 as never } })).toEqual(['params.grayPercent']);
    expect(refusal({ kind: 'RELEASE', params: { version: '1.0.0' } })).toBe('accepted');
    expect(refusal({ kind: 'ROLLBACK', params: {} })).toBe('accepted');
    expect(refusal({ kind: 'APPLY_TEMPLATE', params: { version: '1.0.0' } })).toEqual(['params.templateId', 'params.templateVersion']);
    expect(refusal({ options: { concurrency: 0, maxFailureRatio: 2 } })).toEqual(['options.concurrency', 'options.maxFailureRatio']);
    expect(refusal({ options: { concurrency: 51 } })).toEqual(['options.concurrency']);
    expect(refusal({ kind: 'NOPE' as never })).toEqual(['kind']);
    spec.given(started(1)).when(startCommand(1)).thenRefuses('ALREADY_EXISTS', 'conflict');
  });

  it('starts PENDING items only, each as its next attempt, and none while the job is not RUNNING', () => {
    const events = started(3);
    spec.given(events).when({ type: 'StartItems', indexes: [0, 1, 1, 7] }).then([
      { type: BATCH_ITEMS_STARTED, data: { jobId: 'job-1', index: 0, miniProgramId: 'mp-0', attempt: 1, at } },
      { type: BATCH_ITEMS_STARTED, data: { jobId: 'job-1', index: 1, miniProgramId: 'mp-1', attempt: 1, at } },
    ]);
    const paused = then(events, { type: 'PauseBatchJob', by: 'dev-1' });
    spec.given(paused).when({ type: 'StartItems', indexes: [0] }).then([]);
  });

  it('advances in one step: the outcomes in, then the next PENDING items up to the free slots, none once a quota refusal pauses it', () => {
    const running = startItems(started(4), [0, 1]);
    spec.given(running).when({ type: 'Advance', outcomes: [{ index: 0, attempt: 1, outcome: { ok: true } }, { index: 1, attempt: 2, outcome: { ok: true } }], start: 2 }).then([
      { type: BATCH_ITEM_SUCCEEDED, data: { jobId: 'job-1', index: 0, miniProgramId: 'mp-0', at } },
      { type: BATCH_ITEMS_STARTED, data: { jobId: 'job-1', index: 2, miniProgramId: 'mp-2', attempt: 1, at } },
      { type: BATCH_ITEMS_STARTED, data: { jobId: 'job-1', index: 3, miniProgramId: 'mp-3', attempt: 1, at } },
    ]);
    const quota = { ok: false as const, code: 'REVIEW_QUOTA_EXHAUSTED', message: 'none left' };
    const afterQuota = then(running, { type: 'Advance', outcomes: [{ index: 0, attempt: 1, outcome: quota }], start: 1 });
    expect(afterQuota.slice(running.length).map((e) => e.type)).toEqual([BATCH_ITEM_FAILED, BATCH_JOB_PAUSED]);
  });

  it('records an outcome once: a replayed or stale attempt changes nothing', () => {
    const running = startItems(started(2), [0]);
    const done = succeed(running, 0);
    spec.given(done).when({ type: 'RecordItemOutcome', index: 0, attempt: 1, outcome: { ok: false, code: 'X', message: 'x' } }).then([]);
    spec.given(running).when({ type: 'RecordItemOutcome', index: 0, attempt: 2, outcome: { ok: true } }).then([]);
    spec.given(running).when({ type: 'RecordItemOutcome', index: 1, attempt: 1, outcome: { ok: true } }).then([]);
  });

  it('completes when the last item finishes: COMPLETED, or COMPLETED_WITH_FAILURES with the counts', () => {
    const all = runAll(started(3), [0, 1, 2], () => true);
    expect(all[all.length - 1]).toEqual({ type: BATCH_JOB_COMPLETED, data: expect.objectContaining({ status: 'COMPLETED', total: 3, counts: { pending: 0, running: 0, succeeded: 3, failed: 0, skipped: 0 }, dryRun: false }) });
    const some = runAll(started(3), [0, 1, 2], (i) => i !== 1);
    expect(some[some.length - 1]).toEqual({ type: BATCH_JOB_COMPLETED, data: expect.objectContaining({ status: 'COMPLETED_WITH_FAILURES' }) });
    expect(job(some).items[1]).toMatchObject({ status: 'FAILED', code: 'VERSION_NOT_FOUND', message: 'VERSION_NOT_FOUND message' });
  });

  it('pauses once at least 10 items finished and the failed share is above maxFailureRatio, not before', () => {
    // 9 finished, 1 failed (11%): too few to judge.
    const nine = runAll(started(20), ids(9).map((_, i) => i), (i) => i !== 0);
    expect(job(nine).status).toBe('RUNNING');
    // The 10th fails: 2 of 10 = 20% > 10%.
    const tenth = fail(startItems(nine, [9]), 9);
    expect(tenth[tenth.length - 1]).toEqual({ type: BATCH_JOB_PAUSED, data: expect.objectContaining({ reason: 'FAILURE_RATIO', counts: expect.objectContaining({ failed: 2, succeeded: 8, pending: 10 }) }) });
    // At 10% exactly it goes on; a ratio of 1 never pauses.
    const atRatio = runAll(started(20), ids(10).map((_, i) => i), (i) => i !== 0);
    expect(job(atRatio).status).toBe('RUNNING');
    const tolerant = runAll(started(20, { maxFailureRatio: 1 }), ids(12).map((_, i) => i), () => false);
    expect(job(tolerant).status).toBe('RUNNING');
  });

  it('pauses at once when an item finds the review quota used up; the remaining items stay PENDING', () => {
    const events = fail(startItems(started(5), [0, 1]), 0, 'REVIEW_QUOTA_EXHAUSTED');
    expect(events.slice(-2).map((e) => e.type)).toEqual([BATCH_ITEM_FAILED, BATCH_JOB_PAUSED]);
    expect(job(events)).toMatchObject({ status: 'PAUSED', pausedReason: 'QUOTA' });
    expect(countsOf(job(events).items)).toEqual({ pending: 3, running: 1, succeeded: 0, failed: 1, skipped: 0 });
    // The item under way still records its outcome; the job stays PAUSED.
    expect(job(succeed(events, 1))).toMatchObject({ status: 'PAUSED' });
  });

  it('pauses and resumes by a member; resuming a job with nothing left completes it', () => {
    const paused = then(startItems(started(2), [0]), { type: 'PauseBatchJob', by: 'dev-2' });
    expect(paused[paused.length - 1]).toEqual({ type: BATCH_JOB_PAUSED, data: expect.objectContaining({ reason: 'MEMBER', by: 'dev-2' }) });
    spec.given(paused).when({ type: 'PauseBatchJob', by: 'dev-2' }).then([]);
    spec.given(paused).when({ type: 'ResumeBatchJob', by: 'dev-2' }).then([{ type: BATCH_JOB_RESUMED, data: { jobId: 'job-1', by: 'dev-2', at } }]);
    spec.given(started(1)).when({ type: 'ResumeBatchJob', by: 'dev-2' }).then([]);
    // Both items finished while paused: resuming completes.
    const finishedWhilePaused = succeed(succeed(startItems(then(startItems(started(2), [0, 1]), { type: 'PauseBatchJob', by: 'dev-2' }), []), 0), 1);
    expect(spec.given(finishedWhilePaused).when({ type: 'ResumeBatchJob', by: 'dev-2' }).decided().map((e) => e.type)).toEqual([BATCH_JOB_RESUMED, BATCH_JOB_COMPLETED]);
  });

  it('cancels: every PENDING item SKIPPED, items under way finish; a finished job cannot be paused, resumed or canceled (409)', () => {
    const canceled = then(startItems(started(3), [0]), { type: 'CancelBatchJob', by: 'dev-1' });
    expect(canceled.slice(-3).map((e) => e.type)).toEqual([BATCH_ITEM_SKIPPED, BATCH_ITEM_SKIPPED, BATCH_JOB_CANCELED]);
    expect(canceled[canceled.length - 1].data).toMatchObject({ counts: { pending: 0, running: 1, succeeded: 0, failed: 0, skipped: 2 }, by: 'dev-1' });
    expect(job(succeed(canceled, 0))).toMatchObject({ status: 'CANCELED' });
    spec.given(canceled).when({ type: 'CancelBatchJob', by: 'dev-1' }).then([]);
    spec.given(canceled).when({ type: 'ResumeBatchJob', by: 'dev-1' }).thenRefuses('BATCH_JOB_FINISHED', 'conflict');
    spec.given(canceled).when({ type: 'RetryFailedBatchItems', by: 'dev-1' }).thenRefuses('BATCH_JOB_FINISHED', 'conflict');
    const completed = runAll(started(1), [0], () => true);
    for (const type of ['PauseBatchJob', 'ResumeBatchJob', 'CancelBatchJob'] as const) spec.given(completed).when({ type, by: 'dev-1' }).thenRefuses('BATCH_JOB_FINISHED', 'conflict');
    spec.given().when({ type: 'PauseBatchJob', by: 'dev-1' }).thenRefuses('BATCH_JOB_NOT_FOUND', 'not_found');
  });

  it('retries the failed items: back to PENDING as a new attempt, the job RUNNING again, even after it completed', () => {
    const some = runAll(started(3), [0, 1, 2], (i) => i !== 1);
    spec.given(some).when({ type: 'RetryFailedBatchItems', by: 'dev-1' }).then([{ type: BATCH_FAILED_ITEMS_RETRIED, data: { jobId: 'job-1', by: 'dev-1', indexes: [1], at } }]);
    const retried = then(some, { type: 'RetryFailedBatchItems', by: 'dev-1' });
    expect(job(retried)).toMatchObject({ status: 'RUNNING' });
    expect(job(retried).items[1]).toEqual({ miniProgramId: 'mp-1', status: 'PENDING', attempts: 1, code: undefined, message: undefined });
    expect(startItems(retried, [1]).slice(-1)).toEqual([{ type: BATCH_ITEMS_STARTED, data: expect.objectContaining({ index: 1, attempt: 2 }) }]);
    const done = succeed(startItems(retried, [1]), 1);
    expect(done[done.length - 1]).toEqual({ type: BATCH_JOB_COMPLETED, data: expect.objectContaining({ status: 'COMPLETED' }) });
    spec.given(done).when({ type: 'RetryFailedBatchItems', by: 'dev-1' }).then([]);
    expect(done.filter((e) => e.type === BATCH_ITEM_SUCCEEDED)).toHaveLength(3);
  });
});
