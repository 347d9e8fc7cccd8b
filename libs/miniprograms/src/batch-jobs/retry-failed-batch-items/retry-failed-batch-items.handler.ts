import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BatchJobChanges } from '../batch-job-changes';
import { RetryFailedBatchItems } from './retry-failed-batch-items.command';

@CommandHandler(RetryFailedBatchItems)
export class RetryFailedBatchItemsHandler implements ICommandHandler<RetryFailedBatchItems> {
  constructor(private readonly changes: BatchJobChanges) {}

  execute({ payload, meta }: RetryFailedBatchItems) {
    return this.changes.make(payload.jobId, meta, 'RetryFailedBatchItems');
  }
}
