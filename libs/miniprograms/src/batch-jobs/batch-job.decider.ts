import {
  BATCH_JOB_CANCELED,
  BATCH_JOB_COMPLETED,
  BATCH_JOB_CONCURRENCY,
  BATCH_JOB_KINDS,
  BATCH_JOB_PAUSED,
  BatchItemStatus,
  BatchJobCanceledV1,
  BatchJobCompletedV1,
  BatchJobCounts,
  BatchJobKind,
  BatchJobOptions,
  BatchJobParams,
  BatchJobPausedV1,
  BatchJobPauseReason,
  BatchJobStatus,
  DEFAULT_MAX_FAILURE_RATIO,
  GRAY_PERCENTS,
  MAX_BATCH_JOB_ITEMS,
} from '@mpp/contracts';
import { Decider, eventTypesOf } from '@mpp/eventsourcing';
import { AppError, FieldError } from '@mpp/platform';
import { BATCH_JOB_FINISHED, batchJobNotFound, REVIEW_QUOTA_EXHAUSTED, TOO_MANY_BATCH_ITEMS } from '../miniprograms.errors';

// A batch job is one aggregate holding its items: the failure ratio, the quota pause and the completion are decided
// over all of them at once, each time an item's outcome is recorded.

export const BATCH_JOB_STARTED = 'miniprograms.BatchJobStarted';
export const BATCH_ITEMS_STARTED = 'miniprograms.BatchItemStarted';
export const BATCH_ITEM_SUCCEEDED = 'miniprograms.BatchItemSucceeded';
export const BATCH_ITEM_FAILED = 'miniprograms.BatchItemFailed';
export const BATCH_ITEM_SKIPPED = 'miniprograms.BatchItemSkipped';
export const BATCH_JOB_RESUMED = 'miniprograms.BatchJobResumed';
export const BATCH_FAILED_ITEMS_RETRIED = 'miniprograms.BatchFailedItemsRetried';

/** Below this many finished items the failure ratio does not pause a job (DOMAIN.md 5). */
export const FAILURE_RATIO_MIN_FINISHED = 10;

type At = { jobId: string; at: string };
type Item = At & { index: number; miniProgramId: string };
export type BatchJobEvent =
  | {
      type: typeof BATCH_JOB_STARTED;
      data: At & { isvWorkspaceId: string; kind: BatchJobKind; params: BatchJobParams; options: BatchJobOptions; miniProgramIds: string[]; createdBy: string };
    }
  | { type: typeof BATCH_ITEMS_STARTED; data: Item & { attempt: number } }
  | { type: typeof BATCH_ITEM_SUCCEEDED | typeof BATCH_ITEM_SKIPPED; data: Item }
  | { type: typeof BATCH_ITEM_FAILED; data: Item & { code: string; message: string } }
  | { type: typeof BATCH_JOB_PAUSED; data: BatchJobPausedV1 }
  | { type: typeof BATCH_JOB_RESUMED; data: At & { by: string } }
  | { type: typeof BATCH_JOB_CANCELED; data: BatchJobCanceledV1 }
  | { type: typeof BATCH_FAILED_ITEMS_RETRIED; data: At & { by: string; indexes: number[] } }
  | { type: typeof BATCH_JOB_COMPLETED; data: BatchJobCompletedV1 };

/** Every event of a job's stream (what its projection reads). */
export const BATCH_JOB_EVENT_TYPES = eventTypesOf<BatchJobEvent>({ [BATCH_JOB_STARTED]: true, [BATCH_ITEMS_STARTED]: true, [BATCH_ITEM_SUCCEEDED]: true, [BATCH_ITEM_FAILED]: true, [BATCH_ITEM_SKIPPED]: true, [BATCH_JOB_PAUSED]: true, [BATCH_JOB_RESUMED]: true, [BATCH_JOB_CANCELED]: true, [BATCH_FAILED_ITEMS_RETRIED]: true, [BATCH_JOB_COMPLETED]: true });

/** What an item's command answered: success, or the refusal a single request would have got. */
export type ItemOutcome = { ok: true } | { ok: false; code: string; message: string };

