import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BatchJobChanges } from '../batch-job-changes';
import { ResumeBatchJob } from './resume-batch-job.command';

@CommandHandler(ResumeBatchJob)
export class ResumeBatchJobHandler implements ICommandHandler<ResumeBatchJob> {
  constructor(private readonly changes: BatchJobChanges) {}

  execute({ payload, meta }: ResumeBatchJob) {
    return this.changes.make(payload.jobId, meta, 'ResumeBatchJob');
  }
}
