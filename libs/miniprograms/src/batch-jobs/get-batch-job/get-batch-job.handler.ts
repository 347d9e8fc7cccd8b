import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BatchJobReads } from '../batch-job-changes';
import { GetBatchJob } from './get-batch-job.query';

/** One row by key (counts kept in it), so it answers in a few ms however large the job and however busy its runner. */
@QueryHandler(GetBatchJob)
export class GetBatchJobHandler implements IQueryHandler<GetBatchJob> {
  constructor(private readonly reads: BatchJobReads) {}

  execute({ payload, meta }: GetBatchJob) {
    return this.reads.view(payload.jobId, meta);
  }
}