export type BatchJobCommand =
  | {
      type: 'StartBatchJob';
      jobId: string;
      isvWorkspaceId: string;
      kind: BatchJobKind;
      params: BatchJobParams;
      options?: Partial<BatchJobOptions>;
      miniProgramIds: string[];
      createdBy: string;
    }
  /** The runner takes up these PENDING items (up to its concurrency). */
  | { type: 'StartItems'; indexes: number[] }
  /** What the item's command answered on this attempt; a stale attempt (already recorded) changes nothing. */
  | { type: 'RecordItemOutcome'; index: number; attempt: number; outcome: ItemOutcome }
  /**
   * The runner's one step: the outcomes that came in since its last, then up to `start` PENDING items taken up if
   * the job still runs after them. One append for many items: a large job's stream is not written per item.
   */
  | { type: 'Advance'; outcomes: { index: number; attempt: number; outcome: ItemOutcome }[]; start: number }
  | { type: 'PauseBatchJob' | 'ResumeBatchJob' | 'CancelBatchJob' | 'RetryFailedBatchItems'; by: string };

export interface BatchItemState {
  miniProgramId: string;
  status: BatchItemStatus;
  attempts: number;
  code?: string;
  message?: string;
}

export type BatchJobState =
  | { status: 'NONE' }
  | {
      status: BatchJobStatus;
      jobId: string;
      isvWorkspaceId: string;
      kind: BatchJobKind;
      params: BatchJobParams;
      options: BatchJobOptions;
      createdBy: string;
      createdAt: string;
      updatedAt: string;
      pausedReason?: BatchJobPauseReason;
      items: BatchItemState[];
    };
export type ExistingBatchJob = Exclude<BatchJobState, { status: 'NONE' }>;

export const batchJobStreamId = (jobId: string) => `BatchJob-${jobId}`;

export const countsOf = (items: readonly BatchItemState[]): BatchJobCounts => {
  const counts = { pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0 };
  for (const item of items) counts[item.status.toLowerCase() as keyof BatchJobCounts]++;
  return counts;
};

const isFinished = (status: BatchJobStatus) => status === 'CANCELED' || status === 'COMPLETED' || status === 'COMPLETED_WITH_FAILURES';

/** The options with their defaults, or 400 naming each bad one. */
function optionsOf(given: Partial<BatchJobOptions> = {}, errors: FieldError[]): BatchJobOptions {
  const concurrency = given.concurrency ?? BATCH_JOB_CONCURRENCY.default;
  const maxFailureRatio = given.maxFailureRatio ?? DEFAULT_MAX_FAILURE_RATIO;
  if (!Number.isInteger(concurrency) || concurrency < BATCH_JOB_CONCURRENCY.min || concurrency > BATCH_JOB_CONCURRENCY.max) {
    errors.push({ field: 'options.concurrency', message: `an integer from ${BATCH_JOB_CONCURRENCY.min} to ${BATCH_JOB_CONCURRENCY.max}` });
  }
  if (typeof maxFailureRatio !== 'number' || !(maxFailureRatio >= 0 && maxFailureRatio <= 1)) errors.push({ field: 'options.maxFailureRatio', message: 'a number from 0 to 1' });
  if (given.dryRun !== undefined && typeof given.dryRun !== 'boolean') errors.push({ field: 'options.dryRun', message: 'true or false' });
  return { concurrency, maxFailureRatio, dryRun: given.dryRun ?? false };
}

/** The params each kind needs (and only those): 400 naming each missing or bad one. */
function paramsOf(kind: BatchJobKind, given: BatchJobParams, errors: FieldError[]): BatchJobParams {
  const text = (field: keyof BatchJobParams) => {
    const value = given[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 64) errors.push({ field: `params.${field}`, message: `required for ${kind}` });
    return value as string;
  };
  switch (kind) {
    case 'APPLY_TEMPLATE':
      return { templateId: text('templateId'), templateVersion: text('templateVersion'), version: text('version') };
    case 'SUBMIT_REVIEW':
      if (given.releaseMode !== 'MANUAL' && given.releaseMode !== 'AUTO') errors.push({ field: 'params.releaseMode', message: 'MANUAL or AUTO' });
      return { version: text('version'), releaseMode: given.releaseMode };
    case 'RELEASE':
      if (given.grayPercent !== undefined && !GRAY_PERCENTS.includes(given.grayPercent)) errors.push({ field: 'params.grayPercent', message: 'one of 10, 30, 50' });
      return given.grayPercent === undefined ? { version: text('version') } : { version: text('version'), grayPercent: given.grayPercent };
    case 'ROLLBACK':
      return {};
  }
}

