import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BatchJobChanges } from '../batch-job-changes';
import { CancelBatchJob } from './cancel-batch-job.command';

@CommandHandler(CancelBatchJob)
export class CancelBatchJobHandler implements ICommandHandler<CancelBatchJob> {
  constructor(private readonly changes: BatchJobChanges) {}

  execute({ payload, meta }: CancelBatchJob) {
    return this.changes.make(payload.jobId, meta, 'CancelBatchJob');
  }
}
