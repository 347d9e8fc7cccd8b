import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BatchJobChanges } from '../batch-job-changes';
import { PauseBatchJob } from './pause-batch-job.command';

@CommandHandler(PauseBatchJob)
export class PauseBatchJobHandler implements ICommandHandler<PauseBatchJob> {
  constructor(private readonly changes: BatchJobChanges) {}

  execute({ payload, meta }: PauseBatchJob) {
    return this.changes.make(payload.jobId, meta, 'PauseBatchJob');
  }
}