function start(command: Extract<BatchJobCommand, { type: 'StartBatchJob' }>, at: string): BatchJobEvent[] {
  const errors: FieldError[] = [];
  if (!BATCH_JOB_KINDS.includes(command.kind)) throw AppError.badInput('unknown kind', [{ field: 'kind', message: `one of ${BATCH_JOB_KINDS.join(', ')}` }]);
  const params = paramsOf(command.kind, command.params ?? {}, errors);
  const options = optionsOf(command.options, errors);
  if (errors.length) throw AppError.badInput('the job is not complete', errors);
  // The same mini program listed twice is one item.
  const miniProgramIds = [...new Set(command.miniProgramIds)];
  if (miniProgramIds.length === 0) throw AppError.badInput('no mini program to run on', [{ field: 'targets.miniProgramIds', message: 'at least one' }]);
  if (miniProgramIds.length > MAX_BATCH_JOB_ITEMS) {
    throw AppError.badInput(`at most ${MAX_BATCH_JOB_ITEMS} mini programs per job`, [{ field: 'targets.miniProgramIds', message: `at most ${MAX_BATCH_JOB_ITEMS} distinct ids` }], TOO_MANY_BATCH_ITEMS);
  }
  const { jobId, isvWorkspaceId, kind, createdBy } = command;
  return [{ type: BATCH_JOB_STARTED, data: { jobId, isvWorkspaceId, kind, params, options, miniProgramIds, createdBy, at } }];
}

/** The events a job's own progress adds after `events`: a pause by quota or failure ratio, or its completion. */
function progress(before: ExistingBatchJob, events: BatchJobEvent[], at: string): BatchJobEvent[] {
  const job = events.reduce(evolveExisting, before);
  if (job.status !== 'RUNNING') return events;
  const counts = countsOf(job.items);
  const summary = { jobId: job.jobId, isvWorkspaceId: job.isvWorkspaceId, kind: job.kind, dryRun: job.options.dryRun, total: job.items.length, counts, at };
  const last = events[events.length - 1];
  if (last?.type === BATCH_ITEM_FAILED && last.data.code === REVIEW_QUOTA_EXHAUSTED) return [...events, { type: BATCH_JOB_PAUSED, data: { ...summary, reason: 'QUOTA' } }];
  const finished = counts.succeeded + counts.failed;
  if (last?.type === BATCH_ITEM_FAILED && finished >= FAILURE_RATIO_MIN_FINISHED && counts.failed / finished > job.options.maxFailureRatio) {
    return [...events, { type: BATCH_JOB_PAUSED, data: { ...summary, reason: 'FAILURE_RATIO' } }];
  }
  if (counts.pending === 0 && counts.running === 0) {
    return [...events, { type: BATCH_JOB_COMPLETED, data: { ...summary, status: counts.failed ? 'COMPLETED_WITH_FAILURES' : 'COMPLETED' } }];
  }
  return events;
}

function decideExisting(command: Exclude<BatchJobCommand, { type: 'StartBatchJob' }>, job: ExistingBatchJob, at: string): BatchJobEvent[] {
  const { jobId } = job;
  const item = (index: number) => ({ jobId, index, miniProgramId: job.items[index].miniProgramId, at });
  const summary = () => ({ jobId, isvWorkspaceId: job.isvWorkspaceId, kind: job.kind, dryRun: job.options.dryRun, total: job.items.length, counts: countsOf(job.items), at });
  const finished = () => AppError.conflict(BATCH_JOB_FINISHED, `the job is ${job.status}`);
  switch (command.type) {
    case 'StartItems':
      if (job.status !== 'RUNNING') return [];
      return [...new Set(command.indexes)].filter((i) => job.items[i]?.status === 'PENDING').map((i) => ({ type: BATCH_ITEMS_STARTED, data: { ...item(i), attempt: job.items[i].attempts + 1 } }));
    case 'RecordItemOutcome': {
      const current = job.items[command.index];
      // Recorded already (a runner that took over replayed it): once only.
      if (current?.status !== 'RUNNING' || current.attempts !== command.attempt) return [];
      const { outcome } = command;
      return progress(job, [outcome.ok ? { type: BATCH_ITEM_SUCCEEDED, data: item(command.index) } : { type: BATCH_ITEM_FAILED, data: { ...item(command.index), code: outcome.code, message: outcome.message } }], at);
    }
    case 'Advance': {
      let state = job;
      const events: BatchJobEvent[] = [];
      const add = (more: BatchJobEvent[]) => {
        events.push(...more);
        state = more.reduce(evolveExisting, state);
      };
      for (const recorded of command.outcomes) add(decideExisting({ type: 'RecordItemOutcome', ...recorded }, state, at));
      const pending: number[] = [];
      for (let i = 0; i < state.items.length && pending.length < command.start; i++) if (state.items[i].status === 'PENDING') pending.push(i);
      if (pending.length) add(decideExisting({ type: 'StartItems', indexes: pending }, state, at));
      return events;
    }
    case 'PauseBatchJob':
      if (isFinished(job.status)) throw finished();
      return job.status === 'PAUSED' ? [] : [{ type: BATCH_JOB_PAUSED, data: { ...summary(), reason: 'MEMBER', by: command.by } }];
    case 'ResumeBatchJob':
      if (isFinished(job.status)) throw finished();
      return job.status === 'RUNNING' ? [] : progress(job, [{ type: BATCH_JOB_RESUMED, data: { jobId, by: command.by, at } }], at);
    case 'CancelBatchJob': {
      if (job.status === 'CANCELED') return [];
      if (isFinished(job.status)) throw finished();
      const skipped: BatchJobEvent[] = job.items.flatMap((it, i) => (it.status === 'PENDING' ? [{ type: BATCH_ITEM_SKIPPED, data: item(i) }] : []));
      const after = skipped.reduce(evolveExisting, job);
      return [...skipped, { type: BATCH_JOB_CANCELED, data: { ...summary(), counts: countsOf(after.items), by: command.by } }];
    }
    case 'RetryFailedBatchItems': {
      if (job.status === 'CANCELED') throw finished();
      const indexes = job.items.flatMap((it, i) => (it.status === 'FAILED' ? [i] : []));
      if (indexes.length === 0) return [];
      return [{ type: BATCH_FAILED_ITEMS_RETRIED, data: { jobId, by: command.by, indexes, at } }];
    }
  }
}

