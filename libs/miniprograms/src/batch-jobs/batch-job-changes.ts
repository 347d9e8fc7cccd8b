import { Inject, Injectable } from '@nestjs/common';
import { BatchJobStatusReply, BatchJobView, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { batchJobNotFound } from '../miniprograms.errors';
import { requireJobReader, requireJobRunner } from './batch-job-access';
import { BatchItemState, BatchJobCommand, batchJobDecider, batchJobStreamId, countsOf, ExistingBatchJob } from './batch-job.decider';
import { BatchJobRunner } from './batch-job-runner';
import { BATCH_JOB_COLUMNS, BatchJobRow, batchJobView } from './batch-jobs.projection';

/** A member's change of a job (pause, resume, cancel, retry the failed items): 404 to those who do not see it. */
@Injectable()
export class BatchJobChanges {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly runner: BatchJobRunner,
  ) {}

  async make(jobId: string, meta: RequestMeta, type: Extract<BatchJobCommand, { by: string }>['type']): Promise<BatchJobStatusReply> {
    const actor = signedIn(meta);
    const loaded = await this.aggregates.load(batchJobDecider, batchJobStreamId(jobId));
    const { state } = loaded;
    if (state.status === 'NONE') throw batchJobNotFound();
    await requireJobRunner(this.sql, state.isvWorkspaceId, actor, batchJobNotFound);
    const result = await this.aggregates.handle(batchJobDecider, batchJobStreamId(jobId), { type, by: actor.accountId }, { metadata: meta, from: loaded });
    if (result.state.status === 'NONE') throw new Error('a changed job has a state');
    if (result.state.status === 'RUNNING') this.runner.wake(jobId);
    return { jobId, status: result.state.status };
  }
}

/**
 * A job as its members read it: its row in batch_jobs, or its stream while the projection has not caught up yet. Read
 * from its stream, the job comes with its items, so that its item list agrees with its counts.
 */
@Injectable()
export class BatchJobReads {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async view(jobId: string, meta: RequestMeta): Promise<BatchJobView> {
    return (await this.read(jobId, meta)).view;
  }

  async read(jobId: string, meta: RequestMeta): Promise<{ view: BatchJobView; items?: readonly BatchItemState[] }> {
    const actor = signedIn(meta);
    const { rows } = await this.sql.query<BatchJobRow>(`SELECT ${BATCH_JOB_COLUMNS} FROM batch_jobs WHERE job_id = $1`, [jobId]);
    const read = rows[0] ? { view: batchJobView(rows[0]) } : await this.fromStream(jobId);
    await requireJobReader(this.sql, read.view.workspaceId, actor);
    return read;
  }

  private async fromStream(jobId: string) {
    const { state } = await this.aggregates.load(batchJobDecider, batchJobStreamId(jobId));
    if (state.status === 'NONE') throw batchJobNotFound();
    return { view: viewOf(state), items: state.items };
  }
}

const viewOf = (job: ExistingBatchJob): BatchJobView => ({
  jobId: job.jobId,
  workspaceId: job.isvWorkspaceId,
  kind: job.kind,
  status: job.status,
  ...(job.pausedReason ? { pausedReason: job.pausedReason } : {}),
  dryRun: job.options.dryRun,
  total: job.items.length,
  counts: countsOf(job.items),
  params: job.params,
  concurrency: job.options.concurrency,
  maxFailureRatio: job.options.maxFailureRatio,
  createdBy: job.createdBy,
  createdAt: job.createdAt,
  updatedAt: job.updatedAt,
});
