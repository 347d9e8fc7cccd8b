import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { TEMPLATES_NOT_AVAILABLE } from '../../miniprograms.errors';
import { requireJobRunner } from '../batch-job-access';
import { batchJobDecider, batchJobStreamId } from '../batch-job.decider';
import { BatchJobRunner } from '../batch-job-runner';
import { ITEM_COMMANDS } from '../item-commands';
import { miniProgramsMadeFrom } from '../template-targets';
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
  ) {}

  async execute({ payload, meta }: StartBatchJob) {
    const actor = signedIn(meta);
    const { workspaceId, kind, targets, params, options } = payload;
    await requireJobRunner(this.sql, workspaceId, actor);
    if (kind === 'APPLY_TEMPLATE' && !ITEM_COMMANDS.APPLY_TEMPLATE) throw AppError.rule(TEMPLATES_NOT_AVAILABLE, 'APPLY_TEMPLATE jobs are not available yet');
    const miniProgramIds = targets?.templateId !== undefined ? await miniProgramsMadeFrom(this.sql, targets.templateId, workspaceId) : (targets?.miniProgramIds ?? []);
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