function evolveExisting(job: ExistingBatchJob, event: BatchJobEvent): ExistingBatchJob {
  const at = event.data.at;
  const withItem = (index: number, change: Partial<BatchItemState>) => {
    const items = job.items.slice();
    items[index] = { ...items[index], ...change };
    return { ...job, items, updatedAt: at };
  };
  switch (event.type) {
    case BATCH_ITEMS_STARTED:
      return withItem(event.data.index, { status: 'RUNNING', attempts: event.data.attempt, code: undefined, message: undefined });
    case BATCH_ITEM_SUCCEEDED:
      return withItem(event.data.index, { status: 'SUCCEEDED' });
    case BATCH_ITEM_FAILED:
      return withItem(event.data.index, { status: 'FAILED', code: event.data.code, message: event.data.message });
    case BATCH_ITEM_SKIPPED:
      return withItem(event.data.index, { status: 'SKIPPED' });
    case BATCH_JOB_PAUSED:
      return { ...job, status: 'PAUSED', pausedReason: event.data.reason, updatedAt: at };
    case BATCH_JOB_RESUMED:
      return { ...job, status: 'RUNNING', pausedReason: undefined, updatedAt: at };
    case BATCH_JOB_CANCELED:
      return { ...job, status: 'CANCELED', pausedReason: undefined, updatedAt: at };
    case BATCH_FAILED_ITEMS_RETRIED: {
      const items = job.items.slice();
      for (const i of event.data.indexes) items[i] = { ...items[i], status: 'PENDING', code: undefined, message: undefined };
      return { ...job, items, status: 'RUNNING', pausedReason: undefined, updatedAt: at };
    }
    case BATCH_JOB_COMPLETED:
      return { ...job, status: event.data.status, updatedAt: at };
    case BATCH_JOB_STARTED:
      return job;
  }
}

export const batchJobDecider: Decider<BatchJobState, BatchJobCommand, BatchJobEvent> = {
  initialState: () => ({ status: 'NONE' }),
  decide(command, state, { now }) {
    const at = now.toISOString();
    if (command.type === 'StartBatchJob') {
      if (state.status !== 'NONE') throw AppError.conflict('ALREADY_EXISTS', 'the job exists');
      return start(command, at);
    }
    if (state.status === 'NONE') throw batchJobNotFound();
    return decideExisting(command, state, at);
  },
  evolve(state, event) {
    if (event.type === BATCH_JOB_STARTED) {
      const { jobId, isvWorkspaceId, kind, params, options, miniProgramIds, createdBy, at } = event.data;
      const items = miniProgramIds.map((miniProgramId): BatchItemState => ({ miniProgramId, status: 'PENDING', attempts: 0 }));
      return { status: 'RUNNING', jobId, isvWorkspaceId, kind, params, options, createdBy, createdAt: at, updatedAt: at, items };
    }
    return state.status === 'NONE' ? state : evolveExisting(state, event);
  },
};
