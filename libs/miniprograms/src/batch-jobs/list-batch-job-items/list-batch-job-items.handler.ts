import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BatchJobItemView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { BatchJobReads } from '../batch-job-changes';
import { ListBatchJobItems } from './list-batch-job-items.query';

type ItemRow = { idx: number; mini_program_id: string; status: BatchJobItemView['status']; code: string | null; message: string | null; attempts: number };

/** The job's items in the order they were listed, of one status if asked; the job's members only. */
@QueryHandler(ListBatchJobItems)
export class ListBatchJobItemsHandler implements IQueryHandler<ListBatchJobItems> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly reads: BatchJobReads,
  ) {}

  async execute({ payload, meta }: ListBatchJobItems) {
    const { jobId, status, limit, cursor } = payload;
    await this.reads.view(jobId, meta);
    const after = decodeCursor<{ i: number }>(cursor, { i: 'number' });
    const { rows } = await this.sql.query<ItemRow>(
      `SELECT idx, mini_program_id, status, code, message, attempts FROM batch_job_items
        WHERE job_id = $1 AND ($2::text IS NULL OR status = $2) AND idx > $3 ORDER BY idx LIMIT $4`,
      [jobId, status ?? null, after?.i ?? -1, limit + 1],
    );
    const items = rows.map((r) => ({ index: r.idx, item: itemView(r) }));
    const page = toPage(items, limit, (r) => ({ i: r.index }));
    return { items: page.items.map((r) => r.item), nextCursor: page.nextCursor };
  }
}

const itemView = (r: ItemRow): BatchJobItemView => ({
  miniProgramId: r.mini_program_id,
  status: r.status,
  ...(r.code !== null ? { code: r.code, message: r.message ?? '' } : {}),
  attempts: r.attempts,
});
