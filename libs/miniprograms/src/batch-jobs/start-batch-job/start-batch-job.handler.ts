import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { requireJobRunner } from '../batch-job-access';
import { batchJobDecider, batchJobStreamId } from '../batch-job.decider';
import { BatchJobRunner } from '../batch-job-runner';
import { miniProgramsMadeFrom } from '../template-targets';
import { TemplateChanges } from '../../templates/template-changes';
import { StartBatchJob } from './start-batch-job.command';

/**
 * Records the job with its targets resolved to items (listed ids are taken as they are: one that does not qualify
 * fails as its single request would) and wakes the runner; answers before any item runs (202).
 */
@CommandHandler(StartBatchJob)
export class StartBatchJobHandler implements ICommandHandler<StartBatchJob> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly runner: BatchJobRunner,
    private readonly templates: TemplateChanges,
  ) {}

  async execute({ payload, meta }: StartBatchJob) {
    const actor = signedIn(meta);
    const { workspaceId, kind, targets, params, options } = payload;
    await requireJobRunner(this.sql, workspaceId, actor);
    const miniProgramIds = targets?.templateId !== undefined ? await miniProgramsMadeFrom(this.sql, await this.templates.load(targets.templateId), workspaceId) : (targets?.miniProgramIds ?? []);
    const jobId = randomUUID();
    const { state } = await this.aggregates.handle(
      batchJobDecider,
      batchJobStreamId(jobId),
      { type: 'StartBatchJob', jobId, isvWorkspaceId: workspaceId, kind, params, options, miniProgramIds, createdBy: actor.accountId },
      { metadata: meta, mustBeNew: true },
    );
    if (state.status === 'NONE') throw new Error('a started job has a state');
    this.runner.wake(jobId);
    return { jobId, status: 'RUNNING' as const, total: state.items.length };
  }
}
